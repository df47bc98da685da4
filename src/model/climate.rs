//! The relationship climate (docs/methodology.md §1): each dimension's score pools every answer
//! to its items, and blind spots (§6) compare the seller's view of a dimension with the buyer's.

use super::stats::{at_most, reaches};

/// A gap (Seller − Buyer, in score points) at or above this means the seller overestimates
/// the relationship (BLIND_SPOTS, methodology §6: Gap ≥ 10).
pub const OVERESTIMATED_GAP: f64 = 10.0;

/// A gap at or below this means the seller underestimates the relationship (BLIND_SPOTS,
/// methodology §6: Gap ≤ −10).
pub const UNDERESTIMATED_GAP: f64 = -10.0;

/// The answers pooled for one dimension: every answered cell of every item of the dimension
/// counts once (methodology §1: a pool, not a mean of item means).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DimensionPool {
    sum: f64,
    answers: usize,
}

impl DimensionPool {
    /// Adds one answer, as its distance above the scale minimum.
    pub fn add(&mut self, points: f64) {
        self.sum += points;
        self.answers += 1;
    }

    pub fn answers(&self) -> usize {
        self.answers
    }

    /// The dimension's score, 0–100, on a scale `span` (max − min) wide: 100 · the mean answer's
    /// position; `None` with no answers. One division at the end keeps exact scores exact.
    pub fn score(&self, span: f64) -> Option<f64> {
        (self.answers > 0).then(|| 100.0 * self.sum / (span * self.answers as f64))
    }
}

/// How the seller's view of a dimension compares with the buyer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlindSpot {
    /// The seller rates the dimension clearly higher than the buyer does.
    Overestimated,
    /// The seller rates the dimension clearly lower than the buyer does.
    Underestimated,
    Aligned,
}

impl BlindSpot {
    pub fn name(self) -> &'static str {
        match self {
            BlindSpot::Overestimated => "Overestimated",
            BlindSpot::Underestimated => "Underestimated",
            BlindSpot::Aligned => "Aligned",
        }
    }
}

/// The verdict on a gap (Seller − Buyer score points); both thresholds are inclusive.
pub fn blind_spot(gap: f64) -> BlindSpot {
    // Rounding noise (65 − 55 computed as 9.999999999999993) must not flip the inclusive
    // thresholds: see `stats::reaches`.
    if reaches(gap, OVERESTIMATED_GAP) {
        BlindSpot::Overestimated
    } else if at_most(gap, UNDERESTIMATED_GAP) {
        BlindSpot::Underestimated
    } else {
        BlindSpot::Aligned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_scores_the_mean_of_all_its_answers() {
        let mut p = DimensionPool::default();
        assert_eq!(p.score(1.0), None);
        for x in [1.0, 0.5, 0.0, 0.5] {
            p.add(x);
        }
        assert_eq!(p.answers(), 4);
        assert_eq!(p.score(1.0), Some(50.0));
    }

    #[test]
    fn blind_spot_thresholds_are_inclusive() {
        assert_eq!(blind_spot(10.0), BlindSpot::Overestimated);
        assert_eq!(blind_spot(9.999_999_999_999_993), BlindSpot::Overestimated);
        assert_eq!(
            blind_spot(-9.999_999_999_999_993),
            BlindSpot::Underestimated
        );
        assert_eq!(blind_spot(9.99), BlindSpot::Aligned);
        assert_eq!(blind_spot(0.0), BlindSpot::Aligned);
        assert_eq!(blind_spot(-9.99), BlindSpot::Aligned);
        assert_eq!(blind_spot(-10.0), BlindSpot::Underestimated);
        assert_eq!(blind_spot(-40.0), BlindSpot::Underestimated);
    }
}
