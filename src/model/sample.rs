//! Synthetic survey data (SAMPLE_SURVEY in docs/functions.md): accounts with a latent
//! relationship health drawn so the mix of Sales Equity levels looks like a typical B2B
//! supplier's, and respondents who rate the six climate dimensions around it.

use super::labels::Role;
use super::rng::Rng;
use std::collections::HashSet;

/// The six climate dimensions, in the order of the sample table (methodology §1).
pub const DIMENSIONS: [&str; 6] = [
    "Trust",
    "Care",
    "Continuity",
    "Linkages",
    "Communication",
    "Problem solving",
];

/// Respondents per account: 3–6, as SAMPLE_SURVEY's description says.
pub const RESPONDENTS_MIN: i64 = 3;
pub const RESPONDENTS_MAX: i64 = 6;

/// The rating scale of the sample: ratings 1–5, the default scale (methodology §2).
pub const RATING_MIN: f64 = 1.0;
pub const RATING_MAX: f64 = 5.0;

/// Share of accounts at each level, Antagonistic … Trusted Advisor (the bell-curve article,
/// methodology §4: about 10% Antagonistic, 34% at risk, 10–30% Trusted Advisor — we take 20%).
pub const LEVEL_SHARES: [f64; 4] = [0.10, 0.24, 0.46, 0.20];

/// The band of latent account scores (0–100) drawn for each level: inside the SEQ_LEVEL default
/// bands (50 / 70 / 85), kept clear of the cut points so respondents' spread rarely moves an
/// account across one (and pulled in at the top, where ratings pile up against the 5).
pub const LEVEL_SCORE_BANDS: [(f64, f64); 4] =
    [(28.0, 44.0), (55.0, 65.0), (74.0, 81.0), (89.0, 96.0)];

/// How far (rating points) one dimension of an account may sit from its overall health:
/// relationships are seldom equally strong on all six signs (the close-relationships article,
/// methodology §1).
pub const DIMENSION_SPREAD: f64 = 0.4;

/// Spread (standard deviation, rating points) of a respondent's overall view around the account.
pub const RESPONDENT_SD: f64 = 0.35;

/// Spread (standard deviation, rating points) of one answer around the respondent's view.
pub const ANSWER_SD: f64 = 0.45;

/// Chance that a healthy account's respondents include a Decision Maker or Economic Buyer.
pub const DECIDER_SHARE_HEALTHY: f64 = 0.9;

/// The same for an at-risk account: weak relationships are often single-threaded below the
/// people who sign (the bell-curve and stages articles; methodology §7, "Contact risk").
pub const DECIDER_SHARE_AT_RISK: f64 = 0.6;

/// Roles of the other respondents, with their chances (a buying centre is mostly users and
/// influencers, with a champion or two).
const OTHER_ROLES: [(Role, f64); 4] = [
    (Role::Champion, 0.25),
    (Role::Influencer, 0.35),
    (Role::User, 0.30),
    (Role::EconomicBuyer, 0.10),
];

const NAME_STARTS: [&str; 24] = [
    "Al", "Bel", "Cor", "Dun", "El", "Fal", "Gran", "Hal", "Is", "Jor", "Kel", "Lum", "Mar", "Nor",
    "Or", "Pel", "Quin", "Ros", "Sol", "Tor", "Ul", "Ver", "Wes", "Zen",
];
const NAME_MIDDLES: [&str; 10] = ["a", "e", "i", "o", "an", "er", "is", "on", "ar", "el"];
const NAME_ENDS: [&str; 12] = [
    "ta", "dex", "tron", "via", "ra", "nex", "lix", "dor", "vant", "ton", "gen", "mark",
];
const NAME_SUFFIXES: [&str; 16] = [
    "Industries",
    "Logistics",
    "Systems",
    "Foods",
    "Health",
    "Energy",
    "Labs",
    "Group",
    "Partners",
    "Manufacturing",
    "Retail",
    "Pharma",
    "Software",
    "Motors",
    "Bank",
    "Telecom",
];

/// Attempts at a fresh name before numbering one (there are 46,080 combinations).
const NAME_ATTEMPTS: usize = 64;

/// One respondent of the sample.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleRespondent {
    pub account: String,
    pub role: Role,
    /// Ratings of [`DIMENSIONS`], whole numbers 1–5.
    pub ratings: [f64; 6],
}

/// An approximately normal draw with standard deviation `sd` (sum of four uniforms, scaled):
/// only +, −, × so every host gives the same bits.
fn normalish(rng: &mut Rng, sd: f64) -> f64 {
    const SQRT_3: f64 = 1.732_050_807_568_877_2; // 1 / sd of a sum of four uniforms is √3
    let sum = rng.next_f64() + rng.next_f64() + rng.next_f64() + rng.next_f64();
    (sum - 2.0) * SQRT_3 * sd
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(rng.below(items.len())).copied().unwrap_or("")
}

fn company_name(rng: &mut Rng, taken: &mut HashSet<String>, index: usize) -> String {
    for _ in 0..NAME_ATTEMPTS {
        let name = format!(
            "{}{}{} {}",
            pick(rng, &NAME_STARTS),
            pick(rng, &NAME_MIDDLES),
            pick(rng, &NAME_ENDS),
            pick(rng, &NAME_SUFFIXES)
        );
        if taken.insert(name.to_lowercase()) {
            return name;
        }
    }
    let name = format!("Account {}", index + 1);
    taken.insert(name.to_lowercase());
    name
}

/// Levels (0 = Antagonistic … 3 = Trusted Advisor) of `accounts` accounts: stratified draws
/// from [`LEVEL_SHARES`], so even a handful of accounts shows the mix, then shuffled.
fn account_levels(rng: &mut Rng, accounts: usize) -> Vec<usize> {
    let mut levels: Vec<usize> = (0..accounts)
        .map(|i| {
            let u = (i as f64 + rng.next_f64()) / accounts as f64;
            let mut cumulative = 0.0;
            LEVEL_SHARES
                .iter()
                .position(|share| {
                    cumulative += share;
                    u < cumulative
                })
                .unwrap_or(LEVEL_SHARES.len() - 1)
        })
        .collect();
    for i in (1..levels.len()).rev() {
        levels.swap(i, rng.below(i + 1));
    }
    levels
}

fn other_role(rng: &mut Rng, deciders_allowed: bool) -> Role {
    let u = rng.next_f64();
    let mut cumulative = 0.0;
    let role = OTHER_ROLES
        .iter()
        .find(|(_, p)| {
            cumulative += p;
            u < cumulative
        })
        .map_or(Role::User, |(r, _)| *r);
    if role.decides() && !deciders_allowed {
        Role::Influencer
    } else {
        role
    }
}

/// The sample survey for `accounts` accounts from `seed`: the same seed gives the same rows.
pub fn sample_survey(accounts: usize, seed: u64) -> Vec<SampleRespondent> {
    let mut rng = Rng::new(seed);
    let mut taken = HashSet::new();
    let levels = account_levels(&mut rng, accounts);
    let mut rows = Vec::with_capacity(accounts * 5);
    for (index, level) in levels.into_iter().enumerate() {
        let name = company_name(&mut rng, &mut taken, index);
        let (lo, hi) = LEVEL_SCORE_BANDS
            .get(level)
            .copied()
            .unwrap_or((50.0, 70.0));
        let health = lo + (hi - lo) * rng.next_f64();
        let centre = RATING_MIN + (RATING_MAX - RATING_MIN) * health / 100.0;
        let dimension_offsets: [f64; 6] =
            std::array::from_fn(|_| DIMENSION_SPREAD * (2.0 * rng.next_f64() - 1.0));
        let at_risk = level <= 1;
        let decider_share = if at_risk {
            DECIDER_SHARE_AT_RISK
        } else {
            DECIDER_SHARE_HEALTHY
        };
        let has_decider = rng.next_f64() < decider_share;
        let respondents = rng.range(RESPONDENTS_MIN, RESPONDENTS_MAX) as usize;
        let mut roles: Vec<Role> = (0..respondents)
            .map(|i| {
                if i == 0 && has_decider {
                    if rng.below(2) == 0 {
                        Role::DecisionMaker
                    } else {
                        Role::EconomicBuyer
                    }
                } else {
                    other_role(&mut rng, has_decider)
                }
            })
            .collect();
        for i in (1..roles.len()).rev() {
            roles.swap(i, rng.below(i + 1));
        }
        for role in roles {
            let view = centre + normalish(&mut rng, RESPONDENT_SD);
            let ratings = dimension_offsets.map(|offset| {
                (view + offset + normalish(&mut rng, ANSWER_SD))
                    .round()
                    .clamp(RATING_MIN, RATING_MAX)
            });
            rows.push(SampleRespondent {
                account: name.clone(),
                role,
                ratings,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_shares_add_up_to_one() {
        assert!((LEVEL_SHARES.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_handful_of_accounts_already_mixes_healthy_and_at_risk() {
        for seed in 0..50 {
            let levels = account_levels(&mut Rng::new(seed), 8);
            assert!(levels.iter().any(|l| *l <= 1), "seed {seed}: {levels:?}");
            assert!(levels.iter().any(|l| *l >= 2), "seed {seed}: {levels:?}");
        }
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let rows = sample_survey(3000, 5);
        let names: HashSet<String> = rows.iter().map(|r| r.account.to_lowercase()).collect();
        assert_eq!(names.len(), 3000);
    }

    #[test]
    fn most_but_not_all_accounts_have_someone_who_signs() {
        let rows = sample_survey(1000, 11);
        let mut with = HashSet::new();
        let mut all = HashSet::new();
        for r in &rows {
            all.insert(r.account.clone());
            if r.role.decides() {
                with.insert(r.account.clone());
            }
        }
        let share = with.len() as f64 / all.len() as f64;
        assert!((0.7..0.9).contains(&share), "{share}");
    }
}
