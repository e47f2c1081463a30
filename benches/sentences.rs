//! Throughput of the sentences stage on real news, next to a bare UAX#29
//! `unicode_sentences()` pass over the same texts, in the same run.
//!
//! The texts are read from `../shared/corpus/*.jsonl` (one article a line, with a `text`
//! field), relative to the crate; they are not part of the repository, so without them the
//! bench says so and measures nothing.
//!
//! ```text
//! cargo bench --bench sentences -- --warm-up-time 1 --measurement-time 3
//! ```

use claimsift::stages::sentences::Sentences;
use claimsift::{Article, Doc, Stage};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// The article texts of every `*.jsonl` file in the corpus folder, if there is one.
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    for path in paths {
        let Ok(content) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in content.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(text) = value.get("text").and_then(serde_json::Value::as_str) {
                texts.push(text.to_string());
            }
        }
    }
    texts
}

fn sentences(c: &mut Criterion) {
    let texts = corpus();
    if texts.is_empty() {
        eprintln!("sentences bench: no texts in ../shared/corpus/*.jsonl; nothing measured");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let stage = Sentences::from_default_pipeline().unwrap();
    let mut docs: Vec<Doc> = texts
        .iter()
        .map(|text| {
            Doc::new(Article {
                text: text.clone(),
                ..Article::default()
            })
        })
        .collect();
    let mut group = c.benchmark_group("sentences");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("claimsift", |b| {
        b.iter(|| {
            for doc in &mut docs {
                stage.process(doc);
                black_box(doc.sentences.len());
            }
        })
    });
    group.bench_function("unicode_sentences", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(text.unicode_sentences().count());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, sentences);
criterion_main!(benches);
