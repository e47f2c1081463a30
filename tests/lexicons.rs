//! Lints every word list under `pipelines/lexicons/`: a provenance header, unique entries,
//! lowercase (unless the header says entries are written "as it must be written"), and
//! sorted within each block (blocks are separated by comment or blank lines), so lists stay
//! reviewable and a duplicate never hides.

use claimsift::lexicon::WordList;
use std::path::Path;

#[test]
fn word_lists_are_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/lexicons");
    let mut checked = 0;
    let mut problems = Vec::new();
    for language in std::fs::read_dir(&root).unwrap() {
        let language = language.unwrap().path();
        for file in std::fs::read_dir(&language).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = WordList::parse(&name, &text) {
                problems.push(e.to_string());
                continue;
            }
            problems.extend(lint(&name, &text));
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} word lists found under {}",
        root.display()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Problems of one list: duplicate keys, uppercase, unsorted blocks.
fn lint(name: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut previous: Option<String> = None;
    let case_matters = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .any(|l| l.contains("as it must be written"));
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            previous = None; // a new block
            continue;
        }
        let key = line.to_string();
        if !case_matters && line != line.to_lowercase() {
            problems.push(format!("{name}: line {}: not lowercase: {line}", k + 1));
        }
        if !seen.insert(key.clone()) {
            problems.push(format!("{name}: line {}: duplicate entry `{key}`", k + 1));
        }
        if let Some(before) = &previous {
            if *before > key {
                problems.push(format!(
                    "{name}: line {}: `{key}` sorts before `{before}`",
                    k + 1
                ));
            }
        }
        previous = Some(key);
    }
    problems
}

#[test]
fn the_lint_finds_problems() {
    let text = "# source: us\n# license: MIT\nbeta\nalpha\nalpha\nGamma\n";
    let problems = lint("x.txt", text);
    assert_eq!(problems.len(), 4, "{problems:?}");
}
