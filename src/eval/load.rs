//! The file side of `claimcheck eval`: read the labelled files given, the
//! archive a Reuters-shape file points into, and put the rows together.
//! Everything else in this module is pure; this is where files are read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::metrics::FileRows;
use super::read::{self, Articles, Labelled, Shape};
use crate::ingest;
use crate::model::Problem;

/// The default archive of Reuters-shape files, relative to the repository.
pub const ARCHIVE: &str = "../shared/data/reuters-21578/articles.jsonl";

/// The rows of every labelled file given, in order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub rows: Vec<Labelled>,
    /// The files read, with their shape and row count.
    pub files: Vec<FileRows>,
    /// Files given but not read, each with why.
    pub skipped: Vec<String>,
}

/// Why the labelled files could not be read.
#[derive(Debug)]
pub enum LoadError {
    /// A file could not be read at all (the message says which and how).
    Unreadable(String),
    /// Bad rows, each naming `file:line`.
    Problems(Vec<Problem>),
}

/// Read every labelled file. A Reuters-shape file is read against the
/// articles of `archive`; when the archive is absent the file is skipped,
/// and said so in [`Loaded::skipped`]. Ids must be unique over all files.
pub fn load(files: &[PathBuf], archive: &Path) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    let mut problems = Vec::new();
    let mut articles: Option<Articles> = None;
    let mut first_use: HashMap<String, (String, u64)> = HashMap::new();
    for file in files {
        let name = ingest::display_path(file);
        let text = std::fs::read_to_string(file).map_err(|e| {
            LoadError::Unreadable(format!(
                "cannot read the labelled claim file {name}: {e} (give a CSV with the header id,text,as_of,expected_verdict,phrase_kind,note, or a metrics or reuters one: see tests/eval/README.md)"
            ))
        })?;
        let shape = read::shape_of(&text);
        if shape == Some(Shape::Reuters) && articles.is_none() {
            let archive_name = ingest::display_path(archive);
            if !archive.exists() {
                out.skipped.push(format!(
                    "skipped {name}: the Reuters archive {archive_name} is absent"
                ));
                continue;
            }
            let archive_text = std::fs::read_to_string(archive).map_err(|e| {
                LoadError::Unreadable(format!(
                    "cannot read the archive {archive_name} that {name} points into: {e}"
                ))
            })?;
            match read::read_archive(&archive_name, &archive_text, &|_| true) {
                Ok(a) => articles = Some(a),
                Err(p) => {
                    problems.extend(p);
                    continue;
                }
            }
        }
        match read::read_labelled_with(&name, &text, articles.as_ref()) {
            Ok(rows) => {
                for row in &rows {
                    if let Some((f, l)) = first_use.get(&row.id) {
                        problems.push(Problem::new(
                            &name,
                            Some(row.line),
                            format!("duplicate id \"{}\" (first used in {f}:{l})", row.id),
                            "give every row its own id, over all the files measured together",
                        ));
                    } else {
                        first_use.insert(row.id.clone(), (name.clone(), row.line));
                    }
                }
                out.files.push(FileRows {
                    file: name,
                    shape: shape.unwrap_or(Shape::Claims),
                    rows: rows.len(),
                });
                out.rows.extend(rows);
            }
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(LoadError::Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reuters_file_without_its_archive_is_skipped_and_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims.csv");
        let reuters = dir.path().join("reuters.csv");
        std::fs::write(
            &claims,
            "id,text,as_of,expected_verdict,phrase_kind,note\n\
             a1,Syria had 21 million people in 2010.,2011-01-01,supported,exact,\n",
        )
        .unwrap();
        std::fs::write(
            &reuters,
            "id,article,start,end,mention,as_of,expected_verdict,phrase_kind,metric,unit_family,note\n\
             r1,t-1,0,3,abc,1987-03-02,supported,exact,output,count,\n",
        )
        .unwrap();
        let archive = dir.path().join("absent.jsonl");
        let loaded = load(&[claims.clone(), reuters.clone()], &archive).unwrap();
        assert_eq!(loaded.rows.len(), 1);
        assert_eq!(loaded.files.len(), 1);
        assert_eq!(loaded.skipped.len(), 1);
        assert!(
            loaded.skipped[0].starts_with("skipped ")
                && loaded.skipped[0].contains("reuters.csv: the Reuters archive")
                && loaded.skipped[0].ends_with("absent.jsonl is absent"),
            "{}",
            loaded.skipped[0]
        );
        // With the archive, the row is read from it.
        std::fs::write(
            &archive,
            "{\"id\": \"t-1\", \"date\": \"1987-03-02\", \"body\": \"abc def\"}\n",
        )
        .unwrap();
        let loaded = load(&[claims.clone(), reuters.clone()], &archive).unwrap();
        assert_eq!(loaded.rows.len(), 2);
        assert!(loaded.skipped.is_empty());
        assert_eq!(loaded.files[1].shape, Shape::Reuters);
        // Ids are unique over all the files.
        let Err(LoadError::Problems(p)) = load(&[claims.clone(), claims], &archive) else {
            panic!("a repeated id over two files is a problem");
        };
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, Some(2));
        assert!(p[0].message.contains("first used in"), "{:?}", p[0]);
    }
}
