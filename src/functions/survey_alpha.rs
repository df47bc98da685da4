//! SURVEY_ALPHA: Cronbach's alpha, the internal consistency of a set of survey items.

use crate::catalogue::{range, Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::model::stats::cronbach_alpha;

/// Alpha needs at least this many items and this many complete rows.
const MIN_ITEMS: usize = 2;
const MIN_COMPLETE_ROWS: usize = 2;

pub const SURVEY_ALPHA: Function = Function {
    name: "SURVEY_ALPHA",
    family: "Survey quality and utilities",
    description: "Cronbach's alpha of a set of survey items: how consistently they measure one thing (0.7 or more is usually acceptable). Uses only respondents who answered every item.",
    params: &[range(
        "ratings",
        "Survey answers, one row per respondent and one column per item (at least 2 items). Rows with any blank, n/a or don't know are left out; 0 counts as a value.",
    )],
    result: ResultShape::Fixed { rows: 1, columns: 1 },
    example: "=RAPPORT.SURVEY_ALPHA(C2:E200) → e.g. 0.84 for three Trust items that move together.",
    volatile: false,
    notes: &[
        "Every cell is validated, including cells of rows that are dropped as incomplete; the first problem in row-major order is the whole result: text or a boolean is `#VALUE!`, a non-finite number `#NUM!`, and an error value from the sheet is that same error.",
        "A row is complete when none of its cells is blank (blank cells, \"\", spaces and the survey markers n/a, dk, …); the items are the columns of `ratings`, so an item column with no answers at all leaves no complete rows and gives `#N/A`.",
        "Alpha is returned as computed, without clamping: it can be negative when items disagree (a sign of reversed or unrelated items).",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let ratings = args.required(0)?;
    let items = ratings.cols();
    let mut complete = Vec::new();
    for r in 0..ratings.rows() {
        let row = (0..items)
            .map(|c| ratings.number(r, c))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(row) = row.into_iter().collect::<Option<Vec<f64>>>() {
            complete.push(row);
        }
    }
    if items < MIN_ITEMS {
        return Err(ratings.error(
            ErrorCode::NotAvailable,
            &format!("needs at least {MIN_ITEMS} item columns, got {items}"),
        ));
    }
    if complete.len() < MIN_COMPLETE_ROWS {
        return Err(ratings.error(
            ErrorCode::NotAvailable,
            &format!(
                "needs at least {MIN_COMPLETE_ROWS} respondents who answered every item, got {}",
                complete.len()
            ),
        ));
    }
    let alpha = cronbach_alpha(&complete).ok_or_else(|| {
        ratings.error(
            ErrorCode::NotAvailable,
            "the respondents' total scores do not vary, so alpha is undefined",
        )
    })?;
    Ok(Grid::scalar(Cell::Number(alpha)))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn nums(rows: &[&[f64]]) -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| r.iter().map(|x| n(*x)).collect())
            .collect()
    }
    fn alpha(rows: Vec<Vec<Cell>>) -> f64 {
        let out = call("SURVEY_ALPHA", vec![grid(rows)]).unwrap();
        assert_eq!((out.rows(), out.cols()), (1, 1));
        match out.get(0, 0) {
            Cell::Number(x) => *x,
            other => panic!("expected a number, got {other:?}"),
        }
    }
    fn fails(rows: Vec<Vec<Cell>>) -> CellError {
        call("SURVEY_ALPHA", vec![grid(rows)]).unwrap_err()
    }

    // Items (3,4,5,2) and (2,4,4,3): item variances 5/3 and 11/12, totals (5,8,9,5) variance
    // 17/4; α = 2 · (1 − (31/12)/(17/4)) = 40/51.
    const TWO_ITEMS_ALPHA: f64 = 40.0 / 51.0;
    const TWO_ITEMS: &[&[f64]] = &[&[3.0, 2.0], &[4.0, 4.0], &[5.0, 4.0], &[2.0, 3.0]];

    #[test]
    fn alpha_of_complete_rows_is_cronbachs_formula() {
        assert!((alpha(nums(TWO_ITEMS)) - TWO_ITEMS_ALPHA).abs() < 1e-12);
    }

    #[test]
    fn result_is_a_single_cell() {
        let out = call("SURVEY_ALPHA", vec![grid(nums(TWO_ITEMS))]).unwrap();
        assert_eq!((out.rows(), out.cols()), (1, 1));
    }

    #[test]
    fn rows_with_any_blank_are_dropped_listwise() {
        let mut rows = nums(TWO_ITEMS);
        rows.push(vec![n(1.0), Cell::Blank]);
        rows.push(vec![t("n/a"), n(5.0)]);
        rows.push(vec![t(" "), t("dk")]);
        assert!((alpha(rows) - TWO_ITEMS_ALPHA).abs() < 1e-12);
    }

    #[test]
    fn zero_is_a_value_not_a_blank() {
        // Items (0,1,2) and (0,2,2): variances 1 and 4/3, totals (0,3,4) variance 13/3;
        // α = 2 · (1 − (7/3)/(13/3)) = 12/13. Were 0 blank, only 2 rows would be left.
        let got = alpha(nums(&[&[0.0, 0.0], &[1.0, 2.0], &[2.0, 2.0]]));
        assert!((got - 12.0 / 13.0).abs() < 1e-12, "{got}");
    }

    #[test]
    fn numeric_text_counts_as_numbers() {
        let rows = vec![
            vec![t("3"), n(2.0)],
            vec![n(4.0), t(" 4 ")],
            vec![t("5."), n(4.0)],
            vec![n(2.0), t("3e0")],
        ];
        assert!((alpha(rows) - TWO_ITEMS_ALPHA).abs() < 1e-12);
    }

    #[test]
    fn negative_alpha_is_returned_as_is() {
        // Items (1,2,3) and (3,1,3): variances 1 and 4/3, totals (4,3,6) variance 7/3;
        // α = 2 · (1 − (7/3)/(7/3)) = 0.
        let got = alpha(nums(&[&[1.0, 3.0], &[2.0, 1.0], &[3.0, 3.0]]));
        assert!(got.abs() < 1e-12, "{got}");
        // Items (1,2,3) and (3,1,2): variances 1 and 1, totals (4,3,5) variance 1;
        // α = 2 · (1 − 2) = −2.
        let got = alpha(nums(&[&[1.0, 3.0], &[2.0, 1.0], &[3.0, 2.0]]));
        assert!((got + 2.0).abs() < 1e-12, "{got}");
    }

    #[test]
    fn fewer_than_two_items_is_na() {
        let e = fails(nums(&[&[1.0], &[2.0], &[3.0]]));
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "SURVEY_ALPHA: ratings: needs at least 2 item columns, got 1"
        );
    }

    #[test]
    fn fewer_than_two_complete_rows_is_na() {
        let e = fails(vec![vec![n(1.0), n(2.0)], vec![n(3.0), Cell::Blank]]);
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "SURVEY_ALPHA: ratings: needs at least 2 respondents who answered every item, got 1"
        );
    }

    #[test]
    fn zero_variance_of_the_total_is_na() {
        let e = fails(nums(&[&[1.0, 3.0], &[2.0, 2.0], &[3.0, 1.0]]));
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert!(
            e.message.contains("total scores do not vary"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_non_numeric_cell_is_a_whole_call_value_error_even_in_a_dropped_row() {
        let mut rows = nums(TWO_ITEMS);
        rows.push(vec![Cell::Blank, t("abc")]);
        let e = fails(rows);
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "SURVEY_ALPHA: ratings row 5, column 2: 'abc' is not a number"
        );
        let e = fails(vec![vec![n(1.0), Cell::Bool(true)], vec![n(2.0), n(2.0)]]);
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn an_error_value_makes_the_result_that_error() {
        let mut rows = nums(TWO_ITEMS);
        rows.push(vec![Cell::error(ErrorCode::Div0, ""), n(3.0)]);
        assert_eq!(fails(rows).code, ErrorCode::Div0);
    }

    #[test]
    fn validation_errors_win_over_not_enough_data() {
        let e = fails(vec![vec![t("abc")]]);
        assert_eq!(e.code, ErrorCode::Value);
    }
}
