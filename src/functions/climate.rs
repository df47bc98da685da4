//! CLIMATE: the relationship climate, one 0–100 score per dimension.

use crate::catalogue::{
    list, optional, range, Function, ResultShape, TableRows, SCALE_MAX, SCALE_MIN,
};
use crate::cells::args::{Arg, Args, Groups, Table};
use crate::cells::read::{label_key, Scale};
use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::model::climate::DimensionPool;

pub const HEADER: [&str; 2] = ["Dimension", "Score"];

pub const CLIMATE: Function = Function {
    name: "CLIMATE",
    family: "Sales Equity",
    description: "Relationship climate: one row per dimension (Trust, Care, …) with its score on 0–100, the mean of every answer to that dimension's items placed on the scale. Spills a Dimension | Score table with a header row.",
    params: &[
        range("ratings", "Survey answers, one row per respondent and one column per item (default scale 1–5). Blanks, n/a and don't know are unanswered."),
        optional(list("dimensions", "Optional dimension of each item column, as a row or a column of labels (e.g. Trust, Trust, Care, …); labels match ignoring case, spaces, _ and -. Default: each column is its own dimension, Item 1, Item 2, …")),
        SCALE_MIN,
        SCALE_MAX,
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerItemColumn { args: 1 },
    },
    example: "=RAPPORT.CLIMATE(C2:T200, C1:T1) → one row per dimension named in C1:T1; a dimension whose answers average 4 on 1–5 scores 75.",
    volatile: false,
    notes: &[
        "Every row of `ratings` is a respondent (there is no key column, so no row is skipped); a row of blanks simply adds no answers.",
        "An invalid cell (text, a boolean, a rating outside the scale, an error value from the sheet) makes its dimension's Score that error; when a dimension has several, the first in row-major order (row by row, left to right within a row) wins. Other dimensions are unaffected.",
        "A `dimensions` label may be text or a number (written as text); a blank, a boolean or an error value in it, or a label count different from the item columns, is a whole-call error. Labels are trimmed; the output shows the first spelling of each dimension.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let ratings = args.required(0)?;
    let dims = item_dimensions(args.get(1), ratings.cols())?;
    let scale = args.scale(2, 3)?;
    let scores = dimension_scores(ratings, &dims, scale);
    let mut table = Table::new(&HEADER);
    for (name, score) in dims.names.into_iter().zip(scores) {
        table.push(vec![Cell::text(name), score_cell(&score)]);
    }
    Ok(table.into_grid())
}

/// The dimensions of the item columns: their names in first-appearance order, and the
/// dimension index of each column.
pub(crate) struct Dimensions {
    pub names: Vec<String>,
    pub of_column: Vec<usize>,
}

/// Reads the `dimensions` labels (one per item column, grouped ignoring case, spaces, `_` and
/// `-`), or names each column `Item 1`, `Item 2` … when omitted.
pub(crate) fn item_dimensions(labels: Option<Arg>, items: usize) -> Result<Dimensions, CellError> {
    let labels = match labels {
        None => (1..=items).map(|i| format!("Item {i}")).collect(),
        Some(arg) => {
            let labels = arg.label_list()?;
            if labels.len() != items {
                return Err(arg.error(
                    ErrorCode::Value,
                    &format!(
                        "has {} labels but the ratings have {} item columns; give one dimension per item column",
                        labels.len(),
                        items
                    ),
                ));
            }
            labels
        }
    };
    let mut groups = Groups::default();
    let of_column = labels
        .iter()
        .map(|l| groups.entity_by(l, label_key(l)))
        .collect();
    Ok(Dimensions {
        names: groups.into_names(),
        of_column,
    })
}

/// Why a dimension has no score.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Unscored {
    /// An invalid cell among its items (the first one found).
    Invalid(CellError),
    /// No answered cell among its items (`#N/A`).
    NoAnswers(CellError),
}

impl Unscored {
    pub fn error(&self) -> &CellError {
        match self {
            Unscored::Invalid(e) | Unscored::NoAnswers(e) => e,
        }
    }
}

pub(crate) type DimensionScore = Result<f64, Unscored>;

/// A dimension's score as a result cell: the number, or why it has none.
pub(crate) fn score_cell(score: &DimensionScore) -> Cell {
    match score {
        Ok(x) => Cell::Number(*x),
        Err(u) => Cell::Error(u.error().clone()),
    }
}

/// Each dimension's score, pooling every answered cell of its item columns; scanned row by row
/// so that a dimension's first invalid cell in row-major order is its error.
pub(crate) fn dimension_scores(
    ratings: Arg,
    dims: &Dimensions,
    scale: Scale,
) -> Vec<DimensionScore> {
    let mut pools = vec![DimensionPool::default(); dims.names.len()];
    let mut invalid: Vec<Option<CellError>> = vec![None; dims.names.len()];
    for r in 0..ratings.rows() {
        for (c, d) in dims.of_column.iter().enumerate() {
            let (Some(pool), Some(problem)) = (pools.get_mut(*d), invalid.get_mut(*d)) else {
                continue;
            };
            if problem.is_some() {
                continue;
            }
            match ratings.rating(r, c, scale) {
                Ok(Some(x)) => pool.add(x - scale.min),
                Ok(None) => {}
                Err(e) => *problem = Some(e),
            }
        }
    }
    dims.names
        .iter()
        .zip(pools)
        .zip(invalid)
        .map(
            |((name, pool), problem)| match (problem, pool.score(scale.max - scale.min)) {
                (Some(e), _) => Err(Unscored::Invalid(e)),
                (None, Some(score)) => Ok(score),
                (None, None) => Err(Unscored::NoAnswers(ratings.error(
                    ErrorCode::NotAvailable,
                    &format!("no answers for dimension '{name}'"),
                ))),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn labels(ls: &[&str]) -> Option<Grid> {
        grid(vec![ls.iter().map(|l| t(l)).collect()])
    }
    fn climate(args: Vec<Option<Grid>>) -> Vec<Vec<Cell>> {
        call("CLIMATE", args).unwrap().to_rows()
    }

    #[test]
    fn header_row_then_one_row_per_dimension() {
        let out = climate(vec![
            grid(vec![vec![n(5.0), n(3.0), n(1.0)]]),
            labels(&["Trust", "Care", "Trust"]),
        ]);
        assert_eq!(
            out,
            [
                vec![t("Dimension"), t("Score")],
                vec![t("Trust"), n(50.0)],
                vec![t("Care"), n(50.0)],
            ]
        );
    }

    #[test]
    fn score_pools_all_answers_of_a_dimension_not_a_mean_of_item_means() {
        // Item 1: 5, 5, 5 (mean 1.0 normalised); item 2: 1 and two blanks (mean 0).
        // Pooled: (1 + 1 + 1 + 0) / 4 = 0.75 → 75; a mean of means would give 50.
        let out = climate(vec![
            grid(vec![
                vec![n(5.0), n(1.0)],
                vec![n(5.0), Cell::Blank],
                vec![n(5.0), t("n/a")],
            ]),
            labels(&["Trust", "Trust"]),
        ]);
        assert_eq!(out[1], [t("Trust"), n(75.0)]);
    }

    #[test]
    fn without_dimensions_each_column_is_item_1_item_2() {
        let out = climate(vec![grid(vec![vec![n(4.0), n(2.0)], vec![n(4.0), n(4.0)]])]);
        assert_eq!(
            out,
            [
                vec![t("Dimension"), t("Score")],
                vec![t("Item 1"), n(75.0)],
                vec![t("Item 2"), n(50.0)],
            ]
        );
    }

    #[test]
    fn dimension_labels_group_ignoring_case_spaces_underscores_and_dashes() {
        let out = climate(vec![
            grid(vec![vec![n(5.0), n(1.0), n(3.0), n(3.0)]]),
            labels(&[
                "Problem solving",
                "problem_SOLVING",
                " Problem-Solving ",
                "Care",
            ]),
        ]);
        assert_eq!(out.len(), 3);
        // first spelling, trimmed; (1 + 0 + 0.5) / 3 = 0.5
        assert_eq!(out[1], [t("Problem solving"), n(50.0)]);
        assert_eq!(out[2], [t("Care"), n(50.0)]);
    }

    #[test]
    fn dimensions_may_be_a_column_and_numbers_are_labels() {
        let out = climate(vec![
            grid(vec![vec![n(5.0), n(1.0)]]),
            grid(vec![vec![n(1.0)], vec![n(2.0)]]),
        ]);
        assert_eq!(out[1], [t("1"), n(100.0)]);
        assert_eq!(out[2], [t("2"), n(0.0)]);
    }

    #[test]
    fn rows_follow_first_appearance_of_the_dimensions() {
        let out = climate(vec![
            grid(vec![vec![n(3.0), n(3.0), n(3.0)]]),
            labels(&["Linkages", "Trust", "Care"]),
        ]);
        let names: Vec<_> = out.iter().map(|r| r[0].clone()).collect();
        assert_eq!(
            names,
            [t("Dimension"), t("Linkages"), t("Trust"), t("Care")]
        );
    }

    #[test]
    fn a_dimension_without_answers_is_na() {
        let out = climate(vec![
            grid(vec![vec![n(4.0), Cell::Blank], vec![n(4.0), t("dk")]]),
            labels(&["Trust", "Care"]),
        ]);
        assert_eq!(out[1], [t("Trust"), n(75.0)]);
        let e = err(&out[2][1]);
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "CLIMATE: ratings: no answers for dimension 'Care'"
        );
    }

    #[test]
    fn zero_is_blank_on_a_scale_from_one_and_a_value_on_a_scale_from_zero() {
        let out = climate(vec![grid(vec![vec![n(0.0)], vec![n(5.0)]])]);
        assert_eq!(out[1][1], n(100.0));
        let out = climate(vec![
            grid(vec![vec![n(0.0)], vec![n(10.0)]]),
            None,
            Some(Grid::scalar(n(0.0))),
            Some(Grid::scalar(n(10.0))),
        ]);
        assert_eq!(out[1][1], n(50.0));
    }

    #[test]
    fn an_invalid_cell_makes_its_dimension_that_error_and_others_are_unaffected() {
        let out = climate(vec![
            grid(vec![
                vec![n(4.0), n(4.0)],
                vec![t("abc"), n(2.0)],
                vec![n(6.0), Cell::Bool(true)],
            ]),
            labels(&["Trust", "Care"]),
        ]);
        let e = err(&out[1][1]);
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "CLIMATE: ratings row 2, column 1: 'abc' is not a number"
        );
        let e = err(&out[2][1]);
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e.message.contains("row 3, column 2"), "{}", e.message);
    }

    #[test]
    fn first_problem_in_row_major_order_wins() {
        // Column 2 row 1 comes before column 1 row 2 in row-major order.
        let out = climate(vec![
            grid(vec![vec![n(4.0), n(9.0)], vec![t("abc"), n(4.0)]]),
            labels(&["Trust", "Trust"]),
        ]);
        let e = err(&out[1][1]);
        assert_eq!(e.code, ErrorCode::Num);
        assert_eq!(
            e.message,
            "CLIMATE: ratings row 1, column 2: 9 is outside the scale 1–5"
        );
    }

    #[test]
    fn validation_errors_win_over_no_answers() {
        let out = climate(vec![grid(vec![vec![Cell::Blank], vec![t("x")]])]);
        assert_eq!(err(&out[1][1]).code, ErrorCode::Value);
    }

    #[test]
    fn error_values_propagate_to_their_dimension() {
        let out = climate(vec![
            grid(vec![vec![Cell::error(ErrorCode::Div0, ""), n(5.0)]]),
            labels(&["Trust", "Care"]),
        ]);
        assert_eq!(err(&out[1][1]).code, ErrorCode::Div0);
        assert_eq!(out[2][1], n(100.0));
    }

    #[test]
    fn dimension_count_must_match_the_item_columns() {
        let e = call(
            "CLIMATE",
            vec![
                grid(vec![vec![n(4.0), n(4.0)]]),
                labels(&["Trust", "Care", "Linkages"]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("CLIMATE: dimensions: has 3 labels"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_blank_or_boolean_dimension_label_is_a_whole_call_value_error() {
        for bad in [Cell::Blank, t("n/a"), Cell::Bool(true)] {
            let e = call(
                "CLIMATE",
                vec![
                    grid(vec![vec![n(4.0), n(4.0)]]),
                    grid(vec![vec![t("Trust"), bad.clone()]]),
                ],
            )
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{bad:?}");
        }
    }

    #[test]
    fn scale_min_must_be_below_scale_max() {
        let e = call(
            "CLIMATE",
            vec![
                grid(vec![vec![n(4.0)]]),
                None,
                Some(Grid::scalar(n(5.0))),
                Some(Grid::scalar(n(1.0))),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn a_single_rating_is_a_one_dimension_climate() {
        let out = climate(vec![Some(Grid::scalar(t("4")))]);
        assert_eq!(out[1], [t("Item 1"), n(75.0)]);
    }
}
