#![no_main]
//! Any bytes as a Markdown or plain-text article, through the whole
//! pipeline and every renderer.

#[path = "common.rs"]
mod common;

use claimcheck::ingest::{read_bytes, Format, Ingested};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Markdown, Format::Text] {
        let mut ingested = Ingested::default();
        read_bytes("fuzz.md", format, data.to_vec(), &mut ingested);
        common::check_and_render(&ingested);
    }
});
