//! Checks the statistics in `src/model/stats.rs` against reference values from well-known
//! libraries: scipy (normal CDF), pingouin (Cronbach's alpha), numpy (least-squares slope,
//! sample standard deviation). The values are in `tests/reference/reference.json`, made by
//! `python3 tests/reference/make_reference.py`, which also cross-checks each library against
//! an exact or 50-digit computation before writing anything.
//!
//! Run with `cargo test --test reference -- --nocapture` to see the largest errors measured.

// Test code throughout: lets clippy.toml's allow-panic/unwrap-in-tests cover the helpers too.
#![cfg(test)]

use rapport::model::stats::{cronbach_alpha, ls_slope, normal_cdf, sample_sd};
use serde_json::Value;

/// Φ may differ from scipy by at most this much anywhere in [−8, 8].
const CDF_MAX_ABS_ERROR: f64 = 1e-15;
/// In the lower tail (z ≤ 0, Φ ≤ ½) Φ is small, so it is also held to a relative bound.
const CDF_MAX_REL_ERROR_IN_TAIL: f64 = 1e-12;
/// Alpha, slope and standard deviation are closed-form: relative error at most this.
const CLOSED_FORM_MAX_REL_ERROR: f64 = 1e-10;

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/reference.json"
    );
    let text = std::fs::read_to_string(path).expect("read tests/reference/reference.json");
    serde_json::from_str(&text).expect("reference.json is valid JSON")
}

fn cases(section: &str) -> Vec<Value> {
    let cases = reference()
        .get(section)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert!(
        cases.len() >= 20,
        "reference.json has only {} {section} cases",
        cases.len()
    );
    cases
}

fn num(case: &Value, key: &str) -> f64 {
    case.get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("case {case} lacks number {key}"))
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("{v} is not an array"))
        .iter()
        .map(|x| x.as_f64().unwrap_or_else(|| panic!("{x} is not a number")))
        .collect()
}

fn name(case: &Value) -> &str {
    case.get("name").and_then(Value::as_str).unwrap_or("?")
}

fn rel_error(got: f64, want: f64) -> f64 {
    if got == want {
        0.0
    } else {
        (got - want).abs() / got.abs().max(want.abs())
    }
}

/// Checks a closed-form statistic case by case; prints and returns the largest relative error.
fn check_relative(label: &str, section: &str, compute: impl Fn(&Value) -> (f64, f64)) -> f64 {
    let mut worst = (0.0_f64, String::new());
    let mut failures = Vec::new();
    for case in cases(section) {
        let (got, want) = compute(&case);
        let err = rel_error(got, want);
        if err > worst.0 {
            worst = (err, name(&case).to_owned());
        }
        if err > CLOSED_FORM_MAX_REL_ERROR || !got.is_finite() {
            failures.push(format!("{}: got {got:e}, want {want:e}", name(&case)));
        }
    }
    println!("{label}: max relative error {:.3e} ({})", worst.0, worst.1);
    assert!(failures.is_empty(), "{label}: {failures:#?}");
    worst.0
}

#[test]
fn normal_cdf_matches_scipy_within_1e_15_absolute_and_1e_12_relative_in_the_lower_tail() {
    // Checked against scipy (the reference) and, for information, against mpmath at 50 digits
    // rounded to a double ("exact"); both must meet the same bounds.
    let mut failures = Vec::new();
    for key in ["cdf", "exact"] {
        let mut max_abs = (0.0_f64, 0.0_f64);
        let mut max_rel_tail = (0.0_f64, 0.0_f64);
        for case in cases("normal_cdf") {
            let z = num(&case, "z");
            let want = num(&case, key);
            let got = normal_cdf(z);
            let abs = (got - want).abs();
            if abs > max_abs.0 {
                max_abs = (abs, z);
            }
            let mut bad = abs > CDF_MAX_ABS_ERROR;
            if z <= 0.0 {
                let rel = rel_error(got, want);
                if rel > max_rel_tail.0 {
                    max_rel_tail = (rel, z);
                }
                bad |= rel > CDF_MAX_REL_ERROR_IN_TAIL;
            }
            if bad {
                failures.push(format!("Φ({z}): got {got:e}, want {key} {want:e}"));
            }
        }
        println!(
            "normal_cdf vs {key}: max absolute error {:.3e} (z = {}), \
             max relative error for z ≤ 0 {:.3e} (z = {})",
            max_abs.0, max_abs.1, max_rel_tail.0, max_rel_tail.1
        );
    }
    assert!(failures.is_empty(), "normal_cdf: {failures:#?}");
}

#[test]
fn cronbach_alpha_matches_pingouin_within_1e_10_relative() {
    check_relative("cronbach_alpha", "cronbach_alpha", |case| {
        let rows: Vec<Vec<f64>> = case
            .get("rows")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{} lacks rows", name(case)))
            .iter()
            .map(nums)
            .collect();
        let got = cronbach_alpha(&rows).unwrap_or(f64::NAN);
        (got, num(case, "alpha"))
    });
}

#[test]
fn ls_slope_matches_numpy_polyfit_within_1e_10_relative() {
    check_relative("ls_slope", "ls_slope", |case| {
        let x = nums(case.get("x").unwrap_or(&Value::Null));
        let y = nums(case.get("y").unwrap_or(&Value::Null));
        let got = ls_slope(&x, &y).unwrap_or(f64::NAN);
        (got, num(case, "slope"))
    });
}

#[test]
fn sample_sd_matches_numpy_std_ddof_1_within_1e_10_relative() {
    check_relative("sample_sd", "sample_sd", |case| {
        let x = nums(case.get("x").unwrap_or(&Value::Null));
        let got = sample_sd(&x).unwrap_or(f64::NAN);
        (got, num(case, "sd"))
    });
}
