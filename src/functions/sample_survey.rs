//! SAMPLE_SURVEY: realistic synthetic survey data to try the other functions on.

use crate::catalogue::{number, Function, ResultShape, TableRows};
use crate::cells::args::{Args, Table};
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::rng::Fingerprint;
use crate::model::sample::{sample_survey, DIMENSIONS, RESPONDENTS_MAX};

/// Accounts in the sample when `accounts` is omitted.
const DEFAULT_ACCOUNTS: f64 = 8.0;

/// The most accounts a sample may have.
const MAX_ACCOUNTS: f64 = 10_000.0;

/// Account, Role, then the six climate dimensions (one list of them: `model::sample`).
const HEADER: [&str; 8] = [
    "Account",
    "Role",
    DIMENSIONS[0],
    DIMENSIONS[1],
    DIMENSIONS[2],
    DIMENSIONS[3],
    DIMENSIONS[4],
    DIMENSIONS[5],
];

pub const SAMPLE_SURVEY: Function = Function {
    name: "SAMPLE_SURVEY",
    family: "Survey quality and utilities",
    description: "Realistic sample survey data: 3–6 respondents per account with their role and 1–5 ratings of the six climate dimensions, a mix of healthy and at-risk accounts. The same seed always gives the same table.",
    params: &[
        number("accounts", "Number of accounts, 1 to 10,000. Default 8."),
        number("seed", "Any number; the same seed gives the same table. Omitted: fresh random data on every recalculation."),
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerAccount {
            per_account: RESPONDENTS_MAX as usize,
            default_accounts: DEFAULT_ACCOUNTS as usize,
            max_accounts: MAX_ACCOUNTS as usize,
        },
    },
    example: "=RAPPORT.SAMPLE_SURVEY(8, 42) → a header row and about 36 respondents of 8 accounts; feed it to ACCOUNT_SEQ(A2:A40, C2:H40, B2:B40).",
    volatile: true,
    notes: &[
        "`accounts` must be a whole number from 1 to 10,000 (a fraction such as 2.5 is a whole-call `#VALUE!`, like any value outside the allowed ones); a non-finite number is the reader's `#NUM!`.",
        "Any finite `seed` works; seeds are told apart by their exact bits (so 42 and 42.5 give different tables; -0 reads as 0). A seed given as numeric text counts as that number.",
        "The same seed with a different number of accounts gives a different table (the level mix is spread over the accounts asked for).",
        "Role shows the canonical role names; every rating is answered (no blanks), so the table feeds ACCOUNT_SEQ, CLIMATE and SURVEY_ALPHA directly.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.number_or(0, DEFAULT_ACCOUNTS)?;
    if !(1.0..=MAX_ACCOUNTS).contains(&accounts) || accounts.fract() != 0.0 {
        return Err(CellError::value(format!(
            "{}: accounts: must be a whole number from 1 to 10000, got {}",
            args.func,
            format_number(accounts)
        )));
    }
    let seed = match args.get(1) {
        Some(arg) => Fingerprint::default()
            .bytes(b"SAMPLE_SURVEY")
            .f64(arg.scalar_number()?)
            .finish(),
        None => fresh_seed().ok_or_else(|| {
            CellError::new(
                ErrorCode::NotAvailable,
                format!(
                    "{}: no secure random source here: give a seed, e.g. =SAMPLE_SURVEY(8, 42)",
                    args.func
                ),
            )
        })?,
    };
    let mut table = Table::new(&HEADER);
    for row in sample_survey(accounts as usize, seed) {
        let mut cells = Vec::with_capacity(HEADER.len());
        cells.push(Cell::text(row.account));
        cells.push(Cell::text(row.role.name()));
        cells.extend(row.ratings.map(Cell::Number));
        table.push(cells);
    }
    Ok(table.into_grid())
}

/// 64 bits from the platform's secure random source, if it has one.
fn fresh_seed() -> Option<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).ok()?;
    Some(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::HEADER;
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use std::collections::HashMap;

    fn n(x: f64) -> Option<Grid> {
        Some(Grid::scalar(Cell::Number(x)))
    }
    fn survey(accounts: Option<Grid>, seed: Option<Grid>) -> Result<Grid, CellError> {
        call("SAMPLE_SURVEY", vec![accounts, seed])
    }
    /// Respondents per account, in order of first appearance.
    fn respondents(g: &Grid) -> Vec<(String, usize)> {
        let mut order: Vec<String> = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for r in 1..g.rows() {
            let Cell::Text(a) = g.get(r, 0) else {
                panic!("{:?}", g.get(r, 0))
            };
            if !counts.contains_key(&**a) {
                order.push(a.to_string());
            }
            *counts.entry(a.to_string()).or_default() += 1;
        }
        order.into_iter().map(|a| (a.clone(), counts[&a])).collect()
    }

    #[test]
    fn header_row_names_account_role_and_the_six_dimensions() {
        let out = survey(None, n(42.0)).unwrap();
        assert_eq!(out.cols(), 8);
        assert_eq!(out.row(0), HEADER.map(Cell::text));
        assert_eq!(
            HEADER,
            [
                "Account",
                "Role",
                "Trust",
                "Care",
                "Continuity",
                "Linkages",
                "Communication",
                "Problem solving"
            ]
        );
    }

    #[test]
    fn default_is_eight_accounts_of_three_to_six_respondents() {
        let out = survey(None, n(42.0)).unwrap();
        let per = respondents(&out);
        assert_eq!(per.len(), 8);
        assert!(per.iter().all(|(_, k)| (3..=6).contains(k)), "{per:?}");
        // Each account's rows are together.
        assert_eq!(per.iter().map(|(_, k)| k).sum::<usize>(), out.rows() - 1);
    }

    #[test]
    fn same_seed_same_table_different_seed_different_table() {
        let a = survey(n(20.0), n(7.0)).unwrap();
        assert_eq!(a, survey(n(20.0), n(7.0)).unwrap());
        assert_eq!(
            a,
            survey(n(20.0), Some(Grid::scalar(Cell::text("7")))).unwrap()
        );
        assert_ne!(a, survey(n(20.0), n(8.0)).unwrap());
        assert_ne!(a, survey(n(20.0), n(7.5)).unwrap());
    }

    #[test]
    fn every_rating_is_a_whole_number_from_1_to_5() {
        let out = survey(n(300.0), n(1.0)).unwrap();
        for r in 1..out.rows() {
            for c in 2..8 {
                match out.get(r, c) {
                    Cell::Number(x) => assert!(x.fract() == 0.0 && (1.0..=5.0).contains(x), "{x}"),
                    other => panic!("{other:?}"),
                }
            }
        }
    }

    #[test]
    fn respondents_per_account_are_three_to_six_and_all_counts_occur() {
        let out = survey(n(500.0), n(3.0)).unwrap();
        let per = respondents(&out);
        assert_eq!(per.len(), 500);
        for k in 3..=6 {
            assert!(per.iter().any(|(_, c)| *c == k), "no account with {k}");
        }
        assert!(per.iter().all(|(_, c)| (3..=6).contains(c)));
    }

    #[test]
    fn roles_are_known_role_names() {
        let out = survey(n(100.0), n(2.0)).unwrap();
        for r in 1..out.rows() {
            let Cell::Text(role) = out.get(r, 1) else {
                panic!()
            };
            assert!(
                [
                    "Decision Maker",
                    "Economic Buyer",
                    "Champion",
                    "Influencer",
                    "User"
                ]
                .contains(&&**role),
                "{role}"
            );
        }
    }

    #[test]
    fn the_level_mix_roughly_matches_the_published_shares() {
        // Score the sample with the engine itself: ACCOUNT_SEQ → levels → LEVEL_MIX.
        let out = survey(n(2000.0), n(99.0)).unwrap();
        let rows = out.to_rows();
        let body = &rows[1..];
        let accounts = Grid::column(body.iter().map(|r| r[0].clone()).collect());
        let roles = Grid::column(body.iter().map(|r| r[1].clone()).collect());
        let ratings = Grid::from_rows(body.iter().map(|r| r[2..].to_vec()).collect());
        let seq = call(
            "ACCOUNT_SEQ",
            vec![Some(accounts), Some(ratings), Some(roles)],
        )
        .unwrap();
        let levels = Grid::column((1..seq.rows()).map(|r| seq.get(r, 4).clone()).collect());
        let mix = call("LEVEL_MIX", vec![Some(levels)]).unwrap();
        let share = |r: usize| match mix.get(r, 2) {
            Cell::Number(x) => *x,
            other => panic!("{other:?}"),
        };
        let (antagonistic, trusted, at_risk) = (share(1), share(4), share(5));
        assert!((0.06..=0.14).contains(&antagonistic), "{antagonistic}");
        assert!((0.28..=0.40).contains(&at_risk), "{at_risk}");
        assert!((0.10..=0.30).contains(&trusted), "{trusted}");
    }

    #[test]
    fn accounts_outside_1_to_10000_or_fractional_are_a_whole_call_value_error() {
        for bad in [0.0, -1.0, 10_001.0, 2.5] {
            let e = survey(n(bad), n(1.0)).unwrap_err();
            assert_eq!(e.code, ErrorCode::Value, "{bad}");
            assert!(
                e.message.starts_with("SAMPLE_SURVEY: accounts"),
                "{}",
                e.message
            );
        }
        let e = survey(Some(Grid::scalar(Cell::text("many"))), None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            respondents(&survey(n(10_000.0), n(1.0)).unwrap()).len(),
            10_000
        );
        assert_eq!(respondents(&survey(n(1.0), n(1.0)).unwrap()).len(), 1);
    }

    #[test]
    fn a_seed_that_is_not_a_number_is_a_whole_call_error() {
        let e = survey(None, Some(Grid::scalar(Cell::text("abc")))).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = survey(None, Some(Grid::scalar(Cell::Number(f64::NAN)))).unwrap_err();
        assert_eq!(e.code, ErrorCode::Num);
    }

    #[test]
    fn without_a_seed_it_draws_fresh_data() {
        // Native builds have a secure random source.
        let a = survey(n(50.0), None).unwrap();
        let b = survey(n(50.0), None).unwrap();
        assert_eq!(a.cols(), 8);
        assert_ne!(a, b);
    }

    #[test]
    fn it_is_declared_volatile() {
        // Hosts read the flag from the catalogue and must not cache the result.
        assert!(crate::functions::find("SAMPLE_SURVEY").unwrap().volatile);
    }
}
