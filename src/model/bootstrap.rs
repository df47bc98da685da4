//! The bootstrap interval of an account's Sales Equity score (ACCOUNT_SEQ, docs/methodology.md
//! §5): resample the account's respondents with replacement, recompute the role-weighted mean
//! each time, and read the 5th and 95th percentiles of those means (the percentile method).

use super::rng::{Fingerprint, Rng};
use super::stats::percentile_select;

/// Resamples per interval: the method's minimum (at least 1,000 resamples, methodology §5), the
/// usual count for a percentile interval; its 5% and 95% points move by well under a point
/// between seeds.
pub const BOOTSTRAP_RESAMPLES: usize = 1000;

/// Lower percentile of the 90% interval (methodology §5: a "90% bootstrap interval").
pub const INTERVAL_LOW: f64 = 0.05;

/// Upper percentile of the 90% interval.
pub const INTERVAL_HIGH: f64 = 0.95;

/// The weighted mean Σ wᵢ·sᵢ / Σ wᵢ; `None` when there is no positive weight.
pub fn weighted_mean(scores: &[f64], weights: &[f64]) -> Option<f64> {
    let mut sum = 0.0;
    let mut total = 0.0;
    for (s, w) in scores.iter().zip(weights) {
        sum += w * s;
        total += w;
    }
    (total > 0.0).then(|| sum / total)
}

/// The seed of one account's bootstrap: a fingerprint of that account's own data only (its key,
/// then each respondent's score and weight in input order), so that adding, removing or
/// reordering other accounts never moves its interval, and recalculation never changes it.
pub fn account_seed(key: &str, scores: &[f64], weights: &[f64]) -> u64 {
    let mut f = Fingerprint::default();
    f.bytes(key.as_bytes());
    f.bytes(&(scores.len() as u64).to_le_bytes());
    for (s, w) in scores.iter().zip(weights) {
        f.f64(*s).f64(*w);
    }
    f.finish()
}

/// The 90% bootstrap interval `(low, high)` of the weighted mean of `scores` (weights
/// parallel), from [`BOOTSTRAP_RESAMPLES`] resamples drawn with `seed`. The interval always
/// contains the weighted mean itself (it is widened to it if the percentiles miss it).
/// `None` with fewer than 2 scores.
pub fn bootstrap_interval(scores: &[f64], weights: &[f64], seed: u64) -> Option<(f64, f64)> {
    let n = scores.len().min(weights.len());
    if n < 2 {
        return None;
    }
    let estimate = weighted_mean(scores, weights)?;
    let respondents = DistinctRespondents::new(scores, weights);
    // Far fewer respondents than 2^32 ever fit a call (5,000,000 cells at most).
    let n32 = u32::try_from(n).ok()?;
    let mut rng = Rng::new(seed);
    let mut means = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let mut sum = 0.0;
        let mut total = 0.0;
        for _ in 0..n {
            if let Some((s, w)) = respondents.get(rng.below_u32(n32) as usize) {
                sum += w * s;
                total += w;
            }
        }
        if total > 0.0 {
            means.push(sum / total);
        }
    }
    let low = percentile_select(&mut means, INTERVAL_LOW)?;
    let high = percentile_select(&mut means, INTERVAL_HIGH)?;
    Some((low.min(estimate), high.max(estimate)))
}

/// An account's respondents as their distinct (score, weight) pairs in sorted order, with
/// cumulative counts. Drawing the i-th respondent of the sorted list is the same as drawing a
/// respondent uniformly (the bootstrap's resampling), but reads a small table that stays in
/// cache instead of jumping around two large arrays: large accounts share few distinct pairs
/// (18 items on 1–5 give at most 73 scores, times a handful of role weights). It also makes the
/// interval independent of the order of the account's rows.
struct DistinctRespondents {
    pairs: Vec<(f64, f64)>,
    /// `ends[j]` = number of respondents whose pair sorts at or before `pairs[j]`.
    ends: Vec<usize>,
}

impl DistinctRespondents {
    fn new(scores: &[f64], weights: &[f64]) -> DistinctRespondents {
        let mut all: Vec<(f64, f64)> = scores
            .iter()
            .copied()
            .zip(weights.iter().copied())
            .collect();
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut pairs: Vec<(f64, f64)> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        for (i, p) in all.iter().enumerate() {
            match (pairs.last(), ends.last_mut()) {
                (Some(last), Some(end))
                    if last.0.to_bits() == p.0.to_bits() && last.1.to_bits() == p.1.to_bits() =>
                {
                    *end = i + 1;
                }
                _ => {
                    pairs.push(*p);
                    ends.push(i + 1);
                }
            }
        }
        DistinctRespondents { pairs, ends }
    }

    /// The pair of the i-th respondent in sorted order.
    #[inline]
    fn get(&self, i: usize) -> Option<(f64, f64)> {
        if self.pairs.len() == self.ends.last().copied().unwrap_or(0) {
            // Every pair is distinct (small accounts): the i-th respondent is the i-th pair.
            return self.pairs.get(i).copied();
        }
        let j = self.ends.partition_point(|end| *end <= i);
        self.pairs.get(j).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_a_thousand_resamples() {
        const { assert!(BOOTSTRAP_RESAMPLES >= 1000) };
        assert_eq!((INTERVAL_LOW, INTERVAL_HIGH), (0.05, 0.95));
    }

    #[test]
    fn distinct_respondents_map_every_index_to_its_sorted_pair() {
        let d =
            DistinctRespondents::new(&[50.0, 25.0, 50.0, 25.0, 75.0], &[1.0, 2.0, 1.0, 2.0, 1.0]);
        let got: Vec<_> = (0..5).filter_map(|i| d.get(i)).collect();
        assert_eq!(
            got,
            [
                (25.0, 2.0),
                (25.0, 2.0),
                (50.0, 1.0),
                (50.0, 1.0),
                (75.0, 1.0)
            ]
        );
        assert_eq!(d.get(5), None);
    }

    #[test]
    fn the_interval_does_not_depend_on_row_order() {
        let (s, w) = ([20.0, 35.0, 50.0, 90.0], [2.0, 1.0, 1.5, 1.0]);
        let (s2, w2) = ([90.0, 50.0, 35.0, 20.0], [1.0, 1.5, 1.0, 2.0]);
        assert_eq!(
            bootstrap_interval(&s, &w, 77),
            bootstrap_interval(&s2, &w2, 77)
        );
    }

    #[test]
    fn weighted_mean_weights_each_score() {
        assert_eq!(weighted_mean(&[100.0, 0.0], &[2.0, 1.0]), Some(200.0 / 3.0));
        assert_eq!(weighted_mean(&[], &[]), None);
    }

    #[test]
    fn fewer_than_two_scores_have_no_interval() {
        assert_eq!(bootstrap_interval(&[50.0], &[1.0], 1), None);
        assert_eq!(bootstrap_interval(&[], &[], 1), None);
    }

    #[test]
    fn identical_scores_give_a_point_interval() {
        assert_eq!(
            bootstrap_interval(&[75.0, 75.0, 75.0], &[1.0, 2.0, 1.5], 9),
            Some((75.0, 75.0))
        );
    }

    #[test]
    fn two_respondents_span_their_two_scores() {
        // A resample of two is {a,a}, {a,b} or {b,b} with chances ¼, ½, ¼: more than 5% of the
        // resamples sit at each end, so the percentiles are the two scores themselves.
        assert_eq!(
            bootstrap_interval(&[100.0, 0.0], &[2.0, 1.0], 3),
            Some((0.0, 100.0))
        );
    }

    #[test]
    fn interval_contains_the_estimate_and_is_reproducible() {
        let scores = [20.0, 35.0, 50.0, 62.5, 70.0, 90.0, 95.0];
        let weights = [2.0, 1.0, 1.0, 1.5, 1.0, 2.0, 1.0];
        let seed = account_seed("acme", &scores, &weights);
        let (lo, hi) = bootstrap_interval(&scores, &weights, seed).unwrap();
        let m = weighted_mean(&scores, &weights).unwrap();
        assert!(lo <= m && m <= hi && lo < hi, "{lo} {m} {hi}");
        assert_eq!(bootstrap_interval(&scores, &weights, seed), Some((lo, hi)));
    }

    #[test]
    fn interval_is_close_to_the_normal_approximation_for_a_large_sample() {
        // 200 respondents alternating 40 and 80: mean 60, sd ≈ 20.05, se ≈ 1.418;
        // a 90% interval is about 60 ± 1.645·1.418 = 60 ± 2.33.
        let scores: Vec<f64> = (0..200)
            .map(|i| if i % 2 == 0 { 40.0 } else { 80.0 })
            .collect();
        let weights = vec![1.0; 200];
        let (lo, hi) = bootstrap_interval(&scores, &weights, 12345).unwrap();
        assert!((lo - 57.67).abs() < 0.5, "{lo}");
        assert!((hi - 62.33).abs() < 0.5, "{hi}");
    }

    #[test]
    fn the_seed_depends_on_the_account_and_its_data() {
        let a = account_seed("acme", &[50.0, 60.0], &[1.0, 1.0]);
        assert_eq!(a, account_seed("acme", &[50.0, 60.0], &[1.0, 1.0]));
        assert_ne!(a, account_seed("globex", &[50.0, 60.0], &[1.0, 1.0]));
        assert_ne!(a, account_seed("acme", &[50.0, 60.0], &[2.0, 1.0]));
    }
}
