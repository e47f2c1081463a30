//! Word lists: plain text data files with a provenance header, and where they are read from.
//!
//! A word list looks like this:
//!
//! ```text
//! # English speech cues: every inflected form of each verb.
//! # source: written for claimsift by its authors
//! # license: MIT OR Apache-2.0
//! say says said saying
//! tell tells told telling
//! ```
//!
//! The header is the run of `#` lines at the top; it must hold a `source:` and a `license:`
//! line, so every list says where it came from. After it, each non-blank line is one entry;
//! `#` lines are comments. What an entry means is up to the stage that reads the list.
//!
//! Lists are read through [`Resources`]: either the files next to a pipeline file on disk, or
//! the copies of `pipelines/` embedded in the binary, so the default pipeline runs from any
//! directory.

use crate::error::ConfigError;
use std::path::{Path, PathBuf};

/// A set of words, hashed with FxHash: stages look every token up in several of these, and
/// the default SipHash cost more than the lookups themselves. The keys are word lists, not
/// input, so a hash that resists flooding buys nothing here.
pub type WordSet = rustc_hash::FxHashSet<String>;

/// A map keyed by words, hashed like [`WordSet`].
pub type WordMap<V> = rustc_hash::FxHashMap<String, V>;

/// A map keyed by words for the lookups made once per token: a word of 1 to 15 bytes is
/// keyed by [`packed_word`] in a table of its own (open addressing, linear probing, at most
/// half full), where a lookup is one multiply-and-shift hash and a compare of two `u64`s per
/// probe; a general hash map (string keys, or even `u128` keys in `hashbrown`) cost twice
/// that and more. Longer words (few) and the empty word keep a string-keyed map.
#[derive(Clone, Debug)]
pub(crate) struct PackedWordMap<V> {
    /// The packed keys; 0 marks an empty slot (no key of a non-empty word is 0, since the
    /// length byte of every key is non-zero). The length is 0 or a power of two.
    keys: Vec<u128>,
    /// The value of the key in the same slot (`Some` exactly where the key is not 0).
    values: Vec<Option<V>>,
    /// How many keys the table holds.
    short_len: usize,
    long: rustc_hash::FxHashMap<Box<str>, V>,
}

impl<V> Default for PackedWordMap<V> {
    fn default() -> Self {
        PackedWordMap {
            keys: Vec::new(),
            values: Vec::new(),
            short_len: 0,
            long: Default::default(),
        }
    }
}

impl<V> PackedWordMap<V> {
    /// The value of `word`, if any. (Always in line: see `Memo::get` in the attribution
    /// stage's `vocab`.)
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<&V> {
        match table_key(word) {
            Some(key) => self.slot_of(key).and_then(|k| self.values[k].as_ref()),
            None => self.get_long(word),
        }
    }

    /// [`Self::get`] of a word the table does not key, kept out of line: the string hash
    /// would make every lookup save and restore registers it never uses.
    #[inline(never)]
    fn get_long(&self, word: &str) -> Option<&V> {
        self.long.get(word)
    }

    /// Sets the value of `word`, giving back the one it replaces.
    pub fn insert(&mut self, word: &str, value: V) -> Option<V> {
        let Some(key) = table_key(word) else {
            return self.long.insert(word.into(), value);
        };
        if let Some(k) = self.slot_of(key) {
            return self.values[k].replace(value);
        }
        // At most half full, so probes stay short and an empty slot always ends them.
        if (self.short_len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        self.put(key, value);
        self.short_len += 1;
        None
    }

    /// How many words have a value.
    pub fn len(&self) -> usize {
        self.short_len + self.long.len()
    }

    /// Forgets every word.
    pub fn clear(&mut self) {
        self.keys.fill(0);
        self.values.iter_mut().for_each(|v| *v = None);
        self.short_len = 0;
        self.long.clear();
    }

    /// The slot holding `key`, if any.
    #[inline]
    fn slot_of(&self, key: u128) -> Option<usize> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut k = self.home(key);
        loop {
            match self.keys[k] {
                found if found == key => return Some(k),
                0 => return None,
                _ => k = (k + 1) & mask,
            }
        }
    }

    /// The first slot `key` is looked for in: the top bits of a multiplicative hash of it.
    #[inline]
    fn home(&self, key: u128) -> usize {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mixed = ((key as u64).wrapping_mul(K) ^ (key >> 64) as u64).wrapping_mul(K);
        let bits = self.keys.len().trailing_zeros();
        // `bits` is at least 4 here (the table starts at 16 slots).
        (mixed >> (64 - bits)) as usize
    }

    /// Puts `key` (not in the table; there is room) in the first empty slot from its home.
    fn put(&mut self, key: u128, value: V) {
        let mask = self.keys.len() - 1;
        let mut k = self.home(key);
        while self.keys[k] != 0 {
            k = (k + 1) & mask;
        }
        self.keys[k] = key;
        self.values[k] = Some(value);
    }

    /// Doubles the table (16 slots at first) and puts every key back.
    fn grow(&mut self) {
        let size = (self.keys.len() * 2).max(16);
        let keys = std::mem::replace(&mut self.keys, vec![0; size]);
        let values = std::mem::replace(&mut self.values, (0..size).map(|_| None).collect());
        for (key, value) in keys.into_iter().zip(values) {
            if let Some(value) = value {
                self.put(key, value);
            }
        }
    }
}

impl<V> FromIterator<(String, V)> for PackedWordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = PackedWordMap::default();
        for (word, value) in entries {
            map.insert(&word, value);
        }
        map
    }
}

/// The key of `word` in [`PackedWordMap`]'s table: [`packed_word`], for words of 1 to 15
/// bytes (the empty word's key would be 0, the table's mark of an empty slot).
#[inline]
fn table_key(word: &str) -> Option<u128> {
    packed_word(word).filter(|&key| key != 0)
}

/// `word` packed into a `u128` when it has at most 15 bytes: its bytes, zero-padded, with the
/// length in the last byte, so two words share a key only when they are the same word.
///
/// Built from a few fixed-width loads (see [`packed_le`]): this runs once per token in
/// several stages, and copying a variable-length slice into a zeroed buffer went through a
/// `memcpy` call each time.
#[inline]
pub(crate) fn packed_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let (low, high) = match bytes.len() {
        0..=8 => (packed_le(bytes), 0),
        9..=15 => {
            let (head, tail) = bytes.split_at(8);
            let head: [u8; 8] = head.try_into().expect("split at 8");
            (u64::from_le_bytes(head), packed_le(tail))
        }
        _ => return None,
    };
    // `high` holds at most 7 bytes, so its top byte is free for the length.
    Some(u128::from(low) | u128::from(high) << 64 | (bytes.len() as u128) << 120)
}

/// Up to 8 bytes as a little-endian `u64`, zero-padded (`u64::from_le_bytes` of the bytes
/// followed by zeros). Two loads that may overlap cover every length: an overlapping byte is
/// the same byte at the same place in both, so or-ing them changes nothing.
#[inline]
fn packed_le(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n <= 8, "packed_le takes at most 8 bytes");
    if n >= 4 {
        let word = |k: usize| {
            let four: [u8; 4] = bytes[k..k + 4].try_into().expect("four bytes");
            u64::from(u32::from_le_bytes(four)) << (8 * k)
        };
        word(0) | word(n - 4)
    } else if n > 0 {
        let byte = |k: usize| u64::from(bytes[k]) << (8 * k);
        byte(0) | byte(n / 2) | byte(n - 1)
    } else {
        0
    }
}

/// One entry of a word list, with the line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number in the file.
    pub line: usize,
    /// The line, trimmed.
    pub text: String,
}

/// A loaded word list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordList {
    /// The path the list was read from, for messages.
    pub path: String,
    /// The provenance header lines, without their `#`.
    pub header: Vec<String>,
    /// The entries in file order.
    pub entries: Vec<Entry>,
    /// FNV-1a 64 checksum of the file's bytes, in hex, for run manifests.
    pub checksum: String,
}

impl WordList {
    /// Parses the text of a list read from `path`.
    pub fn parse(path: &str, text: &str) -> Result<WordList, ConfigError> {
        let mut header = Vec::new();
        let mut entries = Vec::new();
        let mut in_header = true;
        for (k, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if let Some(comment) = line.strip_prefix('#') {
                if in_header {
                    header.push(comment.trim().to_string());
                }
                continue;
            }
            in_header = false;
            if line.is_empty() {
                continue;
            }
            entries.push(Entry {
                line: k + 1,
                text: line.to_string(),
            });
        }
        for key in ["source:", "license:"] {
            if !header.iter().any(|h| h.to_lowercase().starts_with(key)) {
                return Err(ConfigError::new(
                    path,
                    "header",
                    format!("the provenance header has no `# {key}` line"),
                ));
            }
        }
        Ok(WordList {
            path: path.to_string(),
            header,
            entries,
            checksum: fnv1a_hex(text.as_bytes()),
        })
    }

    /// The entries' texts.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.text.as_str())
    }

    /// The entries lowercased, as a set.
    pub fn lowercase_set(&self) -> WordSet {
        self.texts().map(str::to_lowercase).collect()
    }

    /// An error about the entry at `line`.
    pub fn error_at(&self, line: usize, message: impl Into<String>) -> ConfigError {
        ConfigError::new(&self.path, format!("line {line}"), message)
    }
}

fn fnv1a_hex(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The files of `pipelines/` built into the binary: (path relative to `pipelines/`, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("news-en.toml", include_str!("../pipelines/news-en.toml")),
    (
        "lexicons/en/cues.txt",
        include_str!("../pipelines/lexicons/en/cues.txt"),
    ),
    (
        "lexicons/en/titles.txt",
        include_str!("../pipelines/lexicons/en/titles.txt"),
    ),
    (
        "lexicons/en/abbreviations.txt",
        include_str!("../pipelines/lexicons/en/abbreviations.txt"),
    ),
    (
        "lexicons/en/sentence-starters.txt",
        include_str!("../pipelines/lexicons/en/sentence-starters.txt"),
    ),
    (
        "lexicons/en/pronouns.txt",
        include_str!("../pipelines/lexicons/en/pronouns.txt"),
    ),
    (
        "lexicons/en/organisations.txt",
        include_str!("../pipelines/lexicons/en/organisations.txt"),
    ),
    (
        "lexicons/en/bylines.txt",
        include_str!("../pipelines/lexicons/en/bylines.txt"),
    ),
    (
        "lexicons/en/people.txt",
        include_str!("../pipelines/lexicons/en/people.txt"),
    ),
    (
        "lexicons/en/given-names.txt",
        include_str!("../pipelines/lexicons/en/given-names.txt"),
    ),
    (
        "lexicons/en/function-words.txt",
        include_str!("../pipelines/lexicons/en/function-words.txt"),
    ),
    (
        "lexicons/en/places.txt",
        include_str!("../pipelines/lexicons/en/places.txt"),
    ),
    (
        "lexicons/en/numbers.txt",
        include_str!("../pipelines/lexicons/en/numbers.txt"),
    ),
    (
        "lexicons/en/percents.txt",
        include_str!("../pipelines/lexicons/en/percents.txt"),
    ),
    (
        "lexicons/en/currencies.txt",
        include_str!("../pipelines/lexicons/en/currencies.txt"),
    ),
    (
        "lexicons/en/dates.txt",
        include_str!("../pipelines/lexicons/en/dates.txt"),
    ),
    (
        "lexicons/en/comparisons.txt",
        include_str!("../pipelines/lexicons/en/comparisons.txt"),
    ),
    (
        "lexicons/en/changes.txt",
        include_str!("../pipelines/lexicons/en/changes.txt"),
    ),
    (
        "lexicons/en/causal.txt",
        include_str!("../pipelines/lexicons/en/causal.txt"),
    ),
    (
        "lexicons/en/hedges.txt",
        include_str!("../pipelines/lexicons/en/hedges.txt"),
    ),
    (
        "lexicons/en/openers.txt",
        include_str!("../pipelines/lexicons/en/openers.txt"),
    ),
    (
        "lexicons/en/first-person.txt",
        include_str!("../pipelines/lexicons/en/first-person.txt"),
    ),
    (
        "lexicons/en/speech-verbs.txt",
        include_str!("../pipelines/lexicons/en/speech-verbs.txt"),
    ),
    (
        "lexicons/en/determiners.txt",
        include_str!("../pipelines/lexicons/en/determiners.txt"),
    ),
    (
        "lexicons/en/subject-pronouns.txt",
        include_str!("../pipelines/lexicons/en/subject-pronouns.txt"),
    ),
    (
        "lexicons/en/according.txt",
        include_str!("../pipelines/lexicons/en/according.txt"),
    ),
    (
        "lexicons/en/complementisers.txt",
        include_str!("../pipelines/lexicons/en/complementisers.txt"),
    ),
    (
        "lexicons/en/prepositions.txt",
        include_str!("../pipelines/lexicons/en/prepositions.txt"),
    ),
    (
        "lexicons/en/clause-openers.txt",
        include_str!("../pipelines/lexicons/en/clause-openers.txt"),
    ),
    (
        "lexicons/en/auxiliaries.txt",
        include_str!("../pipelines/lexicons/en/auxiliaries.txt"),
    ),
    (
        "lexicons/en/between-speaker-and-cue.txt",
        include_str!("../pipelines/lexicons/en/between-speaker-and-cue.txt"),
    ),
    (
        "lexicons/en/negations.txt",
        include_str!("../pipelines/lexicons/en/negations.txt"),
    ),
    (
        "lexicons/en/time-words.txt",
        include_str!("../pipelines/lexicons/en/time-words.txt"),
    ),
    (
        "lexicons/en/content-stops.txt",
        include_str!("../pipelines/lexicons/en/content-stops.txt"),
    ),
    (
        "lexicons/en/gendered-titles.txt",
        include_str!("../pipelines/lexicons/en/gendered-titles.txt"),
    ),
    (
        "lexicons/en/after-speaker.txt",
        include_str!("../pipelines/lexicons/en/after-speaker.txt"),
    ),
    ("news-de.toml", include_str!("../pipelines/news-de.toml")),
    (
        "lexicons/de/abbreviations.txt",
        include_str!("../pipelines/lexicons/de/abbreviations.txt"),
    ),
    (
        "lexicons/de/according.txt",
        include_str!("../pipelines/lexicons/de/according.txt"),
    ),
    (
        "lexicons/de/auxiliaries.txt",
        include_str!("../pipelines/lexicons/de/auxiliaries.txt"),
    ),
    (
        "lexicons/de/between-speaker-and-cue.txt",
        include_str!("../pipelines/lexicons/de/between-speaker-and-cue.txt"),
    ),
    (
        "lexicons/de/bylines.txt",
        include_str!("../pipelines/lexicons/de/bylines.txt"),
    ),
    (
        "lexicons/de/clause-openers.txt",
        include_str!("../pipelines/lexicons/de/clause-openers.txt"),
    ),
    (
        "lexicons/de/complementisers.txt",
        include_str!("../pipelines/lexicons/de/complementisers.txt"),
    ),
    (
        "lexicons/de/content-stops.txt",
        include_str!("../pipelines/lexicons/de/content-stops.txt"),
    ),
    (
        "lexicons/de/cues.txt",
        include_str!("../pipelines/lexicons/de/cues.txt"),
    ),
    (
        "lexicons/de/determiners.txt",
        include_str!("../pipelines/lexicons/de/determiners.txt"),
    ),
    (
        "lexicons/de/function-words.txt",
        include_str!("../pipelines/lexicons/de/function-words.txt"),
    ),
    (
        "lexicons/de/gendered-titles.txt",
        include_str!("../pipelines/lexicons/de/gendered-titles.txt"),
    ),
    (
        "lexicons/de/after-speaker.txt",
        include_str!("../pipelines/lexicons/de/after-speaker.txt"),
    ),
    (
        "lexicons/de/given-names.txt",
        include_str!("../pipelines/lexicons/de/given-names.txt"),
    ),
    (
        "lexicons/de/negations.txt",
        include_str!("../pipelines/lexicons/de/negations.txt"),
    ),
    (
        "lexicons/de/organisations.txt",
        include_str!("../pipelines/lexicons/de/organisations.txt"),
    ),
    (
        "lexicons/de/particles.txt",
        include_str!("../pipelines/lexicons/de/particles.txt"),
    ),
    (
        "lexicons/de/people.txt",
        include_str!("../pipelines/lexicons/de/people.txt"),
    ),
    (
        "lexicons/de/places.txt",
        include_str!("../pipelines/lexicons/de/places.txt"),
    ),
    (
        "lexicons/de/prepositions.txt",
        include_str!("../pipelines/lexicons/de/prepositions.txt"),
    ),
    (
        "lexicons/de/pronouns.txt",
        include_str!("../pipelines/lexicons/de/pronouns.txt"),
    ),
    (
        "lexicons/de/sentence-starters.txt",
        include_str!("../pipelines/lexicons/de/sentence-starters.txt"),
    ),
    (
        "lexicons/de/subject-pronouns.txt",
        include_str!("../pipelines/lexicons/de/subject-pronouns.txt"),
    ),
    (
        "lexicons/de/time-words.txt",
        include_str!("../pipelines/lexicons/de/time-words.txt"),
    ),
    (
        "lexicons/de/titles.txt",
        include_str!("../pipelines/lexicons/de/titles.txt"),
    ),
    (
        "lexicons/en/noun-markers.txt",
        include_str!("../pipelines/lexicons/en/noun-markers.txt"),
    ),
    (
        "lexicons/en/time-openers.txt",
        include_str!("../pipelines/lexicons/en/time-openers.txt"),
    ),
    (
        "lexicons/en/naming-words.txt",
        include_str!("../pipelines/lexicons/en/naming-words.txt"),
    ),
];

/// Where a pipeline's files are read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resources {
    /// The copies of `pipelines/` built into the binary.
    Embedded,
    /// A folder on disk: the one holding the pipeline file.
    Dir(PathBuf),
}

impl Resources {
    /// Reads `relative` (a path relative to the pipeline file) and names it for messages.
    pub fn read(&self, relative: &str) -> Result<(String, String), ConfigError> {
        match self {
            Resources::Embedded => {
                let name = format!("<embedded>/pipelines/{relative}");
                let normalised = relative.trim_start_matches("./");
                EMBEDDED
                    .iter()
                    .find(|(path, _)| *path == normalised)
                    .map(|(_, text)| (name.clone(), (*text).to_string()))
                    .ok_or_else(|| ConfigError::new(name, "", "no such embedded file"))
            }
            Resources::Dir(dir) => {
                let path = dir.join(relative);
                let name = path.display().to_string();
                std::fs::read_to_string(&path)
                    .map(|text| (name.clone(), text))
                    .map_err(|e| ConfigError::new(name, "", e.to_string()))
            }
        }
    }

    /// Reads and parses the word list at `relative`.
    pub fn word_list(&self, relative: &str) -> Result<WordList, ConfigError> {
        let (name, text) = self.read(relative)?;
        WordList::parse(&name, &text)
    }

    /// The resources for a pipeline file at `path`: the folder it is in.
    pub fn beside(path: &Path) -> Resources {
        Resources::Dir(
            path.parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys are equal only for equal words, whatever bytes the words hold (NUL included),
    /// and words too long to pack have none.
    #[test]
    fn packed_keys_tell_words_apart() {
        let words = [
            "",
            "a",
            "a\0",
            "\0",
            "\0\0",
            "said",
            "saidx",
            "according",
            "ünïcödé",
            "fifteen-bytes!!",
            "sixteen-bytes!!!",
            "a much longer word than that",
        ];
        for a in words {
            assert_eq!(packed_word(a).is_some(), a.len() <= 15, "{a:?}");
            for b in words {
                if let (Some(ka), Some(kb)) = (packed_word(a), packed_word(b)) {
                    assert_eq!(ka == kb, a == b, "{a:?} {b:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The loads give the key the plain copy into a zeroed buffer gives.
        #[test]
        fn packed_word_is_the_padded_bytes(word in "(?s).{0,20}") {
            let bytes = word.as_bytes();
            let slow = (bytes.len() <= 15).then(|| {
                let mut key = [0u8; 16];
                key[..bytes.len()].copy_from_slice(bytes);
                key[15] = bytes.len() as u8;
                u128::from_le_bytes(key)
            });
            proptest::prop_assert_eq!(packed_word(&word), slow);
        }

        /// Two packable words share a key exactly when they are the same word.
        #[test]
        fn packed_word_is_injective(a in "(?s).{0,15}", b in "(?s).{0,15}") {
            if let (Some(ka), Some(kb)) = (packed_word(&a), packed_word(&b)) {
                proptest::prop_assert_eq!(ka == kb, a == b);
            }
        }

        /// A packed map answers as a map of strings does, for short and long words alike,
        /// through the table's growth (hundreds of words, repeated ones included) and after
        /// it is cleared and filled again.
        #[test]
        fn packed_map_is_a_map(
            words in proptest::collection::vec("[ab]{0,4}|(?s).{0,20}", 1..300),
        ) {
            let mut packed = PackedWordMap::default();
            let mut plain = WordMap::default();
            for round in 0..2 {
                for (k, word) in words.iter().enumerate() {
                    let value = k + round;
                    proptest::prop_assert_eq!(
                        packed.insert(word, value),
                        plain.insert(word.clone(), value)
                    );
                    proptest::prop_assert_eq!(packed.len(), plain.len());
                }
                for word in words.iter().chain([&String::from("absent word"), &String::new()]) {
                    proptest::prop_assert_eq!(packed.get(word), plain.get(word));
                }
                packed.clear();
                plain.clear();
                proptest::prop_assert_eq!(packed.len(), 0);
                proptest::prop_assert_eq!(packed.get(&words[0]), None);
            }
            let collected: PackedWordMap<usize> =
                words.iter().cloned().zip(0..).collect();
            let expected: WordMap<usize> = words.iter().cloned().zip(0..).collect();
            for word in &words {
                proptest::prop_assert_eq!(collected.get(word), expected.get(word));
            }
        }
    }

    #[test]
    fn parse_cases() {
        struct Case {
            name: &'static str,
            text: &'static str,
            entries: &'static [&'static str],
            error: Option<&'static str>,
        }
        let cases = [
            Case {
                name: "header and entries",
                text: "# a list\n# source: us\n# license: MIT\nsay said\n\n# note\ntell\n",
                entries: &["say said", "tell"],
                error: None,
            },
            Case {
                name: "no licence line",
                text: "# source: us\nsay\n",
                entries: &[],
                error: Some("license:"),
            },
            Case {
                name: "header must come first",
                text: "say\n# source: us\n# license: MIT\n",
                entries: &[],
                error: Some("source:"),
            },
        ];
        for case in cases {
            match WordList::parse("x.txt", case.text) {
                Ok(list) => {
                    assert!(case.error.is_none(), "{}: expected an error", case.name);
                    assert_eq!(
                        list.texts().collect::<Vec<_>>(),
                        case.entries,
                        "{}",
                        case.name
                    );
                }
                Err(e) => {
                    let want = case.error.unwrap_or_else(|| panic!("{}: {e}", case.name));
                    assert!(e.to_string().contains(want), "{}: {e}", case.name);
                    assert!(e.to_string().starts_with("x.txt"), "{}: {e}", case.name);
                }
            }
        }
    }

    #[test]
    fn every_embedded_list_parses() {
        for (path, text) in EMBEDDED {
            if path.ends_with(".txt") {
                WordList::parse(path, text).unwrap();
            }
        }
    }
}
