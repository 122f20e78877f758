#![no_main]
//! Any bytes as a CSV or JSON Lines claim file (or archive): every row is
//! either a source or an error, then the whole pipeline and every renderer.

#[path = "common.rs"]
mod common;

use claimcheck::ingest::{read_bytes, Format, Ingested};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Csv, Format::Jsonl] {
        let mut ingested = Ingested::default();
        read_bytes("fuzz.csv", format, data.to_vec(), &mut ingested);
        common::check_and_render(&ingested);
    }
});
