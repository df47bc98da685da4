//! Pure scoring on typed data: no cells, no JavaScript. Each rule of the model is a named
//! constant with a note on where it comes from.

pub mod bootstrap;
pub mod labels;
pub mod rng;
pub mod sample;
pub mod seq;
pub mod stats;
pub mod trend;
