//! FIT: whether the closeness you offer fits the partner's dependence on you.

use crate::catalogue::{number, range, Function, ResultShape};
use crate::cells::args::{pair_shortcut, Arg, Args};
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::closeness::{Fit, DEFAULT_FIT_THRESHOLD, SCORE_MAX, SCORE_MIN};

pub const FIT: Function = Function {
    name: "FIT",
    family: "Closeness and commitment",
    description: "Whether the closeness you offer fits the partner's dependence on you: Partnership, Transaction, Over-investing or Under-serving. Same shape as the input.",
    params: &[
        range("dependence", "Partner dependence scores, 0–100 (e.g. from DEPENDENCE)."),
        range("closeness", "Closeness of the relationship, 0–100: an SEQ score or any 0–100 measure. Same shape as dependence, or a single value."),
        number("threshold", "Score from which dependence and closeness count as high. Default 50; must be between 0 and 100 (exclusive)."),
    ],
    result: ResultShape::ElementWise,
    example: "=RAPPORT.FIT(E2:E50, F2:F50) → Partnership when both are ≥ 50; dependence 30 with closeness 80 shows Over-investing.",
    volatile: false,
    notes: &[
        "An error value from the sheet in either cell propagates (dependence first); otherwise a blank in either cell gives a blank, whatever the other holds; only then are both values checked (a number in [0, 100]).",
        "A 1×1 side is repeated over the other side's shape; the result has the shape of the larger side.",
        "A value equal to the threshold counts as high.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let dependence = args.required(0)?;
    let closeness = args.required(1)?;
    let threshold = args.number_or(2, DEFAULT_FIT_THRESHOLD)?;
    if !(threshold > SCORE_MIN && threshold < SCORE_MAX) {
        return Err(CellError::value(format!(
            "FIT: threshold: must be between 0 and 100 (exclusive), got {}",
            format_number(threshold)
        )));
    }
    let (rows, cols) = if dependence.is_scalar() {
        (closeness.rows(), closeness.cols())
    } else {
        (dependence.rows(), dependence.cols())
    };
    if !closeness.is_scalar() && (closeness.rows(), closeness.cols()) != (rows, cols) {
        return Err(CellError::value(format!(
            "FIT: dependence is {}×{} but closeness is {}×{}; they must have the same shape (a single cell is repeated)",
            dependence.rows(),
            dependence.cols(),
            closeness.rows(),
            closeness.cols()
        )));
    }
    let mut cells = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            cells.push(fit_cell(dependence, closeness, r, c, threshold));
        }
    }
    Grid::new(rows, cols, cells).ok_or_else(|| CellError::value("FIT: internal: bad result"))
}

fn fit_cell(dependence: Arg, closeness: Arg, r: usize, c: usize, threshold: f64) -> Cell {
    if let Some(cell) = pair_shortcut(dependence, closeness, r, c) {
        return cell;
    }
    let read = || -> Result<Option<Fit>, CellError> {
        let d = score(dependence, r, c)?;
        let k = score(closeness, r, c)?;
        Ok(d.zip(k).map(|(d, k)| Fit::of(d, k, threshold)))
    };
    match read() {
        Ok(Some(fit)) => Cell::text(fit.name()),
        Ok(None) => Cell::Blank,
        Err(e) => Cell::Error(e),
    }
}

/// A 0–100 score or `None` for a blank; outside [0, 100] is `#NUM!`.
fn score(a: Arg, r: usize, c: usize) -> Result<Option<f64>, CellError> {
    match a.number(r, c)? {
        Some(x) if !(SCORE_MIN..=SCORE_MAX).contains(&x) => Err(a.error_at(
            r,
            c,
            ErrorCode::Num,
            &format!("{} is outside 0–100", format_number(x)),
        )),
        x => Ok(x),
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn g(rows: Vec<Vec<Cell>>) -> Option<Grid> {
        Some(Grid::from_rows(rows))
    }
    fn fit(args: Vec<Option<Grid>>) -> Vec<Vec<Cell>> {
        call("FIT", args).unwrap().to_rows()
    }

    #[test]
    fn four_quadrants_at_the_default_threshold_of_50() {
        let out = fit(vec![
            g(vec![vec![n(80.0), n(20.0)], vec![n(30.0), n(90.0)]]),
            g(vec![vec![n(70.0), n(10.0)], vec![n(80.0), n(40.0)]]),
        ]);
        assert_eq!(
            out,
            [
                [t("Partnership"), t("Transaction")],
                [t("Over-investing"), t("Under-serving")]
            ]
        );
    }

    #[test]
    fn a_value_at_the_threshold_is_high() {
        let out = fit(vec![g(vec![vec![n(50.0), n(49.99)]]), one(n(50.0))]);
        assert_eq!(out, [[t("Partnership"), t("Over-investing")]]);
    }

    #[test]
    fn threshold_option_moves_the_cut() {
        let out = fit(vec![one(n(60.0)), one(n(60.0)), one(n(70.0))]);
        assert_eq!(out, [[t("Transaction")]]);
    }

    #[test]
    fn threshold_outside_0_to_100_exclusive_is_a_whole_call_value_error() {
        for th in [0.0, 100.0, -1.0, 150.0] {
            let e = call("FIT", vec![one(n(50.0)), one(n(50.0)), one(n(th))]).unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{th}");
            assert!(e.message.starts_with("FIT: threshold"), "{}", e.message);
        }
    }

    #[test]
    fn a_blank_in_either_gives_a_blank_cell() {
        let out = fit(vec![
            g(vec![vec![Cell::Blank, n(60.0), t("n/a")]]),
            g(vec![vec![n(60.0), t(""), n(60.0)]]),
        ]);
        assert_eq!(out, [[Cell::Blank, Cell::Blank, Cell::Blank]]);
    }

    #[test]
    fn a_value_outside_0_to_100_is_num_for_that_cell() {
        let out = fit(vec![
            g(vec![vec![n(101.0), n(60.0)]]),
            g(vec![vec![n(50.0), n(-1.0)]]),
        ]);
        match &out[0][0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Num);
                assert_eq!(
                    e.message,
                    "FIT: dependence row 1, column 1: 101 is outside 0–100"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(code(&out[0][1]), ErrorCode::Num);
    }

    #[test]
    fn a_blank_beside_an_invalid_value_gives_a_blank() {
        let out = fit(vec![one(Cell::Blank), one(t("high"))]);
        assert_eq!(out[0][0], Cell::Blank);
        let out = fit(vec![one(n(150.0)), one(Cell::Blank)]);
        assert_eq!(out[0][0], Cell::Blank);
    }

    #[test]
    fn error_values_propagate_per_cell() {
        let out = fit(vec![
            g(vec![vec![Cell::error(ErrorCode::Div0, ""), n(60.0)]]),
            one(n(60.0)),
        ]);
        assert_eq!(code(&out[0][0]), ErrorCode::Div0);
        assert_eq!(out[0][1], t("Partnership"));
    }

    #[test]
    fn a_single_dependence_is_repeated_over_closeness() {
        let out = fit(vec![one(t("75")), g(vec![vec![n(10.0)], vec![n(90.0)]])]);
        assert_eq!(out, [[t("Under-serving")], [t("Partnership")]]);
    }

    #[test]
    fn different_shapes_are_a_whole_call_value_error() {
        let e = call(
            "FIT",
            vec![
                g(vec![vec![n(1.0), n(2.0)]]),
                g(vec![vec![n(1.0)], vec![n(2.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
