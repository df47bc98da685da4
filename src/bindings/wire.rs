//! The packed wire format between JavaScript and the engine: a whole call crosses the
//! boundary in a handful of typed arrays and one string, never cell by cell.
//!
//! Each cell has a tag: 0 blank, 1 number, 2 text, 3 FALSE, 4 TRUE, 5 + code an error (code as
//! [`ErrorCode::tag`]). Strings are concatenated into one text and split by lengths counted in
//! UTF-16 code units (JavaScript's `length`).
//!
//! Arguments (JavaScript → engine): every cell has a tag and a slot in `nums` (the two arrays
//! are as long as the batch has cells). A number cell's slot holds the number, a text cell's
//! slot the index of its text in the text stream, which holds each distinct text once (a
//! million rows naming 20,000 accounts send 20,000 names); other cells' slots are unused (an
//! error cell's message is not ours; a text index that names no text reads as `#VALUE!`).
//! The engine reads the cells where they lie: no cell is decoded or copied. `shapes` hold three numbers per argument of each call: present (0/1),
//! rows, columns.
//!
//! Results (engine → JavaScript): a number cell takes the next value of `nums`; a text cell
//! the next string of the text stream, an error cell its message from the text stream.
//! Many calls to one function travel together (Excel's batching), answered in one pass.

use crate::cells::{Cell, CellError, Grid, PackedCells, Range};
use crate::functions::{self, MAX_INPUT_CELLS};
use std::collections::HashMap;
use std::rc::Rc;

/// The cell tags, defined once in [`crate::cells::tag`].
pub use crate::cells::tag::{
    BLANK as TAG_BLANK, ERROR as TAG_ERROR, FALSE as TAG_FALSE, NUMBER as TAG_NUMBER,
    TEXT as TAG_TEXT, TRUE as TAG_TRUE,
};

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
                            let (tag, slot) = match cell {
                                Cell::Blank => (TAG_BLANK, 0.0),
                                Cell::Number(x) => (TAG_NUMBER, *x),
                                Cell::Text(s) => {
                                    let next = distinct.len();
                                    let index = *distinct.entry(s).or_insert(next);
                                    if index == next {
                                        p.push_text(s);
                                    }
                                    (TAG_TEXT, index as f64)
                                }
                                Cell::Bool(b) => (if *b { TAG_TRUE } else { TAG_FALSE }, 0.0),
                                Cell::Error(e) => (TAG_ERROR + e.code.tag(), 0.0),
                            };
                            p.tags.push(tag);
                            p.nums.push(slot);
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
type CallArgs = Vec<Option<Range>>;

/// The size of a shape triple's range.
fn cells_of(shape: &[u32]) -> usize {
    match shape {
        [_, r, c] => (*r as usize).saturating_mul(*c as usize),
        _ => 0,
    }
}

/// Checks a batch and cuts it into its calls' argument ranges, windows on `cells` (its first
/// `count` cells). Each call's cell count is checked against the limit from its shapes; a
/// malformed batch fails every call.
fn decode_calls(
    func: &str,
    shapes: &[u32],
    cells: &Rc<PackedCells>,
    count: usize,
) -> Result<Vec<Result<CallArgs, CellError>>, CellError> {
    let f = functions::find(func).ok_or_else(|| {
        CellError::value(format!("Rapport has no function named '{}'", func.trim()))
    })?;
    let per_call = 3 * f.params.len().max(1);
    if shapes.len() % per_call != 0 {
        return Err(malformed("shapes"));
    }
    if count > cells.tags.len() || count > cells.nums.len() {
        return Err(malformed("numbers"));
    }
    let total = shapes
        .chunks_exact(3)
        .map(cells_of)
        .fold(0usize, usize::saturating_add);
    if total != count {
        return Err(malformed("cell count"));
    }
    // Text indices are checked as cells are read (an index that names no text reads as
    // #VALUE!): a scan of every cell up front would cost more than most calls' work.
    let mut out = Vec::with_capacity(shapes.len() / per_call);
    let mut start = 0usize;
    for call in shapes.chunks_exact(per_call) {
        let total = call
            .chunks_exact(3)
            .map(cells_of)
            .fold(0, usize::saturating_add);
        if total > MAX_INPUT_CELLS {
            out.push(Err(functions::too_large(f.name, total)));
            start = start.saturating_add(total);
            continue;
        }
        let mut args = Vec::with_capacity(f.params.len());
        for s in call.chunks_exact(3) {
            let [present, rows, cols] = *s else {
                return Err(malformed("shapes"));
            };
            let (rows, cols) = (rows as usize, cols as usize);
            let range = Range::packed(rows, cols, Rc::clone(cells), start)
                .ok_or_else(|| malformed("shape"))?;
            start += rows * cols;
            if args.len() == f.params.len() {
                // The placeholder triple of a function without parameters.
            } else if present == 0 {
                args.push(None);
            } else {
                args.push(Some(range));
            }
        }
        out.push(Ok(args));
    }
    Ok(out)
}

/// Test builds only: a call whose text holds this marker panics (a trap in release wasm).
#[cfg(feature = "test-trap")]
pub const TEST_TRAP: &str = "__rapport_test_trap__";

/// Working memory per input cell: its share of grouping and per-row state, and the packed
/// result. (The cells themselves are read where they lie.)
const WORKING_BYTES_PER_CELL: usize = 16;

/// Grows the heap once, up front, to about what the call will use. In wasm the allocator
/// otherwise grows memory a few pages at a time as a large call allocates, and each growth
/// makes the JavaScript engine re-examine its whole heap: a first call over a million rows
/// took minutes instead of a second. The block is freed at once and the allocator reuses it.
/// If the memory cannot be had, nothing happens (the call itself then reports what it can).
fn reserve_working_memory(cells: usize, text: &str) {
    let bytes = cells
        .saturating_mul(WORKING_BYTES_PER_CELL)
        .saturating_add(text.len().saturating_mul(4));
    let mut block: Vec<u8> = Vec::new();
    // try_reserve never aborts: a failed reservation just leaves the heap as it was.
    let _ = block.try_reserve_exact(bytes);
}

/// Decodes, calls and packs a batch of calls to one function: the whole round trip, on
/// borrowed arrays (copied once into the engine's own buffers).
pub fn call_packed(func: &str, calls: &Calls) -> Packed {
    let (packed, _, _) = call_in_place(
        func,
        calls.shapes,
        calls.tags.to_vec(),
        calls.nums.to_vec(),
        calls.tags.len(),
        calls.text,
        calls.text_lens,
    );
    packed
}

/// The round trip on the engine's own input buffers, whose first `count` cells hold the batch
/// (JavaScript wrote them in place). The buffers are handed back for the next batch.
pub fn call_in_place(
    func: &str,
    shapes: &[u32],
    tags: Vec<u8>,
    nums: Vec<f64>,
    count: usize,
    text: &str,
    text_lens: &[u32],
) -> (Packed, Vec<u8>, Vec<f64>) {
    reserve_working_memory(count, text);
    #[cfg(feature = "test-trap")]
    #[allow(clippy::panic)]
    if text.contains(TEST_TRAP) {
        panic!("the test trap was triggered");
    }
    let mut reader = TextReader {
        rest: text,
        lens: text_lens.iter(),
    };
    let texts: Option<Vec<Rc<str>>> = (0..text_lens.len())
        .map(|_| reader.next().map(Rc::from))
        .collect();
    let texts_read = texts.is_some();
    let cells = Rc::new(PackedCells {
        tags,
        nums,
        texts: texts.unwrap_or_default(),
    });
    let decoded = if texts_read {
        decode_calls(func, shapes, &cells, count)
    } else {
        Err(malformed("text"))
    };
    let mut packed = Packed::default();
    match decoded {
        Ok(calls) => {
            for args in calls {
                packed.push_result(&args.and_then(|a| functions::call_ranges(func, a)));
            }
        }
        Err(e) => {
            // The batch could not be read: every call gets the error.
            let n = functions::find(func)
                .map_or(1, |f| shapes.len() / (3 * f.params.len().max(1)))
                .max(1);
            for _ in 0..n {
                packed.push_result(&Err(e.clone()));
            }
        }
    }
    // Every range of the batch is gone with its call: the buffers are ours again.
    let (tags, nums) = match Rc::try_unwrap(cells) {
        Ok(c) => (c.tags, c.nums),
        Err(_) => (Vec::new(), Vec::new()),
    };
    (packed, tags, nums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::{CellRef, ErrorCode};

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
            &calls(&shapes, &tags, &[5.0, 0.0, 0.0], "abc", &[3]),
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
        let nums = vec![0.0; 5_000_001];
        let shapes = seq_score_shapes(5_000_001, 1);
        let p = call_packed("SEQ_SCORE", &calls(&shapes, &tags, &nums, "", &[]));
        assert_eq!(p.shapes, [1, 1, 1]);
        assert_eq!(p.tags, [TAG_ERROR + ErrorCode::Num.tag()]);
        assert!(p.text.contains("input too large"));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let value = TAG_ERROR + ErrorCode::Value.tag();
        // Fewer cells than the shapes say; fewer numbers than cells; lengths past the text.
        let p = call_packed(
            "SEQ_SCORE",
            &calls(&seq_score_shapes(2, 1), &[1], &[1.0], "", &[]),
        );
        assert_eq!(p.tags, [value]);
        let shapes = seq_score_shapes(1, 1);
        let p = call_packed("SEQ_SCORE", &calls(&shapes, &[TAG_NUMBER], &[], "", &[]));
        assert_eq!(p.tags, [value]);
        let p = call_packed(
            "SEQ_SCORE",
            &calls(&shapes, &[TAG_TEXT], &[0.0], "ab", &[5]),
        );
        assert_eq!(p.tags, [value]);
        let p = call_packed("NO_SUCH", &calls(&[], &[], &[], "", &[]));
        assert_eq!(p.tags, [value]);
        // A text index that names no text, or is no whole number ≥ 0: that cell reads as an
        // error value, never as another text.
        for index in [1.0, -1.0, 0.5, f64::NAN, 1e300] {
            let p = call_packed(
                "SEQ_SCORE",
                &calls(&shapes, &[TAG_TEXT], &[index], "ab", &[2]),
            );
            assert_eq!(p.shapes, [0, 1, 1], "index {index}");
            assert_eq!(p.tags, [value], "index {index}");
            assert!(p.text.ends_with("the cell holds #VALUE!"), "{}", p.text);
        }
        let p = call_packed(
            "SEQ_SCORE",
            &calls(&shapes, &[TAG_TEXT], &[0.0], "ab", &[2]),
        );
        assert!(p.text.ends_with("'ab' is not a number"), "{}", p.text);
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
        assert_eq!(p.nums, [0.0, 1.0, 1.0, 0.0, 0.0, 1.0]);
        let count = p.tags.len();
        let cells = Rc::new(PackedCells {
            tags: p.tags,
            nums: p.nums,
            texts: vec![Rc::from("Acme"), Rc::from("Beta")],
        });
        let decoded = decode_calls("SEQ_LEVEL", &p.shapes, &cells, count).unwrap();
        let [Ok(args)] = decoded.as_slice() else {
            panic!("{decoded:?}")
        };
        let Some(back) = &args[0] else { panic!() };
        // The same cells (a sheet error is its code), read where they lie.
        for r in 0..3 {
            for c in 0..2 {
                assert_eq!(back.get(r, c), g.get(r, c).as_ref(), "({r}, {c})");
            }
        }
        let (CellRef::Text(a), CellRef::Text(b)) = (back.get(0, 0), back.get(2, 0)) else {
            panic!()
        };
        assert!(std::ptr::eq(a, b));
    }
}
