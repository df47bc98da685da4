//! BLIND_SPOTS: where the seller's view of the climate differs from the buyer's.

use crate::catalogue::{
    list, optional, range, Function, ResultShape, TableRows, SCALE_MAX, SCALE_MIN,
};
use crate::cells::args::{Args, Table};
use crate::cells::{Cell, CellError, ErrorCode, Grid};
use crate::functions::climate::{
    dimension_scores, item_dimensions, score_cell, DimensionScore, Unscored,
};
use crate::model::climate::blind_spot;

pub const HEADER: [&str; 5] = ["Dimension", "Seller", "Buyer", "Gap", "Verdict"];

pub const BLIND_SPOTS: Function = Function {
    name: "BLIND_SPOTS",
    family: "Sales Equity",
    description: "Compares the seller's own ratings of the relationship climate with the buyer's, dimension by dimension (0–100 each): Gap = Seller − Buyer, Overestimated when the gap is 10 or more, Underestimated at −10 or less, else Aligned. Spills a table with a header row.",
    params: &[
        range("seller_ratings", "The seller's (account team's) answers to the same items, one row per seller respondent and one column per item (default scale 1–5)."),
        range("buyer_ratings", "The buyer's answers, one row per respondent and the same item columns as seller_ratings. Blanks, n/a and don't know are unanswered."),
        optional(list("dimensions", "Optional dimension of each item column, as a row or a column of labels (e.g. Trust, Trust, Care, …); labels match ignoring case, spaces, _ and -. Default: Item 1, Item 2, …")),
        SCALE_MIN,
        SCALE_MAX,
    ],
    result: ResultShape::Table {
        header: &HEADER,
        rows: TableRows::PerItemColumn { args: 2 },
    },
    example: "=RAPPORT.BLIND_SPOTS(Seller!C2:T4, Buyer!C2:T200, C1:T1) → per dimension; the seller rating Care 80 where buyers give 62 shows Gap 18, Overestimated.",
    volatile: false,
    notes: &[
        "Seller and Buyer are each scored exactly as CLIMATE scores its ratings (pooled answers, first invalid cell in row-major order wins); the two ranges may have different row counts (typically a few seller rows against many buyer rows), only their columns must match.",
        "When a side has no score, Gap and Verdict take that side's error: `#N/A` (no answers) on either side makes them `#N/A`; otherwise an invalid cell's error shows, the seller's (the earlier argument) first.",
        "The ±10 thresholds are inclusive, allowing for rounding: a gap computed as 9.999999999999993 (shown as 10) is Overestimated.",
        "Whole-call checks run in argument order: column counts, then `dimensions`, then the scale.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let seller = args.required(0)?;
    let buyer = args.required(1)?;
    if seller.cols() != buyer.cols() {
        return Err(buyer.error(
            ErrorCode::Value,
            &format!(
                "has {} item columns but seller_ratings has {}; both must rate the same items",
                buyer.cols(),
                seller.cols()
            ),
        ));
    }
    let dims = item_dimensions(args.get(2), seller.cols())?;
    let scale = args.scale(3, 4)?;
    let seller_scores = dimension_scores(seller, &dims, scale);
    let buyer_scores = dimension_scores(buyer, &dims, scale);
    let mut table = Table::new(&HEADER);
    for ((name, s), b) in dims.names.into_iter().zip(seller_scores).zip(buyer_scores) {
        let (gap, verdict) = match gap(&s, &b) {
            Ok(g) => (Cell::Number(g), Cell::text(blind_spot(g).name())),
            Err(e) => (Cell::Error(e.clone()), Cell::Error(e)),
        };
        table.push(vec![
            Cell::text(name),
            score_cell(&s),
            score_cell(&b),
            gap,
            verdict,
        ]);
    }
    Ok(table.into_grid())
}

/// Seller − Buyer, or the error that stops it: an invalid cell before no answers, the seller
/// before the buyer.
fn gap(seller: &DimensionScore, buyer: &DimensionScore) -> Result<f64, CellError> {
    match (seller, buyer) {
        (Ok(s), Ok(b)) => Ok(s - b),
        // Methodology §6: when either side is #N/A, Gap and Verdict are #N/A.
        (Err(Unscored::NoAnswers(e)), _) | (_, Err(Unscored::NoAnswers(e))) => Err(e.clone()),
        (Err(Unscored::Invalid(e)), _) | (_, Err(Unscored::Invalid(e))) => Err(e.clone()),
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn labels(ls: &[&str]) -> Option<Grid> {
        grid(vec![ls.iter().map(|l| t(l)).collect()])
    }
    fn spots(args: Vec<Option<Grid>>) -> Vec<Vec<Cell>> {
        call("BLIND_SPOTS", args).unwrap().to_rows()
    }
    fn scale(min: f64, max: f64) -> [Option<Grid>; 2] {
        [Some(Grid::scalar(n(min))), Some(Grid::scalar(n(max)))]
    }

    #[test]
    fn header_then_seller_buyer_gap_and_verdict_per_dimension() {
        let out = spots(vec![
            grid(vec![vec![n(5.0), n(3.0), n(2.0)]]),
            grid(vec![
                vec![n(3.0), n(3.0), n(4.0)],
                vec![n(3.0), n(3.0), n(4.0)],
            ]),
            labels(&["Trust", "Care", "Linkages"]),
        ]);
        assert_eq!(
            out,
            [
                vec![
                    t("Dimension"),
                    t("Seller"),
                    t("Buyer"),
                    t("Gap"),
                    t("Verdict")
                ],
                vec![t("Trust"), n(100.0), n(50.0), n(50.0), t("Overestimated")],
                vec![t("Care"), n(50.0), n(50.0), n(0.0), t("Aligned")],
                vec![
                    t("Linkages"),
                    n(25.0),
                    n(75.0),
                    n(-50.0),
                    t("Underestimated")
                ],
            ]
        );
    }

    #[test]
    fn verdict_thresholds_are_inclusive_at_plus_and_minus_10() {
        // On a 0–20 scale one point is 5 score points; seller pools of two answers.
        let out = spots(
            [
                vec![
                    grid(vec![
                        vec![n(12.0), n(8.0), n(11.0), n(9.0)],
                        vec![n(10.0), n(10.0), n(10.0), n(10.0)],
                    ]),
                    grid(vec![
                        vec![n(9.0), n(11.0), n(9.0), n(11.0)],
                        vec![n(9.0), n(11.0), n(9.0), n(11.0)],
                    ]),
                    labels(&["A", "B", "C", "D"]),
                ],
                scale(0.0, 20.0).to_vec(),
            ]
            .concat(),
        );
        // A: seller 55, buyer 45 → 10; B: 45 − 55 → −10; C: 52.5 − 45 → 7.5; D: 47.5 − 55 → −7.5
        let expected = [
            (10.0, "Overestimated"),
            (-10.0, "Underestimated"),
            (7.5, "Aligned"),
            (-7.5, "Aligned"),
        ];
        for (row, (g, v)) in out[1..].iter().zip(expected) {
            assert!((num(&row[3]) - g).abs() < 1e-9, "{row:?}");
            assert_eq!(row[4], t(v), "{row:?}");
        }
    }

    #[test]
    fn a_gap_of_10_up_to_float_noise_is_overestimated() {
        // Seller 3.6 → 65, buyer 3.2 → 55: the gap computes as 9.999999999999993.
        let out = spots(vec![
            grid(vec![vec![n(3.6), n(3.2)]]),
            grid(vec![vec![n(3.2), n(3.6)]]),
        ]);
        assert!(num(&out[1][3]) < 10.0 && num(&out[1][3]) > 10.0 - 1e-9);
        assert_eq!(out[1][4], t("Overestimated"));
        assert!(num(&out[2][3]) > -10.0);
        assert_eq!(out[2][4], t("Underestimated"));
    }

    #[test]
    fn sides_may_have_different_row_counts_but_not_column_counts() {
        let out = spots(vec![
            grid(vec![vec![n(4.0)]]),
            grid(vec![vec![n(2.0)], vec![n(4.0)], vec![n(3.0)]]),
        ]);
        assert_eq!(
            out[1],
            [t("Item 1"), n(75.0), n(50.0), n(25.0), t("Overestimated")]
        );
        let e = call(
            "BLIND_SPOTS",
            vec![
                grid(vec![vec![n(4.0), n(4.0)]]),
                grid(vec![vec![n(4.0), n(4.0), n(4.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "BLIND_SPOTS: buyer_ratings: has 3 item columns but seller_ratings has 2; both must rate the same items"
        );
    }

    #[test]
    fn both_sides_share_the_dimension_labels_and_pool_by_dimension() {
        let out = spots(vec![
            grid(vec![vec![n(5.0), n(3.0), n(1.0)]]),
            grid(vec![vec![n(3.0), n(3.0), n(3.0)]]),
            labels(&["Trust", "Care", "TRUST"]),
        ]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[1], [t("Trust"), n(50.0), n(50.0), n(0.0), t("Aligned")]);
    }

    #[test]
    fn when_either_side_has_no_answers_gap_and_verdict_are_na() {
        let out = spots(vec![
            grid(vec![vec![Cell::Blank, n(4.0)]]),
            grid(vec![vec![n(4.0), t("n/a")]]),
            labels(&["Trust", "Care"]),
        ]);
        let e = err(&out[1][1]);
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "BLIND_SPOTS: seller_ratings: no answers for dimension 'Trust'"
        );
        assert_eq!(out[1][2], n(75.0));
        assert_eq!(err(&out[1][3]).code, ErrorCode::NotAvailable);
        assert_eq!(err(&out[1][4]).code, ErrorCode::NotAvailable);
        assert_eq!(out[2][1], n(75.0));
        assert_eq!(err(&out[2][2]).code, ErrorCode::NotAvailable);
        assert!(err(&out[2][3]).message.contains("buyer_ratings"));
        assert_eq!(err(&out[2][4]).code, ErrorCode::NotAvailable);
    }

    #[test]
    fn an_invalid_cell_makes_its_side_gap_and_verdict_that_error() {
        let out = spots(vec![
            grid(vec![vec![n(4.0), n(4.0)]]),
            grid(vec![vec![n(4.0), t("abc")]]),
            labels(&["Trust", "Care"]),
        ]);
        assert_eq!(out[1][4], t("Aligned"));
        assert_eq!(out[2][1], n(75.0));
        for cell in &out[2][2..5] {
            let e = err(cell);
            assert_eq!(e.code, ErrorCode::Value);
            assert_eq!(
                e.message,
                "BLIND_SPOTS: buyer_ratings row 1, column 2: 'abc' is not a number"
            );
        }
    }

    #[test]
    fn no_answers_on_either_side_makes_gap_na_then_the_seller_error_wins() {
        let out = spots(vec![
            grid(vec![vec![Cell::Blank, n(7.0)]]),
            grid(vec![vec![t("abc"), t("xyz")]]),
        ]);
        // Item 1: seller no answers (#N/A), buyer invalid → Gap and Verdict #N/A.
        assert_eq!(err(&out[1][1]).code, ErrorCode::NotAvailable);
        assert_eq!(err(&out[1][2]).code, ErrorCode::Value);
        assert_eq!(err(&out[1][3]).code, ErrorCode::NotAvailable);
        assert_eq!(err(&out[1][4]).code, ErrorCode::NotAvailable);
        // Item 2: seller #NUM!, buyer #VALUE! → the seller's #NUM!
        assert_eq!(err(&out[2][3]).code, ErrorCode::Num);
        assert_eq!(err(&out[2][4]).code, ErrorCode::Num);
    }

    #[test]
    fn error_values_propagate() {
        let out = spots(vec![
            grid(vec![vec![Cell::error(ErrorCode::Ref, "")]]),
            grid(vec![vec![n(4.0)]]),
        ]);
        assert_eq!(err(&out[1][1]).code, ErrorCode::Ref);
        assert_eq!(err(&out[1][4]).code, ErrorCode::Ref);
    }

    #[test]
    fn dimension_count_must_match_and_scale_must_ascend() {
        let r = grid(vec![vec![n(4.0), n(4.0)]]);
        let e = call(
            "BLIND_SPOTS",
            vec![r.clone(), r.clone(), labels(&["Trust"])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("BLIND_SPOTS: dimensions"),
            "{}",
            e.message
        );
        let e = call(
            "BLIND_SPOTS",
            [vec![r.clone(), r, None], scale(5.0, 5.0).to_vec()].concat(),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }
}
