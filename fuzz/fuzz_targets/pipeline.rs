//! Fuzzes the whole default pipeline: the input bytes become an article's text (lossily as
//! UTF-8), and are also read as a JSONL file through the input readers; every article runs
//! through the default pipeline, its claim and sentence rows are rendered and every offset
//! written is checked against the text (see `tests/support/rows.rs`). A panic anywhere, or
//! an offset that does not slice the text to the written text, is a crash.

#![no_main]

use claimsift::{Article, Doc, Inputs, Pipeline, ReadOptions, Record};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "../../tests/support/rows.rs"]
mod rows;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::default_pipeline().expect("the default pipeline builds"))
}

fn check(doc: &mut Doc, article: Article) {
    doc.reset(article);
    pipeline().process(doc);
    if let Err(e) = rows::check_doc(doc) {
        panic!("{e}\ntext: {:?}", doc.text());
    }
}

fuzz_target!(|data: &[u8]| {
    let mut doc = Doc::default();
    let text = String::from_utf8_lossy(data).into_owned();
    check(
        &mut doc,
        Article {
            id: "fuzz".to_string(),
            source: "fuzz".to_string(),
            text,
        },
    );
    let records = Inputs::open(&["-".to_string()], ReadOptions::default())
        .with_stdin(std::io::Cursor::new(data.to_vec()));
    for record in records {
        if let Record::Article(article) = record {
            check(&mut doc, article);
        }
    }
});
