//! Whole-report snapshots of every renderer over the hand-built fixture that
//! the renderers' unit tests use (src/report/fixture.rs, included here so
//! both see the same report). Review changes with `cargo insta review`.

// The fixture names the model as `crate::model`; give it that path here.
mod model {
    pub use claimcheck::model::*;
}

#[path = "../src/report/fixture.rs"]
#[allow(dead_code)]
mod fixture;

use claimcheck::report::{render, Format, RenderOptions};

fn rendered(format: Format, color: bool) -> String {
    let mut report = fixture::report();
    // Pin the version so a release does not churn every snapshot.
    report.claimcheck_version = "0.0.0-test".to_string();
    let options = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    render(&report, format, &options).unwrap()
}

#[test]
fn snapshot_every_format() {
    for format in Format::ALL {
        insta::assert_snapshot!(format.name(), rendered(format, false));
    }
}

#[test]
fn snapshot_text_in_colour() {
    insta::assert_snapshot!("text_color", rendered(Format::Text, true));
}

#[test]
fn rendering_is_byte_identical_across_runs() {
    for format in Format::ALL {
        assert_eq!(rendered(format, false), rendered(format, false), "{format}");
    }
}
