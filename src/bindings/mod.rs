//! The boundary to JavaScript: one entry point over the catalogue and the marshalling of
//! cells. Nothing clever lives here.

pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
