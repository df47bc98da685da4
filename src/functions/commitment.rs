//! COMMITMENT: the share of committed value that is specific to this partner, i.e. credible.

use crate::catalogue::{column, Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::closeness::credible_commitment_share;

pub const COMMITMENT: Function = Function {
    name: "COMMITMENT",
    family: "Closeness and commitment",
    description: "Share (0–100) of your committed value that is specific to this partner, and so credible: customised training, dedicated equipment, special procedures. One value.",
    params: &[
        column("amounts", "Value of each commitment (money, hours …), ≥ 0. Blank = 0."),
        column("partner_specific", "Whether each commitment is specific to this partner: TRUE/FALSE, yes/no, y/n, 1/0 or x. Blank = no."),
    ],
    result: ResultShape::Fixed { rows: 1, columns: 1 },
    example: "=RAPPORT.COMMITMENT(B2:B10, C2:C10) → 40 when 4,000 of 10,000 committed went to partner-specific items.",
    volatile: false,
    notes: &[
        "The result is one value, so any invalid cell (text amount, bad flag, a sheet error) makes the whole result that error; the first problem in row order, then argument order (amounts before partner_specific), wins. A negative amount is a whole `#NUM!`.",
        "A blank amount is 0; a blank partner_specific flag is no.",
        "`amounts` and `partner_specific` are column arguments (one column wide, else a whole-call `#VALUE!`); a 1×1 value is repeated for every row.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let amounts = args.required(0)?;
    let specific = args.required(1)?;
    amounts.expect_column()?;
    specific.expect_column()?;
    let rows = args.parallel_rows(&[Some(amounts), Some(specific)])?;
    let mut commitments = Vec::with_capacity(rows);
    for r in 0..rows {
        let amount = match amounts.number(r, 0)? {
            None => 0.0,
            Some(x) if x < 0.0 => {
                return Err(amounts.error_at(
                    r,
                    0,
                    ErrorCode::Num,
                    &format!(
                        "amount {} is negative (amounts must be ≥ 0)",
                        format_number(x)
                    ),
                ))
            }
            Some(x) => x,
        };
        commitments.push((amount, specific.flag(r, 0)?));
    }
    let share = credible_commitment_share(&commitments).ok_or_else(|| {
        amounts.error(
            ErrorCode::NotAvailable,
            "no positive amount (nothing committed to share out)",
        )
    })?;
    Ok(Grid::scalar(Cell::Number(share)))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn share(args: Vec<Option<Grid>>) -> f64 {
        let g = call("COMMITMENT", args).unwrap();
        assert_eq!((g.rows(), g.cols()), (1, 1));
        match g.get(0, 0) {
            Cell::Number(x) => *x,
            other => panic!("expected a number, got {other:?}"),
        }
    }
    fn err(args: Vec<Option<Grid>>) -> (ErrorCode, String) {
        let e = call("COMMITMENT", args).unwrap_err();
        (e.code, e.message)
    }

    #[test]
    fn share_of_partner_specific_amounts_on_0_to_100() {
        let s = share(vec![
            col(vec![n(3000.0), n(1000.0), n(6000.0)]),
            col(vec![Cell::Bool(true), t("x"), t("no")]),
        ]);
        assert_eq!(s, 40.0);
    }

    #[test]
    fn flags_accept_yes_no_words_numbers_and_blank_is_no() {
        let s = share(vec![
            col(vec![n(1.0), n(1.0), n(1.0), n(1.0)]),
            col(vec![t("Yes"), n(1.0), t("0"), Cell::Blank]),
        ]);
        assert_eq!(s, 50.0);
    }

    #[test]
    fn a_blank_amount_is_zero_and_numeric_text_counts() {
        let s = share(vec![
            col(vec![t("n/a"), t("25"), n(75.0)]),
            col(vec![t("y"), t("y"), t("n")]),
        ]);
        assert_eq!(s, 25.0);
    }

    #[test]
    fn no_positive_amount_is_na() {
        let (code, msg) = err(vec![col(vec![n(0.0), Cell::Blank]), one(t("yes"))]);
        assert_eq!(code, ErrorCode::NotAvailable);
        assert!(msg.contains("no positive amount"), "{msg}");
    }

    #[test]
    fn a_negative_amount_is_a_whole_num_error() {
        let (code, msg) = err(vec![col(vec![n(5.0), n(-1.0)]), one(t("yes"))]);
        assert_eq!(code, ErrorCode::Num);
        assert_eq!(
            msg,
            "COMMITMENT: amounts row 2, column 1: amount -1 is negative (amounts must be ≥ 0)"
        );
    }

    #[test]
    fn an_invalid_cell_makes_the_whole_result_that_error() {
        let (code, msg) = err(vec![one(n(5.0)), col(vec![t("yes"), t("maybe")])]);
        assert_eq!(code, ErrorCode::Value);
        assert!(msg.contains("partner_specific row 2"), "{msg}");
        let (code, _) = err(vec![
            col(vec![n(5.0), Cell::error(ErrorCode::Div0, "")]),
            one(t("yes")),
        ]);
        assert_eq!(code, ErrorCode::Div0);
    }

    #[test]
    fn first_problem_in_row_then_argument_order_wins() {
        let (code, _) = err(vec![
            col(vec![n(1.0), t("abc")]),
            col(vec![t("maybe"), t("yes")]),
        ]);
        assert_eq!(code, ErrorCode::Value);
        let (code, msg) = err(vec![col(vec![t("abc")]), col(vec![t("maybe")])]);
        assert_eq!(code, ErrorCode::Value);
        assert!(msg.contains("amounts"), "{msg}");
    }

    #[test]
    fn a_single_flag_is_repeated_for_every_amount() {
        assert_eq!(share(vec![col(vec![n(2.0), n(3.0)]), one(t("x"))]), 100.0);
    }

    #[test]
    fn parallel_columns_must_match_and_be_one_column_wide() {
        let (code, _) = err(vec![col(vec![n(1.0); 3]), col(vec![t("y"); 2])]);
        assert_eq!(code, ErrorCode::Value);
        let (code, _) = err(vec![
            Some(Grid::from_rows(vec![vec![n(1.0), n(2.0)]])),
            one(t("y")),
        ]);
        assert_eq!(code, ErrorCode::Value);
    }
}
