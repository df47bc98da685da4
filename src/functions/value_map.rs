//! VALUE_MAP (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const VALUE_MAP: Function = Function {
    name: "VALUE_MAP",
    family: "TODO",
    description: "TODO",
    params: &[],
    result: ResultShape::ElementWise,
    example: "",
    volatile: false,
    eval,
};

fn eval(_args: &Args) -> Result<Grid, CellError> {
    Err(CellError::not_available("VALUE_MAP: not implemented yet"))
}
