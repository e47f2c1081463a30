//! The English golden rules of sentence segmentation (the pragmatic_segmenter spec, 52
//! cases), run through the sentences stage.
//!
//! The cases are measurement data, not ours, so they are not in the repository: the test
//! reads them from `../shared/eval/sbd/golden_rules_en.jsonl` and is `#[ignore]`d, so
//! `cargo test` runs only our own cases (the sentences stage's unit tests and
//! `tests/sentences_props.rs`). CI runs it with `cargo test --test golden_rules -- --ignored`,
//! where a missing file is a failure.
//!
//! A case passes when the sentence texts equal the expected ones with white-space runs folded
//! to one space: two cases expect a sentence joined over a line break, which the stage gives
//! as one span holding the line break.

use claimsift::{Article, Pipeline};
use std::path::Path;

/// The ids of the cases the stage fails, on purpose or not yet; a change that fails another
/// case, or passes one of these, must update this list.
const KNOWN_FAILURES: &[&str] = &[];

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(serde::Deserialize)]
struct Case {
    id: String,
    name: String,
    text: String,
    sentences: Vec<String>,
}

#[test]
#[ignore = "reads ../shared/eval/sbd/golden_rules_en.jsonl; CI runs it with --ignored"]
fn golden_rules() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/sbd/golden_rules_en.jsonl");
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Case> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(k, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), k + 1))
        })
        .collect();
    assert_eq!(cases.len(), 52, "the English golden rules are 52 cases");
    let pipeline = Pipeline::from_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/sentences.toml"),
    )
    .unwrap();
    let mut failing = Vec::new();
    let mut report = String::new();
    for case in &cases {
        let doc = pipeline.run(Article {
            id: case.id.clone(),
            source: "golden rules".to_string(),
            text: case.text.clone(),
        });
        let got: Vec<String> = doc
            .sentences
            .iter()
            .map(|s| fold(s.span.of(&case.text)))
            .collect();
        let want: Vec<String> = case.sentences.iter().map(|s| fold(s)).collect();
        if got != want {
            failing.push(case.id.as_str());
            report += &format!(
                "{} {}:\n  got  {got:?}\n  want {want:?}\n",
                case.id, case.name
            );
        }
    }
    let passed = cases.len() - failing.len();
    eprintln!("golden rules: {passed}/{} pass\n{report}", cases.len());
    assert_eq!(
        failing,
        KNOWN_FAILURES,
        "{passed}/{} golden rules pass; failing:\n{report}",
        cases.len()
    );
}
