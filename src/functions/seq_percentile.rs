//! SEQ_PERCENTILE (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const SEQ_PERCENTILE: Function = Function {
    name: "SEQ_PERCENTILE",
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
        "SEQ_PERCENTILE: not implemented yet",
    ))
}
