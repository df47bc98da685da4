//! CONTACT_RISK: accounts that hang on one contact or reach no one who decides.

use crate::catalogue::{column, Function, ResultShape, TableRows};
use crate::cells::args::{Arg, Args, Groups, Table};
use crate::cells::{Cell, CellError, Grid};

pub const CONTACT_RISK: Function = Function {
    name: "CONTACT_RISK",
    family: "Relationship stages",
    description: "One row per account with its number of contacts and the risk in its contact network: Single-threaded (one contact), No decision maker (no Decision Maker or Economic Buyer) or Covered.",
    params: &[
        column("accounts", "The account of each contact, one row per contact. Rows with a blank account are skipped."),
        column("roles", "Each contact's role: Decision Maker, Economic Buyer, Champion, Influencer or User; anything else or blank counts as another role."),
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerInputRow,
    },
    example: "=RAPPORT.CONTACT_RISK(A2:A300, B2:B300) → Acme | 4 | No decision maker when Acme's four contacts are a Champion and three Users.",
    volatile: false,
    notes: &[
        "Each non-blank row of `accounts` is one contact; Contacts counts rows, so list each person once. A blank or unrecognised role is a contact with role \"other\".",
        "One contact is `Single-threaded` even when that contact is a Decision Maker (the relationship still hangs on one person).",
        "An error value in `roles` makes that account's Contacts and Risk that error (the first in row order). An error value in `accounts` cannot be put under an account: it is listed as its own row (one per error code, like Excel's UNIQUE) whose cells all show the error.",
    ],
    eval,
};

pub const HEADER: [&str; 3] = ["Account", "Contacts", "Risk"];

/// Risk labels, worst first.
pub const SINGLE_THREADED: &str = "Single-threaded";
pub const NO_DECISION_MAKER: &str = "No decision maker";
pub const COVERED: &str = "Covered";

/// Accounts in order of first appearance (grouped ignoring case), each with the first problem
/// found in its rows. An error value in the accounts column becomes its own entity per code.
#[derive(Debug, Default)]
pub(crate) struct AccountGroups {
    groups: Groups,
    problems: Vec<Option<CellError>>,
    key_errors: Vec<bool>,
}

impl AccountGroups {
    /// The account of row `r`, or `None` when the account cell is blank (the row is skipped).
    pub(crate) fn entity(&mut self, accounts: Arg, r: usize) -> Option<usize> {
        let (i, key_error) = match self.groups.key_entity(accounts, r) {
            Ok(None) => return None,
            Ok(Some(i)) => (i, None),
            Err((i, e)) => (i, Some(e)),
        };
        if self.problems.len() <= i {
            self.problems.resize(i + 1, None);
            self.key_errors.resize(i + 1, false);
        }
        if let Some(e) = key_error {
            if let Some(k) = self.key_errors.get_mut(i) {
                *k = true;
            }
            self.fail(i, e);
        }
        Some(i)
    }

    /// Records a problem for account `i`; the first one wins.
    pub(crate) fn fail(&mut self, i: usize, e: CellError) {
        if let Some(p @ None) = self.problems.get_mut(i) {
            *p = Some(e);
        }
    }

    /// The first problem of account `i`, if any.
    pub(crate) fn problem(&self, i: usize) -> Option<&CellError> {
        self.problems.get(i).and_then(Option::as_ref)
    }

    pub(crate) fn len(&self) -> usize {
        self.groups.len()
    }

    /// The Account cell of account `i`: its first spelling, or the error it stands for.
    pub(crate) fn name_cell(&self, i: usize) -> Cell {
        match (self.key_errors.get(i), self.problem(i)) {
            (Some(true), Some(e)) => Cell::Error(e.clone()),
            _ => Cell::text(self.groups.names().get(i).cloned().unwrap_or_default()),
        }
    }
}

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.required(0)?;
    let roles = args.required(1)?;
    accounts.expect_column()?;
    roles.expect_column()?;
    let n = args.parallel_rows(&[Some(accounts), Some(roles)])?;

    let mut groups = AccountGroups::default();
    let mut contacts: Vec<u32> = Vec::new();
    let mut deciders: Vec<bool> = Vec::new();
    for r in 0..n {
        let Some(i) = groups.entity(accounts, r) else {
            continue;
        };
        if contacts.len() <= i {
            contacts.resize(i + 1, 0);
            deciders.resize(i + 1, false);
        }
        if let Some(c) = contacts.get_mut(i) {
            *c = c.saturating_add(1);
        }
        match roles.role(r, 0) {
            Ok(role) if role.decides() => {
                if let Some(d) = deciders.get_mut(i) {
                    *d = true;
                }
            }
            Ok(_) => {}
            Err(e) => groups.fail(i, e),
        }
    }

    let mut table = Table::new(&HEADER);
    for i in 0..groups.len() {
        let account = groups.name_cell(i);
        if let Some(e) = groups.problem(i) {
            table.push(vec![
                account,
                Cell::Error(e.clone()),
                Cell::Error(e.clone()),
            ]);
            continue;
        }
        let count = contacts.get(i).copied().unwrap_or(0);
        let decides = deciders.get(i).copied().unwrap_or(false);
        table.push(vec![
            account,
            Cell::Number(f64::from(count)),
            Cell::text(contact_risk(count, decides)),
        ]);
    }
    Ok(table.into_grid())
}

/// The risk in an account's contact network: one contact is
/// single-threaded; otherwise it needs someone who can sign (Decision Maker or Economic Buyer).
fn contact_risk(contacts: u32, has_decision_maker: bool) -> &'static str {
    if contacts <= 1 {
        SINGLE_THREADED
    } else if !has_decision_maker {
        NO_DECISION_MAKER
    } else {
        COVERED
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn risk(accounts: Vec<Cell>, roles: Vec<Cell>) -> Result<Vec<Vec<Cell>>, CellError> {
        call("CONTACT_RISK", vec![col(accounts), col(roles)]).map(|g| g.to_rows())
    }
    fn row(a: &str, k: f64, r: &str) -> Vec<Cell> {
        vec![t(a), n(k), t(r)]
    }
    fn header() -> Vec<Cell> {
        vec![t("Account"), t("Contacts"), t("Risk")]
    }

    #[test]
    fn one_contact_is_single_threaded_even_a_decision_maker() {
        let out = risk(vec![t("Acme")], vec![t("Decision Maker")]).unwrap();
        assert_eq!(out, [header(), row("Acme", 1.0, "Single-threaded")]);
    }

    #[test]
    fn no_decision_maker_or_economic_buyer_is_flagged() {
        let out = risk(
            vec![t("Acme"), t("Acme"), t("Acme")],
            vec![t("Champion"), t("User"), t("CFO")],
        )
        .unwrap();
        assert_eq!(out[1], row("Acme", 3.0, "No decision maker"));
    }

    #[test]
    fn a_decision_maker_or_economic_buyer_covers_the_account() {
        let out = risk(
            vec![t("Acme"), t("Acme"), t("Globex"), t("Globex")],
            vec![
                t("User"),
                t("economic_buyer"),
                t("decision-maker"),
                Cell::Blank,
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            [
                header(),
                row("Acme", 2.0, "Covered"),
                row("Globex", 2.0, "Covered")
            ]
        );
    }

    #[test]
    fn a_blank_role_is_another_contact() {
        let out = risk(vec![t("Acme"), t("Acme")], vec![Cell::Blank, t("n/a")]).unwrap();
        assert_eq!(out[1], row("Acme", 2.0, "No decision maker"));
    }

    #[test]
    fn accounts_group_ignoring_case_in_first_appearance_order() {
        let out = risk(
            vec![t("Globex"), t("acme"), t(" ACME "), n(1001.0)],
            vec![t("User"), t("User"), t("Champion"), t("User")],
        )
        .unwrap();
        assert_eq!(
            out,
            [
                header(),
                row("Globex", 1.0, "Single-threaded"),
                row("acme", 2.0, "No decision maker"),
                row("1001", 1.0, "Single-threaded"),
            ]
        );
    }

    #[test]
    fn rows_with_a_blank_account_are_skipped_unvalidated() {
        let out = risk(
            vec![t("Acme"), Cell::Blank, t("n/a")],
            vec![
                t("User"),
                Cell::error(ErrorCode::Div0, ""),
                t("Decision Maker"),
            ],
        )
        .unwrap();
        assert_eq!(out, [header(), row("Acme", 1.0, "Single-threaded")]);
    }

    #[test]
    fn an_error_in_a_role_makes_its_account_that_error_only() {
        let out = risk(
            vec![t("Acme"), t("Acme"), t("Globex")],
            vec![
                t("User"),
                Cell::error(ErrorCode::NotAvailable, ""),
                t("User"),
            ],
        )
        .unwrap();
        assert_eq!(out[1][0], t("Acme"));
        assert_eq!(code(&out[1][1]), ErrorCode::NotAvailable);
        assert_eq!(code(&out[1][2]), ErrorCode::NotAvailable);
        match &out[1][1] {
            Cell::Error(e) => assert!(e.message.starts_with("CONTACT_RISK: roles row 2, column 1")),
            _ => unreachable!(),
        }
        assert_eq!(out[2], row("Globex", 1.0, "Single-threaded"));
    }

    #[test]
    fn an_error_in_an_account_is_its_own_row() {
        let out = risk(
            vec![t("Acme"), Cell::error(ErrorCode::Ref, ""), t("#REF!")],
            vec![t("User"), t("User"), t("User")],
        )
        .unwrap();
        assert_eq!(out.len(), 4);
        assert!(out[2].iter().all(|c| code(c) == ErrorCode::Ref));
        // A text account spelled like an error is an ordinary account.
        assert_eq!(out[3], row("#REF!", 1.0, "Single-threaded"));
    }

    #[test]
    fn no_accounts_is_the_header_alone() {
        let out = risk(vec![Cell::Blank], vec![t("User")]).unwrap();
        assert_eq!(out, [header()]);
    }

    #[test]
    fn a_single_role_is_repeated_for_every_row() {
        let out = call(
            "CONTACT_RISK",
            vec![
                col(vec![t("Acme"), t("Acme")]),
                Some(Grid::scalar(t("Economic Buyer"))),
            ],
        )
        .unwrap();
        assert_eq!(out.to_rows()[1], row("Acme", 2.0, "Covered"));
    }

    #[test]
    fn shape_problems_are_whole_call_value_errors() {
        let e = risk(vec![t("Acme"), t("Acme")], vec![t("User"); 3]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let wide = Some(Grid::from_rows(vec![vec![t("User"), t("User")]; 2]));
        let e = call("CONTACT_RISK", vec![col(vec![t("Acme"), t("Acme")]), wide]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("CONTACT_RISK: roles:"),
            "{}",
            e.message
        );
    }
}
