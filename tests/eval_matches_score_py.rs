//! `claimsift eval` prints the very lines the reference scorer `../shared/eval/score.py`
//! prints for the same input: on small files written here, on random ones, and on the
//! PolNeAR train split with the current pipeline's predictions.
//!
//! The scorer and PolNeAR live outside the repository (CI clones the repo with `../shared`
//! beside it), so these tests are `#[ignore]`d: `cargo test` runs only our own cases, and
//! `.ci/run` runs these with `cargo test --test eval_matches_score_py -- --ignored`, where a
//! missing scorer or `python3` is a failure.

use claimsift::eval::{self, EvalArgs};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_eval() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")
}

/// The scorer; these tests run only when asked for, so a missing one is a failure.
fn scorer() -> PathBuf {
    let script = shared_eval().join("score.py");
    let python = Command::new("python3").arg("--version").output();
    assert!(
        script.is_file() && python.is_ok_and(|o| o.status.success()),
        "needs python3 and {}",
        script.display()
    );
    script
}

/// What score.py prints for `gold` and `pred` with extra `args`.
fn score_py(script: &Path, gold: &Path, pred: &Path, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(script)
        .arg(gold)
        .arg(pred)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "score.py {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The options score.py was given, as `claimsift eval` arguments.
fn eval_args(gold: &Path, pred: Option<&Path>, args: &[&str]) -> EvalArgs {
    let mut e = EvalArgs::new(gold, "");
    e.articles = None;
    e.pred = pred.map(Path::to_path_buf);
    e.no_breakdown = true;
    e.threads = Some(2);
    let mut it = args.iter();
    while let Some(&flag) = it.next() {
        match flag {
            "--split-pieces" => e.split_pieces = true,
            "--kinds" => e.kinds = Some(it.next().unwrap().to_string()),
            "--thresholds" => e.thresholds = it.next().unwrap().to_string(),
            "--articles" => e.articles = Some(it.next().unwrap().to_string()),
            other => panic!("unknown flag {other}"),
        }
    }
    e
}

fn ours(args: &EvalArgs) -> String {
    let report = eval::run_eval(args).unwrap_or_else(|e| panic!("eval failed: {e}"));
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    report.text
}

/// `[start, end]` in code points of the `nth` occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> [usize; 2] {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
        .0;
    let start = text[..byte].chars().count();
    [start, start + needle.chars().count()]
}

fn span(text: &str, needle: &str) -> [usize; 2] {
    at(text, needle, 0)
}

fn json_span(s: Option<[usize; 2]>) -> String {
    s.map_or("null".to_string(), |[a, b]| format!("[{a}, {b}]"))
}

/// Articles written for these tests: split quotes, ASCII and curly marks, a quote over two
/// paragraphs, and characters where Python's isalnum and Rust's is_alphanumeric disagree.
const ARTICLES: [(&str, &str); 5] = [
    (
        "a1",
        "Dana Ruiz runs the bakery. “We sell out by noon,” Ruiz said. “People come early,” \
         she said, “and they wait.” The mayor said the town would grow.",
    ),
    (
        "a2",
        "Officials said on Monday that the bridge is safe.\n\n\"It is sound,\" said Lee Park, \
         an engineer.\n\n“The cables are new.\n\n“The deck is new,” Park added.",
    ),
    (
        "a3",
        "Ⓐ note: “yes” Ⓐ\u{301} here. According to Ms. Çelik, prices rose. «Non», dit-elle.",
    ),
    ("a4", "An article no gold line names. “Hi,” he said."),
    (
        "a5",
        "Gold names it, nothing predicts it: the chief said so.",
    ),
];

fn text_of(id: &str) -> &'static str {
    ARTICLES.iter().find(|(a, _)| *a == id).unwrap().1
}

struct GoldLine {
    id: &'static str,
    content: [usize; 2],
    source: Option<[usize; 2]>,
    cue: Option<[usize; 2]>,
    kind: &'static str,
    reference: Option<&'static str>,
}

fn gold_lines() -> Vec<GoldLine> {
    let (t1, t2, t3, t5) = (text_of("a1"), text_of("a2"), text_of("a3"), text_of("a5"));
    let g = |id, content, source, cue, kind, reference| GoldLine {
        id,
        content,
        source,
        cue,
        kind,
        reference,
    };
    vec![
        g(
            "a1",
            span(t1, "“We sell out by noon,”"),
            Some(at(t1, "Ruiz", 1)),
            Some(span(t1, "said")),
            "direct",
            Some("Dana Ruiz"),
        ),
        // a split quote annotated as its hull
        g(
            "a1",
            [span(t1, "“People")[0], span(t1, "wait.”")[1]],
            Some(span(t1, "she")),
            Some(at(t1, "said", 1)),
            "mixed",
            Some("DANA RUIZ"),
        ),
        g(
            "a1",
            span(t1, "the town would grow"),
            Some(span(t1, "The mayor")),
            Some(at(t1, "said", 2)),
            "indirect",
            Some(""),
        ),
        // the same content twice: one prediction can find only one
        g(
            "a1",
            span(t1, "the town would grow"),
            None,
            None,
            "indirect",
            None,
        ),
        g(
            "a2",
            span(t2, "the bridge is safe"),
            Some(span(t2, "Officials")),
            Some(span(t2, "said")),
            "indirect",
            None,
        ),
        g(
            "a2",
            span(t2, "\"It is sound,\""),
            Some(span(t2, "Lee Park")),
            Some(at(t2, "said", 1)),
            "direct",
            Some("Lee Park"),
        ),
        g(
            "a2",
            [span(t2, "“The cables")[0], span(t2, "new,”")[1]],
            Some(at(t2, "Park", 1)),
            Some(span(t2, "added")),
            "direct",
            Some("Park"),
        ),
        g("a3", span(t3, "“yes” Ⓐ\u{301}"), None, None, "direct", None),
        g(
            "a3",
            span(t3, "prices rose"),
            Some(span(t3, "Ms. Çelik")),
            Some(span(t3, "According to")),
            "indirect",
            Some("Ayşe Çelik"),
        ),
        g(
            "a3",
            span(t3, "«Non»"),
            Some(span(t3, "elle")),
            Some(span(t3, "dit")),
            "direct",
            None,
        ),
        g(
            "a5",
            span(t5, "so"),
            Some(span(t5, "the chief")),
            Some(span(t5, "said")),
            "indirect",
            None,
        ),
        // an empty gold span: nothing covers any of it
        g("a5", [5, 5], None, None, "direct", None),
    ]
}

fn write_gold(path: &Path) {
    let mut out = String::new();
    for g in gold_lines() {
        let text = text_of(g.id);
        let cue_text = g
            .cue
            .map(|[a, b]| text.chars().skip(a).take(b - a).collect::<String>());
        let mut line = format!(
            "{{\"article_id\": \"{}\", \"content\": {}, \"source\": {}, \"cue\": {}, \"kind\": \"{}\"",
            g.id,
            json_span(Some(g.content)),
            json_span(g.source),
            json_span(g.cue),
            g.kind
        );
        if let Some(cue) = cue_text {
            write!(
                line,
                ", \"cue_text\": {}",
                serde_json::to_string(&cue).unwrap()
            )
            .unwrap();
        }
        if let Some(r) = g.reference {
            write!(
                line,
                ", \"reference\": {}",
                serde_json::to_string(r).unwrap()
            )
            .unwrap();
        }
        out.push_str(&line);
        out.push_str("}\n");
    }
    std::fs::write(path, out).unwrap();
}

fn write_articles(path: &Path) {
    let mut out = String::new();
    for (id, text) in ARTICLES {
        out.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

struct PredRow {
    id: &'static str,
    kind: &'static str,
    content: [usize; 2],
    speaker: Option<[usize; 2]>,
    cue: Option<[usize; 2]>,
    canonical: &'static str,
}

fn pred_rows() -> Vec<PredRow> {
    let (t1, t2, t3, t4) = (text_of("a1"), text_of("a2"), text_of("a3"), text_of("a4"));
    let p = |id, kind, content, speaker, cue, canonical| PredRow {
        id,
        kind,
        content,
        speaker,
        cue,
        canonical,
    };
    let split = [span(t1, "“People")[0], span(t1, "wait.”")[1]];
    vec![
        p(
            "a1",
            "direct",
            span(t1, "“We sell out by noon,”"),
            Some(at(t1, "Ruiz", 1)),
            Some(span(t1, "said")),
            "Dana Ruiz",
        ),
        // two predictions covering the split quote equally: the first one wins the tie
        p(
            "a1",
            "direct",
            split,
            Some(span(t1, "she")),
            Some(at(t1, "said", 1)),
            "ruiz",
        ),
        p("a1", "direct", split, None, None, ""),
        p(
            "a1",
            "indirect",
            span(t1, "the town would grow"),
            Some(span(t1, "mayor")),
            Some(at(t1, "said", 2)),
            " The Mayor ",
        ),
        p(
            "a1",
            "assertion",
            span(t1, "Dana Ruiz runs the bakery."),
            None,
            None,
            "",
        ),
        // covers less than 30 % of "the bridge is safe"
        p(
            "a2",
            "indirect",
            span(t2, "safe"),
            Some(span(t2, "Officials")),
            None,
            "",
        ),
        // the wrong speaker
        p(
            "a2",
            "direct",
            span(t2, "\"It is sound,\""),
            Some(span(t2, "an engineer")),
            Some(at(t2, "said", 1)),
            "Lee Park",
        ),
        p(
            "a2",
            "direct",
            [span(t2, "“The cables")[0], span(t2, "new.")[1]],
            Some(at(t2, "Park", 1)),
            Some(span(t2, "added")),
            "Lee Park",
        ),
        p(
            "a2",
            "direct",
            span(t2, "“The deck is new,”"),
            Some(at(t2, "Park", 1)),
            Some(span(t2, "added")),
            "Lee Park",
        ),
        p("a3", "mixed", span(t3, "“yes” Ⓐ\u{301}"), None, None, ""),
        p(
            "a3",
            "indirect",
            span(t3, "prices rose"),
            Some(span(t3, "Çelik")),
            Some(span(t3, "According to")),
            "AYŞE ÇELİK",
        ),
        p(
            "a3",
            "direct",
            span(t3, "«Non»"),
            Some(span(t3, "elle")),
            None,
            "",
        ),
        p(
            "a4",
            "direct",
            span(t4, "“Hi,”"),
            Some(span(t4, "he")),
            Some(span(t4, "said")),
            "",
        ),
    ]
}

/// A claims.csv: columns in another order than extract's, a byte-order mark, an empty id
/// cell nowhere, empty cells for "none".
fn write_claims_csv(path: &Path) {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        w.write_record([
            "article_id",
            "kind",
            "speaker_canonical",
            "char_start",
            "char_end",
            "cue_char_start",
            "cue_char_end",
            "speaker_char_start",
            "speaker_char_end",
            "rule",
            "cue",
        ])
        .unwrap();
        let cells = |s: Option<[usize; 2]>| match s {
            Some([a, b]) => [a.to_string(), b.to_string()],
            None => [String::new(), String::new()],
        };
        for r in pred_rows() {
            let [cs, ce] = cells(Some(r.content));
            let [ks, ke] = cells(r.cue);
            let [ss, se] = cells(r.speaker);
            let text = text_of(r.id);
            let cue: String = r
                .cue
                .map(|[a, b]| text.chars().skip(a).take(b - a).collect())
                .unwrap_or_default();
            w.write_record([
                r.id,
                r.kind,
                r.canonical,
                &cs,
                &ce,
                &ks,
                &ke,
                &ss,
                &se,
                "hand-written",
                &cue,
            ])
            .unwrap();
        }
    }
    std::fs::write(path, out).unwrap();
}

/// The same predictions in the gold shape, with kinds of their own and pieces for one.
fn write_pred_jsonl(path: &Path) {
    let mut out = String::new();
    for (k, r) in pred_rows().iter().enumerate() {
        let mut line = format!(
            "{{\"article_id\": \"{}\", \"content\": {}, \"source\": {}, \"cue\": {}",
            r.id,
            json_span(Some(r.content)),
            json_span(r.speaker),
            json_span(r.cue)
        );
        if k % 3 != 2 {
            write!(line, ", \"kind\": \"{}\"", r.kind).unwrap();
        }
        if k % 2 == 0 {
            write!(line, ", \"speaker_canonical\": \"{}\"", r.canonical).unwrap();
        }
        if k == 7 {
            let [a, b] = r.content;
            write!(
                line,
                ", \"content_spans\": [[{a}, {}], [{}, {b}]]",
                a + 3,
                a + 5
            )
            .unwrap();
        }
        out.push_str(&line);
        out.push_str("}\n");
    }
    std::fs::write(path, out).unwrap();
}

#[test]
#[ignore = "needs python3 and ../shared/eval; CI runs it with --ignored"]
fn same_lines_as_score_py_on_small_files() {
    let script = scorer();
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let articles = dir.path().join("articles.jsonl");
    let csv = dir.path().join("claims.csv");
    let jsonl = dir.path().join("pred.jsonl");
    write_gold(&gold);
    write_articles(&articles);
    write_claims_csv(&csv);
    write_pred_jsonl(&jsonl);
    let a = articles.to_str().unwrap();
    let variants: [(&Path, Vec<&str>); 11] = [
        (&csv, vec![]),
        (&csv, vec!["--kinds", "direct,mixed"]),
        (&csv, vec!["--articles", a]),
        (&csv, vec!["--articles", a, "--kinds", "direct,mixed"]),
        (
            &csv,
            vec!["--articles", a, "--kinds", "direct", "--split-pieces"],
        ),
        (&csv, vec!["--articles", a, "--split-pieces"]),
        (
            &csv,
            vec!["--articles", a, "--thresholds", "0,0.25,0.5,0.999,1"],
        ),
        (&jsonl, vec![]),
        (&jsonl, vec!["--kinds", "direct"]),
        (&jsonl, vec!["--articles", a, "--kinds", "mixed,indirect"]),
        (
            &jsonl,
            vec!["--articles", a, "--split-pieces", "--kinds", "direct"],
        ),
    ];
    for (pred, args) in variants {
        let want = score_py(&script, &gold, pred, &args);
        eprintln!("{} {args:?}\n{want}", pred.display());
        let got = ours(&eval_args(&gold, Some(pred), &args));
        assert_eq!(got, want, "{} {args:?}", pred.display());
    }
}

#[test]
#[ignore = "needs python3 and ../shared/eval; CI runs it with --ignored"]
fn same_lines_as_score_py_when_the_pipeline_runs_in_process() {
    let script = scorer();
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let articles = dir.path().join("articles.jsonl");
    write_gold(&gold);
    write_articles(&articles);
    let claims = extract(&articles, dir.path());
    let a = articles.to_str().unwrap();
    for args in [
        vec!["--articles", a],
        vec!["--articles", a, "--kinds", "direct,mixed"],
    ] {
        let want = score_py(&script, &gold, &claims, &args);
        assert_eq!(ours(&eval_args(&gold, None, &args)), want, "{args:?}");
    }
}

/// Runs `claimsift extract` over `articles`; returns the path of claims.csv.
fn extract(articles: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_claimsift"))
        .args(["extract", "--quiet", "--threads", "2", "--out"])
        .arg(&out)
        .arg(articles)
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(0));
    out.join("claims.csv")
}

/// A small deterministic generator (xorshift64*), so the random cases are the same each run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }

    fn span(&mut self, len: usize) -> [usize; 2] {
        let start = self.below(len);
        [start, start + self.below(12)]
    }

    fn maybe_span(&mut self, len: usize) -> String {
        if self.below(4) == 0 {
            "null".to_string()
        } else {
            json_span(Some(self.span(len)))
        }
    }
}

#[test]
#[ignore = "needs python3 and ../shared/eval; CI runs it with --ignored"]
fn same_lines_as_score_py_on_random_spans() {
    let script = scorer();
    let dir = tempfile::tempdir().unwrap();
    let (gold, pred) = (dir.path().join("gold.jsonl"), dir.path().join("pred.jsonl"));
    let kinds = ["direct", "mixed", "indirect"];
    let names = ["Ann Lee", "ann lee", "Lee", "Bo Diaz", ""];
    for seed in 1..=16u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (mut g, mut p) = (String::new(), String::new());
        let len = 30 + rng.below(40);
        for article in 0..1 + rng.below(6) {
            for _ in 0..rng.below(7) {
                let reference = match rng.below(3) {
                    0 => String::new(),
                    _ => format!(", \"reference\": \"{}\"", names[rng.below(names.len())]),
                };
                writeln!(
                    g,
                    "{{\"article_id\": \"r{article}\", \"content\": {}, \"source\": {}, \"cue\": {}, \"kind\": \"{}\"{reference}}}",
                    json_span(Some(rng.span(len))),
                    rng.maybe_span(len),
                    rng.maybe_span(len),
                    kinds[rng.below(3)]
                )
                .unwrap();
            }
            // predictions for one more article than the gold has
            for _ in 0..rng.below(8) {
                writeln!(
                    p,
                    "{{\"article_id\": \"r{}\", \"content\": {}, \"source\": {}, \"cue\": {}, \"kind\": \"{}\", \"speaker_canonical\": \"{}\"}}",
                    article + rng.below(2),
                    json_span(Some(rng.span(len))),
                    rng.maybe_span(len),
                    rng.maybe_span(len),
                    kinds[rng.below(3)],
                    names[rng.below(names.len())]
                )
                .unwrap();
            }
        }
        std::fs::write(&gold, &g).unwrap();
        std::fs::write(&pred, &p).unwrap();
        for args in [
            vec!["--thresholds", "0,0.2,0.3,0.5,0.8"],
            vec!["--kinds", "direct,mixed", "--thresholds", "0.3,0.6"],
        ] {
            let want = score_py(&script, &gold, &pred, &args);
            let got = ours(&eval_args(&gold, Some(&pred), &args));
            assert_eq!(got, want, "seed {seed} {args:?}\ngold:\n{g}\npred:\n{p}");
        }
    }
}

#[test]
#[ignore = "needs python3 and ../shared/eval; CI runs it with --ignored"]
fn same_lines_as_score_py_on_polnear() {
    let script = scorer();
    let gold = shared_eval().join("polnear.train.gold.jsonl");
    let articles = shared_eval().join("polnear.train.articles.jsonl");
    assert!(
        gold.is_file() && articles.is_file(),
        "needs the PolNeAR files"
    );
    let dir = tempfile::tempdir().unwrap();
    let claims = extract(&articles, dir.path());
    let a = articles.to_str().unwrap();
    for args in [
        vec!["--articles", a],
        vec!["--articles", a, "--kinds", "direct,mixed"],
    ] {
        let want = score_py(&script, &gold, &claims, &args);
        eprintln!("score.py {args:?}:\n{want}");
        // the pipeline in this process, and the claims.csv the binary wrote
        assert_eq!(ours(&eval_args(&gold, None, &args)), want, "{args:?}");
        assert_eq!(
            ours(&eval_args(&gold, Some(&claims), &args)),
            want,
            "--pred {args:?}"
        );
    }
}
