//! JSON with serde_json's exact bytes, written with less work per value.
//!
//! Takes any `Serialize` value and a [`Layout`] (serde_json's compact or
//! pretty layout); a [`Writer`] appends the bytes `serde_json` writes for
//! it in that layout, value after value ([`to_vec`] for one value).
//! Writing the report's claims was a sixth of checking the Reuters
//! archive, most of it serde_json's calls per key and per string (through
//! its writer and formatter) and its escaping, a table look-up per byte.
//! Here a key and its quotes are copied whole, copies of up to sixteen
//! bytes are stores of a fixed size, string contents are tested eight
//! bytes at a time for a quote, a backslash or a control byte, and a long
//! string equal to one of the last few written (a claim's sentence, its
//! document's path) is copied from the bytes already written. Numbers are
//! written by the crates serde_json writes them with (`itoa`, `zmij`), so
//! they are its digits.
//!
//! The tests hold the bytes to serde_json's for every escaped byte at every
//! offset, every kind of serde value, every short copy's length, and any
//! generated value (nested arrays and objects, numbers, strings) in both
//! layouts.

use serde::ser::{self, Serialize, Serializer};

/// serde_json's layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `serde_json::to_string`: no whitespace.
    Compact,
    /// `serde_json::to_string_pretty`, two spaces an indent, for a value
    /// that sits `depth` containers deep in its document (0 for a whole
    /// document).
    Pretty { depth: usize },
}

/// A buffer of JSON values written one after another (a run of a report's
/// claims), which remembers the last few long strings it escaped: the
/// claims of one sentence all carry it, and the claims of one document its
/// path, so a string equal to one of them is copied from the bytes already
/// written.
#[derive(Debug, Default)]
pub struct Writer {
    bytes: Vec<u8>,
    recent: Recent,
}

/// Strings at least this long are remembered; shorter ones are escaped
/// again, which costs less than looking for them.
const REMEMBERED_FROM: usize = 40;

/// How many long strings are remembered: a claim's document, sentence and
/// explanation, and one more.
const SLOTS: usize = 4;

#[derive(Debug, Default)]
struct Recent {
    /// Each string, and where its escaped contents sit in the bytes.
    slots: [(String, std::ops::Range<usize>); SLOTS],
    /// The slot to reuse next.
    next: usize,
}

impl Writer {
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            bytes: Vec::with_capacity(capacity),
            recent: Recent::default(),
        }
    }

    /// Append `value` as serde_json writes it in `layout`.
    pub fn write<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        layout: Layout,
    ) -> Result<(), serde_json::Error> {
        let (pretty, depth) = match layout {
            Layout::Compact => (false, 0),
            Layout::Pretty { depth } => (true, depth),
        };
        value.serialize(&mut Json {
            out: &mut self.bytes,
            recent: &mut self.recent,
            pretty,
            depth,
            has_value: false,
        })
    }

    /// Append bytes (a separator between values).
    pub fn push(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// The bytes serde_json writes for `value` in `layout`.
pub fn to_vec<T: Serialize + ?Sized>(value: &T, layout: Layout) -> serde_json::Result<Vec<u8>> {
    let mut writer = Writer::default();
    writer.write(value, layout)?;
    Ok(writer.into_bytes())
}

/// The writer, and serde_json's pretty formatter's state: how deep the
/// value being written sits, and whether the container being written has
/// a value yet (one flag, as serde_json keeps it: every container's start
/// clears it and every value's end sets it).
struct Json<'o> {
    out: &'o mut Vec<u8>,
    recent: &'o mut Recent,
    pretty: bool,
    depth: usize,
    has_value: bool,
}

fn error(message: &str) -> serde_json::Error {
    <serde_json::Error as ser::Error>::custom(message)
}

impl Json<'_> {
    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        if s.len() < REMEMBERED_FROM {
            escape_into(self.out, s);
        } else if let Some((_, escaped)) = self.recent.slots.iter().find(|(raw, _)| raw == s) {
            self.out.extend_from_within(escaped.clone());
        } else {
            let start = self.out.len();
            escape_into(self.out, s);
            let slot = &mut self.recent.slots[self.recent.next];
            slot.0.clear();
            slot.0.push_str(s);
            slot.1 = start..self.out.len();
            self.recent.next = (self.recent.next + 1) % SLOTS;
        }
        self.out.push(b'"');
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    fn begin(&mut self, open: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(open);
    }

    fn end(&mut self, close: u8) {
        self.depth -= 1;
        if self.pretty && self.has_value {
            self.out.push(b'\n');
            self.indent();
        }
        self.out.push(close);
    }

    /// Before an array's element or an object's key.
    fn item(&mut self, first: bool) {
        if self.pretty {
            self.out
                .extend_from_slice(if first { b"\n" } else { b",\n" });
            self.indent();
        } else if !first {
            self.out.push(b',');
        }
    }

    /// Between an object's key and its value.
    fn colon(&mut self) {
        if self.pretty {
            self.out.extend_from_slice(b": ");
        } else {
            self.out.push(b':');
        }
    }

    /// An object's key, which serde_json writes as a string whatever it
    /// is: a number or a bool in quotes, anything else an error.
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), serde_json::Error> {
        let start = self.out.len();
        key.serialize(&mut *self)?;
        match self.out.get(start) {
            Some(b'"') => Ok(()),
            Some(b'-' | b'0'..=b'9' | b't' | b'f') => {
                self.out.insert(start, b'"');
                self.out.push(b'"');
                Ok(())
            }
            _ => Err(error("key must be a string")),
        }
    }

    /// `{"variant":` before a variant's value, as serde_json writes an
    /// enum's variant with data.
    fn variant(&mut self, variant: &str) {
        self.begin(b'{');
        self.item(true);
        self.string(variant);
        self.colon();
    }

    /// `}` after a variant's value.
    fn end_variant(&mut self) {
        self.has_value = true;
        self.end(b'}');
    }

    /// A float's shortest digits, or `null` when it is not finite, as
    /// serde_json writes it.
    fn float(&mut self, v: impl zmij::Float, finite: bool) {
        match finite {
            true => push_short(self.out, zmij::Buffer::new().format_finite(v).as_bytes()),
            false => self.out.extend_from_slice(b"null"),
        }
    }

    fn integer(&mut self, v: impl itoa::Integer) {
        push_short(self.out, itoa::Buffer::new().format(v).as_bytes());
    }
}

/// An array or object being written; `Empty` when its length was given as
/// 0 and it is already closed, as serde_json does.
#[derive(PartialEq)]
enum State {
    First,
    Rest,
    Empty,
}

struct Compound<'a, 'o> {
    json: &'a mut Json<'o>,
    state: State,
}

impl<'a, 'o> Compound<'a, 'o> {
    fn open(json: &'a mut Json<'o>, open: u8, close: u8, len: Option<usize>) -> Self {
        json.begin(open);
        let state = if len == Some(0) {
            json.end(close);
            State::Empty
        } else {
            State::First
        };
        Compound { json, state }
    }

    /// Before an element or a key: a separator after the first.
    fn next_item(&mut self) {
        self.json.item(self.state == State::First);
        self.state = State::Rest;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.next_item();
        value.serialize(&mut *self.json)?;
        self.json.has_value = true;
        Ok(())
    }

    fn entry_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), serde_json::Error> {
        self.next_item();
        self.json.key(key)
    }

    fn entry_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.json.colon();
        value.serialize(&mut *self.json)?;
        self.json.has_value = true;
        Ok(())
    }

    /// A struct's field: its name is a string (no number or bool to quote,
    /// as [`Json::key`] must), copied whole when nothing in it is escaped.
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.next_item();
        if key.bytes().all(|b| !ESCAPED[usize::from(b)]) {
            // A name as serde's derives give them: copied as it is.
            let out = &mut *self.json.out;
            out.reserve(key.len() + 3);
            out.push(b'"');
            push_short(out, key.as_bytes());
            out.push(b'"');
        } else {
            self.json.string(key);
        }
        self.entry_value(value)
    }

    fn close(self, close: u8) {
        if self.state != State::Empty {
            self.json.end(close);
        }
    }

    /// Close an enum variant's array or object, then the object around it.
    fn close_variant(self, close: u8) {
        let json = self.json;
        if self.state != State::Empty {
            json.end(close);
        }
        json.end_variant();
    }
}

impl<'a, 'o> Serializer for &'a mut Json<'o> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), serde_json::Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), serde_json::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), serde_json::Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), serde_json::Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), serde_json::Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), serde_json::Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), serde_json::Error> {
        let mut seq = Compound::open(self, b'[', b']', None);
        for byte in v {
            seq.element(byte)?;
        }
        seq.close(b']');
        Ok(())
    }
    fn serialize_none(self) -> Result<(), serde_json::Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), serde_json::Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.end_variant();
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, 'o>, serde_json::Error> {
        Ok(Compound::open(self, b'[', b']', len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>, serde_json::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>, serde_json::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>, serde_json::Error> {
        self.variant(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, 'o>, serde_json::Error> {
        Ok(Compound::open(self, b'{', b'}', len))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>, serde_json::Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>, serde_json::Error> {
        self.variant(variant);
        self.serialize_map(Some(len))
    }
}

/// The compounds written as an array, value after value; `$close` closes
/// it (and, for an enum's variant, the object around it).
macro_rules! array_compound {
    ($compound:ident, $add:ident, $close:ident) => {
        impl ser::$compound for Compound<'_, '_> {
            type Ok = ();
            type Error = serde_json::Error;
            fn $add<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Self::Error> {
                self.element(v)
            }
            fn end(self) -> Result<(), Self::Error> {
                self.$close(b']');
                Ok(())
            }
        }
    };
}

array_compound!(SerializeSeq, serialize_element, close);
array_compound!(SerializeTuple, serialize_element, close);
array_compound!(SerializeTupleStruct, serialize_field, close);
array_compound!(SerializeTupleVariant, serialize_field, close_variant);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.entry_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Self::Error> {
        self.entry_value(v)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close(b'}');
        Ok(())
    }
}

/// A struct's compounds, written as an object, field after field; `$close`
/// as for [`array_compound`].
macro_rules! struct_compound {
    ($compound:ident, $close:ident) => {
        impl ser::$compound for Compound<'_, '_> {
            type Ok = ();
            type Error = serde_json::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), Self::Error> {
                self.field(key, v)
            }
            fn end(self) -> Result<(), Self::Error> {
                self.$close(b'}');
                Ok(())
            }
        }
    };
}

struct_compound!(SerializeStruct, close);
struct_compound!(SerializeStructVariant, close_variant);

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// A mark (the byte's high bit) on each byte of `word` that is zero; exact
/// for the lowest marked byte, which is all [`escape_into`] uses (a borrow
/// may mark bytes above a zero).
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

/// A mark on each byte of `word` that JSON escapes (a quote, a backslash,
/// a control byte below 0x20); exact for the lowest marked byte.
fn escaped_bytes(word: u64) -> u64 {
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    control
        | zero_bytes(word ^ (ONES * u64::from(b'"')))
        | zero_bytes(word ^ (ONES * u64::from(b'\\')))
}

/// By byte, whether JSON escapes it: a quote, a backslash, a control byte.
static ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let mut b = 0;
    while b < 256 {
        escaped[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    escaped
};

/// Append `bytes`; up to sixteen of them with copies of a fixed size (two
/// that overlap where the length is not a multiple), which compile to
/// stores, where a copy of any length is a call (a report writes a dozen
/// short keys and numbers a claim).
#[inline(always)]
fn push_short(out: &mut Vec<u8>, bytes: &[u8]) {
    match bytes.len() {
        8..=16 => push_overlapping::<8>(out, bytes),
        4..=7 => push_overlapping::<4>(out, bytes),
        0..=3 => {
            for &b in bytes {
                out.push(b);
            }
        }
        _ => out.extend_from_slice(bytes),
    }
}

/// Append `bytes`, `W` to `2 * W` of them, as two copies of `W` bytes: the
/// first `W`, then the last `W` over the end of the first.
#[inline(always)]
fn push_overlapping<const W: usize>(out: &mut Vec<u8>, bytes: &[u8]) {
    let (n, len) = (bytes.len(), out.len());
    let head: [u8; W] = bytes[..W].try_into().expect("W bytes");
    let tail: [u8; W] = bytes[n - W..].try_into().expect("W bytes");
    out.extend_from_slice(&head);
    out.extend_from_slice(&tail);
    out[len + n - W..len + n].copy_from_slice(&tail);
    out.truncate(len + n);
}

/// Append the contents of `s` as a JSON string (without its quotes),
/// escaped as serde_json escapes them: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, other control bytes as `\u00XX` in lowercase hex, and nothing else.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if bytes.len() < 8 {
        if bytes.iter().all(|&b| !ESCAPED[usize::from(b)]) {
            push_short(out, bytes);
            return;
        }
        for &byte in bytes {
            if ESCAPED[usize::from(byte)] {
                push_escape(out, byte);
            } else {
                out.push(byte);
            }
        }
        return;
    }
    out.reserve(bytes.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time, copied whole (a copy of a known size is a
        // store, not a call) and cut back where an escape is due. The last
        // few are the top of the string's last eight, shifted down.
        let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let (word, n) = match bytes.len() - i {
            8.. => (eight(i), 8),
            n => (eight(bytes.len() - 8) >> (8 * (8 - n)), n),
        };
        let mut marks = escaped_bytes(word);
        if n < 8 {
            marks &= (1 << (8 * n)) - 1;
        }
        let kept = if marks == 0 {
            n
        } else {
            (marks.trailing_zeros() / 8) as usize
        };
        let len = out.len();
        out.extend_from_slice(&word.to_le_bytes());
        out.truncate(len + kept);
        i += kept;
        if kept < n {
            push_escape(out, bytes[i]);
            i += 1;
        }
    }
}

/// Append the escape of `byte`, one JSON escapes.
fn push_escape(out: &mut Vec<u8>, byte: u8) {
    let escape = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0C => b'f',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', escape]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    use super::Layout;

    fn compact(value: &(impl serde::Serialize + ?Sized)) -> String {
        // Appends to what the buffer holds.
        // After other bytes, as in a run of claims.
        let mut writer = super::Writer::default();
        writer.push(b"[");
        writer.write(value, Layout::Compact).unwrap();
        String::from_utf8(writer.into_bytes()[1..].to_vec()).unwrap()
    }

    fn pretty(value: &(impl serde::Serialize + ?Sized)) -> String {
        let out = super::to_vec(value, Layout::Pretty { depth: 0 }).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The bytes are serde_json's in both layouts.
    fn same_as_serde_json(value: &(impl serde::Serialize + ?Sized)) {
        assert_eq!(compact(value), serde_json::to_string(value).unwrap());
        assert_eq!(pretty(value), serde_json::to_string_pretty(value).unwrap());
    }

    /// Every byte that JSON escapes, at every offset of a word, beside
    /// every other ASCII byte and wide characters: serde_json's bytes.
    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for byte in 0u8..0x80 {
            for at in 0..17 {
                let mut s = "ab\u{e9}cdefghijklmnopq".to_string();
                if !s.is_char_boundary(at) {
                    continue;
                }
                s.insert(at, char::from(byte));
                assert_eq!(
                    compact(&s),
                    serde_json::to_string(&s).unwrap(),
                    "byte {byte:#x} at {at}"
                );
            }
        }
    }

    /// Every length is copied whole, after what the buffer holds.
    #[test]
    fn short_copies_are_exact() {
        let text: Vec<u8> = (0..40u8).map(|b| b'a' + b % 26).collect();
        for n in 0..=text.len() {
            let mut out = b"xyz".to_vec();
            super::push_short(&mut out, &text[..n]);
            assert_eq!(&out[..3], b"xyz");
            assert_eq!(&out[3..], &text[..n], "{n}");
        }
    }

    /// Keys, nesting, options, numbers and the pretty layout are
    /// serde_json's own.
    #[test]
    fn a_document_is_serde_jsons_bytes() {
        let value = json!({
            "id": "a\"b\\c\nd\u{1}",
            "n": [1, -2.5, 1e300, null, true],
            "nested": {"k\te y": ["x", {"deep": "\u{2014} \u{7f}"}], "empty": {}},
            "list": [],
        });
        same_as_serde_json(&value);
    }

    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(Vec<u8>),
        Tuple(i8, &'static str),
        EmptyTuple(),
        Struct { a: Option<f32>, b: char },
        EmptyStruct {},
    }

    #[derive(serde::Serialize)]
    struct Holder {
        shapes: Vec<Shape>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        unit: (),
        tuple: (u128, i128, bool),
        by_number: BTreeMap<i64, &'static str>,
        by_flag: BTreeMap<bool, f64>,
        nothing: Vec<()>,
    }

    /// Enum variants of every kind, skipped fields, unit, tuples, numbers
    /// and bools as keys, non-finite floats: serde_json's bytes.
    #[test]
    fn every_kind_of_value_is_serde_jsons_bytes() {
        let holder = Holder {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(vec![0, 255]),
                Shape::Newtype(vec![]),
                Shape::Tuple(-3, "t"),
                Shape::EmptyTuple(),
                Shape::Struct {
                    a: Some(0.1),
                    b: '\u{1}',
                },
                Shape::Struct {
                    a: Some(f32::NAN),
                    b: '"',
                },
                Shape::EmptyStruct {},
            ],
            skipped: None,
            unit: (),
            tuple: (u128::MAX, i128::MIN, false),
            by_number: BTreeMap::from([(-7, "a"), (12, "b")]),
            by_flag: BTreeMap::from([(true, f64::INFINITY), (false, -1.5e-7)]),
            nothing: vec![(), ()],
        };
        same_as_serde_json(&holder);
        same_as_serde_json(&[Shape::Unit]);
    }

    /// A key that is no string, number or bool is an error, as in
    /// serde_json.
    #[test]
    fn a_key_that_cannot_be_a_string_is_an_error() {
        let map = BTreeMap::from([(vec![1], 1)]);
        assert!(serde_json::to_string(&map).is_err());
        assert!(super::to_vec(&map, Layout::Compact).is_err());
    }

    /// A value deep in a pretty document is indented as it is there.
    #[test]
    fn a_value_at_a_depth_is_indented_for_it() {
        let inner = json!({"k": [1, {"x": "y"}]});
        let whole = json!({"claims": [inner]});
        let out = super::to_vec(&inner, Layout::Pretty { depth: 2 }).unwrap();
        let text = serde_json::to_string_pretty(&whole).unwrap();
        assert!(text.contains(std::str::from_utf8(&out).unwrap()), "{text}");
        assert!(out.ends_with(b"\n    }"));
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            ".{0,40}",
            "[\\x00-\\x7f]{0,40}",
            "[a-z\"\\\\\n\t\u{1}\u{e9}\u{2019} ]{0,40}",
        ]
    }

    fn values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::btree_map(text(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_is_serde_jsons_bytes(value in values()) {
            prop_assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
            prop_assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
        }
    }
}
