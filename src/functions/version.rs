//! VERSION: the engine's version.

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{Cell, CellError, Grid};

pub const VERSION: Function = Function {
    name: "VERSION",
    family: "Survey quality and utilities",
    description: "The version of the Rapport engine doing the calculations, as text (e.g. 0.1.0). Quote it when reporting a problem.",
    params: &[],
    result: ResultShape::Fixed {
        rows: 1,
        columns: 1,
    },
    example: "=RAPPORT.VERSION() → 0.1.0",
    volatile: false,
    notes: &[],
    eval,
};

fn eval(_args: &Args) -> Result<Grid, CellError> {
    Ok(Grid::scalar(Cell::text(crate::VERSION)))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode};
    use crate::functions::call;

    #[test]
    fn version_is_the_crate_version_as_text() {
        let out = call("VERSION", vec![]).unwrap();
        assert_eq!((out.rows(), out.cols()), (1, 1));
        assert_eq!(out.get(0, 0), &Cell::text(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn version_takes_no_arguments() {
        let e = call("VERSION", vec![None]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
