//! Relationship stages (docs/methodology.md §7, from the stages article): how deep a customer
//! relationship is, read from its footprint (contract, people, departments, offerings, joint
//! planning), and what it lacks for the next stage.

use super::labels::Stage;

/// Collaborative: at least this many customer people actively engaged — "a wider range of
/// stakeholders" than the few of a basic relationship (methodology §7; the stages article).
pub const COLLABORATIVE_MIN_STAKEHOLDERS: u32 = 3;
/// Collaborative: stakeholders "from multiple departments" (methodology §7; the stages
/// article) …
pub const COLLABORATIVE_MIN_DEPARTMENTS: u32 = 2;
/// … or more than the "single product or service" of a basic relationship (methodology §7; the
/// stages article).
pub const COLLABORATIVE_MIN_OFFERINGS: u32 = 2;
/// Interconnected: joint planning plus at least this many customer departments (methodology §7).
pub const INTERCONNECTED_MIN_DEPARTMENTS: u32 = 3;
/// Interconnected: at least this many customer people actively engaged (methodology §7).
pub const INTERCONNECTED_MIN_STAKEHOLDERS: u32 = 6;

/// What the seller can observe of one customer relationship. Counts are whole numbers ≥ 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    /// A signed contract (a formal business relationship exists).
    pub contract: bool,
    /// Customer people actively engaged.
    pub stakeholders: f64,
    /// Customer functions (departments) involved.
    pub departments: f64,
    /// Distinct products or services bought.
    pub offerings: f64,
    /// Both sides plan together.
    pub joint_planning: bool,
}

/// How many more of something the account needs to reach `need`, or `None` when it has enough.
fn shortfall(have: f64, need: u32) -> Option<u32> {
    let need_f = f64::from(need);
    if have >= need_f {
        return None;
    }
    // `have` is a whole number in 0…need−1 here, so the difference is exact.
    Some(need.saturating_sub(have as u32))
}

fn is_collaborative(f: &Footprint) -> bool {
    f.stakeholders >= f64::from(COLLABORATIVE_MIN_STAKEHOLDERS)
        && (f.departments >= f64::from(COLLABORATIVE_MIN_DEPARTMENTS)
            || f.offerings >= f64::from(COLLABORATIVE_MIN_OFFERINGS))
}

fn is_interconnected(f: &Footprint) -> bool {
    f.joint_planning
        && f.departments >= f64::from(INTERCONNECTED_MIN_DEPARTMENTS)
        && f.stakeholders >= f64::from(INTERCONNECTED_MIN_STAKEHOLDERS)
}

/// The relationship stage (methodology §7): no contract → Exploratory; joint planning with
/// enough departments and stakeholders → Interconnected; enough stakeholders and breadth
/// (departments or offerings) → Collaborative; otherwise Basic.
pub fn relationship_stage(f: &Footprint) -> Stage {
    if !f.contract {
        Stage::Exploratory
    } else if is_interconnected(f) {
        Stage::Interconnected
    } else if is_collaborative(f) {
        Stage::Collaborative
    } else {
        Stage::Basic
    }
}

/// The sentence shown at the top stage.
pub const TOP_STAGE_SENTENCE: &str = "Top stage: sustain it";

/// "engage 2 more stakeholders": a verb, the number and the noun in singular or plural.
fn more(verb: &str, n: u32, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{verb} {n} more {noun}{s}")
}

/// Joins steps naturally: "a", "a and b", "a, b and c".
fn join(steps: &[String]) -> String {
    match steps {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What the account lacks for the next stage, as one sentence
/// `Current → Next: step[, step] and step` (STAGE_NEXT's notes in docs/functions.md):
/// - Exploratory → Basic: `sign a contract`;
/// - Basic → Collaborative: `engage N more stakeholder(s)` when short of stakeholders, and
///   `involve N more department(s) or sell N more offering(s)` when short of both kinds of
///   breadth (prefixed `either` when it follows another step);
/// - Collaborative → Interconnected: `start joint planning`, `involve N more department(s)`,
///   `engage N more stakeholder(s)`, each when lacking, in that order;
/// - Interconnected: `Top stage: sustain it`.
pub fn next_stage_step(f: &Footprint) -> String {
    let stage = relationship_stage(f);
    let (next, steps) = match stage {
        Stage::Exploratory => (Stage::Basic, vec!["sign a contract".to_string()]),
        Stage::Basic => {
            let mut steps = Vec::new();
            if let Some(n) = shortfall(f.stakeholders, COLLABORATIVE_MIN_STAKEHOLDERS) {
                steps.push(more("engage", n, "stakeholder"));
            }
            if let (Some(d), Some(o)) = (
                shortfall(f.departments, COLLABORATIVE_MIN_DEPARTMENTS),
                shortfall(f.offerings, COLLABORATIVE_MIN_OFFERINGS),
            ) {
                let either = if steps.is_empty() { "" } else { "either " };
                steps.push(format!(
                    "{either}{} or {}",
                    more("involve", d, "department"),
                    more("sell", o, "offering")
                ));
            }
            (Stage::Collaborative, steps)
        }
        Stage::Collaborative => {
            let mut steps = Vec::new();
            if !f.joint_planning {
                steps.push("start joint planning".to_string());
            }
            if let Some(n) = shortfall(f.departments, INTERCONNECTED_MIN_DEPARTMENTS) {
                steps.push(more("involve", n, "department"));
            }
            if let Some(n) = shortfall(f.stakeholders, INTERCONNECTED_MIN_STAKEHOLDERS) {
                steps.push(more("engage", n, "stakeholder"));
            }
            (Stage::Interconnected, steps)
        }
        Stage::Interconnected => return TOP_STAGE_SENTENCE.to_string(),
    };
    format!("{} → {}: {}", stage.name(), next.name(), join(&steps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(contract: bool, s: f64, d: f64, o: f64, jp: bool) -> Footprint {
        Footprint {
            contract,
            stakeholders: s,
            departments: d,
            offerings: o,
            joint_planning: jp,
        }
    }

    #[test]
    fn interconnected_implies_the_collaborative_conditions() {
        // So a Basic account never already meets Interconnected's counts.
        let min = fp(true, 6.0, 3.0, 0.0, true);
        assert!(is_collaborative(&min));
        assert_eq!(relationship_stage(&min), Stage::Interconnected);
    }

    #[test]
    fn steps_join_with_commas_and_a_final_and() {
        let s = |x: &str| x.to_string();
        assert_eq!(join(&[s("a")]), "a");
        assert_eq!(join(&[s("a"), s("b")]), "a and b");
        assert_eq!(join(&[s("a"), s("b"), s("c")]), "a, b and c");
    }
}
