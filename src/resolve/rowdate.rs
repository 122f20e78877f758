//! The date a reference row refers to: a year, a month or a day.

use std::fmt;

use crate::model::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A row's period: where it starts (days since 1970-01-01) and how precise it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowDate {
    pub days: i32,
    pub precision: Precision,
}

fn epoch() -> Date {
    Date::constant(1970, 1, 1)
}

impl RowDate {
    /// `2017`, `2016-02` or `2016-02-11`; `None` for anything else.
    pub fn parse(s: &str) -> Option<RowDate> {
        let s = s.trim();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = s.split('-').collect();
        let (date, precision) = match parts.as_slice() {
            [y] if digits(y, 4) => (Date::new(y.parse().ok()?, 1, 1).ok()?, Precision::Year),
            [y, m] if digits(y, 4) && digits(m, 2) => (
                Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?,
                Precision::Month,
            ),
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => (
                Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?,
                Precision::Day,
            ),
            _ => return None,
        };
        Some(RowDate {
            days: days_of(date),
            precision,
        })
    }

    pub fn of_date(d: Date) -> RowDate {
        RowDate {
            days: days_of(d),
            precision: Precision::Day,
        }
    }

    /// The first day of the period.
    pub fn start(&self) -> Date {
        date_of_days(self.days)
    }
}

/// Whether a row's unit marks an event fact whose value is a date
/// (`start_date`, `held`): the one rule for reading and showing such rows.
pub fn is_date_unit(unit: &str) -> bool {
    unit.trim().eq_ignore_ascii_case("date")
}

/// Days since 1970-01-01.
pub fn days_of(d: Date) -> i32 {
    (d - epoch()).get_days()
}

pub fn date_of_days(days: i32) -> Date {
    epoch()
        .checked_add(jiff::Span::new().days(days as i64))
        .unwrap_or(epoch())
}

impl fmt::Display for RowDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.start();
        match self.precision {
            Precision::Year => write!(f, "{:04}", d.year()),
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Day => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_show() {
        for s in ["2017", "2016-02", "2016-02-11", "1960"] {
            assert_eq!(RowDate::parse(s).unwrap().to_string(), s);
        }
        for s in ["17", "2016-2", "2016-02-30", "2016/02/11", "", "abcd"] {
            assert!(RowDate::parse(s).is_none(), "{s}");
        }
        assert!(RowDate::parse("2016").unwrap() < RowDate::parse("2016-02").unwrap());
    }
}
