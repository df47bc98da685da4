//! SEQ_SCORE: each respondent's Sales Equity score.

use crate::catalogue::{list, optional, range, Function, ResultShape, SCALE_MAX, SCALE_MIN};
use crate::cells::args::{Arg, Args};
use crate::cells::read::Scale;
use crate::cells::{format_number, tag, Cell, CellError, ErrorCode, Grid};
use crate::model::seq::ScoreSum;

pub const SEQ_SCORE: Function = Function {
    name: "SEQ_SCORE",
    family: "Sales Equity",
    description: "Sales Equity score (0–100) of each respondent: the weighted mean of their answered ratings, placed on the scale. One result per row.",
    params: &[
        range("ratings", "Survey answers, one row per respondent and one column per item (default scale 1–5). Blanks, n/a and don't know are unanswered."),
        optional(list("weights", "Optional weight of each item column (≥ 0, not all 0), as a row or a column. Default: all 1.")),
        SCALE_MIN,
        SCALE_MAX,
    ],
    result: ResultShape::PerRow { columns: 1 },
    example: "=RAPPORT.SEQ_SCORE(C2:T200) → one score per respondent; a row answering 4 on every item scores 75.",
    volatile: false,
    notes: &[],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let ratings = args.required(0)?;
    let scale = args.scale(2, 3)?;
    let weights = item_weights(args.get(1), ratings.cols())?;
    let scores = respondent_scores(ratings, &weights, scale);
    Ok(Grid::column(
        scores.into_iter().map(Cell::from_result).collect(),
    ))
}

/// The item weights: the given list (one per item column, each ≥ 0, not all 0) or all 1.
pub(crate) fn item_weights(weights: Option<Arg>, items: usize) -> Result<Vec<f64>, CellError> {
    let Some(arg) = weights else {
        return Ok(vec![1.0; items]);
    };
    let w = arg.number_list()?;
    if w.len() != items {
        return Err(arg.error(
            ErrorCode::Value,
            &format!(
                "has {} values but ratings has {} item columns",
                w.len(),
                items
            ),
        ));
    }
    if let Some(bad) = w.iter().find(|x| **x < 0.0) {
        return Err(arg.error(
            ErrorCode::Value,
            &format!("weights must be ≥ 0, got {}", format_number(*bad)),
        ));
    }
    if w.iter().all(|x| *x == 0.0) {
        return Err(arg.error(ErrorCode::Value, "weights must not all be 0"));
    }
    Ok(w)
}

/// Each row's score, or that row's error: the first invalid cell (validation wins), else
/// `#N/A` when answered items carry less than half the weight.
pub(crate) fn respondent_scores(
    ratings: Arg,
    weights: &[f64],
    scale: Scale,
) -> Vec<Result<f64, CellError>> {
    let span = scale.max - scale.min;
    let total: f64 = weights.iter().sum();
    (0..ratings.rows())
        .map(|r| {
            let mut sum = ScoreSum::default();
            if let Some((tags, nums)) = ratings.packed_row(r) {
                // The hot loop over a packed row: runs of numbers on the scale (other than 0)
                // are read in place, with no call in the loop so that the sums stay in
                // registers; each other cell goes through the reader, in column order.
                let mut c = 0;
                loop {
                    c += sum.add_run(
                        tags.get(c..).unwrap_or_default(),
                        nums.get(c..).unwrap_or_default(),
                        weights.get(c..).unwrap_or_default(),
                        scale,
                    );
                    if c >= weights.len() {
                        break;
                    }
                    // Unanswered without a call: a blank, or a 0 on a scale from 1 up.
                    let unanswered = match (tags.get(c), nums.get(c)) {
                        (Some(&tag::BLANK), _) => true,
                        (Some(&tag::NUMBER), Some(&x)) => x == 0.0 && scale.min >= 1.0,
                        _ => false,
                    };
                    if !unanswered {
                        if let (Some(&w), Some(x)) =
                            (weights.get(c), ratings.rating(r, c, scale)?)
                        {
                            sum.add(w, x - scale.min);
                        }
                    }
                    c += 1;
                }
            } else {
                for (c, &w) in weights.iter().enumerate() {
                    if let Some(x) = ratings.rating(r, c, scale)? {
                        sum.add(w, x - scale.min);
                    }
                }
            }
            sum.score(total, weights.len(), span).map_err(|t| {
                ratings.error_row(
                    r,
                    ErrorCode::NotAvailable,
                    &format!(
                        "too few answers: {} of {} (answers must carry at least half the item weight)",
                        t.answered, t.items
                    ),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn seq(args: Vec<Option<Grid>>) -> Vec<Cell> {
        call("SEQ_SCORE", args).unwrap().into_cells()
    }

    #[test]
    fn score_places_the_mean_answer_on_0_to_100() {
        let out = seq(vec![grid(vec![
            vec![n(5.0), n(5.0)],
            vec![n(1.0), n(1.0)],
            vec![n(4.0), n(4.0)],
            vec![n(3.0), t("2")],
        ])]);
        assert_eq!(
            out.iter().map(num).collect::<Vec<_>>(),
            [100.0, 0.0, 75.0, 37.5]
        );
    }

    #[test]
    fn weights_weight_the_answered_items() {
        let out = seq(vec![
            grid(vec![vec![n(5.0), n(1.0), t("n/a")]]),
            grid(vec![vec![n(3.0), n(1.0), n(0.0)]]),
        ]);
        // 100 · (3·1 + 1·0) / 4
        assert_eq!(num(&out[0]), 75.0);
    }

    #[test]
    fn weights_may_be_a_column() {
        let out = seq(vec![
            grid(vec![vec![n(5.0), n(1.0)]]),
            grid(vec![vec![n(1.0)], vec![n(3.0)]]),
        ]);
        assert_eq!(num(&out[0]), 25.0);
    }

    #[test]
    fn fewer_answers_than_half_the_weight_is_na_with_a_count() {
        let out = call("SEQ_SCORE", vec![grid(vec![vec![n(5.0), t(""), t("dk")]])]).unwrap();
        match &out.cells()[0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::NotAvailable);
                assert!(
                    e.message.contains("too few answers: 1 of 3"),
                    "{}",
                    e.message
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn zero_is_blank_on_a_scale_from_one() {
        let out = seq(vec![grid(vec![vec![n(0.0), n(5.0)]])]);
        assert_eq!(num(&out[0]), 100.0);
    }

    #[test]
    fn zero_is_a_rating_on_a_scale_from_zero() {
        let g = grid(vec![vec![n(0.0), n(10.0)]]);
        let zero = Some(Grid::scalar(n(0.0)));
        let ten = Some(Grid::scalar(n(10.0)));
        assert_eq!(num(&seq(vec![g, None, zero, ten])[0]), 50.0);
    }

    #[test]
    fn rating_above_the_scale_is_num_for_that_row_only() {
        let out = seq(vec![grid(vec![vec![n(6.0), n(5.0)], vec![n(5.0), n(5.0)]])]);
        assert_eq!(code(&out[0]), ErrorCode::Num);
        assert_eq!(num(&out[1]), 100.0);
    }

    #[test]
    fn text_rating_is_value_naming_row_and_column() {
        let out = call(
            "SEQ_SCORE",
            vec![grid(vec![vec![n(4.0), n(4.0)], vec![n(4.0), t("abc")]])],
        )
        .unwrap();
        match &out.cells()[1] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Value);
                assert_eq!(
                    e.message,
                    "SEQ_SCORE: ratings row 2, column 2: 'abc' is not a number"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn validation_errors_win_over_too_few_answers() {
        let out = seq(vec![grid(vec![vec![t(""), t(""), n(9.0)]])]);
        assert_eq!(code(&out[0]), ErrorCode::Num);
    }

    #[test]
    fn a_zero_weight_item_is_still_validated() {
        let out = seq(vec![
            grid(vec![vec![n(4.0), t("abc")]]),
            grid(vec![vec![n(1.0), n(0.0)]]),
        ]);
        assert_eq!(code(&out[0]), ErrorCode::Value);
    }

    #[test]
    fn an_error_value_in_a_rating_propagates_to_its_row() {
        let out = seq(vec![grid(vec![
            vec![n(4.0), Cell::error(ErrorCode::Div0, "")],
            vec![n(4.0), n(4.0)],
        ])]);
        assert_eq!(code(&out[0]), ErrorCode::Div0);
        assert_eq!(num(&out[1]), 75.0);
    }

    #[test]
    fn bad_weights_are_a_whole_call_value_error() {
        let r = grid(vec![vec![n(4.0), n(4.0)]]);
        for w in [
            vec![vec![n(-1.0), n(1.0)]],
            vec![vec![n(0.0), n(0.0)]],
            vec![vec![n(1.0), Cell::Blank]],
            vec![vec![n(1.0)]],
            vec![vec![n(1.0), n(1.0), n(1.0)]],
        ] {
            let e = call("SEQ_SCORE", vec![r.clone(), grid(w.clone())]).unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{w:?}");
            assert!(e.message.starts_with("SEQ_SCORE: weights"), "{}", e.message);
        }
    }

    #[test]
    fn scale_min_must_be_below_scale_max() {
        let r = grid(vec![vec![n(4.0)]]);
        let e = call(
            "SEQ_SCORE",
            vec![
                r,
                None,
                Some(Grid::scalar(n(5.0))),
                Some(Grid::scalar(n(5.0))),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn one_result_per_row() {
        let out = call("SEQ_SCORE", vec![grid(vec![vec![n(4.0)]; 7])]).unwrap();
        assert_eq!((out.rows(), out.cols()), (7, 1));
    }
}
