//! RELATIONSHIP_VALUE: each account's relationship value, the fading sum of its interactions.

use crate::catalogue::{column, number, optional, value, Function, ResultShape, TableRows};
use crate::cells::args::{Arg, Args, Groups, Table};
use crate::cells::{format_number, read, Cell, CellError, ErrorCode, Grid};
use crate::model::value::{DecayCache, ValueLedger, DEFAULT_HALF_LIFE_DAYS};

const HEADER: [&str; 5] = ["Account", "Interactions", "Value", "Cost", "Trend"];

pub const RELATIONSHIP_VALUE: Function = Function {
    name: "RELATIONSHIP_VALUE",
    family: "Relationship value",
    description: "Relationship value of each account: the sum of its interactions' effects, each fading by half every half-life, with the interaction count, total cost and a Rising/Falling/Flat trend. One row per account.",
    params: &[
        column("accounts", "Account of each interaction, one column. Rows with a blank account are skipped."),
        column("dates", "Date of each interaction: a date serial or YYYY-MM-DD text."),
        column("effects", "Effect of each interaction on the relationship: positive builds value (a deposit), negative destroys it (a withdrawal). Blank = 0."),
        optional(column("costs", "Optional cost of each interaction (≥ 0; blank = 0). Omitted: Cost is 0.")),
        number("half_life_days", "Days after which an interaction counts half as much. Default 180; must be > 0."),
        value("as_of", "Date to value the relationships at (serial or YYYY-MM-DD). Default: the latest date in dates. Later interactions are ignored."),
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerInputRow,
    },
    example: "=RAPPORT.RELATIONSHIP_VALUE(A2:A500, B2:B500, C2:C500, D2:D500) → one row per account: Acme | 12 | 7.4 | 3600 | Rising.",
    volatile: false,
    notes: &[
        "`as_of` defaults to the latest valid date in `dates`, over every row (including rows skipped for a blank account); a cell that is not a valid date does not count towards it.",
        "`accounts`, `dates`, `effects` and `costs` must be one column wide (whole-call `#VALUE!`); a 1×1 `effects` or `costs` is repeated for every interaction.",
        "`as_of` must be a single cell; a bad `as_of` (not a date, or a sheet error) is a whole-call error with that code.",
        "A row with a blank date makes its account `#N/A` (\"no date\"): an interaction without a date cannot be placed in time. Validation errors of the account still win.",
        "A blank effect is 0; the interaction still counts in Interactions (and its cost in Cost).",
        "Effects may be any finite number (deposits +, withdrawals −).",
        "Rows after `as_of` are still validated; a bad cell there still makes its account that error.",
        "An account cell holding an error value from the sheet is listed as its own entity (one per error code, like Excel's UNIQUE), with that error in every cell of its row.",
        "An account with an error shows the account name and the error in Interactions, Value, Cost and Trend.",
    ],
    eval,
};

/// One account being summed: its ledger, or its first problem.
struct Account {
    /// The sheet error in the account cell itself, if that is what groups this entity.
    key_error: Option<CellError>,
    /// The first invalid cell of the account's rows.
    invalid: Option<CellError>,
    /// The first row without a date (loses to `invalid`).
    undated: Option<CellError>,
}

fn eval(args: &Args) -> Result<Grid, CellError> {
    let accounts = args.required(0)?;
    let dates = args.required(1)?;
    let effects = args.required(2)?;
    let costs = args.get(3);
    for a in [Some(accounts), Some(dates), Some(effects), costs]
        .iter()
        .flatten()
    {
        a.expect_column()?;
    }
    let rows = args.parallel_rows(&[Some(accounts), Some(dates), Some(effects), costs])?;
    let half_life = half_life_days(args)?;
    let given_as_of = args.get(5).map(as_of_date).transpose()?;

    let mut groups = Groups::default();
    let mut book: Vec<Account> = Vec::new();
    // Every dated interaction as (account, date, effect, cost), in row order: valued once the
    // as-of date is known. One flat list, not one growing list per account.
    let mut dated: Vec<(u32, f64, f64, f64)> = Vec::with_capacity(rows);
    let mut latest: Option<f64> = None;
    for r in 0..rows {
        // The default as_of is the latest date in `dates` (methodology §8), over every row: a
        // row skipped for its blank account still dates the data set; a cell that is no date
        // does not.
        let date = dates.date(r, 0);
        if let Ok(Some(d)) = date {
            latest = Some(latest.map_or(d, |l: f64| l.max(d)));
        }
        let (entity, key_error) = match groups.key_entity(accounts, r) {
            Ok(None) => continue,
            Ok(Some(i)) => (i, None),
            Err((i, e)) => (i, Some(e)),
        };
        if entity == book.len() {
            book.push(Account {
                key_error: key_error.clone(),
                invalid: None,
                undated: None,
            });
        }
        let Some(account) = book.get_mut(entity) else {
            continue;
        };
        match read_row(r, date, effects, costs) {
            Ok(Some((date, effect, cost))) => dated.push((entity as u32, date, effect, cost)),
            Ok(None) => {
                if account.undated.is_none() {
                    account.undated = Some(dates.error_row(
                        r,
                        ErrorCode::NotAvailable,
                        "no date (every interaction needs a date)",
                    ));
                }
            }
            Err(e) => {
                if account.invalid.is_none() {
                    account.invalid = Some(e);
                }
            }
        }
    }

    let as_of = given_as_of.or(latest);
    // Each account's ledger records its interactions in row order.
    let mut ledgers = vec![ValueLedger::default(); book.len()];
    if let Some(as_of) = as_of {
        let mut decay = DecayCache::new(half_life);
        for &(account, date, effect, cost) in &dated {
            if let Some(ledger) = ledgers.get_mut(account as usize) {
                ledger.record_with(as_of - date, effect, cost, |age| decay.weight(age));
            }
        }
    }
    drop(dated);
    let mut table = Table::new(&HEADER);
    for ((name, account), ledger) in groups.into_names().into_iter().zip(book).zip(ledgers) {
        let name_cell = match &account.key_error {
            Some(e) => Cell::Error(e.clone()),
            None => Cell::text(name),
        };
        let problem = account
            .key_error
            .or(account.invalid)
            .or(account.undated)
            .or_else(|| {
                as_of.is_none().then(|| {
                    CellError::not_available("RELATIONSHIP_VALUE: dates: no valid date to value at")
                })
            });
        if let Some(e) = problem {
            let mut row = vec![name_cell];
            row.extend(std::iter::repeat(Cell::Error(e)).take(HEADER.len() - 1));
            table.push(row);
            continue;
        }
        table.push(vec![
            name_cell,
            Cell::Number(ledger.interactions as f64),
            Cell::Number(ledger.value),
            Cell::Number(ledger.cost),
            Cell::text(ledger.trend().name()),
        ]);
    }
    Ok(table.into_grid())
}

/// One row's (date, effect, cost), `None` when the date is blank, or the row's first invalid
/// cell in argument order.
fn read_row(
    r: usize,
    date: Result<Option<f64>, CellError>,
    effects: Arg,
    costs: Option<Arg>,
) -> Result<Option<(f64, f64, f64)>, CellError> {
    let date = date?;
    let effect = effects.number(r, 0)?.unwrap_or(0.0);
    let cost = match costs {
        None => 0.0,
        Some(c) => match c.number(r, 0)? {
            None => 0.0,
            Some(x) if x < 0.0 => {
                return Err(c.error_at(
                    r,
                    0,
                    ErrorCode::Num,
                    &format!("cost {} is negative (costs must be ≥ 0)", format_number(x)),
                ))
            }
            Some(x) => x,
        },
    };
    Ok(date.map(|d| (d, effect, cost)))
}

/// `half_life_days`, default 180; must be > 0.
fn half_life_days(args: &Args) -> Result<f64, CellError> {
    let h = args.number_or(4, DEFAULT_HALF_LIFE_DAYS)?;
    if h > 0.0 {
        Ok(h)
    } else {
        Err(CellError::value(format!(
            "RELATIONSHIP_VALUE: half_life_days: must be > 0, got {}",
            format_number(h)
        )))
    }
}

/// The `as_of` date: one cell, a date serial or ISO text.
fn as_of_date(arg: Arg) -> Result<f64, CellError> {
    if !arg.is_scalar() {
        return Err(arg.error(
            ErrorCode::Value,
            &format!(
                "must be a single date, got a {}×{} range",
                arg.rows(),
                arg.cols()
            ),
        ));
    }
    match read::date(arg.cell(0, 0)) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(arg.error(ErrorCode::Value, "is blank")),
        Err(p) => Err(arg.error(p.code, &p.message)),
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn rv(args: Vec<Option<Grid>>) -> Vec<Vec<Cell>> {
        call("RELATIONSHIP_VALUE", args).unwrap().to_rows()
    }
    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn header_then_one_row_per_account_in_first_appearance_order() {
        let out = rv(vec![
            col(vec![t("Globex"), t("Acme"), t("globex")]),
            col(vec![n(100.0), n(100.0), n(100.0)]),
            col(vec![n(1.0), n(2.0), n(3.0)]),
        ]);
        assert_eq!(
            out[0],
            ["Account", "Interactions", "Value", "Cost", "Trend"].map(t)
        );
        assert_eq!(out[1][0], t("Globex"));
        assert_eq!(num(&out[1][1]), 2.0);
        assert_eq!(num(&out[1][2]), 4.0);
        assert_eq!(out[2][0], t("Acme"));
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn value_halves_every_half_life_with_default_180_days() {
        // as_of defaults to the latest date, 400: ages 0, 180, 360.
        let out = rv(vec![
            col(vec![t("A"); 3]),
            col(vec![n(400.0), n(220.0), n(40.0)]),
            col(vec![n(1.0), n(2.0), n(4.0)]),
        ]);
        // 1 + 2·0.5 + 4·0.25
        assert_eq!(num(&out[1][2]), 3.0);
    }

    #[test]
    fn half_life_days_option_changes_the_decay() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![n(100.0), n(130.0)]),
            col(vec![n(8.0), n(0.0)]),
            None,
            one(n(10.0)),
        ]);
        // 8 · 0.5^(30/10) = 1
        assert_eq!(num(&out[1][2]), 1.0);
    }

    #[test]
    fn a_fractional_age_decays_smoothly() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![n(0.0), n(90.0)]),
            col(vec![n(1.0), n(0.0)]),
        ]);
        close(num(&out[1][2]), 0.5_f64.sqrt());
    }

    #[test]
    fn half_life_days_not_positive_is_a_whole_call_value_error() {
        for h in [0.0, -5.0] {
            let e = call(
                "RELATIONSHIP_VALUE",
                vec![one(t("A")), one(n(1.0)), one(n(1.0)), None, one(n(h))],
            )
            .unwrap_err();
            assert_eq!(e.code, ErrorCode::Value);
            assert!(e.message.contains("half_life_days"), "{}", e.message);
        }
    }

    #[test]
    fn as_of_accepts_a_serial_or_iso_text_and_ignores_later_interactions() {
        // 2024-01-01 is serial 45292.
        for as_of in [n(45292.0), t("2024-01-01")] {
            let out = rv(vec![
                col(vec![t("A"), t("A"), t("B")]),
                col(vec![t("2024-01-01"), n(45300.0), n(45301.0)]),
                col(vec![n(2.0), n(5.0), n(7.0)]),
                col(vec![n(10.0), n(20.0), n(30.0)]),
                None,
                one(as_of),
            ]);
            assert_eq!(out[1][1..], [n(1.0), n(2.0), n(10.0), t("Rising")]);
            // An account whose interactions are all later is listed with 0, 0, 0, Flat.
            assert_eq!(out[2], [t("B"), n(0.0), n(0.0), n(0.0), t("Flat")]);
        }
    }

    #[test]
    fn bad_as_of_is_a_whole_call_error() {
        let base = || vec![one(t("A")), one(n(1.0)), one(n(1.0)), None, None];
        let mut a = base();
        a.push(one(t("soon")));
        assert_eq!(
            call("RELATIONSHIP_VALUE", a).unwrap_err().code,
            ErrorCode::Value
        );
        let mut a = base();
        a.push(one(n(-1.0)));
        assert_eq!(
            call("RELATIONSHIP_VALUE", a).unwrap_err().code,
            ErrorCode::Num
        );
        let mut a = base();
        a.push(Some(Grid::column(vec![n(1.0), n(2.0)])));
        assert_eq!(
            call("RELATIONSHIP_VALUE", a).unwrap_err().code,
            ErrorCode::Value
        );
    }

    #[test]
    fn as_of_default_is_the_latest_valid_date() {
        // B's bad effect does not stop its date from being the latest; A is valued at 190.
        let out = rv(vec![
            col(vec![t("A"), t("B"), t("C")]),
            col(vec![n(10.0), n(190.0), t("someday")]),
            col(vec![n(4.0), t("x"), n(1.0)]),
        ]);
        assert_eq!(num(&out[1][2]), 2.0);
        assert_eq!(code(&out[2][2]), ErrorCode::Value);
        assert_eq!(code(&out[3][2]), ErrorCode::Value);
    }

    #[test]
    fn trend_compares_the_last_90_days_with_the_90_before() {
        // as_of 200: (110, 200] recent, (20, 110] earlier, ≤ 20 neither.
        let case = |effects: [f64; 4]| {
            let out = rv(vec![
                col(vec![t("A"); 4]),
                col(vec![n(200.0), n(111.0), n(110.0), n(20.0)]),
                col(effects.iter().map(|x| n(*x)).collect()),
            ]);
            out[1][4].clone()
        };
        assert_eq!(case([1.0, 1.0, 1.0, 100.0]), t("Rising"));
        assert_eq!(case([1.0, 0.0, 2.0, 0.0]), t("Falling"));
        assert_eq!(case([1.0, 1.0, 2.0, 0.0]), t("Flat"));
    }

    #[test]
    fn costs_sum_blank_is_zero_and_omitted_is_zero() {
        let out = rv(vec![
            col(vec![t("A"), t("A"), t("A")]),
            col(vec![n(1.0), n(2.0), n(3.0)]),
            col(vec![n(1.0), n(1.0), n(1.0)]),
            col(vec![n(100.0), t("n/a"), t("50")]),
        ]);
        assert_eq!(num(&out[1][3]), 150.0);
        let out = rv(vec![one(t("A")), one(n(1.0)), one(n(1.0))]);
        assert_eq!(num(&out[1][3]), 0.0);
    }

    #[test]
    fn a_negative_cost_is_num_for_its_account_only() {
        let out = rv(vec![
            col(vec![t("A"), t("B")]),
            col(vec![n(1.0), n(1.0)]),
            col(vec![n(1.0), n(1.0)]),
            col(vec![n(-3.0), n(3.0)]),
        ]);
        match &out[1][3] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Num);
                assert_eq!(
                    e.message,
                    "RELATIONSHIP_VALUE: costs row 1, column 1: cost -3 is negative (costs must be ≥ 0)"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(out[1][0], t("A"));
        assert_eq!(code(&out[1][1]), ErrorCode::Num);
        assert_eq!(code(&out[1][4]), ErrorCode::Num);
        assert_eq!(out[2][1..], [n(1.0), n(1.0), n(3.0), t("Rising")]);
    }

    #[test]
    fn a_blank_date_is_na_for_its_account() {
        let out = rv(vec![
            col(vec![t("A"), t("A"), t("B")]),
            col(vec![n(5.0), t(""), n(5.0)]),
            col(vec![n(1.0), n(1.0), n(1.0)]),
        ]);
        match &out[1][2] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::NotAvailable);
                assert!(e.message.contains("dates row 2: no date"), "{}", e.message);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(num(&out[2][2]), 1.0);
    }

    #[test]
    fn validation_errors_win_over_a_missing_date() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![Cell::Blank, n(5.0)]),
            col(vec![n(1.0), t("lots")]),
        ]);
        assert_eq!(code(&out[1][1]), ErrorCode::Value);
    }

    #[test]
    fn a_blank_effect_is_zero_but_still_an_interaction() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![n(5.0), n(5.0)]),
            col(vec![n(2.0), t("-")]),
        ]);
        assert_eq!(out[1][1..3], [n(2.0), n(2.0)]);
    }

    #[test]
    fn first_problem_in_argument_order_wins_within_a_row() {
        let out = rv(vec![
            one(t("A")),
            one(t("yesterday")),
            one(t("abc")),
            one(n(-1.0)),
        ]);
        match &out[1][1] {
            Cell::Error(e) => assert!(e.message.contains("dates row 1"), "{}", e.message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn first_bad_row_wins_within_an_account() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![n(1.0), n(2.0)]),
            col(vec![Cell::error(ErrorCode::Div0, ""), t("abc")]),
        ]);
        assert_eq!(code(&out[1][2]), ErrorCode::Div0);
    }

    #[test]
    fn rows_after_as_of_are_still_validated() {
        let out = rv(vec![
            col(vec![t("A"), t("A")]),
            col(vec![n(1.0), n(50.0)]),
            col(vec![n(1.0), t("abc")]),
            None,
            None,
            one(n(10.0)),
        ]);
        assert_eq!(code(&out[1][2]), ErrorCode::Value);
    }

    #[test]
    fn blank_account_rows_are_skipped_unvalidated() {
        let out = rv(vec![
            col(vec![t("A"), t("n/a"), Cell::Blank]),
            col(vec![n(10.0), t("bad"), n(99.0)]),
            col(vec![n(1.0), t("bad"), n(1.0)]),
        ]);
        // The skipped rows are not validated ('bad' is no error), but the date 99 is the
        // latest date in `dates`, so as_of is 99 and A's interaction is 89 days old.
        assert_eq!(out.len(), 2);
        let value = libm::exp2(-89.0 / 180.0);
        assert_eq!(out[1][1..], [n(1.0), n(value), n(0.0), t("Rising")]);
    }

    #[test]
    fn an_error_value_in_an_account_cell_is_its_own_error_row() {
        let out = rv(vec![
            col(vec![t("A"), Cell::error(ErrorCode::Ref, "")]),
            col(vec![n(1.0), n(1.0)]),
            col(vec![n(1.0), n(1.0)]),
        ]);
        assert_eq!(out.len(), 3);
        assert_eq!(code(&out[2][0]), ErrorCode::Ref);
        assert_eq!(code(&out[2][4]), ErrorCode::Ref);
        assert_eq!(num(&out[1][2]), 1.0);
    }

    #[test]
    fn numeric_account_ids_group_as_text() {
        let out = rv(vec![
            col(vec![n(1001.0), t("1001")]),
            col(vec![n(1.0), n(1.0)]),
            col(vec![n(1.0), n(1.0)]),
        ]);
        assert_eq!(out[1][..2], [t("1001"), n(2.0)]);
    }

    #[test]
    fn column_arguments_must_be_one_column_wide() {
        let e = call(
            "RELATIONSHIP_VALUE",
            vec![
                one(t("A")),
                Some(Grid::from_rows(vec![vec![n(1.0), n(2.0)]])),
                one(n(1.0)),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e.message.contains("dates"), "{}", e.message);
    }

    #[test]
    fn parallel_columns_must_have_equal_rows_and_one_cell_broadcasts() {
        let e = call(
            "RELATIONSHIP_VALUE",
            vec![
                col(vec![t("A"), t("B")]),
                col(vec![n(1.0), n(2.0), n(3.0)]),
                one(n(1.0)),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let out = rv(vec![
            col(vec![t("A"), t("B")]),
            col(vec![n(1.0), n(2.0)]),
            one(n(1.0)),
            one(n(5.0)),
        ]);
        assert_eq!(out[1][1], n(1.0));
        close(num(&out[1][2]), libm::pow(0.5, 1.0 / 180.0));
        assert_eq!(out[1][3], n(5.0));
        assert_eq!(out[2][1..4], [n(1.0), n(1.0), n(5.0)]);
    }

    #[test]
    fn no_accounts_is_the_header_alone() {
        let out = rv(vec![one(Cell::Blank), one(n(1.0)), one(n(1.0))]);
        assert_eq!(out.len(), 1);
    }
}
