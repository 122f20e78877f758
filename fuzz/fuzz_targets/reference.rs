#![no_main]
//! Any bytes as a reference folder: the part before the first "\n%%\n" is
//! `datasets.toml`, the rest a CSV the manifest may map; then `aliases.csv`
//! after a second separator. Loading never panics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, "\n%%\n");
    let manifest = parts.next().unwrap_or("");
    let csv = parts.next().unwrap_or("");
    let aliases = parts.next();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("datasets.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    if let Some(a) = aliases {
        std::fs::write(dir.path().join("aliases.csv"), a).unwrap();
    }
    // The folder alone: the built-in catalog is the same every run, and
    // loading it each time would leave little time for the input.
    let loaded = claimcheck::resolve::load_from(
        Some(dir.path()),
        &claimcheck::resolve::CatalogUse::Off,
    );
    for p in &loaded.problems {
        let _ = p.to_string();
    }
});
