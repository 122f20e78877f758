//! `claimcheck reference validate [DIR]`: load a reference folder over the
//! built-in catalog (or alone, `--no-catalog`), check that its data and the
//! metric lexicon agree (`resolve::lint`), and give every problem in it;
//! when none is an error, a summary of its datasets (with the words a data
//! package's title gives an indicator no `[[metric]]` lists) and of the
//! catalog.

use std::path::Path;

use super::{Done, Outcome};
use crate::ingest;
use crate::resolve::{self, lint};

/// `claimcheck reference validate [DIR]`: every problem, exit 2 when one
/// is an error (warnings are printed and do not fail).
pub fn validate(dir: &Path, catalog: bool) -> Done {
    let tables = if catalog {
        resolve::CatalogUse::All
    } else {
        resolve::CatalogUse::Off
    };
    let loaded = resolve::load_from(Some(dir), &tables);
    let index = &loaded.index;
    let linted = lint::lint(index, &lint::read_sources(dir));
    let mut problems = loaded.problems;
    problems.extend(linted.problems);
    let outcome = Outcome::of_problems(&problems);
    let output = if outcome == Outcome::Pass {
        let verdict = match problems.len() {
            0 => "no problems".to_string(),
            n => format!("no errors, {n} warning(s)"),
        };
        // The folder's own rows, entities and datasets; the catalog's are
        // summed up on a line of their own.
        let own = |r: &resolve::Row| !index.datasets()[r.dataset as usize].builtin;
        let rows = index.rows_iter().filter(|r| own(r)).count();
        let entities: std::collections::BTreeSet<u32> = index
            .rows_iter()
            .filter(|r| own(r))
            .map(|r| r.entity)
            .collect();
        let datasets = index.datasets().iter().filter(|d| !d.builtin).count();
        let mut s = format!(
            "{}: {rows} rows, {} entities in {datasets} dataset(s); {verdict}\n",
            ingest::display_path(dir),
            entities.len(),
        );
        for (i, d) in index.datasets().iter().enumerate() {
            if d.builtin {
                continue;
            }
            s.push_str(&format!(
                "  {}  {}  tolerance {}%",
                d.name,
                d.file,
                crate::util::numfmt::plain(d.tolerance * 100.0)
            ));
            if let Some(t) = linted.title_words.iter().find(|t| t.dataset == i) {
                let words: Vec<String> = t.words.iter().map(|w| format!("\"{w}\"")).collect();
                s.push_str(&format!(
                    "  metric {} (no [[metric]] lists {}; named by its title), words: {}",
                    t.metric,
                    t.code,
                    words.join(", ")
                ));
            }
            s.push('\n');
        }
        let builtin = index.datasets().iter().filter(|d| d.builtin).count();
        if catalog {
            let c = resolve::catalog::info();
            s.push_str(&format!(
                "  over the built-in catalog: {}, version {}, {builtin} tables (rows of this folder win for the same entity, metric and date)\n",
                c.name, c.version
            ));
        }
        s
    } else {
        String::new()
    };
    Done {
        body: None,
        notes: Vec::new(),
        output,
        outcome,
        problems,
    }
}
