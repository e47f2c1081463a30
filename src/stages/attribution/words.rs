//! A view of a document as its words: the non-space tokens, each with its sentence,
//! paragraph and enclosing quote, so rules can walk left and right cheaply.

use super::vocab::WordInfo;
use super::Lexicon;
use crate::doc::{Doc, Span, TokenKind};

/// The non-space tokens of a document with where each stands.
pub(crate) struct Words<'d> {
    pub doc: &'d Doc,
    /// Index into `doc.tokens` of each word.
    tokens: Vec<u32>,
    /// Sentence index of each word.
    sentence: Vec<u32>,
    /// Paragraph index of each word.
    paragraph: Vec<u32>,
    /// Index + 1 of the quote holding each word (0: none). Marks belong to their quote.
    quote: Vec<u32>,
    /// What the word lists say of each word.
    info: Vec<WordInfo>,
    /// Each word's [`Words::is_capitalised`], worked out once: the rules ask it of the same
    /// words many times.
    capitalised: Vec<bool>,
}

impl<'d> Words<'d> {
    pub fn new(doc: &'d Doc, lexicon: &Lexicon) -> Words<'d> {
        let n = doc.tokens.len();
        let mut tokens = Vec::with_capacity(n / 2);
        let mut sentence = Vec::with_capacity(n / 2);
        let mut paragraph = Vec::with_capacity(n / 2);
        let mut quote = Vec::with_capacity(n / 2);
        let (mut s, mut p, mut q) = (0usize, 0usize, 0usize);
        for (k, token) in doc.tokens.iter().enumerate() {
            if matches!(token.kind, TokenKind::Space | TokenKind::Newline) {
                continue;
            }
            let at = token.span.start;
            while s + 1 < doc.sentences.len() && doc.sentences[s + 1].span.start <= at {
                s += 1;
            }
            while p + 1 < doc.paragraphs.len() && doc.paragraphs[p + 1].start <= at {
                p += 1;
            }
            while q < doc.quotes.len() && doc.quotes[q].span.end <= at {
                q += 1;
            }
            let in_quote = q < doc.quotes.len() && doc.quotes[q].span.start <= at;
            tokens.push(k as u32);
            sentence.push(s as u32);
            paragraph.push(p as u32);
            quote.push(if in_quote { q as u32 + 1 } else { 0 });
        }
        let info = lexicon.describe_all(
            doc,
            tokens.iter().map(|&t| doc.lower(&doc.tokens[t as usize])),
        );
        let capitalised = tokens
            .iter()
            .map(|&t| capitalised(doc, t as usize))
            .collect();
        Words {
            doc,
            tokens,
            sentence,
            paragraph,
            quote,
            info,
            capitalised,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn span(&self, w: usize) -> Span {
        self.doc.tokens[self.tokens[w] as usize].span
    }

    pub fn text(&self, w: usize) -> &'d str {
        self.span(w).of(&self.doc.article.text)
    }

    #[inline]
    pub fn lower(&self, w: usize) -> &'d str {
        self.doc.lower(&self.doc.tokens[self.tokens[w] as usize])
    }

    pub fn kind(&self, w: usize) -> TokenKind {
        self.doc.tokens[self.tokens[w] as usize].kind
    }

    pub fn sentence(&self, w: usize) -> usize {
        self.sentence[w] as usize
    }

    pub fn paragraph(&self, w: usize) -> usize {
        self.paragraph[w] as usize
    }

    /// The quote holding word `w`, if any.
    pub fn quote(&self, w: usize) -> Option<usize> {
        self.quote[w].checked_sub(1).map(|q| q as usize)
    }

    /// True for a word made of letters whose first letter is a capital.
    pub fn is_capitalised(&self, w: usize) -> bool {
        self.capitalised[w]
    }

    /// What the word lists say of word `w`.
    pub fn info(&self, w: usize) -> WordInfo {
        self.info[w]
    }

    /// True when every bit of `flags` (see [`WordInfo`]) holds for word `w`.
    pub fn has(&self, w: usize, flags: u16) -> bool {
        self.info[w].is(flags)
    }

    pub fn is(&self, w: usize, lower: &str) -> bool {
        self.lower(w) == lower
    }

    /// The first word at or after byte `at`.
    pub fn at_or_after(&self, at: usize) -> usize {
        self.tokens
            .partition_point(|&t| self.doc.tokens[t as usize].span.start < at)
    }

    /// The last word ending at or before byte `at`, if any.
    pub fn before(&self, at: usize) -> Option<usize> {
        self.tokens
            .partition_point(|&t| self.doc.tokens[t as usize].span.end <= at)
            .checked_sub(1)
    }
}

/// [`Words::is_capitalised`] of token `t`: a word whose first letter is a capital.
fn capitalised(doc: &Doc, t: usize) -> bool {
    let token = &doc.tokens[t];
    if token.kind != TokenKind::Word {
        return false;
    }
    let text = doc.token_text(token);
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
