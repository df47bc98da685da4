//! Rapport: B2B relationship scoring for spreadsheets.
//!
//! Layers, top-down: [`cells`] (raw cells → typed values, with positions for messages) →
//! [`model`] (pure scoring) → [`functions`] (one file per spreadsheet function, its catalogue
//! entry beside it) → [`bindings`] (the one wasm entry point). Hosts (Excel, Sheets, the JS
//! module, the playground) live in `js/` and are thin adapters over the bindings.

pub mod bindings;
pub mod catalogue;
pub mod cells;
pub mod functions;
pub mod model;

#[cfg(not(target_arch = "wasm32"))]
pub mod json;
#[cfg(not(target_arch = "wasm32"))]
pub mod random_cases;

pub use cells::{Cell, CellError, ErrorCode, Grid};
pub use functions::{call, find, ALL as CATALOGUE};

/// The engine's version (Cargo.toml's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
