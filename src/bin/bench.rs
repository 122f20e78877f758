//! bench: the measurements behind BENCHMARKS.md, one subcommand each.
//!
//! Not a test and not part of `cargo test`'s work: `scripts/bench.sh` builds
//! it in release mode and calls it beside the real `claimcheck` binary, so a
//! figure printed here is always a stage timed in isolation (the whole
//! command is timed from outside with `/usr/bin/time`). Every subcommand
//! prints `key value` lines, one figure a line, for the script to read.
//!
//! ```text
//! bench extract ARCHIVE [--reference DIR] [--limit N] [--repeat R]
//! bench floor ARCHIVE REFDIR [--repeat R]
//! bench scan FILE                       (the whole-process floor: JSON lines on stdout)
//! bench gen DIR ENTITIES YEARS          (ENTITIES x 5 metrics x YEARS rows)
//! bench load DIR
//! bench catalog [--repeat R]
//! bench resolve DIR CLAIMS [--iters N] [--seconds S]
//! ```

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use claimcheck::extract::Claim;
use claimcheck::ingest;
use claimcheck::model::AsOfSource;
use claimcheck::pipeline::{self, Settings};
use claimcheck::resolve;

/// The allocator (see `claimcheck::util::heap`).
#[global_allocator]
static ALLOCATOR: claimcheck::util::heap::Allocator = claimcheck::util::heap::Allocator {};

type Res<T> = Result<T, String>;

fn main() {
    claimcheck::util::heap::tune();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("floor") => floor(&args[1..]),
        Some("scan") => scan(&args[1..]),
        Some("gen") => gen(&args[1..]),
        Some("load") => load(&args[1..]),
        Some("catalog") => catalog(&args[1..]),
        Some("resolve") => resolve_cost(&args[1..]),
        _ => Err(
            "usage: bench extract|floor|scan|gen|load|catalog|resolve ... (see src/bin/bench.rs)"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("bench: {e}");
        std::process::exit(2);
    }
}

/// Positional arguments and `--name value` options.
struct Args {
    pos: Vec<String>,
    opts: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String]) -> Res<Args> {
        let mut pos = Vec::new();
        let mut opts = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let v = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                opts.push((name.to_string(), v.clone()));
            } else {
                pos.push(a.clone());
            }
        }
        Ok(Args { pos, opts })
    }

    fn pos(&self, i: usize, what: &str) -> Res<&str> {
        self.pos
            .get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("missing {what}"))
    }

    fn opt(&self, name: &str) -> Option<&str> {
        self.opts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn num(&self, name: &str, default: usize) -> Res<usize> {
        self.opt(name).map_or(Ok(default), |v| {
            v.parse().map_err(|_| format!("--{name}: not a number"))
        })
    }
}

fn as_of() -> claimcheck::model::Date {
    jiff::civil::date(2017, 11, 11)
}

/// Best of `repeat` runs of `f`, in seconds, and the last result.
fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (best, last.expect("ran at least once"))
}

/// extract+normalize (pipeline::extract_all) over an archive's texts.
fn extract(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let archive = a.pos(0, "ARCHIVE")?.to_string();
    let reference = PathBuf::from(a.opt("reference").unwrap_or("reference-data"));
    let repeat = a.num("repeat", 3)?;
    let t = Instant::now();
    let mut ingested = ingest::read_paths(&[archive], &[], &mut std::io::empty());
    let ingest_s = t.elapsed().as_secs_f64();
    if let Some(n) = a.opt("limit") {
        let n: usize = n.parse().map_err(|_| "--limit: not a number")?;
        ingested.sources.truncate(n);
    }
    let names = resolve::load_names(Some(&reference));
    let gazetteer = claimcheck::extract::Gazetteer::new(&names.surface_names);
    let settings = Settings::new(as_of(), AsOfSource::Option);
    let bytes: usize = ingested.sources.iter().map(|s| s.text.len()).sum();
    let (secs, claims) = best(repeat, || {
        pipeline::extract_all(&ingested.sources, &gazetteer, &settings, &|| {})
    });
    println!("texts {}", ingested.sources.len());
    println!("bytes {bytes}");
    println!("claims {}", claims.len());
    println!("ingest_s {ingest_s:.4}");
    println!("extract_s {secs:.4}");
    println!("extract_mb_s {:.2}", bytes as f64 / 1e6 / secs);
    Ok(())
}

/// The floor: read the bytes, one regex scan for digits and number words,
/// and a raw `csv` parse of every reference CSV.
fn floor(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let archive = a.pos(0, "ARCHIVE")?;
    let refdir = Path::new(a.pos(1, "REFDIR")?);
    let repeat = a.num("repeat", 3)?;
    let (read_s, bytes) = best(repeat, || std::fs::read(archive));
    let bytes = bytes.map_err(|e| format!("{archive}: {e}"))?;
    let re = regex::bytes::RegexBuilder::new(FIGURES)
        .case_insensitive(true)
        .build()
        .map_err(|e| e.to_string())?;
    let (scan_s, hits) = best(repeat, || re.find_iter(&bytes).count());
    let mut csvs: Vec<PathBuf> = std::fs::read_dir(refdir)
        .map_err(|e| format!("{}: {e}", refdir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    csvs.sort();
    let (csv_s, rows) = best(repeat, || {
        let mut rows = 0usize;
        let mut rec = csv::ByteRecord::new();
        for p in &csvs {
            let Ok(mut r) = csv::ReaderBuilder::new().flexible(true).from_path(p) else {
                continue;
            };
            while r.read_byte_record(&mut rec).unwrap_or(false) {
                rows += 1;
            }
        }
        rows
    });
    println!("bytes {}", bytes.len());
    println!("read_s {read_s:.4}");
    println!("regex_hits {hits}");
    println!("regex_s {scan_s:.4}");
    println!("csv_rows {rows}");
    println!("csv_s {csv_s:.4}");
    println!("floor_s {:.4}", read_s + scan_s + csv_s);
    Ok(())
}

/// The figures and number words of [`floor`]'s scan.
const FIGURES: &str = r"[0-9][0-9,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|third|quarter)\b";

/// The least a whole `claimcheck extract` could do, timed as a process
/// beside it: read the file, find its figures and number words with one
/// regex pass, and write one JSON line per match (its byte range and
/// text) to standard output.
fn scan(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let file = a.pos(0, "FILE")?;
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let re = regex::RegexBuilder::new(FIGURES)
        .case_insensitive(true)
        .build()
        .map_err(|e| e.to_string())?;
    #[derive(serde::Serialize)]
    struct Match<'a> {
        start: usize,
        end: usize,
        text: &'a str,
    }
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for m in re.find_iter(&text) {
        let line = Match {
            start: m.start(),
            end: m.end(),
            text: m.as_str(),
        };
        serde_json::to_writer(&mut out, &line).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

const METRICS: [&str; 5] = ["population", "deaths", "wounded", "refugees", "displaced"];
const SYLLABLES: [&str; 40] = [
    "ka", "lo", "mi", "ra", "tu", "be", "so", "ni", "va", "de", "ga", "ho", "ju", "le", "mo", "pa",
    "ri", "sa", "te", "zu", "bra", "kel", "dor", "fin", "gar", "hul", "mar", "nor", "pel", "sten",
    "tar", "vin", "wen", "yor", "zan", "cha", "lis", "mun", "qua", "rho",
];

/// A pronounceable, unique name for entity `i`: its base-40 digits (after a
/// fixed bijective scramble) as syllables, split into two words.
fn entity_name(i: u64) -> String {
    // Multiplying by an odd constant modulo 2^32 is a bijection on u32.
    let mut x = (i as u32).wrapping_mul(2_654_435_761) as u64;
    let mut syl = Vec::new();
    for _ in 0..6 {
        syl.push(SYLLABLES[(x % 40) as usize]);
        x /= 40;
    }
    while x > 0 {
        syl.push(SYLLABLES[(x % 40) as usize]);
        x /= 40;
    }
    let cap = |s: String| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let first: String = syl[..3].concat();
    let second: String = syl[3..].concat();
    format!("{} {}", cap(first), cap(second))
}

/// A deterministic canonical reference table and a three-claim article.
fn gen(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let dir = Path::new(a.pos(0, "DIR")?);
    let entities: u64 = a
        .pos(1, "ENTITIES")?
        .parse()
        .map_err(|_| "ENTITIES: not a number")?;
    let years: u64 = a
        .pos(2, "YEARS")?
        .parse()
        .map_err(|_| "YEARS: not a number")?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let file = std::fs::File::create(dir.join("generated.csv")).map_err(|e| e.to_string())?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let io = |e: std::io::Error| e.to_string();
    writeln!(w, "entity,metric,value,low,high,unit,date,source,url").map_err(io)?;
    let mut rows = 0u64;
    for e in 0..entities {
        let name = entity_name(e);
        for (m, metric) in METRICS.iter().enumerate() {
            for y in 0..years {
                // A value that depends on (entity, metric, year) only.
                let v = 1000 + (e * 7919 + m as u64 * 104_729 + y * 31) % 9_000_000;
                let year = 2016 - years + 1 + y;
                if m == 0 && e % 10 == 0 {
                    writeln!(
                        w,
                        "{name},{metric},{v},{},{},people,{year},Generated census {m},https://example.org/{e}",
                        v - v / 50,
                        v + v / 50
                    )
                    .map_err(io)?;
                } else {
                    writeln!(
                        w,
                        "{name},{metric},{v},,,people,{year},Generated source {m},https://example.org/{e}"
                    )
                    .map_err(io)?;
                }
                rows += 1;
            }
        }
    }
    w.flush().map_err(io)?;
    // Three claims: a supported population, a contradicted death toll, and
    // a misspelled name that only fuzzy matching finds.
    let value = |e: u64, m: u64, y: u64| 1000 + (e * 7919 + m * 104_729 + y * 31) % 9_000_000;
    let last = years - 1;
    let (e1, e2, e3) = (7, entities / 2 + 3, entities - 2);
    let misspelled = {
        let n = entity_name(e3);
        // Swap two inner letters of the second word: one edit.
        let mut b = n.into_bytes();
        let k = b.len() - 3;
        b.swap(k, k + 1);
        String::from_utf8(b).map_err(|e| e.to_string())?
    };
    let claims = format!(
        "{} has a population of {} people, the census said.\n\n\
         The fighting in {} has killed more than {} people.\n\n\
         Aid groups say {} had {} refugees.\n",
        entity_name(e1),
        value(e1, 0, last),
        entity_name(e2),
        value(e2, 1, last) * 3,
        misspelled,
        value(e3, 3, last),
    );
    std::fs::write(dir.join("claims.txt"), claims).map_err(|e| e.to_string())?;
    println!("rows {rows}");
    println!(
        "csv_bytes {}",
        std::fs::metadata(dir.join("generated.csv"))
            .map_err(io)?
            .len()
    );
    Ok(())
}

/// Index build time (resolve::load) and the gazetteer built from it; and
/// the time of the names alone (resolve::load_names, what `extract` reads).
fn load(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let dir = Path::new(a.pos(0, "DIR")?);
    let t = Instant::now();
    let loaded = resolve::load(dir);
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let g = pipeline::gazetteer(&loaded.index);
    let gaz_s = t.elapsed().as_secs_f64();
    drop(g);
    let t = Instant::now();
    let names = resolve::load_names(Some(dir));
    let names_s = t.elapsed().as_secs_f64();
    println!("rows {}", loaded.index.rows());
    println!("problems {}", loaded.problems.len());
    println!("load_s {load_s:.4}");
    println!("gazetteer_s {gaz_s:.4}");
    println!("names {}", names.surface_names.len());
    println!("names_s {names_s:.4}");
    Ok(())
}

/// Per-claim resolve cost: the claims of CLAIMS resolved against the index
/// in DIR, many times over, in ns per claim.
fn resolve_cost(args: &[String]) -> Res<()> {
    let a = Args::parse(args)?;
    let dir = Path::new(a.pos(0, "DIR")?);
    let claims_path = a.pos(1, "CLAIMS")?.to_string();
    let iters = a.num("iters", 10)?;
    let loaded = resolve::load(dir);
    let gazetteer = pipeline::gazetteer(&loaded.index);
    let ingested = ingest::read_paths(&[claims_path], &[], &mut std::io::empty());
    let settings = Settings::new(as_of(), AsOfSource::Option);
    let claims: Vec<Claim> =
        pipeline::extract_all(&ingested.sources, &gazetteer, &settings, &|| {});
    let resolved = claims
        .iter()
        .filter(|c| resolve::resolve(c, &loaded.index).outcome.is_ok())
        .count();
    // Rounds of every claim until `seconds` have passed (at least `iters`
    // rounds), best of three such batches.
    let seconds: f64 = a.opt("seconds").map_or(Ok(0.5), |v| {
        v.parse().map_err(|_| "--seconds: not a number".to_string())
    })?;
    let mut per = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let mut rounds = 0usize;
        while rounds < iters || t.elapsed().as_secs_f64() < seconds {
            for c in &claims {
                std::hint::black_box(resolve::resolve(c, &loaded.index));
            }
            rounds += 1;
        }
        per = per.min(t.elapsed().as_secs_f64() * 1e9 / (rounds * claims.len().max(1)) as f64);
    }
    println!("rows {}", loaded.index.rows());
    println!("claims {}", claims.len());
    println!("resolved {resolved}");
    println!("resolve_ns_per_claim {per:.0}");
    Ok(())
}

/// The built-in catalog: building the index from every table of it
/// (resolve::load_from with no folder), beside what reading the same
/// tables costs at least: inflating them, and inflating and parsing them
/// with the csv crate alone (every record, no field converted). Best of
/// `repeat` each, on the current thread pool.
fn catalog(args: &[String]) -> Res<()> {
    use resolve::catalog;
    let a = Args::parse(args)?;
    let repeat = a.num("repeat", 5)?;
    let tables: Vec<&str> = catalog::paths().filter(|p| p.ends_with(".csv")).collect();
    let (inflate_s, bytes) = best(repeat, || {
        tables
            .iter()
            .map(|p| catalog::read(p).map(|b| b.len()))
            .sum::<Result<usize, String>>()
    });
    let (raw_s, records) = best(repeat, || {
        let mut records = 0usize;
        for p in &tables {
            let bytes = catalog::read(p).expect("the catalog inflates");
            let mut reader = csv::Reader::from_reader(bytes.as_slice());
            let mut record = csv::ByteRecord::new();
            while reader.read_byte_record(&mut record).expect("valid CSV") {
                records += 1;
            }
        }
        records
    });
    let (load_s, loaded) = best(repeat, || {
        resolve::load_from(None, &resolve::CatalogUse::All)
    });
    println!("tables {}", tables.len());
    println!("bytes {}", bytes?);
    println!("records {records}");
    println!("rows {}", loaded.index.rows());
    println!("problems {}", loaded.problems.len());
    println!("inflate_s {inflate_s:.4}");
    println!("csv_raw_parse_s {raw_s:.4}");
    println!("catalog_load_s {load_s:.4}");
    Ok(())
}
