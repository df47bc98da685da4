//! The wasm entry points (wasm-bindgen). Only marshalling: see [`super::wire`].

use super::wire;
use wasm_bindgen::prelude::*;

/// A packed result; JavaScript reads its fields once each.
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
}

/// Calls a Rapport function once or many times (a batch) with packed arguments (see `wire`).
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
