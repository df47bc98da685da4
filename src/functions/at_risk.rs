//! AT_RISK: the accounts whose Sales Equity level is Antagonistic or Transactional.

use crate::catalogue::{column, optional, Function, ResultShape, TableRows};
use crate::cells::args::{Args, Table};
use crate::cells::{Cell, CellError, Grid};
use crate::model::labels::Level;

const HEADER: [&str; 2] = ["Account", "Level"];

pub const AT_RISK: Function = Function {
    name: "AT_RISK",
    family: "Sales Equity",
    description: "Lists the accounts at risk of being replaced: those whose Sales Equity level is Antagonistic or Transactional, Antagonistic first, then by ascending score when scores are given.",
    params: &[
        column("accounts", "The account of each row; each at-risk row is listed as it appears (no de-duplication)."),
        column("levels", "Sales Equity level of each row: Antagonistic, Transactional, Predisposed or Trusted Advisor (any case), e.g. from SEQ_LEVEL. Blank = not at risk."),
        optional(column("scores", "Optional score of each row, used to list the weakest first within each level. Default: input order.")),
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerInputRow,
    },
    example: "=RAPPORT.AT_RISK(A2:A50, C2:C50, B2:B50) → Globex | Antagonistic, then Initech | Transactional …",
    volatile: false,
    notes: &[
        "Every row is read, whatever its account: a row at risk whose account cell is blank is listed with a blank Account cell (so the gap in the data shows); a blank level is not at risk.",
        "`levels` and `scores` decide which rows appear and in what order, so a problem in either — an unknown label, text or a non-finite number where a score is needed, an error value from the sheet — makes the whole result that error (`#VALUE!`, `#NUM!`, or the sheet's own code), like Excel's FILTER with an error in its include array. Every row is checked, at risk or not.",
        "An error value in the accounts column does not stop the call: if that row is at risk it is listed with the error in its Account cell.",
        "With `scores`, rows of the same level go by ascending score; a blank score sorts after every number of its level (as Excel's SORT puts blanks last); ties keep input order.",
        "`levels` and `scores` are single columns parallel to `accounts` (a 1×1 is repeated); anything else is a whole-call `#VALUE!`.",
    ],
    eval,
};

/// One listed row.
struct AtRisk {
    account: Cell,
    level: Level,
    score: Option<f64>,
}

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.required(0)?;
    let levels = args.required(1)?;
    let scores = args.get(2);
    accounts.expect_column()?;
    levels.expect_column()?;
    if let Some(s) = scores {
        s.expect_column()?;
    }
    let n = args.parallel_rows(&[Some(accounts), Some(levels), scores])?;
    let mut listed = Vec::new();
    for r in 0..n {
        // Unlike the aggregating tables, AT_RISK skips no row (see its first note above): a
        // row at risk without an account name is listed with a blank Account cell.
        let account = match accounts.key(r, 0) {
            Ok(None) => Cell::Blank,
            Ok(Some(name)) => Cell::text(name),
            Err(e) => Cell::Error(e),
        };
        let level = levels.level(r, 0)?;
        let score = match scores {
            Some(s) => s.number(r, 0)?,
            None => None,
        };
        if let Some(level) = level.filter(|l| l.is_at_risk()) {
            listed.push(AtRisk {
                account,
                level,
                score,
            });
        }
    }
    // Stable: equal keys keep input order.
    listed.sort_by(|a, b| {
        a.level
            .cmp(&b.level)
            .then_with(|| match (a.score, b.score) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });
    let mut table = Table::new(&HEADER);
    for row in listed {
        table.push(vec![row.account, Cell::text(row.level.name())]);
    }
    Ok(table.into_grid())
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn at_risk(args: Vec<Option<Grid>>) -> Result<Grid, CellError> {
        call("AT_RISK", args)
    }
    fn rows(g: &Grid) -> Vec<Vec<Cell>> {
        g.to_rows()
    }
    fn row(a: &str, l: &str) -> Vec<Cell> {
        vec![t(a), t(l)]
    }

    #[test]
    fn lists_antagonistic_then_transactional_in_input_order() {
        let out = at_risk(vec![
            col(vec![t("A"), t("B"), t("C"), t("D"), t("E")]),
            col(vec![
                t("Transactional"),
                t("Trusted Advisor"),
                t("antagonistic"),
                t("Predisposed"),
                t("TRANSACTIONAL"),
            ]),
        ])
        .unwrap();
        assert_eq!(
            rows(&out),
            vec![
                row("Account", "Level"),
                row("C", "Antagonistic"),
                row("A", "Transactional"),
                row("E", "Transactional"),
            ]
        );
    }

    #[test]
    fn with_scores_each_level_goes_by_ascending_score_ties_in_input_order() {
        let out = at_risk(vec![
            col(vec![t("A"), t("B"), t("C"), t("D"), t("E"), t("F")]),
            col(vec![
                t("Transactional"),
                t("Transactional"),
                t("Antagonistic"),
                t("Antagonistic"),
                t("Transactional"),
                t("Transactional"),
            ]),
            col(vec![
                n(65.0),
                n(55.0),
                n(45.0),
                n(20.0),
                t("55"),
                Cell::Blank,
            ]),
        ])
        .unwrap();
        assert_eq!(
            rows(&out)[1..],
            [
                row("D", "Antagonistic"),
                row("C", "Antagonistic"),
                row("B", "Transactional"),
                row("E", "Transactional"),
                row("A", "Transactional"),
                row("F", "Transactional"),
            ]
        );
    }

    #[test]
    fn each_row_is_listed_without_de_duplication_in_canonical_spelling() {
        let out = at_risk(vec![
            col(vec![t("Acme"), t("ACME")]),
            col(vec![t(" anta_gonistic "), t("Antagonistic")]),
        ])
        .unwrap();
        assert_eq!(
            rows(&out)[1..],
            [row("Acme", "Antagonistic"), row("ACME", "Antagonistic")]
        );
    }

    #[test]
    fn a_blank_level_is_not_at_risk_and_a_blank_account_row_is_still_listed() {
        let out = at_risk(vec![
            col(vec![t("A"), Cell::Blank, t("D")]),
            col(vec![t("n/a"), t("Antagonistic"), Cell::Blank]),
        ])
        .unwrap();
        assert_eq!(rows(&out)[1..], [vec![Cell::Blank, t("Antagonistic")]]);
    }

    #[test]
    fn a_row_without_an_account_is_still_validated() {
        let e = at_risk(vec![
            col(vec![t("A"), t("n/a")]),
            col(vec![t("Antagonistic"), t("Nonsense")]),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn an_unknown_level_label_is_a_whole_call_value_error() {
        for bad in [t("Hostile"), n(1.0), Cell::Bool(true)] {
            let e = at_risk(vec![
                col(vec![t("A"), t("B")]),
                col(vec![t("Antagonistic"), bad]),
            ])
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value);
            assert!(
                e.message.starts_with("AT_RISK: levels row 2, column 1"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn an_error_value_in_levels_or_scores_is_the_whole_result() {
        let e = at_risk(vec![
            col(vec![t("A"), t("B")]),
            col(vec![
                t("Antagonistic"),
                Cell::error(ErrorCode::NotAvailable, ""),
            ]),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotAvailable);
        let e = at_risk(vec![
            col(vec![t("A"), t("B")]),
            col(vec![t("Antagonistic"), t("Predisposed")]),
            col(vec![n(10.0), Cell::error(ErrorCode::Div0, "")]),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Div0);
    }

    #[test]
    fn a_score_that_is_not_a_number_is_a_whole_call_error() {
        let e = at_risk(vec![
            col(vec![t("A")]),
            col(vec![t("Transactional")]),
            col(vec![t("low")]),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("AT_RISK: scores row 1, column 1"),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_error_value_in_accounts_is_shown_in_its_account_cell() {
        let out = at_risk(vec![
            col(vec![Cell::error(ErrorCode::Ref, ""), t("B")]),
            col(vec![t("Antagonistic"), t("Transactional")]),
        ])
        .unwrap();
        match out.get(1, 0) {
            Cell::Error(e) => assert_eq!(e.code, ErrorCode::Ref),
            other => panic!("{other:?}"),
        }
        assert_eq!(out.get(1, 1), &t("Antagonistic"));
        assert_eq!(out.get(2, 0), &t("B"));
    }

    #[test]
    fn numeric_accounts_are_written_as_text() {
        let out = at_risk(vec![col(vec![n(1001.0)]), col(vec![t("Antagonistic")])]).unwrap();
        assert_eq!(out.get(1, 0), &t("1001"));
    }

    #[test]
    fn a_single_level_is_repeated_for_every_account() {
        let out = at_risk(vec![
            col(vec![t("A"), t("B")]),
            Some(Grid::scalar(t("Transactional"))),
        ])
        .unwrap();
        assert_eq!(out.rows(), 3);
    }

    #[test]
    fn mismatched_or_wide_columns_are_whole_call_value_errors() {
        let e = at_risk(vec![
            col(vec![t("A"), t("B")]),
            col(vec![t("Antagonistic"); 3]),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = at_risk(vec![
            Some(Grid::from_rows(vec![vec![t("A"), t("B")]])),
            Some(Grid::from_rows(vec![vec![
                t("Antagonistic"),
                t("Antagonistic"),
            ]])),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
