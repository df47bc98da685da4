//! Excel serial dates: 1 = 1900-01-01, with Excel's fictitious 1900-02-29 (serial 60) kept so
//! serials match Excel; ISO `YYYY-MM-DD` text converts to the same serials.

/// 9999-12-31, the last date Excel knows.
pub const MAX_SERIAL: f64 = 2_958_465.0;

/// Days from 1970-01-01 to the given proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

/// The Excel serial of a calendar date from 1900-01-01 to 9999-12-31.
pub fn serial_from_ymd(y: i64, m: i64, d: i64) -> Option<f64> {
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    if (y, m, d) == (1900, 2, 29) {
        return Some(60.0); // Excel's (and Lotus 1-2-3's) day that never was.
    }
    if d > days_in_month(y, m) {
        return None;
    }
    let days = days_from_civil(y, m, d) - days_from_civil(1899, 12, 31);
    // From 1900-03-01 on, Excel counts the fictitious 29 February.
    let serial = if (y, m) >= (1900, 3) { days + 1 } else { days };
    Some(serial as f64)
}

/// Parses `YYYY-MM-DD` (exactly four, two and two digits).
pub fn parse_iso(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    serial_from_ymd(num(0..4)?, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_match_excel_serials_with_the_1900_leap_year_quirk() {
        assert_eq!(parse_iso("1900-01-01"), Some(1.0));
        assert_eq!(parse_iso("1900-02-28"), Some(59.0));
        assert_eq!(parse_iso("1900-02-29"), Some(60.0));
        assert_eq!(parse_iso("1900-03-01"), Some(61.0));
        assert_eq!(parse_iso("2000-01-01"), Some(36526.0));
        assert_eq!(parse_iso("2024-02-29"), Some(45351.0));
        assert_eq!(parse_iso("9999-12-31"), Some(MAX_SERIAL));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "1899-12-31",
            "24-01-01",
            "2024/01/01",
            "2024-1-01",
        ] {
            assert_eq!(parse_iso(s), None, "{s}");
        }
    }
}
