//! The `rapport` command line: print the catalogue, call a function, or score the sample survey.
//!
//!   rapport catalogue                     the whole catalogue as JSON
//!   rapport call NAME '[args as JSON]'    one call; the result as JSON
//!   rapport demo [accounts] [seed]        sample survey → account table, printed as text
//!   rapport vectors [dir]                 the native result of every vector case, as JSON
//!                                         (hosts compare their own results with it, exactly)
//!   rapport random-cases N SEED           N seeded random calls with their native results,
//!                                         as JSON (the cross-host determinism tests replay them)

use rapport::json::{args_from_json, result_to_json};
use rapport::{call, Cell, Grid};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("catalogue") => match serde_json::to_string_pretty(rapport::CATALOGUE) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        Some("call") => {
            let (Some(name), Some(json)) = (args.get(1), args.get(2)) else {
                return fail("usage: rapport call NAME '[args as JSON]'");
            };
            let parsed = serde_json::from_str(json).map_err(|e| e.to_string());
            match parsed.and_then(|v| args_from_json(&v)) {
                Ok(a) => {
                    println!("{}", result_to_json(&call(name, a)));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&format!("bad arguments: {e}")),
            }
        }
        Some("demo") => demo(args.get(1), args.get(2)),
        Some("vectors") => vectors(args.get(1).map_or("tests/vectors", String::as_str)),
        Some("random-cases") => {
            let n = args.get(1).and_then(|s| s.parse::<usize>().ok());
            let seed = args.get(2).and_then(|s| s.parse::<u64>().ok());
            let (Some(n), Some(seed)) = (n, seed) else {
                return fail("usage: rapport random-cases N SEED");
            };
            println!("{}", rapport::random_cases::random_cases(n, seed));
            ExitCode::SUCCESS
        }
        _ => fail(
            "usage: rapport catalogue | rapport call NAME '[args as JSON]' | rapport demo [accounts] [seed] | rapport vectors [dir] | rapport random-cases N SEED",
        ),
    }
}

/// Runs every case of every vector file natively: `{"FUNCTION": [result per case]}`.
fn vectors(dir: &str) -> ExitCode {
    let mut out = serde_json::Map::new();
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return fail(&format!("{dir}: {e}")),
    };
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let doc: serde_json::Value = match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => return fail(&format!("{}: {e}", path.display())),
        };
        let func = doc
            .get("function")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let mut results = Vec::new();
        for case in doc
            .get("cases")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let result = match args_from_json(case.get("args").unwrap_or(&serde_json::Value::Null))
            {
                Ok(a) => result_to_json(&call(&func, a)),
                Err(e) => return fail(&format!("{func}: {e}")),
            };
            results.push(result);
        }
        out.insert(func, serde_json::Value::Array(results));
    }
    println!("{}", serde_json::Value::Object(out));
    ExitCode::SUCCESS
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(2)
}

fn num_arg(s: Option<&String>, default: f64) -> Option<Grid> {
    let x = s.and_then(|s| s.parse::<f64>().ok()).unwrap_or(default);
    Some(Grid::scalar(Cell::Number(x)))
}

/// Scores a synthetic survey end to end and prints the account table.
fn demo(accounts: Option<&String>, seed: Option<&String>) -> ExitCode {
    let survey = match call(
        "SAMPLE_SURVEY",
        vec![num_arg(accounts, 8.0), num_arg(seed, 42.0)],
    ) {
        Ok(g) => g,
        Err(e) => return fail(&e.to_string()),
    };
    let body: Vec<Vec<Cell>> = survey.to_rows().into_iter().skip(1).collect();
    let column = |c: usize| {
        Grid::column(
            body.iter()
                .map(|r| r.get(c).cloned().unwrap_or(Cell::Blank))
                .collect(),
        )
    };
    let ratings = Grid::from_rows(
        body.iter()
            .map(|r| r.iter().skip(2).cloned().collect())
            .collect(),
    );
    println!(
        "Rapport {} — sample survey: {} respondents\n",
        rapport::VERSION,
        body.len()
    );
    let table = call(
        "ACCOUNT_SEQ",
        vec![Some(column(0)), Some(ratings), Some(column(1))],
    );
    match table {
        Ok(t) => {
            const WIDTHS: [usize; 7] = [22, 12, 10, 8, 18, 8, 8];
            for row in t.to_rows() {
                let line: String = row
                    .iter()
                    .zip(WIDTHS)
                    .enumerate()
                    .map(|(i, (c, w))| {
                        if i == 0 {
                            format!("{:<w$}", show(c))
                        } else {
                            format!("{:>w$}", show(c))
                        }
                    })
                    .collect();
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn show(c: &Cell) -> String {
    match c {
        Cell::Blank => String::new(),
        Cell::Number(x) if x.fract() == 0.0 => format!("{x:.0}"),
        Cell::Number(x) => format!("{x:.1}"),
        Cell::Text(s) => s.to_string(),
        Cell::Bool(b) => b.to_string().to_uppercase(),
        Cell::Error(e) => e.code.to_string(),
    }
}
