//! Throughput of each stage of the default pipeline, and of the whole pipeline, on real
//! news, each next to the floor in the same group: a bare `unicode_word_indices` pass over
//! the same texts, one thread. Criterion reports bytes of article text per second, so the
//! ratio of a stage to the floor reads straight off its group.
//!
//! The texts are read from `../shared/corpus/*.jsonl` (one article a line, with a `text`
//! field), relative to the crate; they are not part of the repository, so without them the
//! bench says so and measures nothing.
//!
//! ```text
//! cargo bench --bench stages -- --warm-up-time 1 --measurement-time 3
//! cargo bench --bench stages -- attribution      # one group
//! ```
//!
//! A stage is timed on documents that every stage before it has already annotated (made once,
//! outside the timing); each iteration works on fresh copies of them, since a stage adds to
//! its layers. The `sentences` group also has the bare UAX #29 `unicode_sentences` pass.

use claimsift::{Article, Doc, Pipeline};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput,
};
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

/// The floor every group is measured against.
fn floor(group: &mut BenchmarkGroup<'_, WallTime>, texts: &[String]) {
    group.bench_function("floor_unicode_word_indices", |b| {
        b.iter(|| {
            for text in texts {
                black_box(text.unicode_word_indices().count());
            }
        })
    });
}

fn stages(c: &mut Criterion) {
    let texts = corpus();
    if texts.is_empty() {
        eprintln!("stages bench: no texts in ../shared/corpus/*.jsonl; nothing measured");
        return;
    }
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let pipeline = Pipeline::default_pipeline().expect("the default pipeline builds");
    // Before stage k runs, `docs` holds every article annotated by the stages before it.
    let mut docs: Vec<Doc> = texts
        .iter()
        .map(|text| {
            Doc::new(Article {
                text: text.clone(),
                ..Article::default()
            })
        })
        .collect();
    for stage in pipeline.stages() {
        let mut group = c.benchmark_group(stage.name());
        group.throughput(Throughput::Bytes(bytes));
        group.sample_size(10);
        group.bench_function("claimsift", |b| {
            b.iter_batched(
                || docs.clone(),
                |mut batch| {
                    for doc in &mut batch {
                        stage.process(doc);
                    }
                    batch
                },
                BatchSize::PerIteration,
            )
        });
        floor(&mut group, &texts);
        if stage.name() == "sentences" {
            group.bench_function("unicode_sentences", |b| {
                b.iter(|| {
                    for text in &texts {
                        black_box(text.unicode_sentences().count());
                    }
                })
            });
        }
        group.finish();
        for doc in &mut docs {
            stage.process(doc);
        }
    }

    // The whole pipeline as a worker runs it: one reused document, article after article.
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    let mut doc = Doc::default();
    group.bench_function("claimsift", |b| {
        b.iter(|| {
            for text in &texts {
                doc.reset(Article {
                    text: text.clone(),
                    ..Article::default()
                });
                pipeline.process(&mut doc);
                black_box(doc.claims.len());
            }
        })
    });
    floor(&mut group, &texts);
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
