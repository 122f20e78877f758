//! Number formatting shared by the report renderers and explanations:
//! plain JSON numbers (integers without ".0"), thousands separators and
//! short scales ("1.8M") for people.

use serde::{Serialize, Serializer};

/// An `f64` that serializes as an integer when it is one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_f64(&self.0, s)
    }
}

pub fn serialize_f64<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    let v = *v;
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(v as i64)
    } else {
        // Round away binary noise so output reads as the figure it is.
        s.serialize_f64(round_sig(v, 12))
    }
}

pub fn serialize_opt_f64<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_f64(v, s),
        None => s.serialize_none(),
    }
}

/// Round to `digits` significant digits.
pub fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    (v * factor).round() / factor
}

/// A number as plain text, integer when whole: `2000000`, `0.5`.
pub fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{}", round_sig(v, 10))
    }
}

/// Thousands separators for whole numbers: `1,880,000`; decimals kept.
pub fn grouped(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 9.0e15 {
        return plain(v);
    }
    let n = v as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A short human figure: `1.8M`, `470k`, `6.7`, `2,016`.
pub fn short(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, "T")
    } else if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        return plain(round_sig(v, 4));
    };
    let r = round_sig(scaled, 3);
    format!("{}{}", plain(r), suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(grouped(1880000.0), "1,880,000");
        assert_eq!(grouped(-1234.0), "-1,234");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(2.5), "2.5");
    }

    #[test]
    fn short_figures() {
        assert_eq!(short(1_800_000.0), "1.8M");
        assert_eq!(short(470_000.0), "470k");
        assert_eq!(short(145_300_000.0), "145M");
        assert_eq!(short(6.6666), "6.667");
    }

    #[test]
    fn json_numbers_are_integers_when_whole() {
        assert_eq!(serde_json::to_string(&Num(2.0e6)).unwrap(), "2000000");
        assert_eq!(serde_json::to_string(&Num(0.1 + 0.2)).unwrap(), "0.3");
    }
}
