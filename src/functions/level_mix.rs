//! LEVEL_MIX: how many accounts sit at each Sales Equity level.

use crate::catalogue::{range, Function, ResultShape, TableRows};
use crate::cells::args::{Args, Table};
use crate::cells::{Cell, CellError, Grid};
use crate::model::labels::Level;

const HEADER: [&str; 3] = ["Level", "Accounts", "Share"];

/// The label of the last row: Antagonistic + Transactional.
const AT_RISK_LABEL: &str = "At risk";

pub const LEVEL_MIX: Function = Function {
    name: "LEVEL_MIX",
    family: "Sales Equity",
    description: "Counts accounts at each Sales Equity level, low to high, with each level's share of all labelled accounts, then the At risk total (Antagonistic + Transactional).",
    params: &[range(
        "levels",
        "Sales Equity level of each account: Antagonistic, Transactional, Predisposed or Trusted Advisor (any case), e.g. from SEQ_LEVEL. Blanks are ignored.",
    )],
    result: ResultShape::Table {
        header: &HEADER,
        // One row per level, then At risk.
        rows: TableRows::Fixed {
            rows: Level::ALL.len() + 1,
        },
    },
    example: "=RAPPORT.LEVEL_MIX(C2:C50) → Antagonistic | 5 | 0.1 … At risk | 17 | 0.34.",
    volatile: false,
    notes: &[
        "`levels` may be any range; every non-blank cell is one account's level, read row by row.",
        "An error value from the sheet in `levels` makes the whole result that error (the counts and every share depend on it), like SUM or COUNTIF over an error.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let levels = args.required(0)?;
    let mut counts = [0usize; Level::ALL.len()];
    for r in 0..levels.rows() {
        for c in 0..levels.cols() {
            if let Some(level) = levels.level(r, c)? {
                if let Some(k) = counts.get_mut(level as usize) {
                    *k += 1;
                }
            }
        }
    }
    let total: usize = counts.iter().sum();
    let at_risk: usize = Level::ALL
        .iter()
        .zip(counts)
        .filter(|(l, _)| l.is_at_risk())
        .map(|(_, k)| k)
        .sum();
    let share = |k: usize| {
        if total == 0 {
            Cell::error(
                crate::cells::ErrorCode::NotAvailable,
                format!("{}: no level labels to share out", args.func),
            )
        } else {
            Cell::Number(k as f64 / total as f64)
        }
    };
    let mut table = Table::new(&HEADER);
    for (level, k) in Level::ALL.iter().zip(counts) {
        table.push(vec![
            Cell::text(level.name()),
            Cell::Number(k as f64),
            share(k),
        ]);
    }
    table.push(vec![
        Cell::text(AT_RISK_LABEL),
        Cell::Number(at_risk as f64),
        share(at_risk),
    ]);
    Ok(table.into_grid())
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn mix(g: Grid) -> Grid {
        call("LEVEL_MIX", vec![Some(g)]).unwrap()
    }

    #[test]
    fn four_levels_low_to_high_then_at_risk_with_shares() {
        let out = mix(Grid::column(vec![
            t("Predisposed"),
            t("antagonistic"),
            t("Trusted Advisor"),
            t("Predisposed"),
            t("transactional"),
            t("n/a"),
            Cell::Blank,
            t("Trusted_Advisor"),
            t("Predisposed"),
            t("PREDISPOSED"),
        ]));
        assert_eq!(
            out.to_rows(),
            vec![
                vec![t("Level"), t("Accounts"), t("Share")],
                vec![t("Antagonistic"), n(1.0), n(0.125)],
                vec![t("Transactional"), n(1.0), n(0.125)],
                vec![t("Predisposed"), n(4.0), n(0.5)],
                vec![t("Trusted Advisor"), n(2.0), n(0.25)],
                vec![t("At risk"), n(2.0), n(0.25)],
            ]
        );
    }

    #[test]
    fn any_shape_of_range_counts_every_cell() {
        let out = mix(Grid::from_rows(vec![
            vec![t("Antagonistic"), t("Transactional")],
            vec![t("Transactional"), Cell::Blank],
        ]));
        assert_eq!(out.get(5, 1), &n(3.0));
        assert_eq!(out.get(5, 2), &n(1.0));
    }

    #[test]
    fn with_no_labels_shares_are_na() {
        let out = mix(Grid::column(vec![Cell::Blank, t("")]));
        assert_eq!(out.rows(), 6);
        for r in 1..6 {
            assert_eq!(out.get(r, 1), &n(0.0));
            match out.get(r, 2) {
                Cell::Error(e) => {
                    assert_eq!(e.code, ErrorCode::NotAvailable);
                    assert!(e.message.starts_with("LEVEL_MIX: "), "{}", e.message);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_label_is_a_whole_call_value_error() {
        for bad in [t("Hostile"), n(2.0), Cell::Bool(false)] {
            let e = call(
                "LEVEL_MIX",
                vec![Some(Grid::column(vec![t("Predisposed"), bad]))],
            )
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value);
            assert!(
                e.message.starts_with("LEVEL_MIX: levels row 2, column 1"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn an_error_value_is_the_whole_result() {
        let e = call(
            "LEVEL_MIX",
            vec![Some(Grid::column(vec![
                t("Predisposed"),
                Cell::error(ErrorCode::Div0, ""),
            ]))],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Div0);
    }
}
