//! Relationship value: the cumulative, fading effect of interactions (RELATIONSHIP_VALUE), and
//! Value Creation Mapping of the steps of a critical interaction process (VALUE_MAP).
//!
//! Both come from the relationship-power article (docs/methodology.md §8): "Relationship Value
//! … expresses the cumulative effect of a series of Interactions in developing or destroying a
//! relationship", and a Value Creation Map rates the Brand, Product and Experience value of
//! each step and its cost to both sides.

use super::stats::{at_most, reaches};

/// Default half-life of an interaction's effect, in days: an interaction counts half as much
/// after about six months (RELATIONSHIP_VALUE, methodology §8).
pub const DEFAULT_HALF_LIFE_DAYS: f64 = 180.0;

/// Width of each trend window in days: the last 90 days against the 90 days before
/// (methodology §8).
pub const TREND_WINDOW_DAYS: f64 = 90.0;

/// Lowest value rating of a step: it destroys value (VALUE_MAP, methodology §8: −2 … +2).
pub const VALUE_RATING_MIN: f64 = -2.0;

/// Highest value rating of a step: it creates value (VALUE_MAP, methodology §8: −2 … +2).
pub const VALUE_RATING_MAX: f64 = 2.0;

/// A step whose net value rating is at least this enhances the relationship (methodology §8).
pub const ENHANCES_AT: f64 = 0.5;

/// A step whose net value rating is at most this detracts from the relationship
/// (methodology §8).
pub const DETRACTS_AT: f64 = -0.5;

/// The weight of an effect `age_days` old: 0.5^(age / half_life). Computed with `libm` so that
/// every host gives the same bits.
pub fn decay_weight(age_days: f64, half_life_days: f64) -> f64 {
    libm::exp2(-age_days / half_life_days)
}

/// Decay weights already computed, by age: interactions share dates (a million rows over two
/// years hold a few hundred distinct ages), and `exp2` is the dearest step of a row. A cached
/// weight is the same bits as a fresh one.
pub struct DecayCache {
    half_life_days: f64,
    /// Direct-mapped: (age bits, weight); a slot holds the last age that hashed to it.
    slots: Vec<(u64, f64)>,
}

impl DecayCache {
    const SLOTS: usize = 4096;

    pub fn new(half_life_days: f64) -> DecayCache {
        // An empty slot holds NaN's bits as its age, which no age read from a cell has.
        DecayCache {
            half_life_days,
            slots: vec![(f64::NAN.to_bits(), 0.0); Self::SLOTS],
        }
    }

    /// `decay_weight(age_days, half_life_days)`.
    #[inline]
    pub fn weight(&mut self, age_days: f64) -> f64 {
        let bits = age_days.to_bits();
        // Fibonacci hashing of the bits into the table.
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % Self::SLOTS;
        match self.slots.get_mut(slot) {
            Some((b, w)) if *b == bits => *w,
            Some(entry) => {
                let w = decay_weight(age_days, self.half_life_days);
                *entry = (bits, w);
                w
            }
            None => decay_weight(age_days, self.half_life_days),
        }
    }
}

/// Whether the relationship's recent effects outweigh those of the window before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
    Flat,
}

impl Trend {
    pub fn name(self) -> &'static str {
        match self {
            Trend::Rising => "Rising",
            Trend::Falling => "Falling",
            Trend::Flat => "Flat",
        }
    }

    /// Compares exactly: more in the recent window is `Rising`, less `Falling`, equal `Flat`
    /// (methodology §8).
    pub fn of(recent: f64, earlier: f64) -> Trend {
        if recent > earlier {
            Trend::Rising
        } else if recent < earlier {
            Trend::Falling
        } else {
            Trend::Flat
        }
    }
}

/// One account's running totals as of a date.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ValueLedger {
    /// Interactions on or before the as-of date.
    pub interactions: usize,
    /// Σ effect · 0.5^(age / half_life).
    pub value: f64,
    /// Σ cost.
    pub cost: f64,
    /// Σ effect with age in [0, 90) days, i.e. dates in (as_of − 90, as_of].
    pub recent: f64,
    /// Σ effect with age in [90, 180) days, i.e. dates in (as_of − 180, as_of − 90].
    pub earlier: f64,
}

impl ValueLedger {
    /// Records one interaction `age_days` before the as-of date. An interaction after the
    /// as-of date (negative age) counts nowhere (methodology §8).
    pub fn record(&mut self, age_days: f64, effect: f64, cost: f64, half_life_days: f64) {
        self.record_with(age_days, effect, cost, |age| {
            decay_weight(age, half_life_days)
        });
    }

    /// [`ValueLedger::record`] with the decay weight from `weight` (e.g. a [`DecayCache`]).
    #[inline]
    pub fn record_with(
        &mut self,
        age_days: f64,
        effect: f64,
        cost: f64,
        weight: impl FnOnce(f64) -> f64,
    ) {
        if age_days < 0.0 {
            return;
        }
        self.interactions += 1;
        self.value += effect * weight(age_days);
        self.cost += cost;
        if age_days < TREND_WINDOW_DAYS {
            self.recent += effect;
        } else if age_days < 2.0 * TREND_WINDOW_DAYS {
            self.earlier += effect;
        }
    }

    pub fn trend(&self) -> Trend {
        Trend::of(self.recent, self.earlier)
    }
}

/// What a step of a critical interaction process does to the relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueVerdict {
    Enhances,
    Neutral,
    Detracts,
}

impl ValueVerdict {
    pub fn name(self) -> &'static str {
        match self {
            ValueVerdict::Enhances => "Enhances",
            ValueVerdict::Neutral => "Neutral",
            ValueVerdict::Detracts => "Detracts",
        }
    }

    /// The verdict on a net value rating.
    pub fn of(net: f64) -> ValueVerdict {
        if reaches(net, ENHANCES_AT) {
            ValueVerdict::Enhances
        } else if at_most(net, DETRACTS_AT) {
            ValueVerdict::Detracts
        } else {
            ValueVerdict::Neutral
        }
    }
}

/// The net value of a step: the mean of its answered brand, product and experience ratings,
/// or `None` when none is answered.
pub fn net_value(ratings: &[Option<f64>]) -> Option<f64> {
    let answered: Vec<f64> = ratings.iter().flatten().copied().collect();
    if answered.is_empty() {
        return None;
    }
    Some(answered.iter().sum::<f64>() / answered.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_decay_weights_are_the_same_bits_as_fresh_ones() {
        let mut cache = DecayCache::new(180.0);
        // Many ages (more than the table's slots, so slots are reused), each asked twice.
        let ages: Vec<f64> = (0..10_000)
            .map(|i| f64::from(i % 5_000) * 0.75)
            .chain([0.0, -0.0, 1e-300, 1e6, 365.25])
            .collect();
        for &age in ages.iter().chain(&ages) {
            assert_eq!(
                cache.weight(age).to_bits(),
                decay_weight(age, 180.0).to_bits(),
                "age {age}"
            );
        }
    }

    #[test]
    fn an_effect_halves_every_half_life() {
        assert_eq!(decay_weight(0.0, 180.0), 1.0);
        assert_eq!(decay_weight(180.0, 180.0), 0.5);
        assert_eq!(decay_weight(360.0, 180.0), 0.25);
    }

    #[test]
    fn ledger_windows_are_half_open_at_the_old_end() {
        let mut l = ValueLedger::default();
        l.record(0.0, 1.0, 0.0, 180.0); // recent
        l.record(89.5, 2.0, 0.0, 180.0); // recent
        l.record(90.0, 4.0, 0.0, 180.0); // earlier
        l.record(179.0, 8.0, 0.0, 180.0); // earlier
        l.record(180.0, 16.0, 0.0, 180.0); // neither
        l.record(-1.0, 32.0, 5.0, 180.0); // after as_of: nowhere
        assert_eq!(l.interactions, 5);
        assert_eq!((l.recent, l.earlier), (3.0, 12.0));
        assert_eq!(l.cost, 0.0);
        assert_eq!(l.trend(), Trend::Falling);
    }

    #[test]
    fn verdict_cut_points_are_inclusive() {
        assert_eq!(ValueVerdict::of(0.5), ValueVerdict::Enhances);
        assert_eq!(ValueVerdict::of(0.49), ValueVerdict::Neutral);
        assert_eq!(ValueVerdict::of(-0.5), ValueVerdict::Detracts);
        assert_eq!(ValueVerdict::of(-0.49), ValueVerdict::Neutral);
    }

    #[test]
    fn net_value_is_the_mean_of_answered_ratings() {
        assert_eq!(net_value(&[Some(2.0), None, Some(-1.0)]), Some(0.5));
        assert_eq!(net_value(&[None, None, None]), None);
    }
}
