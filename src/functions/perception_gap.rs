//! PERCEPTION_GAP: how much deeper the seller sees each relationship than the buyer does.

use crate::catalogue::{range, Function, ResultShape};
use crate::cells::args::{pair_shortcut, Arg, Args};
use crate::cells::read::{is_blank, label_key, parse_number_text};
use crate::cells::{describe, Cell, CellError, CellRef, ErrorCode, Grid};
use crate::model::labels::{Level, Stage};

pub const PERCEPTION_GAP: Function = Function {
    name: "PERCEPTION_GAP",
    family: "Relationship stages",
    description: "Gap between the seller's and the buyer's view of each relationship, cell by cell: steps between two Sales Equity levels or two stages, or the difference of two scores. Positive = the seller sees it deeper than the buyer.",
    params: &[
        range("seller_view", "The seller's view: Sales Equity levels, relationship stages or scores."),
        range("buyer_view", "The buyer's view of the same relationships, in the same shape (or a single value compared with every cell). Must be the same kind as seller_view cell by cell."),
    ],
    result: ResultShape::ElementWise,
    example: "=RAPPORT.PERCEPTION_GAP(B2:B20, C2:C20) → 2 where the seller says Collaborative and the buyer says Exploratory.",
    volatile: false,
    notes: &[
        "Each cell is classified on its own: a text that reads as a Sales Equity level (any case, ignoring spaces, `_` and `-`) is a level, one that reads as a relationship stage is a stage (the two vocabularies share no name), a number or numeric text is a number, a blank or blank marker is blank. Any other text, or a TRUE/FALSE, is an unknown label (`#VALUE!`); a non-finite number is `#NUM!`.",
        "An error value from the sheet on either side propagates (the seller's first); otherwise a blank on either side gives a blank, whatever the other holds; then an unknown label is `#VALUE!`, and two valid cells of different kinds give `#VALUE!`.",
        "The result has the shape of the larger argument; a 1×1 side is compared with every cell of the other.",
    ],
    eval,
};

/// What one cell holds, once read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum View {
    Blank,
    Level(Level),
    Stage(Stage),
    Number(f64),
}

impl View {
    fn kind(self) -> &'static str {
        match self {
            View::Blank => "a blank",
            View::Level(_) => "a Sales Equity level",
            View::Stage(_) => "a relationship stage",
            View::Number(_) => "a number",
        }
    }
}

fn eval(args: &Args) -> Result<Grid, CellError> {
    let seller = args.required(0)?;
    let buyer = args.required(1)?;
    let (rows, cols) = common_shape(args, seller, buyer)?;
    let mut cells = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = pair_shortcut(seller, buyer, r, c) {
                cells.push(cell);
                continue;
            }
            cells.push(match gap(seller, buyer, r, c) {
                Ok(Some(x)) => Cell::Number(x),
                Ok(None) => Cell::Blank,
                Err(e) => Cell::Error(e),
            });
        }
    }
    Grid::new(rows, cols, cells).ok_or_else(|| CellError::value("PERCEPTION_GAP: internal shape"))
}

/// Equal shapes, or a 1×1 side broadcast to the other; else a whole-call `#VALUE!`.
fn common_shape(args: &Args, seller: Arg, buyer: Arg) -> Result<(usize, usize), CellError> {
    let s = (seller.rows(), seller.cols());
    let b = (buyer.rows(), buyer.cols());
    if s == b || buyer.is_scalar() {
        Ok(s)
    } else if seller.is_scalar() {
        Ok(b)
    } else {
        Err(CellError::value(format!(
            "{}: seller_view is {}×{} but buyer_view is {}×{}; the ranges must have the same \
             shape (a single cell is compared with every cell)",
            args.func, s.0, s.1, b.0, b.1
        )))
    }
}

/// Reads one cell as a level, a stage, a number or a blank.
fn view(arg: Arg, r: usize, c: usize) -> Result<View, CellError> {
    let cell = arg.cell(r, c);
    let unknown = || {
        arg.error_at(
            r,
            c,
            ErrorCode::Value,
            &format!(
                "{} is not a Sales Equity level, a relationship stage or a number",
                describe(cell)
            ),
        )
    };
    match cell {
        CellRef::Error(code) => Err(arg.error_at(r, c, code, &format!("the cell holds {code}"))),
        c0 if is_blank(c0) => Ok(View::Blank),
        CellRef::Number(_) => arg
            .number(r, c)
            .map(|x| x.map_or(View::Blank, View::Number)),
        CellRef::Text(s) => {
            let key = label_key(s);
            if let Some(l) = Level::from_key(&key) {
                Ok(View::Level(l))
            } else if let Some(st) = Stage::from_key(&key) {
                Ok(View::Stage(st))
            } else if parse_number_text(s).is_some() {
                arg.number(r, c)
                    .map(|x| x.map_or(View::Blank, View::Number))
            } else {
                Err(unknown())
            }
        }
        _ => Err(unknown()),
    }
}

/// The gap at one position: seller − buyer in steps or points; `None` when either is blank.
fn gap(seller: Arg, buyer: Arg, r: usize, c: usize) -> Result<Option<f64>, CellError> {
    let s = view(seller, r, c)?;
    let b = view(buyer, r, c)?;
    Ok(Some(match (s, b) {
        (View::Blank, _) | (_, View::Blank) => return Ok(None),
        (View::Level(x), View::Level(y)) => f64::from(x.rank() - y.rank()),
        (View::Stage(x), View::Stage(y)) => f64::from(x.rank() - y.rank()),
        (View::Number(x), View::Number(y)) => {
            let d = x - y;
            if !d.is_finite() {
                return Err(buyer.error_at(
                    r,
                    c,
                    ErrorCode::Num,
                    "the difference is too large to represent",
                ));
            }
            d
        }
        _ => {
            return Err(buyer.error_at(
                r,
                c,
                ErrorCode::Value,
                &format!(
                    "{} is {} but the seller's view is {}; compare like with like",
                    describe(buyer.cell(r, c)),
                    b.kind(),
                    s.kind()
                ),
            ))
        }
    }))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn gap1(s: Cell, b: Cell) -> Cell {
        call("PERCEPTION_GAP", vec![one(s), one(b)])
            .unwrap()
            .cells()[0]
            .clone()
    }

    #[test]
    fn two_levels_give_the_difference_in_steps() {
        assert_eq!(gap1(t("Trusted Advisor"), t("Transactional")), n(2.0));
        assert_eq!(gap1(t("antagonistic"), t("PREDISPOSED")), n(-2.0));
        assert_eq!(gap1(t("trusted_advisor"), t("Trusted-Advisor")), n(0.0));
    }

    #[test]
    fn two_stages_give_the_difference_in_steps() {
        assert_eq!(gap1(t("Interconnected"), t("Exploratory")), n(3.0));
        assert_eq!(gap1(t(" basic "), t("Collaborative")), n(-1.0));
    }

    #[test]
    fn two_numbers_give_their_difference_seller_minus_buyer() {
        assert_eq!(gap1(n(80.0), n(62.5)), n(17.5));
        assert_eq!(gap1(t("70"), n(75.0)), n(-5.0));
        assert_eq!(gap1(n(0.0), t("0")), n(0.0));
    }

    #[test]
    fn a_blank_on_either_side_gives_a_blank() {
        assert_eq!(gap1(Cell::Blank, t("Basic")), Cell::Blank);
        assert_eq!(gap1(n(50.0), t("n/a")), Cell::Blank);
        assert_eq!(gap1(t(""), Cell::Blank), Cell::Blank);
    }

    #[test]
    fn mixed_kinds_are_value() {
        for (s, b) in [
            (t("Basic"), t("Predisposed")),
            (t("Basic"), n(2.0)),
            (n(70.0), t("Trusted Advisor")),
        ] {
            let c = gap1(s.clone(), b.clone());
            assert_eq!(err(&c).code, ErrorCode::Value, "{s:?} {b:?}");
            assert!(err(&c)
                .message
                .starts_with("PERCEPTION_GAP: buyer_view row 1, column 1:"));
        }
    }

    #[test]
    fn an_unknown_label_or_boolean_is_value() {
        let c = gap1(t("Friendly"), t("Basic"));
        assert_eq!(err(&c).code, ErrorCode::Value);
        assert_eq!(
            err(&c).message,
            "PERCEPTION_GAP: seller_view row 1, column 1: 'Friendly' is not a Sales Equity level, a relationship stage or a number"
        );
        assert_eq!(err(&gap1(Cell::Bool(true), n(1.0))).code, ErrorCode::Value);
    }

    #[test]
    fn a_blank_beside_an_unknown_label_gives_a_blank() {
        assert_eq!(gap1(Cell::Blank, t("Friendly")), Cell::Blank);
    }

    #[test]
    fn non_finite_numbers_are_num() {
        assert_eq!(err(&gap1(n(f64::NAN), n(1.0))).code, ErrorCode::Num);
    }

    #[test]
    fn error_values_propagate_seller_first() {
        let c = gap1(
            Cell::error(ErrorCode::Div0, ""),
            Cell::error(ErrorCode::NotAvailable, ""),
        );
        assert_eq!(err(&c).code, ErrorCode::Div0);
        assert_eq!(
            err(&gap1(Cell::Blank, Cell::error(ErrorCode::Ref, ""))).code,
            ErrorCode::Ref
        );
    }

    #[test]
    fn element_wise_over_same_shaped_ranges() {
        let s = Grid::from_rows(vec![
            vec![t("Basic"), n(80.0)],
            vec![t("Predisposed"), t("x")],
        ]);
        let b = Grid::from_rows(vec![
            vec![t("Exploratory"), n(70.0)],
            vec![t("Transactional"), Cell::Blank],
        ]);
        let out = call("PERCEPTION_GAP", vec![Some(s), Some(b)]).unwrap();
        assert_eq!((out.rows(), out.cols()), (2, 2));
        assert_eq!(out.get(0, 0), &n(1.0));
        assert_eq!(out.get(0, 1), &n(10.0));
        assert_eq!(out.get(1, 0), &n(1.0));
        // A blank in either cell gives a blank, whatever the other holds.
        assert_eq!(out.get(1, 1), &Cell::Blank);
    }

    #[test]
    fn a_single_cell_is_compared_with_every_cell() {
        let s = Grid::column(vec![t("Collaborative"), t("Interconnected"), t("Basic")]);
        let out = call("PERCEPTION_GAP", vec![Some(s), one(t("Basic"))]).unwrap();
        assert_eq!(out.into_cells(), [n(1.0), n(2.0), n(0.0)]);
        let b = Grid::from_rows(vec![vec![n(60.0), n(90.0)]]);
        let out = call("PERCEPTION_GAP", vec![one(n(75.0)), Some(b)]).unwrap();
        assert_eq!((out.rows(), out.cols()), (1, 2));
        assert_eq!(out.into_cells(), [n(15.0), n(-15.0)]);
    }

    #[test]
    fn different_shapes_are_a_whole_call_value_error() {
        let s = Grid::column(vec![n(1.0), n(2.0)]);
        let b = Grid::from_rows(vec![vec![n(1.0), n(2.0)]]);
        let e = call("PERCEPTION_GAP", vec![Some(s), Some(b)]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e
            .message
            .contains("seller_view is 2×1 but buyer_view is 1×2"));
    }
}
