//! Property tests: every function, on arbitrary grids of arbitrary cells, never panics, gives
//! the same output for the same input, and keeps the invariants of its result shape.

// Integration tests are test code: clippy.toml allows unwrap, indexing and panics there.
#![cfg(test)]

use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use rapport::catalogue::{Function, ParamKind, ResultShape, TableRows};
use rapport::cells::read::is_blank;
use rapport::{call, Cell, CellError, ErrorCode, Grid};

/// Cases per function (the issue asks for at least 1,000 in CI).
const CASES: u32 = 1000;

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  ".to_string()),
        Just("n/a".to_string()),
        Just("Don’t know".to_string()),
        Just("abc".to_string()),
        Just("4".to_string()),
        Just(" 2.5 ".to_string()),
        Just("1e3".to_string()),
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("inf".to_string()),
        Just("yes".to_string()),
        Just("x".to_string()),
        Just("Trusted Advisor".to_string()),
        Just("antagonistic".to_string()),
        Just("transactional".to_string()),
        Just("Predisposed".to_string()),
        Just("Basic".to_string()),
        Just("collaborative".to_string()),
        Just("Interconnected".to_string()),
        Just("Exploratory".to_string()),
        Just("Decision Maker".to_string()),
        Just("Champion".to_string()),
        Just("Acme".to_string()),
        Just("ACME".to_string()),
        Just("Globex".to_string()),
        Just("2024-05-01".to_string()),
        Just("1900-02-29".to_string()),
        Just("Trust".to_string()),
        Just("care".to_string()),
        "\\PC{0,12}",
    ]
}

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0i32..=6).prop_map(f64::from),
        2 => (-3i32..=120).prop_map(f64::from),
        1 => -2.0f64..2.0,
        1 => 40000.0f64..46000.0,
        1 => prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(-0.0),
            Just(1e308),
            Just(5e-324),
            Just(-1e308),
        ],
        1 => any::<f64>(),
    ]
}

fn arb_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        2 => Just(Cell::Blank),
        6 => arb_number().prop_map(Cell::Number),
        4 => arb_text().prop_map(Cell::text),
        1 => any::<bool>().prop_map(Cell::Bool),
        1 => prop::sample::select(ErrorCode::ALL.to_vec()).prop_map(|c| Cell::error(c, "")),
    ]
}

fn arb_grid() -> impl Strategy<Value = Grid> {
    (1usize..=6, 1usize..=4).prop_flat_map(|(rows, cols)| {
        prop::collection::vec(arb_cell(), rows * cols)
            .prop_map(move |cells| Grid::new(rows, cols, cells).unwrap())
    })
}

/// An argument: omitted, a single cell (broadcast), a column, or any grid.
fn arb_arg(kind: ParamKind) -> impl Strategy<Value = Option<Grid>> {
    let column = (1usize..=6)
        .prop_flat_map(|rows| prop::collection::vec(arb_cell(), rows).prop_map(Grid::column));
    let scalar = arb_cell().prop_map(Grid::scalar);
    match kind {
        ParamKind::Number | ParamKind::Value => prop_oneof![
            1 => Just(None),
            4 => scalar.prop_map(Some),
            1 => arb_grid().prop_map(Some),
        ]
        .boxed(),
        ParamKind::Column => prop_oneof![
            1 => Just(None),
            2 => scalar.prop_map(Some),
            6 => column.prop_map(Some),
            1 => arb_grid().prop_map(Some),
        ]
        .boxed(),
        ParamKind::Range | ParamKind::List => prop_oneof![
            1 => Just(None),
            2 => scalar.prop_map(Some),
            2 => column.prop_map(Some),
            5 => arb_grid().prop_map(Some),
        ]
        .boxed(),
    }
}

fn arb_args(f: &'static Function) -> BoxedStrategy<Vec<Option<Grid>>> {
    f.params
        .iter()
        .map(|p| arb_arg(p.kind))
        .collect::<Vec<_>>()
        .boxed()
}

fn numbers_in_column(g: &Grid, col: usize, skip_header: bool) -> Vec<f64> {
    (usize::from(skip_header)..g.rows())
        .filter_map(|r| match g.get(r, col) {
            Cell::Number(x) => Some(*x),
            _ => None,
        })
        .collect()
}

/// Invariants every result keeps, whatever the input.
fn check_invariants(
    f: &Function,
    args: &[Option<Grid>],
    out: &Result<Grid, CellError>,
) -> Result<(), TestCaseError> {
    let Ok(g) = out else { return Ok(()) };
    for cell in g.cells() {
        if let Cell::Number(x) = cell {
            prop_assert!(x.is_finite(), "{}: non-finite output {x}", f.name);
        }
    }
    let data_rows = f
        .params
        .iter()
        .zip(args)
        .filter(|(p, _)| matches!(p.kind, ParamKind::Range | ParamKind::Column))
        .filter_map(|(_, a)| a.as_ref())
        .map(Grid::rows)
        .max()
        .unwrap_or(1);
    match f.result {
        ResultShape::PerRow { columns } => {
            prop_assert_eq!((g.rows(), g.cols()), (data_rows, columns), "{}", f.name);
        }
        ResultShape::ElementWise => {
            let shape = f
                .params
                .iter()
                .zip(args)
                .filter(|(p, _)| p.kind == ParamKind::Range)
                .filter_map(|(_, a)| a.as_ref())
                .map(|a| (a.rows(), a.cols()))
                .max_by_key(|(r, c)| r * c)
                .unwrap_or((1, 1));
            prop_assert_eq!((g.rows(), g.cols()), shape, "{}", f.name);
        }
        ResultShape::Table { header, rows } => {
            prop_assert_eq!(g.cols(), header.len(), "{}", f.name);
            prop_assert!(g.rows() >= 1, "{}: no header row", f.name);
            for (c, h) in header.iter().enumerate() {
                prop_assert_eq!(g.get(0, c), &Cell::text(*h), "{}", f.name);
            }
            // The catalogue's bound on the table's rows holds (hosts size spills by it).
            let arg = |i: usize| args.get(i).and_then(Option::as_ref);
            let bound = match rows {
                TableRows::PerInputRow => arg(0).map_or(1, |a| a.rows().max(1)),
                TableRows::PerItemColumn { args: n } => (0..n)
                    .filter_map(arg)
                    .map(Grid::cols)
                    .max()
                    .unwrap_or(1)
                    .max(1),
                TableRows::Fixed { rows } => {
                    prop_assert_eq!(g.rows() - 1, rows, "{}", f.name);
                    rows
                }
                TableRows::PerAccount {
                    per_account,
                    default_accounts,
                    max_accounts,
                } => {
                    let accounts = match arg(0).map(|a| a.get(0, 0)) {
                        None | Some(Cell::Blank) => default_accounts,
                        Some(Cell::Number(x)) => *x as usize,
                        Some(_) => max_accounts,
                    };
                    per_account * accounts
                }
            };
            prop_assert!(
                g.rows() - 1 <= bound,
                "{}: {} rows, the catalogue's bound is {}",
                f.name,
                g.rows() - 1,
                bound
            );
        }
        ResultShape::Fixed { rows, columns } => {
            prop_assert_eq!((g.rows(), g.cols()), (rows, columns), "{}", f.name);
        }
    }
    // Scores live on 0–100.
    let score_columns: &[(usize, bool)] = match f.name {
        "SEQ_SCORE" | "SEQ_PERCENTILE" | "DEPENDENCE" => &[(0, false)],
        "CLIMATE" => &[(1, true)],
        "BLIND_SPOTS" => &[(1, true), (2, true)],
        "ACCOUNT_SEQ" => &[(3, true), (5, true), (6, true)],
        "COMMITMENT" => &[(0, false)],
        _ => &[],
    };
    for &(col, header) in score_columns {
        for x in numbers_in_column(g, col, header) {
            prop_assert!(
                (0.0..=100.0).contains(&x),
                "{}: score {x} outside 0–100",
                f.name
            );
        }
    }
    if f.name == "ACCOUNT_SEQ" {
        for r in 1..g.rows() {
            if let (Cell::Number(lo), Cell::Number(seq), Cell::Number(hi)) =
                (g.get(r, 5), g.get(r, 3), g.get(r, 6))
            {
                prop_assert!(
                    lo <= seq && seq <= hi,
                    "Low ≤ SEQ ≤ High broken: {lo} {seq} {hi}"
                );
            }
        }
    }
    Ok(())
}

fn run_properties(name: &str) {
    let f = rapport::find(name).unwrap();
    // A fixed seed per run keeps CI reproducible; PROPTEST_RANDOM=1 explores new inputs.
    let config = ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = if std::env::var_os("PROPTEST_RANDOM").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    };
    runner
        .run(&arb_args(f), |args| {
            let out = call(f.name, args.clone());
            // Same input → same output (SAMPLE_SURVEY without a seed is random by design).
            let seed_given = args
                .get(1)
                .and_then(Option::as_ref)
                .is_some_and(|g| !(g.is_scalar() && is_blank(g.get(0, 0).as_ref())));
            let random = f.volatile && !seed_given;
            if !random {
                prop_assert_eq!(&out, &call(f.name, args.clone()), "{}", f.name);
            }
            check_invariants(f, &args, &out)
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
}

macro_rules! properties {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(#[test] fn $test() { run_properties($name); })*

        #[test]
        fn every_catalogue_function_has_a_property_test() {
            let tested = [$($name),*];
            for f in rapport::CATALOGUE {
                assert!(tested.contains(&f.name), "{} has no property test", f.name);
            }
        }
    };
}

properties! {
    seq_score => "SEQ_SCORE",
    seq_level => "SEQ_LEVEL",
    seq_percentile => "SEQ_PERCENTILE",
    climate => "CLIMATE",
    blind_spots => "BLIND_SPOTS",
    account_seq => "ACCOUNT_SEQ",
    at_risk => "AT_RISK",
    level_mix => "LEVEL_MIX",
    seq_trend => "SEQ_TREND",
    stage => "STAGE",
    stage_next => "STAGE_NEXT",
    perception_gap => "PERCEPTION_GAP",
    contact_risk => "CONTACT_RISK",
    key_accounts => "KEY_ACCOUNTS",
    relationship_value => "RELATIONSHIP_VALUE",
    value_map => "VALUE_MAP",
    dependence => "DEPENDENCE",
    fit => "FIT",
    commitment => "COMMITMENT",
    survey_alpha => "SURVEY_ALPHA",
    sample_survey => "SAMPLE_SURVEY",
    version => "VERSION",
}
