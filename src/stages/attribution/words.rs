//! A view of a document as its words: the non-space tokens, each with its sentence,
//! paragraph and enclosing quote, so rules can walk left and right cheaply.

use super::vocab::WordInfo;
use super::Lexicon;
use crate::doc::{Doc, Span, TokenKind};

/// The non-space tokens of a document with where each stands.
pub(crate) struct Words<'d> {
    pub doc: &'d Doc,
    /// Each word, with what the rules ask of it, side by side: one push per word when
    /// building, one index per question (separate vectors per field cost a push each and
    /// a second index through `doc.tokens` for every span).
    words: Vec<Word<'d>>,
    /// Address of the document's text: a word's span is where its `text` slice starts
    /// relative to it, so the word need not also hold the span.
    text_base: usize,
}

/// One word of [`Words`]: 56 bytes (a copy of the whole [`crate::doc::Token`] made it 88, and the
/// attribution stage has most of the run's cache misses).
#[derive(Clone, Copy)]
struct Word<'d> {
    /// Its text and lowercase form, sliced once: the rules read them many times, and each
    /// slicing checks bounds and char boundaries. `text` is a slice of the document's text,
    /// so it also tells the word's span (see [`Words::span`]).
    text: &'d str,
    lower: &'d str,
    /// Sentence index.
    sentence: u32,
    /// Paragraph index.
    paragraph: u32,
    /// Index + 1 of the quote holding the word (0: none). Marks belong to their quote.
    quote: u32,
    /// What the word lists say of the word.
    info: WordInfo,
    /// The token's kind.
    kind: TokenKind,
    /// [`Words::is_capitalised`], worked out once: the rules ask it of the same words many
    /// times.
    capitalised: bool,
}

impl<'d> Words<'d> {
    pub fn new(doc: &'d Doc, lexicon: &Lexicon) -> Words<'d> {
        // Every token but white space is a word: room for all, so the vector never grows
        // (in news words are a little over half the tokens, so reserving half meant one
        // grow, copying every entry).
        let mut words = Vec::with_capacity(doc.tokens.len());
        // Where the next sentence and paragraph start and where the current quote (the
        // first not ended before the word) starts and ends, `usize::MAX` past the last:
        // held here, each word costs one compare per layer instead of a bounds check and
        // a load.
        let sentence_start = |k: usize| doc.sentences.get(k).map_or(usize::MAX, |x| x.span.start);
        let paragraph_start = |k: usize| doc.paragraphs.get(k).map_or(usize::MAX, |x| x.start);
        let quote_span = |k: usize| {
            doc.quotes
                .get(k)
                .map_or((usize::MAX, usize::MAX), |x| (x.span.start, x.span.end))
        };
        let (mut s, mut p, mut q) = (0usize, 0usize, 0usize);
        let (mut next_sentence, mut next_paragraph) = (sentence_start(1), paragraph_start(1));
        let (mut quote_start, mut quote_end) = quote_span(0);
        for token in &doc.tokens {
            if matches!(token.kind, TokenKind::Space | TokenKind::Newline) {
                continue;
            }
            let at = token.span.start;
            while next_sentence <= at {
                s += 1;
                next_sentence = sentence_start(s + 1);
            }
            while next_paragraph <= at {
                p += 1;
                next_paragraph = paragraph_start(p + 1);
            }
            while quote_end <= at {
                q += 1;
                (quote_start, quote_end) = quote_span(q);
            }
            let text = doc.token_text(token);
            words.push(Word {
                kind: token.kind,
                text,
                lower: doc.lower(token),
                sentence: s as u32,
                paragraph: p as u32,
                quote: if quote_start <= at { q as u32 + 1 } else { 0 },
                info: WordInfo::default(),
                capitalised: token.kind == TokenKind::Word && capitalised(text),
            });
        }
        lexicon.describe_all(doc, words.iter_mut().map(|w| (w.lower, &mut w.info)));
        Words {
            doc,
            words,
            text_base: doc.text().as_ptr() as usize,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn span(&self, w: usize) -> Span {
        self.span_of(&self.words[w])
    }

    /// Where `word` stands in the text: its `text` is the slice of the document's text at
    /// its span.
    #[inline]
    fn span_of(&self, word: &Word) -> Span {
        let start = word.text.as_ptr() as usize - self.text_base;
        Span {
            start,
            end: start + word.text.len(),
        }
    }

    pub fn text(&self, w: usize) -> &'d str {
        self.words[w].text
    }

    #[inline]
    pub fn lower(&self, w: usize) -> &'d str {
        self.words[w].lower
    }

    pub fn kind(&self, w: usize) -> TokenKind {
        self.words[w].kind
    }

    pub fn sentence(&self, w: usize) -> usize {
        self.words[w].sentence as usize
    }

    pub fn paragraph(&self, w: usize) -> usize {
        self.words[w].paragraph as usize
    }

    /// The quote holding word `w`, if any.
    pub fn quote(&self, w: usize) -> Option<usize> {
        self.words[w].quote.checked_sub(1).map(|q| q as usize)
    }

    /// True for a word made of letters whose first letter is a capital.
    pub fn is_capitalised(&self, w: usize) -> bool {
        self.words[w].capitalised
    }

    /// What the word lists say of word `w`.
    pub fn info(&self, w: usize) -> WordInfo {
        self.words[w].info
    }

    /// True when every bit of `flags` (see [`WordInfo`]) holds for word `w`.
    pub fn has(&self, w: usize, flags: u16) -> bool {
        self.words[w].info.is(flags)
    }

    pub fn is(&self, w: usize, lower: &str) -> bool {
        self.lower(w) == lower
    }

    /// The first word at or after byte `at`.
    pub fn at_or_after(&self, at: usize) -> usize {
        self.words.partition_point(|w| self.span_of(w).start < at)
    }

    /// The last word ending at or before byte `at`, if any.
    pub fn before(&self, at: usize) -> Option<usize> {
        self.words
            .partition_point(|w| self.span_of(w).end <= at)
            .checked_sub(1)
    }
}

/// [`Words::is_capitalised`] of a word token's `text`: its first letter is a capital.
fn capitalised(text: &str) -> bool {
    // The first letter decides; ASCII bytes before it are no letter.
    match text
        .bytes()
        .find(|b| b.is_ascii_alphabetic() || !b.is_ascii())
    {
        Some(b) if b.is_ascii() => return b.is_ascii_uppercase(),
        None => return false,
        Some(_) => {}
    }
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}
