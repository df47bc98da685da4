//! Shorthands shared by the functions' rule tests (test builds only).

use crate::cells::{Cell, CellError, ErrorCode, Grid};

/// A number cell.
pub fn n(x: f64) -> Cell {
    Cell::Number(x)
}

/// A boolean cell.
pub fn b(x: bool) -> Cell {
    Cell::Bool(x)
}

/// A text cell.
pub fn t(s: &str) -> Cell {
    Cell::text(s)
}

/// A one-column argument.
pub fn col(cells: Vec<Cell>) -> Option<Grid> {
    Some(Grid::column(cells))
}

/// A 1×1 argument.
pub fn one(c: Cell) -> Option<Grid> {
    Some(Grid::scalar(c))
}

/// A grid argument from rows.
pub fn grid(rows: Vec<Vec<Cell>>) -> Option<Grid> {
    Some(Grid::from_rows(rows))
}

/// The number in a result cell (panics on anything else).
pub fn num(c: &Cell) -> f64 {
    match c {
        Cell::Number(x) => *x,
        other => panic!("expected a number, got {other:?}"),
    }
}

/// The error in a result cell (panics on anything else).
pub fn err(c: &Cell) -> &CellError {
    match c {
        Cell::Error(e) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

/// The error code in a result cell (panics on anything else).
pub fn code(c: &Cell) -> ErrorCode {
    err(c).code
}
