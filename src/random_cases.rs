//! Seeded random calls for the cross-host determinism tests (native builds only): `rapport
//! random-cases N SEED` writes N calls and their native results as JSON; the Node and browser
//! tests replay the same calls through the wasm and demand bit-identical answers.
//!
//! Inputs are mostly plausible (ratings with fractions, scores, dates, labels), so that the
//! numeric paths (normal CDF, powers, bootstrap) run, with some junk and edge values mixed in.

use crate::catalogue::{Function, ParamKind};
use crate::cells::{Cell, ErrorCode, Grid};
use crate::json::{grid_to_json, result_to_json};
use crate::model::labels::{Level, Role, Stage};
use crate::model::rng::Rng;
use serde_json::{json, Value};

/// The engine's labels (levels, stages, named roles), then other texts cells hold.
fn labels() -> Vec<&'static str> {
    Level::ALL
        .map(Level::name)
        .into_iter()
        .chain(Stage::ALL.map(Stage::name))
        .chain(Role::NAMED.map(Role::name))
        .chain([
            "Acme",
            "Globex",
            "acme",
            "Initech",
            "Trust",
            "Care",
            "Continuity",
            "yes",
            "no",
            "x",
        ])
        .collect()
}

const JUNK: &[&str] = &[
    "",
    " ",
    "n/a",
    "-",
    "dk",
    "abc",
    "1,5",
    "inf",
    "😀",
    "2024-02-30",
];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(rng.below(items.len())).copied().unwrap_or("")
}

fn cell(rng: &mut Rng) -> Cell {
    match rng.below(100) {
        0..=29 => Cell::Number(1.0 + 4.0 * rng.next_f64()),
        30..=44 => Cell::Number(rng.range(0, 6) as f64),
        45..=54 => Cell::Number(100.0 * rng.next_f64()),
        55..=59 => Cell::Number(rng.range(-50, 120) as f64 + rng.next_f64()),
        60..=64 => Cell::Number(40_000.0 + 6_000.0 * rng.next_f64()),
        65..=74 => Cell::text(pick(rng, &labels())),
        75..=79 => Cell::text(format!("{:.3}", 5.0 * rng.next_f64())),
        80..=84 => Cell::text(format!(
            "20{:02}-{:02}-{:02}",
            rng.range(10, 30),
            rng.range(1, 12),
            rng.range(1, 28)
        )),
        85..=89 => Cell::Blank,
        90..=92 => Cell::text(pick(rng, JUNK)),
        93..=94 => Cell::Bool(rng.below(2) == 1),
        95 => Cell::error(
            ErrorCode::ALL
                .get(rng.below(ErrorCode::ALL.len()))
                .copied()
                .unwrap_or(ErrorCode::Value),
            "",
        ),
        96 => Cell::Number(
            [f64::NAN, f64::INFINITY, -0.0, 1e308, 5e-324]
                .get(rng.below(5))
                .copied()
                .unwrap_or(0.0),
        ),
        _ => Cell::Number(rng.range(-3, 12) as f64 * 0.5),
    }
}

fn grid(rng: &mut Rng, rows: usize, cols: usize) -> Grid {
    let rows_cells = (0..rows)
        .map(|_| (0..cols).map(|_| cell(rng)).collect())
        .collect();
    Grid::from_rows(rows_cells)
}

/// A plausible cell for a parameter, by its name: what a real sheet would hold there.
fn clean_cell(rng: &mut Rng, param: &str) -> Cell {
    let u = rng.next_f64();
    let n = |x: f64| Cell::Number(x);
    match param {
        "ratings" | "seller_ratings" | "buyer_ratings" | "criticality" | "substitutability"
        | "switching_cost" => {
            if rng.below(4) == 0 {
                Cell::Blank
            } else if rng.below(2) == 0 {
                n(rng.range(1, 5) as f64)
            } else {
                n(1.0 + 4.0 * u)
            }
        }
        "scores" | "closeness" | "dependence" | "benchmark" => n(100.0 * u),
        "weights" => n(0.25 + 3.0 * u),
        "accounts" => Cell::text(pick(
            rng,
            &["Acme", "Globex", "acme", "Initech", "Umbrella"],
        )),
        "roles" => {
            let roles = Role::NAMED.map(Role::name);
            Cell::text(pick(rng, &[&roles[..], &[""]].concat()))
        }
        "levels" | "seller_view" | "buyer_view" => {
            Cell::text(pick(rng, &Level::ALL.map(Level::name)))
        }
        "stages" => Cell::text(pick(rng, &Stage::ALL.map(Stage::name))),
        "dimensions" => Cell::text(pick(rng, &["Trust", "Care", "Continuity", "Linkages"])),
        "dates" => n(40_000.0 + (2_000.0 * u).floor() + if rng.below(3) == 0 { 0.5 } else { 0.0 }),
        "effects" => n(10.0 * u - 5.0),
        "costs" | "supplier_cost" | "customer_cost" | "amounts" => n(100.0 * u),
        "profit" => n(1_100.0 * u - 100.0),
        "half_life_days" => n(10.0 + 390.0 * u),
        "threshold" => n(1.0 + 98.0 * u),
        "max_accounts" => n(rng.range(1, 40) as f64),
        "contract" | "joint_planning" | "partner_specific" => {
            Cell::text(pick(rng, &["yes", "no", "x", ""]))
        }
        "stakeholders" | "departments" | "offerings" => n(rng.range(0, 10) as f64),
        "brand" | "product" | "experience" => n(4.0 * u - 2.0),
        _ => cell(rng),
    }
}

/// Plausible arguments: the numeric paths (normal CDF, powers, bootstrap, regression) run.
fn clean_args(rng: &mut Rng, f: &Function) -> Vec<Option<Grid>> {
    let rows = rng.range(1, 30) as usize;
    let cols = rng.range(1, 6) as usize;
    f.params
        .iter()
        .map(|p| {
            let skip = p.optional
                && (matches!(p.name, "scale_min" | "scale_max" | "as_of") || rng.below(2) == 0);
            if skip {
                return None;
            }
            let (r, c) = match p.kind {
                ParamKind::Range => (rows, cols),
                ParamKind::Column => (rows, 1),
                ParamKind::List if p.name == "cutoffs" => {
                    let mut cuts = [
                        100.0 * rng.next_f64(),
                        100.0 * rng.next_f64(),
                        100.0 * rng.next_f64(),
                    ];
                    cuts.sort_by(f64::total_cmp);
                    return Some(Grid::from_rows(vec![cuts
                        .into_iter()
                        .map(Cell::Number)
                        .collect()]));
                }
                ParamKind::List if p.name == "benchmark" => (1, rng.range(2, 8) as usize),
                ParamKind::List => (1, cols),
                ParamKind::Number | ParamKind::Value => (1, 1),
            };
            let cells = (0..r)
                .map(|_| (0..c).map(|_| clean_cell(rng, p.name)).collect())
                .collect();
            Some(Grid::from_rows(cells))
        })
        .collect()
}

/// One call's arguments: parallel columns share a row count, ranges share a width.
fn args(rng: &mut Rng, f: &Function) -> Vec<Option<Grid>> {
    if !f.volatile && rng.below(3) != 0 {
        return clean_args(rng, f);
    }
    let rows = if rng.below(10) == 0 {
        rng.range(0, 40) as usize
    } else {
        rng.range(1, 12) as usize
    };
    let cols = rng.range(1, 6) as usize;
    let mut out: Vec<Option<Grid>> = f
        .params
        .iter()
        .map(|p| {
            if p.optional && rng.below(2) == 0 {
                return None;
            }
            Some(match p.kind {
                ParamKind::Range => grid(rng, rows, cols),
                ParamKind::Column => grid(rng, rows, 1),
                ParamKind::List => {
                    let n = if rng.below(2) == 0 {
                        cols
                    } else {
                        rng.range(1, 6) as usize
                    };
                    grid(rng, 1, n)
                }
                ParamKind::Number | ParamKind::Value => grid(rng, 1, 1),
            })
        })
        .collect();
    if f.volatile {
        // SAMPLE_SURVEY: a few accounts and always a seed, so every host must agree.
        out = vec![
            Some(Grid::scalar(Cell::Number(rng.range(1, 12) as f64))),
            Some(Grid::scalar(Cell::Number(rng.range(0, 1_000_000) as f64))),
        ];
    }
    out
}

fn args_json(args: &[Option<Grid>]) -> Value {
    Value::Array(
        args.iter()
            .map(|a| a.as_ref().map_or(Value::Null, grid_to_json))
            .collect(),
    )
}

/// `n` seeded random calls with their native results: `[{function, args, result}]`.
pub fn random_cases(n: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let catalogue = crate::functions::ALL;
    let cases = (0..n)
        .filter_map(|i| {
            let f = catalogue.get(i % catalogue.len())?;
            let a = args(&mut rng, f);
            let given = args_json(&a);
            let result = result_to_json(&crate::call(f.name, a));
            Some(json!({"function": f.name, "args": given, "result": result}))
        })
        .collect();
    Value::Array(cases)
}
