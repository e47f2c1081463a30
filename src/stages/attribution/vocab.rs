//! What the word lists say of each word, looked up once per distinct word.
//!
//! The rules ask of the same word, again and again, whether it is a title, a people noun, an
//! organisation word, a cue… Each question was a hash lookup of the word, and stemming for
//! the cue fallback was a tenth of the whole run. Instead, every word of an article is looked
//! up once in a memo of [`WordInfo`]s keyed by its lowercase form, which the lexicon keeps
//! and every worker shares ([`WordMemo`]); the rules read bits. The memo lives across
//! articles (news repeats the same few thousand words), is tied to one stemmer, and is
//! emptied when it grows past [`MEMO_MAX`] words, so memory stays flat.

use super::mentions::pronoun_head;
use super::{Cue, Lexicon};
use crate::doc::Doc;
use crate::lexicon::PackedWordMap;
use std::sync::{PoisonError, RwLock};

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
    /// In the subject pronouns list up to its first apostrophe (`he` of `he's`): see
    /// [`pronoun_head`].
    pub const SUBJECT_PRONOUN_HEAD: u16 = 1 << 14;

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
    /// `listed` is [`Lexicon::list_flags`]: one lookup answers every exact list membership,
    /// where asking each list hashed the word a dozen times.
    #[inline(never)]
    fn describe(&self, doc: &Doc, listed: &PackedWordMap<u32>, lower: &str) -> WordInfo {
        let flags_of = |word: &str| listed.get(word).copied().unwrap_or(0);
        let exact = flags_of(lower);
        // The lists' bits are `WordInfo`'s; the bits above are `list_flags`' own.
        let mut flags = exact as u16;
        if self.capitalised_nouns {
            let compounds = [
                (WordInfo::TITLE, &self.titles),
                (WordInfo::PEOPLE, &self.people),
                (WordInfo::ORGANISATION, &self.organisations),
            ];
            for (bit, set) in compounds {
                if self.compound_in(set, lower) {
                    flags |= bit;
                }
            }
        }
        let head = pronoun_head(lower);
        let head_flags = if head.len() == lower.len() {
            exact
        } else {
            flags_of(head)
        };
        if head_flags & SUBJECT_PRONOUN != 0 {
            flags |= WordInfo::SUBJECT_PRONOUN_HEAD;
        }
        WordInfo {
            flags,
            cue: self.cue_of(doc, lower, exact),
        }
    }

    /// Every word of the lists `describe` asks about, with the [`WordInfo`] bits of the lists
    /// it is in (exact membership; compounds are `describe`'s), and [`SUBJECT_PRONOUN`] for
    /// a subject pronoun.
    fn list_flags(&self) -> PackedWordMap<u32> {
        let mut map = PackedWordMap::default();
        let mut mark = |word: &str, bits: u32| {
            let old = map.get(word).copied().unwrap_or(0);
            map.insert(word, old | bits);
        };
        let title = u32::from(WordInfo::TITLE | WordInfo::LISTED_TITLE);
        let sets = [
            (title, &self.titles),
            (u32::from(WordInfo::DOTTED_TITLE), &self.dotted_titles),
            (
                u32::from(WordInfo::HYPHEN_TITLE_HEAD),
                &self.hyphen_title_heads,
            ),
            (u32::from(WordInfo::PEOPLE), &self.people),
            (u32::from(WordInfo::ORGANISATION), &self.organisations),
            (u32::from(WordInfo::FUNCTION), &self.function_words),
            (u32::from(WordInfo::DETERMINER), &self.determiners),
            (u32::from(WordInfo::PREPOSITION), &self.prepositions),
            (u32::from(WordInfo::NOUN_MARKER), &self.noun_markers),
            (u32::from(WordInfo::BYLINE), &self.bylines),
        ];
        for (bits, set) in sets {
            set.iter().for_each(|word| mark(word, bits));
        }
        for word in self.pronouns.keys() {
            mark(word, u32::from(WordInfo::PRONOUN));
        }
        for word in self.cues.keys() {
            mark(word, u32::from(WordInfo::CUE_FORM));
        }
        for (phrase, _) in &self.according {
            mark(&phrase[0], u32::from(WordInfo::ACCORDING_HEAD));
        }
        for word in self.subject_pronouns.keys() {
            mark(word, SUBJECT_PRONOUN);
        }
        map
    }

    /// The cue a word token is by the lists: a listed form, else (for a regular form the
    /// list lacks) the cue whose base form has the same stem. `exact` is the word's
    /// [`Lexicon::list_flags`].
    fn cue_of(&self, doc: &Doc, lower: &str, exact: u32) -> Option<Cue> {
        if exact & u32::from(WordInfo::CUE_FORM) != 0 {
            return self.cues.get(lower).copied();
        }
        // The stem is only a fallback for regular forms the list lacks; nouns of people
        // ("reporters", "commentators") share a verb's stem without being cues.
        let person_noun = exact & u32::from(WordInfo::PEOPLE) != 0
            || lower.ends_with("ers")
            || lower.ends_with("ors");
        if self.stem_fallback
            && !person_noun
            && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with('s'))
            && self.memo.cue_heads.may_stem_to_cue(doc.stemmer, lower)
        {
            return self.cue_stems.get(&*doc.stem_word(lower)).copied();
        }
        None
    }

    /// Fills in the [`WordInfo`] of each lowercase form `words` yields, from the memo the
    /// workers share: one read lock per article, and one write lock if it has words the
    /// memo lacks.
    pub(crate) fn describe_all<'w>(
        &self,
        doc: &Doc,
        words: impl Iterator<Item = (&'w str, &'w mut WordInfo)>,
    ) {
        let mut new_words: Vec<(&'w str, &'w mut WordInfo)> = Vec::new();
        {
            let memo = self
                .memo
                .seen
                .read()
                .unwrap_or_else(PoisonError::into_inner);
            if memo.stemmer == doc.stemmer {
                for (lower, slot) in words {
                    match memo.get(lower) {
                        Some(info) => *slot = info,
                        None => new_words.push((lower, slot)),
                    }
                }
            } else {
                new_words.extend(words);
            }
        }
        if new_words.is_empty() {
            return;
        }
        // Described under the write lock, so that a word new twice in the article, or new
        // to two threads at once, is described once. New words are rare once the common
        // ones are in, so the other workers seldom wait.
        let mut memo = self
            .memo
            .seen
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if memo.stemmer != doc.stemmer {
            *memo = Memo::for_stemmer(doc.stemmer);
        }
        for (lower, slot) in new_words {
            *slot = match memo.get(lower) {
                Some(info) => info,
                None => {
                    let info = self.describe(doc, &self.memo.lists, lower);
                    memo.insert(lower, info);
                    info
                }
            };
        }
    }
}

/// The first two and three bytes of the stems of the cue verbs' base forms, to tell without
/// stemming that a word cannot stem to a cue: Snowball stemming was most of the cost of
/// describing a new word, and about half of the words the stem fallback looks at start
/// otherwise, three quarters by three bytes (for three bytes see [`stem_heads3`]).
///
/// The English stemmer changes a word only at its end, from the third character on (its
/// regions start after a vowel and a consonant), and at its very start deletes one
/// apostrophe; the only exceptions are `dying`, `lying` and `tying` (to `die`, `lie`,
/// `tie`), and that it may give back a `Y` as `y`. So a stem of two bytes or more opens
/// with the word's first two bytes after that apostrophe (for a word with no `Y` there),
/// or with its first byte and `i` when the second is `y`.
/// `stem_heads_are_the_words_heads` checks this on any word.
#[derive(Debug, Default)]
struct CueHeads {
    /// Sorted and without repeats; `None` when some cue stem has fewer than two bytes (no
    /// word can then be ruled out this way), or no stem fallback is used.
    heads: Option<Vec<[u8; 2]>>,
    /// The same of the first three bytes (see [`stem_heads3`]), `None` when some cue stem
    /// has fewer than three bytes.
    heads3: Option<Vec<[u8; 3]>>,
}

impl CueHeads {
    fn new(cue_stems: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let stems: Vec<_> = cue_stems.into_iter().collect();
        fn sorted<T: Ord>(mut heads: Vec<T>) -> Vec<T> {
            heads.sort_unstable();
            heads.dedup();
            heads
        }
        let heads: Option<Vec<[u8; 2]>> = stems
            .iter()
            .map(|stem| match stem.as_ref().as_bytes() {
                &[a, b, ..] => Some([a, b]),
                _ => None,
            })
            .collect();
        let heads3: Option<Vec<[u8; 3]>> = stems
            .iter()
            .map(|stem| match stem.as_ref().as_bytes() {
                &[a, b, c, ..] => Some([a, b, c]),
                _ => None,
            })
            .collect();
        CueHeads {
            heads: heads.map(sorted),
            heads3: heads3.map(sorted),
        }
    }

    /// False when `lower`, stemmed with `stemmer`, cannot be a cue stem. Only the English
    /// stemmer (the one the cue stems are made with) is known well enough to rule a word
    /// out; with any other every word may be.
    fn may_stem_to_cue(&self, stemmer: Option<rust_stemmers::Algorithm>, lower: &str) -> bool {
        let Some(heads) = &self.heads else {
            return true;
        };
        if stemmer != Some(rust_stemmers::Algorithm::English) {
            return true;
        }
        let two = match stem_heads(lower) {
            Some((head, other)) => {
                heads.binary_search(&head).is_ok()
                    || other.is_some_and(|other| heads.binary_search(&other).is_ok())
            }
            None => true,
        };
        match (&self.heads3, stem_heads3(lower)) {
            (Some(heads3), Some(candidates)) if two => candidates
                .iter()
                .any(|head| heads3.binary_search(head).is_ok()),
            _ => two,
        }
    }
}

/// What the first two bytes of the English stem of `lower` can be when the stem has two
/// bytes or more (see [`CueHeads`]): those of `lower` after one leading apostrophe, and
/// when the second is `y`, the first and `i`. `None` for a word of fewer than three
/// characters (the stemmer leaves those as they are, apostrophe and all) or of fewer than
/// two bytes after the apostrophe.
fn stem_heads(lower: &str) -> Option<([u8; 2], Option<[u8; 2]>)> {
    lower.chars().nth(2)?;
    let word = lower.strip_prefix('\'').unwrap_or(lower);
    match *word.as_bytes() {
        // The stemmer marks consonant `y`s as `Y` meanwhile, and may give back a `Y` of
        // the word as `y`: no lowercase form has one, so such a word is not worth a rule.
        [a, b, ..] if a == b'Y' || b == b'Y' => None,
        [a, b'y', ..] => Some(([a, b'y'], Some([a, b'i']))),
        [a, b, ..] => Some(([a, b], None)),
        _ => None,
    }
}

/// What the first three bytes of the English stem of `lower` can be when the stem has three
/// bytes or more (see [`CueHeads`]), for a word whose first three bytes after one leading
/// apostrophe are ASCII other than `Y`: its own, or its first two and `e` (added back after
/// `-ed` or `-ing` goes, as in `hoping`), `i` (for a `y`, as in `copying`) or `y` (`skies`
/// gives `sky`), or its first and `ie` (`dying`). `None` for other words.
fn stem_heads3(lower: &str) -> Option<[[u8; 3]; 5]> {
    lower.chars().nth(2)?;
    let word = lower.strip_prefix('\'').unwrap_or(lower);
    match *word.as_bytes() {
        [a, b, c, ..] if [a, b, c].iter().all(|&x| x.is_ascii() && x != b'Y') => Some([
            [a, b, c],
            [a, b, b'e'],
            [a, b, b'i'],
            [a, b, b'y'],
            if b == b'y' {
                [a, b'i', b'e']
            } else {
                [a, b, c]
            },
        ]),
        _ => None,
    }
}

/// What the lists say of the words met so far, shared by every worker of one lexicon: each
/// distinct word is described once in a run, not once per thread, and the memory it takes
/// does not grow with the number of threads or with which thread met which word.
pub(crate) struct WordMemo {
    /// [`Lexicon::list_flags`] of the lexicon.
    lists: PackedWordMap<u32>,
    /// The heads of the lexicon's cue stems.
    cue_heads: CueHeads,
    seen: RwLock<Memo>,
}

impl WordMemo {
    /// An empty memo over `lists`, the lexicon's [`Lexicon::list_flags`], and `cue_heads`.
    fn new(lists: PackedWordMap<u32>, cue_heads: CueHeads) -> Self {
        WordMemo {
            lists,
            cue_heads,
            seen: RwLock::new(Memo::for_stemmer(None)),
        }
    }
}

impl Lexicon {
    /// Fills in the lexicon's memo; called once, when the lexicon is built.
    pub(super) fn with_memo(mut self) -> Self {
        let cue_heads = CueHeads::new(self.cue_stems.keys());
        self.memo = WordMemo::new(self.list_flags(), cue_heads);
        self
    }
}

impl Default for WordMemo {
    fn default() -> Self {
        WordMemo::new(PackedWordMap::default(), CueHeads::default())
    }
}

impl Memo {
    /// An empty memo for words stemmed with `stemmer`.
    fn for_stemmer(stemmer: Option<rust_stemmers::Algorithm>) -> Self {
        Memo {
            stemmer,
            words: PackedWordMap::default(),
            bytes: [None; 128],
        }
    }

    // Always in line: this is the lookup of every word of every article, and where the
    // compiler chose a call the call's overhead cost as much as the lookup.
    #[inline(always)]
    fn get(&self, lower: &str) -> Option<WordInfo> {
        // Punctuation and one-letter words skip the hash.
        if let &[b] = lower.as_bytes() {
            if b.is_ascii() {
                return self.bytes[usize::from(b)];
            }
        }
        self.words.get(lower).copied()
    }

    // Out of line: it runs once per new word, and in line it crowded the loop of `get`s.
    #[inline(never)]
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

/// The bit of [`Lexicon::list_flags`] for a subject pronoun (above `WordInfo`'s 16).
const SUBJECT_PRONOUN: u32 = 1 << 16;

/// The words met so far, for the stemmer they were described with.
struct Memo {
    stemmer: Option<rust_stemmers::Algorithm>,
    words: PackedWordMap<WordInfo>,
    /// The words of one ASCII char, by that char.
    bytes: [Option<WordInfo>; 128],
}

const MEMO_MAX: usize = 1 << 16;

#[cfg(test)]
impl Lexicon {
    /// `describe` as it was, a lookup in each list: what the fast one is checked against.
    fn describe_by_sets(&self, doc: &Doc, lower: &str) -> WordInfo {
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
            (
                WordInfo::SUBJECT_PRONOUN_HEAD,
                self.subject_pronouns.contains_key(pronoun_head(lower)),
            ),
        ];
        let flags = checks
            .iter()
            .filter(|(_, holds)| *holds)
            .fold(0, |flags, (bit, _)| flags | bit);
        WordInfo {
            flags,
            cue: self.cue_by_sets(doc, lower),
        }
    }

    /// The cue a word token is by the lists: a listed form, else (for a regular form the
    /// list lacks) the cue whose base form has the same stem.
    fn cue_by_sets(&self, doc: &Doc, lower: &str) -> Option<Cue> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;
    use crate::lexicon::EMBEDDED;
    use crate::pipeline::BuildContext;
    use crate::stages::attribution::AttributionConfig;

    /// The lexicon of the attribution stage of the embedded pipeline `file`.
    fn lexicon_of(file: &str) -> Lexicon {
        let text = EMBEDDED.iter().find(|(path, _)| *path == file).unwrap().1;
        let pipeline: toml::Table = toml::from_str(text).unwrap();
        let mut stage = pipeline["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"].as_str() == Some("attribution"))
            .unwrap()
            .as_table()
            .unwrap()
            .clone();
        stage.remove("kind");
        let config: AttributionConfig = stage.try_into().unwrap();
        Lexicon::load(&config, &mut BuildContext::default()).unwrap()
    }

    /// One lookup in `list_flags` says what a lookup in each list said, for every word of
    /// the lists (and each with an apostrophe ending, and its compound tails) in English and
    /// German, and for words of no list.
    #[test]
    fn describe_answers_as_the_lists_do() {
        for (file, stemmer) in [
            ("news-en.toml", Some(rust_stemmers::Algorithm::English)),
            ("news-de.toml", None),
        ] {
            let lexicon = lexicon_of(file);
            let lists = lexicon.list_flags();
            let mut doc = Doc::new(Article::default());
            doc.stemmer = stemmer;
            let mut words: Vec<String> = [
                &lexicon.titles,
                &lexicon.dotted_titles,
                &lexicon.hyphen_title_heads,
                &lexicon.people,
                &lexicon.organisations,
                &lexicon.function_words,
                &lexicon.determiners,
                &lexicon.prepositions,
                &lexicon.noun_markers,
                &lexicon.bylines,
            ]
            .into_iter()
            .flatten()
            .cloned()
            .chain(lexicon.pronouns.keys().cloned())
            .chain(lexicon.cues.keys().cloned())
            .chain(lexicon.subject_pronouns.keys().cloned())
            .chain(
                lexicon
                    .according
                    .iter()
                    .map(|(phrase, _)| phrase[0].clone()),
            )
            .collect();
            let extra: Vec<String> = words
                .iter()
                .flat_map(|w| {
                    [
                        format!("{w}'s"),
                        format!("{w}’d"),
                        format!("{w}s"),
                        format!("{w}ed"),
                        format!("{w}ing"),
                        format!("bundes{w}"),
                    ]
                })
                .collect();
            words.extend(extra);
            words.extend(
                [
                    "",
                    "'",
                    "reporters",
                    "zzz",
                    "said",
                    "adds",
                    "über",
                    "a much longer word",
                ]
                .map(String::from),
            );
            for word in &words {
                assert_eq!(
                    lexicon.describe(&doc, &lists, word),
                    lexicon.describe_by_sets(&doc, word),
                    "{file}: {word:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Any word at all: `describe` agrees with the lists.
        #[test]
        fn describe_agrees_on_any_word(word in "(?s).{0,12}|[a-z]{1,10}(s|ed|ing|'s)?") {
            thread_local! {
                static EN: (Lexicon, PackedWordMap<u32>) = {
                    let lexicon = lexicon_of("news-en.toml");
                    let lists = lexicon.list_flags();
                    (lexicon, lists)
                };
            }
            let mut doc = Doc::new(Article::default());
            doc.stemmer = Some(rust_stemmers::Algorithm::English);
            EN.with(|(lexicon, lists)| {
                proptest::prop_assert_eq!(
                    lexicon.describe(&doc, lists, &word),
                    lexicon.describe_by_sets(&doc, &word)
                );
                Ok(())
            })?;
        }
    }

    /// Workers sharing the memo get what `describe` says of each word, whether it is new,
    /// met by another thread, twice in one article, or was described for another stemmer.
    #[test]
    fn the_shared_memo_answers_as_describe() {
        let lexicon = lexicon_of("news-en.toml");
        let words = [
            "said",
            "the",
            "reporters",
            "claimed",
            "zzz",
            "he's",
            "senator",
            "said",
            "a",
            ",",
            "accusations",
            "über",
            "a much longer word",
            "allegations",
            "claimed",
        ];
        let docs = [Some(rust_stemmers::Algorithm::English), None].map(|stemmer| {
            let mut doc = Doc::new(Article::default());
            doc.stemmer = stemmer;
            doc
        });
        let expected = docs.each_ref().map(|doc| {
            words
                .iter()
                .map(|w| lexicon.describe(doc, &lexicon.memo.lists, w))
                .collect::<Vec<_>>()
        });
        assert_ne!(
            expected[0], expected[1],
            "the stemmer should matter to some word"
        );
        std::thread::scope(|scope| {
            for thread in 0..4 {
                let (lexicon, docs, expected) = (&lexicon, &docs, &expected);
                scope.spawn(move || {
                    for round in 0..6 {
                        let which = (thread + round / 3) % 2;
                        let mut infos = vec![WordInfo::default(); words.len()];
                        lexicon.describe_all(&docs[which], words.into_iter().zip(&mut infos));
                        assert_eq!(infos, expected[which], "thread {thread}, round {round}");
                    }
                });
            }
        });
    }

    /// `stem_heads` of words of each shape it tells apart.
    #[test]
    fn stem_heads_by_shape() {
        // (word, its heads as text: the first, and the second if any)
        let cases = [
            ("said", Some(("sa", None))),
            ("'tis", Some(("ti", None))),
            ("dying", Some(("dy", Some("di")))),
            ("'s", None),
            ("as", None),
            ("'ab", Some(("ab", None))),
            ("'a", None),
            ("éts", Some(("é", None))),
            ("''ed", Some(("'e", None))),
            ("aYs", None),
        ];
        let bytes = |head: &str| -> [u8; 2] { head.as_bytes().try_into().unwrap() };
        for (word, expected) in cases {
            let expected = expected.map(|(head, other)| (bytes(head), other.map(bytes)));
            assert_eq!(stem_heads(word), expected, "{word:?}");
        }
    }

    /// Every cue form of the English list, and regular forms of each, is kept by the cue
    /// heads whenever it stems to a cue stem.
    #[test]
    fn cue_heads_keep_every_cue_form() {
        let lexicon = lexicon_of("news-en.toml");
        let english = Some(rust_stemmers::Algorithm::English);
        let mut doc = Doc::new(Article::default());
        doc.stemmer = english;
        let mut kept = 0;
        for form in lexicon.cues.keys() {
            for word in [
                form.clone(),
                format!("{form}s"),
                format!("{form}ed"),
                format!("{form}ing"),
                format!("'{form}s"),
            ] {
                if lexicon.cue_stems.contains_key(&*doc.stem_word(&word)) {
                    assert!(
                        lexicon.memo.cue_heads.may_stem_to_cue(english, &word),
                        "{word:?}"
                    );
                    kept += 1;
                }
            }
        }
        assert!(kept > 100, "only {kept} forms stem to a cue");
    }

    proptest::proptest! {
        /// The English stem of any word, when it has two (three) bytes or more, opens with
        /// one of the word's `stem_heads` (`stem_heads3`) if it has any (without, no word is
        /// ruled out): what lets `CueHeads` rule a word out unstemmed.
        #[test]
        fn stem_heads_are_the_words_heads(
            word in "(?s).{0,12}|'?[aeiouyYbdlstgnrkmcpz'’é]{1,7}(ed|ing|ingly|edly|s|ies|ied|eed|ly|'s|ation|ational|ator|ness|ful|li|bli|logi|ogi|ize|ization|ative|al|e|ement|ent|ence|er)?"
        ) {
            let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            let stem = stemmer.stem(&word);
            if let [a, b, ..] = *stem.as_bytes() {
                let heads = stem_heads(&word);
                proptest::prop_assert!(
                    heads.is_none_or(|(head, other)| head == [a, b] || other == Some([a, b])),
                    "{:?} stems to {:?}, heads {:?}", word, stem, heads
                );
            }
            if let [a, b, c, ..] = *stem.as_bytes() {
                let heads = stem_heads3(&word);
                proptest::prop_assert!(
                    heads.is_none_or(|heads| heads.contains(&[a, b, c])),
                    "{:?} stems to {:?}, heads3 {:?}", word, stem, heads
                );
            }
        }
    }

    /// The exceptions of the English stemmer keep their heads too (`dying` to `die`).
    #[test]
    fn stem_heads_hold_for_the_stemmers_exceptions() {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let words = [
            "andes",
            "atlas",
            "bias",
            "cosmos",
            "dying",
            "early",
            "gently",
            "howe",
            "idly",
            "lying",
            "news",
            "only",
            "singly",
            "skies",
            "skis",
            "sky",
            "tying",
            "ugly",
            "inning",
            "outing",
            "canning",
            "herring",
            "earring",
            "proceed",
            "exceed",
            "succeed",
            "generously",
            "communities",
            "arsenals",
        ];
        for word in words {
            let stem = stemmer.stem(word);
            let found3: [u8; 3] = stem.as_bytes()[..3].try_into().unwrap();
            assert!(
                stem_heads3(word).unwrap().contains(&found3),
                "{word:?} -> {stem:?}"
            );
            let (head, other) = stem_heads(word).unwrap();
            let found: [u8; 2] = stem.as_bytes()[..2].try_into().unwrap();
            assert!(
                head == found || other == Some(found),
                "{word:?} -> {stem:?}"
            );
        }
    }

    proptest::proptest! {
        /// The memo gives back what was put in, for short, long and one-byte words alike.
        #[test]
        fn memo_gives_back_what_it_holds(words in proptest::collection::vec("(?s).{0,20}", 1..30)) {
            let mut memo = Memo::for_stemmer(None);
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
