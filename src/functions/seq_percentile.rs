//! SEQ_PERCENTILE: each score's place on the industry bell curve.

use crate::catalogue::{list, optional, range, Function, ResultShape};
use crate::cells::args::{Arg, Args};
use crate::cells::{format_number, Cell, CellError, ErrorCode, Grid};
use crate::model::seq::industry_percentile;
use crate::model::stats::{mean, sample_sd};

pub const SEQ_PERCENTILE: Function = Function {
    name: "SEQ_PERCENTILE",
    family: "Sales Equity",
    description: "Place of each score on the industry bell curve, 0–100: the share of the reference population expected to score below it (100·Φ((score − mean) / standard deviation)). Returns the same shape as the scores; blank scores stay blank.",
    params: &[
        range("scores", "Scores to place, any numbers (usually Sales Equity scores on 0–100). Blank cells give blank results."),
        optional(list("benchmark", "Optional reference, as a row or a column: 2 numbers are the industry's {mean, standard deviation}; 3 or more numbers are a reference population of scores. Default: the given scores themselves.")),
    ],
    result: ResultShape::ElementWise,
    example: "=RAPPORT.SEQ_PERCENTILE(B2:B200, {62, 12}) → 74 shows 84.1 (one standard deviation above the industry mean of 62).",
    volatile: false,
    notes: &[
        "Without a benchmark, the reference population is the score cells that read as numbers; a cell with text, a boolean or an error value gets its own cell error (`#VALUE!`, or the sheet's error) and is left out of μ and σ, like AVERAGE/STDEV.S skip what is not a number, so one bad cell does not blank the whole spill.",
        "A benchmark of a single number is a reference with fewer than 2 numbers, so the whole call is `#N/A` (it is neither {μ, σ} nor a population).",
        "A benchmark cell with text, a blank or an error value is a whole-call error (`#VALUE!`, or the sheet's error), as for every list option.",
        "The result is not clamped or rounded: far from the mean it approaches 0 or 100.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let scores = args.required(0)?;
    let read: Vec<Vec<Result<Option<f64>, CellError>>> = (0..scores.rows())
        .map(|r| (0..scores.cols()).map(|c| scores.number(r, c)).collect())
        .collect();
    let (mu, sigma) = match args.get(1) {
        Some(benchmark) => benchmark_reference(benchmark)?,
        None => {
            let numbers: Vec<f64> = read
                .iter()
                .flatten()
                .filter_map(|x| x.as_ref().ok().copied().flatten())
                .collect();
            population_reference(scores, &numbers)?
        }
    };
    let rows = read
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|x| match x {
                    Ok(Some(x)) => Cell::Number(industry_percentile(x, mu, sigma)),
                    Ok(None) => Cell::Blank,
                    Err(e) => Cell::Error(e),
                })
                .collect()
        })
        .collect();
    Ok(Grid::from_rows(rows))
}

/// μ and σ from the benchmark list: exactly 2 numbers are {μ, σ}; 3 or more are a population.
fn benchmark_reference(benchmark: Arg) -> Result<(f64, f64), CellError> {
    let values = benchmark.number_list()?;
    match values.as_slice() {
        [mu, sigma] => {
            if *sigma > 0.0 {
                Ok((*mu, *sigma))
            } else {
                Err(benchmark.error(
                    ErrorCode::NotAvailable,
                    &format!(
                        "the standard deviation must be > 0, got {}",
                        format_number(*sigma)
                    ),
                ))
            }
        }
        _ => population_reference(benchmark, &values),
    }
}

/// μ and sample σ of a reference population: at least 2 numbers with some spread, else the
/// whole call is `#N/A`.
fn population_reference(arg: Arg, numbers: &[f64]) -> Result<(f64, f64), CellError> {
    let (Some(mu), Some(sigma)) = (mean(numbers), sample_sd(numbers)) else {
        return Err(arg.error(
            ErrorCode::NotAvailable,
            &format!(
                "needs at least 2 numbers for a reference bell curve, got {}",
                numbers.len()
            ),
        ));
    };
    if sigma > 0.0 {
        Ok((mu, sigma))
    } else {
        Err(arg.error(
            ErrorCode::NotAvailable,
            "the reference numbers are all equal, so they have no spread (standard deviation 0)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    // Φ(1) and Φ(2) (standard normal table, 16 digits).
    const PHI_1: f64 = 0.841_344_746_068_542_9;
    const PHI_2: f64 = 0.977_249_868_051_820_8;

    fn column(xs: &[f64]) -> Option<Grid> {
        Some(Grid::column(xs.iter().map(|x| n(*x)).collect()))
    }
    fn pct(args: Vec<Option<Grid>>) -> Vec<Cell> {
        call("SEQ_PERCENTILE", args).unwrap().into_cells()
    }
    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn without_benchmark_the_scores_are_their_own_bell_curve() {
        // mean 50, sample sd 10
        let out = pct(vec![column(&[40.0, 50.0, 60.0])]);
        close(num(&out[0]), 100.0 * (1.0 - PHI_1));
        assert_eq!(num(&out[1]), 50.0);
        close(num(&out[2]), 100.0 * PHI_1);
    }

    #[test]
    fn two_benchmark_numbers_are_mean_and_standard_deviation() {
        let out = pct(vec![
            column(&[62.0, 74.0, 86.0]),
            grid(vec![vec![n(62.0), n(12.0)]]),
        ]);
        assert_eq!(num(&out[0]), 50.0);
        close(num(&out[1]), 100.0 * PHI_1);
        close(num(&out[2]), 100.0 * PHI_2);
    }

    #[test]
    fn three_or_more_benchmark_numbers_are_a_reference_population() {
        // population 40, 50, 60, 70, 80: mean 60, sample sd √250
        let out = pct(vec![
            column(&[60.0, 60.0 + 250f64.sqrt()]),
            column(&[40.0, 50.0, 60.0, 70.0, 80.0]),
        ]);
        assert_eq!(num(&out[0]), 50.0);
        close(num(&out[1]), 100.0 * PHI_1);
    }

    #[test]
    fn a_single_score_against_a_benchmark_is_fine() {
        let out = pct(vec![column(&[50.0]), column(&[60.0, 10.0])]);
        close(num(&out[0]), 100.0 * (1.0 - PHI_1));
    }

    #[test]
    fn any_finite_score_is_accepted() {
        let out = pct(vec![column(&[-140.0, 260.0]), column(&[60.0, 100.0])]);
        close(num(&out[0]), 100.0 * (1.0 - PHI_2));
        close(num(&out[1]), 100.0 * PHI_2);
    }

    #[test]
    fn fewer_than_two_reference_numbers_is_one_na() {
        for args in [
            vec![column(&[70.0])],
            vec![grid(vec![vec![n(70.0)], vec![Cell::Blank], vec![t("n/a")]])],
            vec![column(&[70.0, 80.0]), column(&[60.0])],
        ] {
            let e = call("SEQ_PERCENTILE", args).unwrap_err();
            assert_eq!(e.code, ErrorCode::NotAvailable);
            assert!(
                e.message.contains("needs at least 2 numbers"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn no_spread_in_the_reference_is_one_na() {
        let e = call("SEQ_PERCENTILE", vec![column(&[70.0, 70.0, 70.0])]).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert_eq!(
            e.message,
            "SEQ_PERCENTILE: scores: the reference numbers are all equal, so they have no spread (standard deviation 0)"
        );
        let e = call(
            "SEQ_PERCENTILE",
            vec![column(&[70.0]), column(&[60.0, 60.0, 60.0])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotAvailable);
        assert!(
            e.message.starts_with("SEQ_PERCENTILE: benchmark"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_benchmark_standard_deviation_of_zero_or_less_is_one_na() {
        for sd in [0.0, -5.0] {
            let e = call("SEQ_PERCENTILE", vec![column(&[70.0]), column(&[60.0, sd])]).unwrap_err();
            assert_eq!(e.code, ErrorCode::NotAvailable);
            assert!(
                e.message.contains("standard deviation must be > 0"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn blank_scores_give_blank_cells() {
        let out = pct(vec![
            grid(vec![vec![Cell::Blank, t(" "), t("DK"), n(62.0)]]),
            column(&[62.0, 12.0]),
        ]);
        assert_eq!(&out[..3], [Cell::Blank, Cell::Blank, Cell::Blank]);
        assert_eq!(num(&out[3]), 50.0);
    }

    #[test]
    fn result_has_the_shape_of_the_scores() {
        let out = call(
            "SEQ_PERCENTILE",
            vec![grid(vec![
                vec![n(40.0), n(60.0)],
                vec![n(50.0), Cell::Blank],
            ])],
        )
        .unwrap();
        assert_eq!((out.rows(), out.cols()), (2, 2));
        assert_eq!(out.get(1, 0), &n(50.0));
        assert_eq!(out.get(1, 1), &Cell::Blank);
    }

    #[test]
    fn bad_score_cells_are_their_own_errors_and_left_out_of_the_reference() {
        let out = pct(vec![grid(vec![
            vec![n(40.0)],
            vec![t("abc")],
            vec![Cell::error(ErrorCode::Div0, "")],
            vec![t("60")],
            vec![Cell::Bool(true)],
        ])]);
        // mean 50, sd √200 of {40, 60}: z = ∓1/√2, Φ(−1/√2) = erfc(1/2)/2
        close(num(&out[0]), 23.975_006_109_347_673);
        let e = err(&out[1]);
        assert_eq!(e.code, ErrorCode::Value);
        assert_eq!(
            e.message,
            "SEQ_PERCENTILE: scores row 2, column 1: 'abc' is not a number"
        );
        assert_eq!(err(&out[2]).code, ErrorCode::Div0);
        close(num(&out[3]), 76.024_993_890_652_33);
        assert_eq!(err(&out[4]).code, ErrorCode::Value);
    }

    #[test]
    fn non_finite_score_is_num_for_its_cell() {
        let out = pct(vec![column(&[f64::INFINITY, 50.0]), column(&[50.0, 10.0])]);
        assert_eq!(err(&out[0]).code, ErrorCode::Num);
        assert_eq!(num(&out[1]), 50.0);
    }

    #[test]
    fn bad_benchmark_cells_fail_the_whole_call() {
        let e = call(
            "SEQ_PERCENTILE",
            vec![
                column(&[50.0]),
                grid(vec![vec![n(50.0), Cell::Blank, n(70.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        let e = call(
            "SEQ_PERCENTILE",
            vec![column(&[50.0]), grid(vec![vec![n(50.0), t("ten")]])],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message
                .starts_with("SEQ_PERCENTILE: benchmark row 1, column 2"),
            "{}",
            e.message
        );
        let e = call(
            "SEQ_PERCENTILE",
            vec![
                column(&[50.0]),
                grid(vec![vec![n(1.0), n(2.0)], vec![n(3.0), n(4.0)]]),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn composes_with_seq_level_for_industry_relative_levels() {
        let p = call(
            "SEQ_PERCENTILE",
            vec![column(&[62.0, 74.0, 30.0]), column(&[62.0, 12.0])],
        )
        .unwrap();
        let levels = call(
            "SEQ_LEVEL",
            vec![
                Some(p),
                Some(Grid::from_rows(vec![vec![n(10.0), n(34.0), n(80.0)]])),
            ],
        )
        .unwrap();
        assert_eq!(
            levels.into_cells(),
            [t("Predisposed"), t("Trusted Advisor"), t("Antagonistic")]
        );
    }
}
