#![no_main]
//! Any bytes as a reference folder's `datasets.toml`: parsing gives the
//! dataset entries or a problem, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match claimcheck::resolve::manifest::parse("datasets.toml", &text) {
        Ok(manifest) => {
            let _ = format!("{manifest:?}");
        }
        Err(problem) => {
            let _ = problem.to_string();
        }
    }
});
