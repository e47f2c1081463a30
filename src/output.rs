//! The tables claimsift writes, one flat row struct each, and how their cells are written.
//!
//! Every table is CSV: UTF-8, a header row, RFC 4180 quoting (a cell holding a comma, a
//! quotation mark or a line break is quoted, inner quotation marks doubled), one row per
//! record, `\n` line ends. Empty cells mean "none". Offsets are 0-based and half-open
//! (`end` is one past the last character); `char_*` columns count Unicode code points (what
//! Python's `str` slicing, pandas and R's `substr` use), `byte_*` columns count UTF-8 bytes.
//! `text[char_start:char_end]` in Python gives back the `text` cell exactly, except for split
//! quotes, whose pieces the `text` cell joins with one space.
//!
//! **Spreadsheet safety.** A text cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written with a leading `'`, so no spreadsheet runs it as a formula
//! (the OWASP advice on CSV injection). Offsets always refer to the article text, not to the
//! escaped cell. `--raw-cells` turns the escaping off.
//!
//! # `claims.csv`: one row per claim
//!
//! | column | meaning |
//! |---|---|
//! | `article_id` | the article's id |
//! | `claim_index` | 0-based position of the claim in its article, in text order |
//! | `kind` | `direct` (all of the content inside quotation marks), `mixed` (part), `indirect` (none), `assertion` (a checkable sentence of the article's own, nobody quoted for it: see the assertions stage) |
//! | `text` | the content as written; the pieces of a split quote joined by one space |
//! | `speaker` | the speaker mention nearest the claim, as written (`he`, `Garman`); empty when unknown or inherited |
//! | `speaker_canonical` | the resolved full name or organisation (`Matt Garman`); empty when unknown |
//! | `cue` | the cue as written (`said`, `according to`); empty when none |
//! | `char_start`, `char_end` | the content span in code points, quotation marks included; a split quote runs from its first piece's start to its last piece's end |
//! | `byte_start`, `byte_end` | the same span in UTF-8 bytes |
//! | `speaker_char_start`, `speaker_char_end` | the speaker span in code points; empty when none |
//! | `cue_char_start`, `cue_char_end` | the cue span in code points; empty when none |
//! | `sentence_index` | 0-based sentence where the content starts |
//! | `paragraph_index` | 0-based paragraph where the content starts |
//! | `rule` | the id of the rule that attributed the claim (see the attribution stage); for an assertion, `assertion:` and its cues (`assertion:money+number+hedge(may)`, see the assertions stage) |
//! | `confidence` | 0 to 1: how often the rule is right; for an assertion, a hand-set score from its cues |
//! | `has_number` | assertions: `true` when the sentence states a quantity (digits that are not a year, or a number word); empty on other kinds |
//! | `has_money` | assertions: a currency sign, code or name with a number; empty on other kinds |
//! | `has_percent` | assertions: `%`, `percent`, `per cent` or `percentage points` with a number; empty on other kinds |
//! | `has_date` | assertions: a month, a weekday, a year or a relative date (`last year`); empty on other kinds |
//! | `has_comparison` | assertions: a ranking or comparison (`the largest`, `more than`); empty on other kinds |
//! | `hedged` | assertions: a hedge (`may`, `could`, `some say`), named in `rule`; empty on other kinds |
//!
//! The six `has_*`/`hedged` columns are `true` or `false` on `assertion` rows and empty on
//! every other row: the cues are only looked for in assertions.
//!
//! # `articles.csv`: one row per input article, always
//!
//! | column | meaning |
//! |---|---|
//! | `article_id` | the article's id (for a record that could not be read: its file and line) |
//! | `source` | where it was read from: a path, with `:LINE` for JSONL or `#RECORD` for CSV |
//! | `status` | `ok` or `error` |
//! | `error` | what went wrong, with its position; empty when ok |
//! | `chars` | length of the text in code points |
//! | `sentences`, `quotes`, `claims` | how many the pipeline found (`claims` counts assertions too) |
//!
//! # `sentences.csv`: one row per sentence (with `--tables …,sentences`)
//!
//! | column | meaning |
//! |---|---|
//! | `article_id` | the article's id |
//! | `sentence_index`, `paragraph_index` | 0-based positions |
//! | `char_start`, `char_end`, `byte_start`, `byte_end` | the sentence span, without surrounding white space |
//! | `text` | the article text at that span |

use crate::doc::{CharIndex, Doc, Span};
use serde::Serialize;

/// A row of `claims.csv`. Field order is column order.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ClaimRow<'a> {
    /// See the module docs for every column.
    pub article_id: Cell<'a>,
    #[allow(missing_docs)]
    pub claim_index: usize,
    #[allow(missing_docs)]
    pub kind: &'static str,
    #[allow(missing_docs)]
    pub text: Cell<'a>,
    #[allow(missing_docs)]
    pub speaker: Cell<'a>,
    #[allow(missing_docs)]
    pub speaker_canonical: Cell<'a>,
    #[allow(missing_docs)]
    pub cue: Cell<'a>,
    #[allow(missing_docs)]
    pub char_start: usize,
    #[allow(missing_docs)]
    pub char_end: usize,
    #[allow(missing_docs)]
    pub byte_start: usize,
    #[allow(missing_docs)]
    pub byte_end: usize,
    #[allow(missing_docs)]
    pub speaker_char_start: Option<usize>,
    #[allow(missing_docs)]
    pub speaker_char_end: Option<usize>,
    #[allow(missing_docs)]
    pub cue_char_start: Option<usize>,
    #[allow(missing_docs)]
    pub cue_char_end: Option<usize>,
    #[allow(missing_docs)]
    pub sentence_index: usize,
    #[allow(missing_docs)]
    pub paragraph_index: usize,
    #[allow(missing_docs)]
    pub rule: &'a str,
    #[allow(missing_docs)]
    pub confidence: Confidence,
    #[allow(missing_docs)]
    pub has_number: Option<bool>,
    #[allow(missing_docs)]
    pub has_money: Option<bool>,
    #[allow(missing_docs)]
    pub has_percent: Option<bool>,
    #[allow(missing_docs)]
    pub has_date: Option<bool>,
    #[allow(missing_docs)]
    pub has_comparison: Option<bool>,
    #[allow(missing_docs)]
    pub hedged: Option<bool>,
}

/// A row of `articles.csv`. Field order is column order.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ArticleRow<'a> {
    /// See the module docs for every column.
    pub article_id: Cell<'a>,
    #[allow(missing_docs)]
    pub source: Cell<'a>,
    #[allow(missing_docs)]
    pub status: &'static str,
    #[allow(missing_docs)]
    pub error: Cell<'a>,
    #[allow(missing_docs)]
    pub chars: usize,
    #[allow(missing_docs)]
    pub sentences: usize,
    #[allow(missing_docs)]
    pub quotes: usize,
    #[allow(missing_docs)]
    pub claims: usize,
}

/// A row of `sentences.csv`. Field order is column order.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SentenceRow<'a> {
    /// See the module docs for every column.
    pub article_id: Cell<'a>,
    #[allow(missing_docs)]
    pub sentence_index: usize,
    #[allow(missing_docs)]
    pub paragraph_index: usize,
    #[allow(missing_docs)]
    pub char_start: usize,
    #[allow(missing_docs)]
    pub char_end: usize,
    #[allow(missing_docs)]
    pub byte_start: usize,
    #[allow(missing_docs)]
    pub byte_end: usize,
    #[allow(missing_docs)]
    pub text: Cell<'a>,
}

/// A text cell, escaped against formula injection unless `raw`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The text as it is.
    pub text: &'a str,
    /// Write it without the formula guard.
    pub raw: bool,
}

impl<'a> Cell<'a> {
    /// A cell holding `text`.
    pub fn new(text: &'a str, raw: bool) -> Cell<'a> {
        Cell { text, raw }
    }

    /// True when a spreadsheet would read this cell as a formula.
    pub fn needs_guard(&self) -> bool {
        !self.raw && self.text.starts_with(['=', '+', '-', '@', '\t', '\r'])
    }
}

impl Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.needs_guard() {
            serializer.serialize_str(&format!("'{}", self.text))
        } else {
            serializer.serialize_str(self.text)
        }
    }
}

/// A confidence written with at most three decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Confidence(pub f32);

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rounded = (f64::from(self.0) * 1000.0).round() / 1000.0;
        serializer.serialize_f64(rounded)
    }
}

/// The tables a run can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// `claims.csv`
    Claims,
    /// `articles.csv`
    Articles,
    /// `sentences.csv`
    Sentences,
}

impl Table {
    /// Every table, in the order they are listed.
    pub const ALL: [Table; 3] = [Table::Claims, Table::Articles, Table::Sentences];

    /// The name used in `--tables` and the file name without `.csv`.
    pub fn name(&self) -> &'static str {
        match self {
            Table::Claims => "claims",
            Table::Articles => "articles",
            Table::Sentences => "sentences",
        }
    }

    /// Parses a `--tables` name.
    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The header row.
    pub fn header(&self) -> &'static [&'static str] {
        match self {
            Table::Claims => &[
                "article_id",
                "claim_index",
                "kind",
                "text",
                "speaker",
                "speaker_canonical",
                "cue",
                "char_start",
                "char_end",
                "byte_start",
                "byte_end",
                "speaker_char_start",
                "speaker_char_end",
                "cue_char_start",
                "cue_char_end",
                "sentence_index",
                "paragraph_index",
                "rule",
                "confidence",
                "has_number",
                "has_money",
                "has_percent",
                "has_date",
                "has_comparison",
                "hedged",
            ],
            Table::Articles => &[
                "article_id",
                "source",
                "status",
                "error",
                "chars",
                "sentences",
                "quotes",
                "claims",
            ],
            Table::Sentences => &[
                "article_id",
                "sentence_index",
                "paragraph_index",
                "char_start",
                "char_end",
                "byte_start",
                "byte_end",
                "text",
            ],
        }
    }
}

/// Renders rows of one article into CSV bytes, without headers, so worker threads can do the
/// formatting and the writer only copies bytes.
pub struct RowRenderer {
    raw: bool,
    joined: String,
}

impl RowRenderer {
    /// A renderer; `raw` turns the formula guard off.
    pub fn new(raw: bool) -> RowRenderer {
        RowRenderer {
            raw,
            joined: String::new(),
        }
    }

    fn writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
        csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out)
    }

    /// Appends the claim rows of `doc` to `out`.
    pub fn claims(&mut self, doc: &Doc, index: &CharIndex, out: &mut Vec<u8>) -> csv::Result<()> {
        let text = doc.text();
        let id = doc.article.id.as_str();
        let chars = |byte: usize| index.char_offset(text, byte);
        let span_chars = |span: Option<Span>| match span {
            Some(s) => (Some(chars(s.start)), Some(chars(s.end))),
            None => (None, None),
        };
        let mut writer = RowRenderer::writer(out);
        for (k, claim) in doc.claims.iter().enumerate() {
            let a = &claim.attribution;
            let hull = a.hull();
            self.joined.clear();
            for (n, piece) in a.content.iter().enumerate() {
                if n > 0 {
                    self.joined.push(' ');
                }
                self.joined.push_str(piece.of(text));
            }
            let (speaker_char_start, speaker_char_end) = span_chars(a.speaker);
            let (cue_char_start, cue_char_end) = span_chars(a.cue);
            let flags = claim.assertion.as_ref().map(|x| x.flags);
            let flag = |get: fn(&crate::doc::AssertionFlags) -> bool| flags.as_ref().map(get);
            writer.serialize(ClaimRow {
                article_id: Cell::new(id, self.raw),
                claim_index: k,
                kind: claim.kind.as_str(),
                text: Cell::new(&self.joined, self.raw),
                speaker: Cell::new(a.speaker.map_or("", |s| s.of(text)), self.raw),
                speaker_canonical: Cell::new(&a.speaker_canonical, self.raw),
                cue: Cell::new(a.cue.map_or("", |s| s.of(text)), self.raw),
                char_start: chars(hull.start),
                char_end: chars(hull.end),
                byte_start: hull.start,
                byte_end: hull.end,
                speaker_char_start,
                speaker_char_end,
                cue_char_start,
                cue_char_end,
                sentence_index: claim.sentence_index,
                paragraph_index: claim.paragraph_index,
                rule: claim.assertion.as_ref().map_or(a.rule, |x| x.rule.as_str()),
                confidence: Confidence(a.confidence),
                has_number: flag(|f| f.has_number),
                has_money: flag(|f| f.has_money),
                has_percent: flag(|f| f.has_percent),
                has_date: flag(|f| f.has_date),
                has_comparison: flag(|f| f.has_comparison),
                hedged: flag(|f| f.hedged),
            })?;
        }
        writer.flush()?;
        Ok(())
    }

    /// Appends the sentence rows of `doc` to `out`.
    pub fn sentences(
        &mut self,
        doc: &Doc,
        index: &CharIndex,
        out: &mut Vec<u8>,
    ) -> csv::Result<()> {
        let text = doc.text();
        let mut writer = RowRenderer::writer(out);
        for (k, sentence) in doc.sentences.iter().enumerate() {
            writer.serialize(SentenceRow {
                article_id: Cell::new(&doc.article.id, self.raw),
                sentence_index: k,
                paragraph_index: sentence.paragraph,
                char_start: index.char_offset(text, sentence.span.start),
                char_end: index.char_offset(text, sentence.span.end),
                byte_start: sentence.span.start,
                byte_end: sentence.span.end,
                text: Cell::new(sentence.span.of(text), self.raw),
            })?;
        }
        writer.flush()?;
        Ok(())
    }

    /// Appends one articles.csv row to `out`.
    pub fn article(&mut self, row: &ArticleRow, out: &mut Vec<u8>) -> csv::Result<()> {
        let mut writer = RowRenderer::writer(out);
        writer.serialize(row)?;
        writer.flush()?;
        Ok(())
    }

    /// Whether cells are written without the formula guard.
    pub fn raw(&self) -> bool {
        self.raw
    }
}

/// The header line of `table` as CSV bytes.
pub fn header_line(table: Table) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = RowRenderer::writer(&mut out);
        writer
            .write_record(table.header())
            .expect("writing to a Vec cannot fail");
        writer.flush().expect("writing to a Vec cannot fail");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guard() {
        let cases = [
            ("=SUM(A1)", false, "'=SUM(A1)"),
            ("+1", false, "'+1"),
            ("-2", false, "'-2"),
            ("@cmd", false, "'@cmd"),
            ("\tx", false, "'\tx"),
            ("\rx", false, "'\rx"),
            ("plain", false, "plain"),
            ("=SUM(A1)", true, "=SUM(A1)"),
        ];
        for (text, raw, want) in cases {
            let mut out = Vec::new();
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(&mut out);
            w.serialize((Cell::new(text, raw),)).unwrap();
            drop(w);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out.as_slice());
            let record = reader.records().next().unwrap().unwrap();
            assert_eq!(&record[0], want, "{text:?}");
        }
    }

    #[test]
    fn headers_match_row_fields() {
        // The header constants are the serde field names, in order.
        let row = ArticleRow {
            article_id: Cell::new("a", false),
            source: Cell::new("s", false),
            status: "ok",
            error: Cell::new("", false),
            chars: 1,
            sentences: 2,
            quotes: 3,
            claims: 4,
        };
        let mut out = Vec::new();
        let mut w = csv::Writer::from_writer(&mut out);
        w.serialize(row).unwrap();
        drop(w);
        let first = String::from_utf8(out).unwrap();
        let header = first.lines().next().unwrap();
        assert_eq!(header, Table::Articles.header().join(","));
        assert_eq!(
            String::from_utf8(header_line(Table::Claims))
                .unwrap()
                .trim_end(),
            Table::Claims.header().join(",")
        );
    }
}
