//! Reading one raw cell as a typed value (docs/methodology.md §11, "Reading your sheet", and
//! the rules shared by every function at the top of docs/functions.md).
//!
//! These readers know nothing of positions: they return a [`Problem`] and the caller
//! ([`super::args::Arg`]) adds the function, argument and cell to the message.

use super::{describe, format_number, CellRef, ErrorCode};
use crate::model::labels::{Level, Role, Stage};

/// What is wrong with a cell, before the position is known.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub code: ErrorCode,
    pub message: String,
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
        }
    }
    fn from_sheet_error(code: ErrorCode) -> Problem {
        Problem::new(code, format!("the cell holds {code}"))
    }
}

/// Survey markers that mean "no answer" (compared trimmed, ignoring case).
const BLANK_MARKERS: [&str; 9] = [
    "n/a",
    "na",
    "-",
    "\u{2014}",
    "?",
    "dk",
    "don't know",
    "don\u{2019}t know",
    "no answer",
];

/// Is this text a blank: empty, only white space, or a survey "no answer" marker?
pub fn is_blank_text(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || BLANK_MARKERS.iter().any(|m| t.eq_ignore_ascii_case(m)) || {
        // `eq_ignore_ascii_case` already covers every marker but the non-ASCII ones in
        // mixed case; fold those through Unicode lowercase.
        !t.is_ascii() && BLANK_MARKERS.contains(&t.to_lowercase().as_str())
    }
}

/// Is this cell blank (methodology §11)?
pub fn is_blank(cell: CellRef) -> bool {
    match cell {
        CellRef::Blank => true,
        CellRef::Text(s) => is_blank_text(s),
        _ => false,
    }
}

/// Parses text that reads as a number: optional sign, digits with an optional fraction
/// (`4.` and `.5` count), optional exponent. No `inf`/`NaN`, hex or separators.
pub fn parse_number_text(s: &str) -> Option<f64> {
    let t = s.trim();
    let b = t.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    t.parse::<f64>().ok()
}

/// A number, or `None` for a blank. Numeric text counts; booleans and other text do not.
pub fn number(cell: CellRef) -> Result<Option<f64>, Problem> {
    match cell {
        CellRef::Blank => Ok(None),
        CellRef::Number(x) => finite(x).map(Some),
        CellRef::Text(s) => {
            if is_blank_text(s) {
                return Ok(None);
            }
            match parse_number_text(s) {
                Some(x) => finite(x).map(Some),
                None => Err(Problem::new(
                    ErrorCode::Value,
                    format!("{} is not a number", describe(cell)),
                )),
            }
        }
        CellRef::Bool(_) => Err(Problem::new(
            ErrorCode::Value,
            format!("{} is not a number", describe(cell)),
        )),
        CellRef::Error(code) => Err(Problem::from_sheet_error(code)),
    }
}

fn finite(x: f64) -> Result<f64, Problem> {
    if x.is_finite() {
        // -0 reads as 0 so that no host ever shows "-0".
        Ok(if x == 0.0 { 0.0 } else { x })
    } else {
        Err(Problem::new(
            ErrorCode::Num,
            format!("{} is not a finite number", describe(CellRef::Number(x))),
        ))
    }
}

/// A rating scale, `min < max` (SEQ_SCORE, CLIMATE, BLIND_SPOTS, ACCOUNT_SEQ, DEPENDENCE).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

impl Scale {
    /// The survey default, 1–5.
    pub const DEFAULT: Scale = Scale { min: 1.0, max: 5.0 };
}

/// A rating on `scale`, or `None` when unanswered. A `0` is unanswered when the scale starts
/// at 1 or above (Excel desktop passes empty cells as 0). Outside the scale is `#NUM!`.
pub fn rating(cell: CellRef, scale: Scale) -> Result<Option<f64>, Problem> {
    let Some(x) = number(cell)? else {
        return Ok(None);
    };
    if x == 0.0 && scale.min >= 1.0 {
        return Ok(None);
    }
    if x < scale.min || x > scale.max {
        return Err(Problem::new(
            ErrorCode::Num,
            format!(
                "{} is outside the scale {}–{}",
                format_number(x),
                format_number(scale.min),
                format_number(scale.max)
            ),
        ));
    }
    Ok(Some(x))
}

/// A yes/no flag: TRUE/FALSE, 1/0, `yes`/`no`, `y`/`n`, `true`/`false`, `x` (= yes), `"1"`/`"0"`;
/// blank = no.
pub fn flag(cell: CellRef) -> Result<bool, Problem> {
    let bad = || {
        Problem::new(
            ErrorCode::Value,
            format!(
                "{} is not a yes/no flag (use TRUE/FALSE, yes/no, y/n, 1/0 or x)",
                describe(cell)
            ),
        )
    };
    match cell {
        CellRef::Blank => Ok(false),
        CellRef::Bool(b) => Ok(b),
        CellRef::Number(1.0) => Ok(true),
        CellRef::Number(0.0) => Ok(false),
        CellRef::Number(_) => Err(bad()),
        CellRef::Text(s) => {
            if is_blank_text(s) {
                return Ok(false);
            }
            match s.trim().to_lowercase().as_str() {
                "yes" | "y" | "true" | "x" | "1" => Ok(true),
                "no" | "n" | "false" | "0" => Ok(false),
                _ => Err(bad()),
            }
        }
        CellRef::Error(code) => Err(Problem::from_sheet_error(code)),
    }
}

/// A label's comparison form: lower case without white space, `_` or `-`.
pub fn label_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn label<T>(
    cell: CellRef,
    kind: &str,
    choices: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, Problem> {
    match cell {
        CellRef::Error(code) => Err(Problem::from_sheet_error(code)),
        c if is_blank(c) => Ok(None),
        CellRef::Text(s) => parse(&label_key(s)).map(Some).ok_or_else(|| {
            Problem::new(
                ErrorCode::Value,
                format!("{} is not a {kind} ({choices})", describe(cell)),
            )
        }),
        _ => Err(Problem::new(
            ErrorCode::Value,
            format!("{} is not a {kind} ({choices})", describe(cell)),
        )),
    }
}

/// A Sales Equity level label, or `None` for a blank.
pub fn level(cell: CellRef) -> Result<Option<Level>, Problem> {
    label(
        cell,
        "Sales Equity level",
        "Antagonistic, Transactional, Predisposed or Trusted Advisor",
        Level::from_key,
    )
}

/// A relationship stage label, or `None` for a blank.
pub fn stage(cell: CellRef) -> Result<Option<Stage>, Problem> {
    label(
        cell,
        "relationship stage",
        "Exploratory, Basic, Collaborative or Interconnected",
        Stage::from_key,
    )
}

/// A respondent's role; blank and anything unrecognised are [`Role::Other`].
pub fn role(cell: CellRef) -> Result<Role, Problem> {
    match cell {
        CellRef::Error(code) => Err(Problem::from_sheet_error(code)),
        CellRef::Text(s) => Ok(Role::from_key(&label_key(s)).unwrap_or(Role::Other)),
        _ => Ok(Role::Other),
    }
}

/// A key (an account): trimmed text, a number written as text, or `None` for a blank.
pub fn key(cell: CellRef) -> Result<Option<String>, Problem> {
    match cell {
        CellRef::Error(code) => Err(Problem::from_sheet_error(code)),
        c if is_blank(c) => Ok(None),
        CellRef::Text(s) => Ok(Some(s.trim().to_string())),
        CellRef::Number(x) if x.is_finite() => Ok(Some(format_number(x))),
        CellRef::Number(_) => Err(Problem::new(
            ErrorCode::Num,
            format!("{} is not a valid key", describe(cell)),
        )),
        // Booleans are accepted only where the argument is a flag.
        CellRef::Bool(_) => Err(Problem::new(
            ErrorCode::Value,
            format!(
                "{} is not a valid key (TRUE/FALSE are only accepted as flags)",
                describe(cell)
            ),
        )),
        CellRef::Blank => Ok(None),
    }
}

/// A date: an Excel serial day number or ISO `YYYY-MM-DD` text; `None` for a blank.
pub fn date(cell: CellRef) -> Result<Option<f64>, Problem> {
    use super::dates;
    let bad_range = |x: f64| {
        Problem::new(
            ErrorCode::Num,
            format!(
                "{} is not a date serial (0 to {})",
                format_number(x),
                format_number(dates::MAX_SERIAL)
            ),
        )
    };
    match cell {
        CellRef::Text(s) if !is_blank_text(s) && parse_number_text(s).is_none() => {
            dates::parse_iso(s.trim()).map(Some).ok_or_else(|| {
                Problem::new(
                    ErrorCode::Value,
                    format!(
                        "{} is not a date (use a date serial or YYYY-MM-DD)",
                        describe(cell)
                    ),
                )
            })
        }
        CellRef::Bool(_) => Err(Problem::new(
            ErrorCode::Value,
            format!(
                "{} is not a date (use a date serial or YYYY-MM-DD)",
                describe(cell)
            ),
        )),
        _ => match number(cell)? {
            None => Ok(None),
            Some(x) if (0.0..dates::MAX_SERIAL + 1.0).contains(&x) => Ok(Some(x)),
            Some(x) => Err(bad_range(x)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> CellRef<'_> {
        CellRef::Text(s)
    }

    #[test]
    fn blank_markers_in_any_case_and_white_space_are_blank() {
        for s in [
            "",
            "   ",
            "\t\u{a0}",
            "N/A",
            "na",
            " - ",
            "—",
            "?",
            "DK",
            "Don't Know",
            "don’t know",
            "No Answer",
        ] {
            assert!(is_blank(t(s)), "{s:?} should be blank");
        }
        for s in ["0", "nah", "none", "x"] {
            assert!(!is_blank(t(s)), "{s:?} should not be blank");
        }
    }

    #[test]
    fn numeric_text_follows_the_settled_grammar() {
        for (s, x) in [
            ("4", 4.0),
            (" 4. ", 4.0),
            (".5", 0.5),
            ("-2", -2.0),
            ("+3.25", 3.25),
            ("1e3", 1000.0),
            ("2.5E-1", 0.25),
        ] {
            assert_eq!(parse_number_text(s), Some(x), "{s}");
        }
        for s in [
            "inf", "Infinity", "NaN", "0x10", "1,5", "1,000", "1e", "e3", ".", "+", "1 2", "",
        ] {
            assert_eq!(parse_number_text(s), None, "{s}");
        }
    }

    #[test]
    fn non_finite_numbers_are_num_errors() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number(CellRef::Number(x)).unwrap_err().code, ErrorCode::Num);
        }
        assert_eq!(number(t("1e999")).unwrap_err().code, ErrorCode::Num);
    }

    #[test]
    fn booleans_are_not_numbers() {
        assert_eq!(
            number(CellRef::Bool(true)).unwrap_err().code,
            ErrorCode::Value
        );
    }

    #[test]
    fn zero_is_blank_in_a_rating_when_the_scale_starts_at_one_or_more() {
        assert_eq!(rating(CellRef::Number(0.0), Scale::DEFAULT), Ok(None));
        assert_eq!(rating(t("0"), Scale::DEFAULT), Ok(None));
        let zero_based = Scale {
            min: 0.0,
            max: 10.0,
        };
        assert_eq!(rating(CellRef::Number(0.0), zero_based), Ok(Some(0.0)));
    }

    #[test]
    fn rating_outside_the_scale_is_num() {
        let p = rating(CellRef::Number(6.0), Scale::DEFAULT).unwrap_err();
        assert_eq!(p.code, ErrorCode::Num);
        assert_eq!(p.message, "6 is outside the scale 1–5");
    }

    #[test]
    fn flags_accept_the_documented_words() {
        for (c, v) in [
            (CellRef::Bool(true), true),
            (CellRef::Number(1.0), true),
            (CellRef::Number(0.0), false),
            (t("YES"), true),
            (t("n"), false),
            (t("x"), true),
            (t("1"), true),
            (t("0"), false),
            (t("False"), false),
            (CellRef::Blank, false),
            (t("n/a"), false),
        ] {
            assert_eq!(flag(c), Ok(v), "{c:?}");
        }
        for c in [CellRef::Number(2.0), t("maybe"), t("1.0")] {
            assert_eq!(flag(c).unwrap_err().code, ErrorCode::Value, "{c:?}");
        }
    }

    #[test]
    fn labels_ignore_case_spaces_underscores_and_dashes() {
        assert_eq!(
            level(t(" trusted_ADVISOR ")),
            Ok(Some(Level::TrustedAdvisor))
        );
        assert_eq!(level(t("Trusted-Advisor")), Ok(Some(Level::TrustedAdvisor)));
        assert_eq!(stage(t("inter connected")), Ok(Some(Stage::Interconnected)));
        assert_eq!(role(t("decision_maker")), Ok(Role::DecisionMaker));
        assert_eq!(role(t("CFO")), Ok(Role::Other));
        assert_eq!(role(CellRef::Number(3.0)), Ok(Role::Other));
    }

    #[test]
    fn a_number_where_a_level_is_expected_is_an_unknown_label() {
        assert_eq!(
            level(CellRef::Number(1.0)).unwrap_err().code,
            ErrorCode::Value
        );
        assert_eq!(
            stage(CellRef::Bool(true)).unwrap_err().code,
            ErrorCode::Value
        );
    }

    #[test]
    fn numeric_keys_are_their_number_as_text() {
        assert_eq!(key(CellRef::Number(1001.0)), Ok(Some("1001".to_string())));
        assert_eq!(key(t("  Acme ")), Ok(Some("Acme".to_string())));
        assert_eq!(key(t("n/a")), Ok(None));
    }
}
