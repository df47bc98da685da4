//! RELATIONSHIP_VALUE (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const RELATIONSHIP_VALUE: Function = Function {
    name: "RELATIONSHIP_VALUE",
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
        "RELATIONSHIP_VALUE: not implemented yet",
    ))
}
