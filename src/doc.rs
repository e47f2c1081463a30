//! The data that flows through a pipeline: one immutable article text and the layers of
//! annotation that stages add to it.
//!
//! Every annotation is a [`Span`] of UTF-8 byte offsets into [`Article::text`]. The text is
//! never rewritten; stages only add spans. Byte offsets are turned into code-point offsets
//! once, when a row is written, through a [`CharIndex`].

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::fmt;

/// A half-open range `[start, end)` of UTF-8 byte offsets into an article's text.
///
/// Both ends always lie on `char` boundaries of the text the span was made for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn hull(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// One input article: an identifier, where it came from, and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The identifier written to every row (`article_id`).
    pub id: String,
    /// Where the article was read from: a path, with `:LINE` or `#RECORD` when the file
    /// holds several articles.
    pub source: String,
    /// The article text, exactly as read.
    pub text: String,
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes, hyphens or digits).
    Word,
    /// Digits, possibly with inner separators (`4.5`, `1,000`).
    Number,
    /// A quotation mark of any style, double or single.
    QuoteMark,
    /// Any other punctuation or symbol.
    Punct,
    /// Horizontal white space.
    Space,
    /// A run of white space holding at least one line break.
    Newline,
}

/// A word-bound segment of the text with its normalised forms.
///
/// Tokens never change offsets: `span` always slices the original text. The lowercase form
/// lives in the document's normalisation arena, reached through [`Doc::lower`], so no token
/// owns a `String`; the stem is worked out from it when asked for ([`Doc::stem`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands in the text.
    pub span: Span,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Range of the lowercase form in the arena.
    pub(crate) lower: (u32, u32),
}

/// A sentence: its span (without surrounding white space) and its paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence text, trimmed of white space.
    pub span: Span,
    /// Index into [`Doc::paragraphs`] of the paragraph where the sentence starts. A sentence
    /// runs on into the next paragraph only over a wrapped line (see the sentences stage).
    pub paragraph: usize,
}

/// A region of quoted text, from its opening mark to its closing mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included. A quote left open at the end
    /// of its paragraph ends at the paragraph's last non-space character.
    pub span: Span,
    /// True when a closing mark was found.
    pub closed: bool,
    /// Number of paragraphs the quote runs over (news style: each opens with a mark and only
    /// the last one closes).
    pub paragraphs: usize,
    /// Number of words inside the marks.
    pub words: usize,
    /// Quotes nested inside this one (single quotes inside double quotes).
    pub nested: bool,
}

impl Quote {
    /// The quoted text without the marks.
    pub fn inner(&self, text: &str) -> Span {
        let open_len = text[self.span.start..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let close_len = if self.closed {
            text[..self.span.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8)
        } else {
            0
        };
        let start = (self.span.start + open_len).min(self.span.end);
        Span::new(start, (self.span.end - close_len).max(start))
    }
}

/// What kind of claim a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// All of the content is inside quotation marks.
    Direct,
    /// Part of the content is inside quotation marks.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
    /// A checkable statement of the article's own, nobody quoted for it (the assertions
    /// stage).
    Assertion,
}

impl ClaimKind {
    /// The name written to the `kind` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Mixed => "mixed",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Assertion => "assertion",
        }
    }
}

/// Who said something, and what was said, as found by the attribution stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// The content pieces, in text order: one for a plain quote or reported clause, several
    /// for a quote split around its attribution.
    pub content: Vec<Span>,
    /// The speaker mention nearest the content, as written; `None` when unknown or inherited.
    pub speaker: Option<Span>,
    /// The resolved full name or organisation; empty when unknown.
    pub speaker_canonical: String,
    /// The cue (`said`, `according to`), as written.
    pub cue: Option<Span>,
    /// The id of the rule that made this attribution.
    pub rule: &'static str,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

impl Attribution {
    /// From the first piece's start to the last piece's end.
    pub fn hull(&self) -> Span {
        let first = self.content.first().copied().unwrap_or_default();
        let last = self.content.last().copied().unwrap_or(first);
        first.hull(last)
    }
}

/// One output claim: an attribution with everything a row needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Direct, mixed or indirect.
    pub kind: ClaimKind,
    /// The attribution the claim was made from.
    pub attribution: Attribution,
    /// The sentence where the content starts.
    pub sentence_index: usize,
    /// The paragraph where the content starts.
    pub paragraph_index: usize,
    /// What made the sentence an assertion; `None` for every other kind of claim.
    pub assertion: Option<Assertion>,
}

/// The cues the assertions stage found in a sentence nobody is quoted for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AssertionFlags {
    /// A quantity: digits (not a year) or a number word (`billion`, `twice`).
    pub has_number: bool,
    /// A currency sign, code or name with a number.
    pub has_money: bool,
    /// `%`, `percent`, `per cent` or `percentage points` with a number.
    pub has_percent: bool,
    /// A month or weekday name, a year (1800 to 2100) or a relative date (`last year`).
    pub has_date: bool,
    /// A ranking or comparison (`the largest`, `more than`).
    pub has_comparison: bool,
    /// A verb of change in an amount (`rose`, `fell`, `doubled`).
    pub has_change: bool,
    /// A causal or predictive marker (`because`, `led to`, `will`).
    pub has_causal: bool,
    /// A hedge (`may`, `could`, `some say`): opinion or speculation.
    pub hedged: bool,
}

/// Why a sentence is an assertion: its cues and the rule id naming them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assertion {
    /// The cues found.
    pub flags: AssertionFlags,
    /// The rule id written to the `rule` column: `assertion:` and the cues joined by `+`,
    /// with the hedge named (`assertion:money+number+hedge(may)`).
    pub rule: String,
}

/// An article with the annotation layers the stages have added so far.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The article; its text is never modified.
    pub article: Article,
    /// Word-bound tokens covering the whole text.
    pub tokens: Vec<Token>,
    /// Paragraph spans, trimmed of white space, in text order.
    pub paragraphs: Vec<Span>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Quotations in text order.
    pub quotes: Vec<Quote>,
    /// Attributions in content order.
    pub attributions: Vec<Attribution>,
    /// The claims to write, in content order.
    pub claims: Vec<Claim>,
    /// Problems a stage met and worked around; they never fail the article.
    pub diagnostics: Vec<String>,
    /// Columns a custom stage adds to the claims, by name: `claim_columns["has_money"][k]`
    /// is claim `k`'s value. The built-in stages leave it empty; a program that adds a stage
    /// writes these columns itself (see `examples/number_flags.rs`).
    pub claim_columns: std::collections::BTreeMap<String, Vec<String>>,
    /// Arena of lowercase forms referenced by tokens.
    pub(crate) norms: String,
    /// The Snowball stemmer the tokenize stage chose, for [`Doc::stem`].
    pub(crate) stemmer: Option<Algorithm>,
}

impl Doc {
    /// A document with no annotation yet.
    pub fn new(article: Article) -> Doc {
        Doc {
            article,
            ..Doc::default()
        }
    }

    /// The article text.
    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The token's text as written.
    pub fn token_text(&self, token: &Token) -> &str {
        token.span.of(&self.article.text)
    }

    /// The token's lowercase form.
    pub fn lower(&self, token: &Token) -> &str {
        &self.norms[token.lower.0 as usize..token.lower.1 as usize]
    }

    /// `text[start..end]` lowercased as [`str::to_lowercase`] does it, borrowed from the
    /// arena's lowered copy of the text when the piece is ASCII (no allocation), computed
    /// otherwise (or before the tokenize stage has filled the arena).
    pub(crate) fn lowercase_of(&self, start: usize, end: usize) -> Cow<'_, str> {
        let piece = &self.article.text[start..end];
        // The arena opens with the whole text, ASCII letters lowered (see the tokenize stage).
        if piece.is_ascii() && self.norms.len() >= end {
            Cow::Borrowed(&self.norms[start..end])
        } else {
            Cow::Owned(piece.to_lowercase())
        }
    }

    /// The token's Snowball stem (its lowercase form for non-words, or when no tokenize
    /// stage named a stemmer).
    ///
    /// Stems are worked out when asked for, not when tokenizing: stages ask for a few words'
    /// stems, and running Snowball on every word cost more than all the rest of tokenizing.
    pub fn stem(&self, token: &Token) -> Cow<'_, str> {
        let lower = self.lower(token);
        match token.kind {
            TokenKind::Word => self.stem_word(lower),
            _ => Cow::Borrowed(lower),
        }
    }

    /// The Snowball stem of a word token's lowercase form `lower` (`lower` itself when no
    /// tokenize stage named a stemmer).
    pub(crate) fn stem_word<'w>(&self, lower: &'w str) -> Cow<'w, str> {
        match self.stemmer {
            Some(algorithm) => Stemmer::create(algorithm).stem(lower),
            None => Cow::Borrowed(lower),
        }
    }

    /// Clears every layer and puts a new article in, keeping allocations for reuse.
    pub fn reset(&mut self, article: Article) {
        self.article = article;
        self.tokens.clear();
        self.paragraphs.clear();
        self.sentences.clear();
        self.quotes.clear();
        self.attributions.clear();
        self.claims.clear();
        self.diagnostics.clear();
        self.claim_columns.clear();
        self.norms.clear();
        self.stemmer = None;
    }

    /// Index of the first token whose span ends after `byte`.
    pub fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= byte)
    }

    /// Index of the sentence holding `byte`, or of the last one before it.
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= byte)
            .saturating_sub(1)
    }

    /// Index of the paragraph holding `byte`, or of the last one before it.
    pub fn paragraph_at(&self, byte: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= byte)
            .saturating_sub(1)
    }
}

/// Maps byte offsets of one text to code-point offsets in O(1) (a checkpoint and at most 63
/// bytes counted) after an O(n) build.
///
/// Only one checkpoint every 64 bytes is stored, so the index costs a few percent of the text.
#[derive(Clone, Debug, Default)]
pub struct CharIndex {
    /// `checkpoints[k]` = number of chars before byte `64 * k` (rounded down to a boundary).
    checkpoints: Vec<usize>,
    ascii: bool,
}

const CHECKPOINT_BYTES: usize = 64;

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex {
                checkpoints: Vec::new(),
                ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let mut chars = 0;
        for chunk in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            checkpoints.push(chars);
            chars += chunk.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        }
        // The end of a text whose length is a multiple of 64 needs a checkpoint of its own:
        // without it the end's offset read as 0 (found by the fuzz target).
        checkpoints.push(chars);
        CharIndex {
            checkpoints,
            ascii: false,
        }
    }

    /// The code-point offset of `byte` in `text` (the text the index was built for).
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let k = byte / CHECKPOINT_BYTES;
        let base = k * CHECKPOINT_BYTES;
        let before = self.checkpoints.get(k).copied().unwrap_or(0);
        before
            + text.as_bytes()[base.min(text.len())..byte]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_counting() {
        // "ü" × 32 is 64 bytes: its end falls just past the last checkpoint's chunk.
        let texts = [
            "plain ascii",
            "“Curly” — quotes é",
            &"ü".repeat(200),
            &"ü".repeat(32),
            &"ü".repeat(64),
            "",
        ];
        for text in texts {
            let index = CharIndex::new(text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    index.char_offset(text, byte),
                    text[..byte].chars().count(),
                    "{text:?} at {byte}"
                );
            }
        }
    }

    #[test]
    fn quote_inner_strips_marks() {
        let text = "He said “yes” and «non";
        let closed = Quote {
            span: Span::new(8, 17),
            closed: true,
            paragraphs: 1,
            words: 1,
            nested: false,
        };
        assert_eq!(closed.inner(text).of(text), "yes");
        let open = Quote {
            span: Span::new(22, text.len()),
            closed: false,
            paragraphs: 1,
            words: 1,
            nested: false,
        };
        assert_eq!(open.inner(text).of(text), "non");
    }
}
