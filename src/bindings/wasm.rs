//! The wasm entry points (wasm-bindgen). Only marshalling: see [`super::wire`].

use super::wire;
use crate::cells::tag;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The input buffers JavaScript packs a batch's cells into, in place: one tag and one number
/// slot per cell (see `wire`). They live in the linear memory between calls, so a call copies
/// no cells across the boundary and a workbook's recalculations reuse the same memory.
#[derive(Default)]
struct Input {
    tags: Vec<u8>,
    nums: Vec<f64>,
}

thread_local! {
    static INPUT: RefCell<Input> = RefCell::new(Input::default());
}

/// The wasm linear memory, for JavaScript's views of the input and result buffers.
#[wasm_bindgen]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Makes room for a batch of `cells` cells and returns where their tags go (a byte each, all
/// set to "number" here: JavaScript writes the tag of every other cell); [`input_nums`] says
/// where their numbers go (an f64 each). JavaScript writes there, with no wasm call in
/// between, then calls [`call_input`].
/// Returns 0 when there is no room (more cells than a batch may hold, or no memory): the caller
/// then passes its cells the copying way ([`call_packed`]).
#[wasm_bindgen]
pub fn input_tags(cells: u32) -> u32 {
    let cells = cells as usize;
    if cells > crate::functions::MAX_INPUT_CELLS {
        return 0;
    }
    INPUT.with_borrow_mut(|input| {
        if input.tags.len() < cells {
            let more = cells - input.tags.len();
            if input.tags.try_reserve_exact(more).is_err() {
                return 0;
            }
            input.tags.resize(cells, 0);
        }
        if input.nums.len() < cells {
            let more = cells - input.nums.len();
            if input.nums.try_reserve_exact(more).is_err() {
                return 0;
            }
            input.nums.resize(cells, 0.0);
        }
        if let Some(tags) = input.tags.get_mut(..cells) {
            tags.fill(tag::NUMBER);
        }
        input.tags.as_ptr() as u32
    })
}

/// Where the numbers of the batch made room for by [`input_tags`] go.
#[wasm_bindgen]
pub fn input_nums() -> u32 {
    INPUT.with_borrow(|input| input.nums.as_ptr() as u32)
}

/// Calls a function for the batch packed in place: `cells` cells (a tag and a number each) in
/// the input buffers, the shapes and the distinct texts passed here.
#[wasm_bindgen]
pub fn call_input(
    name: &str,
    shapes: &[u32],
    cells: u32,
    text: &str,
    text_lens: &[u32],
) -> PackedResult {
    let input = INPUT.take();
    let (result, tags, nums) = wire::call_in_place(
        name,
        shapes,
        input.tags,
        input.nums,
        cells as usize,
        text,
        text_lens,
    );
    INPUT.set(Input { tags, nums });
    PackedResult(result)
}

/// A packed result. JavaScript copies out its shapes and text first, then reads its tags and
/// numbers in place (`tags_ptr` …) before any other wasm call, then frees it; `tags()` and
/// `nums()` copy, for glue without views.
#[wasm_bindgen]
pub struct PackedResult(wire::Packed);

#[wasm_bindgen]
impl PackedResult {
    /// (status, rows, columns) per call.
    pub fn shapes(&self) -> Vec<u32> {
        self.0.shapes.clone()
    }
    pub fn tags(&self) -> Vec<u8> {
        self.0.tags.clone()
    }
    pub fn nums(&self) -> Vec<f64> {
        self.0.nums.clone()
    }
    pub fn text(&self) -> String {
        self.0.text.clone()
    }
    pub fn text_lens(&self) -> Vec<u32> {
        self.0.text_lens.clone()
    }
    /// Where the result's tags are in the linear memory (read in place, before any other wasm
    /// call), and how many.
    pub fn tags_ptr(&self) -> u32 {
        self.0.tags.as_ptr() as u32
    }
    pub fn tags_len(&self) -> u32 {
        self.0.tags.len() as u32
    }
    /// Where the result's numbers are, and how many.
    pub fn nums_ptr(&self) -> u32 {
        self.0.nums.as_ptr() as u32
    }
    pub fn nums_len(&self) -> u32 {
        self.0.nums.len() as u32
    }
}

/// Calls a Rapport function once or many times (a batch) with packed arguments passed in
/// (copied into the engine by the glue): the way for callers that cannot pack in place
/// (see [`input_tags`] and [`call_input`]).
#[wasm_bindgen]
pub fn call_packed(
    name: &str,
    shapes: &[u32],
    tags: &[u8],
    nums: &[f64],
    text: &str,
    text_lens: &[u32],
) -> PackedResult {
    PackedResult(wire::call_packed(
        name,
        &wire::Calls {
            shapes,
            tags,
            nums,
            text,
            text_lens,
        },
    ))
}

/// The whole catalogue (names, descriptions, parameters, result shapes) as a JS object.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(crate::functions::ALL).map_err(JsValue::from)
}

/// The labels the engine reads and writes, in order: Sales Equity levels (low → high),
/// relationship stages (low → high) and the named respondent roles, as a JS object
/// `{levels, stages, roles}` (hosts label charts and pickers with them).
#[wasm_bindgen]
pub fn labels() -> Result<JsValue, JsValue> {
    use crate::model::labels::{Level, Role, Stage};
    #[derive(serde::Serialize)]
    struct Labels {
        levels: [&'static str; 4],
        stages: [&'static str; 4],
        roles: [&'static str; 5],
    }
    serde_wasm_bindgen::to_value(&Labels {
        levels: Level::ALL.map(Level::name),
        stages: Stage::ALL.map(Stage::name),
        roles: Role::NAMED.map(Role::name),
    })
    .map_err(JsValue::from)
}

/// The most cells one call may hold (the JS core checks it before packing; a test keeps the
/// two equal).
#[wasm_bindgen]
pub fn max_input_cells() -> u32 {
    crate::functions::MAX_INPUT_CELLS as u32
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Present only in test builds (`--features test-trap`): lets a test tell the builds apart
/// and check that no shipped wasm can be made to trap on purpose.
#[cfg(feature = "test-trap")]
#[wasm_bindgen]
pub fn test_trap_build() -> bool {
    true
}
