//! Pure scoring on typed data: no cells, no JavaScript. Each rule of the model is a named
//! constant with a note on where it comes from.

pub mod bootstrap;
pub mod climate;
pub mod closeness;
pub mod key_accounts;
pub mod labels;
pub mod rng;
pub mod sample;
pub mod seq;
pub mod stage;
pub mod stats;
pub mod trend;
pub mod value;
