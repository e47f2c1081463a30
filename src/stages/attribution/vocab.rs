//! What the word lists say of each word, looked up once per distinct word.
//!
//! The rules ask of the same word, again and again, whether it is a title, a people noun, an
//! organisation word, a cue… Each question was a hash lookup of the word, and stemming for
//! the cue fallback was a tenth of the whole run. Instead, every word of an article is looked
//! up once in a per-thread memo of [`WordInfo`]s keyed by its lowercase form; the rules read
//! bits. The memo lives across articles (news repeats the same few thousand words), is tied
//! to one lexicon and one stemmer, and is emptied when it grows past [`MEMO_MAX`] words, so
//! memory stays flat.

use super::{Cue, Lexicon};
use crate::doc::Doc;
use crate::lexicon::PackedWordMap;
use std::cell::RefCell;

/// What the lexicon says of one lowercase word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// The [`WordInfo`] bits (`TITLE`, `PEOPLE`, …) that hold.
    flags: u16,
    /// The cue a word token with this lowercase form is by the lists alone (its listed form,
    /// or the stem fallback), before the rules look at its place.
    pub cue: Option<Cue>,
}

impl WordInfo {
    /// In the titles list, or (where nouns are compounded) ending in a title: see
    /// [`Lexicon::compound_in`]. `PEOPLE` and `ORGANISATION` likewise.
    pub const TITLE: u16 = 1;
    /// The word and a full stop is a title (`sen` of `sen.`).
    pub const DOTTED_TITLE: u16 = 1 << 1;
    /// Some title starts with the word and a hyphen (`co` of `co-founder`).
    pub const HYPHEN_TITLE_HEAD: u16 = 1 << 2;
    /// In the people list.
    pub const PEOPLE: u16 = 1 << 3;
    /// In the organisations list.
    pub const ORGANISATION: u16 = 1 << 4;
    /// In the function words list.
    pub const FUNCTION: u16 = 1 << 5;
    /// In the pronouns list.
    pub const PRONOUN: u16 = 1 << 6;
    /// A listed form of a cue verb.
    pub const CUE_FORM: u16 = 1 << 7;
    /// In the determiners list.
    pub const DETERMINER: u16 = 1 << 8;
    /// In the prepositions list.
    pub const PREPOSITION: u16 = 1 << 9;
    /// In the titles list itself.
    pub const LISTED_TITLE: u16 = 1 << 10;
    /// The first word of a phrase like `according to`.
    pub const ACCORDING_HEAD: u16 = 1 << 11;
    /// In the noun markers list (`the`, `a`: what makes the next word a noun).
    pub const NOUN_MARKER: u16 = 1 << 12;
    /// In the bylines list.
    pub const BYLINE: u16 = 1 << 13;

    /// True when every bit of `flags` holds.
    pub fn is(&self, flags: u16) -> bool {
        self.flags & flags == flags
    }

    /// True when some bit of `flags` holds.
    pub fn is_any(&self, flags: u16) -> bool {
        self.flags & flags != 0
    }
}

impl Lexicon {
    /// What the lists say of `lower`, stemming with `doc`'s stemmer for the cue fallback.
    fn describe(&self, doc: &Doc, lower: &str) -> WordInfo {
        let checks = [
            (WordInfo::TITLE, self.compound_in(&self.titles, lower)),
            (WordInfo::LISTED_TITLE, self.titles.contains(lower)),
            (WordInfo::DOTTED_TITLE, self.dotted_titles.contains(lower)),
            (
                WordInfo::HYPHEN_TITLE_HEAD,
                self.hyphen_title_heads.contains(lower),
            ),
            (WordInfo::PEOPLE, self.compound_in(&self.people, lower)),
            (
                WordInfo::ORGANISATION,
                self.compound_in(&self.organisations, lower),
            ),
            (WordInfo::FUNCTION, self.function_words.contains(lower)),
            (WordInfo::PRONOUN, self.pronouns.contains_key(lower)),
            (WordInfo::CUE_FORM, self.cues.contains_key(lower)),
            (WordInfo::DETERMINER, self.determiners.contains(lower)),
            (WordInfo::PREPOSITION, self.prepositions.contains(lower)),
            (
                WordInfo::ACCORDING_HEAD,
                self.according.iter().any(|(phrase, _)| phrase[0] == lower),
            ),
            (WordInfo::NOUN_MARKER, self.noun_markers.contains(lower)),
            (WordInfo::BYLINE, self.bylines.contains(lower)),
        ];
        let flags = checks
            .iter()
            .filter(|(_, holds)| *holds)
            .fold(0, |flags, (bit, _)| flags | bit);
        WordInfo {
            flags,
            cue: self.cue_of(doc, lower),
        }
    }

    /// The cue a word token is by the lists: a listed form, else (for a regular form the
    /// list lacks) the cue whose base form has the same stem.
    fn cue_of(&self, doc: &Doc, lower: &str) -> Option<Cue> {
        if let Some(cue) = self.cues.get(lower) {
            return Some(*cue);
        }
        // The stem is only a fallback for regular forms the list lacks; nouns of people
        // ("reporters", "commentators") share a verb's stem without being cues.
        let person_noun =
            self.people.contains(lower) || lower.ends_with("ers") || lower.ends_with("ors");
        if self.stem_fallback
            && !person_noun
            && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with('s'))
        {
            return self.cue_stems.get(&*doc.stem_word(lower)).copied();
        }
        None
    }

    /// Fills in the [`WordInfo`] of each lowercase form `words` yields, from this thread's
    /// memo.
    pub(crate) fn describe_all<'w>(
        &self,
        doc: &Doc,
        words: impl Iterator<Item = (&'w str, &'w mut WordInfo)>,
    ) {
        MEMO.with_borrow_mut(|memo| {
            if memo.lexicon != self.id || memo.stemmer != doc.stemmer {
                memo.lexicon = self.id;
                memo.stemmer = doc.stemmer;
                memo.words.clear();
                memo.bytes = [None; 128];
            }
            for (lower, slot) in words {
                *slot = memo.get(lower).unwrap_or_else(|| {
                    let info = self.describe(doc, lower);
                    memo.insert(lower, info);
                    info
                });
            }
        })
    }
}

impl Memo {
    fn get(&self, lower: &str) -> Option<WordInfo> {
        // Punctuation and one-letter words skip the hash.
        if let &[b] = lower.as_bytes() {
            if b.is_ascii() {
                return self.bytes[usize::from(b)];
            }
        }
        self.words.get(lower).copied()
    }

    fn insert(&mut self, lower: &str, info: WordInfo) {
        if let &[b] = lower.as_bytes() {
            if b.is_ascii() {
                self.bytes[usize::from(b)] = Some(info);
                return;
            }
        }
        if self.words.len() >= MEMO_MAX {
            self.words.clear();
        }
        self.words.insert(lower, info);
    }
}

/// One thread's memo: the lexicon and stemmer it was filled for, and the words.
struct Memo {
    lexicon: u64,
    stemmer: Option<rust_stemmers::Algorithm>,
    words: PackedWordMap<WordInfo>,
    /// The words of one ASCII char, by that char.
    bytes: [Option<WordInfo>; 128],
}

const MEMO_MAX: usize = 1 << 16;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        lexicon: u64::MAX,
        stemmer: None,
        words: PackedWordMap::default(),
        bytes: [None; 128],
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The memo gives back what was put in, for short, long and one-byte words alike.
        #[test]
        fn memo_gives_back_what_it_holds(words in proptest::collection::vec("(?s).{0,20}", 1..30)) {
            let mut memo = Memo {
                lexicon: 0,
                stemmer: None,
                words: PackedWordMap::default(),
                bytes: [None; 128],
            };
            for (k, word) in words.iter().enumerate() {
                let info = WordInfo { flags: k as u16, cue: None };
                memo.insert(word, info);
                proptest::prop_assert_eq!(memo.get(word), Some(info));
            }
            for word in &words {
                let last = words.iter().rposition(|w| w == word).unwrap();
                proptest::prop_assert_eq!(memo.get(word).map(|i| i.flags), Some(last as u16));
            }
        }
    }
}
