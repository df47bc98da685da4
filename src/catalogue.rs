//! The catalogue: every function declared once — name, description, parameters with their kind
//! and help text, result shape and a worked example — beside its implementation in
//! `functions/`. Excel's `functions.json`, the Sheets wrappers, the TypeScript types and the
//! docs' function table are all generated from it.

use crate::cells::args::Args;
use crate::cells::{CellError, Grid};
use serde::Serialize;

/// How a parameter is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// A 2-D range of any cells (ratings, levels, scores).
    Range,
    /// A single-column range (accounts, roles, dates, flags, counts).
    Column,
    /// A short list of values, a row or a column (weights, cutoffs, dimensions, benchmark).
    List,
    /// A single number (scale bounds, thresholds, seeds).
    Number,
    /// A single value of any kind (a date as a serial or ISO text).
    Value,
}

/// How the result is shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ResultShape {
    /// One row per input row, `columns` wide.
    PerRow { columns: usize },
    /// The same shape as the first argument.
    ElementWise,
    /// A header row, then one row per entity; `rows` bounds how many.
    Table {
        header: &'static [&'static str],
        rows: TableRows,
    },
    /// A fixed `rows` × `columns` block.
    Fixed { rows: usize, columns: usize },
}

/// How many rows a table can have below its header, at most, from its arguments (hosts that
/// size a spilled result before computing it, like the playground's, read this).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TableRows {
    /// One per row of the first argument.
    PerInputRow,
    /// One per item column of the widest of the first `args` arguments.
    PerItemColumn { args: usize },
    /// Exactly `rows`.
    Fixed { rows: usize },
    /// Up to `per_account` per account, for the first argument's number of accounts (at most
    /// `max_accounts`; `default_accounts` when it is omitted).
    PerAccount {
        per_account: usize,
        default_accounts: usize,
        max_accounts: usize,
    },
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub optional: bool,
    /// One or two sentences for the formula tooltip, defaults included.
    pub help: &'static str,
}

/// The implementation of a function: typed arguments in, a grid or a whole-call error out.
pub type Eval = fn(&Args) -> Result<Grid, CellError>;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Function {
    pub name: &'static str,
    /// The family it belongs to in the docs (`Sales Equity`, `Relationship stages` …).
    pub family: &'static str,
    /// The tooltip: what the function returns, in one or two sentences.
    pub description: &'static str,
    pub params: &'static [Param],
    pub result: ResultShape,
    /// A worked example formula in Excel syntax, with what it shows.
    pub example: &'static str,
    /// True when the result does not depend only on the arguments (SAMPLE_SURVEY without a
    /// seed): hosts must not cache it.
    pub volatile: bool,
    /// How the function settles points docs/methodology.md leaves open (blank keys, shapes,
    /// precedence of errors …), one sentence each; shown in the docs.
    pub notes: &'static [&'static str],
    #[serde(skip)]
    pub eval: Eval,
}

/// Shorthands for declaring parameters.
pub const fn range(name: &'static str, help: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Range,
        optional: false,
        help,
    }
}
pub const fn column(name: &'static str, help: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Column,
        optional: false,
        help,
    }
}
pub const fn optional(p: Param) -> Param {
    Param {
        optional: true,
        ..p
    }
}
pub const fn list(name: &'static str, help: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::List,
        optional: true,
        help,
    }
}
pub const fn number(name: &'static str, help: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Number,
        optional: true,
        help,
    }
}
pub const fn value(name: &'static str, help: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Value,
        optional: true,
        help,
    }
}

/// The scale parameters shared by every rating function.
pub const SCALE_MIN: Param = number(
    "scale_min",
    "Lowest point of the rating scale. Default 1. A 0 in the ratings is read as blank when this is 1 or more.",
);
pub const SCALE_MAX: Param = number("scale_max", "Highest point of the rating scale. Default 5.");
