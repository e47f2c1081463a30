//! Scoring claims against annotated gold data: `claimsift eval`.
//!
//! ```text
//! claimsift eval --gold GOLD.jsonl --articles ARTICLES.jsonl [--kinds direct,mixed]
//! claimsift eval --gold GOLD.jsonl --pred claims.csv [--articles ARTICLES.jsonl] [--kinds …]
//! ```
//!
//! The figures are those of the project's reference scorer, `score.py` (beside the PolNeAR
//! data in `../shared/eval`), computed the same way with the same rounding, so the first
//! lines of the output equal what `python3 score.py GOLD PRED --articles ARTICLES` prints,
//! byte for byte (a test checks it). After them comes a breakdown by rule and by cue that
//! score.py does not give.
//!
//! ```
//! use claimsift::eval::{score, CharSpan, Gold, GoldArticle, GoldAttribution, Prediction, Predictions};
//!
//! let gold = Gold {
//!     articles: vec![GoldArticle {
//!         id: "a1".into(),
//!         attributions: vec![GoldAttribution {
//!             content: CharSpan::new(10, 30),
//!             source: Some(CharSpan::new(0, 4)),
//!             ..GoldAttribution::default()
//!         }],
//!     }],
//! };
//! let mut preds = Predictions::new();
//! preds.push("a1", Prediction {
//!     content: CharSpan::new(12, 30), // covers 18 of the 20 gold characters
//!     source: Some(CharSpan::new(2, 8)),
//!     ..Prediction::default()
//! });
//! let scores = score(&gold, &preds, 0.8, None);
//! assert_eq!((scores.true_pos, scores.false_neg, scores.false_pos), (1, 0, 0));
//! assert_eq!(scores.source_acc(), Some(100.0));
//! assert!(scores.json_line().starts_with(r#"{"threshold": 0.8, "gold": 1, "pred": 1, "tp": 1,"#));
//! ```
//!
//! # Gold JSONL
//!
//! One attribution per line, as `../shared/eval/*.gold.jsonl` holds them. Offsets are
//! `[start, end]` in code points of the article text (Python `str` indices), end excluded.
//!
//! | field | meaning |
//! |---|---|
//! | `article_id` | the article (a string; a number is read as its digits) |
//! | `content` | what was said: `[start, end]`, the hull of a discontinuous span; required |
//! | `source`, `cue` | the speaker and the cue, `[start, end]` or `null` |
//! | `kind` | `direct`, `mixed` or `indirect`; `--kinds` leaves out a line without one |
//! | `reference` | optional: the speaker's full name, for `canonical_acc` |
//! | `cue_text` | optional: the cue as written, for the breakdown (else cut from the article) |
//!
//! Other fields are ignored. Only the articles named in the gold file are scored.
//!
//! # Predictions
//!
//! - By default the pipeline (`--pipeline FILE`, or the built-in one) runs over the gold
//!   articles found in `--articles`, in this process, and every claim is a prediction exactly
//!   as its `claims.csv` row would be.
//! - `--pred claims.csv` scores a table written by `claimsift extract` (or by anything that
//!   writes its columns `article_id`, `char_start`, `char_end`, `speaker_char_start`,
//!   `speaker_char_end`, `cue_char_start`, `cue_char_end`, `speaker_canonical`, `kind`;
//!   `rule` and `cue` feed the breakdown). Rows of kind `assertion` are not attributions and
//!   are left out; an empty cell means "none".
//! - `--pred FILE` with another extension reads JSONL in the gold shape; `kind`,
//!   `content_spans`, `speaker_canonical`, `declared_kind`, `rule` and `cue_text` are
//!   optional.
//!
//! When the articles are given, every prediction's kind is derived from the article text
//! exactly as the gold kinds were (see [`quote_mask`] and [`classify`]); a claim declared
//! `direct` whose hull holds several quoted regions (a quote split around its attribution) is
//! classified by those regions, and `--split-pieces` scores each region as a prediction of its
//! own (for gold that annotates the pieces separately). Without the articles, a prediction's
//! kind is a JSONL `kind` field, and `--kinds` leaves out predictions without one (all rows of
//! a `claims.csv`).
//!
//! # Matching
//!
//! Per article, for each gold attribution in file order, the unused prediction whose content
//! covers the largest share of the gold content, if that share is above the threshold
//! (`|gold ∩ pred| / |gold|` in code points of the hulls; the first such prediction on a tie),
//! finds it. Unfound gold attributions are misses (`fn`), unused predictions false alarms
//! (`fp`). Among found ones, `source_acc` and `cue_acc` count speaker and cue spans that
//! overlap, or are both missing; `canonical_acc` counts, where the gold has a `reference`,
//! predicted canonical names equal to it case-folded, or holding its last word. `exact_*`
//! count predictions whose content span equals a gold content span.
//!
//! # Output
//!
//! One JSON line per threshold (`--thresholds`, default `0.3,0.8`), with the keys in this
//! order: `threshold`, `gold`, `pred`, `tp`, `fn`, `fp`, `P`, `R`, `F1`, `source_acc`,
//! `cue_acc`, `canonical_acc` (`null` when nothing could be counted), `exact_P`, `exact_R`,
//! `exact_F1`. Percentages are rounded to one decimal as Python's `round(x, 1)` does.
//!
//! Then, unless `--no-breakdown`, a table per rule (found, false alarms, precision and
//! speaker accuracy of the predictions each rule made) and a table per cue, lowercased:
//! gold attributions found and missed with the recall (by their gold cue) and false alarms
//! (by their predicted cue),
//! both at the first threshold.

mod data;
mod kinds;
mod matching;
mod py;
mod pyunicode;

pub use data::{
    read_articles, CharSpan, Gold, GoldArticle, GoldAttribution, Prediction, Predictions,
};
pub use kinds::{classify, quote_mask, quoted_pieces, OutOfText};
pub use matching::{same_person, score, ItemRef, Match, Scores};

use crate::cli::{EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE};
use crate::doc::Article;
use crate::pipeline::Pipeline;
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::PathBuf;

/// The arguments of `claimsift eval`.
#[derive(Clone, Debug, PartialEq, clap::Args)]
pub struct EvalArgs {
    /// Gold attributions, JSONL (article_id, content, source, cue, kind, optional reference).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// The articles (JSONL with id and text, or any INPUT extract reads): the pipeline runs
    /// over them, and prediction kinds are derived from their text.
    #[arg(long, value_name = "FILE")]
    pub articles: Option<String>,
    /// Score this claims.csv (or gold-shaped .jsonl) instead of running the pipeline.
    #[arg(long, value_name = "FILE")]
    pub pred: Option<PathBuf>,
    /// Score only these kinds, comma-separated (direct, mixed, indirect), in gold and
    /// predictions alike.
    #[arg(long, value_name = "LIST")]
    pub kinds: Option<String>,
    /// Coverage thresholds, comma-separated: a prediction finds a gold attribution when it
    /// covers more than this share of its content.
    #[arg(long, default_value = "0.3,0.8", value_name = "LIST")]
    pub thresholds: String,
    /// Score each quoted piece of a split direct quote as a prediction of its own.
    #[arg(long)]
    pub split_pieces: bool,
    /// A pipeline file to run instead of the built-in news-en pipeline.
    #[arg(long, value_name = "FILE", conflicts_with = "pred")]
    pub pipeline: Option<PathBuf>,
    /// Worker threads for the pipeline; default: all cores.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print only the score lines, without the breakdown by rule and cue.
    #[arg(long)]
    pub no_breakdown: bool,
    /// How many cues the breakdown lists.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}

impl EvalArgs {
    /// The arguments for scoring the built-in pipeline on `articles` against `gold`, every
    /// other setting at its default.
    pub fn new(gold: impl Into<PathBuf>, articles: impl Into<String>) -> EvalArgs {
        EvalArgs {
            gold: gold.into(),
            articles: Some(articles.into()),
            pred: None,
            kinds: None,
            thresholds: "0.3,0.8".to_string(),
            split_pieces: false,
            pipeline: None,
            threads: None,
            no_breakdown: false,
            top: 20,
        }
    }
}

/// Why an evaluation could not run, and where: `gold.jsonl:12: `content` is missing`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The file and line (or the option) the problem is in; empty when there is none.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl EvalError {
    /// An error at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> EvalError {
        EvalError {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

impl std::error::Error for EvalError {}

/// What an evaluation found.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalReport {
    /// The scores, one per threshold.
    pub scores: Vec<Scores>,
    /// The output: score.py's JSON lines, then the breakdown unless it was turned off.
    pub text: String,
    /// Articles that could not be read or processed, one line each.
    pub failures: Vec<String>,
    /// Things worth knowing about the inputs (gold articles without text, unknown kinds).
    pub notes: Vec<String>,
}

/// Runs `claimsift eval`: prints the report, and returns the exit code (`0`, `1` when some
/// articles failed, `2` when the evaluation could not run).
pub fn main(args: EvalArgs) -> i32 {
    let report = match run_eval(&args) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("claimsift: {e}");
            return EXIT_UNUSABLE;
        }
    };
    for line in report.notes.iter().chain(&report.failures) {
        eprintln!("claimsift: {line}");
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out
        .write_all(report.text.as_bytes())
        .and_then(|()| out.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("claimsift: standard output: {e}");
            return EXIT_UNUSABLE;
        }
    }
    if report.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

/// Loads the gold data, makes or reads the predictions, and scores them at every threshold.
pub fn run_eval(args: &EvalArgs) -> Result<EvalReport, EvalError> {
    let thresholds = parse_thresholds(&args.thresholds)?;
    // As score.py: split on commas, nothing trimmed; an empty list filters nothing.
    let kinds: Option<Vec<&str>> = args
        .kinds
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(|k| k.split(',').collect());
    let mut notes = Vec::new();
    let mut failures = Vec::new();
    if let Some(kinds) = &kinds {
        for kind in kinds {
            if !["direct", "mixed", "indirect"].contains(kind) {
                notes.push(format!(
                    "--kinds: `{kind}` is not a kind (direct, mixed, indirect)"
                ));
            }
        }
    }
    if args.articles.is_none() && args.pred.is_none() {
        return Err(EvalError::new(
            "",
            "give --articles to run the pipeline over the gold articles, or --pred with a claims.csv",
        ));
    }
    if args.threads == Some(0) {
        return Err(EvalError::new("--threads", "must be at least 1"));
    }
    let gold = Gold::from_jsonl(&args.gold)?;
    let articles = match &args.articles {
        Some(input) => {
            let ids = gold.ids();
            let mut on_failure = |line: &str| failures.push(line.to_string());
            read_articles(input, |id| ids.contains(id), &mut on_failure)
        }
        None => Vec::new(),
    };
    let mut preds = match &args.pred {
        Some(path) => Predictions::from_file(path)?,
        None => {
            let input = args.articles.as_deref().unwrap_or_default();
            let found: std::collections::HashSet<&str> =
                articles.iter().map(|a| a.id.as_str()).collect();
            let absent = gold
                .articles
                .iter()
                .filter(|a| !found.contains(a.id.as_str()))
                .count();
            if absent > 0 {
                notes.push(format!(
                    "{absent} of {} gold articles are not in {input}: their attributions count as missed",
                    gold.articles.len()
                ));
            }
            let pipeline = match &args.pipeline {
                Some(path) => Pipeline::from_file_or_built_in(path),
                None => Pipeline::default_pipeline(),
            }
            .map_err(|e| EvalError::new("", e.to_string()))?;
            let threads = args
                .threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let mut on_failure = |line: &str| failures.push(line.to_string());
            Predictions::predict(&pipeline, &articles, threads, &mut on_failure)
        }
    };
    if args.articles.is_some() {
        preds.derive_kinds(&articles, args.split_pieces)?;
    }
    let scores: Vec<Scores> = thresholds
        .iter()
        .map(|&t| score(&gold, &preds, t, kinds.as_deref()))
        .collect();
    let mut text = String::new();
    for s in &scores {
        text.push_str(&s.json_line());
        text.push('\n');
    }
    if !args.no_breakdown {
        if let Some(first) = scores.first() {
            let title = format!(
                "Breakdown at threshold {}{}",
                py::float_repr(first.threshold),
                args.kinds
                    .as_deref()
                    .filter(|k| !k.is_empty())
                    .map_or(String::new(), |k| format!(", kinds {k}"))
            );
            let table = Breakdown::new(&gold, &preds, first, &articles);
            text.push('\n');
            text.push_str(&table.render(&title, args.top));
        }
    }
    Ok(EvalReport {
        scores,
        text,
        failures,
        notes,
    })
}

fn parse_thresholds(list: &str) -> Result<Vec<f64>, EvalError> {
    list.split(',')
        .map(|item| match py::strip(item).parse::<f64>() {
            Ok(t) if t.is_finite() => Ok(t),
            _ => Err(EvalError::new(
                "--thresholds",
                format!("`{item}` is not a number"),
            )),
        })
        .collect()
}

/// One row of the breakdown by rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleRow {
    /// The rule's id (`(no rule)` for predictions without one).
    pub rule: String,
    /// Gold attributions its predictions found.
    pub found: usize,
    /// Its predictions that found nothing.
    pub false_alarms: usize,
    /// Of the found ones, those with the right speaker (overlapping spans).
    pub speaker_ok: usize,
}

/// One row of the breakdown by cue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CueRow {
    /// The cue, lowercased, white space folded (`(no cue)` when there is none).
    pub cue: String,
    /// Gold attributions with this cue that were found.
    pub found: usize,
    /// Gold attributions with this cue that were missed.
    pub missed: usize,
    /// Predictions with this cue that found nothing.
    pub false_alarms: usize,
}

/// Where the errors are: hits and false alarms by rule, misses and false alarms by cue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// By rule, most predictions first.
    pub rules: Vec<RuleRow>,
    /// By cue, most errors (missed + false alarms) first.
    pub cues: Vec<CueRow>,
}

impl Breakdown {
    /// The breakdown of `scores` (made from `gold` and `preds`). A gold cue without
    /// `cue_text` is cut from its article in `articles` when it is there.
    pub fn new(
        gold: &Gold,
        preds: &Predictions,
        scores: &Scores,
        articles: &[Article],
    ) -> Breakdown {
        let texts: HashMap<&str, &str> = articles
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        let pred_of = |r: &ItemRef| &preds.get(&gold.articles[r.article].id)[r.index];
        let rule_of = |r: &ItemRef| match pred_of(r).rule.as_deref() {
            Some(rule) if !rule.is_empty() => rule.to_string(),
            _ => "(no rule)".to_string(),
        };
        let mut rules: HashMap<String, RuleRow> = HashMap::new();
        for m in &scores.matches {
            let row = rules.entry(rule_of(&m.pred)).or_default();
            row.found += 1;
            row.speaker_ok += usize::from(m.source_ok);
        }
        for r in &scores.false_alarms {
            rules.entry(rule_of(r)).or_default().false_alarms += 1;
        }
        let mut cues: HashMap<String, CueRow> = HashMap::new();
        let gold_cue = |r: &ItemRef| {
            let article = &gold.articles[r.article];
            let g = &article.attributions[r.index];
            let text = g.cue_text.clone().or_else(|| {
                let cue = g.cue?;
                let text = texts.get(article.id.as_str())?;
                Some(
                    text.chars()
                        .skip(cue.start)
                        .take(cue.end.saturating_sub(cue.start))
                        .collect(),
                )
            });
            cue_label(g.cue.and(text.as_deref()))
        };
        for r in &scores.missed {
            cues.entry(gold_cue(r)).or_default().missed += 1;
        }
        for m in &scores.matches {
            cues.entry(gold_cue(&m.gold)).or_default().found += 1;
        }
        for r in &scores.false_alarms {
            let p = pred_of(r);
            cues.entry(cue_label(p.cue.and(p.cue_text.as_deref())))
                .or_default()
                .false_alarms += 1;
        }
        let mut rules: Vec<RuleRow> = rules
            .into_iter()
            .map(|(rule, row)| RuleRow { rule, ..row })
            .collect();
        rules.sort_by(|a, b| {
            (b.found + b.false_alarms)
                .cmp(&(a.found + a.false_alarms))
                .then_with(|| a.rule.cmp(&b.rule))
        });
        let mut cues: Vec<CueRow> = cues
            .into_iter()
            .map(|(cue, row)| CueRow { cue, ..row })
            .collect();
        cues.sort_by(|a, b| {
            (b.missed + b.false_alarms)
                .cmp(&(a.missed + a.false_alarms))
                .then_with(|| a.cue.cmp(&b.cue))
        });
        Breakdown { rules, cues }
    }

    /// The two tables as text under `title`, listing the first `top` cues.
    pub fn render(&self, title: &str, top: usize) -> String {
        let pct = |num: usize, den: usize| {
            if den == 0 {
                "-".to_string()
            } else {
                format!("{:.1}", 100.0 * num as f64 / den as f64)
            }
        };
        let mut out = format!("{title}\n\n");
        let width = self
            .rules
            .iter()
            .map(|r| r.rule.chars().count())
            .chain([4])
            .max()
            .unwrap_or(4);
        out.push_str(&format!(
            "{:width$}  {:>7}  {:>12}  {:>9}  {:>7}\n",
            "rule", "found", "false alarms", "precision", "speaker"
        ));
        for r in &self.rules {
            out.push_str(&format!(
                "{:width$}  {:>7}  {:>12}  {:>9}  {:>7}\n",
                r.rule,
                r.found,
                r.false_alarms,
                pct(r.found, r.found + r.false_alarms),
                pct(r.speaker_ok, r.found),
            ));
        }
        let shown = &self.cues[..top.min(self.cues.len())];
        let width = shown
            .iter()
            .map(|c| c.cue.chars().count())
            .chain([3])
            .max()
            .unwrap_or(3);
        out.push_str(&format!(
            "\n{:width$}  {:>7}  {:>7}  {:>7}  {:>12}\n",
            "cue", "found", "missed", "recall", "false alarms"
        ));
        for c in shown {
            out.push_str(&format!(
                "{:width$}  {:>7}  {:>7}  {:>7}  {:>12}\n",
                c.cue,
                c.found,
                c.missed,
                pct(c.found, c.found + c.missed),
                c.false_alarms
            ));
        }
        if self.cues.len() > shown.len() {
            out.push_str(&format!(
                "({} more cues; --top N lists more)\n",
                self.cues.len() - shown.len()
            ));
        }
        out
    }
}

/// A cue as the breakdown lists it: lowercased, white space folded to single spaces.
fn cue_label(cue: Option<&str>) -> String {
    match cue.map(|c| py::split(c).join(" ").to_lowercase()) {
        Some(c) if !c.is_empty() => c,
        _ => "(no cue)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Yes,” she said, “we will.” Lee said the plan works.";

    /// Writes `files` (name, content) into a temporary folder.
    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        dir
    }

    fn articles_line() -> String {
        serde_json::json!({"id": "a", "text": TEXT}).to_string() + "\n"
    }

    /// The CLI mounts [`EvalArgs`] as a subcommand, as this wrapper does.
    #[derive(Debug, clap::Parser)]
    struct Wrapper {
        #[command(subcommand)]
        command: WrapperCommand,
    }

    #[derive(Debug, clap::Subcommand)]
    enum WrapperCommand {
        Eval(EvalArgs),
    }

    fn parse(args: &[&str]) -> Result<EvalArgs, clap::Error> {
        use clap::Parser;
        let args = ["claimsift", "eval"].iter().chain(args);
        Wrapper::try_parse_from(args).map(|w| match w.command {
            WrapperCommand::Eval(args) => args,
        })
    }

    #[test]
    fn args_as_a_subcommand() {
        use clap::CommandFactory;
        Wrapper::command().debug_assert();
        let args = parse(&[
            "--gold",
            "g.jsonl",
            "--articles",
            "a.jsonl",
            "--kinds",
            "direct,mixed",
        ])
        .unwrap();
        let mut want = EvalArgs::new("g.jsonl", "a.jsonl");
        want.kinds = Some("direct,mixed".into());
        assert_eq!(args, want);
        let args = parse(&[
            "--gold",
            "g",
            "--pred",
            "c.csv",
            "--split-pieces",
            "--thresholds",
            "0.5",
            "--top",
            "3",
            "--no-breakdown",
        ])
        .unwrap();
        assert_eq!(args.pred, Some(PathBuf::from("c.csv")));
        assert!(args.split_pieces && args.no_breakdown);
        assert_eq!(
            (args.thresholds.as_str(), args.top, args.articles),
            ("0.5", 3, None)
        );
        assert!(
            parse(&["--articles", "a.jsonl"]).is_err(),
            "--gold is required"
        );
        assert!(parse(&["--gold", "g", "--pred", "c.csv", "--pipeline", "p.toml"]).is_err());
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                "{\"article_id\": \"a\", \"content\": [1, 2]}\n{\"article_id\": \"a\"}\n",
                "gold.jsonl:2: `content` is missing",
            ),
            (
                "{\"article_id\": \"a\", \"content\": [1, -2]}\n",
                "gold.jsonl:1: `content` must be [start, end]",
            ),
            (
                "{\"article_id\": \"a\", \"content\": [1, 2], \"kind\": 3}\n",
                "gold.jsonl:1: `kind` must be a string",
            ),
            (
                "\n{\"content\": [1, 2]}\n",
                "gold.jsonl:2: `article_id` must be",
            ),
            ("[1, 2]\n", "gold.jsonl:1: expected a JSON object"),
            ("{oops\n", "gold.jsonl:1: key must be a string"),
        ];
        for (gold, want) in cases {
            let dir = folder(&[("gold.jsonl", gold), ("pred.jsonl", "")]);
            let mut args = EvalArgs::new(dir.path().join("gold.jsonl"), "");
            args.articles = None;
            args.pred = Some(dir.path().join("pred.jsonl"));
            let message = run_eval(&args).unwrap_err().to_string();
            assert!(message.contains(want), "{message} lacks {want}");
        }
    }

    #[test]
    fn argument_errors() {
        let dir = folder(&[
            ("gold.jsonl", ""),
            ("claims.csv", "article_id,char_start\na,x\n"),
        ]);
        let gold = dir.path().join("gold.jsonl");
        let mut args = EvalArgs::new(&gold, "");
        args.articles = None;
        let message = run_eval(&args).unwrap_err().to_string();
        assert!(message.contains("give --articles"), "{message}");
        args.pred = Some(dir.path().join("claims.csv"));
        args.thresholds = "0.3,high".into();
        let message = run_eval(&args).unwrap_err().to_string();
        assert_eq!(message, "--thresholds: `high` is not a number");
        args.thresholds = "0.3".into();
        // char_end is missing, so the row has no content and is skipped, as score.py does
        assert!(run_eval(&args).is_ok());
        std::fs::write(
            dir.path().join("claims.csv"),
            "article_id,char_start,char_end\na,x,3\n",
        )
        .unwrap();
        let message = run_eval(&args).unwrap_err().to_string();
        assert!(
            message
                .ends_with("claims.csv#1 (line 2): `x` is not an offset (a whole number from 0)"),
            "{message}"
        );
    }

    #[test]
    fn claims_csv_rows() {
        let csv = "\u{feff}article_id,kind,char_start,char_end,speaker_char_start,speaker_char_end,cue_char_start,cue_char_end,speaker_canonical,rule,cue\n\
                   a,direct,0,26,, 9,,,\" Lee \",r1,said\n\
                   a,assertion,27,52,,,,,,r2,\n\
                   a,indirect,36,,,,,,,r3,\n\
                   a,indirect, 36 ,52,27,30,31,35,,r4,said\n";
        let preds = Predictions::read_csv(csv.as_bytes(), "claims.csv").unwrap();
        let list = preds.get("a");
        assert_eq!(
            list.len(),
            2,
            "the assertion and the row without an end are left out"
        );
        assert_eq!(list[0].content, CharSpan::new(0, 26));
        assert_eq!(list[0].source, None, "one empty end makes no span");
        assert_eq!(list[0].speaker_canonical.as_deref(), Some("Lee"));
        assert_eq!(list[0].declared_kind.as_deref(), Some("direct"));
        assert_eq!(list[1].content, CharSpan::new(36, 52));
        assert_eq!(list[1].source, Some(CharSpan::new(27, 30)));
        assert_eq!(list[1].rule.as_deref(), Some("r4"));
        assert_eq!(list[1].kind, None, "kinds come from the text, when given");
    }

    #[test]
    fn split_quotes_are_classified_by_their_pieces() {
        let article = Article {
            id: "a".into(),
            source: String::new(),
            text: TEXT.into(),
        };
        let split = Prediction {
            content: CharSpan::new(0, 26),
            declared_kind: Some("direct".into()),
            ..Prediction::default()
        };
        let reported = Prediction {
            content: CharSpan::new(36, 52),
            declared_kind: Some("indirect".into()),
            ..Prediction::default()
        };
        let mut preds = Predictions::new();
        preds.push("a", split.clone());
        preds.push("a", reported.clone());
        preds.push("b", split.clone()); // no text: left as it is
        let mut pieces = preds.clone();
        preds
            .derive_kinds(std::slice::from_ref(&article), false)
            .unwrap();
        let list = preds.get("a");
        // the hull holds "she said", but the pieces are all quoted
        assert_eq!(list[0].kind.as_deref(), Some("direct"));
        assert_eq!(
            list[0].content_spans,
            Some(vec![CharSpan::new(0, 6), CharSpan::new(17, 26)])
        );
        assert_eq!(list[1].kind.as_deref(), Some("indirect"));
        assert_eq!(preds.get("b")[0].kind, None);
        pieces.derive_kinds(&[article], true).unwrap();
        let contents: Vec<CharSpan> = pieces.get("a").iter().map(|p| p.content).collect();
        assert_eq!(
            contents,
            [
                CharSpan::new(0, 6),
                CharSpan::new(17, 26),
                CharSpan::new(36, 52)
            ]
        );
    }

    #[test]
    fn a_span_beyond_the_text_is_an_error() {
        let article = Article {
            id: "a".into(),
            source: String::new(),
            text: "short".into(),
        };
        let mut preds = Predictions::new();
        preds.push(
            "a",
            Prediction {
                content: CharSpan::new(2, 40),
                ..Prediction::default()
            },
        );
        let message = preds
            .derive_kinds(&[article], false)
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "article a: predicted span [2, 40] lies beyond the text (5 characters)"
        );
    }

    #[test]
    fn pipeline_run_and_breakdown() {
        let gold = concat!(
            r#"{"article_id": "a", "content": [0, 26], "source": [7, 10], "cue": [11, 15], "kind": "direct"}"#,
            "\n",
            r#"{"article_id": "a", "content": [37, 51], "source": [27, 30], "cue": [31, 35], "kind": "indirect", "cue_text": "Said"}"#,
            "\n",
            r#"{"article_id": "a", "content": [1, 5], "source": null, "cue": [50, 52], "kind": "direct", "cue_text": "Told\nUs"}"#,
            "\n",
            r#"{"article_id": "gone", "content": [0, 4], "kind": "direct"}"#,
            "\n",
        );
        let dir = folder(&[("gold.jsonl", gold), ("articles.jsonl", &articles_line())]);
        let mut args = EvalArgs::new(
            dir.path().join("gold.jsonl"),
            dir.path().join("articles.jsonl").to_str().unwrap(),
        );
        args.threads = Some(1);
        args.thresholds = "0.5".into();
        let report = run_eval(&args).unwrap();
        assert_eq!(report.scores.len(), 1);
        assert!(report.failures.is_empty());
        assert_eq!(
            report.notes,
            [format!(
                "1 of 2 gold articles are not in {}: their attributions count as missed",
                args.articles.as_deref().unwrap()
            )]
        );
        let lines: Vec<&str> = report.text.lines().collect();
        assert_eq!(lines[0], report.scores[0].json_line());
        assert_eq!(lines[2], "Breakdown at threshold 0.5");
        let s = &report.scores[0];
        assert_eq!((s.gold, s.true_pos), (4, 2), "{}", report.text);
        // every row with its white space folded
        let rows: Vec<String> = lines.iter().map(|l| py::split(l).join(" ")).collect();
        for want in [
            "rule found false alarms precision speaker",
            "quote-split 1 0 100.0 100.0",
            "speaker-cue-clause 1 0 100.0 100.0",
            "cue found missed recall false alarms",
            // the misses: the inner quote (its prediction went to the first gold) and the
            // article without text; the gold cue text is lowercased and folded
            "(no cue) 0 1 0.0 0",
            "told us 0 1 0.0 0",
        ] {
            assert!(
                rows.iter().any(|r| r == want),
                "no row {want:?} in\n{}",
                report.text
            );
        }
    }
}
