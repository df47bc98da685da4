//! ACCOUNT_SEQ: each account's Sales Equity score, level and 90% bootstrap interval.

use crate::catalogue::{
    column, list, optional, range, Function, ResultShape, TableRows, SCALE_MAX, SCALE_MIN,
};
use crate::cells::args::{Args, Groups, Table};
use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::functions::seq_score::{item_weights, respondent_scores};
use crate::model::bootstrap::{account_seed, bootstrap_interval, weighted_mean};
use crate::model::seq::{sales_equity_level, DEFAULT_CUTOFFS};

const HEADER: [&str; 7] = [
    "Account",
    "Respondents",
    "Excluded",
    "SEQ",
    "Level",
    "Low",
    "High",
];

pub const ACCOUNT_SEQ: Function = Function {
    name: "ACCOUNT_SEQ",
    family: "Sales Equity",
    description: "Sales Equity of each account: its respondents' scores averaged with role weights (Decision Maker and Economic Buyer count 2, Champion 1.5, others 1), the level, and a 90% bootstrap interval. One row per account, in order of first appearance.",
    params: &[
        column("accounts", "The account each respondent belongs to, one row per respondent. Rows with a blank account are skipped; names group ignoring case."),
        range("ratings", "Survey answers, one row per respondent and one column per item (default scale 1–5). Blanks, n/a and don't know are unanswered."),
        optional(column("roles", "Optional role of each respondent: Decision Maker, Economic Buyer (weight 2), Champion (1.5), Influencer, User or anything else (1). Default: all weight 1.")),
        optional(list("weights", "Optional weight of each item column (≥ 0, not all 0), as a row or a column. Default: all 1.")),
        SCALE_MIN,
        SCALE_MAX,
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerInputRow,
    },
    example: "=RAPPORT.ACCOUNT_SEQ(A2:A200, C2:T200, B2:B200) → one row per account, e.g. Acme | 4 | 0 | 72.5 | Predisposed | 64.1 | 80.3.",
    volatile: false,
    notes: &[
        "An error value in a respondent's `roles` cell excludes that respondent, like an error in their ratings (a role that cannot be read cannot be weighted). Text that is not a known role is the role \"other\" (weight 1), never an error.",
        "An error value (or a non-finite number) in the `accounts` column does not fail the whole call. Rows whose account cell holds the same error code form one entity, listed at their first appearance: its Account cell and every computed cell show that error (the message names the first such row).",
        "When no respondent of an account is usable, the `#N/A` in SEQ, Level, Low and High quotes the first excluded respondent's problem, so the cause is one hover away.",
        "Low/High are the 5th and 95th percentiles of 1,000 resampled role-weighted means; the resampling is seeded from the account's name (ignoring case) and its respondents' scores and role weights, so an account's interval never moves when other accounts change, and recalculation never changes it.",
        "A 1×1 `ratings` or `roles` is repeated for every row, like any parallel argument.",
    ],
    eval,
};

/// What is known about one account while reading its rows.
#[derive(Default)]
struct Account {
    scores: Vec<f64>,
    role_weights: Vec<f64>,
    excluded: usize,
    first_exclusion: Option<CellError>,
    /// Set when the account cell itself is an error value: the entity is that error.
    key_error: Option<CellError>,
}

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.required(0)?;
    let ratings = args.required(1)?;
    let roles = args.get(2);
    accounts.expect_column()?;
    if let Some(r) = roles {
        r.expect_column()?;
    }
    let weights = item_weights(args.get(3), ratings.cols())?;
    let scale = args.scale(4, 5)?;
    let n = args.parallel_rows(&[Some(accounts), Some(ratings), roles])?;
    let scores = respondent_scores(ratings, &weights, scale);

    let mut groups = Groups::default();
    let mut entities: Vec<Account> = Vec::new();
    for r in 0..n {
        let index = match groups.key_entity(accounts, r) {
            Ok(None) => continue, // blank account: skipped unvalidated
            Ok(Some(i)) => i,
            Err((i, e)) => {
                if i == entities.len() {
                    entities.push(Account {
                        key_error: Some(e),
                        ..Account::default()
                    });
                }
                continue;
            }
        };
        if index == entities.len() {
            entities.push(Account::default());
        }
        let Some(account) = entities.get_mut(index) else {
            continue;
        };
        let score = scores
            .get(if ratings.is_scalar() { 0 } else { r })
            .cloned()
            .unwrap_or_else(|| Err(ratings.error_row(r, ErrorCode::Value, "missing row")));
        let role = roles.map(|a| a.role(r, 0)).transpose();
        match (score, role) {
            (Ok(s), Ok(role)) => {
                account.scores.push(s);
                account
                    .role_weights
                    .push(role.map_or(1.0, |role| role.weight()));
            }
            (Err(e), _) | (Ok(_), Err(e)) => {
                account.excluded += 1;
                account.first_exclusion.get_or_insert(e);
            }
        }
    }

    let mut table = Table::new(&HEADER);
    for (name, account) in groups.into_names().into_iter().zip(entities) {
        table.push(account_row(args.func, name, account));
    }
    Ok(table.into_grid())
}

fn account_row(func: &str, name: String, account: Account) -> Vec<Cell> {
    if let Some(e) = account.key_error {
        return vec![Cell::Error(e); HEADER.len()];
    }
    let counts = [
        Cell::text(name.clone()),
        Cell::Number(account.scores.len() as f64),
        Cell::Number(account.excluded as f64),
    ];
    let Some(seq) = weighted_mean(&account.scores, &account.role_weights) else {
        let why = account
            .first_exclusion
            .map_or_else(String::new, |e| format!(" (first: {})", e.message));
        let na = Cell::error(
            ErrorCode::NotAvailable,
            format!(
                "{func}: account '{name}': no usable respondent, {} excluded{why}",
                account.excluded
            ),
        );
        return counts.into_iter().chain(vec![na; 4]).collect();
    };
    let level = sales_equity_level(seq, &DEFAULT_CUTOFFS);
    let seed = account_seed(&name.to_lowercase(), &account.scores, &account.role_weights);
    let (low, high) = match bootstrap_interval(&account.scores, &account.role_weights, seed) {
        Some((lo, hi)) => (Cell::Number(lo), Cell::Number(hi)),
        None => (Cell::Blank, Cell::Blank),
    };
    counts
        .into_iter()
        .chain([Cell::Number(seq), Cell::text(level.name()), low, high])
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn err(code: ErrorCode) -> Cell {
        Cell::error(code, "from the sheet")
    }
    fn message(c: &Cell) -> String {
        match c {
            Cell::Error(e) => e.message.clone(),
            other => panic!("expected an error, got {other:?}"),
        }
    }
    fn account_seq(args: Vec<Option<Grid>>) -> Grid {
        call("ACCOUNT_SEQ", args).unwrap()
    }
    /// Ratings rows that all score `s` on a 1–5 scale with one item: rating = 1 + 4·s/100.
    fn scored(scores: &[f64]) -> Option<Grid> {
        grid(
            scores
                .iter()
                .map(|s| vec![n(1.0 + 4.0 * s / 100.0)])
                .collect(),
        )
    }

    #[test]
    fn header_row_names_the_columns() {
        let out = account_seq(vec![col(vec![t("Acme")]), scored(&[75.0])]);
        assert_eq!(
            out.row(0),
            [
                "Account",
                "Respondents",
                "Excluded",
                "SEQ",
                "Level",
                "Low",
                "High"
            ]
            .map(t)
        );
    }

    #[test]
    fn one_row_per_account_in_first_appearance_order_grouping_ignoring_case() {
        let out = account_seq(vec![
            col(vec![t("Globex"), t("Acme"), t(" GLOBEX "), n(1001.0)]),
            scored(&[50.0, 75.0, 100.0, 25.0]),
        ]);
        assert_eq!(out.rows(), 4);
        assert_eq!(out.get(1, 0), &t("Globex"));
        assert_eq!(out.get(2, 0), &t("Acme"));
        assert_eq!(out.get(3, 0), &t("1001"));
        assert_eq!(num(out.get(1, 1)), 2.0);
        assert_eq!(num(out.get(1, 3)), 75.0);
    }

    #[test]
    fn seq_is_the_role_weighted_mean_of_respondent_scores() {
        // Decision Maker 100 (weight 2), User 0 (1), Champion 50 (1.5), Influencer 25 (1),
        // Economic Buyer 75 (2), unknown role 0 (1):
        // (200 + 0 + 75 + 25 + 150 + 0) / 8.5 = 450 / 8.5.
        let out = account_seq(vec![
            Some(Grid::scalar(t("Acme"))),
            scored(&[100.0, 0.0, 50.0, 25.0, 75.0, 0.0]),
            col(vec![
                t("Decision Maker"),
                t("user"),
                t("CHAMPION"),
                t("influencer"),
                t("economic_buyer"),
                t("CFO"),
            ]),
        ]);
        assert!((num(out.get(1, 3)) - 450.0 / 8.5).abs() < 1e-12);
    }

    #[test]
    fn without_roles_every_respondent_weighs_one() {
        let out = account_seq(vec![col(vec![t("A"), t("A")]), scored(&[100.0, 50.0])]);
        assert_eq!(num(out.get(1, 3)), 75.0);
    }

    #[test]
    fn level_uses_the_default_cut_points() {
        let out = account_seq(vec![
            col(vec![t("a"), t("b"), t("c"), t("d"), t("e")]),
            scored(&[49.0, 50.0, 69.0, 70.0, 85.0]),
        ]);
        let levels: Vec<_> = (1..=5).map(|r| out.get(r, 4).clone()).collect();
        assert_eq!(
            levels,
            [
                t("Antagonistic"),
                t("Transactional"),
                t("Transactional"),
                t("Predisposed"),
                t("Trusted Advisor")
            ]
        );
    }

    #[test]
    fn item_weights_and_scale_score_each_respondent_as_seq_score_does() {
        // 0–10 scale, weights {3, 1}: 100·(3·1 + 1·0)/4 = 75.
        let out = account_seq(vec![
            col(vec![t("A")]),
            grid(vec![vec![n(10.0), n(0.0)]]),
            None,
            grid(vec![vec![n(3.0), n(1.0)]]),
            Some(Grid::scalar(n(0.0))),
            Some(Grid::scalar(n(10.0))),
        ]);
        assert_eq!(num(out.get(1, 3)), 75.0);
    }

    #[test]
    fn blank_account_rows_are_skipped_unvalidated() {
        let out = account_seq(vec![
            col(vec![t("A"), Cell::Blank, t("n/a"), t("  ")]),
            grid(vec![
                vec![n(5.0)],
                vec![t("abc")],
                vec![err(ErrorCode::Div0)],
                vec![n(9.0)],
            ]),
        ]);
        assert_eq!(out.rows(), 2);
        assert_eq!(num(out.get(1, 1)), 1.0);
        assert_eq!(num(out.get(1, 2)), 0.0);
    }

    #[test]
    fn bad_respondents_are_excluded_and_counted_not_used() {
        // Rows: 100, text (#VALUE!), too few answers (#N/A), above scale (#NUM!), error value,
        // 50 → Respondents 2, Excluded 4, SEQ 75.
        let out = account_seq(vec![
            Some(Grid::scalar(t("A"))),
            grid(vec![
                vec![n(5.0), n(5.0)],
                vec![n(5.0), t("abc")],
                vec![t(""), t("dk")],
                vec![n(6.0), n(5.0)],
                vec![err(ErrorCode::Ref), n(5.0)],
                vec![n(3.0), n(3.0)],
            ]),
        ]);
        assert_eq!(num(out.get(1, 1)), 2.0);
        assert_eq!(num(out.get(1, 2)), 4.0);
        assert_eq!(num(out.get(1, 3)), 75.0);
    }

    #[test]
    fn an_error_value_in_a_role_cell_excludes_the_respondent() {
        let out = account_seq(vec![
            col(vec![t("A"), t("A"), t("A")]),
            scored(&[100.0, 0.0, 50.0]),
            col(vec![t("User"), err(ErrorCode::NotAvailable), Cell::Blank]),
        ]);
        assert_eq!(num(out.get(1, 1)), 2.0);
        assert_eq!(num(out.get(1, 2)), 1.0);
        assert_eq!(num(out.get(1, 3)), 75.0);
    }

    #[test]
    fn an_account_with_no_usable_respondent_is_na_with_its_counts() {
        let out = account_seq(vec![
            col(vec![t("A"), t("B"), t("B")]),
            grid(vec![vec![n(5.0)], vec![t("abc")], vec![t("")]]),
        ]);
        assert_eq!(out.get(2, 0), &t("B"));
        assert_eq!(num(out.get(2, 1)), 0.0);
        assert_eq!(num(out.get(2, 2)), 2.0);
        for c in 3..7 {
            assert_eq!(code(out.get(2, c)), ErrorCode::NotAvailable);
        }
        let m = message(out.get(2, 3));
        assert!(
            m.starts_with("ACCOUNT_SEQ: account 'B': no usable respondent, 2 excluded"),
            "{m}"
        );
        assert!(
            m.contains("ratings row 2, column 1: 'abc' is not a number"),
            "{m}"
        );
        // Other accounts are unaffected.
        assert_eq!(num(out.get(1, 3)), 100.0);
    }

    #[test]
    fn low_and_high_are_blank_with_fewer_than_two_respondents() {
        let out = account_seq(vec![
            col(vec![t("A"), t("A")]),
            grid(vec![vec![n(4.0)], vec![t("abc")]]),
        ]);
        assert_eq!(num(out.get(1, 1)), 1.0);
        assert_eq!(out.get(1, 5), &Cell::Blank);
        assert_eq!(out.get(1, 6), &Cell::Blank);
    }

    #[test]
    fn two_respondents_give_an_interval_spanning_their_scores() {
        // Resamples of two: {DM, DM} = 100, {U, U} = 0, mixed = 200/3; each end holds about a
        // quarter of the resamples, so the 5th and 95th percentiles are 0 and 100.
        let out = account_seq(vec![
            col(vec![t("A"), t("A")]),
            scored(&[100.0, 0.0]),
            col(vec![t("Decision Maker"), t("User")]),
        ]);
        assert!((num(out.get(1, 3)) - 200.0 / 3.0).abs() < 1e-12);
        assert_eq!(num(out.get(1, 5)), 0.0);
        assert_eq!(num(out.get(1, 6)), 100.0);
    }

    #[test]
    fn low_is_at_most_seq_and_high_at_least_seq() {
        let out = account_seq(vec![
            Some(Grid::scalar(t("A"))),
            scored(&[0.0, 25.0, 50.0, 75.0, 100.0, 100.0, 12.5]),
        ]);
        let (seq, lo, hi) = (num(out.get(1, 3)), num(out.get(1, 5)), num(out.get(1, 6)));
        assert!(lo <= seq && seq <= hi && lo < hi, "{lo} {seq} {hi}");
    }

    #[test]
    fn each_accounts_interval_depends_only_on_its_own_rows() {
        let alone = account_seq(vec![
            Some(Grid::scalar(t("Acme"))),
            scored(&[0.0, 25.0, 50.0, 75.0, 100.0]),
        ]);
        let mixed = account_seq(vec![
            col(vec![
                t("Globex"),
                t("Acme"),
                t("Acme"),
                t("Initech"),
                t("Acme"),
                t("Acme"),
                t("Acme"),
            ]),
            scored(&[10.0, 0.0, 25.0, 90.0, 50.0, 75.0, 100.0]),
        ]);
        assert_eq!(mixed.get(2, 0), &t("Acme"));
        assert_eq!(alone.row(1), mixed.row(2));
        // And recalculation gives the same interval, bit for bit.
        let again = account_seq(vec![
            Some(Grid::scalar(t("Acme"))),
            scored(&[0.0, 25.0, 50.0, 75.0, 100.0]),
        ]);
        assert_eq!(alone, again);
    }

    #[test]
    fn an_error_value_in_the_accounts_column_is_its_own_entity() {
        let out = account_seq(vec![
            col(vec![
                t("A"),
                err(ErrorCode::NotAvailable),
                t("B"),
                err(ErrorCode::NotAvailable),
                err(ErrorCode::Div0),
            ]),
            scored(&[100.0, 0.0, 50.0, 0.0, 0.0]),
        ]);
        assert_eq!(out.rows(), 5);
        assert_eq!(out.get(1, 0), &t("A"));
        for c in 0..7 {
            assert_eq!(code(out.get(2, c)), ErrorCode::NotAvailable);
            assert_eq!(code(out.get(4, c)), ErrorCode::Div0);
        }
        assert_eq!(
            message(out.get(2, 0)),
            "ACCOUNT_SEQ: accounts row 2, column 1: the cell holds #N/A"
        );
        assert_eq!(out.get(3, 0), &t("B"));
        assert_eq!(num(out.get(3, 3)), 50.0);
    }

    #[test]
    fn the_text_of_an_error_code_is_an_ordinary_account_name() {
        let out = account_seq(vec![
            col(vec![t("#N/A"), err(ErrorCode::NotAvailable)]),
            scored(&[100.0, 0.0]),
        ]);
        assert_eq!(out.rows(), 3);
        assert_eq!(out.get(1, 0), &t("#N/A"));
        assert_eq!(code(out.get(2, 0)), ErrorCode::NotAvailable);
    }

    #[test]
    fn rows_of_different_lengths_are_a_whole_call_value_error() {
        let e = call(
            "ACCOUNT_SEQ",
            vec![col(vec![t("A"), t("B")]), scored(&[10.0, 20.0, 30.0])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = call(
            "ACCOUNT_SEQ",
            vec![
                col(vec![t("A"), t("B")]),
                scored(&[10.0, 20.0]),
                col(vec![t("User"); 3]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn accounts_and_roles_must_be_single_columns() {
        let e = call(
            "ACCOUNT_SEQ",
            vec![grid(vec![vec![t("A"), t("B")]]), scored(&[10.0])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("ACCOUNT_SEQ: accounts"),
            "{}",
            e.message
        );
        let e = call(
            "ACCOUNT_SEQ",
            vec![
                col(vec![t("A")]),
                scored(&[10.0]),
                grid(vec![vec![t("User"), t("User")]]),
            ],
        )
        .unwrap_err();
        assert!(e.message.starts_with("ACCOUNT_SEQ: roles"), "{}", e.message);
    }

    #[test]
    fn bad_options_are_whole_call_value_errors() {
        let a = col(vec![t("A")]);
        let r = grid(vec![vec![n(4.0), n(4.0)]]);
        let e = call(
            "ACCOUNT_SEQ",
            vec![
                a.clone(),
                r.clone(),
                None,
                grid(vec![vec![n(-1.0), n(1.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("ACCOUNT_SEQ: weights"),
            "{}",
            e.message
        );
        let e = call(
            "ACCOUNT_SEQ",
            vec![
                a,
                r,
                None,
                None,
                Some(Grid::scalar(n(5.0))),
                Some(Grid::scalar(n(1.0))),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn a_single_account_cell_is_repeated_for_every_row() {
        let out = account_seq(vec![Some(Grid::scalar(t("Solo"))), scored(&[100.0, 50.0])]);
        assert_eq!(out.rows(), 2);
        assert_eq!(num(out.get(1, 1)), 2.0);
    }

    #[test]
    fn a_single_ratings_cell_is_repeated_for_every_row() {
        let out = account_seq(vec![col(vec![t("A"), t("B")]), Some(Grid::scalar(n(4.0)))]);
        assert_eq!(out.rows(), 3);
        assert_eq!(num(out.get(1, 3)), 75.0);
        assert_eq!(num(out.get(2, 3)), 75.0);
    }

    #[test]
    fn no_accounts_gives_the_header_alone() {
        let out = account_seq(vec![col(vec![Cell::Blank, t("")]), scored(&[10.0, 20.0])]);
        assert_eq!((out.rows(), out.cols()), (1, 7));
    }
}
