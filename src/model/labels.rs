//! The domain's vocabularies: Sales Equity levels, relationship stages and respondent roles.

/// Sales Equity levels, low → high (the bell-curve article, methodology §3 and §4: four levels
/// along an industry bell curve).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Antagonistic,
    Transactional,
    Predisposed,
    TrustedAdvisor,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Antagonistic,
        Level::Transactional,
        Level::Predisposed,
        Level::TrustedAdvisor,
    ];

    /// The canonical spelling shown in results.
    pub fn name(self) -> &'static str {
        match self {
            Level::Antagonistic => "Antagonistic",
            Level::Transactional => "Transactional",
            Level::Predisposed => "Predisposed",
            Level::TrustedAdvisor => "Trusted Advisor",
        }
    }

    /// 0 (Antagonistic) … 3 (Trusted Advisor).
    pub fn rank(self) -> i32 {
        self as i32
    }

    /// Antagonistic and Transactional relationships are at risk of being replaced.
    pub fn is_at_risk(self) -> bool {
        self <= Level::Transactional
    }

    /// Parses a label already folded by [`crate::cells::read::label_key`].
    pub fn from_key(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| folded(l.name()) == key)
    }
}

/// Relationship stages, low → high (methodology §7, from the stages article).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Exploratory,
    Basic,
    Collaborative,
    Interconnected,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Exploratory,
        Stage::Basic,
        Stage::Collaborative,
        Stage::Interconnected,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Exploratory => "Exploratory",
            Stage::Basic => "Basic",
            Stage::Collaborative => "Collaborative",
            Stage::Interconnected => "Interconnected",
        }
    }

    /// 0 (Exploratory) … 3 (Interconnected).
    pub fn rank(self) -> i32 {
        self as i32
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| folded(s.name()) == key)
    }
}

/// A survey respondent's role in the buying centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    DecisionMaker,
    EconomicBuyer,
    Champion,
    Influencer,
    User,
    Other,
}

impl Role {
    pub const NAMED: [Role; 5] = [
        Role::DecisionMaker,
        Role::EconomicBuyer,
        Role::Champion,
        Role::Influencer,
        Role::User,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::DecisionMaker => "Decision Maker",
            Role::EconomicBuyer => "Economic Buyer",
            Role::Champion => "Champion",
            Role::Influencer => "Influencer",
            Role::User => "User",
            Role::Other => "Other",
        }
    }

    /// Weight of a respondent's score in the account SEQ (ACCOUNT_SEQ, methodology §5): those who
    /// decide and pay count double, a champion one and a half.
    pub fn weight(self) -> f64 {
        match self {
            Role::DecisionMaker | Role::EconomicBuyer => 2.0,
            Role::Champion => 1.5,
            Role::Influencer | Role::User | Role::Other => 1.0,
        }
    }

    /// Decision Maker or Economic Buyer: someone who can sign.
    pub fn decides(self) -> bool {
        matches!(self, Role::DecisionMaker | Role::EconomicBuyer)
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::NAMED.into_iter().find(|r| folded(r.name()) == key)
    }
}

fn folded(name: &str) -> String {
    crate::cells::read::label_key(name)
}
