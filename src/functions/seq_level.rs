//! SEQ_LEVEL: the Sales Equity level of each score.

use crate::catalogue::{list, optional, range, Function, ResultShape};
use crate::cells::args::{Arg, Args};
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::seq::{sales_equity_level, DEFAULT_CUTOFFS, SCORE_RANGE};

pub const SEQ_LEVEL: Function = Function {
    name: "SEQ_LEVEL",
    family: "Sales Equity",
    description: "Sales Equity level of each score (0–100): Antagonistic, Transactional, Predisposed or Trusted Advisor. Returns the same shape as the scores; blank scores stay blank.",
    params: &[
        range("scores", "Sales Equity scores on 0–100, e.g. from SEQ_SCORE or SEQ_PERCENTILE. Blank cells give blank results."),
        optional(list("cutoffs", "Optional 3 strictly ascending cut points inside (0, 100), as a row or a column: the lowest scores of Transactional, Predisposed and Trusted Advisor. Default {50, 70, 85}.")),
    ],
    result: ResultShape::ElementWise,
    example: "=RAPPORT.SEQ_LEVEL(B2:B200) → a level per score; 72 shows Predisposed, 85 shows Trusted Advisor.",
    volatile: false,
    notes: &[
        "An error value in a score cell gives that cell the same error (propagation); text that is not a number (or a boolean) gives `#VALUE!` for that cell only.",
        "`cutoffs` that are not exactly 3 numbers, not strictly ascending, or not inside (0, 100) are a whole-call `#VALUE!`; an error value inside `cutoffs` makes the whole call that error, as for every list option.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let scores = args.required(0)?;
    let cutoffs = level_cutoffs(args.get(1))?;
    let rows = (0..scores.rows())
        .map(|r| {
            (0..scores.cols())
                .map(|c| match score_level(scores, r, c, &cutoffs) {
                    Ok(Some(level)) => Cell::text(level),
                    Ok(None) => Cell::Blank,
                    Err(e) => Cell::Error(e),
                })
                .collect()
        })
        .collect();
    Ok(Grid::from_rows(rows))
}

/// The cut points: the given list (3 strictly ascending numbers inside (0, 100)) or the default.
fn level_cutoffs(cutoffs: Option<Arg>) -> Result<[f64; 3], CellError> {
    let Some(arg) = cutoffs else {
        return Ok(DEFAULT_CUTOFFS);
    };
    let values = arg.number_list()?;
    let Ok(c) = <[f64; 3]>::try_from(values.as_slice()) else {
        return Err(arg.error(
            ErrorCode::Value,
            &format!("must be 3 numbers, got {}", values.len()),
        ));
    };
    let (lo, hi) = SCORE_RANGE;
    if let Some(bad) = c.iter().find(|x| **x <= lo || **x >= hi) {
        return Err(arg.error(
            ErrorCode::Value,
            &format!(
                "each cut point must be between {} and {} (exclusive), got {}",
                format_number(lo),
                format_number(hi),
                format_number(*bad)
            ),
        ));
    }
    if c.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
        return Err(arg.error(ErrorCode::Value, "cut points must be strictly ascending"));
    }
    Ok(c)
}

/// The level name of one score cell, `None` for a blank.
fn score_level(
    scores: Arg,
    r: usize,
    c: usize,
    cutoffs: &[f64; 3],
) -> Result<Option<&'static str>, CellError> {
    let Some(x) = scores.number(r, c)? else {
        return Ok(None);
    };
    let (lo, hi) = SCORE_RANGE;
    if !(lo..=hi).contains(&x) {
        return Err(scores.error_at(
            r,
            c,
            ErrorCode::Num,
            &format!(
                "{} is outside the score range {}–{}",
                format_number(x),
                format_number(lo),
                format_number(hi)
            ),
        ));
    }
    Ok(Some(sales_equity_level(x, cutoffs).name()))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn column(xs: &[f64]) -> Option<Grid> {
        Some(Grid::column(xs.iter().map(|x| n(*x)).collect()))
    }
    fn level(args: Vec<Option<Grid>>) -> Vec<Cell> {
        call("SEQ_LEVEL", args).unwrap().into_cells()
    }

    #[test]
    fn default_cut_points_are_50_70_85() {
        let out = level(vec![column(&[
            0.0, 49.99, 50.0, 69.99, 70.0, 84.99, 85.0, 100.0,
        ])]);
        assert_eq!(
            out,
            [
                t("Antagonistic"),
                t("Antagonistic"),
                t("Transactional"),
                t("Transactional"),
                t("Predisposed"),
                t("Predisposed"),
                t("Trusted Advisor"),
                t("Trusted Advisor"),
            ]
        );
    }

    #[test]
    fn given_cut_points_replace_the_defaults() {
        let out = level(vec![
            column(&[9.0, 10.0, 33.9, 34.0, 79.0, 80.0]),
            grid(vec![vec![n(10.0), n(34.0), n(80.0)]]),
        ]);
        assert_eq!(
            out,
            [
                t("Antagonistic"),
                t("Transactional"),
                t("Transactional"),
                t("Predisposed"),
                t("Predisposed"),
                t("Trusted Advisor"),
            ]
        );
    }

    #[test]
    fn cut_points_may_be_a_column_of_numeric_text() {
        let out = level(vec![
            column(&[20.0]),
            grid(vec![vec![t("10")], vec![t("20")], vec![t("30")]]),
        ]);
        assert_eq!(out, [t("Predisposed")]);
    }

    #[test]
    fn result_has_the_shape_of_the_scores() {
        let out = call(
            "SEQ_LEVEL",
            vec![grid(vec![
                vec![n(10.0), n(60.0), n(75.0)],
                vec![n(90.0), Cell::Blank, n(50.0)],
            ])],
        )
        .unwrap();
        assert_eq!((out.rows(), out.cols()), (2, 3));
        assert_eq!(out.get(1, 0), &t("Trusted Advisor"));
        assert_eq!(out.get(0, 2), &t("Predisposed"));
    }

    #[test]
    fn blank_scores_give_blank_cells() {
        let out = level(vec![grid(vec![
            vec![Cell::Blank],
            vec![t("")],
            vec![t("n/a")],
            vec![t(" 72 ")],
        ])]);
        assert_eq!(
            out,
            [Cell::Blank, Cell::Blank, Cell::Blank, t("Predisposed")]
        );
    }

    #[test]
    fn score_outside_0_to_100_is_num_for_that_cell_only() {
        let out = level(vec![column(&[-0.5, 100.5, 100.0])]);
        let e = err(&out[1]);
        assert_eq!(e.code, ErrorCode::Num);
        assert_eq!(
            e.message,
            "SEQ_LEVEL: scores row 2, column 1: 100.5 is outside the score range 0–100"
        );
        assert_eq!(err(&out[0]).code, ErrorCode::Num);
        assert_eq!(out[2], t("Trusted Advisor"));
    }

    #[test]
    fn text_and_booleans_are_value_errors_for_their_cell() {
        let out = level(vec![grid(vec![
            vec![t("high")],
            vec![Cell::Bool(true)],
            vec![n(60.0)],
        ])]);
        let e = err(&out[0]);
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "SEQ_LEVEL: scores row 1, column 1: 'high' is not a number"
        );
        assert_eq!(err(&out[1]).code, ErrorCode::Value);
        assert_eq!(out[2], t("Transactional"));
    }

    #[test]
    fn error_values_propagate_to_their_cell() {
        let out = level(vec![grid(vec![
            vec![Cell::error(ErrorCode::Div0, "")],
            vec![n(60.0)],
        ])]);
        assert_eq!(err(&out[0]).code, ErrorCode::Div0);
        assert_eq!(out[1], t("Transactional"));
    }

    #[test]
    fn non_finite_scores_are_num() {
        let out = level(vec![column(&[f64::NAN])]);
        assert_eq!(err(&out[0]).code, ErrorCode::Num);
    }

    #[test]
    fn a_single_score_broadcasts_to_a_single_result() {
        let out = call("SEQ_LEVEL", vec![Some(Grid::scalar(n(85.0)))]).unwrap();
        assert_eq!(out, Grid::scalar(t("Trusted Advisor")));
    }

    #[test]
    fn bad_cutoffs_are_a_whole_call_value_error() {
        for (cutoffs, says) in [
            (vec![n(50.0), n(70.0)], "must be 3 numbers, got 2"),
            (
                vec![n(10.0), n(20.0), n(30.0), n(40.0)],
                "must be 3 numbers, got 4",
            ),
            (vec![n(50.0), n(50.0), n(85.0)], "strictly ascending"),
            (vec![n(70.0), n(50.0), n(85.0)], "strictly ascending"),
            (
                vec![n(0.0), n(50.0), n(85.0)],
                "between 0 and 100 (exclusive), got 0",
            ),
            (vec![n(50.0), n(70.0), n(100.0)], "got 100"),
            (
                vec![n(50.0), Cell::Blank, n(85.0)],
                "blank cell in the list",
            ),
            (vec![n(50.0), t("high"), n(85.0)], "'high' is not a number"),
        ] {
            let e = call(
                "SEQ_LEVEL",
                vec![column(&[60.0]), grid(vec![cutoffs.clone()])],
            )
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{cutoffs:?}");
            assert!(e.message.starts_with("SEQ_LEVEL: cutoffs"), "{}", e.message);
            assert!(e.message.contains(says), "{}", e.message);
        }
    }

    #[test]
    fn cutoffs_must_be_a_row_or_a_column() {
        let e = call(
            "SEQ_LEVEL",
            vec![
                column(&[60.0]),
                grid(vec![vec![n(10.0), n(20.0)], vec![n(30.0), n(40.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn an_error_value_in_cutoffs_fails_the_whole_call() {
        let e = call(
            "SEQ_LEVEL",
            vec![
                column(&[60.0]),
                grid(vec![vec![
                    n(50.0),
                    Cell::error(ErrorCode::Ref, ""),
                    n(85.0),
                ]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Ref);
    }

    #[test]
    fn bad_cutoffs_fail_the_call_even_when_every_score_is_blank() {
        let e = call(
            "SEQ_LEVEL",
            vec![
                grid(vec![vec![Cell::Blank], vec![Cell::Blank]]),
                column(&[90.0, 50.0, 60.0]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
