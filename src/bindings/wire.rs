//! The packed wire format between JavaScript and the engine: a whole call crosses the
//! boundary in a handful of typed arrays and one string, never cell by cell.
//!
//! Each cell has a tag: 0 blank, 1 number, 2 text, 3 FALSE, 4 TRUE, 5 + code an error (code as
//! [`ErrorCode::tag`]). Strings are concatenated into one text and split by lengths counted in
//! UTF-16 code units (JavaScript's `length`).
//!
//! Arguments (JavaScript → engine): a number cell takes the next value of `nums`; a text cell
//! takes the next value of `nums` too, the index of its text in the text stream, which holds
//! each distinct text once (a million rows naming 20,000 accounts send 20,000 names); an error
//! cell carries nothing more (its message is not ours). `shapes` hold three numbers per
//! argument of each call: present (0/1), rows, columns.
//!
//! Results (engine → JavaScript): a number cell takes the next value of `nums`; a text cell
//! the next string of the text stream, an error cell its message from the text stream.
//! Many calls to one function travel together (Excel's batching), answered in one pass.

use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::functions::{self, MAX_INPUT_CELLS};
use std::collections::HashMap;
use std::rc::Rc;

pub const TAG_BLANK: u8 = 0;
pub const TAG_NUMBER: u8 = 1;
pub const TAG_TEXT: u8 = 2;
pub const TAG_FALSE: u8 = 3;
pub const TAG_TRUE: u8 = 4;
pub const TAG_ERROR: u8 = 5;

/// Packed results of a batch of calls: for each call its status (0 = a `rows`×`cols` grid
/// follows; 1 = the whole call failed with one error cell), rows and columns, in `shapes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Packed {
    pub shapes: Vec<u32>,
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

    /// Packs a batch of calls to a function of `n_params` parameters the way the JavaScript
    /// core does (an omitted argument is an empty triple; a function without parameters sends
    /// one placeholder per call; each distinct text once). For native callers: the benchmark,
    /// the fuzzer, tests.
    pub fn from_calls(n_params: usize, calls: &[Vec<Option<Grid>>]) -> Packed {
        let mut p = Packed::default();
        let mut distinct: HashMap<&str, usize> = HashMap::new();
        for args in calls {
            for i in 0..n_params.max(1) {
                match args.get(i).and_then(Option::as_ref) {
                    None => p.shapes.extend([0, 0, 0]),
                    Some(g) => {
                        p.shapes.extend([1, g.rows() as u32, g.cols() as u32]);
                        for cell in g.cells() {
                            match cell {
                                Cell::Text(s) => {
                                    p.tags.push(TAG_TEXT);
                                    let next = distinct.len();
                                    let index = *distinct.entry(s).or_insert(next);
                                    if index == next {
                                        p.push_text(s);
                                    }
                                    p.nums.push(index as f64);
                                }
                                Cell::Error(e) => p.tags.push(TAG_ERROR + e.code.tag()),
                                other => p.push_cell(other),
                            }
                        }
                    }
                }
            }
        }
        p
    }

    /// The packed batch as the entry point reads it.
    pub fn as_calls(&self) -> Calls<'_> {
        Calls {
            shapes: &self.shapes,
            tags: &self.tags,
            nums: &self.nums,
            text: &self.text,
            text_lens: &self.text_lens,
        }
    }

    /// Appends one call's result: its grid, or its whole-call error.
    pub fn push_result(&mut self, result: &Result<Grid, CellError>) {
        match result {
            Ok(grid) => {
                self.shapes
                    .extend([0, grid.rows() as u32, grid.cols() as u32]);
                self.tags.reserve(grid.len());
                for cell in grid.cells() {
                    self.push_cell(cell);
                }
            }
            Err(e) => {
                self.shapes.extend([1, 1, 1]);
                self.push_cell(&Cell::Error(e.clone()));
            }
        }
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

/// The packed arguments of a batch of calls to one function. `shapes` holds, for each call,
/// one (present, rows, columns) triple per parameter of the function (one empty placeholder
/// triple for a function without parameters, so that the number of calls is known).
pub struct Calls<'a> {
    pub shapes: &'a [u32],
    pub tags: &'a [u8],
    pub nums: &'a [f64],
    pub text: &'a str,
    pub text_lens: &'a [u32],
}

/// One call's arguments (`None` = omitted).
type CallArgs = Vec<Option<Grid>>;

/// Unpacks the calls. Each call's cell count is checked against the limit from its shapes
/// before any of its cells is decoded; a malformed batch fails every call.
fn decode_calls(func: &str, calls: &Calls) -> Result<Vec<Result<CallArgs, CellError>>, CellError> {
    let f = functions::find(func).ok_or_else(|| {
        CellError::value(format!("Rapport has no function named '{}'", func.trim()))
    })?;
    let per_call = 3 * f.params.len().max(1);
    if calls.shapes.len() % per_call != 0 {
        return Err(malformed("shapes"));
    }
    let sizes: Vec<usize> = calls
        .shapes
        .chunks_exact(3)
        .map(|s| match s {
            [_, r, c] => (*r as usize).saturating_mul(*c as usize),
            _ => 0,
        })
        .collect();
    if sizes.iter().fold(0usize, |a, b| a.saturating_add(*b)) != calls.tags.len() {
        return Err(malformed("cell count"));
    }
    let mut tags = calls.tags.iter();
    let mut nums = calls.nums.iter();
    // Each distinct text once, shared by every cell that holds it.
    let mut reader = TextReader {
        rest: calls.text,
        lens: calls.text_lens.iter(),
    };
    let texts: Vec<Rc<str>> = (0..calls.text_lens.len())
        .map(|_| reader.next().map(Rc::from))
        .collect::<Option<_>>()
        .ok_or_else(|| malformed("text"))?;
    let text_at = |index: Option<&f64>| -> Result<Rc<str>, CellError> {
        let i = *index.ok_or_else(|| malformed("numbers"))?;
        if i.fract() != 0.0 || i < 0.0 {
            return Err(malformed("text index"));
        }
        texts
            .get(i as usize)
            .cloned()
            .ok_or_else(|| malformed("text index"))
    };
    let mut out = Vec::new();
    for call in calls.shapes.chunks_exact(per_call) {
        let total: usize = call
            .chunks_exact(3)
            .map(|s| match s {
                [_, r, c] => (*r as usize).saturating_mul(*c as usize),
                _ => 0,
            })
            .fold(0, usize::saturating_add);
        let too_large = total > MAX_INPUT_CELLS;
        let mut args = Vec::with_capacity(f.params.len());
        for s in call.chunks_exact(3) {
            let (present, rows, cols) = match s {
                [p, r, c] => (*p, *r as usize, *c as usize),
                _ => return Err(malformed("shapes")),
            };
            let n = rows.saturating_mul(cols);
            if too_large {
                // Skip the cells without building them.
                for _ in 0..n {
                    match tags.next() {
                        Some(&(TAG_NUMBER | TAG_TEXT)) => {
                            nums.next();
                        }
                        Some(_) => {}
                        None => return Err(malformed("tags")),
                    }
                }
                continue;
            }
            let mut cells = Vec::with_capacity(n);
            for _ in 0..n {
                let tag = *tags.next().ok_or_else(|| malformed("tags"))?;
                let cell = match tag {
                    TAG_BLANK => Cell::Blank,
                    TAG_NUMBER => Cell::Number(*nums.next().ok_or_else(|| malformed("numbers"))?),
                    TAG_TEXT => Cell::Text(text_at(nums.next())?),
                    TAG_FALSE => Cell::Bool(false),
                    TAG_TRUE => Cell::Bool(true),
                    t => {
                        // An error value from the sheet (any message it carried is not ours).
                        let code = ErrorCode::from_tag(t.saturating_sub(TAG_ERROR));
                        Cell::error(code, format!("the cell holds {code}"))
                    }
                };
                cells.push(cell);
            }
            if args.len() == f.params.len() {
                // The placeholder triple of a function without parameters.
            } else if present == 0 {
                args.push(None);
            } else {
                args.push(Some(
                    Grid::new(rows, cols, cells).ok_or_else(|| malformed("shape"))?,
                ));
            }
        }
        out.push(if too_large {
            Err(functions::too_large(f.name, total))
        } else {
            Ok(args)
        });
    }
    Ok(out)
}

/// Test builds only: a call whose text holds this marker panics (a trap in release wasm).
#[cfg(feature = "test-trap")]
pub const TEST_TRAP: &str = "__rapport_test_trap__";

/// Working memory per input cell: its decoded cell, its share of grouping and per-row state,
/// and the packed result.
const WORKING_BYTES_PER_CELL: usize = 64;

/// Grows the heap once, up front, to about what the call will use. In wasm the allocator
/// otherwise grows memory a few pages at a time as a large call allocates, and each growth
/// makes the JavaScript engine re-examine its whole heap: a first call over a million rows
/// took minutes instead of a second. The block is freed at once and the allocator reuses it.
/// If the memory cannot be had, nothing happens (the call itself then reports what it can).
fn reserve_working_memory(calls: &Calls) {
    let bytes = calls
        .tags
        .len()
        .saturating_mul(WORKING_BYTES_PER_CELL)
        .saturating_add(calls.text.len().saturating_mul(4));
    let mut block: Vec<u8> = Vec::new();
    // try_reserve never aborts: a failed reservation just leaves the heap as it was.
    let _ = block.try_reserve_exact(bytes);
}

/// Decodes, calls and packs a batch of calls to one function: the whole round trip.
pub fn call_packed(func: &str, calls: &Calls) -> Packed {
    reserve_working_memory(calls);
    #[cfg(feature = "test-trap")]
    #[allow(clippy::panic)]
    if calls.text.contains(TEST_TRAP) {
        panic!("the test trap was triggered");
    }
    let mut packed = Packed::default();
    match decode_calls(func, calls) {
        Ok(decoded) => {
            for args in decoded {
                packed.push_result(&args.and_then(|a| functions::call(func, a)));
            }
        }
        Err(e) => {
            // The batch could not be read: every call gets the error.
            let n = functions::find(func)
                .map_or(1, |f| calls.shapes.len() / (3 * f.params.len().max(1)))
                .max(1);
            for _ in 0..n {
                packed.push_result(&Err(e.clone()));
            }
        }
    }
    packed
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

    fn calls<'a>(
        shapes: &'a [u32],
        tags: &'a [u8],
        nums: &'a [f64],
        text: &'a str,
        lens: &'a [u32],
    ) -> Calls<'a> {
        Calls {
            shapes,
            tags,
            nums,
            text,
            text_lens: lens,
        }
    }

    /// (present, rows, cols) for SEQ_SCORE's 4 parameters: ratings given, the rest omitted.
    fn seq_score_shapes(rows: u32, cols: u32) -> Vec<u32> {
        vec![1, rows, cols, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    }

    #[test]
    fn a_batch_answers_each_call() {
        // Two calls: [[5]] and [["abc"], [null]]; the text cell names text 0.
        let mut shapes = seq_score_shapes(1, 1);
        shapes.extend(seq_score_shapes(2, 1));
        let tags = [TAG_NUMBER, TAG_TEXT, TAG_BLANK];
        let p = call_packed(
            "SEQ_SCORE",
            &calls(&shapes, &tags, &[5.0, 0.0], "abc", &[3]),
        );
        assert_eq!(p.shapes, [0, 1, 1, 0, 2, 1]);
        let value = TAG_ERROR + ErrorCode::Value.tag();
        let na = TAG_ERROR + ErrorCode::NotAvailable.tag();
        assert_eq!(p.tags, [TAG_NUMBER, value, na]);
        assert_eq!(p.nums, [100.0]);
        assert!(p
            .text
            .starts_with("SEQ_SCORE: ratings row 1, column 1: 'abc' is not a number"));
    }

    #[test]
    fn too_many_cells_is_num_before_decoding() {
        let tags = vec![TAG_BLANK; 5_000_001];
        let shapes = seq_score_shapes(5_000_001, 1);
        let p = call_packed("SEQ_SCORE", &calls(&shapes, &tags, &[], "", &[]));
        assert_eq!(p.shapes, [1, 1, 1]);
        assert_eq!(p.tags, [TAG_ERROR + ErrorCode::Num.tag()]);
        assert!(p.text.contains("input too large"));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let value = TAG_ERROR + ErrorCode::Value.tag();
        let p = call_packed(
            "SEQ_SCORE",
            &calls(&seq_score_shapes(2, 1), &[1], &[], "", &[]),
        );
        assert_eq!(p.tags, [value]);
        let shapes = seq_score_shapes(1, 1);
        let p = call_packed("SEQ_SCORE", &calls(&shapes, &[TAG_TEXT], &[], "ab", &[5]));
        assert_eq!(p.tags, [value]);
        let p = call_packed("NO_SUCH", &calls(&[], &[], &[], "", &[]));
        assert_eq!(p.tags, [value]);
        // A text index that names no text, or is no whole number ≥ 0.
        for index in [1.0, -1.0, 0.5, f64::NAN] {
            let p = call_packed(
                "SEQ_SCORE",
                &calls(&shapes, &[TAG_TEXT], &[index], "ab", &[2]),
            );
            assert_eq!(p.tags, [value], "index {index}");
            assert!(p.text.contains("malformed call (text index)"), "{}", p.text);
        }
    }

    #[test]
    fn each_distinct_text_travels_once_and_is_shared() {
        let g = Grid::from_rows(vec![
            vec![Cell::text("Acme"), Cell::Number(1.0)],
            vec![Cell::text("Beta"), Cell::error(ErrorCode::Ref, "ignored")],
            vec![Cell::text("Acme"), Cell::text("Beta")],
        ]);
        let n = functions::find("SEQ_LEVEL").unwrap().params.len();
        let p = Packed::from_calls(n, &[vec![Some(g.clone())]]);
        assert_eq!(p.shapes.len(), 3 * n);
        assert_eq!(p.text, "AcmeBeta");
        assert_eq!(p.text_lens, [4, 4]);
        let err = TAG_ERROR + ErrorCode::Ref.tag();
        assert_eq!(
            p.tags,
            [TAG_TEXT, TAG_NUMBER, TAG_TEXT, err, TAG_TEXT, TAG_TEXT]
        );
        assert_eq!(p.nums, [0.0, 1.0, 1.0, 0.0, 1.0]);
        let decoded = decode_calls("SEQ_LEVEL", &p.as_calls()).unwrap();
        let [Ok(args)] = decoded.as_slice() else {
            panic!("{decoded:?}")
        };
        let Some(back) = &args[0] else { panic!() };
        // The same cells, the sheet's error with our message, and one allocation per text.
        assert_eq!(back.get(0, 0), g.get(0, 0));
        assert_eq!(back.get(2, 1), g.get(1, 0));
        assert_eq!(
            back.get(1, 1),
            &Cell::error(ErrorCode::Ref, "the cell holds #REF!")
        );
        let (Cell::Text(a), Cell::Text(b)) = (back.get(0, 0), back.get(2, 0)) else {
            panic!()
        };
        assert!(Rc::ptr_eq(a, b));
    }
}
