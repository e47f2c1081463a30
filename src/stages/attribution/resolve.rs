//! One canonical name per person and organisation per article.
//!
//! The resolver walks the article's name mentions and speaker mentions in text order:
//! - a full name (`Matt Garman`, or `AWS CEO Matt Garman` without its titles) makes or
//!   extends an entity; a later surname (`Garman`, `Mr. Garman`) joins the entity it ends;
//! - `he` and `she` take the most recent person whose gender agrees (known from a given
//!   name, a title, or an earlier pronoun); `it` and `they` take the most recent
//!   organisation; a pronoun teaches its entity its gender;
//! - the canonical name is the entity's longest form.

use super::mentions::{Mention, MentionKind, PronounClass};
use super::vocab::WordInfo;
use super::words::Words;
use super::Lexicon;
use crate::doc::{Doc, Span};
use std::borrow::Cow;
use std::ops::Range;

#[derive(Clone, Debug)]
struct Entity<'d> {
    /// The longest form seen, as written.
    display: &'d str,
    /// Where its words, lowercased, stand in [`Entities::pool`].
    words: Range<usize>,
    gender: Option<PronounClass>,
    person: bool,
    organisation: bool,
}

/// A mention to resolve or learn from, in text order.
pub(crate) struct Event {
    pub at: usize,
    pub mention: Mention,
    /// The attribution this speaker mention belongs to, or `None` for a name seen in text.
    pub attribution: Option<usize>,
}

/// Resolves speaker mentions to canonical names. Returns one entry per attribution index
/// (empty string when unknown).
pub(crate) fn resolve<'d>(
    lexicon: &Lexicon,
    words: &Words<'d>,
    mut events: Vec<Event>,
    attributions: usize,
) -> Vec<String> {
    // Room for an entity per event and two words each: most articles need no more.
    let mut entities = Entities {
        list: Vec::with_capacity(events.len()),
        pool: Vec::with_capacity(2 * events.len()),
        ..Entities::default()
    };
    // (position, entity) of every mention so far, most recent last.
    // At most one per event: sized once, never regrown.
    let mut recent: Vec<usize> = Vec::with_capacity(events.len());
    let mut resolved: Vec<Option<usize>> = vec![None; attributions];
    // The words of the name being registered, reused from name to name: most names join an
    // entity or are dropped, and only a new or longer form keeps a copy.
    let mut parts: Vec<Cow<'d, str>> = Vec::with_capacity(8);
    for event in in_text_order(&mut events) {
        let mention = event.mention;
        let entity = match mention.kind {
            MentionKind::Person | MentionKind::Organisation => {
                let id = register(
                    lexicon,
                    &mut entities,
                    &recent,
                    &mut parts,
                    mention,
                    event.attribution.is_some(),
                    words,
                );
                if let Some(id) = id {
                    recent.push(id);
                }
                id
            }
            MentionKind::Pronoun(class) => {
                let entities = &mut entities.list;
                let found = recent.iter().rev().copied().find(|&id| {
                    let e = &entities[id];
                    match class {
                        PronounClass::Male | PronounClass::Female => {
                            e.person && e.gender.is_none_or(|g| g == class)
                        }
                        PronounClass::Plural | PronounClass::Thing => e.organisation,
                        PronounClass::FemaleOrPlural => {
                            (e.person && e.gender.is_none_or(|g| g == PronounClass::Female))
                                || e.organisation
                        }
                    }
                });
                if let Some(id) = found {
                    if matches!(class, PronounClass::Male | PronounClass::Female)
                        && entities[id].gender.is_none()
                    {
                        entities[id].gender = Some(class);
                    }
                }
                found
            }
            MentionKind::Group => {
                // "the company": the most recent organisation, when the head names one.
                None
            }
            MentionKind::FirstPerson => None,
        };
        if let Some(k) = event.attribution {
            resolved[k] = entity;
        }
        if mention.kind == MentionKind::Organisation && entity.is_none() {
            // a noun like "the company": the most recent organisation
            if let Some(k) = event.attribution {
                resolved[k] = recent
                    .iter()
                    .rev()
                    .copied()
                    .find(|&id| entities.list[id].organisation);
            }
        }
    }
    resolved
        .into_iter()
        .map(|id| {
            id.map(|id| entities.list[id].display.to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// `events` in text order, a speaker mention before a name seen at the same place, as
/// `sort_by_key(|e| (e.at, e.attribution.is_none()))` orders them.
///
/// They come as [`name_events`] gives them, in text order, then the speaker mentions: only
/// the few speaker mentions are sorted, and the two runs merged, where sorting the whole
/// moved every event (the names themselves are checked, and sorted whole when out of order).
fn in_text_order(events: &mut [Event]) -> impl Iterator<Item = &Event> {
    let mut split = events
        .iter()
        .position(|e| e.attribution.is_some())
        .unwrap_or(events.len());
    let (names, speakers) = events.split_at_mut(split);
    if names.is_sorted_by_key(|e| e.at) && speakers.iter().all(|e| e.attribution.is_some()) {
        speakers.sort_by_key(|e| e.at);
    } else {
        events.sort_by_key(|e| (e.at, e.attribution.is_none()));
        split = events.len();
    }
    let (names, speakers) = events.split_at(split);
    let (mut names, mut speakers) = (names.iter().peekable(), speakers.iter().peekable());
    std::iter::from_fn(move || match (names.peek(), speakers.peek()) {
        (Some(name), Some(speaker)) if name.at < speaker.at => names.next(),
        (Some(_), None) => names.next(),
        _ => speakers.next(),
    })
}

/// Finds or makes the entity a name belongs to.
fn register<'d>(
    lexicon: &Lexicon,
    entities: &mut Entities<'d>,
    recent: &[usize],
    name_words: &mut Vec<Cow<'d, str>>,
    mention: Mention,
    is_speaker: bool,
    words: &Words<'d>,
) -> Option<usize> {
    let doc = words.doc;
    let name = trim_name(mention.name.of(doc.text()));
    name_words.clear();
    push_lowered_words(doc, name, name_words);
    let parts: &[Cow<'d, str>] = name_words;
    let last: &str = parts.last()?;
    let organisation = mention.kind == MentionKind::Organisation;
    // A common noun phrase ("the company", "The company") is not a name.
    if is_function_word(lexicon, words, mention, name, &parts[0])
        || !words.doc.text()[mention.name.start..].starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let titled = mention.name.start > mention.span.start;
    let found = entities.find(recent, parts);
    // A lone capitalised word is too weak to be anyone unless it names someone known: settled
    // before the gender and the person evidence, which only a kept name needs (most such
    // words are places, days and the like, met again and again).
    if found.is_none() && parts.len() == 1 && !is_speaker && !organisation && !titled {
        return None;
    }
    let gender = title_gender(lexicon, doc, mention.span, mention.name)
        .or_else(|| lexicon.given_names.get(&*parts[0]).copied());
    // Two or three capitalised words with no place or organisation word read as a
    // person's name ("Rosa Diaz"); a given name, a title or speaking settles it.
    let looks_personal = (2..=3).contains(&parts.len())
        && !parts.iter().any(|p| lexicon.places.contains(&**p))
        // "Anthropic's Claude" names a thing of Anthropic's, not a person
        && !parts[..parts.len() - 1].iter().any(|p| p.ends_with("'s") || p.ends_with("’s"))
        && pieces_all(name, |w| w.chars().next().is_some_and(char::is_uppercase) && !super::mentions::is_acronym(w));
    let person_evidence =
        !organisation && (is_speaker || titled || gender.is_some() || looks_personal);
    match found {
        Some(id) => {
            let known = entities.words(id).len();
            // A multi-word name later called by its last word alone is a person's:
            // organisations and places are seldom shortened to their last word.
            let by_surname = parts.len() == 1 && known > 1 && entities.ends_with(id, last);
            if parts.len() > known && !organisation {
                entities.rename(id, name, name_words);
            }
            let entity = &mut entities.list[id];
            entity.person |= person_evidence || (by_surname && !entity.organisation);
            entity.organisation |= organisation;
            if entity.gender.is_none() {
                entity.gender = gender;
            }
            Some(id)
        }
        None => {
            let entity = Entity {
                display: name,
                words: 0..0,
                gender,
                person: person_evidence,
                organisation,
            };
            Some(entities.add(entity, name_words))
        }
    }
}

/// `name` without white space around it, as [`str::trim`] gives it.
fn trim_name(name: &str) -> &str {
    // A name runs from a word to a word: when both end bytes are ASCII and no white space,
    // they are whole characters (every byte of a longer one is above 0x7F) and nothing goes.
    let solid = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii() && !is_ascii_space(*b));
    let bytes = name.as_bytes();
    if solid(bytes.first()) && solid(bytes.last()) {
        name
    } else {
        name.trim()
    }
}

/// The ASCII characters [`char::is_whitespace`] holds for (`u8::is_ascii_whitespace` leaves
/// out the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Whether `first` (the first word of `name`, lowercased) is a function word: the word
/// table's flag when the name's first word is that word, else a lookup.
fn is_function_word(
    lexicon: &Lexicon,
    words: &Words,
    mention: Mention,
    name: &str,
    first: &str,
) -> bool {
    let start = name.as_ptr() as usize - words.doc.text().as_ptr() as usize;
    // The flag is the list's answer for the word's lowercase form, so it answers for
    // `first` exactly when the two are equal.
    let word = (mention.first..=mention.last)
        .find(|&k| words.span(k).start >= start)
        .filter(|&k| words.span(k).start == start && words.lower(k) == first);
    match word {
        Some(k) => words.has(k, WordInfo::FUNCTION),
        None => lexicon.function_words.contains(first),
    }
}

/// The entities of an article, with a summary of their words that rules most out at once.
#[derive(Default)]
struct Entities<'d> {
    list: Vec<Entity<'d>>,
    /// The words of every form of every entity, one after the other (lowercased, borrowed
    /// from the document's lowered text where ASCII): one growing vector for the article,
    /// where a vector per entity and per new form cost an allocation and a free each.
    pool: Vec<Cow<'d, str>>,
    /// Bits ([`word_bit`]) of every entity's last word, of every form it has had: no bit,
    /// no entity ends with the word.
    last_words: WordBits,
    /// Bits of the first word of every entity of two words or more, likewise.
    first_words: WordBits,
}

impl<'d> Entities<'d> {
    /// The entity the name of lowercase words `parts` (at least one) belongs to, if any.
    fn find(&self, recent: &[usize], parts: &[Cow<'d, str>]) -> Option<usize> {
        let last: &str = parts.last()?;
        // Every rule but the first-word one of a lone word needs an entity ending with `last`.
        let may_end = self.last_words.may_hold(last);
        let may_start = parts.len() == 1 && self.first_words.may_hold(last);
        if may_end || may_start {
            self.scan(recent, parts, may_end)
        } else {
            None
        }
    }

    /// Adds `entity` with the words `parts` (taken, leaving `parts` empty); returns its id.
    fn add(&mut self, mut entity: Entity<'d>, parts: &mut Vec<Cow<'d, str>>) -> usize {
        entity.words = self.pooled(parts);
        self.list.push(entity);
        let id = self.list.len() - 1;
        self.note_words(id);
        id
    }

    /// Gives entity `id` the longer form `display`, of words `parts` (taken likewise).
    fn rename(&mut self, id: usize, display: &'d str, parts: &mut Vec<Cow<'d, str>>) {
        let words = self.pooled(parts);
        let entity = &mut self.list[id];
        entity.display = display;
        entity.words = words;
        self.note_words(id);
    }

    /// Moves `parts` to the end of the pool (cloning each word cost more than the
    /// vector per entity saved); returns where they stand.
    fn pooled(&mut self, parts: &mut Vec<Cow<'d, str>>) -> Range<usize> {
        let start = self.pool.len();
        self.pool.append(parts);
        start..self.pool.len()
    }

    /// The lowercase words of entity `id`.
    fn words(&self, id: usize) -> &[Cow<'d, str>] {
        &self.pool[self.list[id].words.clone()]
    }

    /// True when the last word of entity `id` is `last`.
    fn ends_with(&self, id: usize, last: &str) -> bool {
        self.words(id).last().is_some_and(|w| w == last)
    }

    /// Records the words of entity `id` in the summaries, after it was made or renamed.
    fn note_words(&mut self, id: usize) {
        let words = &self.pool[self.list[id].words.clone()];
        if let Some(last) = words.last() {
            self.last_words.insert(last);
        }
        if words.len() > 1 {
            self.first_words.insert(&words[0]);
        }
    }

    /// The entity the name of lowercase words `parts` belongs to, by looking at each entity
    /// (and at `recent`, the entity of every mention so far); the rules that need an entity
    /// ending with the name's last word are skipped unless `may_end`.
    fn scan(&self, recent: &[usize], parts: &[Cow<str>], may_end: bool) -> Option<usize> {
        let last: &str = parts.last()?;
        let ids = 0..self.list.len();
        if parts.len() == 1 {
            // A surname or a short name: the most recent entity it ends or starts.
            let ending = || {
                recent
                    .iter()
                    .rev()
                    .copied()
                    .find(|&id| self.ends_with(id, last))
                    .or_else(|| ids.clone().find(|&id| self.ends_with(id, last)))
            };
            may_end.then(ending).flatten().or_else(|| {
                ids.clone().find(|&id| {
                    let words = self.words(id);
                    words.len() > 1 && words[0] == last && self.list[id].person
                })
            })
        } else if may_end {
            ids.clone().find(|&id| self.words(id) == parts).or_else(|| {
                ids.clone().find(|&id| {
                    let words = self.words(id);
                    self.ends_with(id, last)
                        && (words.len() == 1 || words[0] == parts[0] || parts.ends_with(words))
                })
            })
        } else {
            None
        }
    }
}

/// A set of words that may say "maybe" of a word not in it, never "no" of one in it: a
/// bit per word picked by a hash of the word. Each name asks whether any entity ends with
/// its last word, and most lone capitalised words (places, days) end none; the bits answer
/// without walking every entity and every mention.
#[derive(Default)]
struct WordBits([u64; 8]);

impl WordBits {
    fn insert(&mut self, word: &str) {
        let bit = word_bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False only when `word` was never inserted.
    fn may_hold(&self, word: &str) -> bool {
        let bit = word_bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Which of [`WordBits`]' 512 bits stands for `word`: a hash of its length and its first
/// two and last two bytes (read one by one: copying up to eight bytes called `memcpy`).
fn word_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    let byte = |k: Option<usize>| u64::from(k.and_then(|k| bytes.get(k)).copied().unwrap_or(0));
    let len = bytes.len();
    let key = len as u64
        ^ byte(Some(0)) << 8
        ^ byte(Some(1)) << 16
        ^ byte(len.checked_sub(2)) << 24
        ^ byte(len.checked_sub(1)) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize
}

/// Pushes the words of `name` (a slice of the document's text) lowercased, as
/// `name.split_whitespace().map(|w| lowercase_within(doc, w))` gives them.
fn push_lowered_words<'d>(doc: &'d Doc, name: &'d str, parts: &mut Vec<Cow<'d, str>>) {
    // Most names are ASCII: their lowercase form is one slice of the arena, split once,
    // where word by word each piece was decoded for white space, then checked for ASCII
    // and sliced again. Lowering ASCII moves no white space, so the pieces are the same.
    if name.is_ascii() {
        let start = name.as_ptr() as usize - doc.text().as_ptr() as usize;
        if let Cow::Borrowed(lowered) = doc.lowercase_of(start, start + name.len()) {
            parts.extend(ascii_words(lowered).map(Cow::Borrowed));
            return;
        }
    }
    parts.extend(name.split_whitespace().map(|w| lowercase_within(doc, w)));
}

/// Whether `test` holds for every piece of `name` between white space: split byte by
/// byte when `name` is ASCII (most names), as [`str::split_whitespace`] otherwise.
fn pieces_all(name: &str, test: impl Fn(&str) -> bool) -> bool {
    if name.is_ascii() {
        ascii_words(name).all(test)
    } else {
        name.split_whitespace().all(test)
    }
}

/// The pieces of ASCII `text` between white space, as [`str::split_whitespace`] gives them
/// (its white space includes the vertical tab, which `split_ascii_whitespace` keeps).
///
/// Byte by byte: a `char` pattern decoded every character of every name.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let is_space = is_ascii_space;
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !is_space(bytes[at]) {
            at += 1;
        }
        // Both ends are at an ASCII byte or the end: char boundaries.
        Some(&text[start..at])
    })
}

/// `piece` (a slice of the document's text) lowercased, as [`str::to_lowercase`] would.
fn lowercase_within<'d>(doc: &'d Doc, piece: &'d str) -> Cow<'d, str> {
    // Where `piece` starts in the text: it is a subslice of it.
    let start = piece.as_ptr() as usize - doc.text().as_ptr() as usize;
    doc.lowercase_of(start, start + piece.len())
}

/// Gender a title in the phrase gives (`Mr.`, `Mrs.`, `Ms.`): male when any title is male.
fn title_gender(lexicon: &Lexicon, doc: &Doc, span: Span, name: Span) -> Option<PronounClass> {
    // Most names have no title before them: their (empty) title text needs no lowering.
    let titles = if span.start == name.start {
        Cow::Borrowed("")
    } else {
        doc.lowercase_of(span.start, name.start)
    };
    let (mut male, mut female) = (false, false);
    for w in titles.split(|c: char| !c.is_alphabetic()) {
        match lexicon.gendered_titles.get(w) {
            Some(PronounClass::Male) => male = true,
            Some(PronounClass::Female) => female = true,
            _ => {}
        }
    }
    if male {
        Some(PronounClass::Male)
    } else if female {
        Some(PronounClass::Female)
    } else {
        None
    }
}

/// Every name phrase in the article outside quotes and outside headings, in text order.
pub(crate) fn name_events(lexicon: &Lexicon, words: &Words, skip_paragraph: &[bool]) -> Vec<Event> {
    // Room for the names of a typical article and for the speaker mentions the caller adds:
    // growing from empty copied the events several times over.
    let mut events = Vec::with_capacity(words.len() / 8 + 16);
    let mut w = 0;
    while w < words.len() {
        // Most words are neither capitalised nor a title: that test comes before the
        // paragraph's (two lookups), which only the few candidates need.
        if words.quote(w).is_some()
            || !(words.is_capitalised(w) || lexicon.title_at(words, w) > 0)
            || skip_paragraph
                .get(words.paragraph(w))
                .copied()
                .unwrap_or(false)
        {
            w += 1;
            continue;
        }
        if let Some(mention) = lexicon.mention_starting_at(words, w, (w + 8).min(words.len() - 1)) {
            if matches!(
                mention.kind,
                MentionKind::Person | MentionKind::Organisation
            ) {
                events.push(Event {
                    at: mention.span.start,
                    mention,
                    attribution: None,
                });
            }
            w = mention.last + 1;
            continue;
        }
        w += 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::{
        ascii_words, in_text_order, trim_name, Entities, Entity, Event, Mention, MentionKind,
        WordBits,
    };
    use crate::doc::Span;
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// An event at `at`, told apart from the others by `id` (its first word).
    fn event(id: usize, at: usize, attribution: Option<usize>) -> Event {
        let span = Span::new(at, at + 1);
        Event {
            at,
            mention: Mention {
                span,
                name: span,
                kind: MentionKind::Person,
                first: id,
                last: id,
            },
            attribution,
        }
    }

    /// The ids of `events` in the order the stable sort `in_text_order` replaces gives.
    fn sorted_ids(events: &[Event]) -> Vec<usize> {
        let mut order: Vec<&Event> = events.iter().collect();
        order.sort_by_key(|e| (e.at, e.attribution.is_none()));
        order.iter().map(|e| e.mention.first).collect()
    }

    proptest! {
        /// Names in text order then speaker mentions (the merge), or any mix (the sort).
        #[test]
        fn in_text_order_is_the_stable_sort(
            name_steps in proptest::collection::vec(1usize..4, 0..8),
            speakers in proptest::collection::vec(0usize..20, 0..6),
            mixed in proptest::collection::vec((0usize..20, any::<bool>()), 0..10),
            use_mixed in any::<bool>(),
        ) {
            let mut events = Vec::new();
            if use_mixed {
                for (k, &(at, speaker)) in mixed.iter().enumerate() {
                    events.push(event(k, at, speaker.then_some(k)));
                }
            } else {
                let mut at = 0;
                for &step in &name_steps {
                    at += step;
                    events.push(event(events.len(), at, None));
                }
                for &at in &speakers {
                    events.push(event(events.len(), at, Some(events.len())));
                }
            }
            let want = sorted_ids(&events);
            let got: Vec<usize> = in_text_order(&mut events).map(|e| e.mention.first).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn trim_name_trims_as_trim(name in "[ \t\u{b}\u{a0}\u{2009}a-cé'.\u{1c}]{0,8}") {
            prop_assert_eq!(trim_name(&name), name.trim());
        }

        #[test]
        fn word_bits_hold_every_word_inserted(
            inserted in proptest::collection::vec("[a-zé' ]{0,12}", 0..40),
        ) {
            let mut bits = WordBits::default();
            for word in &inserted {
                bits.insert(word);
            }
            for word in &inserted {
                prop_assert!(bits.may_hold(word));
            }
        }

        /// `Entities::find` against the scans it guards, run whole as they were before.
        #[test]
        fn find_matches_the_plain_scans(
            forms in proptest::collection::vec(
                (proptest::collection::vec(0usize..5, 1..4), any::<bool>()), 0..8),
            recent in proptest::collection::vec(0usize..8, 0..12),
            parts in proptest::collection::vec(0usize..5, 1..4),
        ) {
            const VOCAB: [&str; 5] = ["ana", "ruiz", "garman", "matt", "bank"];
            let lowered = |ids: &[usize]| -> Vec<Cow<'static, str>> {
                ids.iter().map(|&k| Cow::Borrowed(VOCAB[k])).collect()
            };
            let mut entities = Entities::default();
            for (words, person) in &forms {
                let entity = Entity {
                    display: "",
                    words: 0..0,
                    gender: None,
                    person: *person,
                    organisation: false,
                };
                entities.add(entity, &mut lowered(words));
            }
            // Every entity is in `recent` (it is pushed there when made), with later mentions.
            let mut mentions: Vec<usize> = (0..forms.len()).collect();
            mentions.extend(recent.iter().filter(|&&id| id < forms.len()));
            let parts = lowered(&parts);
            let want = entities.scan(&mentions, &parts, true);
            prop_assert_eq!(entities.find(&mentions, &parts), want);
        }
    }

    #[test]
    fn ascii_words_cases() {
        for (text, want) in [
            ("matt garman", &["matt", "garman"][..]),
            ("  aws\tceo\u{b}matt\r\n", &["aws", "ceo", "matt"][..]),
            ("", &[][..]),
            (" \u{c} ", &[][..]),
            ("garman", &["garman"][..]),
        ] {
            assert_eq!(ascii_words(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn ascii_words_split_as_split_whitespace(text in "[a-c .'\t\n\r\x0b\x0c\x1c-\x1f\x7f]{0,12}") {
            let slow: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(ascii_words(&text).collect::<Vec<_>>(), slow);
        }
    }
}
