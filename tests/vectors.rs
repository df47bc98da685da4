//! Runs the shared vectors in `tests/vectors/*.json` natively. The same files are run by every
//! host (Excel path in Node, the browser, Sheets, the npm package), so hosts cannot disagree.
//!
//! A file: `{"function": NAME, "cases": [{"name", "args", "expect"}]}`. `args` is a list of
//! grids (`null` = omitted). `expect` is a grid, or one error object for a whole-call error.
//! An expected error cell `{"error": CODE, "message_contains": TEXT?}` matches any error with
//! that code (and text). Numbers match within 1e-9 relative.

// Integration tests are test code: clippy.toml allows unwrap, indexing and panics there.
#![cfg(test)]

use rapport::json::{args_from_json, cell_to_json};
use rapport::{call, Cell, Grid};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn matches_cell(expect: &Value, got: &Cell) -> Result<(), String> {
    let ok = match (expect, got) {
        (Value::Object(o), Cell::Error(e)) if o.contains_key("error") => {
            let code = o.get("error").and_then(Value::as_str).unwrap_or("");
            let text = o
                .get("message_contains")
                .and_then(Value::as_str)
                .unwrap_or("");
            code == e.code.as_str() && e.message.contains(text)
        }
        (Value::Number(x), Cell::Number(y)) => close(x.as_f64().unwrap_or(f64::NAN), *y),
        (Value::String(s), Cell::Text(t)) => s.as_str() == &**t,
        (Value::Bool(a), Cell::Bool(b)) => a == b,
        (Value::Null, Cell::Blank) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("expected {expect}, got {}", cell_to_json(got)))
    }
}

fn check(expect: &Value, got: &Result<Grid, rapport::CellError>) -> Result<(), String> {
    match (expect, got) {
        (Value::Object(_), Err(e)) => matches_cell(expect, &Cell::Error(e.clone())),
        (Value::Object(o), Ok(g)) if o.contains_key("rows") => {
            let rows = o.get("rows").and_then(Value::as_u64).unwrap_or(0) as usize;
            let cols = o.get("cols").and_then(Value::as_u64).unwrap_or(0) as usize;
            if (g.rows(), g.cols()) == (rows, cols) {
                Ok(())
            } else {
                Err(format!(
                    "expected shape {rows}×{cols}, got {}×{}",
                    g.rows(),
                    g.cols()
                ))
            }
        }
        (Value::Array(rows), Ok(g)) => {
            if rows.len() != g.rows() {
                return Err(format!("expected {} rows, got {}", rows.len(), g.rows()));
            }
            for (r, row) in rows.iter().enumerate() {
                let cells = row.as_array().ok_or("expected rows to be arrays")?;
                if cells.len() != g.cols() {
                    return Err(format!(
                        "row {}: expected {} columns, got {}",
                        r + 1,
                        cells.len(),
                        g.cols()
                    ));
                }
                for (c, e) in cells.iter().enumerate() {
                    matches_cell(e, g.get(r, c))
                        .map_err(|m| format!("row {}, column {}: {m}", r + 1, c + 1))?;
                }
            }
            Ok(())
        }
        (_, Err(e)) => Err(format!(
            "unexpected whole-call error {} {}",
            e.code, e.message
        )),
        _ => Err(format!("expected {expect}, got a grid")),
    }
}

#[test]
fn every_vector_gives_the_expected_cells() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    let mut cases = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let func = doc["function"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no function", path.display()));
        covered.insert(func.to_string());
        for case in doc["cases"].as_array().unwrap() {
            cases += 1;
            let name = case["name"].as_str().unwrap_or("?");
            let args =
                args_from_json(&case["args"]).unwrap_or_else(|e| panic!("{func}/{name}: {e}"));
            let got = call(func, args);
            if let Err(m) = check(&case["expect"], &got) {
                failures.push(format!("{func} / {name}: {m}"));
            }
        }
    }
    let missing: Vec<_> = rapport::CATALOGUE
        .iter()
        .filter(|f| !covered.contains(f.name))
        .map(|f| f.name)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {cases} vector cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(missing.is_empty(), "functions without vectors: {missing:?}");
    println!("{cases} vector cases passed");
}
