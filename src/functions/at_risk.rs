//! AT_RISK (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const AT_RISK: Function = Function {
    name: "AT_RISK",
    family: "TODO",
    description: "TODO",
    params: &[],
    result: ResultShape::ElementWise,
    example: "",
    volatile: false,
    eval,
};

fn eval(_args: &Args) -> Result<Grid, CellError> {
    Err(CellError::not_available("AT_RISK: not implemented yet"))
}
