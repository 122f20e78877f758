#![no_main]
//! Any bytes as a reference folder's `metrics.toml`: read over the built-in
//! lexicon, it gives a lexicon or an error, never a panic; a lexicon it
//! gives reads a sentence.

use claimcheck::extract::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Lexicon::with_own("metrics.toml", &text) {
        Ok(lexicon) => {
            let _ = lexicon.shared_words();
            let _ = lexicon.find(&["the", "unemployment", "rate", "was"], &["percent", "in", "2016"]);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
