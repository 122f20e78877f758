#![no_main]
//! Any bytes as `claimcheck.toml`: parsing gives settings or a problem
//! naming the file, never a panic; the settings it gives can be used.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match claimcheck::config::parse("claimcheck.toml", &text, std::path::Path::new(".")) {
        Ok(config) => {
            let _ = config.normalize_config();
        }
        Err(problem) => {
            let _ = problem.to_string();
        }
    }
});
