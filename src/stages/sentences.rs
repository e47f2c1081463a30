//! The `sentences` stage: paragraph and sentence boundaries.
//!
//! A paragraph is a line of text between line breaks (blank lines are not paragraphs), trimmed
//! of white space. A heading, dateline or byline line is therefore a sentence of its own, with
//! or without a terminal mark.
//!
//! Within a paragraph, a sentence ends after a run of terminal marks (`.`, `?`, `!`, `…`) and
//! the closing quotation marks or brackets after it (`."`, `.”`, `?)`, `!’`): a quote that
//! closes after its terminal mark stays with its sentence (`“We won.” Then…` → `“We won.”`,
//! `Then…`), and a quote that runs over two sentences is two sentences. Whether a run ends a
//! sentence depends on what stands on each side of it:
//!
//! - What follows must be able to start a sentence: a capital, a digit, an opening mark or a
//!   symbol, never a lowercase word (`Yahoo! in`, `'Great.' she said`), a comma or a closer.
//!   A lowercase word with a capital inside (`iPhone`, `eBay`) counts as capitalised.
//! - `?` and `!` end a sentence whenever the next one can start.
//! - A full stop after a known abbreviation behaves as its class in the list says. An
//!   `inner` one (`e.g.`, `vs.`) never ends a sentence, a `number` one (`No.`, `pp.`) never
//!   does before a number. A `general` one (`Inc.`, `Jan.`, `etc.`) ends it only when the
//!   next word is one that starts sentences (`It`, `The`, `How`, `Mr`), from the `starters`
//!   list; so does a capitalised `title` (`Mr.`, `St.`), since such a word cannot be the
//!   name a title needs (`Main St. The house`). Initials (`Jonas E. Smith`, `you and I.
//!   Did`) and dotted acronyms (`U.S.`, `a.m.`, `D.O.T.S.`) are treated as `general`, and an
//!   introductory phrase of at most four words ending in one (`At 5 a.m. Mr. Smith went…`)
//!   is never a sentence by itself.
//! - Decimals, times, URLs, e-mail addresses and file names have no white space after their
//!   inner full stops, so those never end a sentence. A missing space after a full stop does
//!   end one (`world.Today`, `1,000.That`) when no capital stands right before the stop, a
//!   capitalised word follows it, and the token is not dotted further
//!   (`Jane.Doe@example.com`, `Report.Final.docx`, `https://…`).
//! - An ellipsis (`...`, `…`, `....`) ends a sentence only before a capitalised word or an
//!   opening mark; an omission in brackets (`[...]`) only before a capital. Spaced dots follow the standard rules: three
//!   (`. . .`) mark an omission inside a sentence; four end the sentence, or, right after a
//!   word (`word. . . .`), end it at the first dot and open the next with the omission.
//! - When the terminal mark closes a quotation and the sentence goes on with its attribution
//!   (`“Why not?” Smith asked.`), the attribution stays with the quote; a cue verb from the
//!   `cues` list after one to three capitalised words, ending the sentence, is such an
//!   attribution (`“Yes.” Smith added: “…”` is not: it introduces the next quote).
//! - A list opened at the start of a paragraph (`1.`, `1)`, `1.)`, `(1)`, `a.`, `a)`, or a
//!   bullet `•`) breaks before each next item (`2.`, `b)`, `•`) even without a terminal mark,
//!   and an item's marker is never a sentence end.
//!
//! A wrapped line, one that ends in a letter, digit or comma and is followed by a line that
//! opens with a lowercase word and reaches a terminal mark, does not end its sentence: hard
//! wrapped text and PDF copy (`This is a sentence\ncut off in the middle.`) keep their
//! sentences whole. Such a sentence's `paragraph` is the line where it starts.
//!
//! The scan is one pass over each paragraph; every decision looks at a bounded stretch of
//! text around a candidate, so the stage is linear in the length of the article.
//!
//! ```toml
//! [[stages]]
//! kind = "sentences"
//! abbreviations = "lexicons/en/abbreviations.txt"
//! starters = "lexicons/en/sentence-starters.txt"
//! cues = "lexicons/en/cues.txt"
//! ```

use crate::doc::{Doc, Sentence, Span};
use crate::error::ConfigError;
use crate::lexicon::{Resources, WordList};
use crate::lexicon::{WordMap, WordSet};
use crate::pipeline::{BuildContext, DEFAULT_PIPELINE};
use crate::stage::{Layer, Stage};
use serde::Deserialize;

/// Settings of the sentences stage.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SentencesConfig {
    /// Word list of abbreviations with their class, relative to the pipeline file.
    pub abbreviations: String,
    /// Word list of words that start sentences, relative to the pipeline file. Without it, a
    /// `general` abbreviation or an acronym ends a sentence before any capitalised word, and
    /// an initial never does.
    #[serde(default)]
    pub starters: Option<String>,
    /// Word list of cue verbs (as read by the attribution stage: forms separated by spaces,
    /// `+flags` ignored). Without it, a quote's attribution after its terminal mark
    /// (`“Why?” Smith asked.`) is a sentence of its own.
    #[serde(default)]
    pub cues: Option<String>,
    /// Whether a sentence runs on over a wrapped line (see the module docs).
    #[serde(default = "yes")]
    pub join_wrapped_lines: bool,
}

fn yes() -> bool {
    true
}

impl SentencesConfig {
    /// The settings of the `sentences` stage in the default pipeline (`news-en.toml`); its
    /// paths name word lists embedded in the binary.
    pub fn from_default_pipeline() -> Result<SentencesConfig, ConfigError> {
        let (name, text) = Resources::Embedded.read(DEFAULT_PIPELINE)?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| ConfigError::new(&name, "", e.message()))?;
        let stage = table
            .get("stages")
            .and_then(toml::Value::as_array)
            .and_then(|stages| {
                stages
                    .iter()
                    .find(|s| s.get("kind").and_then(toml::Value::as_str) == Some("sentences"))
            })
            .ok_or_else(|| ConfigError::new(&name, "stages", "no sentences stage"))?;
        let mut stage = stage.clone();
        if let Some(table) = stage.as_table_mut() {
            table.remove("kind");
        }
        SentencesConfig::deserialize(stage)
            .map_err(|e| ConfigError::new(&name, "stages (sentences)", e.message()))
    }
}

/// How an abbreviation behaves before a possible sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// A title before a name: never ends a sentence when capitalised.
    Title,
    /// Never ends a sentence (`e.g.`, `vs.`).
    Inner,
    /// A prefix before a number: never ends a sentence before a number.
    Number,
    /// Ends a sentence when the next word starts one.
    General,
}

/// The sentences stage.
pub struct Sentences {
    abbreviations: WordMap<AbbreviationClass>,
    /// Length in bytes of the longest abbreviation: longer words are not looked up.
    longest_abbreviation: usize,
    starters: Option<WordSet>,
    /// Prepositions that open an introductory phrase.
    intro: WordSet,
    cues: WordSet,
    join_wrapped_lines: bool,
}

impl Sentences {
    /// Builds the stage, reading its word lists.
    pub fn new(config: &SentencesConfig, context: &mut BuildContext) -> Result<Self, ConfigError> {
        let list = context.word_list(&config.abbreviations)?;
        let mut abbreviations = WordMap::default();
        for entry in &list.entries {
            let mut parts = entry.text.split_whitespace();
            let (Some(word), Some(class), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(list.error_at(entry.line, "expected `abbreviation class`"));
            };
            let class = match class {
                "title" => AbbreviationClass::Title,
                "inner" => AbbreviationClass::Inner,
                "number" => AbbreviationClass::Number,
                "general" => AbbreviationClass::General,
                other => {
                    return Err(list.error_at(
                        entry.line,
                        format!(
                            "unknown class `{other}`, expected title, inner, number or general"
                        ),
                    ))
                }
            };
            if abbreviations.insert(word.to_lowercase(), class).is_some() {
                return Err(list.error_at(entry.line, format!("`{word}` is listed twice")));
            }
        }
        let longest_abbreviation = abbreviations.keys().map(String::len).max().unwrap_or(0);
        let mut starters = None;
        let mut intro = WordSet::default();
        if let Some(path) = &config.starters {
            let list = context.word_list(path)?;
            let mut words = WordSet::default();
            for entry in &list.entries {
                let mut parts = entry.text.split_whitespace();
                let (Some(word), flag, None) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(list.error_at(entry.line, "expected `word` or `word +intro`"));
                };
                match flag {
                    None => {}
                    Some("+intro") => {
                        intro.insert(word.to_lowercase());
                    }
                    Some(other) => {
                        return Err(list.error_at(
                            entry.line,
                            format!("unknown flag `{other}`, expected +intro"),
                        ))
                    }
                }
                words.insert(word.to_lowercase());
            }
            starters = Some(words);
        }
        let cues = match &config.cues {
            Some(path) => cue_forms(&context.word_list(path)?),
            None => WordSet::default(),
        };
        Ok(Sentences {
            abbreviations,
            longest_abbreviation,
            starters,
            intro,
            cues,
            join_wrapped_lines: config.join_wrapped_lines,
        })
    }

    /// The stage as the default pipeline configures it, from the embedded word lists.
    pub fn from_default_pipeline() -> Result<Self, ConfigError> {
        let config = SentencesConfig::from_default_pipeline()?;
        Sentences::new(
            &config,
            &mut BuildContext {
                resources: Some(Resources::Embedded),
                word_lists: Vec::new(),
            },
        )
    }

    /// How the word before a full stop (without the stop) behaves.
    fn classify(&self, word: &str) -> Before {
        let Some(first) = word.chars().next() else {
            return Before::Word;
        };
        // A single capital is an initial even when listed in lowercase (`Leroy P. Steele`,
        // not `p. 55`).
        if first.is_uppercase() && word.len() == first.len_utf8() {
            return Before::Ambiguous { initial: true };
        }
        if word.len() <= self.longest_abbreviation {
            let class = with_lowercase(word, |lower| self.abbreviations.get(lower).copied());
            match class {
                Some(AbbreviationClass::Title) if first.is_uppercase() => return Before::Title,
                Some(AbbreviationClass::Title | AbbreviationClass::General) => {
                    return Before::Ambiguous { initial: false }
                }
                Some(AbbreviationClass::Inner) => return Before::Inner,
                Some(AbbreviationClass::Number) => return Before::Number,
                None => {}
            }
        }
        if first.is_alphabetic() && word.len() == first.len_utf8() {
            return Before::Ambiguous { initial: true };
        }
        if is_dotted_acronym(word) {
            return Before::Ambiguous { initial: false };
        }
        Before::Word
    }

    /// Splits a paragraph (or a run of wrapped lines), calling `emit` with the byte range of
    /// each sentence in `body`, untrimmed; the ranges cover `body` in order.
    fn split(&self, body: &str, emit: &mut dyn FnMut(usize, usize)) {
        let mut scan = Scan {
            stage: self,
            body,
            bytes: body.as_bytes(),
            start: 0,
            list: None,
            token: None,
        };
        scan.run(emit);
    }

    /// Whether the sentence at the end of paragraph `a` runs on into paragraph `b`.
    fn wraps(&self, a: &str, b: &str) -> bool {
        let ends_open = a
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == ',');
        ends_open && starts_lowercase_word(b)
    }
}

/// The inflected forms of a cue list: every word of a line that is not a `+flag`.
fn cue_forms(list: &WordList) -> WordSet {
    list.texts()
        .flat_map(str::split_whitespace)
        .filter(|w| !w.starts_with('+'))
        .map(str::to_lowercase)
        .collect()
}

/// What stands before a full stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Before {
    /// A word, number, URL or anything not listed: the stop ends the sentence.
    Word,
    /// A capitalised title: a sentence end only before a word that starts sentences, which
    /// cannot be the name a title needs (`Main St. The house`).
    Title,
    /// An `inner` abbreviation: never a sentence end.
    Inner,
    /// A number prefix (`No.`): a sentence end unless a number follows.
    Number,
    /// A general abbreviation, a dotted acronym or an initial: a sentence end only before a
    /// word that starts sentences.
    Ambiguous { initial: bool },
}

/// The run of terminal marks at a candidate boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// One full stop.
    Stop,
    /// A run holding `?` or `!`.
    Strong,
    /// Two or more dots, `…`, or four spaced dots.
    Ellipsis,
}

/// A list opened at the start of a paragraph: what the next item starts with.
enum List {
    /// Items open with this bullet.
    Bullet(char),
    /// Items are numbered or lettered; the next one opens with `next`.
    Enumerated { marker: Marker, next: String },
}

/// An item marker: `1.`, `(2)`, `b)`, `3.)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marker {
    paren: bool,
    /// The number, or the letter's code point.
    value: u32,
    letter: bool,
    suffix: &'static str,
}

impl Marker {
    /// The marker's text.
    fn text(&self) -> String {
        let value = if self.letter {
            char::from_u32(self.value).unwrap_or('?').to_string()
        } else {
            self.value.to_string()
        };
        format!(
            "{}{value}{}",
            if self.paren { "(" } else { "" },
            self.suffix
        )
    }

    /// Whether a paragraph opening with this marker opens a list: it counts from the start,
    /// and an uppercase letter with a full stop is an initial (`A. Smith`), not a marker.
    fn opens_list(&self) -> bool {
        match (self.letter, self.value) {
            (false, v) => v == 1,
            (true, v) => v == 'a' as u32 || (v == 'A' as u32 && self.suffix == ")"),
        }
    }

    fn successor(&self) -> Marker {
        Marker {
            value: self.value + 1,
            ..*self
        }
    }
}

/// The shape of one white-space-delimited token, looked at once for the missing-space rule.
#[derive(Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Holds `@`, `://` or starts with `www.`.
    address: bool,
    /// How many full stops in it are followed directly by a letter or digit.
    inner_dots: usize,
}

/// The state of one pass over a paragraph.
struct Scan<'s, 't> {
    stage: &'s Sentences,
    body: &'t str,
    bytes: &'t [u8],
    /// Start of the current sentence.
    start: usize,
    list: Option<List>,
    /// The token the missing-space rule looked at last.
    token: Option<Token>,
}

/// In a list paragraph the next candidate may also be white space before the next item:
/// `.` `?` `!`, space, tab, or the lead byte of `…`, `‼`, `⁇`, `⁈`, `⁉`. List paragraphs are
/// rare and full of spaces, so a plain byte loop serves them.
fn list_candidate(b: u8) -> bool {
    matches!(b, b'.' | b'?' | b'!' | b' ' | b'\t' | 0xE2)
}

/// The offset from `i` of the next byte that may start a candidate (`.` `?` `!`, or the
/// lead byte E2 of `…`, `‼`, `⁇`, `⁈`, `⁉`), found by memchr (many bytes at a step):
/// `.` `?` `!` in one search, and the next E2 byte in another, kept in `next_wide` (where
/// that search started, and the E2's offset or the length when there is none) and searched
/// again only when `i` lies outside that stretch, so a text with few E2 bytes is not
/// searched to its end for every sentence.
fn next_candidate(bytes: &[u8], i: usize, next_wide: &mut Option<(usize, usize)>) -> Option<usize> {
    let wide = match *next_wide {
        Some((from, w)) if from <= i && i <= w => w,
        _ => {
            let w = memchr::memchr(0xE2, &bytes[i..]).map_or(bytes.len(), |k| i + k);
            *next_wide = Some((i, w));
            w
        }
    };
    let stop = memchr::memchr3(b'.', b'?', b'!', &bytes[i..wide]).map_or(wide, |k| i + k);
    (stop < bytes.len()).then_some(stop - i)
}

/// How far back a word before a full stop is looked for: longer words are never
/// abbreviations, initials or acronyms.
const WORD_WINDOW: usize = 32;
/// How much of a sentence is looked at for an introductory phrase.
const INTRO_WINDOW: usize = 48;
/// How far ahead a quote's attribution is looked for.
const ATTRIBUTION_WINDOW: usize = 80;

impl Scan<'_, '_> {
    fn run(&mut self, emit: &mut dyn FnMut(usize, usize)) {
        let n = self.bytes.len();
        let mut i = self.item_start(0, true);
        let mut next_wide = None;
        while i < n {
            let next = if self.list.is_some() {
                self.bytes[i..].iter().position(|&b| list_candidate(b))
            } else {
                next_candidate(self.bytes, i, &mut next_wide)
            };
            match next {
                Some(k) => i += k,
                None => break,
            }
            i = match self.bytes[i] {
                b' ' | b'\t' => self.list_item(i, emit),
                b'.' | b'?' | b'!' => self.terminal(i, emit),
                _ if terminal_char(self.bytes, i).is_some() => self.terminal(i, emit),
                _ => i + 1,
            };
        }
        emit(self.start, n);
    }

    /// Ends the sentence at `end`; the next one starts at `next`.
    fn cut(&mut self, end: usize, next: usize, emit: &mut dyn FnMut(usize, usize)) {
        emit(self.start, end);
        self.start = next;
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.body.get(i..).and_then(|s| s.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.body.get(..i).and_then(|s| s.chars().next_back())
    }

    /// At the start of a sentence at `p`: steps over a bullet and an item marker, opening a
    /// list when `first` (the paragraph's start). Returns where scanning goes on.
    fn item_start(&mut self, p: usize, first: bool) -> usize {
        let mut q = p;
        let mut bullet = None;
        while let Some(c) = self.char_at(q).filter(|&c| is_bullet(c)) {
            let after = q + c.len_utf8();
            // `-` and `*` are bullets only before a space: `-5` and `*` notes are not.
            if matches!(c, '-' | '*') && !self.char_at(after).is_some_and(char::is_whitespace) {
                break;
            }
            bullet = Some(c);
            q = skip_whitespace(self.body, after);
        }
        let marker = item_marker(self.body, q);
        if first {
            self.list = match (bullet, marker) {
                (Some(c), _) if !matches!(c, '-' | '*') => Some(List::Bullet(c)),
                (None, Some((_, m))) if m.opens_list() => Some(List::Enumerated {
                    marker: m,
                    next: m.successor().text(),
                }),
                _ => None,
            };
        } else if let (Some(List::Enumerated { marker, next }), Some((_, m))) =
            (&mut self.list, marker)
        {
            if m.value == marker.value + 1 && m.letter == marker.letter {
                *marker = m;
                *next = m.successor().text();
            }
        }
        marker.map_or(q, |(end, _)| end)
    }

    /// At white space `i` in a list paragraph: breaks before the next item.
    fn list_item(&mut self, i: usize, emit: &mut dyn FnMut(usize, usize)) -> usize {
        let rest = &self.body[i + 1..];
        let next_item = match &self.list {
            Some(List::Bullet(c)) => rest.starts_with(*c),
            Some(List::Enumerated { next, .. }) => {
                rest.starts_with(next.as_str())
                    && rest[next.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace)
            }
            None => false,
        };
        if !next_item {
            return i + 1;
        }
        self.cut(i, i + 1, emit);
        self.item_start(i + 1, false)
    }

    /// At a terminal mark at `i`: decides whether the sentence ends after it (and after the
    /// closing marks that follow). Returns where scanning goes on.
    fn terminal(&mut self, i: usize, emit: &mut dyn FnMut(usize, usize)) -> usize {
        let n = self.bytes.len();
        let mut j = i;
        let (mut dots, mut strong, mut ellipsis) = (0, false, false);
        while let Some((c, len)) = terminal_char(self.bytes, j) {
            match c {
                '.' => dots += 1,
                '…' => ellipsis = true,
                _ => strong = true,
            }
            j += len;
        }
        let mut mark = if strong {
            Mark::Strong
        } else if ellipsis || dots > 1 {
            Mark::Ellipsis
        } else {
            Mark::Stop
        };
        if mark == Mark::Stop {
            let spaced = spaced_dots(self.bytes, j);
            if spaced >= 2 {
                let run_end = j + 2 * spaced;
                if spaced == 2 {
                    return run_end; // `. . .`: an omission inside the sentence
                }
                if self.char_before(i).is_some_and(|c| !c.is_whitespace()) {
                    // `word. . . .`: a full stop, then an omission opening the next sentence.
                    let (after, _) = closers(self.body, run_end);
                    let k = skip_whitespace(self.body, after);
                    if k > after && k < n && self.stop_ends(i, k) {
                        self.cut(j, j + 1, emit);
                    }
                    return run_end;
                }
                mark = Mark::Ellipsis;
                j = run_end;
            }
        }
        let (end, quote_closed) = closers(self.body, j);
        let Some(c) = self.char_at(end) else {
            return n;
        };
        if !c.is_whitespace() {
            if self.missing_space(i, end, mark) {
                self.cut(end, end, emit);
                return self.item_start(end, false);
            }
            return end;
        }
        let k = skip_whitespace(self.body, end);
        if k >= n {
            return n;
        }
        let ends = match mark {
            Mark::Strong => self.opens_sentence(k),
            // `[...]` marks an omission: only a capital (or a digit, or a letter of a script
            // without case) after it shows a sentence end.
            Mark::Ellipsis if self.char_before(i) == Some('[') => self
                .char_at(k)
                .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase()),
            Mark::Ellipsis => self.capitalised(k),
            Mark::Stop => self.stop_ends(i, k),
        };
        if ends && !(quote_closed && self.attribution_follows(k)) {
            self.cut(end, k, emit);
            return self.item_start(k, false);
        }
        k
    }

    /// Whether a full stop at `i` ends the sentence when the next one would start at `k`.
    fn stop_ends(&self, i: usize, k: usize) -> bool {
        if !self.opens_sentence(k) {
            return false;
        }
        let Some(word_start) = self.word_start(i) else {
            return true; // a long word: a URL, a path, a name
        };
        match self.stage.classify(&self.body[word_start..i]) {
            Before::Word => true,
            Before::Inner => false,
            Before::Title => self
                .stage
                .starters
                .as_ref()
                .is_some_and(|starters| self.starter_follows(k, starters, true)),
            Before::Number => !self.char_at(k).is_some_and(|c| c.is_numeric() || c == '#'),
            Before::Ambiguous { initial } => {
                if self.introductory(word_start) {
                    return false;
                }
                match &self.stage.starters {
                    Some(starters) => self.starter_follows(k, starters, false),
                    None => !initial && self.capitalised(k),
                }
            }
        }
    }

    /// Start of the word before `i`, after white space, a bracket or a double quotation mark
    /// and any opening marks (not before the sentence start); `None` when it is longer than
    /// [`WORD_WINDOW`]. An apostrophe inside a word (`don't`) does not split it.
    fn word_start(&self, i: usize) -> Option<usize> {
        let mut lo = i.saturating_sub(WORD_WINDOW).max(self.start);
        while !self.body.is_char_boundary(lo) {
            lo += 1;
        }
        let window = &self.body[lo..i];
        let edge = |c: char| c.is_whitespace() || (is_opener(c) && !matches!(c, '\'' | '‘'));
        let start = match window.char_indices().rev().find(|&(_, c)| edge(c)) {
            Some((k, c)) => lo + k + c.len_utf8(),
            None if lo == self.start => lo,
            None => return None,
        };
        let word = &self.body[start..i];
        Some(i - word.trim_start_matches(is_opener).len())
    }

    /// Whether the sentence so far, up to `word_start`, is an introductory phrase: at most
    /// three words, opened by a preposition (`At 5` before `a.m.`).
    fn introductory(&self, word_start: usize) -> bool {
        let Some(before) = self.body.get(self.start..word_start) else {
            return false;
        };
        if before.len() > INTRO_WINDOW {
            return false;
        }
        let mut words = before.split_whitespace();
        let Some(first) = words.next() else {
            return false;
        };
        words.count() < 3 && with_lowercase(first, |w| self.stage.intro.contains(w))
    }

    /// Whether the text at `k` can open a sentence.
    fn opens_sentence(&self, k: usize) -> bool {
        let rest = &self.body[k..];
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if c.is_lowercase() {
            return camel_case(rest);
        }
        // A quote that opens with a lowercase word goes on with the sentence before it
        // (`the U.S. “does not have …”`).
        if is_opener(c) && quoted_lowercase(rest) {
            return false;
        }
        // `"` and `'` close as well as open; after white space they open.
        is_opener(c)
            || !matches!(c, ',' | ';' | ':' | '%' | '&' | '/' | '-' | '–' | '—' | '…')
                && !is_closer(c)
    }

    /// Whether the text at `k` opens with a capital or an opening mark.
    fn capitalised(&self, k: usize) -> bool {
        self.char_at(k).is_some_and(|c| {
            c.is_uppercase() || (is_opener(c) && !quoted_lowercase(&self.body[k..]))
        })
    }

    /// Whether the text at `k` opens with an opening mark or a capitalised word that starts
    /// sentences.
    /// After a title, a single letter is a name's initial (`Mr. A`), not `A` or `I`.
    fn starter_follows(&self, k: usize, starters: &WordSet, title: bool) -> bool {
        let rest = &self.body[k..];
        if rest.starts_with(is_opener) {
            return !quoted_lowercase(rest);
        }
        if !rest.starts_with(char::is_uppercase) {
            return false;
        }
        let word_end = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(e, _)| e);
        let word = &rest[..word_end];
        // A single capital followed by a full stop is an initial, not `A` or `I`.
        if word.chars().count() == 1 && (title || rest[word_end..].starts_with('.')) {
            return false;
        }
        word.len() <= WORD_WINDOW && with_lowercase(word, |w| starters.contains(w))
    }

    /// The missing-space rule: whether the marks at `i`, with the text going on at `end`
    /// without white space, end a sentence.
    fn missing_space(&mut self, i: usize, end: usize, mark: Mark) -> bool {
        let mut after = self.body[end..].chars();
        let (Some(c1), Some(c2)) = (after.next(), after.next()) else {
            return false;
        };
        if !(c1.is_uppercase() && c2.is_lowercase()) {
            return false;
        }
        // After a capital the stops are an acronym's (`U.S.A`, `J.Smith`).
        if !self
            .char_before(i)
            .is_some_and(|c| !c.is_uppercase() && !c.is_whitespace())
        {
            return false;
        }
        if mark == Mark::Stop {
            let word = self.word_start(i).map_or("", |s| &self.body[s..i]);
            if self.stage.classify(word) != Before::Word {
                return false;
            }
        }
        let token = self.token_at(i);
        // The stop at `i` is one of the inner dots; another one makes a dotted name.
        !token.address && token.inner_dots == 1
    }

    /// The white-space-delimited token holding `i`, scanned once per token.
    fn token_at(&mut self, i: usize) -> Token {
        if let Some(t) = self.token.filter(|t| t.start <= i && i < t.end) {
            return t;
        }
        let start = self.body[..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        let end = self.body[i..]
            .find(char::is_whitespace)
            .map_or(self.body.len(), |k| i + k);
        let text = &self.body[start..end];
        let address = text.contains('@') || text.contains("://") || text.starts_with("www.");
        let inner_dots = text
            .as_bytes()
            .windows(2)
            .filter(|w| w[0] == b'.' && w[1].is_ascii_alphanumeric())
            .count();
        let token = Token {
            start,
            end,
            address,
            inner_dots,
        };
        self.token = Some(token);
        token
    }

    /// Whether the text at `k` is a quote's attribution ending its sentence: one to three
    /// capitalised words, then a cue verb followed by a terminal mark or the paragraph end
    /// (`Smith asked.`, `Mr. Smith said.`). A cue before a colon or comma introduces what
    /// follows instead (`Smith added: "…"`).
    fn attribution_follows(&self, k: usize) -> bool {
        if self.stage.cues.is_empty() {
            return false;
        }
        let window_end = floor_boundary(self.body, (k + ATTRIBUTION_WINDOW).min(self.body.len()));
        let mut names = 0;
        let mut words = self.body[k..window_end].split_whitespace().peekable();
        while let Some(token) = words.next() {
            let word = token.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let closes = word.len() < token.len()
                || (words.peek().is_none() && window_end == self.body.len());
            if word.starts_with(char::is_uppercase) {
                // A name: capitalised words that do not start sentences; only a title in it
                // may carry a full stop (`Mr. Smith`).
                let title = self.stage.classify(word) == Before::Title;
                let starter = || {
                    self.stage
                        .starters
                        .as_ref()
                        .is_some_and(|s| with_lowercase(word, |w| s.contains(w)))
                };
                if names == 3 || (!title && (closes || starter())) {
                    return false;
                }
                names += 1;
                continue;
            }
            if names == 0 || !with_lowercase(word, |w| self.stage.cues.contains(w)) {
                return false;
            }
            // The cue may take a short tail before the sentence ends: `Trump said Friday.`,
            // `Smith said in a statement.`; a comma or colon means more follows.
            let mut token = token;
            let mut word = word;
            let mut first_tail = true;
            for _ in 0..9 {
                let last = words.peek().is_none() && window_end == self.body.len();
                let rest = &token[word.len()..];
                if last || rest.starts_with(['.', '!', '?']) {
                    return true;
                }
                if !rest.is_empty() {
                    return false;
                }
                let Some(next) = words.next() else {
                    return false;
                };
                token = next;
                word = next.trim_end_matches(['.', ',', ';', ':', '!', '?']);
                // The tail is a time, place or medium (`Friday`, `on Friday`, `to CNN`), not
                // an object (`called it a day`).
                let tail_opener = word.starts_with(char::is_uppercase)
                    || matches!(
                        word,
                        "on" | "in"
                            | "at"
                            | "to"
                            | "during"
                            | "after"
                            | "before"
                            | "from"
                            | "last"
                            | "this"
                            | "late"
                            | "early"
                            | "earlier"
                            | "later"
                            | "today"
                            | "yesterday"
                            | "tonight"
                            | "again"
                    );
                if std::mem::replace(&mut first_tail, false) && !tail_opener {
                    return false;
                }
            }
            return false;
        }
        false
    }
}

/// A terminal mark at byte `i`: the char and its length.
fn terminal_char(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    match bytes.get(i..)? {
        [b'.', ..] => Some(('.', 1)),
        [b'?', ..] => Some(('?', 1)),
        [b'!', ..] => Some(('!', 1)),
        [0xE2, 0x80, 0xA6, ..] => Some(('…', 3)),
        [0xE2, 0x80, 0xBC, ..] => Some(('‼', 3)),
        [0xE2, 0x81, 0x87, ..] => Some(('⁇', 3)),
        [0xE2, 0x81, 0x88, ..] => Some(('⁈', 3)),
        [0xE2, 0x81, 0x89, ..] => Some(('⁉', 3)),
        _ => None,
    }
}

/// How many ` .` pairs follow byte `j` (the dots of a spaced ellipsis after the first).
fn spaced_dots(bytes: &[u8], mut j: usize) -> usize {
    let mut count = 0;
    while bytes.get(j) == Some(&b' ') && bytes.get(j + 1) == Some(&b'.') {
        count += 1;
        j += 2;
    }
    count
}

/// Skips the closing marks at `j`; also says whether one was a quotation mark.
fn closers(body: &str, mut j: usize) -> (usize, bool) {
    let mut quote = false;
    for c in body[j..].chars() {
        if !is_closer(c) {
            break;
        }
        quote |= !matches!(c, ')' | ']' | '}');
        j += c.len_utf8();
    }
    (j, quote)
}

fn skip_whitespace(body: &str, j: usize) -> usize {
    body[j..]
        .find(|c: char| !c.is_whitespace())
        .map_or(body.len(), |k| j + k)
}

fn floor_boundary(body: &str, mut i: usize) -> usize {
    while !body.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An item marker at `q` followed by white space: its end and its value.
fn item_marker(body: &str, q: usize) -> Option<(usize, Marker)> {
    let bytes = body.as_bytes();
    let mut p = q;
    let paren = bytes.get(p) == Some(&b'(');
    if paren {
        p += 1;
    }
    let digits = bytes[p.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let (value, letter) = match digits {
        0 => match bytes.get(p) {
            Some(b) if b.is_ascii_alphabetic() => {
                p += 1;
                (u32::from(*b), true)
            }
            _ => return None,
        },
        1..=3 => {
            let value = body[p..p + digits].parse().ok()?;
            p += digits;
            (value, false)
        }
        _ => return None,
    };
    let rest = &body[p..];
    let suffix = if paren {
        ")"
    } else if rest.starts_with(".)") {
        ".)"
    } else if rest.starts_with('.') {
        "."
    } else if rest.starts_with(')') {
        ")"
    } else {
        return None;
    };
    if paren && !rest.starts_with(')') {
        return None;
    }
    p += suffix.len();
    if !body[p..].starts_with(char::is_whitespace) {
        return None;
    }
    Some((
        p,
        Marker {
            paren,
            value,
            letter,
            suffix,
        },
    ))
}

/// Letters separated by full stops, one letter each: `U.S`, `a.m`, `D.O.T.S` (the final stop
/// is the candidate).
fn is_dotted_acronym(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in word.chars() {
        if expect_letter && c.is_alphabetic() {
            letters += 1;
        } else if !expect_letter && c == '.' {
        } else {
            return false;
        }
        expect_letter = !expect_letter;
    }
    letters >= 2 && !expect_letter
}

/// A lowercase word with a capital inside (`iPhone`, `eBay`): a name that may open a sentence.
fn camel_case(text: &str) -> bool {
    text.chars()
        .take(WORD_WINDOW)
        .take_while(|c| c.is_alphabetic())
        .any(char::is_uppercase)
}

/// Whether `text` opens with a word in lowercase letters only.
fn starts_lowercase_word(text: &str) -> bool {
    text.starts_with(char::is_lowercase) && !camel_case(text)
}

/// Calls `f` with `word` in lowercase, without allocating for short ASCII words.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; WORD_WINDOW];
    if word.len() <= buffer.len() && word.is_ascii() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

/// Whether `text` opens with opening marks and then a lowercase word (`“does not …`).
fn quoted_lowercase(text: &str) -> bool {
    starts_lowercase_word(text.trim_start_matches(is_opener))
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '„' | '‚' | '「' | '『'
    )
}

/// Bullets that open list items. `-` and `*` count only at the start of a sentence, since
/// inside one they are dashes and notes.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '‣'
            | '⁃'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▶'
            | '➢'
            | '-'
            | '*'
    )
}

/// The paragraphs of `text`: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line_start = 0;
    // Every byte that may start a line break, in text order: LF and CR, and the lead bytes
    // of NEL (C2 85), LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9), found by memchr (many bytes
    // at a step) as two streams merged here. memchr looks for at most three bytes at once,
    // and this beat a byte-set search eight bytes at a step. No byte after a break's first
    // is one of these, so no candidate falls inside a break.
    let mut ascii = memchr::memchr2_iter(b'\n', b'\r', bytes).peekable();
    let mut leads = memchr::memchr2_iter(0xC2, 0xE2, bytes).peekable();
    loop {
        let next_ascii = ascii.peek().copied().unwrap_or(usize::MAX);
        let next_lead = leads.peek().copied().unwrap_or(usize::MAX);
        let i = if next_ascii < next_lead {
            ascii.next();
            next_ascii
        } else if next_lead != usize::MAX {
            leads.next();
            next_lead
        } else {
            break;
        };
        let len = match bytes[i..] {
            [b'\n' | b'\r', ..] => 1,
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
            _ => continue,
        };
        push_line(text, line_start, i, &mut out);
        line_start = i + len;
    }
    push_line(text, line_start, text.len(), &mut out);
    out
}

/// The number of line breaks in `gap`, counting CR LF as one.
fn line_breaks(gap: &str) -> usize {
    let breaks = gap
        .chars()
        .filter(|&c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}'))
        .count();
    breaks - gap.matches("\r\n").count()
}

fn push_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let trimmed = line.trim();
    if !trimmed.is_empty() {
        let s = start + (line.len() - line.trim_start().len());
        out.push(Span::new(s, s + trimmed.len()));
    }
}

impl Stage for Sentences {
    fn name(&self) -> &str {
        "sentences"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Paragraphs, Layer::Sentences]
    }

    fn process(&self, doc: &mut Doc) {
        let text = doc.article.text.as_str();
        let paras = paragraphs(text);
        // joins[k]: paragraph k is a wrapped line whose sentence runs on into k + 1. Computed
        // from the end, since a line runs on only into prose: a line that reaches a terminal
        // mark, or runs on itself.
        let mut joins = vec![false; paras.len()];
        if self.join_wrapped_lines {
            for k in (0..paras.len().saturating_sub(1)).rev() {
                let (a, b) = (paras[k].of(text), paras[k + 1].of(text));
                // A blank line between them is a paragraph break, never a wrap.
                let gap = &text[paras[k].end..paras[k + 1].start];
                joins[k] = self.wraps(a, b)
                    && line_breaks(gap) == 1
                    && (joins[k + 1] || b.contains(['.', '?', '!', '…']));
            }
        }
        let mut sentences = std::mem::take(&mut doc.sentences);
        sentences.clear();
        let mut first = 0;
        while first < paras.len() {
            let mut last = first;
            while joins[last] {
                last += 1;
            }
            let base = paras[first].start;
            let body = &text[base..paras[last].end];
            let mut paragraph = first;
            self.split(body, &mut |a, b| {
                let piece = &body[a..b];
                let trimmed = piece.trim();
                if trimmed.is_empty() {
                    return;
                }
                let start = base + a + (piece.len() - piece.trim_start().len());
                while paragraph < last && paras[paragraph + 1].start <= start {
                    paragraph += 1;
                }
                sentences.push(Sentence {
                    span: Span::new(start, start + trimmed.len()),
                    paragraph,
                });
            });
            first = last + 1;
        }
        doc.paragraphs = paras;
        doc.sentences = sentences;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;

    fn split(stage: &Sentences, text: &str) -> Vec<String> {
        let mut doc = Doc::new(Article {
            text: text.to_string(),
            ..Article::default()
        });
        stage.process(&mut doc);
        doc.sentences
            .iter()
            .map(|s| s.span.of(text).to_string())
            .collect()
    }

    #[test]
    fn boundaries() {
        let stage = Sentences::from_default_pipeline().unwrap();
        // (why the case is here, text, the sentences)
        let cases: &[(&str, &str, &[&str])] = &[
            ("empty text", "", &[]),
            (
                "plain full stops",
                "The ferry left at dawn. Nobody was on board.",
                &["The ferry left at dawn.", "Nobody was on board."],
            ),
            (
                "a quote opening with a lowercase word goes on with the sentence",
                "The ministry said the U.S. “does not have the means to help.” Nobody replied.",
                &[
                    "The ministry said the U.S. “does not have the means to help.”",
                    "Nobody replied.",
                ],
            ),
            (
                "a title never ends before a name",
                "Mr. Smith went home. He slept.",
                &["Mr. Smith went home.", "He slept."],
            ),
            (
                "a title ends before a word no name can be",
                "She lives on Main St. The house is old.",
                &["She lives on Main St.", "The house is old."],
            ),
            (
                "a lowercase title is a common noun",
                "He met a sales rep. Nothing came of it.",
                &["He met a sales rep.", "Nothing came of it."],
            ),
            (
                "middle initial",
                "Maria T. Olsen said so.",
                &["Maria T. Olsen said so."],
            ),
            (
                "initials written together",
                "Author J.K. Rowling spoke. Then she left.",
                &["Author J.K. Rowling spoke.", "Then she left."],
            ),
            (
                "a quote closing after its terminal mark stays with its sentence",
                "“We won.” Then we left!",
                &["“We won.”", "Then we left!"],
            ),
            (
                "a quote running over two sentences is two sentences",
                "“We lost. We will be back next year,” the coach said.",
                &["“We lost.", "We will be back next year,” the coach said."],
            ),
            (
                "a question quote before a lowercase attribution",
                "“Is it over?” she asked. Nobody answered.",
                &["“Is it over?” she asked.", "Nobody answered."],
            ),
            (
                "a capitalised attribution closing the clause stays with its quote",
                "“Why now?” Mr. Okafor asked. “Because we can.”",
                &["“Why now?” Mr. Okafor asked.", "“Because we can.”"],
            ),
            (
                "an attribution with a short tail stays with its quote",
                "“Is it over?” Lena Voss said on Friday. “No.”",
                &["“Is it over?” Lena Voss said on Friday.", "“No.”"],
            ),
            (
                "a cue followed by its object is a new sentence",
                "“It is over.” Lena Voss called it a day.",
                &["“It is over.”", "Lena Voss called it a day."],
            ),
            (
                "an attribution introducing the next quote starts a sentence",
                "“We won.” Smith added: “It was hard.”",
                &["“We won.”", "Smith added: “It was hard.”"],
            ),
            (
                "a capitalised cue word after a quote is not an attribution",
                "“Get out!” The crowd said nothing.",
                &["“Get out!”", "The crowd said nothing."],
            ),
            (
                "a nested quote ending a sentence inside the outer quote",
                "“He told me, ‘We won.’ Then he left,” she said.",
                &["“He told me, ‘We won.’", "Then he left,” she said."],
            ),
            (
                "money and percentages with decimals",
                "The deal is worth $4.5 billion. Shares rose 1.2 percent.",
                &[
                    "The deal is worth $4.5 billion.",
                    "Shares rose 1.2 percent.",
                ],
            ),
            (
                "a number prefix before a number",
                "See No. 5 here.",
                &["See No. 5 here."],
            ),
            (
                "a month before a day, then a number ending a sentence",
                "The law took effect on Jan. 1. It costs $5.",
                &["The law took effect on Jan. 1.", "It costs $5."],
            ),
            (
                "a straight quotation mark after white space opens",
                "He left. \"We won,\" she said. 'Fine.' Then she went.",
                &[
                    "He left.",
                    "\"We won,\" she said.",
                    "'Fine.'",
                    "Then she went.",
                ],
            ),
            (
                "a single capital is an initial even when listed in lowercase",
                "He won the Leroy P. Steele Prize. Turn to p. 55 now.",
                &["He won the Leroy P. Steele Prize.", "Turn to p. 55 now."],
            ),
            (
                "a single capital after a title is an initial",
                "Police named him only as Mr. A in court.",
                &["Police named him only as Mr. A in court."],
            ),
            (
                "a company suffix before a lowercase word and before a comma",
                "He works at Acme Inc. and she at Bolt Corp., a rival.",
                &["He works at Acme Inc. and she at Bolt Corp., a rival."],
            ),
            (
                "a company suffix before a sentence starter",
                "They sold the unit to Pitt & Co. It closed in June.",
                &["They sold the unit to Pitt & Co.", "It closed in June."],
            ),
            (
                "an inner abbreviation before a name",
                "Smith vs. Jones ended in a draw.",
                &["Smith vs. Jones ended in a draw."],
            ),
            (
                "U.S. before a noun and a title",
                "U.S. Rep. Jane Doe said the U.S. Army would help.",
                &["U.S. Rep. Jane Doe said the U.S. Army would help."],
            ),
            (
                "U.S. at the end of a sentence",
                "The plant will move to the U.S. It will open in May.",
                &["The plant will move to the U.S.", "It will open in May."],
            ),
            (
                "a time inside and at the end of a sentence",
                "Police held him until 2 a.m. on Monday. He left at 6 p.m. The jury stayed.",
                &[
                    "Police held him until 2 a.m. on Monday.",
                    "He left at 6 p.m.",
                    "The jury stayed.",
                ],
            ),
            (
                "an introductory time phrase is not a sentence",
                "By 9 a.m. Ms. Lee had voted.",
                &["By 9 a.m. Ms. Lee had voted."],
            ),
            (
                "e-mail address and URL with inner full stops",
                "Write to desk@example.org. Or see https://example.org/a.b/c.html. Thanks.",
                &[
                    "Write to desk@example.org.",
                    "Or see https://example.org/a.b/c.html.",
                    "Thanks.",
                ],
            ),
            (
                "file and site names with a capitalised part",
                "Open Report.Final.docx now. Ask Halo.Bungie.Org, the fansite.",
                &[
                    "Open Report.Final.docx now.",
                    "Ask Halo.Bungie.Org, the fansite.",
                ],
            ),
            (
                "a missing space after the full stop",
                "Shares fell 3%.Analysts had expected worse.",
                &["Shares fell 3%.", "Analysts had expected worse."],
            ),
            ("?! runs", "Really?! Yes.", &["Really?!", "Yes."]),
            (
                "an ellipsis before a capital ends, before lowercase does not",
                "He paused… Then he spoke. “We tried… and failed.”",
                &["He paused…", "Then he spoke.", "“We tried… and failed.”"],
            ),
            (
                "a parenthesis holding a whole sentence",
                "The vote passed. (A recount is due.) Results follow.",
                &["The vote passed.", "(A recount is due.)", "Results follow."],
            ),
            (
                "a numbered list in one paragraph",
                "1. Cut taxes 2. Build roads 3. Hire nurses",
                &["1. Cut taxes", "2. Build roads", "3. Hire nurses"],
            ),
            (
                "a bulleted list in one paragraph",
                "• Prices rose • Wages fell",
                &["• Prices rose", "• Wages fell"],
            ),
            (
                "a heading line without a terminal mark",
                "Storm knocks out power across Maine\nAbout 40,000 homes were dark on Sunday.",
                &[
                    "Storm knocks out power across Maine",
                    "About 40,000 homes were dark on Sunday.",
                ],
            ),
            (
                "a dateline line",
                "WASHINGTON (Reuters) -\nThe Senate voted on Tuesday.",
                &["WASHINGTON (Reuters) -", "The Senate voted on Tuesday."],
            ),
            (
                "a dateline opening the first sentence",
                "LONDON (Reuters) - Prices rose 2.5 percent, the U.K. statistics office said.",
                &["LONDON (Reuters) - Prices rose 2.5 percent, the U.K. statistics office said."],
            ),
            (
                "a byline line",
                "By Jane Doe\nMs. Doe covers Congress.",
                &["By Jane Doe", "Ms. Doe covers Congress."],
            ),
            (
                "a wrapped line runs on",
                "The minister said the plan\nwould cut costs. It starts in May.",
                &[
                    "The minister said the plan\nwould cut costs.",
                    "It starts in May.",
                ],
            ),
            (
                "a blank line is a paragraph break, never a wrap",
                "Our correspondent\n\nreports from Kyiv.",
                &["Our correspondent", "reports from Kyiv."],
            ),
            (
                "a word with an apostrophe or a hyphen is not an initial",
                "I don't. Nobody did. She met Jay-Z. Fans cheered.",
                &["I don't.", "Nobody did.", "She met Jay-Z.", "Fans cheered."],
            ),
            (
                "an omission in brackets ends a sentence only before a capital",
                "“The law is clear [...] Judges must apply it [...] without fear.”",
                &[
                    "“The law is clear [...]",
                    "Judges must apply it [...] without fear.”",
                ],
            ),
            (
                "lowercase lines that never reach a terminal mark are a list",
                "Topics\nhousing\ntransport",
                &["Topics", "housing", "transport"],
            ),
        ];
        for (why, text, want) in cases {
            assert_eq!(split(&stage, text), *want, "{why}: {text:?}");
        }
    }

    #[test]
    fn wrapped_sentence_belongs_to_its_first_line() {
        let stage = Sentences::from_default_pipeline().unwrap();
        let text = "Heading\nThe plan\nwould work. Next.";
        let mut doc = Doc::new(Article {
            text: text.to_string(),
            ..Article::default()
        });
        stage.process(&mut doc);
        let got: Vec<(&str, usize)> = doc
            .sentences
            .iter()
            .map(|s| (s.span.of(text), s.paragraph))
            .collect();
        assert_eq!(
            got,
            [("Heading", 0), ("The plan\nwould work.", 1), ("Next.", 2)]
        );
    }

    #[test]
    fn word_list_errors_name_the_line() {
        let cases = [
            ("mr title extra\n", "line 3: expected `abbreviation class`"),
            ("mr nobody\n", "line 3: unknown class `nobody`"),
            ("mr title\nMr general\n", "line 4: `Mr` is listed twice"),
        ];
        for (entries, want) in cases {
            let dir = std::env::temp_dir().join(format!(
                "claimsift-sentences-{}-{}",
                std::process::id(),
                want.len()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let header = "# source: test\n# license: MIT\n";
            std::fs::write(dir.join("abbr.txt"), format!("{header}{entries}")).unwrap();
            let config = SentencesConfig {
                abbreviations: "abbr.txt".to_string(),
                starters: None,
                cues: None,
                join_wrapped_lines: true,
            };
            let mut context = BuildContext {
                resources: Some(Resources::Dir(dir.clone())),
                word_lists: Vec::new(),
            };
            let error = Sentences::new(&config, &mut context).err().unwrap();
            std::fs::remove_dir_all(&dir).unwrap();
            assert!(error.to_string().contains(want), "{error}");
        }
    }

    /// The paragraphs by a plain search: every byte that may start a line break (LF, CR,
    /// and the lead bytes of NEL C2 85 and LINE and PARAGRAPH SEPARATOR E2 80 A8/A9).
    fn paragraphs_by_plain_search(text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut line_start = 0;
        let mut i = 0;
        while let Some(k) = bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'\n' | b'\r' | 0xC2 | 0xE2))
        {
            i += k;
            let len = match bytes[i..] {
                [b'\n' | b'\r', ..] => 1,
                [0xC2, 0x85, ..] => 2,
                [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            push_line(text, line_start, i, &mut out);
            i += len;
            line_start = i;
        }
        push_line(text, line_start, text.len(), &mut out);
        out
    }

    proptest::proptest! {
        /// From starts as the scan takes them, with the E2 offset kept across calls.
        #[test]
        fn next_candidate_agrees_with_a_plain_search(
            picks in proptest::collection::vec(0usize..14, 0..80),
            steps in proptest::collection::vec(1usize..6, 1..40),
        ) {
            let alphabet = b"ab .?!\t\n\r\xC2\x85\xE2\x80\xC3";
            let bytes: Vec<u8> = picks.iter().map(|&k| alphabet[k % alphabet.len()]).collect();
            let mut next_wide = None;
            let mut i: usize = 0;
            // Forward mostly, and back now and then (the cache must notice).
            for (n, step) in steps.iter().cycle().take(200).enumerate() {
                if n % 7 == 6 {
                    i = i.saturating_sub(3 * step);
                }
                if i >= bytes.len() {
                    break;
                }
                proptest::prop_assert_eq!(
                    next_candidate(&bytes, i, &mut next_wide),
                    bytes[i..].iter().position(|&b| matches!(b, b'.' | b'?' | b'!' | 0xE2)),
                    "from {}", i
                );
                i += step;
            }
        }

        #[test]
        fn paragraphs_agree_with_a_plain_search(
            text in "[ab \n\r\u{85}\u{a3}\u{2028}\u{2029}\u{2019}\u{201c}\u{2030}]{0,60}"
        ) {
            proptest::prop_assert_eq!(paragraphs(&text), paragraphs_by_plain_search(&text));
        }
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let text = "  One.\n\n Two \r\nThree\u{2028}Four\u{85} Five";
        let got: Vec<&str> = paragraphs(text).iter().map(|p| p.of(text)).collect();
        assert_eq!(got, ["One.", "Two", "Three", "Four", "Five"]);
    }
}
