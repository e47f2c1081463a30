//! What is scored: gold attributions, the articles, and predictions read from a file or made
//! by running a pipeline.

use super::kinds::{self, OutOfText};
use super::py;
use super::EvalError;
use crate::doc::{Article, CharIndex, Doc};
use crate::input::{Inputs, ReadOptions, Record};
use crate::pipeline::Pipeline;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A half-open range `[start, end)` of code points into an article text (Python `str`
/// indices), as the gold files and the `char_*` columns of `claims.csv` give them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CharSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl CharSpan {
    /// The span `[start, end)`. A reversed span is kept as it is, as the scorer keeps it.
    pub fn new(start: usize, end: usize) -> CharSpan {
        CharSpan { start, end }
    }
}

impl fmt::Display for CharSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {}]", self.start, self.end)
    }
}

/// One annotated attribution of a gold file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldAttribution {
    /// What was said: the hull of the content.
    pub content: CharSpan,
    /// Who said it; `None` when not annotated.
    pub source: Option<CharSpan>,
    /// The cue; `None` when not annotated.
    pub cue: Option<CharSpan>,
    /// `direct`, `mixed` or `indirect`; a gold line without one is left out by `--kinds`.
    pub kind: Option<String>,
    /// The speaker's full name, for canonical accuracy; `None` when the gold has none.
    pub reference: Option<String>,
    /// The cue as written (`cue_text`), for the breakdown.
    pub cue_text: Option<String>,
}

/// The attributions of one gold article, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldArticle {
    /// The article's id (`article_id`).
    pub id: String,
    /// Its attributions, in the order of the file (matching is greedy in this order).
    pub attributions: Vec<GoldAttribution>,
}

/// A gold file: the articles in the order they first appear, each with its attributions.
///
/// Only these articles are scored: predictions for any other article are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gold {
    /// The articles, in order of first appearance.
    pub articles: Vec<GoldArticle>,
}

impl Gold {
    /// Reads a gold JSONL file (see the [module docs](super#gold-jsonl)).
    pub fn from_jsonl(path: &Path) -> Result<Gold, EvalError> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| EvalError::new(&name, e.to_string()))?;
        Gold::read_jsonl(file, &name)
    }

    /// Reads gold JSONL from `reader`; `name` is used in messages.
    pub fn read_jsonl(reader: impl Read, name: &str) -> Result<Gold, EvalError> {
        let mut gold = Gold::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        for_each_json_line(reader, name, |place, row| {
            let id = article_id(row).ok_or_else(|| EvalError::new(place, NEEDS_ID))?;
            let attribution = GoldAttribution {
                content: span_field(row, "content", place)?
                    .ok_or_else(|| EvalError::new(place, "`content` is missing"))?,
                source: span_field(row, "source", place)?,
                cue: span_field(row, "cue", place)?,
                kind: string_field(row, "kind", place)?,
                reference: string_field(row, "reference", place)?,
                cue_text: string_field(row, "cue_text", place)?,
            };
            let k = *index.entry(id.clone()).or_insert_with(|| {
                gold.articles.push(GoldArticle {
                    id,
                    attributions: Vec::new(),
                });
                gold.articles.len() - 1
            });
            gold.articles[k].attributions.push(attribution);
            Ok(())
        })?;
        Ok(gold)
    }

    /// The number of attributions.
    pub fn len(&self) -> usize {
        self.articles.iter().map(|a| a.attributions.len()).sum()
    }

    /// True when the file held no attribution.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of the gold articles.
    pub fn ids(&self) -> HashSet<&str> {
        self.articles.iter().map(|a| a.id.as_str()).collect()
    }
}

/// One predicted attribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    /// The content hull.
    pub content: CharSpan,
    /// The pieces of a split content, when known; they decide its kind, not its matching.
    pub content_spans: Option<Vec<CharSpan>>,
    /// The speaker span.
    pub source: Option<CharSpan>,
    /// The cue span.
    pub cue: Option<CharSpan>,
    /// The resolved speaker name, when the predictions carry one (`claims.csv` always does,
    /// possibly empty).
    pub speaker_canonical: Option<String>,
    /// The kind the extractor declared (`claims.csv`'s `kind` column).
    pub declared_kind: Option<String>,
    /// The kind used by `--kinds`: derived from the article text when the articles are
    /// given (see [`Predictions::derive_kinds`]), else a gold-shaped file's `kind` field.
    pub kind: Option<String>,
    /// The rule that made the prediction, for the breakdown.
    pub rule: Option<String>,
    /// The cue as written, for the breakdown.
    pub cue_text: Option<String>,
}

/// Predictions by article, each article's in the order they were read or made (ties in
/// matching go to the first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Predictions {
    by_article: HashMap<String, Vec<Prediction>>,
}

impl Predictions {
    /// No predictions.
    pub fn new() -> Predictions {
        Predictions::default()
    }

    /// Adds a prediction for `article_id` after the ones it has.
    pub fn push(&mut self, article_id: &str, prediction: Prediction) {
        self.by_article
            .entry(article_id.to_string())
            .or_default()
            .push(prediction);
    }

    /// The predictions for `article_id`.
    pub fn get(&self, article_id: &str) -> &[Prediction] {
        self.by_article.get(article_id).map_or(&[], Vec::as_slice)
    }

    /// The number of predictions.
    pub fn len(&self) -> usize {
        self.by_article.values().map(Vec::len).sum()
    }

    /// True when there is no prediction.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads predictions from a file: `claims.csv` when the name ends in `.csv`, else JSONL
    /// in the gold shape.
    pub fn from_file(path: &Path) -> Result<Predictions, EvalError> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| EvalError::new(&name, e.to_string()))?;
        if name.ends_with(".csv") {
            Predictions::read_csv(file, &name)
        } else {
            Predictions::read_jsonl(file, &name)
        }
    }

    /// Reads a `claims.csv`: rows of kind `assertion` and rows without a content span are
    /// left out; empty cells are `None`.
    pub fn read_csv(reader: impl Read, name: &str) -> Result<Predictions, EvalError> {
        let mut reader = BufReader::new(reader);
        if reader
            .fill_buf()
            .map_err(|e| EvalError::new(name, e.to_string()))?
            .starts_with(b"\xEF\xBB\xBF")
        {
            reader.consume(3);
        }
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let header = csv
            .headers()
            .map_err(|e| EvalError::new(name, e.to_string()))?
            .clone();
        // The last column of a name wins, as in a Python dict.
        let column = |wanted: &str| {
            header
                .iter()
                .enumerate()
                .filter(|(_, h)| *h == wanted)
                .map(|(k, _)| k)
                .last()
        };
        let id_column = column("article_id")
            .ok_or_else(|| EvalError::new(name, "no `article_id` column in the header"))?;
        let columns: [Option<usize>; 10] = [
            "char_start",
            "char_end",
            "speaker_char_start",
            "speaker_char_end",
            "cue_char_start",
            "cue_char_end",
            "speaker_canonical",
            "kind",
            "rule",
            "cue",
        ]
        .map(column);
        let mut predictions = Predictions::new();
        let mut record = csv::StringRecord::new();
        let mut number = 0u64;
        loop {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(EvalError::new(name, e.to_string())),
            }
            number += 1;
            let line = record.position().map_or(0, |p| p.line());
            let place = format!("{name}#{number} (line {line})");
            let cell = |k: usize| -> Option<&str> { columns[k].and_then(|c| record.get(c)) };
            let text = |k: usize| cell(k).map(py::strip).unwrap_or("");
            let span = |a: usize, b: usize| -> Result<Option<CharSpan>, EvalError> {
                match (text(a), text(b)) {
                    ("", _) | (_, "") => Ok(None),
                    (x, y) => Ok(Some(CharSpan::new(offset(x, &place)?, offset(y, &place)?))),
                }
            };
            let Some(content) = span(0, 1)? else { continue };
            let kind = text(7);
            if kind == "assertion" {
                continue; // unattributed assertions are not attributions
            }
            let id = record.get(id_column).unwrap_or("");
            let prediction = Prediction {
                content,
                content_spans: None,
                source: span(2, 3)?,
                cue: span(4, 5)?,
                speaker_canonical: Some(text(6).to_string()),
                declared_kind: Some(kind.to_string()),
                kind: None,
                rule: cell(8).map(str::to_string),
                cue_text: cell(9).map(str::to_string),
            };
            predictions.push(id, prediction);
        }
        Ok(predictions)
    }

    /// Reads predictions in the gold JSONL shape (`article_id`, `content`, `source`, `cue`,
    /// and optionally `content_spans`, `kind`, `speaker_canonical`, `declared_kind`, `rule`,
    /// `cue_text`).
    pub fn read_jsonl(reader: impl Read, name: &str) -> Result<Predictions, EvalError> {
        let mut predictions = Predictions::new();
        for_each_json_line(reader, name, |place, row| {
            let id = article_id(row).ok_or_else(|| EvalError::new(place, NEEDS_ID))?;
            let content_spans = match row.get("content_spans") {
                None | Some(Value::Null) => None,
                Some(Value::Array(items)) if items.is_empty() => None,
                Some(Value::Array(items)) => Some(
                    items
                        .iter()
                        .map(|item| span_value(item, "content_spans", place))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
                Some(_) => {
                    return Err(EvalError::new(
                        place,
                        "`content_spans` must be a list of [start, end]",
                    ))
                }
            };
            let prediction = Prediction {
                content: span_field(row, "content", place)?
                    .ok_or_else(|| EvalError::new(place, "`content` is missing"))?,
                content_spans,
                source: span_field(row, "source", place)?,
                cue: span_field(row, "cue", place)?,
                speaker_canonical: string_field(row, "speaker_canonical", place)?,
                declared_kind: string_field(row, "declared_kind", place)?,
                kind: string_field(row, "kind", place)?,
                rule: string_field(row, "rule", place)?,
                cue_text: string_field(row, "cue_text", place)?,
            };
            predictions.push(&id, prediction);
            Ok(())
        })?;
        Ok(predictions)
    }

    /// Adds the claims of a processed document, as `claims.csv` would hold them.
    pub fn add_doc(&mut self, doc: &Doc) {
        let text = doc.text();
        let index = CharIndex::new(text);
        let chars = |span: crate::Span| {
            CharSpan::new(
                index.char_offset(text, span.start),
                index.char_offset(text, span.end),
            )
        };
        let list = self.by_article.entry(doc.article.id.clone()).or_default();
        // Unattributed assertions are not attributions: score.py leaves them out too.
        for claim in doc
            .claims
            .iter()
            .filter(|c| c.kind != crate::ClaimKind::Assertion)
        {
            let a = &claim.attribution;
            list.push(Prediction {
                content: chars(a.hull()),
                content_spans: None,
                source: a.speaker.map(chars),
                cue: a.cue.map(chars),
                speaker_canonical: Some(py::strip(&a.speaker_canonical).to_string()),
                declared_kind: Some(claim.kind.as_str().to_string()),
                kind: None,
                rule: Some(a.rule.to_string()),
                cue_text: a.cue.map(|s| s.of(text).to_string()),
            });
        }
    }

    /// Runs `pipeline` over `articles` on `threads` threads and collects the claims, in
    /// article order. An article the pipeline panics on gets no predictions and is reported
    /// to `on_failure`.
    pub fn predict(
        pipeline: &Pipeline,
        articles: &[Article],
        threads: usize,
        on_failure: &mut dyn FnMut(&str),
    ) -> Predictions {
        let next = AtomicUsize::new(0);
        let done: Mutex<Vec<(usize, Result<Predictions, String>)>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                scope.spawn(|| loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(article) = articles.get(k) else {
                        return;
                    };
                    let outcome = catch_unwind(AssertUnwindSafe(|| {
                        let doc = pipeline.run(article.clone());
                        let mut one = Predictions::new();
                        one.add_doc(&doc);
                        one
                    }))
                    .map_err(|panic| {
                        let message = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".to_string());
                        format!(
                            "{}: internal error in the pipeline (please report it): {message}",
                            article.source
                        )
                    });
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((k, outcome));
                });
            }
        });
        let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
        done.sort_by_key(|(k, _)| *k);
        let mut predictions = Predictions::new();
        for (k, outcome) in done {
            match outcome {
                Ok(one) => {
                    let list = one.by_article.into_values().next().unwrap_or_default();
                    predictions
                        .by_article
                        .entry(articles[k].id.clone())
                        .or_default()
                        .extend(list);
                }
                Err(message) => on_failure(&message),
            }
        }
        predictions
    }

    /// Sets every prediction's kind from its article's text as the gold kinds were set
    /// (quotation marks, then [`kinds::classify`]), for the articles in `articles` (the last
    /// one wins when an id repeats).
    ///
    /// A prediction declared `direct` without pieces whose hull holds several quoted regions
    /// (a quote split around its attribution) is classified by those regions; with
    /// `split_pieces` each region becomes a prediction of its own.
    pub fn derive_kinds(
        &mut self,
        articles: &[Article],
        split_pieces: bool,
    ) -> Result<(), EvalError> {
        let mut texts: HashMap<&str, &str> = HashMap::new();
        for article in articles {
            texts.insert(&article.id, &article.text);
        }
        for (id, list) in self.by_article.iter_mut() {
            let Some(text) = texts.get(id.as_str()) else {
                continue;
            };
            let text: Vec<char> = text.chars().collect();
            let mask = kinds::quote_mask(&text);
            let out_of_text = |e: OutOfText| {
                EvalError::new(
                    format!("article {id}"),
                    format!(
                        "predicted span {} lies beyond the text ({} characters)",
                        e.span, e.len
                    ),
                )
            };
            let mut out = Vec::with_capacity(list.len());
            for mut p in list.drain(..) {
                if p.declared_kind.as_deref() == Some("direct") && p.content_spans.is_none() {
                    let pieces = kinds::quoted_pieces(&mask, p.content).map_err(out_of_text)?;
                    if pieces.len() > 1 {
                        if split_pieces {
                            for piece in pieces {
                                out.push(Prediction {
                                    content: piece,
                                    content_spans: None,
                                    ..p.clone()
                                });
                            }
                            continue;
                        }
                        p.content_spans = Some(pieces);
                    }
                }
                out.push(p);
            }
            for p in &mut out {
                let hull = [p.content];
                let spans = p.content_spans.as_deref().unwrap_or(&hull);
                let kind = kinds::classify(&text, &mask, spans).map_err(out_of_text)?;
                p.kind = Some(kind.to_string());
            }
            *list = out;
        }
        Ok(())
    }
}

/// Reads the articles of `input` (anything `claimsift extract` reads: JSONL with `id` and
/// `text`, CSV, `.txt` files, folders), keeping those `keep` accepts. Records that cannot be
/// read are reported to `on_failure`.
pub fn read_articles(
    input: &str,
    keep: impl Fn(&str) -> bool,
    on_failure: &mut dyn FnMut(&str),
) -> Vec<Article> {
    let mut articles = Vec::new();
    for record in Inputs::open(&[input.to_string()], ReadOptions::default()) {
        match record {
            Record::Article(article) => {
                if keep(&article.id) {
                    articles.push(article);
                }
            }
            Record::Failed { error, .. } => on_failure(&error.to_string()),
        }
    }
    articles
}

const NEEDS_ID: &str = "`article_id` must be a string or a number";

/// Calls `each` with the place (`file:LINE`) and value of every non-blank line.
fn for_each_json_line(
    reader: impl Read,
    name: &str,
    mut each: impl FnMut(&str, &serde_json::Map<String, Value>) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    let reader = BufReader::new(reader);
    for (k, line) in reader.lines().enumerate() {
        let place = format!("{name}:{}", k + 1);
        let line = line.map_err(|e| EvalError::new(&place, e.to_string()))?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(row)) => each(&place, &row)?,
            Ok(_) => return Err(EvalError::new(&place, "expected a JSON object")),
            Err(e) => return Err(EvalError::new(&place, e.to_string())),
        }
    }
    Ok(())
}

fn article_id(row: &serde_json::Map<String, Value>) -> Option<String> {
    match row.get("article_id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn span_value(value: &Value, field: &str, place: &str) -> Result<CharSpan, EvalError> {
    let bad = || {
        EvalError::new(
            place,
            format!("`{field}` must be [start, end] with whole numbers from 0"),
        )
    };
    match value.as_array().map(Vec::as_slice) {
        Some([start, end]) => Ok(CharSpan::new(
            start
                .as_u64()
                .and_then(|v| usize::try_from(v).ok())
                .ok_or_else(bad)?,
            end.as_u64()
                .and_then(|v| usize::try_from(v).ok())
                .ok_or_else(bad)?,
        )),
        _ => Err(bad()),
    }
}

fn span_field(
    row: &serde_json::Map<String, Value>,
    field: &str,
    place: &str,
) -> Result<Option<CharSpan>, EvalError> {
    match row.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => span_value(value, field, place).map(Some),
    }
}

fn string_field(
    row: &serde_json::Map<String, Value>,
    field: &str,
    place: &str,
) -> Result<Option<String>, EvalError> {
    match row.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(EvalError::new(
            place,
            format!("`{field}` must be a string or null"),
        )),
    }
}

fn offset(cell: &str, place: &str) -> Result<usize, EvalError> {
    cell.parse().map_err(|_| {
        EvalError::new(
            place,
            format!("`{cell}` is not an offset (a whole number from 0)"),
        )
    })
}
