//! Calendar time: decimal years, month names, stated dates ("November 11,
//! 2017", "in 1987", "2017-11-11") and dates relative to the as-of date
//! ("last year", "two years ago", "last month").
//!
//! Every calendar quantity is an interval of decimal years (unit `Year`):
//! year + (day of year - 1) / days in year, closed at the start and open at
//! the end of the period stated.

use jiff::civil::Date;
use jiff::ToSpan;

use crate::model::{Interval, Quantity, QuantityKind, Unit};

/// The decimal year of a date (2016-01-01 -> 2016.0): the model's one scale
/// for calendar time.
pub use crate::model::calendar::decimal_year;

pub(crate) fn month(w: &str) -> Option<i8> {
    MONTHS.iter().find(|(k, _)| *k == w).map(|&(_, m)| m)
}

/// Month names and abbreviations (lowercase) and their numbers.
pub(crate) const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn q(low: f64, high: f64, point: Option<f64>, kind: QuantityKind) -> Option<Quantity> {
    Some(Quantity {
        interval: Interval::half_open(low, high).ok()?,
        point,
        unit: Unit::Year,
        kind,
    })
}

/// A whole calendar year.
pub(crate) fn year(y: i64, kind: QuantityKind) -> Option<Quantity> {
    let y = y as f64;
    q(y, y + 1.0, Some(y), kind)
}

/// Years `from..=to` ("1986-87").
pub(crate) fn years(from: i64, to: i64, kind: QuantityKind) -> Option<Quantity> {
    q(from as f64, to as f64 + 1.0, None, kind)
}

/// From `start` up to (not including) `end`.
pub(crate) fn period(start: Date, end: Date, kind: QuantityKind) -> Option<Quantity> {
    let s = decimal_year(start);
    q(s, decimal_year(end), Some(s), kind)
}

pub(crate) fn day(d: Date, kind: QuantityKind) -> Option<Quantity> {
    period(d, d.tomorrow().ok()?, kind)
}

pub(crate) fn month_of(y: i16, m: i8, kind: QuantityKind) -> Option<Quantity> {
    let start = Date::new(y, m, 1).ok()?;
    let end = start.checked_add(1.month()).ok()?;
    period(start, end, kind)
}

/// A day and month with no year: the latest such day not long after `as_of`.
pub(crate) fn day_no_year(m: i8, d: i8, as_of: Date) -> Option<Date> {
    let this = Date::new(as_of.year(), m, d).ok()?;
    if this > as_of.checked_add(31.days()).ok()? {
        Date::new(as_of.year() - 1, m, d).ok()
    } else {
        Some(this)
    }
}

/// The calendar period `offset` units from the one holding `as_of`.
pub(crate) fn relative(unit: &str, offset: i64, as_of: Date) -> Option<Quantity> {
    let kind = QuantityKind::RelativeDate;
    match unit {
        "year" => year(as_of.year() as i64 + offset, kind),
        "month" => {
            let first = as_of.first_of_month();
            let start = first.checked_add((offset as i32).months()).ok()?;
            month_of(start.year(), start.month(), kind)
        }
        "week" => {
            // Weeks start on Monday.
            let back = as_of.weekday().to_monday_zero_offset() as i64;
            let monday = as_of.checked_sub(back.days()).ok()?;
            let start = monday.checked_add((offset * 7).days()).ok()?;
            period(start, start.checked_add(7.days()).ok()?, kind)
        }
        "day" => day(as_of.checked_add(offset.days()).ok()?, kind),
        "decade" => year(as_of.year() as i64 + 10 * offset, kind),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn decimal_years() {
        assert_eq!(decimal_year(date(2016, 1, 1)), 2016.0);
        assert_eq!(decimal_year(date(2017, 7, 2)), 2017.0 + 182.0 / 365.0);
    }

    #[test]
    fn relatives() {
        let as_of = date(2017, 11, 11);
        let y = relative("year", -1, as_of).unwrap();
        assert_eq!(y.interval.low_value(), Some(2016.0));
        assert_eq!(y.interval.high_value(), Some(2017.0));
        let m = relative("month", -1, as_of).unwrap();
        assert_eq!(
            m.interval.low_value(),
            Some(decimal_year(date(2017, 10, 1)))
        );
        let w = relative("week", -1, as_of).unwrap();
        // 2017-11-11 is a Saturday; last week began Monday 2017-10-30.
        assert_eq!(w.point, Some(decimal_year(date(2017, 10, 30))));
        let jan = relative("month", -1, date(2017, 1, 5)).unwrap();
        assert_eq!(jan.point, Some(2016.0 + 335.0 / 366.0));
    }

    #[test]
    fn undated_days() {
        let as_of = date(2017, 11, 11);
        assert_eq!(day_no_year(2, 22, as_of), Some(date(2017, 2, 22)));
        assert_eq!(day_no_year(12, 30, as_of), Some(date(2016, 12, 30)));
    }
}
