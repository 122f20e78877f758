//! Numerals: digits with separators and decimals, scale words and suffixes
//! ("1.88m", "5.93 mln", "15k"), and spelled-out cardinals of any size
//! ("four hundred and seventy thousand", "thirty - four", "half a million").
//!
//! A numeral carries its value and its stated precision (`step`: the size of
//! the last significant digit stated), both as exact decimals so that
//! "1.9 million" gives exactly [1,850,000, 1,950,000).

use super::lexer::{Tk, Toks};

/// An exact decimal `m · 10^e`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dec {
    pub m: i128,
    pub e: i32,
}

const MAX_M: i128 = 10i128.pow(36);

impl Dec {
    pub const fn new(m: i128, e: i32) -> Dec {
        Dec { m, e }
    }

    pub fn is_zero(self) -> bool {
        self.m == 0
    }

    pub fn to_f64(self) -> f64 {
        // A mantissa below 2^53 and a power of ten up to 10^22 are both
        // exact doubles, so one multiplication or division of them is
        // correctly rounded (IEEE 754): the same double as parsing the text.
        const EXACT_POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        if self.m.unsigned_abs() < 1 << 53 && self.e.unsigned_abs() < 23 {
            // Below 2^53 the mantissa fits an i64 exactly, whose conversion
            // is one instruction (an i128's is a library call).
            let m = self.m as i64 as f64;
            let p = EXACT_POW10[self.e.unsigned_abs() as usize];
            return if self.e >= 0 { m * p } else { m / p };
        }
        // Otherwise parsing the decimal text gives the correctly rounded double.
        format!("{}e{}", self.m, self.e).parse().unwrap_or(f64::NAN)
    }

    /// `10^k`, if it fits an `i128` (`k` up to 38), read from a table.
    fn pow10(k: u32) -> Option<i128> {
        const POW10: [i128; 39] = {
            let mut table = [1i128; 39];
            let mut k = 1;
            while k < 39 {
                table[k] = table[k - 1] * 10;
                k += 1;
            }
            table
        };
        POW10.get(k as usize).copied()
    }

    /// Both numbers over a common exponent.
    fn align(a: Dec, b: Dec) -> Option<(i128, i128, i32)> {
        let e = a.e.min(b.e);
        Some((a.mantissa_at(e)?, b.mantissa_at(e)?, e))
    }

    /// Takes an exponent `e` no larger than the number's own; gives the
    /// mantissa of the number over `e`, if it fits. The number with the
    /// smaller exponent (one of every pair aligned) keeps its mantissa, with
    /// no multiplication.
    fn mantissa_at(self, e: i32) -> Option<i128> {
        match (self.e - e) as u32 {
            0 => Some(self.m),
            k => self.m.checked_mul(Dec::pow10(k)?),
        }
    }

    pub fn add(self, o: Dec) -> Option<Dec> {
        let (a, b, e) = Dec::align(self, o)?;
        Dec::checked(a.checked_add(b)?, e)
    }

    pub fn sub(self, o: Dec) -> Option<Dec> {
        let (a, b, e) = Dec::align(self, o)?;
        Dec::checked(a.checked_sub(b)?, e)
    }

    pub fn mul(self, o: Dec) -> Option<Dec> {
        Dec::checked(self.m.checked_mul(o.m)?, self.e.checked_add(o.e)?)
    }

    pub fn shift(self, k: i32) -> Option<Dec> {
        Dec::checked(self.m, self.e.checked_add(k)?)
    }

    fn checked(m: i128, e: i32) -> Option<Dec> {
        (m.abs() < MAX_M && e.abs() < 300)
            .then_some(Dec { m, e })
            .map(Dec::norm)
    }

    /// Strip trailing zeros of the mantissa into the exponent.
    fn norm(self) -> Dec {
        let mut d = self;
        // Figures in text fit in 64 bits, where division is one instruction
        // (128-bit division is a library call).
        if let Ok(mut m) = i64::try_from(d.m) {
            while m != 0 && m % 10 == 0 {
                m /= 10;
                d.e += 1;
            }
            d.m = i128::from(m);
            return d;
        }
        while d.m != 0 && d.m % 10 == 0 {
            d.m /= 10;
            d.e += 1;
        }
        d
    }

    /// The unit of the last significant digit of an integer-valued number:
    /// 470000 -> 10^4, 3 -> 1; a non-integer keeps its decimals (2.5 -> 0.1).
    pub fn last_digit(self) -> Dec {
        let d = self.norm();
        if d.m == 0 {
            Dec::new(1, 0)
        } else {
            Dec::new(1, d.e)
        }
    }
}

/// A numeral read from the tokens.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Numeral {
    pub value: Dec,
    /// Stated precision: the value is "value ± step/2".
    pub step: Dec,
    /// First token after the numeral.
    pub end: usize,
    /// A scale word or suffix was read ("million", "m", "bn").
    pub scaled: bool,
    /// Written in words.
    pub spelled: bool,
    /// A digit string with no separator, decimal or scale ("2016", "122").
    pub bare_digits: bool,
    /// Set by "crore"/"lakh": Indian rupees.
    pub inr: bool,
    /// What the scale words multiplied the written digits by (1 if none).
    pub scale: Dec,
}

/// Number words for 0..=19 and their values.
pub(crate) const SMALL: &[(&str, i128)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

/// Words for the tens and their values.
pub(crate) const TENS: &[(&str, i128)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Words besides [`SMALL`] and [`TENS`] that open a spelled-out numeral.
pub(crate) const OTHER_SPELLED_OPENERS: &[&str] = &["a", "an", "half", "dozen"];

fn lookup(table: &[(&str, i128)], w: &str) -> Option<i128> {
    table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
}

/// Value of a word for 0..=19.
pub(crate) fn small(w: &str) -> Option<i128> {
    lookup(SMALL, w)
}

pub(crate) fn tens(w: &str) -> Option<i128> {
    lookup(TENS, w)
}

/// Scale words written after a number, as a power of ten. `glued` is true
/// when the word touches the digits ("1.88m").
pub(crate) fn scale(w: &str, glued: bool) -> Option<u32> {
    Some(match w {
        "hundred" => 2,
        "thousand" | "k" => 3,
        "million" | "mln" | "mn" | "mio" | "millions" => 6,
        "m" if glued => 6,
        "billion" | "bln" | "bn" | "billions" => 9,
        "b" if glued => 9,
        "trillion" | "tn" | "trn" | "tln" => 12,
        "lakh" | "lakhs" | "lac" => 5,
        "crore" | "crores" => 7,
        _ => return None,
    })
}

/// Ordinal words and digits ("sixth", "17th", "twenty-first"): value and the
/// first token after them.
pub(crate) fn ordinal(t: &Toks, i: usize) -> Option<(i128, usize)> {
    let w = t.lw(i);
    if t.kind(i) == Some(Tk::Num) {
        let suf = t.lw(i + 1);
        if t.glued(i + 1) && matches!(suf, "st" | "nd" | "rd" | "th") {
            let n: i128 = t.raw(i).parse().ok()?;
            return Some((n, i + 2));
        }
        return None;
    }
    if let Some(n) = ordinal_word(w) {
        return Some((n, i + 1));
    }
    // "twenty-first", "twenty first"
    let tn = tens(w)?;
    let mut j = i + 1;
    if t.lw(j) == "-" {
        j += 1;
    }
    let u = ordinal_word(t.lw(j)).filter(|u| *u < 10)?;
    Some((tn + u, j + 1))
}

fn ordinal_word(w: &str) -> Option<i128> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        "billionth" => 1_000_000_000,
        _ => return None,
    })
}

/// A fraction's denominator in words at token `j`: "third", "quarters",
/// "hundredths", "thirty-seconds", "sixty-fourth", "ten-thousandths",
/// "billionth". Gives the denominator, whether it is plural, and the first
/// token after it. "first" and "second" count only inside a compound
/// ("twenty-first", "thirty-seconds"): alone they are ordinals or time.
pub(crate) fn denominator_at(t: &Toks, j: usize) -> Option<(i128, bool, usize)> {
    let w = t.lw(j);
    if let Some((d, plural)) = denominator_word(w).filter(|(d, _)| *d > 2 || w.starts_with('h')) {
        return Some((d, plural, j + 1));
    }
    if t.raw(j + 1) == "-" && t.glued(j + 1) && t.glued(j + 2) {
        let (d2, plural) = denominator_word(t.lw(j + 2))?;
        if let Some(tn) = tens(w).filter(|_| d2 < 10) {
            return Some((tn + d2, plural, j + 3));
        }
        if w == "ten" && d2 >= 1000 {
            return Some((d2 * 10, plural, j + 3));
        }
    }
    None
}

/// One word of a denominator, and whether it is plural ("halves" is two).
pub(crate) fn denominator_word(w: &str) -> Option<(i128, bool)> {
    if w == "halves" {
        return Some((2, true));
    }
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    let d = match stem {
        "half" if !plural => 2,
        "first" => 1,
        "second" => 2,
        "quarter" => 4,
        _ => ordinal_word(stem).filter(|d| *d >= 3)?,
    };
    Some((d, plural))
}

/// A fraction in words at token `k`: "a quarter", "an eighth", "one
/// fifth", "three quarters", "forty-five hundredths", "two thirty-seconds".
/// Gives the numerator, the denominator and the first token after it; the
/// number of the denominator agrees with the numerator ("one fifths" is
/// none; "two half" reads as halves).
pub(crate) fn fraction_words(t: &Toks, k: usize) -> Option<(i128, i128, usize)> {
    let (num, mut j) = match t.lw(k) {
        "a" | "an" => (1, k + 1),
        w if small(w).is_some() || tens(w).is_some() => {
            let n = spelled(t, k)?;
            if n.scaled || n.value.e < 0 || n.value.m <= 0 {
                return None;
            }
            (n.value.mantissa_at(0)?, n.end)
        }
        _ => return None,
    };
    if t.raw(j) == "-" && t.glued(j) {
        j += 1;
    }
    let (den, plural, end) = denominator_at(t, j)?;
    if den < 2 || (num == 1 && plural) || (num > 1 && !plural && den != 2) {
        return None;
    }
    Some((num, den, end))
}

/// `num / den` as an exact decimal when it has at most nine places, else
/// rounded to nine (a third: 0.333333333).
pub(crate) fn fraction_value(num: i128, den: i128) -> Option<Dec> {
    if den <= 0 {
        return None;
    }
    let scaled = num.checked_mul(1_000_000_000)?.checked_add(den / 2)?;
    Some(Dec::new(scaled / den, -9).norm())
}

/// Whether `num / den` is a decimal of at most nine places.
pub(crate) fn terminates(num: i128, den: i128) -> bool {
    den > 0 && num.checked_mul(1_000_000_000).is_some_and(|m| m % den == 0)
}

/// `a / b` when it is a power of ten or a dozen times one (else 1).
fn ratio_pow10(a: Dec, b: Dec) -> Option<Dec> {
    if b.is_zero() {
        return Some(Dec::new(1, 0));
    }
    let (a, b) = (a.norm(), b.norm());
    if a.m == b.m {
        return Some(Dec::new(1, a.e - b.e));
    }
    if a.m == b.m * 12 {
        return Some(Dec::new(12, a.e - b.e));
    }
    Some(Dec::new(1, 0))
}

/// Takes the value after [`apply_scales`], the value before and whether a
/// scale word was read; gives [`ratio_pow10`] of the two. Unscaled (most
/// figures), the two are one value and the ratio is 1, so neither is
/// normalised to find it.
fn scale_of(scaled_value: Dec, value: Dec, scaled: bool) -> Option<Dec> {
    if !scaled && scaled_value == value {
        return Some(Dec::new(1, 0));
    }
    ratio_pow10(scaled_value, value)
}

/// A word that can open a spelled-out numeral.
pub(crate) fn opens_spelled(w: &str) -> bool {
    small(w).is_some() || tens(w).is_some() || OTHER_SPELLED_OPENERS.contains(&w)
}

/// Read a numeral starting at token `i`, digits or words.
pub(crate) fn numeral(t: &Toks, i: usize) -> Option<Numeral> {
    match t.kind(i)? {
        Tk::Num => digits(t, i),
        Tk::Word => spelled(t, i),
        _ => None,
    }
}

/// Denominators of the fractions written in digits that are read as
/// numbers: the halves to sixty-fourths of prices and rates on the wire
/// ("1-1/8 pct", "7/32", "3 1/2"). Others ("9/11", "11/11/2017") are not.
const WIRE_DENOMINATORS: [i128; 6] = [2, 4, 8, 16, 32, 64];

/// A fraction in digits starting at token `i`: "5/8", "1-1/8" (the wire's
/// mixed number), "3 1/2". Gives its value, its stated precision (one unit
/// of the denominator) and the first token after it.
pub(crate) fn digit_fraction(t: &Toks, i: usize) -> Option<(Dec, Dec, usize)> {
    let int = |k: usize| -> Option<i128> {
        let raw = t.raw(k);
        (t.kind(k) == Some(Tk::Num) && raw.len() <= 4 && raw.bytes().all(|b| b.is_ascii_digit()))
            .then(|| raw.parse().ok())
            .flatten()
    };
    // numerator at `k`, "/" and denominator glued after it, and no further
    // "/" (a date: "11/11/2017"). The slash is looked for before any digits
    // are read: most numbers have none.
    let proper = |k: usize| -> Option<(i128, i128)> {
        let slash = t.raw(k + 1) == "/" && t.glued(k + 1) && t.glued(k + 2);
        if !slash {
            return None;
        }
        let (a, b) = (int(k)?, int(k + 2)?);
        let ok = !(t.raw(k + 3) == "/" && t.glued(k + 3))
            && WIRE_DENOMINATORS.contains(&b)
            && (1..b).contains(&a);
        ok.then_some((a, b))
    };
    let value = |whole: i128, a: i128, b: i128| -> Option<(Dec, Dec)> {
        let k = b.trailing_zeros() as i32;
        let five = 5i128.pow(k as u32);
        let m = whole
            .checked_mul(10i128.pow(k as u32))?
            .checked_add(a * five)?;
        Some((Dec::new(m, -k), Dec::new(five, -k)))
    };
    if let Some((a, b)) = proper(i) {
        // "5/8" (not glued to a number before it: "1-1/8" starts earlier).
        let (v, step) = value(0, a, b)?;
        return Some((v, step, i + 3));
    }
    // The whole number is read only once a fraction follows it.
    if t.raw(i + 1) == "-" && t.glued(i + 1) && t.glued(i + 2) {
        let (a, b) = proper(i + 2)?;
        let (v, step) = value(int(i)?, a, b)?;
        return Some((v, step, i + 5));
    }
    if !t.glued(i + 1) {
        let (a, b) = proper(i + 1)?;
        let (v, step) = value(int(i)?, a, b)?;
        return Some((v, step, i + 4));
    }
    None
}

fn digits(t: &Toks, i: usize) -> Option<Numeral> {
    if let Some((value, step, end)) = digit_fraction(t, i) {
        let (value2, step2, end, scaled, inr) = apply_scales(t, end, value, step)?;
        let scale = scale_of(value2, value, scaled)?;
        return Some(Numeral {
            value: value2,
            step: step2,
            end,
            scaled,
            spelled: false,
            bare_digits: false,
            inr,
            scale,
        });
    }
    let raw = t.raw(i);
    let mut m: i128 = 0;
    let mut frac = 0i32;
    let mut seen_dot = false;
    let mut has_sep = false;
    // The exponent of "1.8e7" (the lexer gives a number at most one, of a
    // size that keeps the figure within 30 digits).
    let mut exp = 0i32;
    for (at, c) in raw.bytes().enumerate() {
        match c {
            b'0'..=b'9' => {
                m = m.checked_mul(10)?.checked_add((c - b'0') as i128)?;
                if seen_dot {
                    frac += 1;
                }
            }
            b'.' => seen_dot = true,
            // A comma, or a byte of the thin or no-break space that groups
            // digits ("146\u{202f}000"): the lexer lets no other in.
            b',' | 0xc2 | 0xa0 | 0xe2 | 0x80 | 0x89 | 0xaf => has_sep = true,
            b'e' | b'E' => {
                exp = raw[at + 1..].parse().ok()?;
                break;
            }
            _ => return None,
        }
    }
    let mut value = Dec::new(m, exp - frac);
    let mut step = if seen_dot {
        Dec::new(1, exp - frac)
    } else {
        Dec::new(m, exp).last_digit()
    };
    let mut next = i + 1;
    // "10^6": a power of ten, stated like "1e6"; "3.2 x 10^9": the figure
    // times one.
    if raw == "10" {
        if let Some((k, end)) = power_of_ten(t, i) {
            value = Dec::new(1, k);
            step = value;
            exp = k;
            next = end;
        }
    } else if let Some((k, end)) = times_power_of_ten(t, i + 1) {
        value = value.shift(k)?;
        step = step.shift(k)?;
        exp = k;
        next = end;
    }
    let (value2, step2, end, scaled, inr) = apply_scales(t, next, value, step)?;
    let scale = value2
        .sub(Dec::new(0, 0))
        .and_then(|_| scale_of(value2, value, scaled))?;
    value = value2;
    step = step2;
    Some(Numeral {
        value,
        step,
        end,
        scaled,
        spelled: false,
        bare_digits: !seen_dot && !has_sep && !scaled && exp == 0,
        inr,
        scale,
    })
}

/// The largest power of ten read ("10^30"), as the lexer's exponents.
const MAX_POWER: i32 = 30;

/// Takes a "10" at `i`; if a caret and a whole exponent follow it ("10^6",
/// "10^-3", "10 ^ 9"), gives the exponent and the first token after it.
pub(crate) fn power_of_ten(t: &Toks, i: usize) -> Option<(i32, usize)> {
    if t.raw(i) != "10" || t.raw(i + 1) != "^" {
        return None;
    }
    let (negative, k) = match t.raw(i + 2) {
        "-" | "\u{2212}" => (true, i + 3),
        "+" => (false, i + 3),
        _ => (false, i + 2),
    };
    let raw = t.raw(k);
    if t.kind(k) != Some(Tk::Num) || raw.len() > 2 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let e: i32 = raw.parse().ok()?;
    (e <= MAX_POWER).then_some((if negative { -e } else { e }, k + 1))
}

/// "x 10^9", "×10^9", "* 10^9" after a figure: the power of ten it is
/// multiplied by, and the first token after it. "x10" glued is one word.
fn times_power_of_ten(t: &Toks, j: usize) -> Option<(i32, usize)> {
    match t.raw(j) {
        "x" | "X" | "\u{d7}" | "*" => power_of_ten(t, j + 1),
        "x10" | "X10" if t.raw(j + 1) == "^" => {
            // The word "x10": read its "10" as the power's base.
            let (negative, k) = match t.raw(j + 2) {
                "-" | "\u{2212}" => (true, j + 3),
                _ => (false, j + 2),
            };
            let raw = t.raw(k);
            if t.kind(k) != Some(Tk::Num)
                || raw.len() > 2
                || !raw.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let e: i32 = raw.parse().ok()?;
            (e <= MAX_POWER).then_some((if negative { -e } else { e }, k + 1))
        }
        _ => None,
    }
}

/// Scale words after a number: "million", "hundred thousand", "bn", "dozen".
fn apply_scales(
    t: &Toks,
    mut j: usize,
    mut value: Dec,
    mut step: Dec,
) -> Option<(Dec, Dec, usize, bool, bool)> {
    let mut scaled = false;
    let mut inr = false;
    let mut last = u32::MAX;
    // "4 dozens": the plural counts dozens only right after the figure.
    let first = j;
    loop {
        if !t.is_word(j) {
            break;
        }
        let w = t.lw(j);
        if let Some(k) = scale(w, t.glued(j)) {
            // "k" and "m" written apart from the digits must stand alone.
            if matches!(w, "k" | "b") && t.is_word(j + 1) && t.glued(j + 1) {
                break;
            }
            if last != u32::MAX && k <= last {
                break;
            }
            value = value.shift(k as i32)?;
            step = step.shift(k as i32)?;
            if matches!(w, "lakh" | "lakhs" | "lac" | "crore" | "crores") {
                inr = true;
            }
            last = k;
            scaled = true;
            j += 1;
        } else if (w == "dozen" || (w == "dozens" && j == first)) && !scaled {
            value = value.mul(Dec::new(12, 0))?;
            step = step.mul(Dec::new(12, 0))?;
            scaled = true;
            j += 1;
        } else {
            break;
        }
    }
    Some((value, step, j, scaled, inr))
}

/// Scale words that open a figure alone, as one of them: "thousand",
/// "hundred million".
pub(crate) const BARE_SCALES: &[&str] = &["hundred", "thousand", "million", "billion", "trillion"];

/// The digits said after "point", from token `k`: one digit a word
/// ("zero", "oh", "five") or a pair ("twenty-five", "fifteen", "ten").
/// Gives them as one whole number, how many places they fill, and the
/// first token after them.
fn decimal_words(t: &Toks, mut k: usize) -> Option<(i128, i32, usize)> {
    let mut digits: i128 = 0;
    let mut places = 0i32;
    loop {
        let w = t.lw(k);
        let (d, n, next) = if w == "oh" {
            (0, 1, k + 1)
        } else if let Some(d) = small(w) {
            (d, if d >= 10 { 2 } else { 1 }, k + 1)
        } else if let Some(tn) = tens(w) {
            match small(t.lw(k + 2)).filter(|u| (1..10).contains(u) && t.raw(k + 1) == "-") {
                Some(u) => (tn + u, 2, k + 3),
                None => (tn, 2, k + 1),
            }
        } else {
            break;
        };
        if places + n > 12 || !t.is_word(k) {
            break;
        }
        digits = digits * 10i128.pow(n as u32) + d;
        places += n;
        k = next;
    }
    (places > 0).then_some((digits, places, k))
}

fn spelled(t: &Toks, i: usize) -> Option<Numeral> {
    let w0 = t.lw(i);
    if !opens_spelled(w0) && !BARE_SCALES.contains(&w0) {
        return None;
    }
    // "half a million", "half a dozen"
    if w0 == "half" {
        if t.is(i + 1, "a") || t.is(i + 1, "an") {
            let base = Dec::new(5, -1);
            let (v, s, end, scaled, inr) = apply_scales(t, i + 2, base, Dec::new(1, -1))?;
            if scaled {
                return Some(Numeral {
                    value: v,
                    step: s,
                    end,
                    scaled: true,
                    spelled: true,
                    bare_digits: false,
                    inr,
                    scale: ratio_pow10(v, base)?,
                });
            }
            // "half a percentage point", "half a century": one half of a unit.
            if matches!(
                t.lw(i + 2),
                "percentage" | "percent" | "point" | "year" | "decade" | "century" | "month"
            ) {
                return Some(Numeral {
                    value: base,
                    step: Dec::new(1, -1),
                    end: i + 2,
                    scaled: false,
                    spelled: true,
                    bare_digits: false,
                    inr: false,
                    scale: Dec::new(1, 0),
                });
            }
        }
        return None;
    }
    let mut total = Dec::new(0, 0);
    let mut cur: i128 = 0;
    let mut any = false;
    let mut j = i;
    // What the previous word was: 0 none, 1 unit/teen, 2 tens, 3 hundred, 4 scale.
    let mut prev = 0u8;
    let mut last_scale = u32::MAX;
    // The fraction after "and" ("two and a quarter"), added to the figure
    // before the scale word after it ("two and a half million").
    let mut frac: Option<Dec> = None;
    // The fraction is no decimal ("and a third"): its value is rounded.
    let mut rounded = false;
    let mut scaled = false;
    // "four dozen": the figure before "dozen", whose precision the dozen
    // multiplies.
    let mut dozen_of: Option<i128> = None;
    // Opened by an article ("a dozen", "a million"): one, as written.
    let article = matches!(w0, "a" | "an");
    if BARE_SCALES.contains(&w0) {
        // "thousand", "hundred million": one of them.
        cur = 1;
        any = true;
        prev = 1;
    }
    loop {
        let w = t.lw(j);
        if !t.is_word(j) {
            break;
        }
        if (w == "a" || w == "an") && !any {
            // "a hundred", "a million", "a dozen": one of them.
            let nx = t.lw(j + 1);
            if nx == "hundred" || nx == "dozen" || scale(nx, false).is_some_and(|k| k >= 3) {
                cur = 1;
                any = true;
                prev = 1;
                j += 1;
                continue;
            }
            break;
        }
        if let Some(u) = small(w) {
            if prev == 1 || (prev == 2 && u >= 10) || (prev == 2 && u == 0) {
                break;
            }
            cur += u;
            any = true;
            prev = 1;
            j += 1;
            continue;
        }
        if let Some(tn) = tens(w) {
            if prev == 1 || prev == 2 {
                break;
            }
            cur += tn;
            any = true;
            prev = 2;
            j += 1;
            // "forty-two", "thirty - four"
            if t.lw(j) == "-" {
                if let Some(u) = small(t.lw(j + 1)).filter(|u| (1..10).contains(u)) {
                    cur += u;
                    prev = 1;
                    j += 2;
                }
            }
            continue;
        }
        if w == "hundred" && any {
            if prev == 3 || cur >= 100 || cur == 0 {
                break;
            }
            cur *= 100;
            prev = 3;
            j += 1;
            continue;
        }
        if (w == "dozen" || (w == "dozens" && j == i + 1)) && any && prev == 1 && !scaled {
            if !article {
                dozen_of = Some(cur);
            }
            cur *= 12;
            prev = 3;
            j += 1;
            continue;
        }
        if let Some(k) = scale(w, false).filter(|k| *k >= 3) {
            if !any || w.ends_with('s') {
                break;
            }
            if prev == 6 {
                break;
            }
            let unit = Dec::new(1, k as i32);
            let mut c = Dec::new(cur, 0);
            if let Some(f) = frac.take() {
                c = c.add(f)?;
            }
            if cur == 0 && prev == 4 {
                // "thousand million"
                if k <= last_scale {
                    break;
                }
                total = total.mul(unit)?;
            } else if k >= last_scale {
                total = total.add(c)?.mul(unit)?;
            } else {
                total = total.add(c.mul(unit)?)?;
            }
            cur = 0;
            last_scale = k;
            prev = 4;
            scaled = true;
            j += 1;
            continue;
        }
        if w == "and" && any {
            let nx = t.lw(j + 1);
            // "one and a half", "two and a quarter", "three and forty-five
            // hundredths", "one hundred and a half"; "two and a half
            // million"; after a scale word, a part of it: "a million and
            // a half".
            if frac.is_none() && prev != 5 && prev != 6 {
                if let Some((num, den, end)) = fraction_words(t, j + 1).filter(|f| f.0 < f.1) {
                    let part = fraction_value(num, den)?;
                    if prev == 4 {
                        if cur != 0 || last_scale == u32::MAX {
                            break;
                        }
                        total = total.add(part.mul(Dec::new(1, last_scale as i32))?)?;
                        prev = 6;
                    } else {
                        frac = Some(part);
                        prev = 5;
                    }
                    if !terminates(num, den) {
                        rounded = true;
                    }
                    j = end;
                    continue;
                }
            }
            if (prev == 3 || prev == 4) && (small(nx).is_some() || tens(nx).is_some()) {
                j += 1;
                prev = 0;
                continue;
            }
            break;
        }
        break;
    }
    if !any {
        return None;
    }
    let mut value = total.add(Dec::new(cur, 0))?;
    if let Some(f) = frac {
        value = value.add(f)?;
    }
    let mut step = if rounded {
        // A third is no decimal: stated to a hundredth, as a share is.
        Dec::new(1, -2)
    } else {
        value.last_digit()
    };
    if let Some(d) = dozen_of {
        step = Dec::new(d, 0).last_digit().mul(Dec::new(12, 0))?;
    }
    // "three hundred point zero five", "three hundred point twenty-five":
    // decimals said digit by digit, or in groups of two.
    if frac.is_none() && prev != 6 && t.lw(j) == "point" {
        if let Some((digits, places, k)) = decimal_words(t, j + 1) {
            value = value.add(Dec::new(digits, -places))?;
            step = Dec::new(1, -places);
            j = k;
            // "two point five million"
            if let Some(k) = scale(t.lw(j), false).filter(|k| *k >= 3 && !scaled) {
                value = value.shift(k as i32)?;
                step = step.shift(k as i32)?;
                scaled = true;
                last_scale = k;
                j += 1;
            }
        }
    }
    let scale = if scaled && last_scale != u32::MAX {
        Dec::new(1, last_scale as i32)
    } else {
        Dec::new(1, 0)
    };
    Some(Numeral {
        value,
        step,
        end: j,
        scaled,
        spelled: true,
        bare_digits: false,
        inr: false,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (f64, f64, usize) {
        let t = Toks::new(s);
        let n = numeral(&t, 0).unwrap_or_else(|| panic!("no numeral in {s:?}"));
        (n.value.to_f64(), n.step.to_f64(), n.end)
    }

    /// `scale_of` gives `ratio_pow10` of what `apply_scales` makes of the
    /// figures and scale words of generated texts, scaled or not.
    #[test]
    fn scale_of_is_ratio_pow10() {
        let pieces = [
            "5", "1,500", "2.50", "0", "0.0", "100", "12", "3.125", " ", " ", "million", "mln",
            "m", "k", "b", "bn", "dozen", "dozens", "hundred", "thousand", "lakh", "crore", "a",
        ];
        let mut scaled_seen = [0usize; 2];
        for text in crate::testing::random_texts(&pieces, 6, 20_000) {
            let t = Toks::new(&text);
            for i in 0..t.len() {
                if t.kind(i) != Some(Tk::Num) {
                    continue;
                }
                let alone = Toks::new(t.raw(i));
                let Some(n) = numeral(&alone, 0) else {
                    continue;
                };
                let Some((v2, _, _, scaled, _)) = apply_scales(&t, i + 1, n.value, n.step) else {
                    continue;
                };
                scaled_seen[usize::from(scaled)] += 1;
                assert_eq!(
                    scale_of(v2, n.value, scaled),
                    ratio_pow10(v2, n.value),
                    "{text:?} token {i}"
                );
            }
        }
        assert!(scaled_seen.iter().all(|&k| k > 1_000), "{scaled_seen:?}");
    }

    /// The fast path of `to_f64` gives the double that parsing the
    /// decimal text gives, at its edges and on a spread of mantissas.
    #[test]
    fn to_f64_is_the_parsed_double() {
        let mut ms: Vec<i128> = vec![0, 1, 5, 9, 17, 123_456_789, (1 << 53) - 1, 1 << 53];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ms.push(i128::from(x >> (x % 40)));
        }
        for &m in &ms {
            for e in -25..=25 {
                for m in [m, -m] {
                    let d = Dec { m, e };
                    let parsed: f64 = format!("{m}e{e}").parse().unwrap();
                    assert_eq!(d.to_f64().to_bits(), parsed.to_bits(), "{m}e{e}");
                }
            }
        }
    }

    /// Aligning two numbers by the table of powers of ten, multiplying
    /// only the one with the larger exponent, gives what multiplying both
    /// mantissas by `checked_pow` gives, overflows included.
    #[test]
    fn align_is_both_multiplications() {
        for k in 0..=45 {
            assert_eq!(Dec::pow10(k), 10i128.checked_pow(k), "{k}");
        }
        let both = |a: Dec, b: Dec| {
            let e = a.e.min(b.e);
            let am = a.m.checked_mul(10i128.checked_pow((a.e - e) as u32)?)?;
            let bm = b.m.checked_mul(10i128.checked_pow((b.e - e) as u32)?)?;
            Some((am, bm, e))
        };
        let ms = [0, 1, -1, 7, 25, -470, 123_456_789, MAX_M - 1, -(MAX_M - 1)];
        for (am, bm) in ms.iter().flat_map(|&a| ms.iter().map(move |&b| (a, b))) {
            for ae in -45..=45 {
                for be in [-45, -39, -38, -3, 0, 2, 38, 39, 45] {
                    let (a, b) = (Dec { m: am, e: ae }, Dec { m: bm, e: be });
                    assert_eq!(Dec::align(a, b), both(a, b), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn numerals() {
        let cases: &[(&str, f64, f64)] = &[
            ("1,880,000", 1_880_000.0, 10_000.0),
            ("470,000", 470_000.0, 10_000.0),
            ("1.9 million", 1.9e6, 1e5),
            ("168 million", 168e6, 1e6),
            ("1.88m", 1.88e6, 1e4),
            ("5.93 mln", 5.93e6, 1e4),
            ("3.5bn", 3.5e9, 1e8),
            ("15k", 15e3, 1e3),
            ("4.5 k", 4.5e3, 1e2),
            ("2 trillion", 2e12, 1e12),
            (".05", 0.05, 0.01),
            ("3", 3.0, 1.0),
            ("two million", 2e6, 1e6),
            ("four hundred and seventy thousand", 470_000.0, 10_000.0),
            ("forty-two", 42.0, 1.0),
            ("thirty - four", 34.0, 1.0),
            ("Forty Two", 42.0, 1.0),
            ("half a million", 5e5, 1e5),
            ("a dozen", 12.0, 1.0),
            ("half a dozen", 6.0, 1.2),
            ("one and a half", 1.5, 0.1),
            ("two and a half million", 2.5e6, 1e5),
            ("a million", 1e6, 1e6),
            ("one hundred and twenty-five thousand", 125_000.0, 1000.0),
            ("two hundred", 200.0, 100.0),
            ("5 crore", 5e7, 1e7),
            ("1.2 lakh", 1.2e5, 1e4),
            ("two thousand and five", 2005.0, 1.0),
            ("1.5 thousand million", 1.5e9, 1e8),
            ("four dozen", 48.0, 12.0),
            ("two and a quarter", 2.25, 0.01),
            ("a million and a half", 1.5e6, 1e5),
            ("three hundred point twenty-five", 300.25, 0.01),
            ("hundred million", 1e8, 1e8),
            ("10^6", 1e6, 1e6),
            ("3.2 x 10^9", 3.2e9, 1e8),
        ];
        for (s, v, step) in cases {
            let (gv, gs, _) = read(s);
            assert_eq!((gv, gs), (*v, *step), "{s}");
        }
    }

    #[test]
    fn stops() {
        assert_eq!(read("two three").2, 1);
        assert_eq!(read("five people").2, 1);
        assert_eq!(read("twenty thirty").2, 1);
        assert!(numeral(&Toks::new("a man"), 0).is_none());
        assert!(numeral(&Toks::new("half the"), 0).is_none());
    }

    /// Fractions in digits read with their value, step and end; dates,
    /// other denominators and numbers with no fraction do not.
    #[test]
    fn digit_fractions() {
        let read = |s: &str| {
            let t = Toks::new(s);
            digit_fraction(&t, 0).map(|(v, step, end)| (v.to_f64(), step.to_f64(), end))
        };
        assert_eq!(read("5/8 pct"), Some((0.625, 0.125, 3)));
        assert_eq!(read("1-1/8 pct"), Some((1.125, 0.125, 5)));
        assert_eq!(read("3 1/2"), Some((3.5, 0.5, 4)));
        assert_eq!(read("99-16/32"), Some((99.5, 0.03125, 5)));
        for s in [
            "11/11/2017",
            "9/11",
            "3 9/11",
            "1-9/11",
            "5 pct",
            "1-2",
            "2.5 1/2",
            "12345 1/2",
            "8/8",
        ] {
            assert_eq!(read(s), None, "{s}");
        }
    }

    /// Fractions in words: numerator, denominator and end; the number of
    /// the denominator agrees with the numerator, and "second" counts only
    /// inside a compound.
    #[test]
    fn fractions_in_words() {
        let read = |s: &str| fraction_words(&Toks::new(s), 0);
        assert_eq!(read("a quarter"), Some((1, 4, 2)));
        assert_eq!(read("two thirty-seconds"), Some((2, 32, 4)));
        assert_eq!(read("forty-five hundredths"), Some((45, 100, 4)));
        assert_eq!(read("a ten-thousandth"), Some((1, 10_000, 4)));
        assert_eq!(read("fifteen sixths"), Some((15, 6, 2)));
        assert_eq!(read("one half"), Some((1, 2, 2)));
        for s in [
            "a second",
            "two seconds",
            "one fifths",
            "three fifth",
            "a man",
            "two people",
        ] {
            assert_eq!(read(s), None, "{s}");
        }
        assert_eq!(fraction_value(1, 3), Some(Dec::new(333_333_333, -9)));
        assert!(terminates(1, 8) && !terminates(1, 3));
    }

    #[test]
    fn ordinals() {
        let t = Toks::new("17th sixth twenty-first");
        assert_eq!(ordinal(&t, 0), Some((17, 2)));
        assert_eq!(ordinal(&t, 2), Some((6, 3)));
        assert_eq!(ordinal(&t, 3), Some((21, 6)));
    }
}
