//! Sales Equity: the score of a set of answers and its level.

use super::labels::Level;
use super::stats::reaches;
use crate::cells::read::Scale;
use crate::cells::tag;

/// Default level cut points on the 0–100 score. 50 is the neutral midpoint of the scale
/// (below it the customer leans negative: Antagonistic); 70 ≈ an average of 3.8 on 1–5, clearly
/// better than neutral; 85 ≈ an average of 4.4 on 1–5, the "you're fantastic" answer of a
/// Trusted Advisor relationship (methodology §3).
pub const DEFAULT_CUTOFFS: [f64; 3] = [50.0, 70.0, 85.0];

/// A respondent needs answers carrying at least this share of the total item weight.
pub const MIN_ANSWERED_WEIGHT_SHARE: f64 = 0.5;

/// Not enough answers for a score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TooFewAnswers {
    pub answered: usize,
    pub items: usize,
}

/// Sales Equity score, 0–100, of one respondent: the weighted mean of the answered items'
/// positions on the scale. `points` are each answer's distance above the scale minimum
/// (`None` = unanswered) and `span` is max − min; dividing once, at the end, keeps exact
/// scores exact (7 of 0–10 everywhere scores 70, not 69.99999999999999).
pub fn sales_equity_score(
    weights: &[f64],
    points: &[Option<f64>],
    span: f64,
) -> Result<f64, TooFewAnswers> {
    let mut sum = ScoreSum::default();
    for (w, x) in weights.iter().zip(points) {
        if let Some(x) = x {
            sum.add(*w, *x);
        }
    }
    sum.score(weights.iter().sum(), weights.len(), span)
}

/// [`sales_equity_score`] one answer at a time, for callers that read the answers as they go.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScoreSum {
    answered: usize,
    answered_weight: f64,
    weighted_sum: f64,
}

impl ScoreSum {
    /// An answered item of weight `w`, `point` above the scale minimum.
    #[inline(always)]
    pub fn add(&mut self, w: f64, point: f64) {
        self.answered += 1;
        self.answered_weight += w;
        self.weighted_sum += w * point;
    }

    /// Adds packed cells (`tags`, `nums`, with their `weights`) while each is a number on
    /// `scale` other than 0 (the common answer); returns how many it added.
    #[inline]
    pub fn add_run(&mut self, tags: &[u8], nums: &[f64], weights: &[f64], scale: Scale) -> usize {
        let (n, weight, sum) = run_sums(
            tags,
            nums,
            weights,
            scale,
            self.answered_weight,
            self.weighted_sum,
        );
        self.answered += n;
        self.answered_weight = weight;
        self.weighted_sum = sum;
        n
    }

    /// The score of the answers added, given the sum of every item's weight (summed in item
    /// order) and the number of items.
    pub fn score(self, total: f64, items: usize, span: f64) -> Result<f64, TooFewAnswers> {
        if !reaches(self.answered_weight, MIN_ANSWERED_WEIGHT_SHARE * total)
            || self.answered_weight <= 0.0
        {
            return Err(TooFewAnswers {
                answered: self.answered,
                items,
            });
        }
        Ok(100.0 * self.weighted_sum / (span * self.answered_weight))
    }
}

/// The Sales Equity level of a 0–100 score under ascending cut points.
pub fn sales_equity_level(score: f64, cutoffs: &[f64; 3]) -> Level {
    let [c1, c2, c3] = *cutoffs;
    if !reaches(score, c1) {
        Level::Antagonistic
    } else if !reaches(score, c2) {
        Level::Transactional
    } else if !reaches(score, c3) {
        Level::Predisposed
    } else {
        Level::TrustedAdvisor
    }
}

/// Sales Equity scores live on 0–100 (SEQ_SCORE, methodology §2: 100 · the normalised mean).
pub const SCORE_RANGE: (f64, f64) = (0.0, 100.0);

/// A score's place on the industry bell curve, 0–100: 100 · Φ((score − μ) / σ), with μ and σ
/// the industry's mean and standard deviation (the bell-curve article, methodology §4: an
/// industry's sales equity is a bell curve). `sd` must be > 0.
pub fn industry_percentile(score: f64, mean: f64, sd: f64) -> f64 {
    100.0 * super::stats::normal_cdf((score - mean) / sd)
}

/// The loop of [`ScoreSum::add_run`], on its own so that nothing else competes for registers:
/// the two sums stay in registers instead of going through memory on every cell (which made
/// this loop three times slower).
#[inline(never)]
fn run_sums(
    tags: &[u8],
    nums: &[f64],
    weights: &[f64],
    scale: Scale,
    mut weight: f64,
    mut sum: f64,
) -> (usize, f64, f64) {
    let mut n = 0;
    for ((&t, &x), &w) in tags.iter().zip(nums).zip(weights) {
        if !(t == tag::NUMBER && x >= scale.min && x <= scale.max && x != 0.0) {
            break;
        }
        n += 1;
        weight += w;
        sum += w * (x - scale.min);
    }
    (n, weight, sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_the_weighted_mean_of_answered_items() {
        let s = sales_equity_score(&[1.0, 1.0, 2.0], &[Some(4.0), None, Some(2.0)], 4.0).unwrap();
        assert!((s - 100.0 * 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn fewer_than_half_the_weight_answered_is_too_few() {
        let e = sales_equity_score(&[1.0, 1.0, 2.0], &[Some(4.0), Some(4.0), None], 4.0);
        assert!(e.is_ok(), "exactly half the weight is enough");
        let e = sales_equity_score(&[1.0, 1.0, 3.0], &[Some(4.0), Some(4.0), None], 4.0);
        assert_eq!(
            e,
            Err(TooFewAnswers {
                answered: 2,
                items: 3
            })
        );
    }

    #[test]
    fn exact_scores_stay_exact() {
        // 7 of 0–10 on every item is 70: dividing per item would give 69.99999999999999.
        let s = sales_equity_score(&[1.0; 3], &[Some(7.0); 3], 10.0).unwrap();
        assert_eq!(s, 70.0);
    }

    #[test]
    fn half_the_weight_with_decimal_weights_is_enough() {
        // 0.3 is exactly half of 0.3 + 0.1 + 0.2 in decimal, not in binary.
        let s = sales_equity_score(&[0.3, 0.1, 0.2], &[Some(3.0), None, None], 4.0).unwrap();
        assert!((s - 75.0).abs() < 1e-12, "{s}");
    }

    #[test]
    fn a_score_a_rounding_error_below_a_cut_point_reaches_it() {
        assert_eq!(
            sales_equity_level(69.99999999999999, &DEFAULT_CUTOFFS),
            Level::Predisposed
        );
        assert_eq!(
            sales_equity_level(69.999, &DEFAULT_CUTOFFS),
            Level::Transactional
        );
    }

    #[test]
    fn default_cut_points_bound_the_levels() {
        let c = DEFAULT_CUTOFFS;
        assert_eq!(sales_equity_level(49.999, &c), Level::Antagonistic);
        assert_eq!(sales_equity_level(50.0, &c), Level::Transactional);
        assert_eq!(sales_equity_level(70.0, &c), Level::Predisposed);
        assert_eq!(sales_equity_level(85.0, &c), Level::TrustedAdvisor);
    }
}
