//! Shared by the fuzz targets: a small reference index built once, and a
//! run of the whole pipeline and every renderer over ingested sources.

use std::sync::OnceLock;

use claimcheck::ingest::Ingested;
use claimcheck::model::{AsOfSource, Report};
use claimcheck::pipeline::{self, Settings};
use claimcheck::report::{self, Format, RenderOptions};
use claimcheck::resolve::{self, Index};

pub fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("conflicts.csv"),
            "entity,metric,value,low,high,unit,date,source,url\n\
             Syrian civil war,start_date,2011-03-15,,,date,2011-03-15,S,\n\
             Syrian civil war,deaths,470000,,,people,2016-02-11,SCPR,\n\
             Syria,population,18983373,,,people,2017,WB,\n\
             Niger,population,20685753,,,people,2016,WB,\n\
             United States presidential election,held,2016-11-08,,,date,2016-11-08,FEC,\n",
        )
        .unwrap();
        resolve::load(dir.path()).index
    })
}

pub fn check_and_render(ingested: &Ingested) {
    let settings = Settings::new("2017-11-11".parse().unwrap(), AsOfSource::Option);
    let findings = pipeline::check(&ingested.sources, index(), &settings, &|| {});
    let report = Report::new(settings.as_of, None, findings);
    for format in Format::ALL {
        let _ = report::render(&report, format, &RenderOptions {
            color: true,
            ..RenderOptions::default()
        });
    }
}
