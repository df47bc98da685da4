//! The fuzz target's logic, shared by the libFuzzer target (`fuzz/fuzz_targets/call_packed.rs`)
//! and the regression test (`tests/fuzz_regressions.rs`, which replays `fuzz/regressions/`
//! on the stable compiler, so CI needs no nightly).
//!
//! Arbitrary bytes become either
//! - a batch of calls to one function with argument grids of arbitrary cells, packed exactly as
//!   `js/core/engine.js` packs them, or
//! - raw packed arrays (shapes, tags, numbers, text, lengths) that may be malformed in any way,
//!
//! and go through `rapport::bindings::wire::call_packed`, the entry point the wasm exports.
//! The result must be well formed: one answer per call, a consistent packing, finite numbers
//! only, and, for well-formed input, exactly what a direct call to the engine returns.

use arbitrary::{Result, Unstructured};
use rapport::bindings::wire::{
    call_packed, Calls, Packed, TAG_BLANK, TAG_ERROR, TAG_FALSE, TAG_NUMBER, TAG_TEXT, TAG_TRUE,
};
use rapport::{Cell, CellError, ErrorCode, Grid, CATALOGUE};

/// Texts that mean something to some argument somewhere.
const TEXTS: &[&str] = &[
    "",
    " ",
    "\t\u{a0}",
    "n/a",
    "NA",
    "-",
    "—",
    "?",
    "dk",
    "Don’t know",
    "no answer",
    "abc",
    "0",
    "4",
    " 2.5 ",
    "-1",
    "1e3",
    "1e309",
    ".5",
    "4.",
    "inf",
    "NaN",
    "0x10",
    "1,5",
    "yes",
    "no",
    "y",
    "x",
    "TRUE",
    "false",
    "Antagonistic",
    "transactional",
    "Predisposed",
    "trusted_advisor",
    "Exploratory",
    "basic",
    "Collaborative",
    "inter-connected",
    "Decision Maker",
    "economic buyer",
    "Champion",
    "Influencer",
    "User",
    "Acme",
    "ACME ",
    "Globex",
    "2024-05-01",
    "1900-02-29",
    "2024-13-01",
    "9999-12-31",
    "Trust",
    "care",
    "#N/A",
    "😀",
    "e\u{301}",
];

/// Numbers at the edges of every rule.
const NUMBERS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    -1.0,
    -2.0,
    0.5,
    10.0,
    30.0,
    50.0,
    70.0,
    85.0,
    100.0,
    100.5,
    180.0,
    1000.0,
    10000.0,
    10001.0,
    45000.0,
    60.0,
    2958465.0,
    2958466.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    f64::MIN,
    1e308,
    -1e308,
    5e-324,
    f64::EPSILON,
    1e15,
    9007199254740993.0,
];

/// One cell: mostly from the palettes, sometimes anything at all.
fn cell(u: &mut Unstructured) -> Result<Cell> {
    Ok(match u.int_in_range(0u8..=11)? {
        0 | 1 => Cell::Blank,
        2..=4 => Cell::Number(*u.choose(NUMBERS)?),
        5 => Cell::Number(f64::from(u.int_in_range(-3i32..=120)?)),
        6 => Cell::Number(f64::from_bits(u.arbitrary()?)),
        7 | 8 => Cell::text(*u.choose(TEXTS)?),
        9 => Cell::text(u.arbitrary::<String>()?),
        10 => Cell::Bool(u.arbitrary()?),
        _ => {
            // As the wire carries it: the code, with the engine's own wording.
            let code = *u.choose(&ErrorCode::ALL)?;
            Cell::error(code, format!("the cell holds {code}"))
        }
    })
}

fn grid(u: &mut Unstructured) -> Result<Grid> {
    let rows = usize::from(u.int_in_range(0u8..=12)?);
    let cols = usize::from(u.int_in_range(0u8..=7)?);
    let mut cells = Vec::with_capacity(rows * cols);
    for _ in 0..rows * cols {
        cells.push(cell(u)?);
    }
    Ok(Grid::new(rows, cols, cells).unwrap_or_else(|| Grid::scalar(Cell::Blank)))
}

/// The packed answer of one call, read back: a grid or a whole-call error.
type Answer = std::result::Result<Grid, CellError>;

/// Checks a packed result's invariants and reads it back.
fn unpack(p: &Packed, expect_calls: usize) -> Vec<Answer> {
    assert_eq!(
        p.shapes.len(),
        3 * expect_calls,
        "one (status, rows, cols) per call"
    );
    let total_units: usize = p.text.encode_utf16().count();
    let lens_sum: usize = p.text_lens.iter().map(|&l| l as usize).sum();
    assert_eq!(total_units, lens_sum, "text lengths add up to the text");
    let mut tags = p.tags.iter();
    let mut nums = p.nums.iter();
    let mut lens = p.text_lens.iter();
    let units: Vec<u16> = p.text.encode_utf16().collect();
    let mut at = 0usize;
    let mut next_text = || {
        let n = *lens.next().expect("a length for every text") as usize;
        let s = String::from_utf16(&units[at..at + n]).expect("texts split on characters");
        at += n;
        s
    };
    let mut out = Vec::new();
    for s in p.shapes.chunks_exact(3) {
        let (status, rows, cols) = (s[0], s[1] as usize, s[2] as usize);
        assert!(status <= 1, "status is 0 or 1");
        if status == 1 {
            assert_eq!((rows, cols), (1, 1), "a whole-call error is one cell");
        }
        let mut cells = Vec::with_capacity(rows * cols);
        for _ in 0..rows * cols {
            let tag = *tags.next().expect("a tag for every result cell");
            cells.push(match tag {
                TAG_BLANK => Cell::Blank,
                TAG_NUMBER => {
                    let x = *nums.next().expect("a number for every number tag");
                    assert!(x.is_finite(), "a result number is never {x}");
                    Cell::Number(x)
                }
                TAG_TEXT => Cell::text(next_text()),
                TAG_FALSE => Cell::Bool(false),
                TAG_TRUE => Cell::Bool(true),
                t => {
                    assert!(
                        (TAG_ERROR..TAG_ERROR + 7).contains(&t),
                        "unknown result tag {t}"
                    );
                    Cell::error(ErrorCode::from_tag(t - TAG_ERROR), next_text())
                }
            });
        }
        let g = Grid::new(rows, cols, cells).expect("shape matches cells");
        out.push(if status == 1 {
            match g.get(0, 0) {
                Cell::Error(e) => Err(e.clone()),
                other => panic!("a whole-call failure must be an error, got {other:?}"),
            }
        } else {
            Ok(g)
        });
    }
    assert!(tags.next().is_none(), "no stray tags");
    assert!(nums.next().is_none(), "no stray numbers");
    out
}

/// Error values from the sheet arrive without their message: compare codes and messages only
/// where both came from the engine.
fn same_answer(a: &Answer, b: &Answer) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => {
            x.rows() == y.rows()
                && x.cols() == y.cols()
                && x.cells().iter().zip(y.cells()).all(|(p, q)| match (p, q) {
                    (Cell::Number(u), Cell::Number(v)) => u.to_bits() == v.to_bits(),
                    _ => p == q,
                })
        }
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

fn structured(u: &mut Unstructured) -> Result<()> {
    let f = *u.choose(CATALOGUE)?;
    let n_calls = usize::from(u.int_in_range(1u8..=3)?);
    let mut calls = Vec::with_capacity(n_calls);
    for _ in 0..n_calls {
        let mut args = Vec::with_capacity(f.params.len());
        for _ in 0..f.params.len() {
            args.push(if u.ratio(1u8, 4u8)? {
                None
            } else {
                Some(grid(u)?)
            });
        }
        // SAMPLE_SURVEY without a seed draws fresh data: give it a seed so runs compare.
        if f.volatile {
            if let Some(slot) = args.get_mut(1) {
                *slot = Some(Grid::scalar(Cell::Number(f64::from(
                    u.int_in_range(0u16..=999)?,
                ))));
            }
            // Keep the table small: a few accounts.
            if let Some(slot) = args.get_mut(0) {
                *slot = Some(Grid::scalar(Cell::Number(f64::from(
                    u.int_in_range(0u8..=12)?,
                ))));
            }
        }
        calls.push(args);
    }
    let packed = Packed::from_calls(f.params.len(), &calls);
    let result = call_packed(f.name, &packed.as_calls());
    let answers = unpack(&result, n_calls);
    for (args, got) in calls.into_iter().zip(&answers) {
        // An empty range packs as 0×n, which the engine reads as one blank cell: same as direct.
        let direct = rapport::call(f.name, args);
        assert!(
            same_answer(got, &direct),
            "{}: the wire answer differs from a direct call:\n wire:   {got:?}\n direct: {direct:?}",
            f.name
        );
    }
    Ok(())
}

fn raw(u: &mut Unstructured) -> Result<()> {
    let name = if u.ratio(1u8, 8u8)? {
        u.arbitrary::<String>()?
    } else {
        u.choose(CATALOGUE)?.name.to_string()
    };
    let n_shapes = usize::from(u.int_in_range(0u8..=24)?);
    let mut shapes = Vec::with_capacity(n_shapes);
    for _ in 0..n_shapes {
        shapes.push(match u.int_in_range(0u8..=7)? {
            0 => u.arbitrary()?,
            1 => 5_000_001,
            _ => u32::from(u.int_in_range(0u8..=4)?),
        });
    }
    let tags: Vec<u8> = (0..u.int_in_range(0u8..=40)?)
        .map(|_| u.int_in_range(0u8..=13))
        .collect::<Result<_>>()?;
    // Mostly one number per tag (as the wire wants), half of them small whole numbers: text
    // cells read their text's index from `nums`.
    let n_nums = if u.ratio(3u8, 4u8)? {
        tags.len()
    } else {
        usize::from(u.int_in_range(0u8..=16)?)
    };
    let nums: Vec<f64> = (0..n_nums)
        .map(|_| {
            if u.ratio(1u8, 2u8)? {
                Ok(f64::from(u.int_in_range(0u8..=4)?))
            } else {
                u.arbitrary::<f64>()
            }
        })
        .collect::<Result<_>>()?;
    let text: String = u.arbitrary()?;
    let text_lens: Vec<u32> = (0..u.int_in_range(0u8..=16)?)
        .map(|_| {
            Ok(if u.ratio(1u8, 8u8)? {
                u.arbitrary()?
            } else {
                u32::from(u.int_in_range(0u8..=6)?)
            })
        })
        .collect::<Result<_>>()?;
    let calls = Calls {
        shapes: &shapes,
        tags: &tags,
        nums: &nums,
        text: &text,
        text_lens: &text_lens,
    };
    let result = call_packed(&name, &calls);
    // One answer per call; a batch that cannot be read answers at least once.
    let expect = match rapport::find(&name) {
        Some(f) => shapes.len() / (3 * f.params.len().max(1)),
        None => 1,
    };
    let expect = if expect == 0 && !result.shapes.is_empty() {
        1
    } else {
        expect
    };
    unpack(&result, expect);
    Ok(())
}

/// The fuzz target: any bytes, never a panic, always a well-formed answer.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = match u.int_in_range(0u8..=3) {
        Ok(0) => raw(&mut u),
        _ => structured(&mut u),
    };
}
