//! LEVEL_MIX (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const LEVEL_MIX: Function = Function {
    name: "LEVEL_MIX",
    family: "TODO",
    description: "TODO",
    params: &[],
    result: ResultShape::ElementWise,
    example: "",
    volatile: false,
    eval,
};

fn eval(_args: &Args) -> Result<Grid, CellError> {
    Err(CellError::not_available("LEVEL_MIX: not implemented yet"))
}
