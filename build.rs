//! Builds the indicator catalog into the binary: every file under
//! `reference-data/catalog/` (a reference folder of its own: its
//! `datasets.toml`, the World Bank population table and the WDI indicators
//! with their data-package descriptors; the data files, not the notes
//! about them) is compressed with DEFLATE into
//! `OUT_DIR`, and `catalog_files.rs` lists them for `resolve::catalog`:
//! each file's path in the folder, its length, and its compressed bytes.
//! The catalog's version is the folder's `VERSION` line plus a checksum of
//! every file's path and bytes, so a changed file changes the version.
//! `SNAPSHOT` is the SHA-256 the reference snapshot takes for the catalog
//! (see `resolve::snapshot`): of one line per file, `path NUL
//! hex-digest-of-its-bytes`, sorted by path, `VERSION` included.
//!
//! It also reads every catalog table's names, for `catalog_names.rs`: each
//! table's (code, entity) pairs and the entities its rows are of, as the
//! loader reads them from its `Country Name` and `Country Code` columns, so
//! the names a load of the whole catalog gives are known without inflating
//! and parsing its tables (`resolve::load_names`; a test there holds them equal
//! to what reading the tables gives). And a World Bank long table's records,
//! each as a ready row (`Names::rows`), beside its compressed bytes: a load
//! takes those rows instead of reading the table (`resolve::catalog::rows`;
//! a test in `resolve::load` holds them equal to the records).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

const FOLDER: &str = "reference-data/catalog";

/// The first line of a table whose rows are read here (`Names::rows`).
const READY_HEADER: &str = "Country Name,Country Code,Year,Value\r\n";

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let folder = root.join(FOLDER);
    println!("cargo:rerun-if-changed={FOLDER}");
    let mut files = Vec::new();
    walk(&folder, "", &mut files);
    files.sort();
    let blobs = out.join("catalog");
    std::fs::create_dir_all(&blobs).expect("OUT_DIR is writable");
    let mut list = String::from("&[\n");
    let mut sum = Fnv::default();
    let mut version = String::new();
    let mut snapshot = Sha256::new();
    let mut names = Names::default();
    for (i, relative) in files.iter().enumerate() {
        let path = folder.join(relative);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        snapshot.update(relative.as_bytes());
        snapshot.update(b"\0");
        snapshot.update(hex(&Sha256::digest(&bytes)).as_bytes());
        snapshot.update(b"\n");
        if relative == "VERSION" {
            version = String::from_utf8_lossy(&bytes).trim().to_string();
            continue;
        }
        sum.add(relative.as_bytes());
        sum.add(&bytes);
        let mut rows = String::from("None");
        if relative.ends_with(".csv") {
            names.add_table(relative, &bytes);
            if let Some(blob) = names.rows(&bytes) {
                let path = blobs.join(format!("{i}.rows"));
                std::fs::write(&path, blob).expect("OUT_DIR is writable");
                rows = format!("Some(include_bytes!({:?}))", path.display().to_string());
            }
        }
        let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 6);
        let blob = blobs.join(format!("{i}.deflate"));
        std::fs::write(&blob, packed).expect("OUT_DIR is writable");
        writeln!(
            list,
            "    CatalogFile {{ path: {relative:?}, len: {}, deflated: include_bytes!({:?}), rows: {rows} }},",
            bytes.len(),
            blob.display().to_string()
        )
        .unwrap();
    }
    list.push(']');
    assert!(
        !version.is_empty(),
        "{FOLDER}/VERSION names the catalog's data"
    );
    let code = format!(
        "/// Every file of the catalog folder, by path.\npub(super) static FILES: &[CatalogFile] = {list};\n\n/// The data's version and a checksum of every file.\npub(super) const VERSION: &str = {:?};\n\n/// The SHA-256 of the catalog's files, for the reference snapshot.\npub(super) const SNAPSHOT: &str = {:?};\n\n/// The first line of every table with ready rows.\npub(super) const READY_HEADER: &str = {READY_HEADER:?};\n",
        format!("{version}+{:016x}", sum.0),
        hex(&snapshot.finalize()),
    );
    std::fs::write(out.join("catalog_files.rs"), code).expect("OUT_DIR is writable");
    std::fs::write(out.join("catalog_names.rs"), names.code()).expect("OUT_DIR is writable");
}

/// The names of the catalog's tables: every entity name and code once, and
/// each table's names as indices into them.
#[derive(Default)]
struct Names {
    strings: Vec<String>,
    ids: std::collections::HashMap<String, usize>,
    tables: Vec<NameTable>,
}

/// One table's names, as indices into `Names::strings`.
struct NameTable {
    path: String,
    /// (code, entity) pairs, sorted as the loader sorts a table's codes.
    codes: Vec<(usize, usize)>,
    /// The entities of its rows, in first-seen order.
    entities: Vec<usize>,
}

impl Names {
    fn id(&mut self, s: &str) -> usize {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), self.strings.len() - 1);
        self.strings.len() - 1
    }

    /// The names of the table `path`, as the loader reads them: a record
    /// with an entity and a finite number for its value gives a row of
    /// that entity; a code keeps the entity of its first record (fields
    /// trimmed, an empty code is none). Every other rule of reading a row
    /// is the loader's alone: the test in `resolve::load` finds any table
    /// where this reading and the loader's differ.
    fn add_table(&mut self, path: &str, bytes: &[u8]) {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .unwrap_or_else(|e| panic!("{FOLDER}/{path}: {e}"))
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let col = |name: &str| {
            headers.iter().position(|h| h == name).unwrap_or_else(|| {
                panic!("{FOLDER}/{path} has no \"{name}\" column: build.rs reads a catalog table's names from its Country Name and Country Code columns")
            })
        };
        let (entity_col, code_col, value_col) =
            (col("Country Name"), col("Country Code"), col("Value"));
        let width = headers.len();
        let mut codes: std::collections::BTreeMap<String, String> = Default::default();
        let mut seen = std::collections::HashSet::new();
        let mut entities = Vec::new();
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{FOLDER}/{path}: {e}"));
            if record.len() != width {
                continue;
            }
            let entity = record[entity_col].trim();
            if entity.is_empty() {
                continue;
            }
            let code = record[code_col].trim();
            if !code.is_empty() {
                codes
                    .entry(code.to_string())
                    .or_insert_with(|| entity.to_string());
            }
            let value = record[value_col].trim().parse::<f64>();
            if value.is_ok_and(f64::is_finite) && seen.insert(entity.to_string()) {
                entities.push(self.id(entity));
            }
        }
        let codes = codes
            .into_iter()
            .map(|(code, entity)| (self.id(&code), self.id(&entity)))
            .collect();
        self.tables.push(NameTable {
            path: path.to_string(),
            codes,
            entities,
        });
    }

    /// The records of a table (its `bytes`) as ready rows, when it opens
    /// with [`READY_HEADER`] (a World Bank long table) and every record is
    /// one clean row: four fields, an entity, a four-digit year and a
    /// finite number (the fields trimmed). Each row is 16 bytes,
    /// little-endian: the entity's index in `NAMES` (u16), the year (u16),
    /// the record's first line (u32) and the value (f64). Any other table
    /// is left to the loader's CSV reading (`None`); the test in
    /// `resolve::load` holds the two readings equal.
    fn rows(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        if !bytes.starts_with(READY_HEADER.as_bytes()) {
            return None;
        }
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        reader.headers().ok()?;
        let mut out = Vec::new();
        let mut record = csv::StringRecord::new();
        // A record's line: one more than the line ends before its first
        // byte, as the loader counts them. The reader places a record at
        // the line end before it.
        let (mut line, mut counted) = (1u32, 0usize);
        while reader.read_record(&mut record).ok()? {
            let mut start = usize::try_from(record.position()?.byte()).ok()?;
            while bytes.get(start).is_some_and(|&b| b == b'\n' || b == b'\r') {
                start += 1;
            }
            line += bytes[counted..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            counted = start;
            if record.len() != 4 {
                return None;
            }
            let entity = record[0].trim();
            let year = record[2].trim();
            let value: f64 = record[3].trim().parse().ok()?;
            let year_ok = year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && !year.starts_with('0');
            if entity.is_empty() || !year_ok || !value.is_finite() {
                return None;
            }
            let id = u16::try_from(self.id(entity)).ok()?;
            let year: u16 = year.parse().ok()?;
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&year.to_le_bytes());
            out.extend_from_slice(&line.to_le_bytes());
            out.extend_from_slice(&value.to_le_bytes());
        }
        Some(out)
    }

    /// `catalog_names.rs`: `NAMES` and `NAME_TABLES`.
    fn code(&self) -> String {
        assert!(
            self.strings.len() <= usize::from(u16::MAX),
            "the catalog's names are numbered with u16"
        );
        let mut code = String::from(
            "/// Every entity name and code of the catalog's tables, once.\npub(super) static NAMES: &[&str] = &[\n",
        );
        for s in &self.strings {
            writeln!(code, "    {s:?},").unwrap();
        }
        code.push_str("];\n\n/// Each table's names, by path, as indices into [`NAMES`].\npub(super) static NAME_TABLES: &[NameTable] = &[\n");
        for table in &self.tables {
            let path = &table.path;
            let codes: Vec<String> = table
                .codes
                .iter()
                .map(|(c, e)| format!("({c}, {e})"))
                .collect();
            let entities: Vec<String> = table.entities.iter().map(usize::to_string).collect();
            writeln!(
                code,
                "    NameTable {{ path: {path:?}, codes: &[{}], entities: &[{}] }},",
                codes.join(", "),
                entities.join(", ")
            )
            .unwrap();
        }
        code.push_str("];\n");
        code
    }
}

/// The files under `dir`, as paths relative to the catalog folder with `/`.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder");
        let name = entry.file_name().into_string().expect("UTF-8 file names");
        if name.starts_with('.') {
            continue;
        }
        let relative = format!("{prefix}{name}");
        if entry.file_type().expect("a file type").is_dir() {
            walk(&entry.path(), &format!("{relative}/"), out);
        } else if (prefix.is_empty() && name == "VERSION")
            || [".csv", ".json", ".toml"].iter().any(|e| name.ends_with(e))
        {
            out.push(relative);
        }
    }
}

/// FNV-1a, 64 bits (all 16 hex digits go into the version): a checksum,
/// not a security measure.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Bytes as lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        write!(s, "{b:02x}").unwrap();
        s
    })
}
