//! VALUE_MAP: Value Creation Mapping of the steps of a critical interaction process.

use crate::catalogue::{column, optional, Function, ResultShape};
use crate::cells::args::{Arg, Args};
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::value::{net_value, ValueVerdict, VALUE_RATING_MAX, VALUE_RATING_MIN};

pub const VALUE_MAP: Function = Function {
    name: "VALUE_MAP",
    family: "Relationship value",
    description: "Value Creation Map of a process: for each step, the net of its brand, product and experience value ratings (−2 … +2), whether it Enhances, Detracts from or is Neutral to the relationship, and its total cost to both sides. One row per step, 3 columns.",
    params: &[
        column("brand", "Brand value of each step, rated −2 (destroys value) to +2 (creates value); fractions allowed. Blank = not rated."),
        column("product", "Product value of each step, −2 to +2. Blank = not rated."),
        column("experience", "Experience value of each step, −2 to +2. Blank = not rated."),
        optional(column("supplier_cost", "Optional cost of each step to you (≥ 0; blank = 0).")),
        optional(column("customer_cost", "Optional cost of each step to the customer (≥ 0; blank = 0).")),
    ],
    result: ResultShape::PerRow { columns: 3 },
    example: "=RAPPORT.VALUE_MAP(B2:B9, C2:C9, D2:D9, E2:E9, F2:F9) → per step: 1.33 | Enhances | 450; a step rated 2, 1, 1 with costs 300 and 150.",
    volatile: false,
    notes: &[
        "`brand`, `product`, `experience`, `supplier_cost` and `customer_cost` are column arguments (one column wide, else a whole-call `#VALUE!`); a 1×1 value is repeated for every step.",
        "A 0 rating is a real 0 (the scale starts at −2, so the 0-as-blank rule does not apply); blank and \"n/a\" style markers are unanswered.",
        "A row's first problem (argument order: brand, product, experience, supplier_cost, customer_cost) makes all three of its cells that error, even a problem in a cost only.",
        "When no rating is answered, Net and Verdict are `#N/A` but Total cost is still computed: a step can be costed before it is rated.",
        "Costs are any numbers ≥ 0 (a negative cost is `#NUM!`); a blank cost is 0.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let inputs: Vec<Option<Arg>> = (0..5).map(|i| args.get(i)).collect();
    args.required(0)?;
    args.required(1)?;
    args.required(2)?;
    for a in inputs.iter().flatten() {
        a.expect_column()?;
    }
    let rows = args.parallel_rows(&inputs)?;
    let ratings: Vec<Arg> = inputs.iter().take(3).flatten().copied().collect();
    let costs: Vec<Arg> = inputs.iter().skip(3).flatten().copied().collect();
    let mut cells = Vec::with_capacity(rows * 3);
    for r in 0..rows {
        match step(r, &ratings, &costs) {
            Err(e) => cells.extend(std::iter::repeat(Cell::Error(e)).take(3)),
            Ok((net, total_cost)) => {
                match net {
                    Some(net) => {
                        cells.push(Cell::Number(net));
                        cells.push(Cell::text(ValueVerdict::of(net).name()));
                    }
                    None => {
                        let na = CellError::not_available(format!(
                            "VALUE_MAP: brand, product and experience row {}: no value rating answered",
                            r + 1
                        ));
                        cells.push(Cell::Error(na.clone()));
                        cells.push(Cell::Error(na));
                    }
                }
                cells.push(Cell::Number(total_cost));
            }
        }
    }
    Grid::new(rows, 3, cells).ok_or_else(|| CellError::value("VALUE_MAP: internal: bad result"))
}

/// One step's net value (`None` when nothing is rated) and total cost, or its first problem.
fn step(r: usize, ratings: &[Arg], costs: &[Arg]) -> Result<(Option<f64>, f64), CellError> {
    let mut answered = Vec::with_capacity(ratings.len());
    for a in ratings {
        answered.push(value_rating(*a, r)?);
    }
    let mut total_cost = 0.0;
    for a in costs {
        total_cost += cost(*a, r)?;
    }
    Ok((net_value(&answered), total_cost))
}

fn value_rating(a: Arg, r: usize) -> Result<Option<f64>, CellError> {
    match a.number(r, 0)? {
        Some(x) if !(VALUE_RATING_MIN..=VALUE_RATING_MAX).contains(&x) => Err(a.error_at(
            r,
            0,
            ErrorCode::Num,
            &format!(
                "{} is outside the value scale {}–{}",
                format_number(x),
                format_number(VALUE_RATING_MIN),
                format_number(VALUE_RATING_MAX)
            ),
        )),
        x => Ok(x),
    }
}

fn cost(a: Arg, r: usize) -> Result<f64, CellError> {
    match a.number(r, 0)? {
        None => Ok(0.0),
        Some(x) if x < 0.0 => Err(a.error_at(
            r,
            0,
            ErrorCode::Num,
            &format!("cost {} is negative (costs must be ≥ 0)", format_number(x)),
        )),
        Some(x) => Ok(x),
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn vm(args: Vec<Option<Grid>>) -> Vec<Vec<Cell>> {
        call("VALUE_MAP", args).unwrap().to_rows()
    }

    #[test]
    fn net_is_the_mean_of_the_three_ratings_and_total_cost_adds_both_sides() {
        let out = vm(vec![
            one(n(2.0)),
            one(n(1.0)),
            one(n(0.0)),
            one(n(300.0)),
            one(n(150.0)),
        ]);
        assert_eq!(out, [[n(1.0), t("Enhances"), n(450.0)]]);
    }

    #[test]
    fn one_row_per_step_three_columns_no_header() {
        let g = call(
            "VALUE_MAP",
            vec![col(vec![n(1.0); 4]), one(n(1.0)), one(n(1.0))],
        )
        .unwrap();
        assert_eq!((g.rows(), g.cols()), (4, 3));
    }

    #[test]
    fn verdict_cut_points_are_plus_and_minus_a_half_inclusive() {
        let out = vm(vec![
            col(vec![n(0.5), n(0.4), n(-0.4), n(-0.5)]),
            one(Cell::Blank),
            one(t("n/a")),
        ]);
        let verdicts: Vec<Cell> = out.iter().map(|r| r[1].clone()).collect();
        assert_eq!(
            verdicts,
            ["Enhances", "Neutral", "Neutral", "Detracts"].map(t)
        );
    }

    #[test]
    fn unanswered_ratings_are_left_out_of_the_mean_and_zero_is_a_real_zero() {
        let out = vm(vec![one(n(2.0)), one(t("dk")), one(n(0.0))]);
        assert_eq!(out[0][..2], [n(1.0), t("Enhances")]);
    }

    #[test]
    fn fractional_ratings_and_numeric_text_are_accepted() {
        let out = vm(vec![one(t("-1.5")), one(n(-0.5)), one(n(-1.0))]);
        assert_eq!(out[0][..2], [n(-1.0), t("Detracts")]);
    }

    #[test]
    fn no_rating_answered_is_na_net_and_verdict_but_cost_is_kept() {
        let out = vm(vec![
            one(Cell::Blank),
            one(t("")),
            one(t("?")),
            one(n(10.0)),
            one(n(5.0)),
        ]);
        assert_eq!(code(&out[0][0]), ErrorCode::NotAvailable);
        assert_eq!(code(&out[0][1]), ErrorCode::NotAvailable);
        assert_eq!(out[0][2], n(15.0));
    }

    #[test]
    fn a_rating_outside_minus_two_to_two_is_num_for_its_row() {
        let out = vm(vec![col(vec![n(3.0), n(2.0)]), one(n(2.0)), one(n(2.0))]);
        match &out[0][0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Num);
                assert_eq!(
                    e.message,
                    "VALUE_MAP: brand row 1, column 1: 3 is outside the value scale -2–2"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(code(&out[0][2]), ErrorCode::Num);
        assert_eq!(out[1], [n(2.0), t("Enhances"), n(0.0)]);
    }

    #[test]
    fn a_negative_cost_is_num_for_the_whole_row() {
        let out = vm(vec![
            one(n(1.0)),
            one(n(1.0)),
            one(n(1.0)),
            None,
            one(n(-1.0)),
        ]);
        for c in &out[0] {
            assert_eq!(code(c), ErrorCode::Num);
        }
    }

    #[test]
    fn a_blank_cost_is_zero() {
        let out = vm(vec![
            one(n(1.0)),
            one(n(1.0)),
            one(n(1.0)),
            one(t("n/a")),
            one(n(7.0)),
        ]);
        assert_eq!(out[0][2], n(7.0));
    }

    #[test]
    fn first_problem_in_argument_order_wins() {
        let out = vm(vec![one(n(1.0)), one(t("good")), one(n(9.0)), one(n(-1.0))]);
        assert_eq!(code(&out[0][0]), ErrorCode::Value);
    }

    #[test]
    fn error_values_propagate_to_their_row() {
        let out = vm(vec![
            col(vec![Cell::error(ErrorCode::Div0, ""), n(1.0)]),
            one(n(1.0)),
            one(n(1.0)),
        ]);
        assert_eq!(code(&out[0][1]), ErrorCode::Div0);
        assert_eq!(out[1][1], t("Enhances"));
    }

    #[test]
    fn a_boolean_rating_is_value() {
        let out = vm(vec![one(Cell::Bool(true)), one(n(1.0)), one(n(1.0))]);
        assert_eq!(code(&out[0][0]), ErrorCode::Value);
    }

    #[test]
    fn parallel_columns_must_match_and_be_one_column_wide() {
        let e = call(
            "VALUE_MAP",
            vec![col(vec![n(1.0); 3]), col(vec![n(1.0); 2]), one(n(1.0))],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = call(
            "VALUE_MAP",
            vec![
                Some(Grid::from_rows(vec![vec![n(1.0), n(1.0)]])),
                one(n(1.0)),
                one(n(1.0)),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e.message.contains("brand"), "{}", e.message);
    }
}
