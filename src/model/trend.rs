//! The trend of Sales Equity over time (SEQ_TREND, docs/methodology.md §3, "The trend of a
//! score"): the least-squares slope of the scores against their dates, in points per year, and
//! what it says.

use super::stats::{at_most, ls_slope, reaches};

/// The slope is reported per 365 days (methodology §3: "points per 365 days").
pub const DAYS_PER_YEAR: f64 = 365.0;

/// A slope of at least +5 points a year is `Improving` (methodology §3).
pub const IMPROVING_SLOPE: f64 = 5.0;

/// A slope of at most −5 points a year is `Declining` (methodology §3).
pub const DECLINING_SLOPE: f64 = -5.0;

/// The direction of a Sales Equity trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Improving,
    Stable,
    Declining,
}

impl Trend {
    pub fn name(self) -> &'static str {
        match self {
            Trend::Improving => "Improving",
            Trend::Stable => "Stable",
            Trend::Declining => "Declining",
        }
    }

    /// The verdict on a slope in points per year.
    pub fn of_slope(slope_per_year: f64) -> Trend {
        if reaches(slope_per_year, IMPROVING_SLOPE) {
            Trend::Improving
        } else if at_most(slope_per_year, DECLINING_SLOPE) {
            Trend::Declining
        } else {
            Trend::Stable
        }
    }
}

/// The least-squares slope of `scores` on `dates` (day numbers), in points per 365 days;
/// `None` when the dates do not differ.
pub fn slope_per_year(dates: &[f64], scores: &[f64]) -> Option<f64> {
    ls_slope(dates, scores).map(|per_day| per_day * DAYS_PER_YEAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_points_a_year_is_the_boundary_both_ways() {
        assert_eq!(Trend::of_slope(5.0), Trend::Improving);
        assert_eq!(Trend::of_slope(4.999), Trend::Stable);
        assert_eq!(Trend::of_slope(-5.0), Trend::Declining);
        assert_eq!(Trend::of_slope(-4.999), Trend::Stable);
    }

    #[test]
    fn slope_is_per_365_days() {
        assert_eq!(
            slope_per_year(&[45000.0, 45365.0], &[70.0, 75.0]),
            Some(5.0)
        );
        assert_eq!(slope_per_year(&[1.0, 1.0], &[70.0, 75.0]), None);
    }
}
