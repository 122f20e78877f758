#![no_main]
//! Any phrase: normalize and the quantity finder never panic, and every
//! interval they give is well formed (the model's constructor checks it).

use claimcheck::extract::quantities;
use claimcheck::normalize::{self, Config, Context};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let config = Config::default();
    let ctx = Context { as_of: "2017-11-11".parse().unwrap(), config: &config };
    if let Ok(q) = normalize::normalize(text, &ctx) {
        if let (Some(l), Some(p)) = (q.interval.low_value(), q.point) {
            assert!(l <= p || !q.interval.contains(p), "{text:?}");
        }
    }
    let mut last_end = 0;
    for found in quantities::find(text, &ctx) {
        assert!(found.range.start >= last_end && found.range.end <= text.len());
        assert!(text.is_char_boundary(found.range.start) && text.is_char_boundary(found.range.end));
        last_end = found.range.end;
    }
});
