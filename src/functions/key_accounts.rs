//! KEY_ACCOUNTS (stub: not implemented yet).

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{CellError, Grid};

pub const KEY_ACCOUNTS: Function = Function {
    name: "KEY_ACCOUNTS",
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
        "KEY_ACCOUNTS: not implemented yet",
    ))
}
