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
    /// Its sentence, paragraph and quote.
    place: Place,
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
        let mut places = Places::new(doc);
        for token in &doc.tokens {
            if matches!(token.kind, TokenKind::Space | TokenKind::Newline) {
                continue;
            }
            let text = doc.token_text(token);
            words.push(Word {
                kind: token.kind,
                text,
                lower: doc.lower(token),
                place: places.at(token.span.start),
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
        self.words[w].place.sentence as usize
    }

    pub fn paragraph(&self, w: usize) -> usize {
        self.words[w].place.paragraph as usize
    }

    /// The quote holding word `w`, if any.
    pub fn quote(&self, w: usize) -> Option<usize> {
        self.words[w].place.quote.checked_sub(1).map(|q| q as usize)
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

/// Where a word stands in the layers of its document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Place {
    /// Sentence index.
    sentence: u32,
    /// Paragraph index.
    paragraph: u32,
    /// Index + 1 of the quote holding the word (0: none). Marks belong to their quote.
    quote: u32,
}

/// The [`Place`] of each word, asked in text order: the walk through the layers runs only
/// when a word starts outside the span of bytes where the last answer holds (about one word
/// in ten in news), so each word costs one compare, not one per layer, and the walk's state
/// stays out of the registers of the loop over the tokens.
struct Places<'d> {
    walk: PlaceWalk<'d>,
    /// The place of every word starting in `from..until`.
    place: Place,
    from: usize,
    until: usize,
}

impl<'d> Places<'d> {
    fn new(doc: &'d Doc) -> Self {
        Places {
            walk: PlaceWalk::new(doc),
            place: Place::default(),
            // An empty span: the first word walks.
            from: 0,
            until: 0,
        }
    }

    /// The place of a word starting at byte `at`: what [`PlaceWalk::place_at`] says.
    #[inline(always)]
    fn at(&mut self, at: usize) -> Place {
        // `at` in `from..until`, in one compare (`at` below `from` wraps round to a large
        // number).
        if at.wrapping_sub(self.from) >= self.until - self.from {
            (self.place, self.until) = self.walk.place_at(at);
            self.from = at;
        }
        self.place
    }
}

/// Where the next sentence and paragraph start and where the current quote (the first not
/// ended before the word) starts and ends, `usize::MAX` past the last.
struct PlaceWalk<'d> {
    doc: &'d Doc,
    /// The current sentence, paragraph and quote.
    sentence: usize,
    paragraph: usize,
    quote: usize,
    next_sentence: usize,
    next_paragraph: usize,
    quote_start: usize,
    quote_end: usize,
}

impl<'d> PlaceWalk<'d> {
    fn new(doc: &'d Doc) -> Self {
        let (quote_start, quote_end) = Self::quote_span(doc, 0);
        PlaceWalk {
            doc,
            sentence: 0,
            paragraph: 0,
            quote: 0,
            next_sentence: Self::sentence_start(doc, 1),
            next_paragraph: Self::paragraph_start(doc, 1),
            quote_start,
            quote_end,
        }
    }

    fn sentence_start(doc: &Doc, k: usize) -> usize {
        doc.sentences.get(k).map_or(usize::MAX, |x| x.span.start)
    }

    fn paragraph_start(doc: &Doc, k: usize) -> usize {
        doc.paragraphs.get(k).map_or(usize::MAX, |x| x.start)
    }

    fn quote_span(doc: &Doc, k: usize) -> (usize, usize) {
        doc.quotes
            .get(k)
            .map_or((usize::MAX, usize::MAX), |x| (x.span.start, x.span.end))
    }

    /// The place of a word starting at byte `at`, no word before it starting after it, and
    /// the first byte past `at` where a word's place may differ: up to there, asking again
    /// changes nothing and gives the same place.
    #[inline(never)]
    fn place_at(&mut self, at: usize) -> (Place, usize) {
        let doc = self.doc;
        while self.next_sentence <= at {
            self.sentence += 1;
            self.next_sentence = Self::sentence_start(doc, self.sentence + 1);
        }
        while self.next_paragraph <= at {
            self.paragraph += 1;
            self.next_paragraph = Self::paragraph_start(doc, self.paragraph + 1);
        }
        while self.quote_end <= at {
            self.quote += 1;
            (self.quote_start, self.quote_end) = Self::quote_span(doc, self.quote);
        }
        let in_quote = self.quote_start <= at;
        let place = Place {
            sentence: self.sentence as u32,
            paragraph: self.paragraph as u32,
            quote: if in_quote { self.quote as u32 + 1 } else { 0 },
        };
        // Each bound is past `at`: the loops above left the next starts and the quote's end
        // past it, and the quote's start counts only while ahead.
        let quote_start = if in_quote {
            usize::MAX
        } else {
            self.quote_start
        };
        let until = self
            .next_sentence
            .min(self.next_paragraph)
            .min(self.quote_end)
            .min(quote_start);
        (place, until)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Article, Quote, Sentence};

    /// A document with only layers: sentences, paragraphs and quotes starting and ending at
    /// the given bytes (sorted, as the stages make them; a quote may end before it starts).
    fn layered(sentences: &[usize], paragraphs: &[usize], quotes: &[(usize, usize)]) -> Doc {
        let mut doc = Doc::new(Article::default());
        doc.sentences = sentences
            .iter()
            .map(|&start| Sentence {
                span: Span::new(start, start),
                paragraph: 0,
            })
            .collect();
        doc.paragraphs = paragraphs.iter().map(|&p| Span::new(p, p)).collect();
        doc.quotes = quotes
            .iter()
            .map(|&(start, end)| Quote {
                span: Span { start, end },
                closed: true,
                paragraphs: 1,
                words: 1,
                nested: false,
            })
            .collect();
        doc
    }

    proptest::proptest! {
        /// `Places` answers what a walk asked at every word answers, for words in text order
        /// or not.
        #[test]
        fn places_answer_as_the_walk(
            mut sentences in proptest::collection::vec(0usize..200, 0..12),
            mut paragraphs in proptest::collection::vec(0usize..200, 0..6),
            mut quotes in proptest::collection::vec((0usize..200, 0usize..40), 0..6),
            mut starts in proptest::collection::vec(0usize..220, 0..60),
            sorted in proptest::bool::weighted(0.8),
        ) {
            sentences.sort_unstable();
            paragraphs.sort_unstable();
            quotes.sort_unstable();
            // Mostly quotes that end after they start; now and then one that does not.
            let quotes: Vec<(usize, usize)> = quotes
                .into_iter()
                .map(|(start, len)| (start, if len == 0 { start.saturating_sub(3) } else { start + len }))
                .collect();
            if sorted {
                starts.sort_unstable();
            }
            let doc = layered(&sentences, &paragraphs, &quotes);
            let mut places = Places::new(&doc);
            let mut walk = PlaceWalk::new(&doc);
            for &at in &starts {
                proptest::prop_assert_eq!(places.at(at), walk.place_at(at).0, "at {}", at);
            }
        }
    }

    /// A table of places by hand: words before the first sentence, at a sentence's,
    /// paragraph's and quote's first byte, inside and after a quote.
    #[test]
    fn places_by_hand() {
        let doc = layered(&[0, 10, 20], &[0, 20], &[(5, 12), (15, 30)]);
        let mut places = Places::new(&doc);
        let place = |sentence, paragraph, quote| Place {
            sentence,
            paragraph,
            quote,
        };
        let cases = [
            (0, place(0, 0, 0)),
            (4, place(0, 0, 0)),
            (5, place(0, 0, 1)),
            (10, place(1, 0, 1)),
            (12, place(1, 0, 0)),
            (15, place(1, 0, 2)),
            (20, place(2, 1, 2)),
            (30, place(2, 1, 0)),
        ];
        for (at, expected) in cases {
            assert_eq!(places.at(at), expected, "at {at}");
        }
    }
}
