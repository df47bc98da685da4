//! Statistics the model needs, written once: means, the normal CDF, least squares,
//! Cronbach's alpha and percentiles. Transcendentals come from `libm` (bit-identical hosts).

/// Relative tolerance when a computed value meets a rule's threshold: a value that equals the
/// threshold in decimal (70, 0.8, +5 a year) but lands a rounding error below it in binary
/// floating point (69.99999999999999) still reaches it. Far below any meaningful difference.
pub const THRESHOLD_TOLERANCE: f64 = 1e-10;

/// `x ≥ threshold`, allowing for rounding error in `x`.
pub fn reaches(x: f64, threshold: f64) -> bool {
    x >= threshold - THRESHOLD_TOLERANCE * threshold.abs().max(1.0)
}

/// `x ≤ threshold`, allowing for rounding error in `x`.
pub fn at_most(x: f64, threshold: f64) -> bool {
    x <= threshold + THRESHOLD_TOLERANCE * threshold.abs().max(1.0)
}

/// Whether all values are the same (no spread at all, whatever rounding a mean would add).
pub fn all_equal(xs: &[f64]) -> bool {
    xs.windows(2).all(|w| matches!(w, [a, b] if a == b))
}

/// Arithmetic mean; `None` for no values.
pub fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    Some(xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample variance (n − 1 denominator); `None` for fewer than 2 values.
pub fn sample_variance(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    if all_equal(xs) {
        // Exactly no spread (the mean of equal decimals can be off by an ulp).
        return Some(0.0);
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some(ss / (xs.len() - 1) as f64)
}

/// Sample standard deviation; `None` for fewer than 2 values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    sample_variance(xs).map(f64::sqrt)
}

/// Standard normal cumulative distribution Φ(z).
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// Least-squares slope of y on x; `None` when x has no spread (fewer than 2 distinct x).
pub fn ls_slope(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if all_equal(xs) {
        return None;
    }
    let mx = mean(xs)?;
    let my = mean(ys)?;
    let mut sxy = 0.0;
    let mut sxx = 0.0;
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
    }
    (sxx > 0.0).then(|| sxy / sxx)
}

/// Cronbach's alpha of complete rows (`rows[i][j]` = respondent i, item j):
/// α = k/(k−1) · (1 − Σ var(item) / var(total)). `None` for fewer than 2 items or rows,
/// or a total score without variance.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 {
        return None;
    }
    let mut item_var_sum = 0.0;
    let mut column = Vec::with_capacity(rows.len());
    for j in 0..k {
        column.clear();
        column.extend(rows.iter().filter_map(|r| r.get(j).copied()));
        item_var_sum += sample_variance(&column)?;
    }
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    if all_equal(&totals) {
        return None;
    }
    let total_var = sample_variance(&totals)?;
    if total_var <= 0.0 {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_var_sum / total_var))
}

/// Percentile `p` in [0, 1] of unsorted values, the same value `percentile_sorted` gives on
/// the sorted values, found by selection instead of a full sort (the values are reordered).
pub fn percentile_select(values: &mut [f64], p: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let h = p.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let (_, a, rest) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let a = *a;
    // The next order statistic is the least of the values above the selected one.
    let b = rest.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
    Some(a + (h - lo as f64) * (b - a))
}

/// Percentile `p` in [0, 1] of sorted values with linear interpolation between closest ranks
/// (numpy's default, "type 7"). `None` for no values.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    let last = n.checked_sub(1)?;
    let h = p.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    let a = *sorted.get(lo)?;
    let b = *sorted.get(hi)?;
    Some(a + (h - lo as f64) * (b - a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_known_points() {
        assert_eq!(normal_cdf(0.0), 0.5);
        assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-15);
        assert!((normal_cdf(-1.0) - 0.158_655_253_931_457_05).abs() < 1e-16);
    }

    #[test]
    fn slope_of_a_line_is_exact() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        let ys = [3.0, 5.0, 7.0, 9.0];
        assert_eq!(ls_slope(&xs, &ys), Some(2.0));
        assert_eq!(ls_slope(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn percentile_by_selection_equals_percentile_of_the_sorted_values() {
        let mut rng = crate::model::rng::Rng::new(5);
        for n in [1usize, 2, 3, 10, 999, 1000] {
            let values: Vec<f64> = (0..n)
                .map(|_| (rng.next_f64() * 100.0).round() / 4.0)
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for p in [0.0, 0.05, 0.5, 0.95, 1.0] {
                let mut work = values.clone();
                assert_eq!(
                    percentile_select(&mut work, p),
                    percentile_sorted(&sorted, p),
                    "n={n} p={p}"
                );
            }
        }
        assert_eq!(percentile_select(&mut [], 0.5), None);
    }

    #[test]
    fn percentile_interpolates_like_numpy() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_sorted(&s, 0.5), Some(2.5));
        assert_eq!(percentile_sorted(&s, 0.05), Some(1.15));
        assert_eq!(percentile_sorted(&[], 0.5), None);
    }

    #[test]
    fn alpha_of_identical_items_is_one() {
        let rows = vec![vec![1.0, 1.0], vec![2.0, 2.0], vec![4.0, 4.0]];
        assert!((cronbach_alpha(&rows).unwrap() - 1.0).abs() < 1e-12);
    }
}
