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
use super::words::Words;
use super::Lexicon;
use crate::doc::{Doc, Span};
use std::borrow::Cow;

#[derive(Clone, Debug)]
struct Entity<'d> {
    /// The longest form seen, as written.
    display: &'d str,
    /// Its words, lowercased (borrowed from the document's lowered text where ASCII, so
    /// registering a name allocates no string per word).
    words: Vec<Cow<'d, str>>,
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
    events.sort_by_key(|e| (e.at, e.attribution.is_none()));
    let mut entities: Vec<Entity<'d>> = Vec::new();
    // (position, entity) of every mention so far, most recent last.
    // At most one per event: sized once, never regrown.
    let mut recent: Vec<usize> = Vec::with_capacity(events.len());
    let mut resolved: Vec<Option<usize>> = vec![None; attributions];
    // The words of the name being registered, reused from name to name: most names join an
    // entity or are dropped, and only a new or longer form keeps a copy.
    let mut parts: Vec<Cow<'d, str>> = Vec::new();
    for event in &events {
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
                    .find(|&id| entities[id].organisation);
            }
        }
    }
    resolved
        .into_iter()
        .map(|id| {
            id.map(|id| entities[id].display.to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// Finds or makes the entity a name belongs to.
fn register<'d>(
    lexicon: &Lexicon,
    entities: &mut Vec<Entity<'d>>,
    recent: &[usize],
    parts: &mut Vec<Cow<'d, str>>,
    mention: Mention,
    is_speaker: bool,
    words: &Words<'d>,
) -> Option<usize> {
    let doc = words.doc;
    let name = mention.name.of(doc.text()).trim();
    parts.clear();
    push_lowered_words(doc, name, parts);
    let parts: &[Cow<'d, str>] = parts;
    let last: &str = parts.last()?;
    let organisation = mention.kind == MentionKind::Organisation;
    // A common noun phrase ("the company", "The company") is not a name.
    if lexicon.function_words.contains(&*parts[0])
        || !words.doc.text()[mention.name.start..].starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let titled = mention.name.start > mention.span.start;
    let gender = title_gender(lexicon, doc, mention.span, mention.name)
        .or_else(|| lexicon.given_names.get(&*parts[0]).copied());
    // Two or three capitalised words with no place or organisation word read as a
    // person's name ("Rosa Diaz"); a given name, a title or speaking settles it.
    let looks_personal = (2..=3).contains(&parts.len())
        && !parts.iter().any(|p| lexicon.places.contains(&**p))
        // "Anthropic's Claude" names a thing of Anthropic's, not a person
        && !parts[..parts.len() - 1].iter().any(|p| p.ends_with("'s") || p.ends_with("’s"))
        && name.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase) && !super::mentions::is_acronym(w));
    let person_evidence =
        !organisation && (is_speaker || titled || gender.is_some() || looks_personal);
    let found = if parts.len() == 1 {
        // A surname or a short name: the most recent entity it ends or starts.
        recent
            .iter()
            .rev()
            .copied()
            .find(|&id| entities[id].ends_with(last))
            .or_else(|| entities.iter().position(|e| e.ends_with(last)))
            .or_else(|| {
                entities
                    .iter()
                    .position(|e| e.words.len() > 1 && e.words[0] == last && e.person)
            })
    } else {
        entities.iter().position(|e| e.words == parts).or_else(|| {
            entities.iter().position(|e| {
                e.ends_with(last)
                    && (e.words.len() == 1 || e.words[0] == parts[0] || parts.ends_with(&e.words))
            })
        })
    };
    match found {
        Some(id) => {
            let entity = &mut entities[id];
            // A multi-word name later called by its last word alone is a person's:
            // organisations and places are seldom shortened to their last word.
            let by_surname = parts.len() == 1 && entity.words.len() > 1 && entity.ends_with(last);
            if parts.len() > entity.words.len() && !organisation {
                entity.display = name;
                entity.words = parts.to_vec();
            }
            entity.person |= person_evidence || (by_surname && !entity.organisation);
            entity.organisation |= organisation;
            if entity.gender.is_none() {
                entity.gender = gender;
            }
            Some(id)
        }
        None => {
            if parts.len() == 1 && !is_speaker && !organisation && !titled {
                return None; // a lone capitalised word is too weak to be anyone
            }
            entities.push(Entity {
                display: name,
                words: parts.to_vec(),
                gender,
                person: person_evidence,
                organisation,
            });
            Some(entities.len() - 1)
        }
    }
}

impl Entity<'_> {
    /// True when the entity's last word is `last`.
    fn ends_with(&self, last: &str) -> bool {
        self.words.last().is_some_and(|w| w == last)
    }
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

/// The pieces of ASCII `text` between white space, as [`str::split_whitespace`] gives them
/// (its white space includes the vertical tab, which `split_ascii_whitespace` keeps).
///
/// Byte by byte: a `char` pattern decoded every character of every name.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
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
    let mut events = Vec::new();
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
    use super::ascii_words;
    use proptest::prelude::*;

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
