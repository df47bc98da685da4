//! KEY_ACCOUNTS: the few accounts that carry most of the profit (Pareto), optionally only
//! those deep enough in the relationship to be managed as key accounts.

use crate::catalogue::{column, number, optional, Function, ResultShape, TableRows};
use crate::cells::args::{Args, Table};
use crate::cells::{format_number, Cell, CellError, CellRef, ErrorCode, Grid};
use crate::functions::contact_risk::AccountGroups;
use crate::model::key_accounts::{
    is_key_account_stage, select_key_accounts, total_positive_profit, AccountProfit,
    DEFAULT_MAX_KEY_ACCOUNTS, MAX_MAX_KEY_ACCOUNTS, MIN_MAX_KEY_ACCOUNTS,
};
use crate::model::labels::Stage;

pub const KEY_ACCOUNTS: Function = Function {
    name: "KEY_ACCOUNTS",
    family: "Relationship stages",
    description: "The key accounts: the most profitable accounts, largest first, that together reach 80% of total positive profit (the Pareto rule), with their profit and cumulative share. When stages are given, only Collaborative and Interconnected accounts qualify.",
    params: &[
        column("accounts", "The account of each row. Rows of the same account add up; rows with a blank account are skipped."),
        column("profit", "Profit of each row (any sign; blank = 0). Only accounts whose total profit is above 0 can be key accounts."),
        optional(column("stages", "Optional relationship stage of each row (Exploratory, Basic, Collaborative, Interconnected); an account's stage is its first non-blank one. When given, only Collaborative and Interconnected accounts qualify.")),
        number("max_accounts", "Most key accounts to return, a whole number from 1 to 1000. Default 30: mature firms sustain 15–30 key accounts, young ones about 5."),
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerInputRow,
    },
    example: "=RAPPORT.KEY_ACCOUNTS(A2:A500, B2:B500, C2:C500, 5) → up to 5 Collaborative or Interconnected accounts, largest profit first, until their cumulative share reaches 0.8.",
    volatile: false,
    notes: &[
        "A blank profit cell is 0 (no profit recorded on that row).",
        "Total positive profit is the sum, over all valid accounts (candidates or not), of account profits above 0, after adding up each account's rows.",
        "An account with an invalid row (profit not a number, a non-finite number, an error value in `accounts`, `profit` or `stages`) cannot be ranked: it is left out of the ranking and of the total, and is listed after the key accounts, in first-appearance order, with its Profit and Cumulative share showing its first problem (argument order within a row, then row order). Such rows are listed even when the table would otherwise be the header alone, and do not count towards `max_accounts`.",
        "An unknown stage label, or a number or TRUE/FALSE in `stages`, is a whole-call `#VALUE!`; an error value in `stages` is a problem of its account only.",
        "`max_accounts` must be a whole number from 1 to 1000, else whole-call `#VALUE!`.",
        "Ranking stops at the first account whose Cumulative share, as shown, is ≥ 0.8.",
    ],
    eval,
};

pub const HEADER: [&str; 3] = ["Account", "Profit", "Cumulative share"];

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.required(0)?;
    let profit = args.required(1)?;
    let stages = args.get(2);
    accounts.expect_column()?;
    profit.expect_column()?;
    if let Some(s) = stages {
        s.expect_column()?;
    }
    let n = args.parallel_rows(&[Some(accounts), Some(profit), stages])?;
    let max_accounts = max_accounts(args)?;

    let mut groups = AccountGroups::default();
    let mut profits: Vec<f64> = Vec::new();
    let mut first_stage: Vec<Option<Stage>> = Vec::new();
    for r in 0..n {
        let Some(i) = groups.entity(accounts, r) else {
            continue;
        };
        if profits.len() <= i {
            profits.resize(i + 1, 0.0);
            first_stage.resize(i + 1, None);
        }
        match profit.number(r, 0) {
            Ok(x) => {
                if let Some(p) = profits.get_mut(i) {
                    *p += x.unwrap_or(0.0);
                }
            }
            Err(e) => groups.fail(i, e),
        }
        if let Some(s) = stages {
            if let CellRef::Error(code) = s.cell(r, 0) {
                groups.fail(i, s.error_at(r, 0, code, &format!("the cell holds {code}")));
            } else if let Some(stage) = s.stage(r, 0)? {
                if let Some(f @ None) = first_stage.get_mut(i) {
                    *f = Some(stage);
                }
            }
        }
    }
    for (i, p) in profits.iter().enumerate() {
        if !p.is_finite() {
            groups.fail(
                i,
                profit.error(
                    ErrorCode::Num,
                    "the account's total profit is too large to represent",
                ),
            );
        }
    }

    // Valid accounts only, remembering their index among all accounts.
    let valid: Vec<usize> = (0..groups.len())
        .filter(|i| groups.problem(*i).is_none())
        .collect();
    let ranked: Vec<AccountProfit> = valid
        .iter()
        .map(|&i| AccountProfit {
            profit: profits.get(i).copied().unwrap_or(0.0),
            candidate: stages.is_none()
                || first_stage
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(is_key_account_stage),
        })
        .collect();
    if !total_positive_profit(&ranked).is_finite() {
        return Err(profit.error(
            ErrorCode::Num,
            "total positive profit is too large to represent",
        ));
    }

    let mut table = Table::new(&HEADER);
    for k in select_key_accounts(&ranked, max_accounts) {
        let (Some(&i), Some(a)) = (valid.get(k.index), ranked.get(k.index)) else {
            continue;
        };
        table.push(vec![
            groups.name_cell(i),
            Cell::Number(a.profit),
            Cell::Number(k.cumulative_share),
        ]);
    }
    for i in 0..groups.len() {
        if let Some(e) = groups.problem(i) {
            table.push(vec![
                groups.name_cell(i),
                Cell::Error(e.clone()),
                Cell::Error(e.clone()),
            ]);
        }
    }
    Ok(table.into_grid())
}

/// `max_accounts`: omitted → 30; else a whole number in 1…1000, or a whole-call `#VALUE!`.
fn max_accounts(args: &Args) -> Result<usize, CellError> {
    let Some(arg) = args.get(3) else {
        return Ok(DEFAULT_MAX_KEY_ACCOUNTS as usize);
    };
    let x = arg.scalar_number()?;
    let (lo, hi) = (
        f64::from(MIN_MAX_KEY_ACCOUNTS),
        f64::from(MAX_MAX_KEY_ACCOUNTS),
    );
    if x.fract() != 0.0 || x < lo || x > hi {
        return Err(arg.error(
            ErrorCode::Value,
            &format!(
                "must be a whole number from {MIN_MAX_KEY_ACCOUNTS} to {MAX_MAX_KEY_ACCOUNTS}, got {}",
                format_number(x)
            ),
        ));
    }
    Ok(x as usize)
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn names(v: &[&str]) -> Vec<Cell> {
        v.iter().map(|s| t(s)).collect()
    }
    fn nums(v: &[f64]) -> Vec<Cell> {
        v.iter().map(|x| n(*x)).collect()
    }
    fn key(args: Vec<Option<Grid>>) -> Result<Vec<Vec<Cell>>, CellError> {
        call("KEY_ACCOUNTS", args).map(|g| g.to_rows())
    }
    fn row(a: &str, p: f64, s: f64) -> Vec<Cell> {
        vec![t(a), n(p), n(s)]
    }
    fn header() -> Vec<Cell> {
        vec![t("Account"), t("Profit"), t("Cumulative share")]
    }

    #[test]
    fn takes_accounts_by_profit_until_eighty_percent_including_the_crossing_one() {
        // Total 200: A 100 (0.5), C 50 (0.75), B 30 (0.9) crosses → stop before D.
        let out = key(vec![
            col(names(&["A", "B", "C", "D"])),
            col(nums(&[100.0, 30.0, 50.0, 20.0])),
        ])
        .unwrap();
        assert_eq!(
            out,
            [
                header(),
                row("A", 100.0, 0.5),
                row("C", 50.0, 0.75),
                row("B", 30.0, 0.9)
            ]
        );
    }

    #[test]
    fn exactly_eighty_percent_stops_there() {
        let out = key(vec![
            col(names(&["A", "B", "C"])),
            col(nums(&[60.0, 20.0, 20.0])),
        ])
        .unwrap();
        assert_eq!(out, [header(), row("A", 60.0, 0.6), row("B", 20.0, 0.8)]);
    }

    #[test]
    fn rows_of_the_same_account_add_their_profit() {
        let out = key(vec![
            col(names(&["A", "B", "a", "C"])),
            col(nums(&[30.0, 50.0, 40.0, 10.0])),
        ])
        .unwrap();
        // A 70 of 130 = 0.538…, B 50 → 120/130 = 0.923…
        assert_eq!(
            out,
            [
                header(),
                row("A", 70.0, 70.0 / 130.0),
                row("B", 50.0, 120.0 / 130.0)
            ]
        );
    }

    #[test]
    fn ties_keep_input_order() {
        let out = key(vec![
            col(names(&["A", "B", "C"])),
            col(nums(&[10.0, 10.0, 10.0])),
        ])
        .unwrap();
        let order: Vec<_> = out.iter().skip(1).map(|r| r[0].clone()).collect();
        assert_eq!(order, names(&["A", "B", "C"]));
    }

    #[test]
    fn only_positive_profit_counts_and_is_taken() {
        // Total positive = 80 + 20 = 100; the loss-maker is neither taken nor in the total.
        let out = key(vec![
            col(names(&["A", "Loss", "B"])),
            col(nums(&[80.0, -500.0, 20.0])),
        ])
        .unwrap();
        assert_eq!(out, [header(), row("A", 80.0, 0.8)]);
        let out = key(vec![
            col(names(&["A", "B"])),
            col(nums(&[50.0, 50.0])),
            None,
            Some(Grid::scalar(n(5.0))),
        ])
        .unwrap();
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn with_stages_only_collaborative_and_interconnected_are_candidates() {
        // Total over all accounts: 100 + 60 + 30 + 10 = 200.
        let out = key(vec![
            col(names(&["Big", "Collab", "Inter", "Blank"])),
            col(nums(&[100.0, 60.0, 30.0, 10.0])),
            col(names(&["Basic", "collaborative", "INTERCONNECTED", ""])),
        ])
        .unwrap();
        assert_eq!(
            out,
            [header(), row("Collab", 60.0, 0.3), row("Inter", 30.0, 0.45)]
        );
    }

    #[test]
    fn an_accounts_stage_is_its_first_non_blank_stage() {
        let out = key(vec![
            col(names(&["A", "A", "A"])),
            col(nums(&[10.0, 10.0, 10.0])),
            col(vec![Cell::Blank, t("Collaborative"), t("Basic")]),
        ])
        .unwrap();
        assert_eq!(out, [header(), row("A", 30.0, 1.0)]);
    }

    #[test]
    fn an_unknown_stage_label_is_a_whole_call_value_error() {
        for bad in [t("Strategic"), n(3.0)] {
            let e = key(vec![
                col(names(&["A", "B"])),
                col(nums(&[10.0, 10.0])),
                col(vec![t("Basic"), bad.clone()]),
            ])
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{bad:?}");
            assert!(e
                .message
                .starts_with("KEY_ACCOUNTS: stages row 2, column 1:"));
        }
    }

    #[test]
    fn at_most_max_accounts_are_taken() {
        let out = key(vec![
            col(names(&["A", "B", "C", "D"])),
            col(nums(&[25.0, 25.0, 25.0, 25.0])),
            None,
            Some(Grid::scalar(n(2.0))),
        ])
        .unwrap();
        assert_eq!(out, [header(), row("A", 25.0, 0.25), row("B", 25.0, 0.5)]);
    }

    #[test]
    fn max_accounts_defaults_to_thirty() {
        let accounts: Vec<Cell> = (0..40).map(|i| t(&format!("A{i}"))).collect();
        let out = key(vec![col(accounts), Some(Grid::scalar(n(1.0)))]).unwrap();
        assert_eq!(out.len(), 31);
        assert_eq!(out[30], row("A29", 1.0, 30.0 / 40.0));
    }

    #[test]
    fn max_accounts_outside_1_to_1000_or_fractional_is_a_whole_call_value_error() {
        for m in [n(0.0), n(1001.0), n(2.5), n(-1.0), t("many")] {
            let e = key(vec![
                col(names(&["A"])),
                col(nums(&[1.0])),
                None,
                Some(Grid::scalar(m.clone())),
            ])
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{m:?}");
            assert!(e.message.starts_with("KEY_ACCOUNTS: max_accounts:"));
        }
        assert!(key(vec![
            col(names(&["A"])),
            col(nums(&[1.0])),
            None,
            Some(Grid::scalar(n(1000.0)))
        ])
        .is_ok());
    }

    #[test]
    fn no_positive_profit_is_the_header_alone() {
        let out = key(vec![col(names(&["A", "B"])), col(nums(&[0.0, -5.0]))]).unwrap();
        assert_eq!(out, [header()]);
    }

    #[test]
    fn blank_profit_is_zero_and_blank_accounts_are_skipped_unvalidated() {
        let out = key(vec![
            col(vec![t("A"), t("A"), Cell::Blank, t("n/a")]),
            col(vec![
                n(10.0),
                Cell::Blank,
                t("abc"),
                Cell::error(ErrorCode::Div0, ""),
            ]),
        ])
        .unwrap();
        assert_eq!(out, [header(), row("A", 10.0, 1.0)]);
    }

    #[test]
    fn numeric_text_profit_and_numeric_account_ids() {
        let out = key(vec![col(vec![n(1001.0)]), col(vec![t(" 12.5 ")])]).unwrap();
        assert_eq!(out, [header(), row("1001", 12.5, 1.0)]);
    }

    #[test]
    fn an_invalid_profit_makes_its_account_an_error_row_left_out_of_the_ranking() {
        let out = key(vec![
            col(names(&["A", "Bad", "B", "Bad"])),
            col(vec![
                n(60.0),
                t("lots"),
                n(40.0),
                Cell::error(ErrorCode::NotAvailable, ""),
            ]),
        ])
        .unwrap();
        // Total without Bad: 100.
        assert_eq!(out.len(), 4);
        assert_eq!(out[1], row("A", 60.0, 0.6));
        assert_eq!(out[2], row("B", 40.0, 1.0));
        assert_eq!(out[3][0], t("Bad"));
        // First problem wins: the text on row 2, not the #N/A on row 4.
        assert_eq!(code(&out[3][1]), ErrorCode::Value);
        assert_eq!(code(&out[3][2]), ErrorCode::Value);
        match &out[3][1] {
            Cell::Error(e) => assert_eq!(
                e.message,
                "KEY_ACCOUNTS: profit row 2, column 1: 'lots' is not a number"
            ),
            _ => unreachable!(),
        }
    }

    #[test]
    fn an_error_value_in_stages_makes_its_account_that_error() {
        let out = key(vec![
            col(names(&["A", "B"])),
            col(nums(&[10.0, 10.0])),
            col(vec![t("Collaborative"), Cell::error(ErrorCode::Ref, "")]),
        ])
        .unwrap();
        assert_eq!(out[1], row("A", 10.0, 1.0));
        assert_eq!(out[2][0], t("B"));
        assert_eq!(code(&out[2][1]), ErrorCode::Ref);
    }

    #[test]
    fn error_rows_are_listed_even_with_no_positive_profit() {
        let out = key(vec![
            col(vec![t("A"), Cell::error(ErrorCode::NotAvailable, "")]),
            col(nums(&[0.0, 5.0])),
        ])
        .unwrap();
        assert_eq!(out.len(), 2);
        assert!(out[1].iter().all(|c| code(c) == ErrorCode::NotAvailable));
    }

    #[test]
    fn shape_problems_are_whole_call_value_errors() {
        let e = key(vec![col(names(&["A", "B"])), col(nums(&[1.0, 2.0, 3.0]))]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let wide = Some(Grid::from_rows(vec![vec![n(1.0), n(2.0)]; 2]));
        let e = key(vec![col(names(&["A", "B"])), wide]).unwrap_err();
        assert!(
            e.message.starts_with("KEY_ACCOUNTS: profit:"),
            "{}",
            e.message
        );
    }
}
