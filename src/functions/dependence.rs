//! DEPENDENCE: how much each partner depends on you, and so how much closeness it needs.

use crate::catalogue::{column, optional, Function, ResultShape, SCALE_MAX, SCALE_MIN};
use crate::cells::args::{Arg, Args};
use crate::cells::read::Scale;
use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::model::closeness::dependence_score;

pub const DEPENDENCE: Function = Function {
    name: "DEPENDENCE",
    family: "Closeness and commitment",
    description: "How much each partner depends on you (0–100), and so how much closeness it needs: the mean of its criticality, its lack of substitutes and, when given, its switching cost, each placed on the rating scale. One result per row.",
    params: &[
        column("criticality", "How badly the partner suffers if what you provide fails, rated on the scale (default 1–5)."),
        column("substitutability", "How easily other vendors could provide the same, rated on the scale; high means low dependence."),
        optional(column("switching_cost", "Optional cost to the partner of switching away from you, rated on the scale. A blank cell leaves it out for that row.")),
        SCALE_MIN,
        SCALE_MAX,
    ],
    result: ResultShape::PerRow { columns: 1 },
    example: "=RAPPORT.DEPENDENCE(B2:B50, C2:C50, D2:D50) → one score per partner; criticality 5, substitutability 1, switching cost 3 gives 83.3.",
    volatile: false,
    notes: &[
        "`criticality`, `substitutability` and `switching_cost` are column arguments (one column wide, else a whole-call `#VALUE!`); a 1×1 value is repeated for every row.",
        "A blank criticality or substitutability makes the row `#N/A` (both are needed); validation errors anywhere in the row win over that `#N/A`.",
        "When `switching_cost` is given but a row's cell is blank, that row averages the two answered components (as if switching cost had been omitted for it).",
        "All three are rating arguments: a 0 is blank when `scale_min` ≥ 1, and a rating outside the scale is `#NUM!`.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let criticality = args.required(0)?;
    let substitutability = args.required(1)?;
    let switching = args.get(2);
    let inputs = [Some(criticality), Some(substitutability), switching];
    for a in inputs.iter().flatten() {
        a.expect_column()?;
    }
    let rows = args.parallel_rows(&inputs)?;
    let scale = args.scale(3, 4)?;
    let scores = (0..rows)
        .map(|r| partner_dependence(r, criticality, substitutability, switching, scale))
        .map(Cell::from_result)
        .collect();
    Ok(Grid::column(scores))
}

/// One row's dependence, or its first invalid cell, else `#N/A` for a missing component.
fn partner_dependence(
    r: usize,
    criticality: Arg,
    substitutability: Arg,
    switching: Option<Arg>,
    scale: Scale,
) -> Result<f64, CellError> {
    let c = criticality.rating(r, 0, scale)?;
    let s = substitutability.rating(r, 0, scale)?;
    let w = switching
        .map(|a| a.rating(r, 0, scale))
        .transpose()?
        .flatten();
    let unanswered = |a: Arg| {
        a.error_row(
            r,
            ErrorCode::NotAvailable,
            "no answer (criticality and substitutability are both needed)",
        )
    };
    let c = c.ok_or_else(|| unanswered(criticality))?;
    let s = s.ok_or_else(|| unanswered(substitutability))?;
    Ok(dependence_score(
        c - scale.min,
        scale.max - s,
        w.map(|x| x - scale.min),
        scale.max - scale.min,
    ))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn dep(args: Vec<Option<Grid>>) -> Vec<Cell> {
        call("DEPENDENCE", args).unwrap().into_cells()
    }

    #[test]
    fn dependence_is_the_mean_of_criticality_and_lack_of_substitutes() {
        // (5 → 1) and (1 − (3 → 0.5)) → mean 0.75.
        let out = dep(vec![
            col(vec![n(5.0), n(1.0), n(3.0)]),
            col(vec![n(3.0), n(5.0), n(3.0)]),
        ]);
        assert_eq!(out.iter().map(num).collect::<Vec<_>>(), [75.0, 0.0, 50.0]);
    }

    #[test]
    fn switching_cost_joins_the_mean_when_given() {
        // criticality 5 → 1, substitutability 1 → 1, switching 3 → 0.5: 100·2.5/3.
        let out = dep(vec![one(n(5.0)), one(n(1.0)), one(n(3.0))]);
        assert_eq!(num(&out[0]), 100.0 * 2.5 / 3.0);
    }

    #[test]
    fn a_blank_switching_cost_leaves_it_out_for_that_row() {
        let out = dep(vec![
            col(vec![n(5.0), n(5.0)]),
            col(vec![n(1.0), n(1.0)]),
            col(vec![n(1.0), t("n/a")]),
        ]);
        assert_eq!(num(&out[0]), 100.0 * 2.0 / 3.0);
        assert_eq!(num(&out[1]), 100.0);
    }

    #[test]
    fn blank_criticality_or_substitutability_is_na() {
        let out = dep(vec![
            col(vec![Cell::Blank, n(4.0)]),
            col(vec![n(2.0), t("dk")]),
        ]);
        match &out[0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::NotAvailable);
                assert!(
                    e.message
                        .starts_with("DEPENDENCE: criticality row 1: no answer"),
                    "{}",
                    e.message
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(code(&out[1]), ErrorCode::NotAvailable);
    }

    #[test]
    fn zero_is_blank_on_a_scale_from_one() {
        let out = dep(vec![one(n(0.0)), one(n(1.0))]);
        assert_eq!(code(&out[0]), ErrorCode::NotAvailable);
    }

    #[test]
    fn zero_is_a_rating_on_a_scale_from_zero() {
        let out = dep(vec![
            one(n(10.0)),
            one(n(0.0)),
            None,
            one(n(0.0)),
            one(n(10.0)),
        ]);
        assert_eq!(num(&out[0]), 100.0);
    }

    #[test]
    fn a_rating_outside_the_scale_is_num() {
        let out = dep(vec![col(vec![n(6.0), n(5.0)]), one(n(1.0))]);
        match &out[0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Num);
                assert_eq!(
                    e.message,
                    "DEPENDENCE: criticality row 1, column 1: 6 is outside the scale 1–5"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(num(&out[1]), 100.0);
    }

    #[test]
    fn validation_errors_win_over_a_missing_answer() {
        let out = dep(vec![one(Cell::Blank), one(n(2.0)), one(t("high"))]);
        assert_eq!(code(&out[0]), ErrorCode::Value);
    }

    #[test]
    fn error_values_propagate_to_their_row() {
        let out = dep(vec![
            one(n(3.0)),
            col(vec![Cell::error(ErrorCode::Ref, ""), n(3.0)]),
        ]);
        assert_eq!(code(&out[0]), ErrorCode::Ref);
        assert_eq!(num(&out[1]), 50.0);
    }

    #[test]
    fn scale_min_must_be_below_scale_max() {
        let e = call(
            "DEPENDENCE",
            vec![one(n(3.0)), one(n(3.0)), None, one(n(5.0)), one(n(1.0))],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn parallel_columns_must_match_and_be_one_column_wide() {
        let e = call(
            "DEPENDENCE",
            vec![col(vec![n(3.0); 2]), col(vec![n(3.0); 3])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = call(
            "DEPENDENCE",
            vec![
                Some(Grid::from_rows(vec![vec![n(3.0), n(3.0)]])),
                one(n(3.0)),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
