//! Runs the `claimsift` binary over each fixtures folder with its pipeline and checks every
//! article's claims against the folder's `expected/<article>.claims.csv`:
//! `fixtures/articles/` (English) with the default `news-en`, `fixtures/de/articles/` with
//! `news-de`.
//!
//! When a change is meant to change the output, regenerate the expected files with
//! `CLAIMSIFT_BLESS=1 cargo test --test fixtures` and review the diff before committing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Each fixtures folder (holding `articles/` and `expected/`) with the pipeline it runs
/// (`None`: the default).
const FOLDERS: &[(&str, Option<&str>)] = &[("", None), ("de", Some("news-de"))];

/// Runs the binary on the English fixture articles; returns claims.csv's header and rows
/// by article.
fn run_fixtures(out: &Path) -> (String, BTreeMap<String, Vec<String>>) {
    run_folder(out, &fixtures(), None)
}

/// Runs the binary on `folder/articles` with `pipeline`; returns claims.csv's header and
/// rows by article.
fn run_folder(
    out: &Path,
    folder: &Path,
    pipeline: Option<&str>,
) -> (String, BTreeMap<String, Vec<String>>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimsift"));
    command.args(["extract", "--quiet", "--threads", "2", "--out"]);
    command.arg(out).arg(folder.join("articles"));
    if let Some(pipeline) = pipeline {
        command.args(["--pipeline", pipeline]);
    }
    let status = command.status().expect("the binary runs");
    assert_eq!(status.code(), Some(0), "every fixture article is processed");
    let text = std::fs::read_to_string(out.join("claims.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .collect::<Vec<_>>()
        .join(",");
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let mut line = Vec::new();
        {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut line);
            writer.write_record(&record).unwrap();
        }
        rows.entry(record[0].to_string())
            .or_default()
            .push(String::from_utf8(line).unwrap());
    }
    (header, rows)
}

#[test]
fn every_fixture_matches_its_expected_claims() {
    let mut failures = Vec::new();
    for (folder, pipeline) in FOLDERS {
        failures.extend(check_folder(&fixtures().join(folder), *pipeline));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The articles of `folder` whose claims differ from their expected file (or, with
/// `CLAIMSIFT_BLESS`, none: the expected files are written).
fn check_folder(folder: &Path, pipeline: Option<&str>) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let (header, rows) = run_folder(out.path(), folder, pipeline);
    let expected_dir = folder.join("expected");
    let bless = std::env::var_os("CLAIMSIFT_BLESS").is_some();
    let mut articles: Vec<String> = std::fs::read_dir(folder.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    articles.sort();
    let mut failures = Vec::new();
    for id in &articles {
        let got = format!(
            "{header}\n{}",
            rows.get(id).map(|r| r.concat()).unwrap_or_default()
        );
        let path = expected_dir.join(format!("{id}.claims.csv"));
        if bless {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{} is missing: run with CLAIMSIFT_BLESS=1", path.display())
        });
        if want != got {
            failures.push(format!("--- {id}\nexpected:\n{want}\ngot:\n{got}"));
        }
    }
    // No expected file may outlive its article.
    for entry in std::fs::read_dir(&expected_dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let id = name.trim_end_matches(".claims.csv");
        assert!(articles.iter().any(|a| a == id), "{name} has no article");
    }
    failures
}

/// One claims.csv row, as written by `run_folder`, back into its cells.
fn parse_row(line: &str) -> csv::StringRecord {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
}

/// The claims the project's first article must yield, checked by meaning rather than by
/// the exact row, so they hold whatever else changes.
#[test]
fn the_seed_article_yields_its_claims() {
    let out = tempfile::tempdir().unwrap();
    let (_, rows) = run_fixtures(out.path());
    let seed = &rows["000_008f2eee046adc4b"];
    let parsed: Vec<csv::StringRecord> = seed.iter().map(|line| parse_row(line)).collect();
    // columns: 2 kind, 3 text, 4 speaker, 5 speaker_canonical, 6 cue
    let find = |needle: &str| {
        parsed
            .iter()
            .find(|r| r[3].contains(needle))
            .unwrap_or_else(|| panic!("no claim holds {needle:?}"))
    };
    assert!(parsed.iter().any(|r| &r[2] == "direct"));
    let split = find("We have an ingrained culture of handling competition,");
    assert!(split[3].contains("because the cloud giant also competes with its partners."));
    assert_eq!(&split[6], "said");
    assert_eq!(&split[5], "Matt Garman");
    for content in [
        "these are infrastructure bets, not model bets",
        "AWS wins either way if frontier AI runs on its hardware",
    ] {
        let claim = find(content);
        assert_eq!(&claim[2], "indirect", "{content}");
        assert_eq!(&claim[5], "Matt Garman", "{content}");
    }
    for row in &parsed {
        for byline in ["D.O.T.S", "Newsroom", "News Desk"] {
            assert!(
                !row[4].contains(byline),
                "a claim attributed to the byline: {row:?}"
            );
        }
    }
    // columns: 17 rule, 18 confidence, 19 has_number, 20 has_money, 24 hedged
    let investment = find("Amazon Web Services has invested $4 billion in Anthropic");
    assert_eq!(&investment[2], "assertion");
    assert_eq!(&investment[4], "", "an assertion has no speaker");
    assert!(investment[17].starts_with("assertion:"), "{investment:?}");
    assert!(investment[17].contains("money"), "{investment:?}");
    assert_eq!(&investment[19], "true");
    assert_eq!(&investment[20], "true");
    assert_eq!(&investment[24], "false");
    for row in parsed.iter().filter(|r| &r[2] == "assertion") {
        for heading in [
            "D.O.T.S",
            "News Desk",
            "The Garman Argument",
            "Why Both Investments",
            "The Risk to This Strategy",
            "AWS Has Billions",
        ] {
            assert!(
                !row[3].contains(heading),
                "a heading as an assertion: {row:?}"
            );
        }
    }
    // claim_index runs 0..n in text order, assertions interleaved with quote claims.
    let starts: Vec<usize> = parsed.iter().map(|r| r[7].parse().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    for (k, row) in parsed.iter().enumerate() {
        assert_eq!(row[1].parse::<usize>().unwrap(), k);
    }
}

/// German quotes („…“, »…«, ‚…‘ nested) are found and attributed end to end, through the
/// binary with `--pipeline news-de`, checked by meaning rather than by the exact rows.
#[test]
fn german_quotes_are_found_and_attributed() {
    let out = tempfile::tempdir().unwrap();
    let (_, rows) = run_folder(out.path(), &fixtures().join("de"), Some("news-de"));
    // columns: 2 kind, 3 text, 5 speaker_canonical, 6 cue
    let claim = |article: &str, needle: &str| {
        rows[article]
            .iter()
            .map(|line| parse_row(line))
            .find(|r| r[3].contains(needle))
            .unwrap_or_else(|| panic!("{article}: no claim holds {needle:?}"))
    };
    for (article, needle, kind, speaker, cue) in [
        (
            "werk-bleibt",
            "„Wir haben um jeden Arbeitsplatz",
            "direct",
            "Heike Sommer",
            "sagte",
        ),
        (
            "werk-bleibt",
            "‚Wir wollen hier alt werden‘“",
            "direct",
            "Heike Sommer",
            "sagte",
        ),
        (
            "werk-bleibt",
            "„Ohne die Zugeständnisse",
            "direct",
            "Uwe Krämer",
            "sagte",
        ),
        (
            "stadtrat-bruecke",
            "»Der Neubau ist",
            "direct",
            "Martin Keller",
            "so",
        ),
        (
            "stadtrat-bruecke",
            "die Pläne seien",
            "indirect",
            "Daniel Wirth",
            "erklärte",
        ),
        (
            "hochwasser",
            "„Wir haben alles verloren",
            "direct",
            "Monika Haas",
            "sagte",
        ),
    ] {
        let row = claim(article, needle);
        assert_eq!((&row[2], &row[5], &row[6]), (kind, speaker, cue), "{row:?}");
    }
    // "Herr Albers sagte nicht, dass …": a negated cue reports nothing.
    assert!(rows["stadtrat-bruecke"]
        .iter()
        .all(|line| !line.contains("seine Fraktion")));
}
