//! Speaker mentions: the noun phrase before or after a cue that names who speaks.
//!
//! Without a parser, a speaker phrase is recognised by its shape:
//! - a pronoun (`he`, `she`, `they`, `it`; `I`/`we` are first person);
//! - a run of capitalised words with the titles and roles before it
//!   (`AWS CEO Matt Garman`, `Sen. Elizabeth Warren`), where the name is what follows the
//!   last title (`Matt Garman`);
//! - a common noun from the people or organisations lists with its determiner and modifiers
//!   (`the company`, `officials`, `a spokesperson for the ministry`).

use super::vocab::WordInfo;
use super::words::Words;
use super::Lexicon;
use crate::doc::{Span, TokenKind};
use rustc_hash::FxHashSet as HashSet;

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A person's name.
    Person,
    /// An organisation's name or a noun naming one (`the company`).
    Organisation,
    /// A third-person pronoun.
    Pronoun(PronounClass),
    /// `I` or `we`: the writer or the speaker of a quote.
    FirstPerson,
    /// A noun naming people without a name (`officials`, `a spokesperson`).
    Group,
}

/// What a pronoun agrees with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PronounClass {
    Male,
    Female,
    Plural,
    Thing,
    /// A woman, or a body or group (German `sie`: she, they, and every feminine noun such
    /// as `die Regierung`).
    FemaleOrPlural,
}

/// A speaker phrase found around a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The phrase as written, titles and determiners included.
    pub span: Span,
    /// The name inside the phrase (after its titles), or the pronoun.
    pub name: Span,
    pub kind: MentionKind,
    /// First and last word of the phrase.
    pub first: usize,
    pub last: usize,
}

/// Small words inside names (`Bank of America`, `Ursula von der Leyen`).
const NAME_LINKS: &[&str] = &[
    "of", "de", "van", "von", "der", "al", "bin", "la", "le", "du", "da", "&",
];
impl Lexicon {
    /// True for a determiner or possessive that opens a noun phrase.
    pub(crate) fn is_determiner(&self, lower: &str) -> bool {
        self.determiners.contains(lower)
    }

    /// `mention` as its cue's number reads it: a pronoun that is a woman or a group (German
    /// `sie`) is a group when the cue ends in the plural ending (`sagten sie`).
    pub(crate) fn agree_with_cue(&self, mention: Mention, cue: &str) -> Mention {
        let plural = self
            .plural_cue_ending
            .as_deref()
            .is_some_and(|ending| cue.to_lowercase().ends_with(ending));
        if plural && mention.kind == MentionKind::Pronoun(PronounClass::FemaleOrPlural) {
            Mention {
                kind: MentionKind::Pronoun(PronounClass::Plural),
                ..mention
            }
        } else {
            mention
        }
    }

    /// The longest phrase like `according to` starting at `w` (`nach Angaben von` over
    /// `nach Angaben`): how many words it takes, and whether its speaker stands before it
    /// (`+after`: `Merkel zufolge`) rather than after.
    ///
    /// In line, for its first test (as [`Self::title_at`]).
    #[inline]
    pub(crate) fn according_at(&self, words: &Words, w: usize) -> Option<(usize, bool)> {
        // Every phrase has a first word; most words open none.
        if !words.has(w, WordInfo::ACCORDING_HEAD) {
            return None;
        }
        self.according_here(words, w)
    }

    /// [`Self::according_at`] past its first test.
    #[inline(never)]
    fn according_here(&self, words: &Words, w: usize) -> Option<(usize, bool)> {
        let lower = words.lower(w);
        let mut best: Option<(usize, bool)> = None;
        for (phrase, after) in &self.according {
            if phrase[0] != lower
                || w + phrase.len() > words.len()
                || best.is_some_and(|(len, _)| len >= phrase.len())
            {
                continue;
            }
            if phrase[1..]
                .iter()
                .enumerate()
                .all(|(k, p)| words.is(w + 1 + k, p))
            {
                best = Some((phrase.len(), *after));
            }
        }
        best
    }

    /// True when `lower` is in `set`, or, where nouns are capitalised and compounded
    /// (German), when one of its last parts of three letters or more is, after at least
    /// three letters (`Bundesregierung` by `regierung`, `Landratsamt` by `amt`).
    pub(crate) fn compound_in(&self, set: &HashSet<String>, lower: &str) -> bool {
        set.contains(lower)
            || (self.capitalised_nouns
                && lower
                    .char_indices()
                    .skip(3)
                    .map(|(k, _)| &lower[k..])
                    .take_while(|tail| tail.chars().count() >= 3)
                    .any(|tail| set.contains(tail)))
    }

    /// How many words the title at `w` takes (`Sen` `.` is two), or 0.
    ///
    /// In line, for its first test: most words are no title nor the start of one, and one
    /// flag test answers for them where a call cost more than the test.
    #[inline]
    pub(crate) fn title_at(&self, words: &Words, w: usize) -> usize {
        if !self.capitalised_nouns
            && !words
                .info(w)
                .is_any(WordInfo::TITLE | WordInfo::DOTTED_TITLE | WordInfo::HYPHEN_TITLE_HEAD)
        {
            return 0;
        }
        self.title_here(words, w)
    }

    /// [`Self::title_at`] past its first test.
    #[inline(never)]
    fn title_here(&self, words: &Words, w: usize) -> usize {
        let info = words.info(w);
        // "co-founder", "vice-president": a hyphenated title is three tokens. Only a word
        // some title starts with is worth building the compound for.
        if (info.is(WordInfo::HYPHEN_TITLE_HEAD) || self.capitalised_nouns)
            && w + 2 < words.len()
            && is_tight_hyphen(words, w + 1)
        {
            let listed = info.is(WordInfo::HYPHEN_TITLE_HEAD)
                && self
                    .titles
                    .contains(&format!("{}-{}", words.lower(w), words.lower(w + 2)));
            // German spells compounds with a hyphen too: `Grünen-Stadtrat`.
            if listed || (self.capitalised_nouns && words.has(w + 2, WordInfo::TITLE)) {
                return 3;
            }
        }
        if info.is(WordInfo::DOTTED_TITLE) && w + 1 < words.len() && words.text(w + 1) == "." {
            return 2;
        }
        usize::from(info.is(WordInfo::TITLE))
    }

    fn is_name_word(&self, words: &Words, w: usize) -> bool {
        if !words.is_capitalised(w) {
            return false;
        }
        let info = words.info(w);
        // Where every noun is capitalised, one after a determiner (`die Regierung`) or one
        // the lists know as a role or body (`Sprecher`, `Bundesregierung`) is no name.
        if self.capitalised_nouns
            && ((w > 0 && words.has(w - 1, WordInfo::DETERMINER))
                || info.is(WordInfo::PEOPLE)
                || info.is(WordInfo::ORGANISATION)
                || info.is(WordInfo::TITLE))
        {
            return false;
        }
        // A capitalised function word is a sentence opener, not a name, unless it is a title.
        // Nor is the head of an according-to phrase (`According to …`). A cue's bare form
        // after a name word is part of the name (`The Washington Post`); an inflected one
        // is the verb (`Ruiz Says`).
        let lower = words.lower(w);
        let name_cue = info.is(WordInfo::CUE_FORM)
            && w > 0
            && words.is_capitalised(w - 1)
            && words.sentence(w - 1) == words.sentence(w)
            && !words.has(w - 1, WordInfo::FUNCTION)
            && !(lower.ends_with('s') || lower.ends_with("ed") || lower.ends_with("ing"));
        !info.is(WordInfo::FUNCTION)
            && !info.is(WordInfo::PRONOUN)
            && (!info.is(WordInfo::CUE_FORM) || name_cue)
            && !info.is(WordInfo::ACCORDING_HEAD)
    }

    /// Whether word `w` joins the name word before it to what follows: the full stop of
    /// `Sen.` or of an initial, or a link like `of` in `Bank of America`.
    fn joins_name(&self, words: &Words, w: usize) -> bool {
        if words.text(w) == "." {
            self.title_at(words, w - 1) == 2 || is_initial(words.text(w - 1))
        } else if is_tight_hyphen(words, w) {
            // "Lopez-Cantera", "co-founder"
            (self.is_name_word(words, w - 1) && words.is_capitalised(w + 1))
                || self.title_at(words, w - 1) == 3
        } else {
            NAME_LINKS.contains(&words.lower(w)) && self.is_name_word(words, w - 1)
        }
    }

    #[inline]
    fn pronoun_at(&self, words: &Words, w: usize) -> Option<Mention> {
        // Most words are none: the word table's flag answers without a lookup (or a call).
        if !words.has(w, WordInfo::SUBJECT_PRONOUN_HEAD) {
            return None;
        }
        self.pronoun_here(words, w)
    }

    /// [`Self::pronoun_at`] past its first test.
    #[inline(never)]
    fn pronoun_here(&self, words: &Words, w: usize) -> Option<Mention> {
        let lower = words.lower(w);
        let span = words.span(w);
        let head = pronoun_head(lower);
        let len = head.len();
        let kind = match self.subject_pronouns.get(head)? {
            None => MentionKind::FirstPerson,
            Some(class) => MentionKind::Pronoun(*class),
        };
        let pronoun = Span::new(span.start, span.start + len);
        Some(Mention {
            span: pronoun,
            name: pronoun,
            kind,
            first: w,
            last: w,
        })
    }

    /// Builds a name mention over words `first..=last`, finding where the name starts.
    fn name_mention(&self, words: &Words, first: usize, last: usize) -> Option<Mention> {
        // The name is what follows the last title or role word.
        let mut name_first = first;
        let mut w = first;
        while w <= last {
            let title = self.title_at(words, w);
            let lower = words.lower(w);
            // Roles and lowercase modifiers before the name: "council member Priya Natarajan".
            let role = title == 0
                && words.kind(w) == TokenKind::Word
                && (words.has(w, WordInfo::PEOPLE)
                    || (!words.is_capitalised(w) && !NAME_LINKS.contains(&lower)));
            if title > 0 {
                name_first = w + title;
                w += title;
                // "Secretary of State Ana Ruiz": the body the title is of is part of it.
                let body = self.title_body(words, w, last);
                name_first += body;
                w += body;
            } else {
                if role {
                    name_first = w + 1;
                }
                w += 1;
            }
        }
        // "Garman's": the possessive ending is not part of the name.
        let last_text = words.text(last);
        let name_end = words.span(last).end - (last_text.len() - possessor(last_text).len());
        let span = Span::new(words.span(first).start, name_end);
        if name_first > last {
            // Only titles and roles: "the CEO".
            return Some(Mention {
                span,
                name: span,
                kind: MentionKind::Group,
                first,
                last,
            });
        }
        let name = Span::new(words.span(name_first).start, name_end);
        let organisation = (name_first..=last).any(|k| words.has(k, WordInfo::ORGANISATION))
            || (name_first == last && is_acronym(words.text(last)));
        Some(Mention {
            span,
            name,
            kind: if organisation {
                MentionKind::Organisation
            } else {
                MentionKind::Person
            },
            first,
            last,
        })
    }

    /// The speaker phrase that ends at word `end`, looking no further left than `floor`.
    pub(crate) fn mention_ending_at(
        &self,
        words: &Words,
        end: usize,
        floor: usize,
    ) -> Option<Mention> {
        if let Some(pronoun) = self.pronoun_at(words, end) {
            return Some(pronoun);
        }
        let sentence = words.sentence(end);
        let same = |w: usize| {
            w >= floor && words.sentence(w) == sentence && words.quote(w) == words.quote(end)
        };
        if self.is_name_word(words, end)
            || (self.title_at(words, end) > 0 && words.is_capitalised(end))
        {
            let mut first = end;
            while first > 0 && same(first - 1) {
                let w = first - 1;
                if self.is_name_word(words, w) || self.title_at(words, w) > 0 {
                    first = w;
                } else if w > 0 && same(w - 1) && self.joins_name(words, w) {
                    first = w - 1;
                } else {
                    break;
                }
            }
            // "the senator from Vermont", "a spokesman for Ana Ruiz": a role joined to the
            // name by a preposition is the speaker; the name only says whose role it is.
            if first >= 2 && same(first - 2) && !words.is_capitalised(first - 2) {
                if let Some(role) = self.role_joined(words, first, end, floor) {
                    return Some(role);
                }
            }
            return self.name_mention(words, first, end);
        }
        if words.has(end, WordInfo::PEOPLE) || words.has(end, WordInfo::ORGANISATION) {
            let mut first = end;
            let mut steps = 0;
            while first > 0 && same(first - 1) && steps < 5 {
                let w = first - 1;
                if words.kind(w) != TokenKind::Word || words.has(w, WordInfo::CUE_FORM) {
                    break;
                }
                first = w;
                steps += 1;
                if words.has(w, WordInfo::DETERMINER) {
                    break;
                }
                if words.has(w, WordInfo::FUNCTION) {
                    first = w + 1;
                    break;
                }
            }
            // "a spokesperson for the ministry": a role joined to its body.
            if first >= 2 && same(first - 2) {
                if let Some(role) = self.role_joined(words, first, end, floor) {
                    return Some(role);
                }
            }
            let span = words.span(first).hull(words.span(end));
            let kind = if words.has(end, WordInfo::ORGANISATION) {
                MentionKind::Organisation
            } else {
                MentionKind::Group
            };
            return Some(Mention {
                span,
                name: span,
                kind,
                first,
                last: end,
            });
        }
        None
    }

    /// How many words at `w`, right after a title, say what the title is of: `of` and one
    /// capitalised word, when a name word follows (`Secretary` `of State` `Ana Ruiz`), else 0.
    fn title_body(&self, words: &Words, w: usize, last: usize) -> usize {
        let named_after = w + 2 <= last
            && words.is(w, "of")
            && words.is_capitalised(w + 1)
            && words.sentence(w + 2) == words.sentence(w)
            && self.is_name_word(words, w + 2);
        if named_after {
            2
        } else {
            0
        }
    }

    /// A role ending two words before `first`, joined by a preposition to the phrase
    /// `first..=end` (`a spokesperson for` `the ministry`): the whole as one group mention.
    fn role_joined(
        &self,
        words: &Words,
        first: usize,
        end: usize,
        floor: usize,
    ) -> Option<Mention> {
        if !words.has(first - 1, WordInfo::PREPOSITION) {
            return None;
        }
        let role = self.mention_ending_at(words, first - 2, floor)?;
        (role.kind == MentionKind::Group).then(|| Mention {
            span: role.span.hull(words.span(end)),
            last: end,
            ..role
        })
    }

    /// The speaker phrase that starts at word `start`, looking no further right than `ceiling`.
    pub(crate) fn mention_starting_at(
        &self,
        words: &Words,
        start: usize,
        ceiling: usize,
    ) -> Option<Mention> {
        if start >= words.len() || start > ceiling {
            return None;
        }
        if let Some(pronoun) = self.pronoun_at(words, start) {
            return Some(pronoun);
        }
        let sentence = words.sentence(start);
        // The first word past both the ceiling and the last word, worked out once.
        let limit = ceiling.saturating_add(1).min(words.len());
        let same = |w: usize| w < limit && words.sentence(w) == sentence;
        // Determiners and lowercase roles may lead ("the company", "spokesman John Smith").
        let mut w = start;
        if words.has(w, WordInfo::DETERMINER) {
            w += 1;
        }
        // An age before the head: "81-year-old Ana Ruiz" (the hyphens are read below as a
        // compound modifier).
        if same(w) && words.kind(w) == TokenKind::Number && is_tight_hyphen(words, w + 1) {
            w += 1;
        }
        let mut last = None;
        let mut saw_name = false;
        while same(w) {
            let title = self.title_at(words, w);
            let lower = words.lower(w);
            if title > 0 {
                w += title;
                w += self.title_body(words, w, ceiling);
                last = Some(w - 1);
            } else if let Some(role) =
                (last.is_some() && words.kind(w) == TokenKind::Word && !words.is_capitalised(w))
                    .then(|| self.role_ahead(words, w, &same))
                    .flatten()
            {
                // lowercase words before a role: "Ruiz campaign manager Tomas Kell"
                w = role + self.title_at(words, role).max(1);
                last = Some(w - 1);
            } else if self.is_name_word(words, w)
                || (words.is_capitalised(w)
                    && w == start
                    && !words.has(w, WordInfo::FUNCTION)
                    && !words.has(w, WordInfo::ACCORDING_HEAD))
            {
                saw_name = true;
                last = Some(w);
                w += 1;
            } else if saw_name
                && is_tight_hyphen(words, w)
                && same(w + 1)
                && words.is_capitalised(w + 1)
            {
                // "Lopez-Cantera"
                w += 1;
            } else if words.text(w) == "-"
                && w > start
                && same(w + 1)
                && words.kind(w + 1) == TokenKind::Word
                && !words.is_capitalised(w + 1)
            {
                // a compound modifier: "Florida-based strategist"
                w += 2;
            } else if words.has(w, WordInfo::PEOPLE)
                && same(w + 1)
                && (self.is_name_word(words, w + 1) || self.title_at(words, w + 1) > 0)
            {
                // a role before a name: "strategist Al Cardenas"
                w += 1;
                last = Some(w - 1);
            } else if words.text(w) == "." && w > start && is_initial(words.text(w - 1)) {
                last = Some(w);
                w += 1;
            } else if saw_name
                && NAME_LINKS.contains(&lower)
                && same(w + 1)
                && self.is_name_word(words, w + 1)
            {
                w += 1;
            } else if !saw_name
                && (words.has(w, WordInfo::PEOPLE) || words.has(w, WordInfo::ORGANISATION))
            {
                last = Some(w);
                w += 1;
            } else if !saw_name
                && last.is_none()
                && words.kind(w) == TokenKind::Word
                && w - start < 3
                && !words.has(w, WordInfo::FUNCTION)
                && !words.has(w, WordInfo::CUE_FORM)
            {
                // an adjective or noun modifier before the head: "the Danish health ministry"
                w += 1;
            } else {
                break;
            }
        }
        let last = last?;
        if saw_name {
            let first = if words.has(start, WordInfo::DETERMINER) {
                start + 1
            } else {
                start
            };
            let mut mention = self.name_mention(words, first, last)?;
            if first != start {
                mention.span = words.span(start).hull(mention.span);
                mention.first = start;
            }
            return Some(mention);
        }
        if !(words.has(last, WordInfo::PEOPLE)
            || words.has(last, WordInfo::ORGANISATION)
            || words.has(last, WordInfo::LISTED_TITLE))
        {
            return None;
        }
        let span = words.span(start).hull(words.span(last));
        let organisation = words.has(last, WordInfo::ORGANISATION);
        // "die Lohmann AG": where nouns are capitalised, a determiner may lead a name that
        // holds a word no list knows; the name is what follows the determiner.
        let name = match (start + 1..last).find(|&k| self.proper_word(words, k)) {
            Some(_)
                if organisation
                    && self.capitalised_nouns
                    && words.has(start, WordInfo::DETERMINER) =>
            {
                words.span(start + 1).hull(words.span(last))
            }
            _ => span,
        };
        Some(Mention {
            span,
            name,
            kind: if organisation {
                MentionKind::Organisation
            } else {
                MentionKind::Group
            },
            first: start,
            last,
        })
    }

    /// The first of the (at most three) words from `w` that is a title or a people noun,
    /// when each word before it is a lowercase word, no function word or cue, that does not
    /// end in `ed` and is in the phrase (`same`): no verb among them (`Ruiz urged voters` is
    /// a subject and its verb).
    ///
    /// A plain loop: as an iterator chain (`take_while`, then `find`) each word cost a call.
    fn role_ahead(&self, words: &Words, w: usize, same: &impl Fn(usize) -> bool) -> Option<usize> {
        for k in w..=w + 2 {
            let modifier = same(k)
                && words.kind(k) == TokenKind::Word
                && !words.is_capitalised(k)
                && !words
                    .info(k)
                    .is_any(WordInfo::FUNCTION | WordInfo::CUE_FORM)
                && !words.lower(k).ends_with("ed");
            if !modifier {
                return None;
            }
            if self.title_at(words, k) > 0 || words.has(k, WordInfo::PEOPLE) {
                return Some(k);
            }
        }
        None
    }

    /// A capitalised word no list knows: part of a proper name.
    fn proper_word(&self, words: &Words, w: usize) -> bool {
        words.is_capitalised(w)
            && !words.has(w, WordInfo::FUNCTION)
            && !words.has(w, WordInfo::PEOPLE)
            && !words.has(w, WordInfo::ORGANISATION)
            && !words.has(w, WordInfo::TITLE)
    }
}

/// `AWS`, `FBI`: two or more capitals and nothing else.
/// `word` without its possessive ending (`Garman's`, `Sanders’` → `Garman`, `Sanders`), or
/// the whole word when it has none.
pub(crate) fn possessor(word: &str) -> &str {
    // Every ending ends in `s`, `'` or the last byte of `’`: most words end in none.
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending).filter(|head| !head.is_empty()))
        .unwrap_or(word)
}

pub(crate) fn is_acronym(word: &str) -> bool {
    // One pass that stops at the first other character: most words asked about are names
    // ("Garman"), settled by their second letter, where counting first read them whole.
    let mut count = 0;
    for c in word.chars() {
        if !(c.is_uppercase() || c == '.' || c == '&') {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// A hyphen with no space on either side, joining two words.
pub(crate) fn is_tight_hyphen(words: &Words, w: usize) -> bool {
    w > 0
        && w + 1 < words.len()
        && words.text(w) == "-"
        && words.span(w - 1).end == words.span(w).start
        && words.span(w).end == words.span(w + 1).start
}

/// A single capital letter: an initial before its full stop.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// The part of a lowercase word a subject pronoun is looked up by: all of it, or what comes
/// before an apostrophe ("he's", "she’d": the pronoun is the part before it).
pub(crate) fn pronoun_head(lower: &str) -> &str {
    match lower.find(['\'', '’']) {
        Some(k) => &lower[..k],
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_acronym, possessor};
    use proptest::prelude::*;

    /// The definition `is_acronym` used to spell out: two or more characters, all capitals,
    /// dots or ampersands.
    fn is_acronym_by_definition(word: &str) -> bool {
        word.chars().count() >= 2
            && word
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&')
    }

    #[test]
    fn is_acronym_cases() {
        for (word, want) in [
            ("AWS", true),
            ("U.S.", true),
            ("AT&T", true),
            ("A", false),
            ("", false),
            ("Garman", false),
            ("ÉÜ", true),
            ("AWS's", false),
        ] {
            assert_eq!(is_acronym(word), want, "{word}");
        }
    }

    proptest! {
        #[test]
        fn is_acronym_matches_its_definition(word in "[A-Za-z.&'É é]{0,6}") {
            prop_assert_eq!(is_acronym(&word), is_acronym_by_definition(&word));
        }
    }

    proptest! {
        #[test]
        fn possessor_matches_stripping_each_ending(word in "[as'’é ]{0,6}") {
            let by_endings = ["'s", "’s", "'", "’"]
                .iter()
                .find_map(|ending| word.strip_suffix(ending).filter(|head| !head.is_empty()))
                .unwrap_or(&word);
            prop_assert_eq!(possessor(&word), by_endings);
        }
    }

    #[test]
    fn possessor_drops_the_possessive_ending() {
        for (word, want) in [
            ("Garman's", "Garman"),
            ("Garman’s", "Garman"),
            ("Sanders'", "Sanders"),
            ("Sanders’", "Sanders"),
            ("Garman", "Garman"),
            ("'s", "'s"),
            ("’", "’"),
        ] {
            assert_eq!(possessor(word), want, "{word}");
        }
    }
}
