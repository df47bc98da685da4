//! Closeness and commitment (docs/methodology.md §9, from the close-relationships article): how
//! much a partner depends on you (DEPENDENCE), whether the closeness you offer fits that need
//! (FIT), and how credible your commitments are (COMMITMENT).

use super::stats::reaches;

/// Default cut point between low and high on the 0–100 dependence and closeness scales: the
/// scale's midpoint (FIT, methodology §9).
pub const DEFAULT_FIT_THRESHOLD: f64 = 50.0;

/// The 0–100 scale of dependence, closeness and commitment share.
pub const SCORE_MIN: f64 = 0.0;
pub const SCORE_MAX: f64 = 100.0;

/// How much the partner depends on you, 0–100: the mean of normalised criticality, one minus
/// normalised substitutability and, when answered, normalised switching cost (methodology §9).
/// Inputs are points on a scale `span` wide: criticality and switching cost above the minimum,
/// the lack of substitutes below the maximum (max − substitutability). One division at the end
/// keeps exact results exact.
pub fn dependence_score(
    criticality: f64,
    lack_of_substitutes: f64,
    switching_cost: Option<f64>,
    span: f64,
) -> f64 {
    let parts = [Some(criticality), Some(lack_of_substitutes), switching_cost];
    let answered: Vec<f64> = parts.iter().flatten().copied().collect();
    SCORE_MAX * answered.iter().sum::<f64>() / (span * answered.len() as f64)
}

/// Whether the closeness offered fits the partner's dependence (the close-relationships article,
/// methodology §9: not everyone wants or needs a close partnership).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Both high: a close partnership both sides need.
    Partnership,
    /// Both low: compete on price and terms.
    Transaction,
    /// Closeness without dependence: they gain from it without needing it; check their claims.
    OverInvesting,
    /// Dependence without closeness: they need more than they get.
    UnderServing,
}

impl Fit {
    pub fn name(self) -> &'static str {
        match self {
            Fit::Partnership => "Partnership",
            Fit::Transaction => "Transaction",
            Fit::OverInvesting => "Over-investing",
            Fit::UnderServing => "Under-serving",
        }
    }

    /// A value at or above `threshold` is high.
    pub fn of(dependence: f64, closeness: f64, threshold: f64) -> Fit {
        match (
            reaches(dependence, threshold),
            reaches(closeness, threshold),
        ) {
            (true, true) => Fit::Partnership,
            (false, false) => Fit::Transaction,
            (false, true) => Fit::OverInvesting,
            (true, false) => Fit::UnderServing,
        }
    }
}

/// The share, 0–100, of committed value that is specific to this partner and so credible
/// (the close-relationships article, methodology §9, "Credible commitments": a commitment is
/// credible when it has little value in other relationships).
/// `None` when nothing positive is committed.
pub fn credible_commitment_share(commitments: &[(f64, bool)]) -> Option<f64> {
    let total: f64 = commitments.iter().map(|(a, _)| a).sum();
    if total <= 0.0 {
        return None;
    }
    let specific: f64 = commitments.iter().filter(|(_, s)| *s).map(|(a, _)| a).sum();
    Some(SCORE_MAX * specific / total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependence_averages_the_answered_components() {
        assert_eq!(dependence_score(4.0, 4.0, None, 4.0), 100.0);
        assert_eq!(dependence_score(2.0, 2.0, Some(0.0), 4.0), 100.0 / 3.0);
        assert_eq!(dependence_score(0.0, 0.0, Some(4.0), 4.0), 100.0 / 3.0);
    }

    #[test]
    fn fit_quadrants_with_inclusive_threshold() {
        assert_eq!(Fit::of(50.0, 50.0, 50.0), Fit::Partnership);
        assert_eq!(Fit::of(49.9, 10.0, 50.0), Fit::Transaction);
        assert_eq!(Fit::of(10.0, 90.0, 50.0), Fit::OverInvesting);
        assert_eq!(Fit::of(90.0, 10.0, 50.0), Fit::UnderServing);
    }

    #[test]
    fn commitment_share_needs_a_positive_total() {
        assert_eq!(
            credible_commitment_share(&[(30.0, true), (70.0, false)]),
            Some(30.0)
        );
        assert_eq!(credible_commitment_share(&[(0.0, true)]), None);
        assert_eq!(credible_commitment_share(&[]), None);
    }
}
