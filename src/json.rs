//! Cells as JSON, for the shared test vectors and the command line (native builds only).
//!
//! A cell is `null` (blank), a number, a string, a boolean, `{"error": "#N/A", "message": …}`,
//! or `{"number": "NaN" | "Infinity" | "-Infinity"}` for non-finite numbers. A grid is an
//! array of rows; a bare value stands for a 1×1 grid. In an argument list `null` is an omitted
//! argument (write `[[null]]` for one blank cell).

use crate::cells::{Cell, CellError, ErrorCode, Grid};
use serde_json::{json, Value};

pub fn cell_from_json(v: &Value) -> Result<Cell, String> {
    Ok(match v {
        Value::Null => Cell::Blank,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => Cell::Number(n.as_f64().ok_or("number out of range")?),
        Value::String(s) => Cell::text(s.as_str()),
        Value::Object(o) => {
            if let Some(code) = o.get("error").and_then(Value::as_str) {
                let code = ErrorCode::parse(code).ok_or_else(|| format!("unknown error {code}"))?;
                let message = o.get("message").and_then(Value::as_str).unwrap_or("");
                Cell::error(code, message)
            } else {
                match o.get("number").and_then(Value::as_str) {
                    Some("NaN") => Cell::Number(f64::NAN),
                    Some("Infinity") => Cell::Number(f64::INFINITY),
                    Some("-Infinity") => Cell::Number(f64::NEG_INFINITY),
                    _ => return Err(format!("unknown cell object {v}")),
                }
            }
        }
        Value::Array(_) => return Err("a cell cannot be an array".into()),
    })
}

pub fn grid_from_json(v: &Value) -> Result<Grid, String> {
    match v {
        Value::Array(rows) => {
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let Value::Array(cells) = row else {
                    return Err("a grid is an array of rows".into());
                };
                out.push(
                    cells
                        .iter()
                        .map(cell_from_json)
                        .collect::<Result<Vec<_>, _>>()?,
                );
            }
            Ok(Grid::from_rows(out))
        }
        other => Ok(Grid::scalar(cell_from_json(other)?)),
    }
}

/// An argument list: `null` = omitted.
pub fn args_from_json(v: &Value) -> Result<Vec<Option<Grid>>, String> {
    let Value::Array(items) = v else {
        return Err("args must be an array".into());
    };
    items
        .iter()
        .map(|a| match a {
            Value::Null => Ok(None),
            other => grid_from_json(other).map(Some),
        })
        .collect()
}

pub fn error_to_json(e: &CellError) -> Value {
    json!({"error": e.code.as_str(), "message": e.message})
}

pub fn cell_to_json(c: &Cell) -> Value {
    match c {
        Cell::Blank => Value::Null,
        Cell::Number(x) if x.is_nan() => json!({"number": "NaN"}),
        Cell::Number(x) if x.is_infinite() => {
            json!({"number": if *x > 0.0 { "Infinity" } else { "-Infinity" }})
        }
        Cell::Number(x) => json!(x),
        Cell::Text(s) => json!(&**s),
        Cell::Bool(b) => json!(b),
        Cell::Error(e) => error_to_json(e),
    }
}

pub fn grid_to_json(g: &Grid) -> Value {
    Value::Array(
        (0..g.rows())
            .map(|r| Value::Array(g.row(r).iter().map(cell_to_json).collect()))
            .collect(),
    )
}

/// A result: the grid, or the whole-call error object.
pub fn result_to_json(r: &Result<Grid, CellError>) -> Value {
    match r {
        Ok(g) => grid_to_json(g),
        Err(e) => error_to_json(e),
    }
}
