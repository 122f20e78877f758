//! The built-in indicator catalog (issue 18): it loads whole and clean from
//! the binary, a check that reads only the tables its texts can need finds
//! what a check over every table finds, and a newsroom's folder adds to it.

use std::collections::BTreeMap;
use std::path::Path;

use claimcheck::ingest::{self, Format, Ingested};
use claimcheck::model::{AsOfSource, Finding};
use claimcheck::pipeline::{self, Settings};
use claimcheck::resolve::{self, catalog, CatalogUse, Index};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_catalog_loads_every_table_with_no_problem() {
    let loaded = resolve::load_from(None, &CatalogUse::All);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let datasets = loaded.index.datasets();
    let info = catalog::info();
    assert!(
        info.tables >= 41,
        "at least 40 indicators and population: {info:?}"
    );
    assert_eq!(datasets.len(), info.tables);
    assert!(datasets
        .iter()
        .all(|d| d.builtin && d.file.starts_with("catalog:")));
    // The binary's tables are the repository's catalog folder, file by
    // file, so the version names what the repository holds.
    let mut on_disk: Vec<String> =
        std::fs::read_dir(root().join("reference-data/catalog/worldbank-wdi"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".csv"))
            .map(|n| format!("worldbank-wdi/{n}"))
            .collect();
    on_disk.push("worldbank-population.csv".to_string());
    on_disk.sort();
    let mut built_in: Vec<&str> = catalog::paths().filter(|p| p.ends_with(".csv")).collect();
    built_in.sort();
    assert_eq!(built_in, on_disk);
    // Every indicator of it is a metric the built-in lexicon names, so its
    // rows are reached by words (none loads under a name made from its code).
    let lexicon = claimcheck::extract::Lexicon::default();
    for p in catalog::paths().filter(|p| p.ends_with(".datapackage.json")) {
        let code = p
            .trim_start_matches("worldbank-wdi/")
            .trim_end_matches(".datapackage.json");
        assert!(
            lexicon.by_indicator(code).is_some(),
            "{code} has no [[metric]]"
        );
    }
    assert!(info.version.starts_with("wdi@"), "{}", info.version);
}

fn findings(texts: &[(String, String)], index: &Index) -> Vec<Finding> {
    let mut ingested = Ingested::default();
    let mut lines = String::new();
    for (i, (text, as_of)) in texts.iter().enumerate() {
        let row = serde_json::json!({"id": format!("t{i}"), "text": text, "as_of": as_of});
        lines.push_str(&row.to_string());
        lines.push('\n');
    }
    ingest::read_bytes("t.jsonl", Format::Jsonl, lines.into_bytes(), &mut ingested);
    assert!(ingested.errors.is_empty(), "{:?}", ingested.errors);
    let settings = Settings::new("2020-01-01".parse().unwrap(), AsOfSource::Option);
    pipeline::check(&ingested.sources, index, &settings, &|| {})
}

/// The (text, as_of) rows of a labelled file.
fn labelled(file: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(root().join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (text, as_of) = (col("text"), col("as_of"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[text].to_string(), r[as_of].to_string())
        })
        .collect()
}

/// How many of a load's tables were read: the tables left out stand in as
/// their names alone, rows with no metric.
fn tables_read(index: &Index) -> usize {
    let mut read = vec![false; index.datasets().len()];
    for r in index.rows_iter() {
        if !index.str(r.metric).is_empty() {
            read[usize::from(r.dataset)] = true;
        }
    }
    read.into_iter().filter(|&r| r).count()
}

/// Each labelled claim, checked against only the catalog tables its own
/// words can need, gets the finding it gets against every table: the same
/// metric, verdict, confidence, evidence and explanation.
#[test]
fn a_check_of_the_tables_a_text_needs_finds_what_a_check_of_all_finds() {
    let folder = root().join("reference-data");
    let full = resolve::load_from(Some(&folder), &CatalogUse::All);
    assert!(full.problems.is_empty(), "{:?}", full.problems);
    let (lexicon, _) = resolve::lexicon_of(Some(&folder));
    let mut texts = labelled("tests/eval/metrics.csv");
    texts.extend(labelled("tests/eval/claims.csv"));
    // Texts that need the same tables are checked against one load.
    let mut by_tables: BTreeMap<Vec<String>, Vec<(String, String)>> = BTreeMap::new();
    for t in texts {
        let CatalogUse::Metrics(set) = CatalogUse::for_texts(&lexicon, [t.0.as_str()]) else {
            panic!("a selection of tables");
        };
        by_tables
            .entry(set.into_iter().collect())
            .or_default()
            .push(t);
    }
    let mut fewer = 0;
    for (tables, texts) in &by_tables {
        let selection = CatalogUse::Metrics(tables.iter().cloned().collect());
        let part = resolve::load_from(Some(&folder), &selection);
        assert!(part.problems.is_empty(), "{:?}", part.problems);
        if tables_read(&part.index) < full.index.datasets().len() {
            fewer += 1;
        }
        let expected = findings(texts, &full.index);
        let got = findings(texts, &part.index);
        assert_eq!(got.len(), expected.len(), "tables {tables:?}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(
                serde_json::to_value(g).unwrap(),
                serde_json::to_value(e).unwrap(),
                "tables {tables:?}"
            );
        }
    }
    assert!(
        fewer * 2 > by_tables.len(),
        "most selections leave tables out ({fewer} of {})",
        by_tables.len()
    );
}

/// Where a newsroom's folder and the catalog have a row for the same
/// entity, metric and date, the claim is checked against the folder's.
#[test]
fn a_newsroom_row_wins_over_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("growth.csv"),
        "entity,metric,value,low,high,unit,date,source,url\nGermany,gdp_growth,1.1,,,percent,2019,Destatis first release,https://www.destatis.de\n",
    )
    .unwrap();
    let loaded = resolve::load_from(Some(dir.path()), &CatalogUse::All);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let texts = [(
        "Germany's economy grew 1.1% in 2019.".to_string(),
        "2020-03-01".to_string(),
    )];
    let f = findings(&texts, &loaded.index);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].metric.as_deref(), Some("gdp_growth"));
    assert_eq!(f[0].verdict, claimcheck::model::Verdict::Supported, "{f:?}");
    assert!(
        f[0].evidence[0].file.ends_with("growth.csv"),
        "{:?}",
        f[0].evidence
    );
    // The catalog's 2019 row (0.98 today) is not used; an older row of its
    // may still be shown beside the folder's.
    assert!(
        !f[0]
            .evidence
            .iter()
            .any(|e| e.file.starts_with("catalog:") && e.date == "2019"),
        "{:?}",
        f[0].evidence
    );
    // Germany's other years still come from the catalog.
    let texts = [(
        "Germany's economy grew 3.2% in 2017.".to_string(),
        "2018-03-01".to_string(),
    )];
    let f = findings(&texts, &loaded.index);
    assert!(
        f[0].evidence[0]
            .file
            .starts_with("catalog:worldbank-wdi/NY.GDP.MKTP.KD.ZG.csv"),
        "{:?}",
        f[0].evidence
    );
}

fn claimcheck_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir).env_remove("CI").env("NO_COLOR", "1");
    cmd
}

/// The standard output of `claimcheck check ARGS` run in `dir`, which
/// exits 0.
fn check_out(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = claimcheck_in(dir).arg("check").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The JSON report of `claimcheck check FILE --no-fail` run in `dir`,
/// which exits 0.
fn check_json(dir: &Path, file: &str) -> serde_json::Value {
    serde_json::from_slice(&check_out(dir, &[file, "--format", "json", "--no-fail"])).unwrap()
}

/// From an empty folder, a paragraph about a country's growth, inflation
/// and unemployment is checked against the World Bank rows built into the
/// binary, each cited by indicator code and page; the report names the
/// catalog and its version.
#[test]
fn issue_18_a_check_from_an_empty_folder_uses_the_built_in_catalog() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "France's unemployment rate was 9.4 percent in 2017. Brazil's economy shrank 3.5% in 2015. In Turkey, consumer prices rose 16.3% in 2018.\n",
    )
    .unwrap();
    let report = check_json(dir.path(), "a.md");
    assert_eq!(report["catalog"]["name"], catalog::NAME);
    assert_eq!(
        report["catalog"]["version"],
        catalog::info().version.as_str()
    );
    let claims = report["claims"].as_array().unwrap();
    let metrics: Vec<&str> = claims
        .iter()
        .map(|c| c["metric"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        metrics,
        ["unemployment_rate", "gdp_growth", "inflation"],
        "{report:#}"
    );
    for c in claims {
        assert_eq!(c["verdict"], "supported", "{c:#}");
        let e = &c["evidence"][0];
        let code = e["file"]
            .as_str()
            .unwrap()
            .strip_prefix("catalog:worldbank-wdi/")
            .and_then(|f| f.strip_suffix(".csv"))
            .unwrap_or_else(|| panic!("{e:#}"));
        assert_eq!(
            e["url"],
            format!("https://data.worldbank.org/indicator/{code}")
        );
        assert!(e["source"].as_str().unwrap().contains(code), "{e:#}");
    }
}

#[test]
fn issue_18_the_catalog_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "France's unemployment rate was 9.4 percent in 2017.\n",
    )
    .unwrap();
    // Off with no folder of one's own: nothing to check against.
    let out = claimcheck_in(dir.path())
        .args(["check", "a.md", "--no-catalog"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reference DIR"));
    // Off, with a folder: the claim has no row, and the report says no catalog.
    let refs = dir.path().join("refs");
    std::fs::create_dir(&refs).unwrap();
    std::fs::write(
        refs.join("pop.csv"),
        "entity,metric,value,low,high,unit,date,source,url\nFrance,population,67000000,,,people,2017,INSEE,https://insee.fr\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        "reference = \"refs\"\ncatalog = false\n",
    )
    .unwrap();
    let report = check_json(dir.path(), "a.md");
    assert!(report["catalog"].is_null(), "{report:#}");
    assert_eq!(report["claims"][0]["verdict"], "unverifiable", "{report:#}");
}

/// A folder's World Bank indicator that no lexicon entry lists is read from
/// its data package alone, and claims reach it by its title's words.
#[test]
fn issue_18_an_unknown_indicator_is_named_by_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let field = |name: &str, kind: &str| serde_json::json!({"name": name, "type": kind});
    let descriptor = serde_json::json!({
        "title": "Cereal yield (kg per hectare)",
        "name": "ag.yld.crel.kg",
        "worldbank": {"indicator": "ag.yld.crel.kg"},
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": [{
            "name": "data",
            "path": "data.csv",
            "format": "csv",
            "schema": {"fields": [
                field("Country Name", "string"),
                field("Country Code", "string"),
                field("Year", "year"),
                field("Value", "number"),
            ]},
        }],
    });
    std::fs::write(
        dir.path().join("AG.YLD.CREL.KG.datapackage.json"),
        serde_json::to_string_pretty(&descriptor).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("AG.YLD.CREL.KG.csv"),
        "Country Name,Country Code,Year,Value\nFrance,FRA,2017,7346.2\nFrance,FRA,2018,6829.1\n",
    )
    .unwrap();
    let loaded = resolve::load_from(Some(dir.path()), &CatalogUse::All);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let texts = [
        (
            "France's cereal yield was 6,829 in 2018.".to_string(),
            "2019-06-01".to_string(),
        ),
        (
            "France had a cereal yield of 8,100 in 2018.".to_string(),
            "2019-06-01".to_string(),
        ),
    ];
    let f = findings(&texts, &loaded.index);
    let got: Vec<(Option<&str>, claimcheck::model::Verdict)> =
        f.iter().map(|f| (f.metric.as_deref(), f.verdict)).collect();
    use claimcheck::model::Verdict::{Contradicted, Supported};
    assert_eq!(
        got,
        [
            (Some("ag_yld_crel_kg"), Supported),
            (Some("ag_yld_crel_kg"), Contradicted)
        ],
        "{f:#?}"
    );
}

/// The catalog's sources in the repository validate as a folder of their
/// own, with no problem, and are the tables the binary carries.
#[test]
fn issue_18_the_catalog_sources_validate_as_a_folder() {
    let out = claimcheck_in(root())
        .args([
            "reference",
            "validate",
            "reference-data/catalog",
            "--no-catalog",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("no problems"), "{summary}");
    assert!(
        summary.contains(&format!("in {} dataset(s)", catalog::info().tables)),
        "{summary}"
    );
    assert!(!summary.contains("over the built-in catalog"), "{summary}");
}

/// The `--format jsonl` lines of `claimcheck check FILES --no-fail` run in
/// `dir` (no reference folder: the catalog alone), by the file each
/// claim is of.
fn check_lines(dir: &Path, files: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut args = files.to_vec();
    args.extend(["--format", "jsonl", "--no-fail", "--as-of", "2017-11-11"]);
    let mut lines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8(check_out(dir, &args)).unwrap().lines() {
        let claim: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = claim["document"].as_str().unwrap().to_string();
        lines.entry(file).or_default().push(line.to_string());
    }
    lines
}

/// A claim's report does not depend on the other texts of the run: a
/// check reads only the catalog tables its texts can need, and the tables
/// it leaves out still give their names, so a text checked alone, the
/// same text checked beside one whose words lead to every other table, and
/// beside inputs so large that every table is loaded get byte-identical
/// lines. Each text differed before the tables left out
/// gave their names: two name entities as only the indicator tables spell
/// them ("Macedonia, FYR" was found as "Macedonia" alone and as "Macedonia,
/// FYR" beside a sentence about CO2), one by a name the indicator tables
/// change the lookup of ("Somali", as in the Reuters archive's article
/// 8157, here in words written for this test: Somalia alone, no entity
/// beside other articles).
#[test]
fn a_claims_report_is_the_same_alone_and_beside_other_texts() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "macedonia.txt",
            "Macedonia, FYR had a population of 2.1 million in 2015.\n",
        ),
        (
            "mena.txt",
            "Middle East & North Africa had a population of 437 million in 2017.\n",
        ),
        (
            "somali.txt",
            "A minister said the new code lets foreign firms into every part of the Somali economy and lets them send profits home after five years.\n\nForeign firms may keep 50 pct of what they earn from exports abroad, as Somali exporters have done since last year, he said.\n",
        ),
    ];
    // Words that lead to most other tables.
    let others = "Its CO2 emissions were 7,000 kt in 2014. France's economy grew 2.3% in 2017, its unemployment rate was 9.4 percent, consumer prices rose 1.2% and exports were 30% of GDP. Life expectancy at birth was 82 years, infant mortality 3.5 per 1,000 and the fertility rate 1.9 births per woman; military spending was 2.3% of GDP and government debt 98% of GDP.\n";
    for (name, text) in texts.iter().chain([&("others.txt", others)]) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut files: Vec<&str> = texts.iter().map(|(name, _)| *name).collect();
    files.push("others.txt");
    let together = check_lines(dir.path(), &files);
    // Inputs of 4 MiB or more are checked against the whole catalog, loaded
    // while they are read, and not scanned for the tables they need: a text
    // beside such an input gets the same lines too.
    let filler = "The committee met again and talked about the new harbour.\n";
    let big = filler.repeat((4 << 20) / filler.len() + 1);
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    let mut with_big = files.clone();
    with_big.push("big.txt");
    let beside_big = check_lines(dir.path(), &with_big);
    for (name, _) in texts {
        let alone = check_lines(dir.path(), &[name]);
        assert!(!alone[name].is_empty(), "{name}: no claim");
        assert_eq!(alone[name], together[name], "{name}");
        let beside = check_lines(dir.path(), &[name, "others.txt"]);
        assert_eq!(alone[name], beside[name], "{name}");
        assert_eq!(alone[name], beside_big[name], "{name} beside 4 MiB");
    }
    let claim: serde_json::Value = serde_json::from_str(&together["macedonia.txt"][0]).unwrap();
    assert_eq!(claim["subject"]["mention"], "Macedonia, FYR", "{claim:#}");
    assert_eq!(claim["subject"]["entity"], "North Macedonia", "{claim:#}");
}
