//! Every spreadsheet function, one file each, grouped in the docs by family. Each file holds
//! the function's catalogue entry (its whole public story) and its argument handling; the
//! scoring rules themselves live in `model/`.

use crate::catalogue::{Function, ParamKind};
use crate::cells::args::Args;
use crate::cells::{read, Cell, CellError, ErrorCode, Grid, Range};

pub mod account_seq;
pub mod at_risk;
pub mod blind_spots;
pub mod climate;
pub mod commitment;
pub mod contact_risk;
pub mod dependence;
pub mod fit;
pub mod key_accounts;
pub mod level_mix;
pub mod perception_gap;
pub mod relationship_value;
pub mod sample_survey;
pub mod seq_level;
pub mod seq_percentile;
pub mod seq_score;
pub mod seq_trend;
pub mod stage;
pub mod stage_next;
pub mod survey_alpha;
#[cfg(test)]
mod testing;
pub mod value_map;
pub mod version;

/// The catalogue, in the order the docs list it.
pub const ALL: &[&Function] = &[
    &seq_score::SEQ_SCORE,
    &seq_level::SEQ_LEVEL,
    &seq_percentile::SEQ_PERCENTILE,
    &climate::CLIMATE,
    &blind_spots::BLIND_SPOTS,
    &account_seq::ACCOUNT_SEQ,
    &at_risk::AT_RISK,
    &level_mix::LEVEL_MIX,
    &seq_trend::SEQ_TREND,
    &stage::STAGE,
    &stage_next::STAGE_NEXT,
    &perception_gap::PERCEPTION_GAP,
    &contact_risk::CONTACT_RISK,
    &key_accounts::KEY_ACCOUNTS,
    &relationship_value::RELATIONSHIP_VALUE,
    &value_map::VALUE_MAP,
    &dependence::DEPENDENCE,
    &fit::FIT,
    &commitment::COMMITMENT,
    &survey_alpha::SURVEY_ALPHA,
    &sample_survey::SAMPLE_SURVEY,
    &version::VERSION,
];

/// A call whose arguments hold more cells than this returns `#NUM!`.
pub const MAX_INPUT_CELLS: usize = 5_000_000;

/// Looks a function up by name, ignoring case and an optional `RAPPORT.` prefix.
pub fn find(name: &str) -> Option<&'static Function> {
    let n = name.trim();
    let n = n
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("RAPPORT."))
        .and_then(|_| n.get(8..))
        .unwrap_or(n);
    ALL.iter().copied().find(|f| f.name.eq_ignore_ascii_case(n))
}

/// Calls a function by name with its arguments built natively (`None` = omitted). Returns the
/// result grid, or one error for the whole call.
pub fn call(name: &str, args: Vec<Option<Grid>>) -> Result<Grid, CellError> {
    call_ranges(name, args.into_iter().map(|a| a.map(Range::from)).collect())
}

/// The one entry point every host reaches: call a function by name with its argument ranges
/// (`None` = omitted; packed batches from JavaScript arrive as windows on their cells).
pub fn call_ranges(name: &str, args: Vec<Option<Range>>) -> Result<Grid, CellError> {
    let f = find(name).ok_or_else(|| {
        CellError::value(format!("Rapport has no function named '{}'", name.trim()))
    })?;
    let n_params = f.params.len();
    if args.len() > n_params {
        return Err(CellError::value(format!(
            "{}: takes at most {} argument{}, got {}",
            f.name,
            n_params,
            if n_params == 1 { "" } else { "s" },
            args.len()
        )));
    }
    let total: usize = args
        .iter()
        .flatten()
        .map(Range::len)
        .fold(0, usize::saturating_add);
    if total > MAX_INPUT_CELLS {
        return Err(too_large(f.name, total));
    }
    let mut values: Vec<Option<Range>> = Vec::with_capacity(n_params);
    // The ranges are moved, never copied: a call may hold millions of cells.
    let mut given = args.into_iter();
    for p in f.params {
        let v = given.next().flatten().map(|g| {
            // An empty range reads as a single blank cell.
            if g.is_empty() {
                Range::from(Grid::scalar(Cell::Blank))
            } else {
                g
            }
        });
        // A single-value option given as a blank cell is omitted (an empty cell referenced for
        // scale_min means "use the default"). List and column options keep their blank: a
        // blank inside a given list is an error, a blank stage is not a candidate.
        let scalar_option = matches!(p.kind, ParamKind::Number | ParamKind::Value);
        let v = v.filter(|g| !(scalar_option && g.is_scalar() && read::is_blank(g.get(0, 0))));
        if v.is_none() && !p.optional {
            return Err(CellError::value(format!(
                "{}: {} is required",
                f.name, p.name
            )));
        }
        values.push(v);
    }
    let result = (f.eval)(&Args {
        func: f.name,
        params: f.params,
        values: &values,
    });
    result.map(|g| finite_only(f.name, g))
}

/// No host ever shows a non-finite number: a result that overflowed (inputs near 1e308) is
/// `#NUM!` in that cell.
fn finite_only(func: &str, grid: Grid) -> Grid {
    if grid
        .cells()
        .iter()
        .all(|c| !matches!(c, Cell::Number(x) if !x.is_finite()))
    {
        return grid;
    }
    let (rows, cols) = (grid.rows(), grid.cols());
    let cells = grid
        .into_cells()
        .into_iter()
        .map(|c| match c {
            Cell::Number(x) if !x.is_finite() => Cell::error(
                ErrorCode::Num,
                format!("{func}: the result is too large to compute (the inputs overflow)"),
            ),
            other => other,
        })
        .collect();
    Grid::new(rows, cols, cells).unwrap_or_else(|| Grid::scalar(Cell::Blank))
}

/// The whole-call error for an input over [`MAX_INPUT_CELLS`].
pub fn too_large(func: &str, cells: usize) -> CellError {
    CellError::new(
        ErrorCode::Num,
        format!(
            "{func}: input too large: {cells} cells (the limit is {MAX_INPUT_CELLS} cells per call)"
        ),
    )
}
