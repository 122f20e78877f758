//! `claimcheck reference validate [DIR]`: load a reference folder and
//! give every problem in it, or a summary of its datasets when there is none.

use std::path::Path;

use super::{Done, Outcome};
use crate::ingest;
use crate::resolve;

/// `claimcheck reference validate [DIR]`: every problem, exit 2 when any.
pub fn validate(dir: &Path) -> Done {
    let loaded = resolve::load(dir);
    let index = &loaded.index;
    let output = if loaded.problems.is_empty() {
        let mut s = format!(
            "{}: {} rows, {} entities in {} dataset(s); no problems\n",
            ingest::display_path(dir),
            index.rows(),
            index.entity_count(),
            index.datasets().len()
        );
        for d in index.datasets() {
            s.push_str(&format!(
                "  {}  {}  tolerance {}%\n",
                d.name,
                d.file,
                crate::util::numfmt::plain(d.tolerance * 100.0)
            ));
        }
        s
    } else {
        String::new()
    };
    Done {
        notes: Vec::new(),
        output,
        outcome: Outcome::of_problems(&loaded.problems),
        problems: loaded.problems,
    }
}
