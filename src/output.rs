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

impl Confidence {
    /// The value written: rounded to three decimals.
    fn rounded(self) -> f64 {
        (f64::from(self.0) * 1000.0).round() / 1000.0
    }

    /// The value written, in thousandths, when it lies between 0 and 1 (as confidences do):
    /// those are written without ryu, whose shortest-digits search cost ~450 instructions a
    /// row.
    fn thousandths(self) -> Option<u16> {
        let thousandths = (f64::from(self.0) * 1000.0).round();
        // `-0.0` is left to ryu, which writes its sign.
        (thousandths.is_sign_positive() && thousandths <= 1000.0).then_some(thousandths as u16)
    }
}

/// `thousandths / 1000` as ryu writes it (`0.0`, `0.05`, `0.125`, `1.0`), in `text`.
fn thousandths_text(thousandths: u16, text: &mut [u8; 5]) -> &[u8] {
    let digit = |n: u16| b'0' + (n % 10) as u8;
    let fraction = thousandths % 1000;
    *text = [
        digit(thousandths / 1000),
        b'.',
        digit(fraction / 100),
        digit(fraction / 10),
        digit(fraction),
    ];
    // Trailing zeros go, but one digit stays after the point.
    let mut len = text.len();
    while len > 3 && text[len - 1] == b'0' {
        len -= 1;
    }
    // Bytes, not a `str`: checking them as UTF-8 cost a call a row.
    &text[..len]
}

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.rounded())
    }
}

/// Appends one CSV record to a byte buffer, field by field, exactly as `csv::Writer` with
/// this module's settings serialises a row struct: a field holding `,`, `"`, `\r` or `\n` is
/// quoted with its `"` doubled, numbers as `itoa` and `ryu` write them, `None` as an empty
/// field, `\n` after the record.
///
/// Written by hand rather than with `csv::Writer`: a `csv::Writer` can only append to the
/// caller's buffer by being made anew for every article (an 8 KB zeroed buffer each time),
/// and serde and its per-field state machine cost more than the quoting itself; rows were a
/// tenth of a whole run. The tests check it against `csv::Writer` on every kind of cell.
struct Record<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

/// [`scan`]'s mark for a field that needs quoting (RFC 4180: it holds a comma, a line break
/// or a `"`).
const NEEDS_QUOTES: u8 = 1;
/// [`scan`]'s mark for a field holding a `"`, which is doubled inside the quotes.
const DOUBLE_QUOTE: u8 = 2;

/// Bytes [`scan`] reads at a step: two SSE2 registers.
const SCAN_BLOCK: usize = 32;

/// What `bytes` ask of a field: [`NEEDS_QUOTES`] and [`DOUBLE_QUOTE`], or 0.
///
/// Read a fixed block at a time, with no early exit, so the compiler turns each block into a
/// few vector compares: a byte at a time this took several instructions per byte, and text
/// cells are most of a row. The last block overlaps the one before it (a byte read twice
/// asks the same); a field shorter than a block but not than half of one is read as two
/// overlapping half blocks. Shorter fields (names, cues) are read a byte at a time through a
/// table.
fn scan(bytes: &[u8]) -> u8 {
    const HALF: usize = SCAN_BLOCK / 2;
    let len = bytes.len();
    if len < HALF {
        return bytes
            .iter()
            .fold(0, |found, &b| found | SPECIAL[usize::from(b)]);
    }
    if len < SCAN_BLOCK {
        let head = scan_block::<HALF>(bytes[..HALF].try_into().expect("a half block"));
        let tail = scan_block::<HALF>(bytes[len - HALF..].try_into().expect("a half block"));
        return head | tail;
    }
    let mut blocks = bytes.chunks_exact(SCAN_BLOCK);
    let mut found = 0;
    for block in &mut blocks {
        found |=
            scan_block::<SCAN_BLOCK>(block.try_into().expect("chunks_exact gives whole blocks"));
    }
    if !blocks.remainder().is_empty() {
        found |=
            scan_block::<SCAN_BLOCK>(bytes[len - SCAN_BLOCK..].try_into().expect("a whole block"));
    }
    found
}

/// [`scan`] of one block.
#[inline(always)]
fn scan_block<const N: usize>(block: &[u8; N]) -> u8 {
    let (mut special, mut quote) = (false, false);
    for &b in block {
        let is_quote = b == b'"';
        special |= is_quote | (b == b',') | (b == b'\n') | (b == b'\r');
        quote |= is_quote;
    }
    (u8::from(special) * NEEDS_QUOTES) | (u8::from(quote) * DOUBLE_QUOTE)
}

/// What each byte asks of a field, for [`scan`]'s short fields.
const SPECIAL: [u8; 256] = {
    let mut table = [0; 256];
    table[b',' as usize] = NEEDS_QUOTES;
    table[b'\r' as usize] = NEEDS_QUOTES;
    table[b'\n' as usize] = NEEDS_QUOTES;
    table[b'"' as usize] = NEEDS_QUOTES | DOUBLE_QUOTE;
    table
};

impl<'o> Record<'o> {
    fn new(out: &'o mut Vec<u8>) -> Record<'o> {
        Record { out, first: true }
    }

    /// A field holding `text`, behind a `'` when `guard`, quoted when `text` needs it (the
    /// `'` never does).
    fn field(&mut self, guard: bool, text: &str) -> &mut Self {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        let bytes = text.as_bytes();
        let found = scan(bytes);
        if found == 0 {
            if guard {
                self.out.push(b'\'');
            }
            self.out.extend_from_slice(bytes);
            return self;
        }
        self.out.push(b'"');
        if guard {
            self.out.push(b'\'');
        }
        if found & DOUBLE_QUOTE == 0 {
            self.out.extend_from_slice(bytes);
        } else {
            // Each `"` is written twice: the text up to and with it, then one more.
            let mut from = 0;
            for at in memchr::memchr_iter(b'"', bytes) {
                self.out.extend_from_slice(&bytes[from..=at]);
                self.out.push(b'"');
                from = at + 1;
            }
            self.out.extend_from_slice(&bytes[from..]);
        }
        self.out.push(b'"');
        self
    }

    fn str(&mut self, text: &str) -> &mut Self {
        self.field(false, text)
    }

    /// The comma before every field but the first.
    fn separator(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A field that never needs quoting (a number, `true`, `false`, empty): no scan.
    fn plain(&mut self, text: &str) -> &mut Self {
        self.plain_bytes(text.as_bytes())
    }

    /// [`Record::plain`] of ASCII bytes.
    fn plain_bytes(&mut self, text: &[u8]) -> &mut Self {
        self.separator();
        self.out.extend_from_slice(text);
        self
    }

    /// A text cell, with the formula guard's `'` when it needs one.
    fn cell(&mut self, cell: Cell) -> &mut Self {
        self.field(cell.needs_guard(), cell.text)
    }

    fn number(&mut self, n: usize) -> &mut Self {
        self.plain(itoa::Buffer::new().format(n))
    }

    fn maybe_number(&mut self, n: Option<usize>) -> &mut Self {
        match n {
            Some(n) => self.number(n),
            None => {
                self.separator();
                self
            }
        }
    }

    fn maybe_bool(&mut self, b: Option<bool>) -> &mut Self {
        self.separator();
        // Fixed-length copies, which the compiler writes inline (no `memcpy` call).
        match b {
            Some(true) => self.out.extend_from_slice(b"true"),
            Some(false) => self.out.extend_from_slice(b"false"),
            None => {}
        }
        self
    }

    fn confidence(&mut self, c: Confidence) -> &mut Self {
        match c.thousandths() {
            Some(thousandths) => {
                let mut text = [0; 5];
                self.plain_bytes(thousandths_text(thousandths, &mut text))
            }
            None => self.plain(ryu::Buffer::new().format(c.rounded())),
        }
    }

    fn end(&mut self) {
        self.out.push(b'\n');
    }
}

impl ClaimRow<'_> {
    /// Appends the row to `out` as CSV.
    fn write(&self, out: &mut Vec<u8>) {
        Record::new(out)
            .cell(self.article_id)
            .number(self.claim_index)
            .str(self.kind)
            .cell(self.text)
            .cell(self.speaker)
            .cell(self.speaker_canonical)
            .cell(self.cue)
            .number(self.char_start)
            .number(self.char_end)
            .number(self.byte_start)
            .number(self.byte_end)
            .maybe_number(self.speaker_char_start)
            .maybe_number(self.speaker_char_end)
            .maybe_number(self.cue_char_start)
            .maybe_number(self.cue_char_end)
            .number(self.sentence_index)
            .number(self.paragraph_index)
            .str(self.rule)
            .confidence(self.confidence)
            .maybe_bool(self.has_number)
            .maybe_bool(self.has_money)
            .maybe_bool(self.has_percent)
            .maybe_bool(self.has_date)
            .maybe_bool(self.has_comparison)
            .maybe_bool(self.hedged)
            .end();
    }
}

impl ArticleRow<'_> {
    /// Appends the row to `out` as CSV.
    fn write(&self, out: &mut Vec<u8>) {
        Record::new(out)
            .cell(self.article_id)
            .cell(self.source)
            .str(self.status)
            .cell(self.error)
            .number(self.chars)
            .number(self.sentences)
            .number(self.quotes)
            .number(self.claims)
            .end();
    }
}

impl SentenceRow<'_> {
    /// Appends the row to `out` as CSV.
    fn write(&self, out: &mut Vec<u8>) {
        Record::new(out)
            .cell(self.article_id)
            .number(self.sentence_index)
            .number(self.paragraph_index)
            .number(self.char_start)
            .number(self.char_end)
            .number(self.byte_start)
            .number(self.byte_end)
            .cell(self.text)
            .end();
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
            ClaimRow {
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
            }
            .write(out);
        }
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
        for (k, sentence) in doc.sentences.iter().enumerate() {
            SentenceRow {
                article_id: Cell::new(&doc.article.id, self.raw),
                sentence_index: k,
                paragraph_index: sentence.paragraph,
                char_start: index.char_offset(text, sentence.span.start),
                char_end: index.char_offset(text, sentence.span.end),
                byte_start: sentence.span.start,
                byte_end: sentence.span.end,
                text: Cell::new(sentence.span.of(text), self.raw),
            }
            .write(out);
        }
        Ok(())
    }

    /// Appends one articles.csv row to `out`.
    pub fn article(&mut self, row: &ArticleRow, out: &mut Vec<u8>) -> csv::Result<()> {
        row.write(out);
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

    /// `row` as `csv::Writer` with the renderer's settings serialises it.
    fn by_csv(row: impl Serialize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut writer = RowRenderer::writer(&mut out);
        writer.serialize(row).unwrap();
        writer.flush().unwrap();
        drop(writer);
        out
    }

    fn claim_row<'a>(text: &'a str, other: &'a str, raw: bool, n: usize) -> ClaimRow<'a> {
        let some = n.is_multiple_of(2).then_some(n);
        let flag = (!n.is_multiple_of(3)).then_some(n.is_multiple_of(2));
        ClaimRow {
            article_id: Cell::new(other, raw),
            claim_index: n,
            kind: "direct",
            text: Cell::new(text, raw),
            speaker: Cell::new(other, raw),
            speaker_canonical: Cell::new(text, raw),
            cue: Cell::new("", raw),
            char_start: n,
            char_end: n * 7,
            byte_start: usize::MAX,
            byte_end: 0,
            speaker_char_start: some,
            speaker_char_end: None,
            cue_char_start: some,
            cue_char_end: some,
            sentence_index: n / 3,
            paragraph_index: 1,
            rule: other,
            confidence: Confidence(n as f32 / 997.0),
            has_number: flag,
            has_money: None,
            has_percent: flag,
            has_date: Some(true),
            has_comparison: Some(false),
            hedged: flag,
        }
    }

    /// The hand-written record writer gives the bytes `csv::Writer` gives, for every column
    /// type and every kind of text a cell can hold.
    #[test]
    fn rows_match_csv_writer() {
        let texts = [
            "",
            "plain words",
            "a, b",
            "say \"no\"",
            "\"",
            "line\nbreak",
            "cr\rhere",
            "=SUM(A1)",
            "-2, \"quoted\"",
            "\ttab",
            "ünïcödé “curly” — dash",
            "'already",
        ];
        for (k, text) in texts.iter().enumerate() {
            for other in texts {
                for raw in [false, true] {
                    let row = claim_row(text, other, raw, k * 31);
                    let mut out = Vec::new();
                    row.write(&mut out);
                    assert_eq!(out, by_csv(&row), "{text:?} {other:?} raw={raw}");
                    let row = ArticleRow {
                        article_id: Cell::new(text, raw),
                        source: Cell::new(other, raw),
                        status: "ok",
                        error: Cell::new(text, raw),
                        chars: k,
                        sentences: 0,
                        quotes: usize::MAX,
                        claims: 3,
                    };
                    let mut out = Vec::new();
                    row.write(&mut out);
                    assert_eq!(out, by_csv(&row), "{text:?} {other:?} raw={raw}");
                    let row = SentenceRow {
                        article_id: Cell::new(other, raw),
                        sentence_index: k,
                        paragraph_index: 2,
                        char_start: 3,
                        char_end: 4,
                        byte_start: 5,
                        byte_end: 6,
                        text: Cell::new(text, raw),
                    };
                    let mut out = Vec::new();
                    row.write(&mut out);
                    assert_eq!(out, by_csv(&row), "{text:?} {other:?} raw={raw}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Any text, number and confidence: the same bytes as `csv::Writer`.
        #[test]
        fn any_row_matches_csv_writer(
            text in "(?s).{0,40}",
            other in "[=+@,\"\r\n\t a-z-]{0,8}",
            raw: bool,
            n in 0usize..100_000,
        ) {
            let row = claim_row(&text, &other, raw, n);
            let mut out = Vec::new();
            row.write(&mut out);
            proptest::prop_assert_eq!(out, by_csv(&row));
        }
    }

    proptest::proptest! {
        /// [`scan`]'s blocks and overlapping last block find what a byte at a time finds, at
        /// every length around the block sizes.
        #[test]
        fn scan_matches_bytes(text in "[a ,\"\r\n\u{e9}]{0,80}") {
            let bytes = text.as_bytes();
            let want = bytes
                .iter()
                .fold(0, |found, &b| found | SPECIAL[usize::from(b)]);
            proptest::prop_assert_eq!(scan(bytes), want);
        }
    }

    /// Every confidence between 0 and 1, and either side of it: the digits ryu writes.
    #[test]
    fn thousandths_match_ryu() {
        for thousandths in 0..=1000u16 {
            let mut text = [0; 5];
            assert_eq!(
                thousandths_text(thousandths, &mut text),
                ryu::Buffer::new()
                    .format(f64::from(thousandths) / 1000.0)
                    .as_bytes(),
            );
        }
        let edges = [
            -0.0001f32, -0.0, 0.0, 0.0004, 0.9996, 1.0, 1.0004, 1.0006, 2.5, -1.0,
        ];
        for value in edges
            .into_iter()
            .chain((0..=2000).map(|k| k as f32 / 1999.0))
        {
            let mut written = Vec::new();
            Record::new(&mut written).confidence(Confidence(value));
            let want = ryu::Buffer::new()
                .format(Confidence(value).rounded())
                .to_owned();
            assert_eq!(String::from_utf8(written).unwrap(), want, "{value}");
        }
    }

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
