//! Cells in, cells out: the spreadsheet value model every function reads and writes.
//!
//! A [`Grid`] is a 2-D range of [`Cell`]s. Parsing a raw cell into a typed value (a rating, a
//! flag, a label, a date) lives in [`read`]; an argument with its position-aware error messages
//! lives in [`args`].

pub mod args;
pub mod dates;
pub mod read;

use serde::Serialize;
use std::fmt;
use std::rc::Rc;

/// The error codes a spreadsheet shows. The first three are the ones Rapport produces itself;
/// the rest only ever arrive from the sheet and are passed through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorCode {
    /// `#VALUE!`: wrong type or shape (text where a number is needed, unknown label, bad option).
    Value,
    /// `#NUM!`: a number outside its allowed range.
    Num,
    /// `#N/A`: not enough data to compute.
    NotAvailable,
    /// `#DIV/0!` (from the sheet only).
    Div0,
    /// `#REF!` (from the sheet only).
    Ref,
    /// `#NAME?` (from the sheet only).
    Name,
    /// `#NULL!` (from the sheet only).
    Null,
}

impl ErrorCode {
    /// All codes, in a fixed order (their numeric tag at the wasm boundary is the index).
    pub const ALL: [ErrorCode; 7] = [
        ErrorCode::Value,
        ErrorCode::Num,
        ErrorCode::NotAvailable,
        ErrorCode::Div0,
        ErrorCode::Ref,
        ErrorCode::Name,
        ErrorCode::Null,
    ];

    /// The text the spreadsheet shows, e.g. `#N/A`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Value => "#VALUE!",
            ErrorCode::Num => "#NUM!",
            ErrorCode::NotAvailable => "#N/A",
            ErrorCode::Div0 => "#DIV/0!",
            ErrorCode::Ref => "#REF!",
            ErrorCode::Name => "#NAME?",
            ErrorCode::Null => "#NULL!",
        }
    }

    /// Reads an error text as the sheet writes it (`#N/A`, `#DIV/0!` …). Errors a custom
    /// function cannot return (`#SPILL!`, `#CALC!`, `#GETTING_DATA` …) read as `#VALUE!`.
    pub fn parse(text: &str) -> Option<ErrorCode> {
        let t = text.trim().to_ascii_uppercase();
        if !t.starts_with('#') {
            return None;
        }
        Some(match t.as_str() {
            "#VALUE!" => ErrorCode::Value,
            "#NUM!" => ErrorCode::Num,
            "#N/A" => ErrorCode::NotAvailable,
            "#DIV/0!" => ErrorCode::Div0,
            "#REF!" => ErrorCode::Ref,
            "#NAME?" => ErrorCode::Name,
            "#NULL!" => ErrorCode::Null,
            _ => ErrorCode::Value,
        })
    }

    /// The numeric tag used at the wasm boundary.
    pub fn tag(self) -> u8 {
        match self {
            ErrorCode::Value => 0,
            ErrorCode::Num => 1,
            ErrorCode::NotAvailable => 2,
            ErrorCode::Div0 => 3,
            ErrorCode::Ref => 4,
            ErrorCode::Name => 5,
            ErrorCode::Null => 6,
        }
    }

    /// Inverse of [`ErrorCode::tag`]; unknown tags read as `#VALUE!`.
    pub fn from_tag(tag: u8) -> ErrorCode {
        ErrorCode::ALL
            .get(usize::from(tag))
            .copied()
            .unwrap_or(ErrorCode::Value)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error value with the message shown to the user (Excel shows it for `#VALUE!` and `#N/A`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub code: ErrorCode,
    pub message: String,
}

impl CellError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> CellError {
        CellError {
            code,
            message: message.into(),
        }
    }
    pub fn value(message: impl Into<String>) -> CellError {
        CellError::new(ErrorCode::Value, message)
    }
    pub fn num(message: impl Into<String>) -> CellError {
        CellError::new(ErrorCode::Num, message)
    }
    pub fn not_available(message: impl Into<String>) -> CellError {
        CellError::new(ErrorCode::NotAvailable, message)
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.message)
    }
}

/// One spreadsheet cell. Text is shared: a text that occurs in many cells (an account name
/// on every row) is held once, and cloning a cell never copies it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Blank,
    Number(f64),
    Text(Rc<str>),
    Bool(bool),
    Error(CellError),
}

impl Cell {
    pub fn text(s: impl Into<Rc<str>>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn error(code: ErrorCode, message: impl Into<String>) -> Cell {
        Cell::Error(CellError::new(code, message))
    }
    /// Turns a computed result into a cell: a value or its error.
    pub fn from_result(r: Result<f64, CellError>) -> Cell {
        match r {
            Ok(x) => Cell::Number(x),
            Err(e) => Cell::Error(e),
        }
    }
}

impl From<CellError> for Cell {
    fn from(e: CellError) -> Cell {
        Cell::Error(e)
    }
}

/// A rectangular range of cells, row-major. Every argument and every result is a grid;
/// a single value is a 1×1 grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
}

impl Grid {
    /// Builds a grid from row-major cells; `None` when `cells.len() != rows * cols`.
    pub fn new(rows: usize, cols: usize, cells: Vec<Cell>) -> Option<Grid> {
        (rows.checked_mul(cols) == Some(cells.len())).then_some(Grid { rows, cols, cells })
    }

    /// Builds a grid from rows; ragged rows are padded with blanks.
    pub fn from_rows(rows: Vec<Vec<Cell>>) -> Grid {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let n = rows.len();
        let mut cells = Vec::with_capacity(n * cols);
        for mut row in rows {
            row.resize(cols, Cell::Blank);
            cells.extend(row);
        }
        Grid {
            rows: n,
            cols,
            cells,
        }
    }

    /// A 1×1 grid.
    pub fn scalar(cell: Cell) -> Grid {
        Grid {
            rows: 1,
            cols: 1,
            cells: vec![cell],
        }
    }

    /// A one-column grid.
    pub fn column(cells: Vec<Cell>) -> Grid {
        Grid {
            rows: cells.len(),
            cols: 1,
            cells,
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }
    pub fn cols(&self) -> usize {
        self.cols
    }
    pub fn len(&self) -> usize {
        self.cells.len()
    }
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
    pub fn is_scalar(&self) -> bool {
        self.rows == 1 && self.cols == 1
    }

    /// The cell at (row, col), 0-based; blank outside the grid.
    #[inline]
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        const BLANK: &Cell = &Cell::Blank;
        if row >= self.rows || col >= self.cols {
            return BLANK;
        }
        self.cells.get(row * self.cols + col).unwrap_or(BLANK)
    }

    /// The cells of one row.
    pub fn row(&self, row: usize) -> &[Cell] {
        let start = row.saturating_mul(self.cols);
        self.cells.get(start..start + self.cols).unwrap_or(&[])
    }

    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }
    pub fn into_cells(self) -> Vec<Cell> {
        self.cells
    }

    /// Rows as vectors (for display and tests).
    pub fn to_rows(&self) -> Vec<Vec<Cell>> {
        (0..self.rows).map(|r| self.row(r).to_vec()).collect()
    }
}

/// One input cell as the readers see it, borrowed from its [`Range`]. An error value from the
/// sheet is its code alone (its message, if any, is not ours).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'a> {
    Blank,
    Number(f64),
    Text(&'a str),
    Bool(bool),
    Error(ErrorCode),
}

impl Cell {
    /// This cell as an input cell.
    #[inline(always)]
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Blank => CellRef::Blank,
            Cell::Number(x) => CellRef::Number(*x),
            Cell::Text(s) => CellRef::Text(s),
            Cell::Bool(b) => CellRef::Bool(*b),
            Cell::Error(e) => CellRef::Error(e.code),
        }
    }
}

/// The packed cells of a batch of calls, as they crossed the boundary (see
/// `bindings::wire`): a tag and a number per cell (a text cell's number is the index of its
/// text), and each distinct text once. Every argument of the batch is a window on them: no
/// cell is copied or decoded.
#[derive(Debug, PartialEq)]
pub struct PackedCells {
    pub tags: Vec<u8>,
    pub nums: Vec<f64>,
    pub texts: Vec<Rc<str>>,
}

/// The wire tags of a cell (see `bindings::wire`).
pub mod tag {
    pub const BLANK: u8 = 0;
    pub const NUMBER: u8 = 1;
    pub const TEXT: u8 = 2;
    pub const FALSE: u8 = 3;
    pub const TRUE: u8 = 4;
    /// `ERROR + ErrorCode::tag()`.
    pub const ERROR: u8 = 5;
}

impl PackedCells {
    /// The text a text cell's number names: a whole number ≥ 0 below the count of texts.
    #[inline]
    fn text(&self, index: f64) -> Option<&str> {
        self.texts.get(whole_index(index)?).map(|s| &**s)
    }

    /// The cell at `i`. A text index that names no text (only a broken packer would send one)
    /// reads as `#VALUE!`.
    #[inline(always)]
    fn get(&self, i: usize) -> CellRef<'_> {
        let (Some(&t), Some(&x)) = (self.tags.get(i), self.nums.get(i)) else {
            return CellRef::Blank;
        };
        match t {
            tag::BLANK => CellRef::Blank,
            tag::NUMBER => CellRef::Number(x),
            tag::TEXT => match self.text(x) {
                Some(s) => CellRef::Text(s),
                None => CellRef::Error(ErrorCode::Value),
            },
            tag::FALSE => CellRef::Bool(false),
            tag::TRUE => CellRef::Bool(true),
            t => CellRef::Error(ErrorCode::from_tag(t - tag::ERROR)),
        }
    }
}

/// `x` as an index when it is a whole number ≥ 0 (the cast back must give `x` itself: NaN,
/// negatives, fractions and numbers past `usize` do not).
#[inline]
fn whole_index(x: f64) -> Option<usize> {
    let i = x as usize;
    (i as f64 == x).then_some(i)
}

#[derive(Clone, Debug, PartialEq)]
enum Store {
    Cells(Vec<Cell>),
    /// Cells `start..start + rows * cols` of a packed batch.
    Packed {
        cells: Rc<PackedCells>,
        start: usize,
    },
}

/// An argument's range of cells, row-major: either cells built natively (tests, the CLI) or a
/// window on a packed batch from JavaScript.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    rows: usize,
    cols: usize,
    store: Store,
}

impl From<Grid> for Range {
    fn from(g: Grid) -> Range {
        Range {
            rows: g.rows,
            cols: g.cols,
            store: Store::Cells(g.cells),
        }
    }
}

impl Range {
    /// A window of `rows`×`cols` cells from `start` of a packed batch; `None` when the batch
    /// has fewer cells.
    pub fn packed(rows: usize, cols: usize, cells: Rc<PackedCells>, start: usize) -> Option<Range> {
        let end = start.checked_add(rows.checked_mul(cols)?)?;
        (end <= cells.tags.len() && end <= cells.nums.len()).then_some(Range {
            rows,
            cols,
            store: Store::Packed { cells, start },
        })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }
    pub fn cols(&self) -> usize {
        self.cols
    }
    pub fn len(&self) -> usize {
        self.rows * self.cols
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn is_scalar(&self) -> bool {
        self.rows == 1 && self.cols == 1
    }

    /// Row `row` of a packed range as its tags and number slots (see [`tag`]), for hot loops
    /// that read numbers straight off them; `None` for cells built natively.
    #[inline]
    pub fn packed_row(&self, row: usize) -> Option<(&[u8], &[f64])> {
        let Store::Packed { cells, start } = &self.store else {
            return None;
        };
        if row >= self.rows {
            return None;
        }
        let from = start + row * self.cols;
        let to = from + self.cols;
        Some((cells.tags.get(from..to)?, cells.nums.get(from..to)?))
    }

    /// The index of the text a packed text cell holds in its batch's distinct texts (equal
    /// texts, equal indices); `None` for other cells and for cells built natively.
    #[inline]
    pub fn text_index(&self, row: usize, col: usize) -> Option<usize> {
        let Store::Packed { cells, start } = &self.store else {
            return None;
        };
        if row >= self.rows || col >= self.cols {
            return None;
        }
        let i = start + row * self.cols + col;
        if cells.tags.get(i) != Some(&tag::TEXT) {
            return None;
        }
        let index = whole_index(*cells.nums.get(i)?)?;
        (index < cells.texts.len()).then_some(index)
    }

    /// The cell at (row, col), 0-based; blank outside the range.
    #[inline(always)]
    pub fn get(&self, row: usize, col: usize) -> CellRef<'_> {
        if row >= self.rows || col >= self.cols {
            return CellRef::Blank;
        }
        let i = row * self.cols + col;
        match &self.store {
            Store::Packed { cells, start } => cells.get(start + i),
            Store::Cells(cells) => cells.get(i).map_or(CellRef::Blank, Cell::as_ref),
        }
    }
}

/// Formats a number the way a spreadsheet user reads it in a message or a key: integers
/// without a decimal point, others in the shortest form that reads back the same.
pub fn format_number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    format!("{x}")
}

/// How a cell is quoted in a message: text in quotes, others as the sheet shows them.
pub fn describe(cell: CellRef) -> String {
    const MAX: usize = 40;
    match cell {
        CellRef::Blank => "a blank cell".to_string(),
        CellRef::Number(x) if x.is_nan() => "NaN".to_string(),
        CellRef::Number(x) if x.is_infinite() => {
            if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        }
        CellRef::Number(x) => format_number(x),
        CellRef::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
        CellRef::Error(code) => code.as_str().to_string(),
        CellRef::Text(s) => {
            if s.chars().count() > MAX {
                let head: String = s.chars().take(MAX).collect();
                format!("'{head}…'")
            } else {
                format!("'{s}'")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_like_a_spreadsheet() {
        assert_eq!(format_number(12345.0), "12345");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(1e20), "100000000000000000000");
    }

    #[test]
    fn error_texts_round_trip() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            assert_eq!(ErrorCode::from_tag(code.tag()), code);
        }
        assert_eq!(ErrorCode::parse("#SPILL!"), Some(ErrorCode::Value));
        assert_eq!(ErrorCode::parse("N/A"), None);
    }

    #[test]
    fn ragged_rows_are_padded_with_blanks() {
        let g = Grid::from_rows(vec![vec![Cell::Number(1.0)], vec![]]);
        assert_eq!((g.rows(), g.cols()), (2, 1));
        assert_eq!(g.get(1, 0), &Cell::Blank);
        assert_eq!(g.get(5, 5), &Cell::Blank);
    }
}
// A cell takes 16 bytes in wasm (a tag and 8 bytes: a number, a shared text, an error): the
// decoded grid of a large call is twice its packed numbers, not more.
#[cfg(target_pointer_width = "32")]
const _: () = assert!(std::mem::size_of::<Cell>() == 16);
