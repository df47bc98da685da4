//! PERCEPTION_GAP (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const PERCEPTION_GAP: Function = Function {
    name: "PERCEPTION_GAP",
    family: "TODO",
    description: "TODO",
    params: &[],
    result: ResultShape::ElementWise,
    example: "",
    volatile: false,
    eval,
};

fn eval(_args: &Args) -> Result<Grid, CellError> {
    Err(CellError::not_available(
        "PERCEPTION_GAP: not implemented yet",
    ))
}
