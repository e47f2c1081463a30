//! The `assertions` stage: checkable statements of the article's own, nobody quoted for them.
//!
//! "Amazon Web Services has invested $4 billion in Anthropic" is not a quote, but it is a
//! claim a fact-checker can check. The stage reads every sentence that no claim touches and
//! keeps those that state something checkable about a named subject. Each becomes a claim of
//! kind `assertion`: no speaker, no cue, the whole sentence as content.
//!
//! **Cues** (each from a word list; phrases match whole tokens in order, case-insensitively,
//! except list entries written with a capital, which must be written so):
//!
//! | cue | found by |
//! |---|---|
//! | `money` | a currency sign, code or name (`currencies`) and a number in the sentence |
//! | `percent` | `%`, `percent`, `per cent`, `percentage points` (`percents`) and a number |
//! | `number` | digits that are not a year nor glued to a word by a hyphen (`GPT-5`), or a number word (`numbers`: `billion`, `twice`) |
//! | `date` | a month or weekday (`dates`, capitalised: `May` but not `may`), a relative date (`last year`), or a year: four digits from 1800 to 2100 not after a currency sign |
//! | `comparison` | a superlative or comparative phrase (`comparisons`: `largest`, `more than`) |
//! | `change` | a verb of change (`changes`: `rose`, `fell`, `doubled`) |
//! | `causal` | a causal or predictive marker (`causal`: `because`, `led to`, `will`) |
//! | `hedge` | a hedge (`hedges`: `may`, `could`, `some say`) |
//!
//! A comparison, change, causal or hedge word written with a capital inside a sentence is a
//! name, not a cue (`Will Young`, `in May`).
//!
//! **A named subject.** The sentence must hold a capitalised word that is not a date name nor
//! `I`, and is not the sentence's first word unless that word is no function word nor
//! pronoun (`The`, `But`, `He` do not count; `Amazon` does); or it must hold an organisation or people noun
//! (`the company`, `officials`). This is looser than "the subject of the main verb": the name
//! may stand anywhere in the sentence.
//!
//! **Not the article's own voice.** A sentence whose subject — its first word after any
//! opening connectives (`openers`: `But`, `And`, `Meanwhile`) — is a pronoun (`pronouns`, or
//! `first_person`) names nobody to check ("But he is expected to …", "It is one of three …").
//! A first-person pronoun outside quotation marks anywhere in the sentence marks an
//! interview, a column or a transcript ("I spent a year on the boat"), and a verb of
//! saying outside quotation marks (`speech_verbs`: `said`, `told`, `promised`) marks
//! somebody's reported words that the attribution stage did not take: neither is an
//! assertion of the article's own.
//!
//! **Left out:** sentences that overlap any claim already found (its content, speaker or cue
//! span); sentences with at least half of their letters and digits inside quotation marks;
//! sentences that do not end in `.` or `!` (before closing quotes or brackets), which drops
//! questions, headings, datelines and bylines (a line without a terminal mark is a sentence
//! of its own); title-case headlines (at least three words of four or more letters, three
//! quarters of them capitalised); sentences shorter than `min_words` words; and sentences
//! with no cue but `hedge`.
//!
//! **Rule and confidence.** `rule` is `assertion:` and the cues found, joined by `+` in the
//! order of the table above, then `hedge(WORD)` naming the first hedge:
//! `assertion:money+number+date`, `assertion:comparison+hedge(could)`. With `q` the number
//! of quantity cues found (money, percent, number, date) and `o` the number of other cues
//! (comparison, change, causal),
//! `confidence = min(0.9, 0.4 + 0.15·q + 0.1·o)`, times 0.4 when hedged. These weights are
//! set by hand, not measured: a number or a date is easier to check than a comparison, and a
//! hedged statement is rarely a claim at all.
//!
//! The assertions join the existing claims in text order (by start, then end).
//!
//! ```toml
//! [[stages]]
//! kind = "assertions"
//! numbers = "lexicons/en/numbers.txt"
//! percents = "lexicons/en/percents.txt"
//! currencies = "lexicons/en/currencies.txt"
//! dates = "lexicons/en/dates.txt"
//! comparisons = "lexicons/en/comparisons.txt"
//! changes = "lexicons/en/changes.txt"
//! causal = "lexicons/en/causal.txt"
//! hedges = "lexicons/en/hedges.txt"
//! function_words = "lexicons/en/function-words.txt"
//! pronouns = "lexicons/en/pronouns.txt"
//! organisations = "lexicons/en/organisations.txt"
//! people = "lexicons/en/people.txt"
//! openers = "lexicons/en/openers.txt"
//! first_person = "lexicons/en/first-person.txt"
//! speech_verbs = "lexicons/en/speech-verbs.txt"
//! ```

use crate::doc::{
    Assertion, AssertionFlags, Attribution, Claim, ClaimKind, Doc, Span, Token, TokenKind,
};
use crate::error::ConfigError;
use crate::lexicon::WordList;
use crate::lexicon::{PackedWordMap, WordMap, WordSet};
use crate::pipeline::BuildContext;
use crate::stage::{Layer, Stage};
use crate::stages::claims::{count_alphanumeric, quote_stretches};
use serde::Deserialize;

/// Settings of the assertions stage. Word-list paths are relative to the pipeline file.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AssertionsConfig {
    /// Number words (`billion`, `twice`).
    pub numbers: String,
    /// Signs and words that make a number a percentage.
    pub percents: String,
    /// Currency signs, codes and names.
    pub currencies: String,
    /// Month and weekday names and relative dates.
    pub dates: String,
    /// Superlatives and comparative phrases.
    pub comparisons: String,
    /// Verbs of change in an amount, every form.
    pub changes: String,
    /// Causal and predictive markers.
    pub causal: String,
    /// Hedges that make a statement opinion or speculation.
    pub hedges: String,
    /// Words capitalised only at a sentence start (they name no subject).
    pub function_words: String,
    /// Pronouns (`word class` lines): a capitalised pronoun names no subject.
    pub pronouns: String,
    /// Words that make a name an organisation (a named subject).
    pub organisations: String,
    /// Nouns naming people or groups (a named subject).
    pub people: String,
    /// Connectives that open a sentence before its subject (`But`, `And`, `Meanwhile`).
    pub openers: String,
    /// First-person pronouns: outside quotation marks they mark an interview or a column.
    pub first_person: String,
    /// Verbs of saying, every form: a sentence holding one reports somebody's words.
    pub speech_verbs: String,
    /// Sentences with fewer words are never assertions.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    5
}

/// A word list of phrases, indexed by their first word.
struct Phrases {
    /// First item (lowercased) → every phrase starting with it, longest first.
    by_first: PackedWordMap<Vec<Phrase>>,
    /// The keys of `by_first`, for [`Assertions::word_bits`].
    firsts: Vec<String>,
}

/// One phrase of a list.
struct Phrase {
    items: Vec<Item>,
    /// The first item is its lowercase key as it stands: a word found under the key matches
    /// it with no comparison.
    first_is_key: bool,
}

/// One word of a phrase.
struct Item {
    text: String,
    /// The item holds a capital, so it matches a word only as written, not its lowercase
    /// form (worked out once here, not at every match).
    as_written: bool,
}

impl Phrases {
    fn new(list: &WordList) -> Phrases {
        let mut grouped: WordMap<Vec<Vec<Item>>> = WordMap::default();
        for text in list.texts() {
            let items: Vec<Item> = text
                .split_whitespace()
                .map(|item| Item {
                    text: item.to_string(),
                    as_written: item.chars().any(char::is_uppercase),
                })
                .collect();
            grouped
                .entry(items[0].text.to_lowercase())
                .or_default()
                .push(items);
        }
        let mut by_first = PackedWordMap::default();
        let mut firsts = Vec::with_capacity(grouped.len());
        for (key, mut phrases) in grouped {
            // Longest first: the first that matches is the longest match.
            phrases.sort_by_key(|items| std::cmp::Reverse(items.len()));
            let phrases = phrases
                .into_iter()
                .map(|items| Phrase {
                    first_is_key: !items[0].as_written && items[0].text == key,
                    items,
                })
                .collect();
            by_first.insert(&key, phrases);
            firsts.push(key);
        }
        Phrases { by_first, firsts }
    }

    /// The number of words of the longest phrase matching at the first of `tokens` (a word;
    /// the words after it are read from the rest, skipping spaces), if any. (Kept out of
    /// line: few words get this far, and in line it made the check before it a call.)
    #[inline(never)]
    fn match_at(&self, doc: &Doc, tokens: &[Token]) -> Option<usize> {
        let candidates = self.by_first.get(doc.lower(&tokens[0]))?;
        candidates
            .iter()
            .find(|phrase| {
                let mut words = words(tokens);
                let items = if phrase.first_is_key {
                    // The first word is the one looked up under the key.
                    words.next();
                    &phrase.items[1..]
                } else {
                    &phrase.items[..]
                };
                items.iter().all(|item| {
                    words.next().is_some_and(|word| {
                        if item.as_written {
                            item.text == doc.token_text(word)
                        } else {
                            item.text == doc.lower(word)
                        }
                    })
                })
            })
            .map(|phrase| phrase.items.len())
    }
}

/// The assertions stage.
pub struct Assertions {
    numbers: Phrases,
    percents: Phrases,
    currencies: Phrases,
    dates: Phrases,
    comparisons: Phrases,
    changes: Phrases,
    causal: Phrases,
    hedges: Phrases,
    min_words: usize,
    /// Lowercase word → its bits: one per phrase list holding a phrase that starts with it
    /// ([`Assertions::lists`] order), and one per word set it is in (`FUNCTION` …
    /// `SPEECH_VERB`). One lookup per word answers every question the stage asks of it.
    word_bits: PackedWordMap<u16>,
}

/// Bits of [`Assertions::word_bits`] for phrase lists, in [`Assertions::lists`] order.
const NUMBERS: u16 = 1;
const PERCENTS: u16 = 1 << 1;
const CURRENCIES: u16 = 1 << 2;
const DATES: u16 = 1 << 3;
const COMPARISONS: u16 = 1 << 4;
const CHANGES: u16 = 1 << 5;
const CAUSAL: u16 = 1 << 6;
const HEDGES: u16 = 1 << 7;
/// Bits of [`Assertions::word_bits`] for word sets: function words (pronouns included).
const FUNCTION: u16 = 1 << 8;
/// Organisation and people nouns: a subject a reader can check.
const SUBJECT: u16 = 1 << 9;
/// Opening connectives (`But`, `And`).
const OPENER: u16 = 1 << 10;
/// Third-person pronouns and the first-person ones: no named subject.
const PRONOUN: u16 = 1 << 11;
const FIRST_PERSON: u16 = 1 << 12;
const SPEECH_VERB: u16 = 1 << 13;
/// Every phrase list's bit: a word with none of them starts no cue phrase.
const PHRASE_LISTS: u16 =
    NUMBERS | PERCENTS | CURRENCIES | DATES | COMPARISONS | CHANGES | CAUSAL | HEDGES;

impl Assertions {
    /// Builds the stage, reading its word lists.
    pub fn new(
        config: &AssertionsConfig,
        context: &mut BuildContext,
    ) -> Result<Assertions, ConfigError> {
        let mut phrases = |path: &str| context.word_list(path).map(|l| Phrases::new(&l));
        let numbers = phrases(&config.numbers)?;
        let percents = phrases(&config.percents)?;
        let currencies = phrases(&config.currencies)?;
        let dates = phrases(&config.dates)?;
        let comparisons = phrases(&config.comparisons)?;
        let changes = phrases(&config.changes)?;
        let causal = phrases(&config.causal)?;
        let hedges = phrases(&config.hedges)?;
        let mut function_words = context.word_list(&config.function_words)?.lowercase_set();
        let mut pronouns: WordSet = context
            .word_list(&config.pronouns)?
            .texts()
            .filter_map(|t| t.split_whitespace().next())
            .map(str::to_lowercase)
            .collect();
        function_words.extend(pronouns.iter().cloned());
        let first_person = context.word_list(&config.first_person)?.lowercase_set();
        pronouns.extend(first_person.iter().cloned());
        let openers = context.word_list(&config.openers)?.lowercase_set();
        let speech_verbs: WordSet = context
            .word_list(&config.speech_verbs)?
            .texts()
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect();
        let mut subjects = context.word_list(&config.organisations)?.lowercase_set();
        subjects.extend(context.word_list(&config.people)?.lowercase_set());
        let mut assertions = Assertions {
            numbers,
            percents,
            currencies,
            dates,
            comparisons,
            changes,
            causal,
            hedges,
            min_words: config.min_words,
            word_bits: PackedWordMap::default(),
        };
        let mut word_bits = WordMap::default();
        for (list, bit) in assertions.lists() {
            for first in &list.firsts {
                *word_bits.entry(first.clone()).or_insert(0) |= bit;
            }
        }
        let sets = [
            (function_words, FUNCTION),
            (subjects, SUBJECT),
            (openers, OPENER),
            (pronouns, PRONOUN),
            (first_person, FIRST_PERSON),
            (speech_verbs, SPEECH_VERB),
        ];
        for (set, bit) in sets {
            for word in set {
                *word_bits.entry(word).or_insert(0) |= bit;
            }
        }
        assertions.word_bits = word_bits.into_iter().collect();
        Ok(assertions)
    }

    /// The phrase lists with their bit in [`Assertions::word_bits`].
    fn lists(&self) -> [(&Phrases, u16); 8] {
        [
            (&self.numbers, NUMBERS),
            (&self.percents, PERCENTS),
            (&self.currencies, CURRENCIES),
            (&self.dates, DATES),
            (&self.comparisons, COMPARISONS),
            (&self.changes, CHANGES),
            (&self.causal, CAUSAL),
            (&self.hedges, HEDGES),
        ]
    }

    /// The cues of one sentence, its first hedge, and whether it names a subject; `None`
    /// when the sentence is too short, a headline, has a pronoun for its subject, or holds a
    /// verb of saying or a first-person pronoun outside quotation marks (see
    /// [`Self::reports_or_speaks`]).
    ///
    /// `tokens` are the sentence's, spaces included; `quote` is the first quotation that
    /// ends after the sentence starts. Each word is looked up, checked for the rejections and
    /// read for cues in one pass over the tokens, with no list of the words made: a phrase
    /// reads the words after its first only when a list may match there, and a sentence
    /// rejected at a word is not read past it. The word counts that drop short sentences and
    /// headlines are checked at the end (every rejection gives the same `None`).
    fn read(
        &self,
        doc: &Doc,
        tokens: &[Token],
        quote: usize,
    ) -> Option<(AssertionFlags, Option<String>, bool)> {
        let text = doc.text();
        let (mut letters, mut numbers, mut long, mut capitalised) = (0, 0, 0, 0);
        let mut flags = AssertionFlags::default();
        let (mut currency, mut percent) = (false, false);
        let mut hedge = None;
        // Words before this index may lie in a date phrase ("May 2023"), and none from it on
        // does yet: a phrase found at word `i` covers words from `i` on only, so once the
        // phrases at words up to `i` are found, whether word `i` is in one is known.
        let mut dates_end = 0;
        let mut named = false;
        // The subject, the first letter word after the opening connectives, is not met yet.
        let mut before_subject = true;
        // No letter word yet: the words up to the first are sentence-initial.
        let mut initial = true;
        // The two words before this one (index into `tokens`), for "GPT-5" and "$ 4".
        let (mut previous, mut before_previous): (Option<usize>, Option<usize>) = (None, None);
        let mut i = 0;
        for (t, token) in tokens.iter().enumerate() {
            let kind = token.kind;
            if matches!(kind, TokenKind::Space | TokenKind::Newline) {
                continue;
            }
            let at = |list: &Phrases, bits: u16, bit: u16, t: usize| {
                if bits & bit == 0 {
                    None
                } else {
                    list.match_at(doc, &tokens[t..])
                }
            };
            match kind {
                TokenKind::Word | TokenKind::Punct => {
                    let bits = self.bits_of(doc.lower(token));
                    let upper = span_starts_upper(text, token.span);
                    if kind == TokenKind::Word {
                        letters += 1;
                        if token.span.len() >= 4 {
                            long += 1;
                            capitalised += usize::from(upper);
                        }
                        if before_subject && bits & OPENER == 0 {
                            if bits & PRONOUN != 0 {
                                return None;
                            }
                            before_subject = false;
                        }
                        if bits & (SPEECH_VERB | FIRST_PERSON) != 0
                            && self.reports_or_speaks(doc, token, bits, quote)
                        {
                            return None;
                        }
                    }
                    // Most words start no phrase of any list: nothing here is theirs.
                    if bits & PHRASE_LISTS != 0 {
                        // A capitalised cue word inside a sentence is a name ("Will Young").
                        let name_like = !initial && upper;
                        flags.has_number |= at(&self.numbers, bits, NUMBERS, t).is_some();
                        currency |= at(&self.currencies, bits, CURRENCIES, t).is_some();
                        percent |= at(&self.percents, bits, PERCENTS, t).is_some();
                        if !name_like {
                            flags.has_comparison |=
                                at(&self.comparisons, bits, COMPARISONS, t).is_some();
                            flags.has_change |= at(&self.changes, bits, CHANGES, t).is_some();
                            flags.has_causal |= at(&self.causal, bits, CAUSAL, t).is_some();
                        }
                        if let Some(n) = at(&self.dates, bits, DATES, t) {
                            flags.has_date = true;
                            dates_end = dates_end.max(i + n);
                        }
                        // A capitalised hedge inside a sentence is a name or a month ("in May").
                        if hedge.is_none() && !name_like {
                            if let Some(n) = at(&self.hedges, bits, HEDGES, t) {
                                let phrase: Vec<&str> =
                                    words(&tokens[t..]).take(n).map(|w| doc.lower(w)).collect();
                                hedge = Some(phrase.join(" "));
                            }
                        }
                    }
                    // A name outside a date phrase: the sentence names a subject.
                    if !named && kind == TokenKind::Word && i >= dates_end {
                        let name = upper
                            && doc.token_text(token) != "I"
                            && !(initial && bits & FUNCTION != 0);
                        named = name || bits & SUBJECT != 0;
                    }
                    if kind == TokenKind::Word {
                        initial = false;
                    }
                }
                TokenKind::Number => {
                    numbers += 1;
                    // Digits glued to a word by a hyphen name a thing ("GPT-5"), they count
                    // nothing.
                    let glued = previous.zip(before_previous).is_some_and(|(p, b)| {
                        let (hyphen, word) = (&tokens[p], &tokens[b]);
                        doc.token_text(hyphen) == "-"
                            && word.kind == TokenKind::Word
                            && word.span.end == hyphen.span.start
                            && hyphen.span.end == token.span.start
                    });
                    if !glued {
                        // The word before is looked up only here: its bits are not kept.
                        let after_currency = previous.is_some_and(|p| {
                            let bits = self.bits_of(doc.lower(&tokens[p]));
                            at(&self.currencies, bits, CURRENCIES, p).is_some()
                        });
                        if is_year(doc.token_text(token)) && !after_currency {
                            flags.has_date = true;
                        } else {
                            flags.has_number = true;
                        }
                    }
                }
                _ => {}
            }
            before_previous = previous;
            previous = Some(t);
            i += 1;
        }
        if letters + numbers < self.min_words {
            return None;
        }
        if long >= 3 && capitalised * 4 >= long * 3 {
            return None;
        }
        let has_number = flags.has_number;
        flags.has_money = currency && has_number;
        flags.has_percent = percent && has_number;
        flags.hedged = hedge.is_some();
        Some((flags, hedge, named))
    }

    /// True when `token`, a letter word with `bits`, is outside quotation marks and a verb of
    /// saying (the sentence reports somebody's words) or a first-person pronoun (an
    /// interview, a column, a transcript). `quote`: the first quotation ending after the
    /// sentence starts.
    fn reports_or_speaks(&self, doc: &Doc, token: &Token, bits: u16, quote: usize) -> bool {
        let start = token.span.start;
        // The first quotation from `quote` on that ends after the word starts holds it when
        // it starts at or before it.
        let quoted = doc.quotes[quote..]
            .iter()
            .find(|q| q.span.end > start)
            .is_some_and(|q| q.span.start <= start);
        !quoted
            && (bits & SPEECH_VERB != 0
                || (bits & FIRST_PERSON != 0 && first_person_as_written(doc.token_text(token))))
    }

    /// The word's [`Assertions::word_bits`]. (In line: called for most words, and the call
    /// cost more than the lookup's table probe.)
    #[inline(always)]
    fn bits_of(&self, lower: &str) -> u16 {
        self.word_bits.get(lower).copied().unwrap_or(0)
    }
}

/// The words of `tokens`: every token but spaces and line breaks.
fn words(tokens: &[Token]) -> impl Iterator<Item = &Token> {
    tokens
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Newline))
}

/// `I` only as a capital, and `us` not as the acronym `US`.
fn first_person_as_written(text: &str) -> bool {
    match text {
        "i" => false,
        "I" => true,
        _ => !(text.len() > 1 && text.chars().all(|c| c.is_uppercase())),
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// [`starts_upper`] of `span` in `text`, from its first byte when that is ASCII (most
/// tokens), with no char decoded.
fn span_starts_upper(text: &str, span: Span) -> bool {
    match text.as_bytes().get(span.start) {
        Some(&first) if first.is_ascii() => span.start < span.end && first.is_ascii_uppercase(),
        _ => starts_upper(span.of(text)),
    }
}

/// Four ASCII digits from 1800 to 2100.
fn is_year(number: &str) -> bool {
    number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && number
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// The rule id and confidence for a sentence's cues; `None` when no cue but a hedge.
pub fn rule_and_confidence(flags: &AssertionFlags, hedge: Option<&str>) -> Option<(String, f32)> {
    let cues = [
        (flags.has_money, "money", true),
        (flags.has_percent, "percent", true),
        (flags.has_number, "number", true),
        (flags.has_date, "date", true),
        (flags.has_comparison, "comparison", false),
        (flags.has_change, "change", false),
        (flags.has_causal, "causal", false),
    ];
    if !cues.iter().any(|c| c.0) {
        return None;
    }
    let quantities = cues.iter().filter(|c| c.0 && c.2).count() as f32;
    let others = cues.iter().filter(|c| c.0 && !c.2).count() as f32;
    let mut confidence = (0.4 + 0.15 * quantities + 0.1 * others).min(0.9);
    // Written piece by piece into one string sized for the longest rule without a hedge: no
    // list of the names, no formatting machinery and no regrowth for every assertion.
    let mut rule = String::with_capacity(80);
    rule.push_str("assertion:");
    for (k, (_, name, _)) in cues.iter().filter(|c| c.0).enumerate() {
        if k > 0 {
            rule.push('+');
        }
        rule.push_str(name);
    }
    if let Some(hedge) = hedge {
        confidence *= 0.4;
        rule.push_str("+hedge(");
        rule.push_str(hedge);
        rule.push(')');
    }
    Some((rule, confidence))
}

/// Share of the letters and digits of `span` that lie inside quotation marks, from 0 to 1.
fn quoted_share(doc: &Doc, span: Span) -> f32 {
    let text = doc.text();
    let quotes = &doc.quotes;
    let q = quotes.partition_point(|q| q.span.end <= span.start);
    // No quote reaches into the span: nothing is inside, whatever the count.
    if quotes
        .get(q)
        .is_none_or(|quote| quote.span.start >= span.end)
    {
        return 0.0;
    }
    let (mut inside, mut total) = (0usize, 0usize);
    quote_stretches(quotes, span, |stretch, quoted| {
        let n = count_alphanumeric(stretch.of(text));
        total += n;
        if quoted {
            inside += n;
        }
        true
    });
    if total == 0 {
        0.0
    } else {
        inside as f32 / total as f32
    }
}

/// True when the sentence ends in `.` or `!`, before any closing quotes or brackets.
fn ends_as_statement(sentence: &str) -> bool {
    // Most sentences end in the mark itself: nothing to trim, no char to decode.
    if let Some(b'.' | b'!') = sentence.as_bytes().last() {
        return true;
    }
    ends_as_statement_trimmed(sentence)
}

/// [`ends_as_statement`] by trimming white space, closing quotes and brackets first.
fn ends_as_statement_trimmed(sentence: &str) -> bool {
    let last = sentence
        .trim_end()
        .trim_end_matches(|c: char| crate::stages::tokenize::is_quote_mark(c) || ")]".contains(c))
        .chars()
        .next_back();
    matches!(last, Some('.' | '!'))
}

impl Stage for Assertions {
    fn name(&self) -> &str {
        "assertions"
    }

    fn requires(&self) -> &[Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Quotes,
            Layer::Claims,
        ]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Claims]
    }

    fn process(&self, doc: &mut Doc) {
        // Built by a plain loop: a flattening iterator knows no size and grew the list.
        let mut taken: Vec<Span> = Vec::with_capacity(doc.claims.len() * 3);
        for claim in &doc.claims {
            let a = &claim.attribution;
            taken.push(a.hull());
            taken.extend(a.speaker);
            taken.extend(a.cue);
        }
        // Equal spans are indistinguishable, so the unstable sort gives the stable one's order
        // without its scratch buffer.
        taken.sort_unstable();
        // reach[i]: the furthest end among taken[..=i]. A sentence overlaps a taken span iff
        // one starting before the sentence's end reaches past its start: one binary search
        // per sentence instead of a scan of every claim before it.
        let mut reach: Vec<usize> = Vec::with_capacity(taken.len());
        let mut furthest = 0;
        for t in &taken {
            furthest = t.end.max(furthest);
            reach.push(furthest);
        }
        let text = doc.text();
        let mut found = Vec::new();
        for (k, sentence) in doc.sentences.iter().enumerate() {
            let span = sentence.span;
            let before_end = taken.partition_point(|t| t.start < span.end);
            if (before_end > 0 && reach[before_end - 1] > span.start)
                || !ends_as_statement(span.of(text))
                || quoted_share(doc, span) >= 0.5
            {
                continue;
            }
            let quote = doc.quotes.partition_point(|q| q.span.end <= span.start);
            let first = doc.token_at(span.start);
            let last = first + doc.tokens[first..].partition_point(|t| t.span.start < span.end);
            let Some((flags, hedge, named)) = self.read(doc, &doc.tokens[first..last], quote)
            else {
                continue;
            };
            if !named {
                continue;
            }
            let Some((rule, confidence)) = rule_and_confidence(&flags, hedge.as_deref()) else {
                continue;
            };
            found.push(Claim {
                kind: ClaimKind::Assertion,
                attribution: Attribution {
                    content: vec![span],
                    speaker: None,
                    speaker_canonical: String::new(),
                    cue: None,
                    rule: "assertion",
                    confidence,
                },
                sentence_index: k,
                paragraph_index: sentence.paragraph,
                assertion: Some(Assertion { flags, rule }),
            });
        }
        if found.is_empty() {
            return;
        }
        merge_by_key(&mut doc.claims, found, |c| c.attribution.hull());
    }
}

/// `items` extended with `found` and stably sorted by `key`, where `found` is in strictly
/// increasing key order (the assertions come one per sentence, in text order). When `items`
/// are already in key order, as the claims before this stage are, one merge pass gives the
/// same order (an item before a found one of equal key, as the stable sort keeps them) with
/// each key worked out about once, where the sort worked out two per comparison.
fn merge_by_key<T, K: Ord>(items: &mut Vec<T>, found: Vec<T>, key: impl Fn(&T) -> K) {
    if !items.is_sorted_by_key(&key) {
        items.extend(found);
        items.sort_by_key(key);
        return;
    }
    let mut merged = Vec::with_capacity(items.len() + found.len());
    let mut found = found.into_iter().peekable();
    for item in items.drain(..) {
        let item_key = key(&item);
        while let Some(next) = found.next_if(|f| key(f) < item_key) {
            merged.push(next);
        }
        merged.push(item);
    }
    merged.extend(found);
    *items = merged;
}

#[cfg(test)]
mod tests {
    use crate::doc::{Article, ClaimKind};
    use crate::pipeline::Pipeline;

    /// (sentence, rule, confidence) of every assertion in `text`, run through the default
    /// pipeline.
    fn assertions(text: &str) -> Vec<(String, String, f32)> {
        let pipeline = Pipeline::default_pipeline().unwrap();
        let doc = pipeline.run(Article {
            id: "t".into(),
            source: "t".into(),
            text: text.into(),
        });
        doc.claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Assertion)
            .map(|c| {
                (
                    c.attribution.hull().of(text).to_string(),
                    c.assertion.as_ref().unwrap().rule.clone(),
                    c.attribution.confidence,
                )
            })
            .collect()
    }

    /// One sentence each: the rule it must get, or `None` when it is no assertion.
    #[test]
    fn cues_and_exclusions() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "money",
                "Amazon Web Services has invested $4 billion in Anthropic.",
                Some("assertion:money+number"),
            ),
            (
                "percent",
                "Tesco's profits rose 4% in the three months to June.",
                Some("assertion:percent+number+date+change"),
            ),
            (
                "per cent, spelled out",
                "Unemployment in Spain stands at 12 per cent of the workforce.",
                Some("assertion:percent+number"),
            ),
            (
                "number word",
                "The Red Cross sent two thousand tents to the region.",
                Some("assertion:number"),
            ),
            (
                "a year is a date, not a number",
                "Amazon has run its S3 storage service since 2006 for its customers.",
                Some("assertion:date"),
            ),
            (
                "a pronoun is no named subject",
                "He is expected to lower the £40 fee for the permit.",
                None,
            ),
            (
                "a capitalised cue word is a name",
                "It wasn't Will Young on the stage at Wembley that night.",
                None,
            ),
            (
                "a model name is no number",
                "OpenAI released GPT-5 to its business customers.",
                None,
            ),
            (
                "a month",
                "The Senate passed the bill on the last day of March.",
                Some("assertion:date"),
            ),
            (
                "the month May is no hedge",
                "The Senate passed the bill in May after a long debate.",
                Some("assertion:date"),
            ),
            (
                "comparison",
                "Microsoft is the largest investor in the startup.",
                Some("assertion:comparison"),
            ),
            (
                "change",
                "Shares in Boeing fell sharply after the crash.",
                Some("assertion:change"),
            ),
            (
                "causal",
                "The flights were cancelled because of a strike at Heathrow.",
                Some("assertion:causal"),
            ),
            (
                "predictive",
                "The new Google data centre is expected to open next year.",
                Some("assertion:date+causal"),
            ),
            (
                "hedge named, low confidence",
                "Apple may spend $2 billion on the new campus.",
                Some("assertion:money+number+hedge(may)"),
            ),
            (
                "hedge phrase",
                "Some believe Netflix has lost more than a million subscribers.",
                Some("assertion:number+comparison+hedge(some believe)"),
            ),
            (
                "a hedge made of a verb of saying is somebody's words",
                "Some say Netflix has lost more than a million subscribers.",
                None,
            ),
            (
                "a pronoun subject after an opening connective",
                "But he is expected to lower the £40 fee for the permit.",
                None,
            ),
            (
                "a pronoun subject before a named thing",
                "It is one of three Danish films in the race for the Golden Bear.",
                None,
            ),
            (
                "a connective before a named subject",
                "And prices at Halvern Water rose 6% in April.",
                Some("assertion:percent+number+date+change"),
            ),
            (
                "a verb of saying after the subject, whose words are looked up last",
                "And prices at Halvern Water rose 6% in April, Tesco said.",
                None,
            ),
            (
                "two connectives and a comma before a pronoun subject",
                "But meanwhile, it rose 6% in April.",
                None,
            ),
            (
                "first person outside quotes is an interview or a column",
                "Even in 2019 our team at Orbis Labs had only four engineers.",
                None,
            ),
            (
                "US in capitals is a country, not a first-person pronoun",
                "The US imported 40% of its steel from Canada in 2019.",
                Some("assertion:percent+number+date"),
            ),
            (
                "a verb of saying outside quotes is reported speech",
                "Mayor Ines Varga told the council the budget would rise by 3%.",
                None,
            ),
            (
                "a verb of saying inside quotes does not count",
                "Northfield Foods sold 2 million copies of its “Say Cheese” cookbook.",
                Some("assertion:number"),
            ),
            (
                "question",
                "Will Amazon invest $4 billion in Anthropic?",
                None,
            ),
            (
                "no cue",
                "Amazon Web Services runs infrastructure for many companies.",
                None,
            ),
            (
                "no named subject",
                "The cloud giant has spent $4 billion on the deal.",
                None,
            ),
            (
                "an organisation noun names the subject",
                "the company has spent $4 billion on the deal.",
                Some("assertion:money+number"),
            ),
            (
                "title-case headline",
                "AWS Has Billions in Both Anthropic and OpenAI.",
                None,
            ),
            (
                "heading without a terminal mark",
                "Amazon Spent $4 Billion",
                None,
            ),
            ("too short", "Profits rose 4%.", None),
        ];
        for (name, sentence, want) in cases {
            let got = assertions(sentence);
            match want {
                Some(rule) => {
                    assert_eq!(got.len(), 1, "{name}: {got:?}");
                    assert_eq!(got[0].0, *sentence, "{name}");
                    assert_eq!(got[0].1, *rule, "{name}");
                }
                None => assert!(got.is_empty(), "{name}: {got:?}"),
            }
        }
    }

    proptest::proptest! {
        /// Random text and spans on char bounds (empty ones too): the first-byte answer is
        /// the char-decoding one.
        #[test]
        fn span_starts_upper_agrees_with_chars(
            picks in proptest::collection::vec(0usize..10, 0..30),
            ends in (0usize..31, 0usize..31),
        ) {
            use super::{span_starts_upper, starts_upper};
            use crate::doc::Span;
            let alphabet = ['a', 'Z', '7', ' ', '-', 'É', 'é', 'Σ', '“', 'ǅ'];
            let text: String = picks.iter().map(|&k| alphabet[k]).collect();
            let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            bounds.push(text.len());
            let at = |k: usize| bounds[k % bounds.len()];
            let span = Span::new(at(ends.0).min(at(ends.1)), at(ends.0).max(at(ends.1)));
            proptest::prop_assert_eq!(
                span_starts_upper(&text, span),
                starts_upper(span.of(&text))
            );
        }
    }

    proptest::proptest! {
        /// Random items (a key and an id to tell equal keys apart), sorted or not, and found
        /// ones in strictly increasing key order: the merge gives the stable sort's order.
        #[test]
        fn merge_by_key_is_the_stable_sort(
            keys in proptest::collection::vec(0u8..12, 0..20),
            sorted in proptest::bool::ANY,
            found_keys in proptest::collection::btree_set(0u8..12, 0..8),
        ) {
            let mut items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            if sorted {
                items.sort_by_key(|item| item.0);
            }
            let found: Vec<(u8, usize)> = found_keys.iter().copied().zip(100..).collect();
            let mut want = items.clone();
            want.extend(found.clone());
            want.sort_by_key(|item| item.0);
            super::merge_by_key(&mut items, found, |item| item.0);
            proptest::prop_assert_eq!(items, want);
        }
    }

    proptest::proptest! {
        /// Random endings of marks, quotes, brackets and spaces: the last-byte answer is the
        /// trimming one.
        #[test]
        fn ends_as_statement_agrees_with_trimming(
            picks in proptest::collection::vec(0usize..10, 0..12),
        ) {
            let alphabet = ['a', '.', '!', '?', ' ', '\n', '”', '"', ')', ']'];
            let sentence: String = picks.iter().map(|&k| alphabet[k]).collect();
            proptest::prop_assert_eq!(
                super::ends_as_statement(&sentence),
                super::ends_as_statement_trimmed(&sentence)
            );
        }
    }

    #[test]
    fn quotes_and_attributed_claims_are_left_out() {
        let text = "\"Amazon will invest $4 billion in Anthropic this year,\" Garman said.\n\
                    Garman said that Amazon had spent $8 billion in 2024.\n\
                    Amazon Web Services has invested $4 billion in Anthropic.";
        let got = assertions(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.starts_with("Amazon Web Services has invested"));
    }

    #[test]
    fn confidence_formula() {
        let got = assertions("Amazon spent $4 billion in May 2023 on the new campus.");
        assert_eq!(got[0].1, "assertion:money+number+date");
        assert!((got[0].2 - 0.85).abs() < 1e-6, "{got:?}");
        let hedged = assertions("Apple could become the largest company in the world.");
        assert_eq!(hedged[0].1, "assertion:comparison+hedge(could)");
        assert!((hedged[0].2 - 0.2).abs() < 1e-6, "{hedged:?}");
    }

    /// Every combination of cues, hedged or not, gets the rule the joined list of names
    /// gives and the formula's confidence.
    #[test]
    fn rule_names_every_cue_in_order() {
        use super::rule_and_confidence;
        use crate::doc::AssertionFlags;
        let names = [
            "money",
            "percent",
            "number",
            "date",
            "comparison",
            "change",
            "causal",
        ];
        for mask in 0..1u32 << names.len() {
            let on = |k: usize| mask & (1 << k) != 0;
            let flags = AssertionFlags {
                has_money: on(0),
                has_percent: on(1),
                has_number: on(2),
                has_date: on(3),
                has_comparison: on(4),
                has_change: on(5),
                has_causal: on(6),
                ..AssertionFlags::default()
            };
            let found: Vec<&str> = (0..names.len())
                .filter(|&k| on(k))
                .map(|k| names[k])
                .collect();
            let quantities = (0..4).filter(|&k| on(k)).count() as f32;
            let others = (4..7).filter(|&k| on(k)).count() as f32;
            let confidence = (0.4 + 0.15 * quantities + 0.1 * others).min(0.9);
            for hedge in [None, Some("could"), Some("some say")] {
                let want = (!found.is_empty()).then(|| match hedge {
                    None => (format!("assertion:{}", found.join("+")), confidence),
                    Some(h) => (
                        format!("assertion:{}+hedge({h})", found.join("+")),
                        confidence * 0.4,
                    ),
                });
                assert_eq!(
                    rule_and_confidence(&flags, hedge),
                    want,
                    "{mask:b} {hedge:?}"
                );
            }
        }
    }

    #[test]
    fn assertions_interleave_in_text_order() {
        let text = "Amazon Web Services has invested $4 billion in Anthropic.\n\
                    \"We have an ingrained culture of handling competition,\" Garman said.\n\
                    Microsoft is the largest investor in OpenAI.";
        let pipeline = Pipeline::default_pipeline().unwrap();
        let doc = pipeline.run(Article {
            id: "t".into(),
            source: "t".into(),
            text: text.into(),
        });
        let kinds: Vec<&str> = doc.claims.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, ["assertion", "direct", "assertion"]);
    }
}
