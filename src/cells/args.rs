//! Arguments as functions see them: a grid with its function and argument name, so every
//! problem becomes an error whose message names the function, the argument and the cell
//! (`SEQ_SCORE: ratings row 3, column 2: 'abc' is not a number`).

use super::read::{self, Problem, Scale};
use super::{describe, format_number, Cell, CellError, CellRef, ErrorCode, Grid, Range};
use crate::catalogue::Param;
use crate::model::labels::{Level, Role, Stage};
use std::collections::HashMap;

/// One argument of a call.
#[derive(Clone, Copy, Debug)]
pub struct Arg<'a> {
    pub func: &'static str,
    pub name: &'static str,
    pub grid: &'a Range,
}

impl<'a> Arg<'a> {
    pub fn rows(&self) -> usize {
        self.grid.rows()
    }
    pub fn cols(&self) -> usize {
        self.grid.cols()
    }
    pub fn is_scalar(&self) -> bool {
        self.grid.is_scalar()
    }

    /// The cell at (row, col), 0-based; a 1×1 argument broadcasts to every position.
    #[inline(always)]
    pub fn cell(&self, row: usize, col: usize) -> CellRef<'a> {
        if self.grid.is_scalar() {
            self.grid.get(0, 0)
        } else {
            self.grid.get(row, col)
        }
    }

    /// The distinct-text index of a packed text cell (see [`Range::text_index`]).
    #[inline]
    pub fn text_index(&self, row: usize, col: usize) -> Option<usize> {
        if self.grid.is_scalar() {
            self.grid.text_index(0, 0)
        } else {
            self.grid.text_index(row, col)
        }
    }

    /// Row `row` as packed tags and number slots, when the argument is a packed range of more
    /// than one cell (see [`Range::packed_row`]).
    #[inline]
    pub fn packed_row(&self, row: usize) -> Option<(&'a [u8], &'a [f64])> {
        if self.grid.is_scalar() {
            None
        } else {
            self.grid.packed_row(row)
        }
    }

    /// An error located at a cell: `FUNC: name row R, column C: message`.
    pub fn error_at(&self, row: usize, col: usize, code: ErrorCode, message: &str) -> CellError {
        let (r, c) = if self.grid.is_scalar() {
            (1, 1)
        } else {
            (row + 1, col + 1)
        };
        CellError::new(
            code,
            format!(
                "{}: {} row {r}, column {c}: {message}",
                self.func, self.name
            ),
        )
    }

    /// An error about one row of the argument: `FUNC: name row R: message`.
    pub fn error_row(&self, row: usize, code: ErrorCode, message: &str) -> CellError {
        let r = if self.grid.is_scalar() { 1 } else { row + 1 };
        CellError::new(
            code,
            format!("{}: {} row {r}: {message}", self.func, self.name),
        )
    }

    /// An error about the argument as a whole: `FUNC: name: message`.
    pub fn error(&self, code: ErrorCode, message: &str) -> CellError {
        CellError::new(code, format!("{}: {}: {message}", self.func, self.name))
    }

    fn locate(&self, row: usize, col: usize, p: Problem) -> CellError {
        self.error_at(row, col, p.code, &p.message)
    }

    pub fn is_blank(&self, row: usize, col: usize) -> bool {
        read::is_blank(self.cell(row, col))
    }

    /// The error value a cell holds from the sheet, located (for propagation).
    pub fn sheet_error(&self, row: usize, col: usize) -> Option<CellError> {
        match self.cell(row, col) {
            CellRef::Error(code) => {
                Some(self.error_at(row, col, code, &format!("the cell holds {code}")))
            }
            _ => None,
        }
    }

    /// A number or `None` for blank (numeric text counts).
    #[inline(always)]
    pub fn number(&self, row: usize, col: usize) -> Result<Option<f64>, CellError> {
        let cell = self.cell(row, col);
        // The common cell first: a finite number other than 0 is itself (-0 reads as 0).
        if let CellRef::Number(x) = cell {
            if x.is_finite() && x != 0.0 {
                return Ok(Some(x));
            }
        }
        self.number_slow(row, col, cell)
    }

    #[inline(never)]
    fn number_slow(&self, row: usize, col: usize, cell: CellRef) -> Result<Option<f64>, CellError> {
        read::number(cell).map_err(|p| self.locate(row, col, p))
    }

    /// A rating on `scale` or `None` when unanswered (a 0 is unanswered on scales from 1 up).
    #[inline(always)]
    pub fn rating(&self, row: usize, col: usize, scale: Scale) -> Result<Option<f64>, CellError> {
        let cell = self.cell(row, col);
        // The common cell first: a number on the scale other than 0 is itself.
        if let CellRef::Number(x) = cell {
            if x >= scale.min && x <= scale.max && x != 0.0 {
                return Ok(Some(x));
            }
        }
        self.rating_slow(row, col, cell, scale)
    }

    #[inline(never)]
    fn rating_slow(
        &self,
        row: usize,
        col: usize,
        cell: CellRef,
        scale: Scale,
    ) -> Result<Option<f64>, CellError> {
        read::rating(cell, scale).map_err(|p| self.locate(row, col, p))
    }

    /// A yes/no flag; blank = no.
    pub fn flag(&self, row: usize, col: usize) -> Result<bool, CellError> {
        read::flag(self.cell(row, col)).map_err(|p| self.locate(row, col, p))
    }

    /// A whole number ≥ 0 (a count); blank = 0.
    pub fn count(&self, row: usize, col: usize) -> Result<f64, CellError> {
        match self.number(row, col)? {
            None => Ok(0.0),
            Some(x) if x >= 0.0 && x.fract() == 0.0 => Ok(x),
            Some(x) => Err(self.error_at(
                row,
                col,
                ErrorCode::Num,
                &format!("{} is not a whole number ≥ 0", format_number(x)),
            )),
        }
    }

    pub fn level(&self, row: usize, col: usize) -> Result<Option<Level>, CellError> {
        read::level(self.cell(row, col)).map_err(|p| self.locate(row, col, p))
    }

    pub fn stage(&self, row: usize, col: usize) -> Result<Option<Stage>, CellError> {
        read::stage(self.cell(row, col)).map_err(|p| self.locate(row, col, p))
    }

    pub fn role(&self, row: usize, col: usize) -> Result<Role, CellError> {
        read::role(self.cell(row, col)).map_err(|p| self.locate(row, col, p))
    }

    /// A key (account) or `None` for blank.
    pub fn key(&self, row: usize, col: usize) -> Result<Option<String>, CellError> {
        read::key(self.cell(row, col)).map_err(|p| self.locate(row, col, p))
    }

    /// A date as an Excel serial, or `None` for blank.
    #[inline(always)]
    pub fn date(&self, row: usize, col: usize) -> Result<Option<f64>, CellError> {
        let cell = self.cell(row, col);
        // The common cell first: a serial number in range is itself.
        if let CellRef::Number(x) = cell {
            if x > 0.0 && x < super::dates::MAX_SERIAL + 1.0 {
                return Ok(Some(x));
            }
        }
        self.date_slow(row, col, cell)
    }

    #[inline(never)]
    fn date_slow(&self, row: usize, col: usize, cell: CellRef) -> Result<Option<f64>, CellError> {
        read::date(cell).map_err(|p| self.locate(row, col, p))
    }

    /// Column arguments must be one column wide.
    pub fn expect_column(&self) -> Result<(), CellError> {
        if self.cols() == 1 {
            Ok(())
        } else {
            Err(self.error(
                ErrorCode::Value,
                &format!("must be a single column, got {} columns", self.cols()),
            ))
        }
    }

    /// A scalar option (1×1): a number.
    pub fn scalar_number(&self) -> Result<f64, CellError> {
        if !self.is_scalar() {
            return Err(self.error(
                ErrorCode::Value,
                &format!(
                    "must be a single value, got a {}×{} range",
                    self.rows(),
                    self.cols()
                ),
            ));
        }
        match read::number(self.cell(0, 0)) {
            Ok(Some(x)) => Ok(x),
            Ok(None) => Err(self.error(ErrorCode::Value, "is blank")),
            Err(p) => Err(self.error(p.code, &p.message)),
        }
    }

    /// The cells of a list option (`weights`, `cutoffs`, `dimensions`, `benchmark`): a row or
    /// a column. A blank inside a given list is a whole-call `#VALUE!`.
    fn list_cells(&self) -> Result<Vec<(usize, usize, CellRef<'a>)>, CellError> {
        if self.rows() != 1 && self.cols() != 1 {
            return Err(self.error(
                ErrorCode::Value,
                &format!(
                    "must be a single row or column, got a {}×{} range",
                    self.rows(),
                    self.cols()
                ),
            ));
        }
        let mut out = Vec::with_capacity(self.grid.len());
        for r in 0..self.rows() {
            for c in 0..self.cols() {
                let cell = self.grid.get(r, c);
                if read::is_blank(cell) {
                    return Err(self.error_at(r, c, ErrorCode::Value, "blank cell in the list"));
                }
                out.push((r, c, cell));
            }
        }
        Ok(out)
    }

    /// A list option of numbers. Any problem is a whole-call error (`#VALUE!` for text,
    /// the sheet's code for an error value).
    pub fn number_list(&self) -> Result<Vec<f64>, CellError> {
        self.list_cells()?
            .into_iter()
            .map(|(r, c, cell)| match read::number(cell) {
                Ok(Some(x)) => Ok(x),
                Ok(None) => Err(self.error_at(r, c, ErrorCode::Value, "blank cell in the list")),
                Err(p) => Err(self.locate(r, c, p)),
            })
            .collect()
    }

    /// A list option of labels (text; numbers are written as text).
    pub fn label_list(&self) -> Result<Vec<String>, CellError> {
        self.list_cells()?
            .into_iter()
            .map(|(r, c, cell)| match cell {
                CellRef::Text(s) => Ok(s.trim().to_string()),
                CellRef::Number(x) if x.is_finite() => Ok(format_number(x)),
                CellRef::Error(code) => {
                    Err(self.error_at(r, c, code, &format!("the cell holds {code}")))
                }
                other => Err(self.error_at(
                    r,
                    c,
                    ErrorCode::Value,
                    &format!("{} is not a label", describe(other)),
                )),
            })
            .collect()
    }
}

/// The element-wise rule for two inputs (FIT, PERCEPTION_GAP): an error value from the sheet
/// in either cell propagates (the first argument's first); otherwise a blank in either gives a
/// blank, whatever the other cell holds (as FIT's and PERCEPTION_GAP's notes in
/// docs/functions.md say). `None` when both cells hold values to read.
pub fn pair_shortcut(a: Arg, b: Arg, row: usize, col: usize) -> Option<Cell> {
    if let Some(e) = a.sheet_error(row, col).or_else(|| b.sheet_error(row, col)) {
        return Some(Cell::Error(e));
    }
    (a.is_blank(row, col) || b.is_blank(row, col)).then_some(Cell::Blank)
}

/// The arguments of one call, by position, as declared in the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Args<'a> {
    pub func: &'static str,
    pub params: &'static [Param],
    pub values: &'a [Option<Range>],
}

impl<'a> Args<'a> {
    fn name(&self, i: usize) -> &'static str {
        self.params.get(i).map_or("argument", |p| p.name)
    }

    /// Argument `i`, or `None` when it was omitted.
    pub fn get(&self, i: usize) -> Option<Arg<'a>> {
        let grid = self.values.get(i)?.as_ref()?;
        Some(Arg {
            func: self.func,
            name: self.name(i),
            grid,
        })
    }

    /// A required argument (the dispatcher has already checked it is present).
    pub fn required(&self, i: usize) -> Result<Arg<'a>, CellError> {
        self.get(i)
            .ok_or_else(|| CellError::value(format!("{}: {} is required", self.func, self.name(i))))
    }

    /// An optional number (1×1), or `default` when omitted.
    pub fn number_or(&self, i: usize, default: f64) -> Result<f64, CellError> {
        match self.get(i) {
            None => Ok(default),
            Some(a) => a.scalar_number(),
        }
    }

    /// The rating scale from the `scale_min` and `scale_max` arguments at `i_min`, `i_max`
    /// (defaults 1 and 5); `min < max` or a whole-call `#VALUE!`.
    pub fn scale(&self, i_min: usize, i_max: usize) -> Result<Scale, CellError> {
        let min = self.number_or(i_min, Scale::DEFAULT.min)?;
        let max = self.number_or(i_max, Scale::DEFAULT.max)?;
        if min < max {
            Ok(Scale { min, max })
        } else {
            Err(CellError::value(format!(
                "{}: scale_min ({}) must be less than scale_max ({})",
                self.func,
                format_number(min),
                format_number(max)
            )))
        }
    }

    /// The common row count of parallel column arguments (omitted ones are ignored).
    /// Only a 1×1 argument broadcasts; any other difference is a whole-call `#VALUE!`.
    pub fn parallel_rows(&self, args: &[Option<Arg<'a>>]) -> Result<usize, CellError> {
        let mut n: Option<(usize, &'static str)> = None;
        for a in args.iter().flatten() {
            if a.is_scalar() {
                continue;
            }
            match n {
                None => n = Some((a.rows(), a.name)),
                Some((rows, first)) if rows != a.rows() => {
                    return Err(CellError::value(format!(
                        "{}: {} has {} rows but {} has {}; parallel ranges must have the same \
                         number of rows (a single cell is repeated for every row)",
                        self.func,
                        first,
                        rows,
                        a.name,
                        a.rows()
                    )))
                }
                Some(_) => {}
            }
        }
        Ok(n.map_or(1, |(rows, _)| rows))
    }
}

/// Entities (accounts, dimensions) in order of first appearance, grouped ignoring case like
/// Excel's UNIQUE; each keeps the first spelling seen.
#[derive(Debug, Default)]
pub struct Groups {
    index: HashMap<String, usize>,
    names: Vec<String>,
    /// The entity of each packed text already seen in a key column, by the text's index in
    /// its batch (`UNSEEN`, `BLANK_KEY` or the entity): a million rows naming 20,000 accounts
    /// are trimmed, folded and hashed 20,000 times, the rest is one array lookup.
    by_text: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;
const BLANK_KEY: u32 = u32::MAX - 1;

impl Groups {
    /// Groups by key ignoring case.
    pub fn entity(&mut self, name: &str) -> usize {
        self.entity_by(name, name.to_lowercase())
    }

    /// Groups by an explicit comparison key (e.g. a folded label).
    pub fn entity_by(&mut self, name: &str, key: String) -> usize {
        let next = self.names.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.names.push(name.to_string());
        }
        i
    }

    /// The entity of row `row` of a key column (accounts): `Ok(None)` for a blank key (the row
    /// is skipped), `Ok(Some(i))` for a key, and `Err((i, error))` for a key cell that holds an
    /// error or an invalid value. Such rows form one entity per error code, shown under the
    /// code, in a key space no text can reach (an account named "#N/A" stays an account).
    pub fn key_entity(
        &mut self,
        keys: Arg,
        row: usize,
    ) -> Result<Option<usize>, (usize, CellError)> {
        if let Some(index) = keys.text_index(row, 0) {
            match self.by_text.get(index).copied().unwrap_or(UNSEEN) {
                BLANK_KEY => return Ok(None),
                UNSEEN => {}
                entity => return Ok(Some(entity as usize)),
            }
            if let CellRef::Text(text) = keys.cell(row, 0) {
                // Reading a text key never fails: a blank marker is no key, anything else
                // trimmed.
                let entity = (!read::is_blank_text(text)).then(|| self.entity(text.trim()));
                if self.by_text.len() <= index {
                    self.by_text.resize(index + 1, UNSEEN);
                }
                if let Some(slot) = self.by_text.get_mut(index) {
                    *slot = entity.map_or(BLANK_KEY, |e| e as u32);
                }
                return Ok(entity);
            }
        }
        match keys.key(row, 0) {
            Ok(None) => Ok(None),
            Ok(Some(name)) => Ok(Some(self.entity(&name))),
            Err(e) => {
                let code = e.code.as_str();
                Err((self.entity_by(code, format!("\u{0}{code}")), e))
            }
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
    pub fn names(&self) -> &[String] {
        &self.names
    }
    pub fn into_names(self) -> Vec<String> {
        self.names
    }
}

/// A result table: a header row, then one row per entity.
#[derive(Debug)]
pub struct Table {
    cols: usize,
    cells: Vec<Cell>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            cols: header.len(),
            cells: header.iter().map(|h| Cell::text(*h)).collect(),
        }
    }

    /// Appends a row; it is padded or cut to the header's width.
    pub fn push(&mut self, mut row: Vec<Cell>) {
        row.resize(self.cols, Cell::Blank);
        self.cells.extend(row);
    }

    pub fn into_grid(self) -> Grid {
        let rows = self.cells.len() / self.cols.max(1);
        Grid::new(rows, self.cols, self.cells)
            .unwrap_or_else(|| Grid::scalar(Cell::error(ErrorCode::Value, "internal: bad table")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: Vec<Vec<Cell>>) -> Range {
        Range::from(Grid::from_rows(rows))
    }

    #[test]
    fn messages_name_function_argument_and_cell() {
        let g = grid(vec![
            vec![Cell::Number(1.0), Cell::Number(2.0)],
            vec![Cell::Number(3.0), Cell::text("abc")],
        ]);
        let a = Arg {
            func: "SEQ_SCORE",
            name: "ratings",
            grid: &g,
        };
        let e = a.number(1, 1).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "SEQ_SCORE: ratings row 2, column 2: 'abc' is not a number"
        );
    }

    #[test]
    fn the_fast_paths_read_numbers_exactly_as_the_readers_do() {
        use super::super::dates::MAX_SERIAL;
        let xs = [
            0.0,
            -0.0,
            1.0,
            5.0,
            0.999_999_999_999_999_9,
            5.000_000_000_000_001,
            -1.0,
            3.5,
            f64::MIN_POSITIVE / 2.0,
            1e308,
            -1e308,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            MAX_SERIAL,
            MAX_SERIAL + 0.5,
            MAX_SERIAL + 1.0,
        ];
        let g = grid(vec![xs.iter().map(|x| Cell::Number(*x)).collect()]);
        let a = Arg {
            func: "F",
            name: "x",
            grid: &g,
        };
        let located = |p: Problem, c: usize| a.locate(0, c, p);
        let same =
            |l: Result<Option<f64>, CellError>, r: Result<Option<f64>, CellError>| match (l, r) {
                (Ok(Some(x)), Ok(Some(y))) => x.to_bits() == y.to_bits(),
                (l, r) => l == r,
            };
        for (c, x) in xs.iter().enumerate() {
            let cell = g.get(0, c);
            assert!(
                same(
                    a.number(0, c),
                    read::number(cell).map_err(|p| located(p, c))
                ),
                "number {x}"
            );
            assert!(
                same(a.date(0, c), read::date(cell).map_err(|p| located(p, c))),
                "date {x}"
            );
            for scale in [
                Scale::DEFAULT,
                Scale {
                    min: 0.0,
                    max: 10.0,
                },
                Scale {
                    min: -3.0,
                    max: 3.0,
                },
            ] {
                assert!(
                    same(
                        a.rating(0, c, scale),
                        read::rating(cell, scale).map_err(|p| located(p, c))
                    ),
                    "rating {x} on {scale:?}"
                );
            }
        }
    }

    #[test]
    fn a_key_column_groups_the_same_whether_packed_or_built() {
        use crate::cells::{tag, PackedCells};
        use std::rc::Rc;
        // Texts 0 "Acme", 1 "Beta", 2 "n/a", 3 "  ACME ".
        let texts: Vec<Rc<str>> = ["Acme", "Beta", "n/a", "  ACME "]
            .into_iter()
            .map(Rc::from)
            .collect();
        let (t, n, e) = (tag::TEXT, tag::NUMBER, tag::ERROR + ErrorCode::Ref.tag());
        let tags = vec![t, t, t, t, t, t, n, e, t, t];
        let nums = vec![0.0, 1.0, 2.0, 3.0, 0.0, 2.0, 7.0, 0.0, 3.0, 1.0];
        let built = Range::from(Grid::column(
            tags.iter()
                .zip(&nums)
                .map(|(&tg, &x)| match tg {
                    tag::TEXT => Cell::Text(texts[x as usize].clone()),
                    tag::NUMBER => Cell::Number(x),
                    _ => Cell::error(ErrorCode::Ref, ""),
                })
                .collect(),
        ));
        let rows = tags.len();
        let cells = Rc::new(PackedCells { tags, nums, texts });
        let packed = Range::packed(rows, 1, cells, 0).unwrap();
        for g in [&built, &packed] {
            let keys = Arg {
                func: "F",
                name: "accounts",
                grid: g,
            };
            let mut groups = Groups::default();
            let got: Vec<Result<Option<usize>, usize>> = (0..g.rows())
                .map(|r| groups.key_entity(keys, r).map_err(|(i, _)| i))
                .collect();
            assert_eq!(
                got,
                [
                    Ok(Some(0)),
                    Ok(Some(1)),
                    Ok(None),
                    Ok(Some(0)),
                    Ok(Some(0)),
                    Ok(None),
                    Ok(Some(2)),
                    Err(3),
                    Ok(Some(0)),
                    Ok(Some(1))
                ]
            );
            assert_eq!(groups.names(), ["Acme", "Beta", "7", "#REF!"]);
        }
        assert_eq!(packed.text_index(3, 0), Some(3));
        assert_eq!(packed.text_index(6, 0), None);
        assert_eq!(built.text_index(3, 0), None);
    }

    #[test]
    fn only_one_by_one_arguments_broadcast() {
        let col = Range::from(Grid::column(vec![Cell::Number(1.0); 3]));
        let one = Range::from(Grid::scalar(Cell::Number(1.0)));
        let row = grid(vec![vec![Cell::Number(1.0); 3]]);
        let values = [Some(col), Some(one), Some(row)];
        const PARAMS: &[Param] = &[
            crate::catalogue::column("a", ""),
            crate::catalogue::column("b", ""),
            crate::catalogue::column("c", ""),
        ];
        let args = Args {
            func: "F",
            params: PARAMS,
            values: &values,
        };
        assert_eq!(args.parallel_rows(&[args.get(0), args.get(1)]), Ok(3));
        let e = args.parallel_rows(&[args.get(0), args.get(2)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.contains("a has 3 rows but c has 1"),
            "{}",
            e.message
        );
    }

    #[test]
    fn groups_ignore_case_and_keep_first_spelling() {
        let mut g = Groups::default();
        assert_eq!(g.entity("Acme"), 0);
        assert_eq!(g.entity("Globex"), 1);
        assert_eq!(g.entity("ACME"), 0);
        assert_eq!(g.names(), ["Acme", "Globex"]);
    }

    #[test]
    fn a_blank_inside_a_list_option_is_value() {
        let g = grid(vec![vec![Cell::Number(1.0), Cell::Blank]]);
        let a = Arg {
            func: "SEQ_SCORE",
            name: "weights",
            grid: &g,
        };
        assert_eq!(a.number_list().unwrap_err().code, ErrorCode::Value);
    }
}
