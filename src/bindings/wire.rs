//! The packed wire format between JavaScript and the engine: a whole call crosses the
//! boundary in a handful of typed arrays and one string, never cell by cell.
//!
//! Each cell has a tag: 0 blank, 1 number (next value of `nums`), 2 text (next string of the
//! text stream), 3 FALSE, 4 TRUE, 5 + code an error (code as [`ErrorCode::tag`]). Results
//! put each error's message in the text stream. Strings are concatenated into one text and
//! split by lengths counted in UTF-16 code units (JavaScript's `length`).
//! `shapes` holds three numbers per argument: present (0/1), rows, columns.

use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::functions::{self, MAX_INPUT_CELLS};

pub const TAG_BLANK: u8 = 0;
pub const TAG_NUMBER: u8 = 1;
pub const TAG_TEXT: u8 = 2;
pub const TAG_FALSE: u8 = 3;
pub const TAG_TRUE: u8 = 4;
pub const TAG_ERROR: u8 = 5;

/// A packed grid (a result, or a call's arguments).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Packed {
    /// 0: `rows`×`cols` cells follow; 1: the whole call failed with the single error cell.
    pub status: u8,
    pub rows: u32,
    pub cols: u32,
    pub tags: Vec<u8>,
    pub nums: Vec<f64>,
    pub text: String,
    pub text_lens: Vec<u32>,
}

impl Packed {
    fn push_text(&mut self, s: &str) {
        self.text.push_str(s);
        self.text_lens.push(s.encode_utf16().count() as u32);
    }

    fn push_cell(&mut self, cell: &Cell) {
        match cell {
            Cell::Blank => self.tags.push(TAG_BLANK),
            Cell::Number(x) => {
                self.tags.push(TAG_NUMBER);
                self.nums.push(*x);
            }
            Cell::Text(s) => {
                self.tags.push(TAG_TEXT);
                self.push_text(s);
            }
            Cell::Bool(b) => self.tags.push(if *b { TAG_TRUE } else { TAG_FALSE }),
            Cell::Error(e) => {
                self.tags.push(TAG_ERROR + e.code.tag());
                self.push_text(&e.message);
            }
        }
    }

    /// Packs a result: the grid, or the whole-call error.
    pub fn from_result(result: &Result<Grid, CellError>) -> Packed {
        let mut p = Packed::default();
        match result {
            Ok(grid) => {
                p.rows = grid.rows() as u32;
                p.cols = grid.cols() as u32;
                p.tags.reserve(grid.len());
                for cell in grid.cells() {
                    p.push_cell(cell);
                }
            }
            Err(e) => {
                p.status = 1;
                p.rows = 1;
                p.cols = 1;
                p.push_cell(&Cell::Error(e.clone()));
            }
        }
        p
    }
}

/// Reads strings off the concatenated text by UTF-16 lengths.
struct TextReader<'a> {
    rest: &'a str,
    lens: std::slice::Iter<'a, u32>,
}

impl<'a> TextReader<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let want = *self.lens.next()? as usize;
        let mut units = 0;
        let mut end = 0;
        for (i, ch) in self.rest.char_indices() {
            if units >= want {
                end = i;
                break;
            }
            units += ch.len_utf16();
            end = i + ch.len_utf8();
        }
        if units != want {
            return None;
        }
        let (head, tail) = self.rest.split_at_checked(end)?;
        self.rest = tail;
        Some(head)
    }
}

fn malformed(what: &str) -> CellError {
    CellError::value(format!(
        "internal error: malformed call ({what}) — please report"
    ))
}

/// Unpacks a call's arguments. The cell limit is checked from the shapes alone, before any
/// cell is decoded.
pub fn decode_args(
    func: &str,
    shapes: &[u32],
    tags: &[u8],
    nums: &[f64],
    text: &str,
    text_lens: &[u32],
) -> Result<Vec<Option<Grid>>, CellError> {
    if shapes.len() % 3 != 0 {
        return Err(malformed("shapes"));
    }
    let total: usize = shapes
        .chunks_exact(3)
        .map(|s| {
            (s.get(1).copied().unwrap_or(0) as usize)
                .saturating_mul(s.get(2).copied().unwrap_or(0) as usize)
        })
        .fold(0, usize::saturating_add);
    if total > MAX_INPUT_CELLS {
        let name = functions::find(func).map_or(func, |f| f.name);
        return Err(functions::too_large(name, total));
    }
    if total != tags.len() {
        return Err(malformed("cell count"));
    }
    let mut tags = tags.iter();
    let mut nums = nums.iter();
    let mut texts = TextReader {
        rest: text,
        lens: text_lens.iter(),
    };
    let mut args = Vec::with_capacity(shapes.len() / 3);
    for s in shapes.chunks_exact(3) {
        let (present, rows, cols) = match s {
            [p, r, c] => (*p, *r as usize, *c as usize),
            _ => return Err(malformed("shapes")),
        };
        let mut cells = Vec::with_capacity(rows * cols);
        for _ in 0..rows * cols {
            let tag = *tags.next().ok_or_else(|| malformed("tags"))?;
            let cell = match tag {
                TAG_BLANK => Cell::Blank,
                TAG_NUMBER => Cell::Number(*nums.next().ok_or_else(|| malformed("numbers"))?),
                TAG_TEXT => Cell::Text(texts.next().ok_or_else(|| malformed("text"))?.to_string()),
                TAG_FALSE => Cell::Bool(false),
                TAG_TRUE => Cell::Bool(true),
                t => {
                    let code = ErrorCode::from_tag(t.saturating_sub(TAG_ERROR));
                    Cell::error(code, format!("the cell holds {code}"))
                }
            };
            cells.push(cell);
        }
        if present == 0 {
            args.push(None);
        } else {
            args.push(Some(
                Grid::new(rows, cols, cells).ok_or_else(|| malformed("shape"))?,
            ));
        }
    }
    Ok(args)
}

/// Decodes, calls and packs: the whole round trip of one call.
pub fn call_packed(
    func: &str,
    shapes: &[u32],
    tags: &[u8],
    nums: &[f64],
    text: &str,
    text_lens: &[u32],
) -> Packed {
    let result = decode_args(func, shapes, tags, nums, text, text_lens)
        .and_then(|args| functions::call(func, args));
    Packed::from_result(&result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_split_by_utf16_lengths() {
        let mut r = TextReader {
            rest: "a😀éxyz",
            lens: [1, 2, 1, 0, 3].iter(),
        };
        assert_eq!(r.next(), Some("a"));
        assert_eq!(r.next(), Some("😀"));
        assert_eq!(r.next(), Some("é"));
        assert_eq!(r.next(), Some(""));
        assert_eq!(r.next(), Some("xyz"));
        assert_eq!(r.next(), None);
    }

    #[test]
    fn a_length_that_splits_a_surrogate_pair_is_malformed() {
        let mut r = TextReader {
            rest: "😀",
            lens: [1].iter(),
        };
        assert_eq!(r.next(), None);
    }

    #[test]
    fn too_many_cells_is_num_before_decoding() {
        let e = decode_args("SEQ_LEVEL", &[1, 5_000_001, 1], &[], &[], "", &[]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Num);
        assert!(e.message.contains("input too large"));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let e = decode_args("SEQ_LEVEL", &[1, 2, 1], &[1], &[], "", &[]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = decode_args("SEQ_LEVEL", &[1, 1, 1], &[2], &[], "ab", &[5]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
