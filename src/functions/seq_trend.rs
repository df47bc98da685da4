//! SEQ_TREND: is an account's Sales Equity improving, stable or declining?

use crate::catalogue::{column, Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{Cell, CellError, CellRef, ErrorCode, Grid};
use crate::model::trend::{slope_per_year, Trend};

pub const SEQ_TREND: Function = Function {
    name: "SEQ_TREND",
    family: "Sales Equity",
    description: "Trend of Sales Equity scores over time: the least-squares slope in points per year and a verdict, Improving (≥ +5), Declining (≤ −5) or Stable. Returns one row of two cells.",
    params: &[
        column("dates", "Date of each score: a date (Excel serial) or YYYY-MM-DD text. Rows with a blank date or score are skipped."),
        column("scores", "Sales Equity score of each date (any number, usually 0–100), e.g. from SEQ_SCORE or ACCOUNT_SEQ."),
    ],
    result: ResultShape::Fixed { rows: 1, columns: 2 },
    example: "=RAPPORT.SEQ_TREND(A2:A9, B2:B9) → 7.3 | Improving: the score rises about 7 points a year.",
    volatile: false,
    notes: &[
        "`dates` and `scores` are both single columns of the same length (a 1×1 side is repeated); anything else is a whole-call `#VALUE!`.",
        "Every row is read before blanks are skipped, so a bad cell is reported even when the other cell of its row is blank.",
        "A bad date or score (text that is not a date or number, a boolean, a serial outside 0…2958465, a non-finite number) makes the whole result `#VALUE!` naming the cell; an error value from the sheet makes the whole result that error (propagation).",
        "Several scores on the same date all count (they pull the line together).",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let dates = args.required(0)?;
    let scores = args.required(1)?;
    dates.expect_column()?;
    scores.expect_column()?;
    let n = args.parallel_rows(&[Some(dates), Some(scores)])?;
    let as_value = |e: CellError, cell: CellRef| match cell {
        CellRef::Error(_) => e,
        _ => CellError::new(ErrorCode::Value, e.message),
    };
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    for r in 0..n {
        let date = dates
            .date(r, 0)
            .map_err(|e| as_value(e, dates.cell(r, 0)))?;
        let score = scores
            .number(r, 0)
            .map_err(|e| as_value(e, scores.cell(r, 0)))?;
        if let (Some(x), Some(y)) = (date, score) {
            xs.push(x);
            ys.push(y);
        }
    }
    let slope = slope_per_year(&xs, &ys).ok_or_else(|| {
        CellError::not_available(format!(
            "{}: fewer than 2 distinct dates with a score ({} dated score{})",
            args.func,
            xs.len(),
            if xs.len() == 1 { "" } else { "s" }
        ))
    })?;
    Ok(Grid::from_rows(vec![vec![
        Cell::Number(slope),
        Cell::text(Trend::of_slope(slope).name()),
    ]]))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn trend(dates: Vec<Cell>, scores: Vec<Cell>) -> Result<Grid, CellError> {
        call("SEQ_TREND", vec![col(dates), col(scores)])
    }
    fn ok(dates: Vec<Cell>, scores: Vec<Cell>) -> (f64, Cell) {
        let g = trend(dates, scores).unwrap();
        assert_eq!((g.rows(), g.cols()), (1, 2));
        match g.get(0, 0) {
            Cell::Number(x) => (*x, g.get(0, 1).clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn slope_is_least_squares_points_per_365_days() {
        // Days 0, 73, 146 with scores 50, 52, 51: slope/day = Σdx·dy/Σdx² = 73/(2·73²) = 1/146,
        // per year 365/146 = 2.5.
        let (s, v) = ok(
            vec![n(45000.0), n(45073.0), n(45146.0)],
            vec![n(50.0), n(52.0), n(51.0)],
        );
        assert!((s - 2.5).abs() < 1e-12, "{s}");
        assert_eq!(v, t("Stable"));
    }

    #[test]
    fn improving_from_plus_five_points_a_year() {
        assert_eq!(
            ok(vec![n(45000.0), n(45365.0)], vec![n(70.0), n(75.0)]),
            (5.0, t("Improving"))
        );
        let (s, v) = ok(vec![n(45000.0), n(45365.0)], vec![n(70.0), n(74.99)]);
        assert!(s < 5.0);
        assert_eq!(v, t("Stable"));
    }

    #[test]
    fn declining_from_minus_five_points_a_year() {
        assert_eq!(
            ok(vec![n(45000.0), n(45365.0)], vec![n(75.0), n(70.0)]),
            (-5.0, t("Declining"))
        );
        let (_, v) = ok(vec![n(45000.0), n(45365.0)], vec![n(75.0), n(70.01)]);
        assert_eq!(v, t("Stable"));
    }

    #[test]
    fn iso_dates_and_serials_mix() {
        // 2023-03-15 is serial 45000; 2024-03-14 is 45365.
        let (s, v) = ok(vec![t("2023-03-15"), n(45365.0)], vec![n(80.0), t("60")]);
        assert_eq!((s, v), (-20.0, t("Declining")));
    }

    #[test]
    fn fractional_serials_are_fine() {
        let (s, _) = ok(vec![n(45000.25), n(45000.75)], vec![n(50.0), n(51.0)]);
        assert!((s - 730.0).abs() < 1e-9, "{s}");
    }

    #[test]
    fn rows_with_a_blank_date_or_score_are_skipped() {
        let (s, _) = ok(
            vec![n(45000.0), Cell::Blank, n(45100.0), n(45365.0)],
            vec![n(70.0), n(0.0), t("n/a"), n(75.0)],
        );
        assert_eq!(s, 5.0);
    }

    #[test]
    fn fewer_than_two_distinct_dates_is_one_na() {
        for (d, s) in [
            (vec![n(45000.0), n(45000.0)], vec![n(10.0), n(90.0)]),
            (vec![n(45000.0), Cell::Blank], vec![n(10.0), n(90.0)]),
            (vec![Cell::Blank], vec![Cell::Blank]),
        ] {
            let e = trend(d, s).unwrap_err();
            assert_eq!(e.code, ErrorCode::NotAvailable);
            assert!(
                e.message
                    .starts_with("SEQ_TREND: fewer than 2 distinct dates"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn a_bad_date_or_score_is_a_whole_call_value_error() {
        for (d, s, needle) in [
            (
                t("March"),
                n(50.0),
                "dates row 1, column 1: 'March' is not a date",
            ),
            (t("2023-02-30"), n(50.0), "dates row 1"),
            (n(-3.0), n(50.0), "dates row 1"),
            (Cell::Bool(true), n(50.0), "dates row 1"),
            (
                n(45000.0),
                t("high"),
                "scores row 1, column 1: 'high' is not a number",
            ),
            (n(45000.0), n(f64::NAN), "scores row 1"),
            (Cell::Blank, t("high"), "scores row 1"),
        ] {
            let e = trend(vec![d, n(45365.0)], vec![s, n(50.0)]).unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{needle}");
            assert!(e.message.contains(needle), "{}", e.message);
            assert!(e.message.starts_with("SEQ_TREND: "), "{}", e.message);
        }
    }

    #[test]
    fn an_error_value_from_the_sheet_is_the_result() {
        let e = trend(
            vec![n(45000.0), n(45365.0)],
            vec![n(50.0), Cell::error(ErrorCode::Div0, "")],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Div0);
    }

    #[test]
    fn any_finite_score_counts() {
        let (s, _) = ok(vec![n(0.0), n(365.0)], vec![n(-200.0), n(300.0)]);
        assert_eq!(s, 500.0);
    }

    #[test]
    fn different_lengths_or_widths_are_whole_call_value_errors() {
        let e = trend(vec![n(1.0), n(2.0)], vec![n(1.0), n(2.0), n(3.0)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = call(
            "SEQ_TREND",
            vec![
                Some(Grid::from_rows(vec![vec![n(1.0), n(2.0)]])),
                Some(Grid::from_rows(vec![vec![n(1.0), n(2.0)]])),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e.message.contains("single column"), "{}", e.message);
    }
}
