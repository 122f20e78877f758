//! Resolve-stage tests over a small reference folder written to a temp dir.

use std::sync::Arc;

use super::*;
use crate::extract::{Claim, MetricMention, SubjectRef};
use crate::model::{AsOfSource, Interval, Quantity, QuantityKind, Span, Unit};

/// The folder alone: these tests build small folders and count their rows.
fn load(dir: &std::path::Path) -> Loaded {
    load_from(Some(dir), &CatalogUse::Off)
}

const CONFLICTS: &str = "entity,metric,value,low,high,unit,date,source,url
Syrian civil war,start_date,2011-03-15,,,date,2011-03-15,Test source,https://example.org/a
Syrian civil war,deaths,470000,,,people,2016-02-11,SCPR,https://example.org/b
Syrian civil war,deaths,191369,,,people,2014-08-22,OHCHR,https://example.org/c
United States presidential election,held,2016-11-08,,,date,2016-11-08,FEC,
";

const POPULATION: &str = "Country Name,Country Code,Year,Value
Niger,NER,2016,20788789
Nigeria,NGA,2016,185960241
Syrian Arab Republic,SYR,2016,18964252
Syrian Arab Republic,SYR,2017,18983373
Indonesia,IDN,1987,171000000
World,WLD,2016,7464022049
";

const MANIFEST_TOML: &str = r#"
[[dataset]]
file = "population.csv"
name = "worldbank-population"
entity = "Country Name"
code = "Country Code"
metric = { constant = "population" }
value = "Value"
date = "Year"
unit = { constant = "people" }
source = { constant = "World Bank" }
cadence = "year"
aggregates = ["WLD"]
"#;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn loaded() -> Loaded {
    let dir = folder(&[
        ("conflicts.csv", CONFLICTS),
        ("population.csv", POPULATION),
        ("datasets.toml", MANIFEST_TOML),
        ("aliases.csv", "alias,entity\nSyria,Syrian Arab Republic\nconflict in Syria,Syrian civil war\nU.S. presidential election,United States presidential election\n"),
    ]);
    load(dir.path())
}

fn claim(subjects: &[SubjectRef], metric: &str, as_of: &str) -> Claim {
    Claim {
        id: "t#1".into(),
        document: "t".into(),
        span: Span {
            start: 0,
            end: 1,
            line: 1,
            column: 1,
        },
        text: "x".into(),
        sentence: "x".into(),
        sentence_start: 0,
        quantity: Ok(Quantity {
            interval: Interval::closed(1.0, 2.0).unwrap(),
            point: None,
            unit: Unit::People,
            kind: QuantityKind::Exact,
        }),
        derivation: None,
        metric: Some(MetricMention {
            name: metric.into(),
            unit: Unit::People,
            trigger: metric.into(),
            strong: true,
            narrowed: None,
        }),
        subjects: subjects.to_vec(),
        document_subjects: Arc::new(vec!["Syria".into(), "Syrian civil war".into()]),
        as_of: as_of.parse().unwrap(),
        as_of_source: AsOfSource::Option,
        ignore: None,
        period: None,
        forecast: None,
        from_article: false,
    }
}

fn named(s: &str) -> SubjectRef {
    SubjectRef::Named { mention: s.into() }
}

#[test]
fn loads_world_bank_long_table_through_the_manifest() {
    let l = loaded();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(l.index.rows(), 10);
    assert_eq!(l.index.datasets().len(), 2);
}

#[test]
fn niger_is_never_nigeria() {
    let l = loaded();
    let r = resolve(
        &claim(&[named("Niger")], "population", "2016-12-31"),
        &l.index,
    );
    assert_eq!(r.subject.unwrap().entity.as_deref(), Some("Niger"));
    let r = resolve(
        &claim(&[named("Nigeria")], "population", "2016-12-31"),
        &l.index,
    );
    assert_eq!(r.subject.unwrap().entity.as_deref(), Some("Nigeria"));
}

#[test]
fn alias_and_fuzzy_keep_their_scores_and_a_code_names_no_one() {
    let l = loaded();
    let alias = resolve(
        &claim(&[named("Syria")], "population", "2017-11-11"),
        &l.index,
    );
    assert_eq!(
        alias.subject.unwrap().entity.as_deref(),
        Some("Syrian Arab Republic")
    );
    let fuzzy = resolve(
        &claim(&[named("Indonesa")], "population", "1987-12-31"),
        &l.index,
    );
    let s = fuzzy.subject.unwrap();
    assert_eq!(s.entity.as_deref(), Some("Indonesia"));
    assert!(s.score.unwrap() < 1.0 && s.score.unwrap() > 0.85);
    // A code is no name in text ("ECUs" are currency units, not Ecuador).
    let code = resolve(
        &claim(&[named("SYR")], "population", "2017-11-11"),
        &l.index,
    );
    assert_eq!(code.subject.unwrap().entity, None);
}

#[test]
fn aggregates_resolve_only_by_name() {
    let l = loaded();
    let r = resolve(
        &claim(&[named("Wordl")], "population", "2016-12-31"),
        &l.index,
    );
    assert_eq!(r.outcome.unwrap_err().reason, Reason::UnknownEntity);
    let r = resolve(
        &claim(&[named("World")], "population", "2016-12-31"),
        &l.index,
    );
    assert!(r.outcome.is_ok());
}

#[test]
fn picks_the_latest_row_at_the_as_of_date() {
    let l = loaded();
    let at = |d: &str| match resolve(&claim(&[named("Syrian civil war")], "deaths", d), &l.index)
        .outcome
    {
        Ok(Target::Value { rows }) => rows[0].value,
        other => panic!("{other:?}"),
    };
    assert_eq!(at("2015-01-01"), 191369.0);
    assert_eq!(at("2017-11-11"), 470000.0);
    let early = resolve(
        &claim(&[named("Syrian civil war")], "deaths", "2013-01-01"),
        &l.index,
    );
    assert_eq!(early.outcome.unwrap_err().reason, Reason::NoRowForPeriod);
}

#[test]
fn entity_must_have_the_metric_and_coref_finds_it() {
    let l = loaded();
    // "The raging conflict in Syria ... deaths": Syria (a country) has no deaths;
    // "the conflict" stands for the document's Syrian civil war.
    let c = claim(
        &[
            named("Syria"),
            SubjectRef::Coref {
                mention: "conflict".into(),
            },
        ],
        "deaths",
        "2017-11-11",
    );
    let r = resolve(&c, &l.index);
    assert_eq!(
        r.subject.as_ref().unwrap().entity.as_deref(),
        Some("Syrian civil war")
    );
    assert_eq!(&*r.subject.unwrap().mention, "conflict");
    let only_country = resolve(&claim(&[named("Syria")], "deaths", "2017-11-11"), &l.index);
    assert_eq!(
        only_country.outcome.unwrap_err().reason,
        Reason::NoMetricForEntity
    );
}

#[test]
fn unknown_entity_is_not_guessed() {
    let l = loaded();
    let r = resolve(
        &claim(&[named("Narnia")], "population", "2016-12-31"),
        &l.index,
    );
    let u = r.outcome.unwrap_err();
    assert_eq!(u.reason, Reason::UnknownEntity);
    assert!(u.detail.contains("Narnia"));
}

#[test]
fn broken_files_are_reported_with_file_and_line() {
    let dir = folder(&[
        ("bad.csv", "entity,metric,value,low,high,unit,date,source,url\nA,deaths,12x,,,people,2016,S,\nA,deaths,5,,,people,2016-13-01,S,\nA,deaths,5,,,people,2016,S\nA,deaths,7,,,people,2017,S,\nA,deaths,8,,,people,2017,S,\n"),
        ("odd.csv", "name,count\nA,1\n"),
        ("aliases.csv", "alias,entity\nAy,Nobody\n"),
    ]);
    let l = load(dir.path());
    let found: Vec<(String, Option<u64>)> = l
        .problems
        .iter()
        .map(|p| (p.file.rsplit('/').next().unwrap().to_string(), p.line))
        .collect();
    for expected in [
        ("bad.csv", Some(2)),
        ("bad.csv", Some(3)),
        ("bad.csv", Some(4)),
        ("bad.csv", Some(6)),
        ("odd.csv", Some(1)),
        ("aliases.csv", Some(2)),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} not in {:?}",
            l.problems
        );
    }
    assert!(l
        .problems
        .iter()
        .any(|p| p.message.contains("not a number")));
    assert!(l
        .problems
        .iter()
        .any(|p| p.message.contains("duplicate key")));
    assert!(l.problems.iter().any(|p| p.hint.contains("datasets.toml")));
}

#[test]
fn wide_year_columns_are_read() {
    let dir = folder(&[
        ("wide.csv", "Country Name,Country Code,2015,2016\nNiger,NER,20000000,\nChad,TCD,14000000,14500000\n"),
        ("datasets.toml", "[[dataset]]\nfile = \"wide.csv\"\nshape = \"wide\"\nentity = \"Country Name\"\nmetric = { constant = \"population\" }\nunit = { constant = \"people\" }\n"),
    ]);
    let l = load(dir.path());
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(l.index.rows(), 3);
    let r = resolve(
        &claim(&[named("Chad")], "population", "2016-12-31"),
        &l.index,
    );
    match r.outcome {
        Ok(Target::Value { rows }) => assert_eq!(rows[0].value, 14500000.0),
        other => panic!("{other:?}"),
    }
}

#[test]
fn wide_metric_columns_are_read() {
    let dir = folder(&[
        ("desk.csv", "Conflict,As of,Deaths,Injured\nSyrian civil war,2016-02-11,470000,1880000\n"),
        (
            "datasets.toml",
            "[[dataset]]\nfile = \"desk.csv\"\nshape = \"wide\"\nentity = \"Conflict\"\ndate = \"As of\"\nmetric_columns = { deaths = \"Deaths\", wounded = \"Injured\" }\nunit = { constant = \"people\" }\nsource = { constant = \"Desk\" }\n",
        ),
    ]);
    let l = load(dir.path());
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(l.index.rows(), 2);
    let r = resolve(
        &claim(&[named("Syrian civil war")], "wounded", "2017-01-01"),
        &l.index,
    );
    match r.outcome {
        Ok(Target::Value { rows }) => {
            assert_eq!(rows[0].value, 1880000.0);
            assert_eq!(l.index.evidence(rows[0]).source, "Desk");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn several_sources_each_give_their_row() {
    let dir = folder(&[
        (
            "a.csv",
            "entity,metric,value,low,high,unit,date,source,url\nX,deaths,100,,,people,2016,A,\n",
        ),
        (
            "b.csv",
            "entity,metric,value,low,high,unit,date,source,url\nX,deaths,130,,,people,2016-06,B,\n",
        ),
    ]);
    let l = load(dir.path());
    match resolve(&claim(&[named("X")], "deaths", "2017-01-01"), &l.index).outcome {
        Ok(Target::Value { rows }) => assert_eq!(
            rows.iter().map(|r| r.value).collect::<Vec<_>>(),
            vec![100.0, 130.0]
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn built_in_country_names_need_no_aliases_file() {
    let dir = folder(&[(
        "population.csv",
        "entity,metric,value,low,high,unit,date,source,url\nMyanmar,population,53000000,,,people,2017,WB,\n\"Congo, Dem. Rep.\",population,33298904,,,people,1987,WB,\n\"Korea, Rep.\",population,51361911,,,people,2017,WB,\nEswatini,population,1100000,,,people,2017,WB,\n",
    )]);
    let l = load(dir.path());
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    for (name, entity) in [
        ("Burma", "Myanmar"),
        ("Zaire", "Congo, Dem. Rep."),
        ("South Koreans", "Korea, Rep."),
        ("Swaziland", "Eswatini"),
    ] {
        let r = resolve(&claim(&[named(name)], "population", "2017-12-31"), &l.index);
        assert_eq!(r.subject.unwrap().entity.as_deref(), Some(entity), "{name}");
    }
    // Names of entities the data does not have are not added.
    assert!(l.index.lookup("Russia").is_empty());
}

#[test]
fn the_newsrooms_aliases_win_over_built_in_names() {
    let dir = folder(&[
        ("population.csv", "entity,metric,value,low,high,unit,date,source,url\nMyanmar,population,53000000,,,people,2017,WB,\nBurma (historical),population,1,,,people,2017,Desk,\n"),
        ("aliases.csv", "alias,entity\nBurma,Burma (historical)\n"),
    ]);
    let l = load(dir.path());
    let r = resolve(
        &claim(&[named("Burma")], "population", "2017-12-31"),
        &l.index,
    );
    assert_eq!(
        r.subject.unwrap().entity.as_deref(),
        Some("Burma (historical)")
    );
}
