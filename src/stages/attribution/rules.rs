//! The attribution rules, tried in a fixed order: direct quotes first (attribution after,
//! around, then before the quote), then quotes that inherit a speaker, then reported speech
//! on the cues no quote used, then quotes nobody is named for.

use super::mentions::{is_tight_hyphen, possessor, Mention, MentionKind};
use super::resolve::{self, Event};
use super::vocab::WordInfo;
use super::words::Words;
use super::{Attribution as Stage, Cue, Lexicon};
use crate::doc::{Attribution, Doc, Quote, Span, TokenKind};
use std::collections::BTreeMap;

/// Nouns that name a stance in `X's position is that …`.
const STANCE_NOUNS: &[&str] = &[
    "position",
    "view",
    "argument",
    "belief",
    "contention",
    "claim",
    "assessment",
    "message",
    "point",
    "conclusion",
    "stance",
    "case",
    "thesis",
    "answer",
    "response",
    "explanation",
];

/// Confidence of each rule: the share of its claims that were right, measured on the
/// PolNeAR train split (840 articles, all attribution kinds, a gold attribution matched
/// when a claim covers over 30% of it). For a rule with a speaker, "right" means the claim
/// matched and its speaker span overlaps the gold source; for quotes with no speaker of their
/// own, that the quote matched. Rules with fewer than 20 matches there keep a prior of 0.7.
/// Re-measure with `scripts/rule_confidence.sh` after changing a rule: it prints this table
/// from the breakdown of `claimsift eval`.
fn confidence(rule: &str) -> f32 {
    match rule {
        "quote-cue-speaker" => 0.96,
        "quote-split" | "quote-speaker-cue" => 0.95,
        "speaker-cue-quote" => 0.92,
        "according-to-first" => 0.91,
        "speaker-cue-that" | "content-aside-cue" => 0.90,
        "according-to-last" => 0.89,
        "speaker-cue-clause" => 0.88,
        "speaker-names-quote" | "speaker-cue-mixed" => 0.85,
        "content-speaker-cue" => 0.81,
        "speaker-cue-to" => 0.79,
        "colon-line-quote" => 0.77,
        "quote-speaker-verb" => 0.76,
        "quote-unattributed" => 0.65,
        "subject-verb-quote" => 0.62,
        "floating-quote" => 0.60,
        "content-cue-speaker" => 0.52,
        _ => 0.7,
    }
}

/// An attribution being built, with what resolution needs.
struct Found {
    attribution: Attribution,
    mention: Option<Mention>,
    /// For a floating quote: the attribution whose speaker it inherits.
    inherits: Option<usize>,
}

struct Ctx<'a, 'd> {
    lex: &'a Lexicon,
    words: &'a Words<'d>,
    /// Paragraphs that are headings, datelines or bylines.
    skip: Vec<bool>,
    /// Words already used as a cue or speaker.
    used: Vec<bool>,
    /// For each word used as a cue, the speaker of its attribution, by word. A map, not a
    /// slot per word: an article has a handful of cues, and 56 bytes for every word was
    /// the largest block of a long article (1.4 MB for 140 KB of text).
    cue_speaker: BTreeMap<usize, Mention>,
    /// Each word's cue, whether used or not: worked out once, read by every rule.
    cues: Vec<Option<Cue>>,
    /// The words with a cue, in order, so a rule asking "is there a cue between these
    /// words?" reads only the cues, not every word between (linear on cue-free text).
    cue_words: Vec<usize>,
    /// Each word's first and last word of its sentence, worked out once: walking to them
    /// for every quote was quadratic in a sentence of many quotes.
    sentence_firsts: Vec<usize>,
    sentence_lasts: Vec<usize>,
    /// For each word, the first word at or after it where a content clause may stop (see
    /// `clause_stop_at`), or the word count: content then reads no word twice, where walking
    /// each clause word by word was quadratic in a long sentence of many cues.
    clause_stops: Vec<usize>,
}

impl<'a, 'd> Ctx<'a, 'd> {
    fn new(lex: &'a Lexicon, words: &'a Words<'d>, skip: Vec<bool>) -> Ctx<'a, 'd> {
        let cues: Vec<Option<Cue>> = (0..words.len())
            // Most words are no cue by the lists: they are passed over here, without the call.
            .map(|w| words.info(w).cue.and_then(|_| lexical_cue(lex, words, w)))
            .collect();
        let cue_words = (0..words.len()).filter(|&w| cues[w].is_some()).collect();
        let n = words.len();
        let same = |a: usize, b: usize| words.sentence(a) == words.sentence(b);
        let mut sentence_firsts = vec![0; n];
        for w in 1..n {
            sentence_firsts[w] = if same(w - 1, w) {
                sentence_firsts[w - 1]
            } else {
                w
            };
        }
        let mut sentence_lasts = vec![n.saturating_sub(1); n];
        for w in (0..n.saturating_sub(1)).rev() {
            sentence_lasts[w] = if same(w, w + 1) {
                sentence_lasts[w + 1]
            } else {
                w
            };
        }
        let mut clause_stops = vec![n; n + 1];
        for w in (0..n).rev() {
            // Only `;`, `,` and `and` can stop a clause: every other word is passed over
            // without the call (this runs for every word).
            let may_stop = matches!(words.lower(w), ";" | "," | "and");
            clause_stops[w] = if may_stop && clause_stop_at(lex, words, &cues, w).is_some() {
                w
            } else {
                clause_stops[w + 1]
            };
        }
        Ctx {
            lex,
            words,
            skip,
            used: vec![false; words.len()],
            cue_speaker: BTreeMap::new(),
            cues,
            cue_words,
            sentence_firsts,
            sentence_lasts,
            clause_stops,
        }
    }
}

impl Ctx<'_, '_> {
    /// The cue word `w` is, unless it is already used.
    fn cue(&self, w: usize) -> Option<Cue> {
        if self.used[w] {
            None
        } else {
            self.cues[w]
        }
    }

    /// The unused cue words in `range`, in order.
    fn cues_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let from = self.cue_words.partition_point(|&w| w < range.start);
        self.cue_words[from..]
            .iter()
            .copied()
            .take_while(move |&w| w < range.end)
            .filter(|&w| !self.used[w])
    }
}

/// The cue word `w` is by the word lists, used or not.
fn lexical_cue(lex: &Lexicon, words: &Words, w: usize) -> Option<Cue> {
    // Most words are no cue by the lists, and every test below only takes a cue away: they
    // are asked of the few that are (asked of every word, they cost more than the rules).
    words.info(w).cue?;
    if words.kind(w) != TokenKind::Word || words.quote(w).is_some() {
        return None;
    }
    // A capitalised cue only opens a sentence ("Said Garman: …").
    if words.is_capitalised(w) && w > 0 && words.sentence(w - 1) == words.sentence(w) {
        return None;
    }
    // "the claim", "a statement": after a determiner the word is a noun, not a verb of
    // speech.
    if w > 0
        && words.sentence(w - 1) == words.sentence(w)
        && words.has(w - 1, WordInfo::NOUN_MARKER)
    {
        return None;
    }
    // "Clinton's remarks", "Ruiz's stock answer": after a possessive, the word is a noun,
    // and no report unless `that` follows (`Ruiz's claim that …`); a past form may follow
    // a contracted `has` (`Ruiz's said`), any form a pronoun's (`He's predicting`).
    let possessive = |k: usize| {
        let lower = words.lower(k);
        let head = possessor(lower);
        words.sentence(k) == words.sentence(w)
            && words.is_capitalised(k)
            && head.len() < lower.len()
            && !lex.pronouns.contains_key(head)
    };
    let lower = words.lower(w);
    let past = lower.ends_with("ed") || lower.ends_with('d') || lower.ends_with('n');
    let after_possessive = w > 0
        && !past
        && (possessive(w - 1)
            || (w > 1
                && possessive(w - 2)
                && !words.is_capitalised(w - 1)
                && !words.has(w - 1, WordInfo::FUNCTION)))
        && !(w + 1 < words.len() && lex.complementisers.contains(words.lower(w + 1)));
    if after_possessive {
        return None;
    }
    words.info(w).cue
}

impl Ctx<'_, '_> {
    /// True when the cue is negated (`did not say`) or not a report at all: a modal or `to`
    /// before a base form (`will add`, `wants to say`) speaks of what has not been said.
    fn negated(&self, cue: usize) -> bool {
        if self.passive(cue) {
            return true;
        }
        // "sagte nicht": where the verb comes second, the negation follows it.
        if self.lex.verb_second
            && cue + 1 < self.words.len()
            && self.lex.negations.contains(self.words.lower(cue + 1))
        {
            return true;
        }
        if cue > 0 && self.words.sentence(cue - 1) == self.words.sentence(cue) {
            let before = self.words.lower(cue - 1);
            if matches!(
                before,
                "will"
                    | "would"
                    | "could"
                    | "should"
                    | "might"
                    | "may"
                    | "can"
                    | "must"
                    | "to"
                    | "shall"
            ) {
                // "went on to say" reports what was said
                let went_on = before == "to"
                    && cue >= 3
                    && self.words.is(cue - 2, "on")
                    && matches!(self.words.lower(cue - 3), "went" | "goes" | "go");
                return !went_on;
            }
        }
        self.negated_by_not(cue)
    }

    /// `will be dubbed`, `was called by`, `after being asked`, `so called`: a past form
    /// after `be` or `so` reports nothing of the subject's (`is quoted as saying` is read
    /// by the speaker rules, and the cue after it is what reports).
    fn passive(&self, cue: usize) -> bool {
        let words = self.words;
        let lower = words.lower(cue);
        if cue == 0
            || words.sentence(cue - 1) != words.sentence(cue)
            || !(lower.ends_with("ed") || lower.ends_with('d') || lower.ends_with('n'))
        {
            return false;
        }
        let before = words.lower(cue - 1);
        let be = matches!(
            before,
            "be" | "been" | "being" | "is" | "was" | "are" | "were"
        );
        let quoted_as = lower == "quoted" && words.is(cue + 1, "as");
        (be && !quoted_as) || before == "so"
    }

    fn negated_by_not(&self, cue: usize) -> bool {
        let words = self.words;
        let mut w = cue;
        for _ in 0..4 {
            if w == 0 || words.sentence(w - 1) != words.sentence(cue) {
                return false;
            }
            w -= 1;
            let lower = words.lower(w);
            if self.lex.negations.contains(lower)
                || lower.ends_with("n't")
                || lower.ends_with("n’t")
            {
                return true;
            }
            if !self.lex.between_speaker_and_cue.contains(lower)
                && !matches!(
                    lower,
                    "did" | "does" | "do" | "could" | "would" | "will" | "can" | "should" | "might"
                )
            {
                return false;
            }
        }
        false
    }

    /// A speaker before the cue at `cue`: skips auxiliaries, adverbs and one appositive.
    fn speaker_before(&self, cue: usize, floor: usize, loose: bool) -> Option<Mention> {
        let words = self.words;
        let sentence = words.sentence(cue);
        let mut k = cue.checked_sub(1)?;
        loop {
            while k > floor
                && (self.lex.between_speaker_and_cue.contains(words.lower(k)) || self.adverb(k))
                && !self.is_pronoun_like(k)
            {
                k -= 1;
            }
            // a time between the speaker and the cue: `Kell on Tuesday said`
            let time = (k > floor)
                .then(|| k.saturating_sub(1).max(floor + 1)..=k)
                .and_then(|mut from| from.find(|&j| time_phrase_at(self, j) == k + 1 - j));
            match time {
                Some(j) => k = j - 1,
                None => break,
            }
        }
        // "X is quoted as saying"
        if k >= floor + 2
            && words.is(k, "as")
            && words.is(k - 1, "quoted")
            && matches!(words.lower(k - 2), "is" | "was" | "were" | "are" | "been")
        {
            k -= 3;
            while k > floor
                && self.lex.between_speaker_and_cue.contains(words.lower(k))
                && !self.is_pronoun_like(k)
            {
                k -= 1;
            }
        }
        // "She went on to say"
        if k >= floor + 2
            && words.is(k, "to")
            && words.is(k - 1, "on")
            && matches!(words.lower(k - 2), "went" | "goes" | "go" | "going")
        {
            k -= 3;
            while k > floor
                && self.lex.between_speaker_and_cue.contains(words.lower(k))
                && !self.is_pronoun_like(k)
            {
                k -= 1;
            }
        }
        // A participle goes on with the speech before it: `Adding, "…"` opening a sentence
        // continues the sentence before; `"Morning Joe," adding` (the comma inside a
        // quote) and `said before adding` continue their own sentence.
        let participle = words.lower(cue).ends_with("ing");
        if participle && cue == floor && floor > 0 {
            let before = floor - 1;
            if words.paragraph(before) == words.paragraph(cue) {
                return self.earlier_speaker(self.sentence_first(before), floor);
            }
        }
        let after_quoted_comma = k > floor && words.quote(k).is_some() && words.text(k - 1) == ",";
        let after_link = matches!(
            words.lower(k),
            "before" | "after" | "while" | "then" | "by" | "when" | "without"
        );
        if participle && k + 1 == cue && k >= floor && (after_quoted_comma || after_link) {
            return self
                .earlier_speaker(floor, k)
                .or_else(|| self.subject_of(floor, k));
        }
        if k < floor || words.sentence(k) != sentence || words.quote(k).is_some() {
            return None;
        }
        // "Sen. Ada Vance (Ore.) has said": a bracketed aside.
        if words.text(k) == ")" {
            let open = (floor..k).rev().take(8).find(|&j| words.text(j) == "(")?;
            k = open.checked_sub(1)?;
            if k < floor {
                return None;
            }
        }
        // "Ortiz paused for a second and said", "declined to comment but said": a second
        // verb shares the subject.
        if (words.is(k, "and") || words.is(k, "but"))
            && (k + 1..cue).all(|j| self.lex.between_speaker_and_cue.contains(words.lower(j)))
        {
            // (`with Trump tweeting that … and asking`: a participle goes on with the
            // attribution before it first.)
            if words.lower(cue).ends_with("ing") {
                if let Some(m) = self.earlier_speaker(floor, k) {
                    return Some(m);
                }
            }
            return self
                .subject_of(floor, k)
                .or_else(|| self.earlier_speaker(floor, k));
        }
        // "Trump went on the attack, saying, …": a participle after a comma has the
        // sentence's subject for its speaker.
        if k + 1 == cue && words.text(k) == "," && words.lower(cue).ends_with("ing") {
            // `…, Spicer said, adding`, `…, said Spicer, adding`: the attribution right
            // before the comma, which the rules after this one have not taken yet.
            // Only a person, an organisation or a pronoun, and an inverted cue only where it
            // opens its clause (`tells Breitbart News, responding` names no speaker).
            let someone = |m: &Mention| {
                matches!(
                    m.kind,
                    MentionKind::Person | MentionKind::Organisation | MentionKind::Pronoun(_)
                )
            };
            if k > floor {
                let before = k - 1;
                // the attribution already found there (`"…," Fiorina said, adding`)
                if let Some(&m) = self.cue_speaker.get(&before) {
                    return Some(m);
                }
                // the speaker of that cue opens its clause (not `recites the campaign points`)
                let subject = |m: &Mention| {
                    m.first == floor
                        || words.kind(m.first - 1) == TokenKind::Punct
                        || words.has(m.first - 1, WordInfo::FUNCTION)
                };
                if self.cues[before].is_some_and(|c| !c.after) {
                    if let Some(m) = self
                        .speaker_before(before, floor, false)
                        .filter(|m| someone(m) && subject(m))
                    {
                        return Some(m);
                    }
                }
                if let Some(m) = self.lex.mention_ending_at(words, before, floor) {
                    let opens_clause = |c: usize| {
                        c == floor || words.text(c - 1) == "," || words.quote(c - 1).is_some()
                    };
                    if m.first > floor
                        && self.cues[m.first - 1].is_some()
                        && opens_clause(m.first - 1)
                        && someone(&m)
                        && self.acceptable(&m)
                    {
                        return Some(m);
                    }
                }
            }
            return self
                .subject_of(floor, k)
                .or_else(|| self.earlier_speaker(floor, k));
        }
        if words.text(k) == "," {
            // "Gov. Ada Vance (R-Ore.), said": a bracketed party and state before the comma.
            if k > floor + 1 && words.text(k - 1) == ")" {
                let open = (floor..k - 1).rev().take(8).find(|&j| words.text(j) == "(");
                if let Some(m) = open
                    .and_then(|o| o.checked_sub(1))
                    .filter(|&e| e >= floor)
                    .and_then(|e| self.lex.mention_ending_at(words, e, floor))
                {
                    let opens = m.first == floor || words.kind(m.first - 1) == TokenKind::Punct;
                    if m.kind == MentionKind::Person && opens && self.acceptable(&m) {
                        return Some(m);
                    }
                }
            }
            // "His press secretary, Lena Dahl, suggested": a name inside the commas.
            if let Some(inner) = k
                .checked_sub(1)
                .and_then(|e| self.lex.mention_ending_at(words, e, floor))
            {
                // (`Elizabeth, Colorado, slammed`: after a capitalised word, a place, unless
                // it opens with a given name: `the League, Jonathan Greenblatt, warned`.)
                let place = inner.first > floor + 1
                    && words.is_capitalised(inner.first - 2)
                    && !self.lex.given_names.contains_key(words.lower(inner.first));
                if inner.kind == MentionKind::Person
                    && inner.first > floor
                    && words.text(inner.first - 1) == ","
                    && !place
                    && self.acceptable(&inner)
                {
                    return Some(inner);
                }
            }
            // "Hugh Hill, a doctor at the clinic, said", "Michael Seaman, who lives near
            // the capital, Sacramento, said": the speaker is the name before one of the
            // commas of the aside.
            let mut j = k;
            let limit = k.saturating_sub(45).max(floor);
            while j > limit {
                j -= 1;
                if words.sentence(j) != sentence || words.quote(j).is_some() {
                    return None;
                }
                if words.text(j) == "," && j > floor {
                    // "Sen. Marta K. Osei (D-Vt.), noting …, said"
                    let mut end = j - 1;
                    if words.text(end) == ")" {
                        match (floor..end).rev().take(8).find(|&o| words.text(o) == "(") {
                            Some(open) if open > floor => end = open - 1,
                            _ => continue,
                        }
                    }
                    if let Some(mention) = self.lex.mention_ending_at(words, end, floor) {
                        // A name, or a phrase opening the sentence ("The lawmaker, who …,").
                        let named = matches!(
                            mention.kind,
                            MentionKind::Person | MentionKind::Organisation
                        ) || (mention.kind == MentionKind::Group
                            && mention.first == floor);
                        // The name must open the clause: nothing but openers before it
                        // (a name after a preposition is a place: `of Flint, Mich.,`).
                        let opens = mention.first == floor
                            || words.kind(mention.first - 1) == TokenKind::Punct
                            || (self
                                .lex
                                .function_words
                                .contains(words.lower(mention.first - 1))
                                && !words.has(mention.first - 1, WordInfo::PREPOSITION));
                        if named && opens && self.acceptable(&mention) {
                            return Some(mention);
                        }
                    }
                }
            }
            return None;
        }
        if let Some(mention) = self.lex.mention_ending_at(words, k, floor) {
            // "an email to supporters stating", "a source speaking to Fox News said": a
            // phrase after a preposition is an object; the sentence's subject speaks.
            // (`with Gorka noting`, `one of her ads asking` and `Trump's claim` are not.)
            let last = words.text(mention.last);
            let possessive = possessor(last).len() < last.len();
            if mention.first > floor
                && !possessive
                && matches!(
                    words.lower(mention.first - 1),
                    "to" | "on" | "at" | "for" | "from" | "in"
                )
            {
                // (`Analysts at Barlow Capital think`: a name joined right to the subject
                // says whose it is, and keeps the name.)
                if let Some(subject) = self
                    .subject_of(floor, mention.first - 1)
                    .filter(|subject| subject.last + 2 != mention.first)
                {
                    return Some(subject);
                }
            }
            // "The campaign issued a statement saying": the document's issuer speaks.
            let issued = mention.kind == MentionKind::Group
                && mention.first > floor
                && ISSUING_VERBS.contains(&words.lower(mention.first - 1));
            if issued {
                if let Some(issuer) = self.subject_of(floor, mention.first - 1) {
                    return Some(issuer);
                }
            }
            return self.acceptable(&mention).then_some(mention);
        }
        // "The radioman pointed out": a short phrase opening the sentence with a determiner.
        let first = floor;
        let short_phrase = loose
            && k >= first
            && k - first < 4
            && matches!(words.lower(first), "the" | "a" | "an" | "one" | "another")
            && (first..=k).all(|w| {
                words.kind(w) == TokenKind::Word && self.cue(w).is_none() && !self.used[w]
            });
        if short_phrase {
            return Some(group_mention(words, first, k));
        }
        None
    }

    /// Where the verb comes second (`verb_second`), the subject right after the cue at `c`
    /// (`Am Montag sagte Merkel, …`, `teilte das Ministerium mit, dass …`): a name, pronoun
    /// or speaker noun phrase closed by a comma, a particle or the clause end.
    fn speaker_after(&self, c: usize, last: usize) -> Option<Mention> {
        let words = self.words;
        if !self.lex.verb_second || c >= last {
            return None;
        }
        let mention = self.lex.mention_starting_at(words, c + 1, last)?;
        let next = self.past_particle(mention.last + 1);
        let closed = next > last
            || matches!(words.text(next), "," | ":" | "." | "!" | "?")
            || self.lex.negations.contains(words.lower(next))
            || self.lex.complementisers.contains(words.lower(next));
        let speaks = !matches!(mention.kind, MentionKind::FirstPerson);
        (closed && speaks && self.acceptable(&mention)).then_some(mention)
    }

    /// Word `w`, or the word after it when `w` is a separable-verb particle (`hinzu`).
    fn past_particle(&self, w: usize) -> usize {
        if w < self.words.len() && self.lex.particles.contains(self.words.lower(w)) {
            w + 1
        } else {
            w
        }
    }

    /// The subject opening the sentence that starts at `first`, when it is a name or a
    /// third-person pronoun ending before `before`.
    fn subject_of(&self, first: usize, before: usize) -> Option<Mention> {
        let start = self.subject_start(first, before)?;
        let mention = self.lex.mention_starting_at(self.words, start, before)?;
        // A noun for people may be the subject too (`Attorneys for Clinton`, `A spokesman`).
        let fits = matches!(
            mention.kind,
            MentionKind::Person | MentionKind::Organisation | MentionKind::Pronoun(_)
        ) || (mention.kind == MentionKind::Group
            && self.words.has(mention.last, WordInfo::PEOPLE));
        (fits && self.acceptable(&mention)).then_some(mention)
    }

    /// Where the subject of the sentence opening at `first` starts, before `before`: past
    /// openers (`But`, `Still,`), a dateline (`WASHINGTON —`) and a leading phrase closed by
    /// a comma that sets time, place or circumstance (`On Sunday,`, `Hours later,`,
    /// `Speaking at the rally,`).
    fn subject_start(&self, first: usize, before: usize) -> Option<usize> {
        let words = self.words;
        let mut start = first;
        while start < before
            && matches!(
                words.lower(start),
                "but"
                    | "and"
                    | "so"
                    | "then"
                    | "yet"
                    | "still"
                    | "meanwhile"
                    | "later"
                    | "however"
                    | "also"
            )
        {
            start += 1;
            if start < before && words.text(start) == "," {
                start += 1;
            }
        }
        if let Some(after) = self.dateline_end(start, before) {
            start = after;
        }
        // "As Ruiz put it, …", "As Ruiz noted, …": the name after `as` is the subject of
        // its clause, which ends in `it` or a cue (`As Trump attacked Clinton, the crowd
        // chanted` has a subject of its own after the comma).
        if words.is(start, "as") && start + 1 < before && words.is_capitalised(start + 1) {
            let comma = (start + 1..before).find(|&k| words.text(k) == ",");
            let put_it = (start + 2..before)
                .any(|k| words.is(k, "it") && matches!(words.text(k + 1), "," | ":"));
            let speaks =
                put_it || comma.is_none_or(|c| c > start + 2 && self.cues[c - 1].is_some());
            if speaks {
                return Some(start + 1);
            }
        }
        // A sentence may open with a comma (text cut mid-sentence): it opens no phrase, and
        // the comma that closes one is looked for after it.
        while start < before && words.text(start) == "," {
            start += 1;
        }
        let comma = (start + 1..before.min(start + 16)).find(|&k| words.text(k) == ",");
        if let Some(comma) = comma {
            let lower = words.lower(start);
            let last = words.lower(comma - 1);
            let circumstance = matches!(
                lower,
                "in" | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "last"
                    | "earlier"
                    | "later"
                    | "since"
                    | "following"
                    | "asked"
                    | "with"
                    | "from"
                    | "outside"
                    | "inside"
            ) || self.lex.time_words.contains(lower)
                // "While …,", "For …,", "Amid …,": a conjunction or preposition opening a
                // phrase, never a subject (determiners and pronouns may open one)
                || (self.lex.function_words.contains(lower)
                    && !self.lex.is_determiner(lower)
                    && !self.lex.pronouns.contains_key(lower))
                || matches!(
                    lower,
                    "amid" | "like" | "unlike" | "alongside" | "reached" | "as" | "here" | "there"
                )
                || (lower.ends_with("ly") && words.is_capitalised(start))
                || (lower.ends_with("ing") && words.is_capitalised(start) && comma > start + 1)
                || matches!(last, "later" | "ago" | "earlier");
            if circumstance && comma > start {
                start = comma + 1;
                // `In Salem, New Hampshire, Trump said`: a place after the place, set off by
                // commas, before a subject that is a name or a pronoun.
                let next = (start + 1..before.min(start + 4)).find(|&k| words.text(k) == ",");
                if let Some(next) = next {
                    // (a subject after a determiner only when the place ends with a time:
                    // `In Hudson, New Hampshire Monday, the crowd …`)
                    let dated = self.lex.time_words.contains(words.lower(next - 1));
                    let place = (start..next).all(|k| words.is_capitalised(k))
                        && words.is_capitalised(comma - 1)
                        && next + 1 < before
                        && (words.is_capitalised(next + 1)
                            || self.is_pronoun_like(next + 1)
                            || dated)
                        && (dated || !self.lex.is_determiner(words.lower(next + 1)));
                    if place {
                        start = next + 1;
                    }
                }
            }
        }
        // "When Trump later said …": a clause opened by a conjunction and no comma before
        // the cue has its own subject after the conjunction.
        let lower = words.lower(start);
        if start + 1 < before
            && words.is_capitalised(start)
            && words.has(start, WordInfo::FUNCTION)
            && !self.lex.is_determiner(lower)
            && !self.lex.pronouns.contains_key(lower)
            && words.is_capitalised(start + 1)
        {
            start += 1;
        }
        (start < before).then_some(start)
    }

    /// Where the text after a dateline opening at `start` begins (`WASHINGTON —`,
    /// `WASHINGTON, Dec. 8 (UPI) —`, `Washington (AFP) –`, `DECATUR, Ill. —`): a place in
    /// capitals or with an agency in brackets, then a date, up to a dash within ten words.
    fn dateline_end(&self, start: usize, before: usize) -> Option<usize> {
        let words = self.words;
        let capitals = |w: usize| {
            let text = words.text(w);
            text.len() > 1 && text.chars().all(|ch| !ch.is_lowercase()) && words.is_capitalised(w)
        };
        let dash = (start + 1..before.min(start + 10)).find(|&k| {
            matches!(words.text(k), "—" | "–" | "--")
                || (words.text(k) == "-" && !is_tight_hyphen(words, k))
        })?;
        let plain = (start..dash).all(|k| {
            matches!(words.text(k), "," | "." | "(" | ")")
                || words.kind(k) == TokenKind::Number
                || words.is_capitalised(k)
        });
        let agency = words.text(dash - 1) == ")" && (start..dash).any(capitals);
        (plain && (capitals(start) || agency)).then_some(dash + 1)
    }

    /// A manner adverb between a speaker and a cue (`Jones jokingly said`): a lowercase
    /// word in `-ly` that no determiner precedes (`the family said` keeps its noun).
    fn adverb(&self, w: usize) -> bool {
        let words = self.words;
        let lower = words.lower(w);
        lower.len() > 4
            && lower.ends_with("ly")
            && !words.is_capitalised(w)
            && words.kind(w) == TokenKind::Word
            && (w == 0 || !self.lex.is_determiner(words.lower(w - 1)))
    }

    fn is_pronoun_like(&self, w: usize) -> bool {
        self.lex.pronouns.contains_key(self.words.lower(w))
    }

    /// Whether a mention can be a speaker: never in a heading, never a bare title.
    fn acceptable(&self, mention: &Mention) -> bool {
        let words = self.words;
        !self.skip[words.paragraph(mention.first)]
            && (mention.first..=mention.last).all(|w| !self.used[w] && words.quote(w).is_none())
    }

    /// The last word of the sentence holding `w` (paragraph-bounded).
    fn sentence_last(&self, w: usize) -> usize {
        self.sentence_lasts[w]
    }

    fn sentence_first(&self, w: usize) -> usize {
        self.sentence_firsts[w]
    }

    fn mark_used(&mut self, mention: Option<&Mention>, cue: Option<(usize, usize)>) {
        if let Some(m) = mention {
            for w in m.first..=m.last {
                self.used[w] = true;
            }
        }
        if let Some((a, b)) = cue {
            for w in a..=b {
                self.used[w] = true;
                match mention {
                    Some(&m) => self.cue_speaker.insert(w, m),
                    None => self.cue_speaker.remove(&w),
                };
            }
        }
    }

    /// The speaker of the nearest attribution earlier in the sentence (`"…," Trump said,
    /// adding, "…"`): a participle that follows it continues the same speech.
    fn earlier_speaker(&self, floor: usize, before: usize) -> Option<Mention> {
        let nearest = self.cue_speaker.range(floor..before.max(floor)).next_back();
        nearest.map(|(_, &m)| m)
    }
}

/// Verbs whose object is a document that then speaks for its issuer (`issued a statement
/// saying`).
const ISSUING_VERBS: &[&str] = &["issued", "released", "sent", "posted", "published"];

/// How many words make a time phrase starting at word `k` (`Tuesday`, `on Tuesday`, `last
/// week`), or 0.
fn time_phrase_at(ctx: &Ctx, k: usize) -> usize {
    let words = ctx.words;
    if k >= words.len() || words.quote(k).is_some() {
        return 0;
    }
    if ctx.lex.time_words.contains(words.lower(k)) {
        return 1;
    }
    let lead = matches!(words.lower(k), "on" | "last" | "this" | "early" | "late");
    if lead && k + 1 < words.len() && ctx.lex.time_words.contains(words.lower(k + 1)) {
        return 2;
    }
    0
}

/// Finds the document's attributions, in content order.
pub(super) fn attribute(stage: &Stage, doc: &Doc) -> Vec<Attribution> {
    let words = Words::new(doc, &stage.lexicon);
    if words.len() == 0 {
        return Vec::new();
    }
    let lex = &stage.lexicon;
    let skip = headings(&words, doc, stage.heading_max_words);
    let mut ctx = Ctx::new(lex, &words, skip);
    let mut found: Vec<Found> = Vec::new();
    let mut quote_done = vec![false; doc.quotes.len()];

    direct_quotes(&mut ctx, doc, &mut found, &mut quote_done);
    reported_speech(&mut ctx, doc, &mut found, &mut quote_done);
    cue_earlier_in_sentence(&mut ctx, doc, &mut found, &mut quote_done);
    floating_quotes(&mut ctx, doc, &mut found, &mut quote_done);
    unattributed_quotes(
        &ctx,
        doc,
        stage.unattributed_min_words,
        &mut found,
        &quote_done,
    );

    // Resolve speakers: names in the text and speaker mentions, in text order.
    let mut events = resolve::name_events(lex, &words, &ctx.skip);
    for (k, f) in found.iter().enumerate() {
        if let Some(mention) = f.mention {
            let cue = f.attribution.cue.map_or("", |c| c.of(doc.text()));
            events.push(Event {
                at: mention.span.start,
                mention: lex.agree_with_cue(mention, cue),
                attribution: Some(k),
            });
        }
    }
    let canonical = resolve::resolve(lex, &words, events, found.len());
    let mut out: Vec<Attribution> = Vec::with_capacity(found.len());
    for (k, f) in found.into_iter().enumerate() {
        let mut attribution = f.attribution;
        attribution.speaker_canonical = canonical[f.inherits.unwrap_or(k)].clone();
        out.push(attribution);
    }
    out.sort_by_key(|a| (a.hull().start, a.hull().end));
    out
}

/// Marks headings, datelines and bylines: paragraphs that hold no claim and give no speaker.
fn headings(words: &Words, doc: &Doc, max_words: usize) -> Vec<bool> {
    let text = doc.text();
    let mut counts = vec![0usize; doc.paragraphs.len()];
    let mut byline = vec![false; doc.paragraphs.len()];
    for w in 0..words.len() {
        let p = words.paragraph(w);
        if words.kind(w) == TokenKind::Word {
            counts[p] += 1;
            if words.has(w, WordInfo::BYLINE) && words.quote(w).is_none() {
                byline[p] = true;
            }
        }
    }
    doc.paragraphs
        .iter()
        .enumerate()
        .map(|(p, span)| {
            let body = span.of(text);
            let last = body.chars().next_back().unwrap_or('.');
            // A line that opens with a quotation is a quote, not a heading.
            let quoted = body.starts_with(['"', '“', '«', '„']) && quote_closed_in(doc, span);
            // A closing mark that reads as an opening one elsewhere (German „…“) ends a
            // paragraph too when it closes a quote there.
            let terminal = quoted
                || quote_closes_at(doc, span.end)
                || matches!(
                    last,
                    '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ':' | ')' | '»' | ';' | ','
                );
            (!terminal && counts[p] <= max_words) || (byline[p] && counts[p] <= 8 && !terminal)
        })
        .collect()
}

/// True when a closed quote ends at byte `end`.
fn quote_closes_at(doc: &Doc, end: usize) -> bool {
    let k = doc.quotes.partition_point(|q| q.span.end < end);
    doc.quotes
        .get(k)
        .is_some_and(|q| q.closed && q.span.end == end)
}

/// True when a closed quote lies in the paragraph.
fn quote_closed_in(doc: &Doc, paragraph: &Span) -> bool {
    let first = doc
        .quotes
        .partition_point(|q| q.span.start < paragraph.start);
    doc.quotes[first..]
        .iter()
        .take_while(|q| q.span.start < paragraph.end)
        .any(|q| q.closed)
}

/// Direct quotes attributed by a cue after, around or before them.
fn direct_quotes(ctx: &mut Ctx, doc: &Doc, found: &mut Vec<Found>, done: &mut [bool]) {
    let words = ctx.words;
    let mut q = 0;
    while q < doc.quotes.len() {
        let quote = &doc.quotes[q];
        let first = words.at_or_after(quote.span.start);
        if done[q] || quote.words == 0 || first >= words.len() || ctx.skip[words.paragraph(first)] {
            q += 1;
            continue;
        }
        // A quote inside reported speech ("Miller said the bill can be “the best of both
        // worlds,” giving …") is part of that claim, not a claim of its own.
        // A cue right after the quote still wins ("calling Trump “a buffoon,” Susan said").
        let sentence_start = ctx.sentence_first(first);
        let mut hit = after_quote(ctx, doc, q);
        if hit.is_none()
            && ctx
                .cues_in(sentence_start.max(first.saturating_sub(REPORT_REACH))..first)
                .any(|w| !ctx.negated(w))
            && !before_is_intro(words, first)
        {
            q += 1;
            continue;
        }
        let mut pieces = vec![quote.span];
        if let Some(h) = &hit {
            // `Prices are "too high," Dale said`: the quoted words finish a sentence the
            // speaker's paraphrase began, so the claim is the whole sentence up to them.
            let paraphrase = (h.3 != "quote-dash-speaker")
                .then(|| paraphrase_before(ctx, sentence_start, first))
                .flatten();
            if let Some(start) = paraphrase {
                pieces[0] = Span::new(words.span(start).start, quote.span.end);
            }
        } else {
            hit = before_quote(ctx, doc, q).or_else(|| cue_line_before(ctx, doc, q));
        }
        if let Some((mention, cue, end, rule)) = hit.as_mut() {
            // The quote goes on after its attribution: `"…," Garman said, "…"` (a split
            // quote), or `"…," Garman said. "…"` (the same speaker, nothing new between).
            // An attribution after the quote may run on ("said Robert Mason, a professor
            // who …"): the next quote may follow the end of its sentence.
            // A quote right after the attribution (`said, "…"`) is its second piece.
            // `Kell posted last March, "…"`, `he said Tuesday in Salem, "…"`, `she said of
            // the plan, "…"`: a short time, place or topic tail may sit between the cue and
            // the second piece.
            {
                let (mut t, mut n) = (*end + 1, 0);
                while t < words.len()
                    && n < 6
                    && words.kind(t) == TokenKind::Word
                    && words.quote(t).is_none()
                    && ctx.cue(t).is_none()
                {
                    t += 1;
                    n += 1;
                }
                if n > 0
                    && t + 1 < words.len()
                    && words.text(t) == ","
                    && words.quote(t + 1).is_some()
                    && *end > words.before(quote.span.end).unwrap_or(0)
                {
                    *end = t - 1;
                }
                // `"…," said Garman, a doctor at the clinic, "…"`: an appositive set off by
                // commas may stand between the speaker and the second piece.
                if *rule == "quote-cue-speaker" && words.text(*end + 1) == "," {
                    if let Some(comma) = appositive_before_quote(ctx, *end + 1) {
                        *end = comma - 1;
                    }
                }
            }
            // Where the claim has got to, read after the tail above so that a second
            // piece after the tail is found.
            let mut last = (*end).max(words.before(quote.span.end).unwrap_or(*end));
            let split_next = {
                let mut k = *end + 1;
                while k < words.len()
                    && words.kind(k) == TokenKind::Punct
                    && words.quote(k).is_none()
                {
                    k += 1;
                }
                k < words.len() && words.quote(k).is_some()
            };
            if *end > words.before(quote.span.end).unwrap_or(0) && !split_next {
                let sentence_end = ctx.sentence_last(*end);
                if (*end..=sentence_end).all(|w| words.paragraph(w) == words.paragraph(*end)) {
                    last = sentence_end;
                }
            }
            loop {
                let mut k = last + 1;
                let mut comma = false;
                while k < words.len()
                    && words.kind(k) == TokenKind::Punct
                    && words.quote(k).is_none()
                {
                    comma |= words.text(k) == ",";
                    k += 1;
                }
                let Some(next) = (k < words.len()).then(|| words.quote(k)).flatten() else {
                    break;
                };
                let next_quote = &doc.quotes[next];
                // A quote with an attribution of its own ("…," the editorial read) is not
                // the continuation of this one.
                if next <= q
                    || done[next]
                    || next_quote.span.start != words.span(k).start
                    || words.paragraph(k) != words.paragraph(last)
                    || after_quote(ctx, doc, next).is_some_and(|h| h.0.is_some())
                {
                    break;
                }
                if pieces.len() == 1
                    && comma
                    && *end > words.before(quote.span.end).unwrap_or(0)
                    && *rule != "speaker-cue-quote"
                {
                    *rule = "quote-split";
                }
                pieces.push(next_quote.span);
                done[next] = true;
                last = match words.before(next_quote.span.end) {
                    Some(w) => w,
                    None => break,
                };
            }
            let _ = mention;
            let _ = cue;
        }
        if let Some((mention, cue, _, rule)) = hit {
            done[q] = true;
            ctx.mark_used(mention.as_ref(), cue);
            found.push(Found {
                attribution: Attribution {
                    content: pieces,
                    speaker: mention.map(|m| m.span),
                    speaker_canonical: String::new(),
                    cue: cue.map(|(a, b)| words.span(a).hull(words.span(b))),
                    rule,
                    confidence: confidence(rule),
                },
                mention,
                inherits: None,
            });
        }
        q += 1;
    }
}

/// The longest paraphrase a quote may finish, in tokens.
const PARAPHRASE_MAX_WORDS: usize = 80;

/// Where a paraphrase opening the sentence before the quote at word `first` starts, when
/// there is one: at least two words of the sentence's own before the quote, none of them a
/// cue or inside another quote, and no colon or comma introducing the quote.
fn paraphrase_before(ctx: &Ctx, sentence_start: usize, first: usize) -> Option<usize> {
    let words = ctx.words;
    // (A "sentence" of thousands of words, text with no full stops, opens no paraphrase:
    // reading it again for every quote in it would be quadratic.)
    if before_is_intro(words, first)
        || first < sentence_start + 2
        || first > sentence_start + PARAPHRASE_MAX_WORDS
    {
        return None;
    }
    let mut start = sentence_start;
    // a paragraph-opening dash or bullet is not part of the sentence
    while start < first && words.kind(start) == TokenKind::Punct && words.quote(start).is_none() {
        start += 1;
    }
    // Another report opening the sentence (`he argued that "…"`) is that report's claim.
    let reported = |w: usize| {
        ctx.cues[w].is_some()
            && w + 1 < first
            && ctx.lex.complementisers.contains(words.lower(w + 1))
    };
    let plain = (start..first).all(|w| words.quote(w).is_none() && !reported(w));
    let count = (start..first)
        .filter(|&w| words.kind(w) != TokenKind::Punct)
        .count();
    (plain && count >= 2).then_some(start)
}

/// The comma closing an appositive that opens with the comma at `open` and is followed
/// right away by a quote in the same sentence (`, a doctor at the clinic, "…"`): at most
/// `APPOSITIVE_MAX_WORDS` words, none of them quoted or a cue.
fn appositive_before_quote(ctx: &Ctx, open: usize) -> Option<usize> {
    let words = ctx.words;
    let mut count = 0;
    let mut j = open + 1;
    while j + 1 < words.len() && words.sentence(j) == words.sentence(open) {
        if words.quote(j).is_some() || ctx.cue(j).is_some() {
            return None;
        }
        if words.text(j) == "," && words.quote(j + 1).is_some() {
            return (count > 0).then_some(j);
        }
        if words.kind(j) != TokenKind::Punct {
            count += 1;
            if count > APPOSITIVE_MAX_WORDS {
                return None;
            }
        }
        j += 1;
    }
    None
}

/// True when the words just before `first` introduce a quote: a colon or comma (`said: "…"`).
fn before_is_intro(words: &Words, first: usize) -> bool {
    first > 0 && matches!(words.text(first - 1), ":" | ",") && words.quote(first - 1).is_none()
}

type Hit = (Option<Mention>, Option<(usize, usize)>, usize, &'static str);

/// `"…," Garman said` / `"…," said Garman` / `"…" — Garman`.
fn after_quote(ctx: &Ctx, doc: &Doc, q: usize) -> Option<Hit> {
    let words = ctx.words;
    let quote = &doc.quotes[q];
    let mut w = words.at_or_after(quote.span.end);
    if w >= words.len() {
        return None;
    }
    let para = words.paragraph(w);
    let last_of_quote = words.before(quote.span.end)?;
    if words.paragraph(last_of_quote) != para {
        return None;
    }
    let same_sentence = words.sentence(w) == words.sentence(last_of_quote);
    if words.text(w) == "," {
        w += 1;
    }
    if w >= words.len() || words.paragraph(w) != para || words.quote(w).is_some() {
        return None;
    }
    // "— Matt Garman, AWS"
    if matches!(words.text(w), "—" | "–" | "-" | "--") && words.kind(w) == TokenKind::Punct {
        let mention = ctx
            .lex
            .mention_starting_at(words, w + 1, (w + 8).min(words.len() - 1))?;
        if matches!(
            mention.kind,
            MentionKind::Person | MentionKind::Organisation
        ) && ctx.acceptable(&mention)
        {
            return Some((
                Some(mention),
                Some((w, w)),
                mention.last,
                "quote-dash-speaker",
            ));
        }
        return None;
    }
    // Other attributions belong to the quote's sentence; a new sentence after a quote
    // ("… "caused death." Bernie Sanders called …") is someone else's. A question or
    // exclamation ends its sentence inside the marks, so a name after it may still be its
    // speaker (`"Why now?" Kell asked.`) when a cue follows within a few words.
    let asked = {
        let inner = quote.inner(doc.text()).of(doc.text()).trim_end();
        inner.ends_with(['?', '!'])
            && (w..(w + 6).min(words.len()))
                .take_while(|&k| words.sentence(k) == words.sentence(w))
                .any(|k| ctx.cue(k).is_some())
    };
    // `"…." said Garman.`, `"…." Jeffrey Lewis of the center wrote in December.`: a short
    // sentence of attribution alone right after the quote, its cue within a dozen words
    // and nothing after the cue but a few words of time or place.
    let trailer = || {
        let last = ctx.sentence_last(w);
        let cue = match ctx.cue(w) {
            Some(_) => Some(w),
            None => ctx
                .lex
                .mention_starting_at(words, w, last.min(w + 12))
                .and_then(|m| speaker_then_cue(ctx, m, para))
                .map(|hit| hit.2),
        };
        // After the cue: the speaker when it comes after, an aside, a time or a place, but
        // no second report (`when asked` is no report).
        // The speaker after the cue (`said X`) may take a dozen words; one before it leaves
        // only a few.
        let room = if cue == Some(w) { 12 } else { 6 };
        // `Lee said the plan works` reports something of its own; `Lee wrote in March`
        // does not.
        let bare = |c: usize| {
            c == w
                || c + 1 > last
                || words.kind(c + 1) == TokenKind::Punct
                || ctx.lex.prepositions.contains(words.lower(c + 1))
                || time_phrase_at(ctx, c + 1) > 0
                || ctx.adverb(c + 1)
        };
        cue.is_some_and(|c| {
            last <= c + room
                && bare(c)
                && (c + 1..=last).all(|k| {
                    words.quote(k).is_none()
                        && (ctx.cue(k).is_none()
                            || matches!(words.lower(k - 1), "when" | "as" | "if" | "after"))
                        && !ctx.lex.complementisers.contains(words.lower(k))
                })
        })
    };
    if !same_sentence && !asked && !trailer() {
        return None;
    }
    let ceiling = (w + 12).min(words.len() - 1);
    // "said Garman", "said one former staffer, who …": the speaker closes the clause.
    // A participle after the quote (`"corrupt," noting that …`) goes on with the speech
    // of the sentence's subject; what follows it is content, not a speaker.
    if ctx.cue(w).is_some() {
        if words.lower(w).ends_with("ing") {
            return None;
        }
        let closes = |mention: &Mention| {
            mention.last + 1 >= words.len()
                || words.paragraph(mention.last + 1) != para
                || words.kind(mention.last + 1) == TokenKind::Punct
                || words.quote(mention.last + 1).is_some()
                || ctx.lex.particles.contains(words.lower(mention.last + 1))
                || ctx
                    .lex
                    .after_speaker
                    .contains(words.lower(mention.last + 1))
        };
        // "said Ben Jacobs in The Guardian": a place or medium may follow; a longer phrase
        // ("said the shop owner known as Mo,") is taken by position.
        let mention = [
            ctx.lex.mention_starting_at(words, w + 1, ceiling),
            loose_phrase(ctx, w + 1, ceiling),
            role_phrase(ctx, w + 1, ceiling),
        ]
        .into_iter()
        .flatten()
        .find(|m| closes(m))?;
        if ctx.acceptable(&mention) && mention.kind != MentionKind::FirstPerson {
            return Some((
                Some(mention),
                Some((w, w)),
                mention.last,
                "quote-cue-speaker",
            ));
        }
        return None;
    }
    // "Garman said", "Hugh Hill, a doctor, said", "one former staffer said"
    if let Some(mention) = ctx.lex.mention_starting_at(words, w, ceiling) {
        if let Some(hit) = speaker_then_cue(ctx, mention, para) {
            return Some(hit);
        }
    }
    // Any short phrase between the quote and a cue names the speaker.
    // (as long as a loose phrase may be: "the state senator and party candidate said")
    let cue = (w + 1..=ceiling.min(w + 8)).find(|&k| ctx.cue(k).is_some())?;
    if (w..cue).any(|k| words.kind(k) != TokenKind::Word && !is_tight_hyphen(words, k)) {
        return None;
    }
    speaker_then_cue(ctx, loose_phrase(ctx, w, cue - 1)?, para)
}

/// The cue after a speaker phrase that follows a quote, past an aside and adverbs.
fn speaker_then_cue(ctx: &Ctx, mention: Mention, para: usize) -> Option<Hit> {
    let words = ctx.words;
    if !ctx.acceptable(&mention) || mention.kind == MentionKind::FirstPerson {
        return None;
    }
    let mut k = mention.last + 1;
    if k >= words.len() {
        return None;
    }
    // A name may carry asides before the cue: a party and state in brackets, an age, a
    // hometown, a role (`Kell (D-Ore.) said`, `Kell, 34, of Salem, said`).
    if matches!(
        mention.kind,
        MentionKind::Person | MentionKind::Organisation
    ) {
        k = past_asides(ctx, k, ctx.sentence_last(k));
    }
    loop {
        while k < words.len() && ctx.lex.between_speaker_and_cue.contains(words.lower(k)) {
            k += 1;
        }
        // a time between the speaker and the cue: `Kell on Tuesday said`
        match time_phrase_at(ctx, k) {
            0 => break,
            n => k += n,
        }
    }
    // `Garman said: "…"` introduces the quote after it, not the one before.
    let introduces_next = k + 1 < words.len() && words.text(k + 1) == ":";
    if k < words.len()
        && words.paragraph(k) == para
        && ctx.cue(k).is_some()
        && !ctx.negated(k)
        && !introduces_next
    {
        return Some((Some(mention), Some((k, k)), k, "quote-speaker-cue"));
    }
    None
}

/// A speaker phrase by position alone: the words from `start` up to a comma, full stop or
/// `last`, when they are few and hold no cue. Used only where the construction leaves no
/// other reading (`"…," said a retired union official, who …`).
fn loose_phrase(ctx: &Ctx, start: usize, last: usize) -> Option<Mention> {
    let words = ctx.words;
    if start >= words.len() || start > last {
        return None;
    }
    let mut end = start;
    while end < last
        && end + 1 < words.len()
        && (matches!(words.kind(end + 1), TokenKind::Word | TokenKind::Number)
            || is_tight_hyphen(words, end + 1))
        && words.sentence(end + 1) == words.sentence(start)
    {
        end += 1;
    }
    // It must read as a noun phrase: a determiner, a capitalised word or an age
    // ("81-year-old") first.
    let opener = words.is_capitalised(start)
        || (words.kind(start) == TokenKind::Number && is_tight_hyphen(words, start + 1))
        || matches!(
            words.lower(start),
            "the"
                | "a"
                | "an"
                | "one"
                | "another"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "some"
                | "several"
                | "two"
                | "three"
                | "many"
                | "most"
                | "this"
                | "that"
        );
    let count = end - start + 1;
    if !opener
        || count > 8
        || (start..=end).any(|k| {
            (!matches!(words.kind(k), TokenKind::Word | TokenKind::Number)
                && !is_tight_hyphen(words, k))
                || ctx.cue(k).is_some()
                || words.quote(k).is_some()
        })
    {
        return None;
    }
    Some(group_mention(words, start, end))
}

/// `said master of ceremonies Ana Ruiz, …`: after an inverted cue, a phrase of lowercase
/// role words ending in a name, up to a comma or full stop, by position.
fn role_phrase(ctx: &Ctx, start: usize, last: usize) -> Option<Mention> {
    let words = ctx.words;
    if start >= words.len() || words.is_capitalised(start) {
        return None;
    }
    let end = (start..=last.min(start + 9))
        .take_while(|&k| {
            (words.kind(k) == TokenKind::Word || is_tight_hyphen(words, k))
                && words.quote(k).is_none()
        })
        .last()?;
    let closed = end + 1 >= words.len() || matches!(words.text(end + 1), "," | ".");
    let name_first = (start..=end)
        .rev()
        .filter(|&k| words.kind(k) == TokenKind::Word)
        .nth(1)?;
    // the last word a name, not a title before its full stop (`Gov.`)
    let named = words.is_capitalised(name_first)
        && words.is_capitalised(end)
        && ctx.lex.title_at(words, end) == 0;
    // role words and a name only: no pronoun, verb or grammar word but `of`
    let plain = (start..=end).all(|k| {
        ctx.cue(k).is_none()
            && !ctx.is_pronoun_like(k)
            && (words.is(k, "of") || !words.has(k, WordInfo::FUNCTION))
    });
    (closed && named && plain && name_first > start).then(|| {
        let name = words.span(name_first).hull(words.span(end));
        Mention {
            span: words.span(start).hull(name),
            name,
            kind: MentionKind::Person,
            first: start,
            last: end,
        }
    })
}

/// Words `first..=last` as a speaker phrase naming nobody in particular.
fn group_mention(words: &Words, first: usize, last: usize) -> Mention {
    let span = words.span(first).hull(words.span(last));
    Mention {
        span,
        name: span,
        kind: MentionKind::Group,
        first,
        last,
    }
}

/// `Garman said: "…"`, `Garman told reporters, "…"`, a colon-ended paragraph before, `Garman: "…"`.
fn before_quote(ctx: &Ctx, doc: &Doc, q: usize) -> Option<Hit> {
    let words = ctx.words;
    let quote = &doc.quotes[q];
    let mut k = words.before(quote.span.start)?;
    let first = words.at_or_after(quote.span.start);
    let mut rule = "speaker-cue-quote";
    if words.paragraph(k) != words.paragraph(first) {
        // Only a paragraph that ends with a colon introduces the next.
        if words.text(k) != ":" || ctx.skip[words.paragraph(k)] {
            return None;
        }
        rule = "intro-colon-quote";
    }
    if words.quote(k).is_some() {
        return None;
    }
    let colon = words.text(k) == ":";
    if matches!(words.text(k), ":" | ",") {
        k = k.checked_sub(1)?;
    }
    // Look back a few words for the cue: "told reporters", "said in a statement".
    let floor = ctx.sentence_first(k);
    // `Said Ana Ruiz, who grew up here, "…"`: a sentence opened by the cue, the name after
    // it, and asides set off by commas up to the quote.
    if floor < k
        && words.is_capitalised(floor)
        && ctx.cue(floor).is_some_and(|cue| !cue.object)
        && !ctx.used[floor]
    {
        if let Some(m) = ctx.lex.mention_starting_at(words, floor + 1, k) {
            let named = matches!(m.kind, MentionKind::Person | MentionKind::Organisation);
            if named && ctx.acceptable(&m) && past_asides(ctx, m.last + 1, k + 1) > k {
                return Some((Some(m), Some((floor, floor)), floor, rule));
            }
        }
    }
    for c in (floor..=k).rev().take(6) {
        if words.quote(c).is_some()
            || (c < k && words.kind(c) == TokenKind::Punct && words.text(c) != ".")
        {
            break;
        }
        if ctx.cue(c).is_none_or(|cue| cue.after) || ctx.negated(c) {
            continue;
        }
        let inverted = ctx
            .speaker_after(c, k)
            .filter(|m| ctx.past_particle(m.last + 1) > k)
            .or_else(|| {
                // `…, explained Rosenberg, "…"`: a cue opening its clause, then the name
                // right up to the comma or colon before the quote.
                // (not a cue that takes an object: `telling Reuters, "…"`)
                let opens = (c == floor || words.text(c - 1) == ",")
                    && ctx.cue(c).is_some_and(|cue| !cue.object)
                    && !words.lower(c).ends_with("ing");
                let m = ctx.lex.mention_starting_at(words, c + 1, k)?;
                let named = matches!(m.kind, MentionKind::Person | MentionKind::Organisation);
                (opens && c < k && m.last == k && named && ctx.acceptable(&m)).then_some(m)
            });
        // Between the cue and the quote: nothing that reads as the start of content.
        if inverted.is_none()
            && (c + 1..=k).any(|w| {
                ctx.lex.function_words.contains(words.lower(w))
                    && !matches!(
                        words.lower(w),
                        "in" | "on"
                            | "at"
                            | "to"
                            | "a"
                            | "the"
                            | "an"
                            | "with"
                            | "during"
                            | "after"
                            | "before"
                            | "this"
                            | "last"
                            | "for"
                            | "by"
                    )
            })
        {
            break;
        }
        if c < k && !colon && words.text(k + 1) != "," {
            break;
        }
        let mention = match inverted.or_else(|| ctx.speaker_before(c, floor, true)) {
            Some(m) => Some(m),
            None if (floor..c).any(|w| {
                words.kind(w) == TokenKind::Word && !ctx.lex.function_words.contains(words.lower(w))
            }) =>
            {
                None
            }
            None => {
                // "Said Garman:" with the speaker after the cue.
                let m = ctx.lex.mention_starting_at(words, c + 1, k)?;
                ctx.acceptable(&m).then_some(m)
            }
        };
        if let Some(m) = mention {
            if m.kind == MentionKind::FirstPerson {
                return None;
            }
        }
        return mention.map(|m| (Some(m), Some((c, c)), c, rule));
    }
    if !colon || rule != "speaker-cue-quote" {
        return None;
    }
    let colon_word = k + 1;
    // "Garman: "…"", "Rep. Ana Ruiz (D-Ore.): "…"" (past a bracketed party and state)
    let mut name_end = k;
    if words.text(k) == ")" {
        if let Some(open) = (floor..k).rev().take(8).find(|&j| words.text(j) == "(") {
            name_end = open.checked_sub(1).filter(|&e| e >= floor).unwrap_or(k);
        }
    }
    if let Some(mention) = ctx.lex.mention_ending_at(words, name_end, floor) {
        if mention.first == floor && mention.kind == MentionKind::Person && ctx.acceptable(&mention)
        {
            return Some((
                Some(mention),
                Some((colon_word, colon_word)),
                colon_word,
                "speaker-colon-quote",
            ));
        }
    }
    // "Kasich resisted: "…"": a short clause opened by a named subject and closed by a
    // colon introduces its subject's words, whatever the verb.
    let subject = ctx.subject_of(floor, k)?;
    let short = k - subject.last <= 4;
    let verb = subject.last + 1;
    let verb_like = verb <= k && words.kind(verb) == TokenKind::Word && !words.is_capitalised(verb);
    if short && verb_like && matches!(subject.kind, MentionKind::Person | MentionKind::Pronoun(_)) {
        return Some((
            Some(subject),
            Some((verb, verb)),
            colon_word,
            "subject-colon-quote",
        ));
    }
    None
}

/// `Ruiz agreed. "…"`, `Ruiz said in a statement. "…"`: a sentence that is an attribution
/// and nothing more (a speaker, a cue, then at most a short phrase of time, place or
/// medium) introduces the quote that opens the next sentence of its paragraph.
fn cue_line_before(ctx: &Ctx, doc: &Doc, q: usize) -> Option<Hit> {
    let words = ctx.words;
    let first = words.at_or_after(doc.quotes[q].span.start);
    let stop = words.before(doc.quotes[q].span.start)?;
    if !matches!(words.text(stop), "." | "!")
        || words.quote(stop).is_some()
        || words.paragraph(stop) != words.paragraph(first)
    {
        return None;
    }
    let floor = ctx.sentence_first(stop);
    let c = (floor..stop)
        .rev()
        .take(10)
        .take_while(|&k| words.quote(k).is_none())
        .find(|&k| ctx.cue(k).is_some())?;
    if ctx.cue(c).is_some_and(|cue| cue.after) || ctx.negated(c) || ctx.used[c] {
        return None;
    }
    // After the cue: nothing that reports something of its own.
    let bare = (c + 1..stop).all(|k| {
        let lower = words.lower(k);
        words.kind(k) != TokenKind::Word
            || (words.has(k, WordInfo::FUNCTION)
                && !ctx.lex.complementisers.contains(lower)
                && !ctx.is_pronoun_like(k))
            || ctx.lex.time_words.contains(lower)
            || words.is_capitalised(k)
            || ctx.adverb(k)
            || ctx.lex.people.contains(lower)
    }) && (c + 1..stop).all(|k| ctx.cue(k).is_none());
    if !bare || stop > c + 9 {
        return None;
    }
    // The speaker opens the sentence: one after content (`…, Ruiz said.`) reports that
    // content, and the quote then goes on with that claim (see `floating_quotes`).
    let mention = ctx.speaker_before(c, floor, true)?;
    let opens = ctx.subject_start(floor, c) == Some(mention.first);
    (opens && mention.kind != MentionKind::FirstPerson).then_some((
        Some(mention),
        Some((c, c)),
        c,
        "cue-line-quote",
    ))
}

/// A quote with no cue of its own, right after an attributed quote, inherits its speaker.
fn floating_quotes(ctx: &mut Ctx, doc: &Doc, found: &mut Vec<Found>, done: &mut [bool]) {
    let words = ctx.words;
    let mut last_direct: Option<usize> = None; // index into found
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| found[k].attribution.hull().start);
    let mut next_found = 0;
    for (q, quote) in doc.quotes.iter().enumerate() {
        while next_found < order.len()
            && found[order[next_found]].attribution.hull().start <= quote.span.start
        {
            let k = order[next_found];
            if found[k].mention.is_some() {
                last_direct = Some(k);
            }
            next_found += 1;
        }
        if done[q] || quote.words < 3 {
            continue;
        }
        let Some(from) = last_direct else { continue };
        let first = words.at_or_after(quote.span.start);
        if first >= words.len() || ctx.skip[words.paragraph(first)] {
            continue;
        }
        let para = words.paragraph(first);
        // The attribution ends where its content, speaker or cue does, whichever is last
        // (`"…," said Murphy, who …` ends past its quote).
        let prev = &found[from].attribution;
        let prev_end = [Some(prev.hull()), prev.speaker, prev.cue]
            .into_iter()
            .flatten()
            .map(|span| span.end)
            .max()
            .unwrap_or(0);
        let Some(prev_word) = words.before(prev_end) else {
            continue;
        };
        let prev_para = words.paragraph(prev_word);
        let starts_paragraph = doc.paragraphs[para].start == quote.span.start;
        // Same paragraph, next sentence; or a paragraph that opens with the quote right after.
        let adjacent = (para == prev_para
            && words.sentence(first) <= words.sentence(prev_word) + 2)
            || (starts_paragraph && para == prev_para + 1);
        // A floating quote opens its sentence; one inside a sentence belongs to that sentence.
        if !adjacent || ctx.sentence_first(first) != first {
            continue;
        }
        // Nothing between the two may be a cue of another speaker; a relative clause on
        // the speaker (`said Murphy, who thinks …`) or a passive (`when asked`) is not one.
        let between_cue = ctx
            .cues_in(words.at_or_after(prev_end)..first)
            .any(|c| c == 0 || !matches!(words.lower(c - 1), "who" | "when" | "if" | "as"));
        if between_cue {
            continue;
        }
        // `"…," Trump shot back.`: a speaker named right after the quote is its own.
        if speaker_after_quote(ctx, doc, q).is_some() {
            continue;
        }
        done[q] = true;
        // In the same paragraph the quote goes on with the claim before it, as the second
        // piece of a split quote does; a quoted paragraph of its own floats on the
        // attribution before it, with its speaker columns empty (`floating-quote`).
        if para == prev_para {
            found[from].attribution.content.push(quote.span);
            continue;
        }
        found.push(Found {
            attribution: Attribution {
                content: vec![quote.span],
                speaker: None,
                speaker_canonical: String::new(),
                cue: None,
                rule: "floating-quote",
                confidence: confidence("floating-quote"),
            },
            mention: None,
            inherits: Some(from),
        });
    }
}

/// How many words back from a quote a cue of reported speech holding it may stand: a
/// bound, so that a sentence of thousands of attributed quotes (no full stop anywhere) is
/// not read again for every quote.
const REPORT_REACH: usize = 60;

/// How many words back from a quote the cue of its sentence may stand.
const CUE_REACH: usize = 20;

/// The content spans of the claims found so far, by start, with the furthest end reached
/// so far: whether a quote overlaps one is a binary search (reading every claim for every
/// quote was quadratic on quote-heavy articles).
struct FoundContents {
    spans: Vec<Span>,
    reach: Vec<usize>,
}

impl FoundContents {
    fn new(found: &[Found]) -> Self {
        let mut spans: Vec<Span> = found
            .iter()
            .flat_map(|f| f.attribution.content.iter().copied())
            .collect();
        spans.sort_by_key(|span| span.start);
        let reach = spans
            .iter()
            .scan(0, |end, span| {
                *end = span.end.max(*end);
                Some(*end)
            })
            .collect();
        Self { spans, reach }
    }

    fn overlaps(&self, span: Span) -> bool {
        let before = self.spans.partition_point(|t| t.start < span.end);
        before > 0 && self.reach[before - 1] > span.start
    }
}

/// A quote left over by the rules above whose sentence has an unused cue before it:
/// `Mayor Jones told reporters in Boston on Tuesday, "…"`, `A senior aide, who …, said of
/// the governor, "…"` (the quote alone, `speaker-cue-quote`), or a quote inside reported
/// speech the reported-speech rules could not bound (`Trump said things "should end soon"`:
/// the content runs from the cue to the end of the quote's clause, `speaker-cue-mixed`).
fn cue_earlier_in_sentence(ctx: &mut Ctx, doc: &Doc, found: &mut Vec<Found>, done: &mut [bool]) {
    let words = ctx.words;
    let taken = FoundContents::new(found);
    for (q, quote) in doc.quotes.iter().enumerate() {
        if done[q] || quote.words < 2 {
            continue;
        }
        let first = words.at_or_after(quote.span.start);
        if first == 0 || first >= words.len() || ctx.skip[words.paragraph(first)] {
            continue;
        }
        // Claims added below mark the quotes they cover done, so the contents found before
        // this pass are all that is left to check.
        if taken.overlaps(quote.span) {
            continue;
        }
        let floor = ctx.sentence_first(first);
        let Some(c) = (floor..first)
            .rev()
            .take(CUE_REACH)
            .take_while(|&k| words.quote(k).is_none())
            .find(|&k| ctx.cue(k).is_some_and(|cue| !cue.after))
        else {
            continue;
        };
        if ctx.negated(c) || words.paragraph(c) != words.paragraph(first) {
            continue;
        }
        let Some(mention) = ctx
            .speaker_before(c, floor, true)
            .or_else(|| subject_phrase(ctx, floor, c))
        else {
            continue;
        };
        if mention.kind == MentionKind::FirstPerson {
            continue;
        }
        // One or two quoted words on their own are a term or a name, not speech.
        let intro = before_is_intro(words, first);
        if intro && quote.words < 3 {
            continue;
        }
        let (content, rule) = if intro {
            (quote.span, "speaker-cue-quote")
        } else {
            let start = c + 1;
            let last = ctx.sentence_last(first);
            let clause = clause_from(ctx, start, last).unwrap_or(quote.span);
            let end = clause.end.max(quote.span.end);
            (Span::new(words.span(start).start, end), "speaker-cue-mixed")
        };
        for (other, later) in doc.quotes.iter().enumerate().skip(q) {
            if later.span.overlaps(content) {
                done[other] = true;
            }
        }
        ctx.mark_used(Some(&mention), Some((c, c)));
        found.push(Found {
            attribution: Attribution {
                content: vec![content],
                speaker: Some(mention.span),
                speaker_canonical: String::new(),
                cue: Some(words.span(c)),
                rule,
                confidence: confidence(rule),
            },
            mention: Some(mention),
            inherits: None,
        });
    }
}

/// The subject phrase opening a sentence before the cue at `c`, by position: after openers
/// (`But`) and a leading time or place phrase (`On Monday,`), a short noun phrase up to the
/// cue or to the comma of an aside (`A second official close to the deal said`, `A
/// senior aide, who asked not to be named, said`).
fn subject_phrase(ctx: &Ctx, floor: usize, c: usize) -> Option<Mention> {
    let words = ctx.words;
    let start = ctx.subject_start(floor, c)?;
    let mut end = c.checked_sub(1)?;
    while end > start
        && (ctx.lex.between_speaker_and_cue.contains(words.lower(end)) || ctx.adverb(end))
    {
        end -= 1;
    }
    if let Some(comma) = (start..=end).find(|&k| words.text(k) == ",") {
        // the aside must close right before the cue
        if words.text(end) != "," {
            return None;
        }
        end = comma.checked_sub(1)?;
    }
    if end < start || end - start >= 8 {
        return None;
    }
    let opener = words.is_capitalised(start)
        || matches!(
            words.lower(start),
            "the" | "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its" | "some"
        );
    let plain = (start..=end).all(|k| {
        words.kind(k) == TokenKind::Word
            && words.quote(k).is_none()
            && ctx.cue(k).is_none()
            && !ctx.used[k]
    });
    // A determiner inside the phrase follows a preposition ("a source close to the talks");
    // after anything else it opens an object ("the fans waved a banner").
    let object = (start + 1..=end).any(|k| {
        ctx.lex.is_determiner(words.lower(k))
            && !matches!(
                words.lower(k - 1),
                "of" | "for" | "at" | "with" | "from" | "in" | "to" | "on" | "by"
            )
    });
    if !opener || !plain || object {
        return None;
    }
    if let Some(m) = ctx.lex.mention_starting_at(words, start, end) {
        if m.last == end {
            return ctx.acceptable(&m).then_some(m);
        }
    }
    Some(group_mention(words, start, end))
}

/// Reported speech on cues no quote used.
fn reported_speech(ctx: &mut Ctx, doc: &Doc, found: &mut Vec<Found>, done: &mut [bool]) {
    let words = ctx.words;
    let mut w = 0;
    while w < words.len() {
        if ctx.skip[words.paragraph(w)] || words.quote(w).is_some() || ctx.used[w] {
            w += 1;
            continue;
        }
        // This runs for every word outside quotes: each rule is called only for the words
        // that pass its cheapest test (a word-list flag, the word after), as the calls
        // themselves cost more than the tests.
        let according = words.has(w, WordInfo::ACCORDING_HEAD);
        let hit = according
            .then(|| according_to(ctx, w))
            .flatten()
            .or_else(|| {
                may_open_stance(words, w)
                    .then(|| stance_is_that(ctx, w))
                    .flatten()
            })
            .or_else(|| ctx.cue(w).and_then(|cue| reported_cue(ctx, w, cue)));
        let Some((mention, cue, content, rule)) = hit else {
            w += 1;
            continue;
        };
        // Content may not swallow a quote already attributed.
        let overlaps_claim = found
            .iter()
            .any(|f| f.attribution.content.iter().any(|p| p.overlaps(content)));
        if overlaps_claim || mention.is_none() {
            w += 1;
            continue;
        }
        // The quotes inside reported speech are part of it (a mixed claim).
        for (q, quote) in doc.quotes.iter().enumerate() {
            if content.contains(quote.span) || quote.span.overlaps(content) {
                done[q] = true;
            }
        }
        ctx.mark_used(mention.as_ref(), Some(cue));
        // An attribution set in the middle splits the content around itself.
        let pieces = match (rule, mention) {
            ("content-aside-cue", Some(m)) => {
                let head_end = words.before(m.span.start).and_then(|w| w.checked_sub(1));
                let tail_start = cue.1 + 2;
                match head_end {
                    Some(h) if tail_start < words.len() => vec![
                        Span::new(content.start, words.span(h).end),
                        Span::new(words.span(tail_start).start, content.end),
                    ],
                    _ => vec![content],
                }
            }
            // The phrase and its speaker, in either order (`laut Merkel`, `Merkel zufolge`),
            // split the content around them.
            ("according-to-aside", Some(m)) => {
                match (cue.0.min(m.first).checked_sub(1), cue.1.max(m.last) + 1) {
                    (Some(h), t) if t < words.len() => vec![
                        Span::new(content.start, words.span(h).end),
                        Span::new(words.span(t).start, content.end),
                    ],
                    _ => vec![content],
                }
            }
            _ => vec![content],
        };
        found.push(Found {
            attribution: Attribution {
                content: pieces,
                speaker: mention.map(|m| m.span),
                speaker_canonical: String::new(),
                cue: Some(words.span(cue.0).hull(words.span(cue.1))),
                rule,
                confidence: confidence(rule),
            },
            mention,
            inherits: None,
        });
        w = cue.1 + 1;
    }
}

type Reported = (Option<Mention>, (usize, usize), Span, &'static str);

/// The content from word `from` to the end of its clause, trimmed of a final full stop.
fn clause_from(ctx: &Ctx, from: usize, to_max: usize) -> Option<Span> {
    let words = ctx.words;
    if from > to_max || from >= words.len() {
        return None;
    }
    let end = to_max.min(ctx.sentence_last(from));
    let mut stop = ctx.clause_stops[from];
    // A second report stops the clause only after its first word and when its `that` is
    // within reach.
    while stop <= end
        && clause_stop_at(ctx.lex, words, &ctx.cues, stop) == Some(ClauseStop::SecondReport)
        && (stop == from || stop + 2 > to_max)
    {
        stop = ctx.clause_stops[stop + 1];
    }
    let mut last = if stop <= end {
        stop.saturating_sub(1).max(from)
    } else {
        end
    };
    // Drop closing punctuation outside quotes.
    while last > from && words.kind(last) == TokenKind::Punct && words.quote(last).is_none() {
        last -= 1;
    }
    let span = words.span(from).hull(words.span(last));
    let enough = (from..=last)
        .filter(|&w| matches!(words.kind(w), TokenKind::Word | TokenKind::Number))
        .nth(2)
        .is_some();
    enough.then_some(span)
}

/// Why a content clause stops at a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClauseStop {
    /// A semicolon, or a comma before a participle that opens another attribution
    /// (`, adding`).
    Boundary,
    /// "said the plan failed and said that …": a second report of the same speaker is a
    /// claim of its own.
    SecondReport,
}

/// Whether a content clause stops at word `w`, and why.
fn clause_stop_at(
    lex: &Lexicon,
    words: &Words,
    cues: &[Option<Cue>],
    w: usize,
) -> Option<ClauseStop> {
    let text = words.text(w);
    if text == ";"
        || (text == "," && w + 1 < words.len() && lex.content_stops.contains(words.lower(w + 1)))
        || (text == "," && next_attribution(lex, words, cues, w + 1))
    {
        return Some(ClauseStop::Boundary);
    }
    let second_report = words.is(w, "and")
        && w + 2 < words.len()
        && words.sentence(w + 2) == words.sentence(w)
        && cues[w + 1].is_some()
        && words.is(w + 2, "that");
    second_report.then_some(ClauseStop::SecondReport)
}

/// Whether another speaker's attribution opens at word `k` (after a comma): an optional
/// `while` or `but`, a name of up to four capitalised words or a pronoun, then a cue
/// (`…, Rubio said only that …`, `…, while Cruz said that …`).
fn next_attribution(lex: &Lexicon, words: &Words, cues: &[Option<Cue>], mut k: usize) -> bool {
    if k < words.len() && matches!(words.lower(k), "while" | "whereas" | "but") {
        k += 1;
    }
    let start = k;
    if k < words.len() && lex.pronouns.contains_key(words.lower(k)) {
        k += 1;
    } else {
        while k < words.len()
            && k < start + 4
            && words.kind(k) == TokenKind::Word
            && words.is_capitalised(k)
            && cues[k].is_none()
        {
            k += 1;
        }
    }
    k > start
        && k < words.len()
        && words.sentence(k) == words.sentence(start)
        && cues[k].is_some_and(|cue| !cue.after)
}

/// Reported speech on a cue verb at `c`.
fn reported_cue(ctx: &Ctx, c: usize, cue: Cue) -> Option<Reported> {
    let words = ctx.words;
    if ctx.negated(c) {
        return None;
    }
    let first = ctx.sentence_first(c);
    let last = ctx.sentence_last(c);
    // "…, Garman said." / "…, said Garman." at the end of the sentence.
    if let Some(hit) = content_before(ctx, c, first, last) {
        return Some(hit);
    }
    if cue.after {
        return None;
    }
    // "Am Montag sagte Merkel, …": where the verb comes second, the subject may follow it.
    let inverted = ctx.speaker_after(c, last);
    let mention = match inverted {
        Some(m) => m,
        None => ctx.speaker_before(c, first, false)?,
    };
    if mention.kind == MentionKind::FirstPerson {
        return None;
    }
    // "called the plan “a disaster”", "described it as “vapid”": the content runs to the
    // end of the first quote that follows within a few words.
    if cue.naming {
        let quote_word = (c + 1..=last.min(c + 8)).find(|&w| words.quote(w).is_some())?;
        if (c + 1..quote_word)
            .any(|w| words.kind(w) == TokenKind::Punct && !matches!(words.text(w), "," | "-"))
        {
            return None;
        }
        let quote = &words.doc.quotes[words.quote(quote_word)?];
        // The naming may go on past the quote ("called the plan “a gift” and a mistake that
        // …"): the content runs to the end of the clause, within bounds.
        let bound = words.span((c + NAMING_MAX_WORDS).min(last)).end;
        let clause = clause_from(ctx, c + 1, last).filter(|clause| clause.end <= bound);
        let mut content = words.span(c + 1).hull(quote.span);
        if let Some(clause) = clause {
            content = content.hull(clause);
        }
        return Some((Some(mention), (c, c), content, "speaker-names-quote"));
    }
    // "vowed to keep the clinic open": an intention reported with `to`.
    if cue.to && c < last && words.is(c + 1, "to") {
        let content = clause_from(ctx, c + 1, last)?;
        return Some((Some(mention), (c, c), content, "speaker-cue-to"));
    }
    // After the cue: an addressee, time or place words, then "that" or a bare clause.
    let mut k = ctx.past_particle(inverted.map_or(c + 1, |m| m.last + 1));
    if inverted.is_some() && k <= last && ctx.lex.negations.contains(words.lower(k)) {
        return None; // "sagte Merkel nicht, dass …"
    }
    if cue.object && k <= last {
        if let Some(object) = ctx.lex.mention_starting_at(words, k, last) {
            k = object.last + 1;
        } else if k <= last
            && words.kind(k) == TokenKind::Word
            && !ctx.lex.complementisers.contains(words.lower(k))
        {
            k += 1;
        }
    }
    // "sagte, dass …", "sagte, die Lage sei ernst": the comma sets the clause off.
    if ctx.lex.comma_before_clause && k < last && words.text(k) == "," {
        k += 1;
    }
    // "said on Tuesday the plan …", "said last week, the plan …": the time phrase is not
    // part of what was said.
    if let Some(after) = time_phrase_end(ctx, k, last) {
        k = after;
        if k <= last && words.text(k) == "," {
            k += 1;
        }
    }
    if k > last {
        return None;
    }
    // A bare clause starts with a subject: a pronoun, a determiner, a name or a number.
    let lower = words.lower(k);
    let time = ctx.lex.time_words.contains(lower);
    // "said demand for steel had fallen", "said prices would stay low": a bare noun opens
    // the clause when an auxiliary follows within a few words.
    let noun_subject = words.kind(k) == TokenKind::Word
        && !ctx.lex.function_words.contains(lower)
        && (k + 1..=(k + 4).min(last)).any(|j| ctx.lex.auxiliaries.contains(words.lower(j)));
    let starts_clause = !time
        && (ctx.lex.pronouns.contains_key(lower)
            || ctx.lex.clause_openers.contains(lower)
            || words.is_capitalised(k)
            || words.kind(k) == TokenKind::Number
            || noun_subject);
    if starts_clause {
        if !cue.clause {
            return None;
        }
        let content = clause_from(ctx, k, last)?;
        return Some((Some(mention), (c, c), content, "speaker-cue-clause"));
    }
    // "said in a statement that", "told reporters on Tuesday that"
    for j in k..(k + 7).min(last + 1) {
        if ctx.lex.complementisers.contains(words.lower(j)) {
            // The content keeps its `that`, as annotators mark it.
            let content = clause_from(ctx, j, last)?;
            return Some((Some(mention), (c, c), content, "speaker-cue-that"));
        }
        if words.kind(j) == TokenKind::Punct || words.quote(j).is_some() || ctx.cue(j).is_some() {
            break;
        }
    }
    None
}

/// How far past its cue a naming claim may run (`called the plan “a gift” and …`).
const NAMING_MAX_WORDS: usize = 40;

/// The word after a time phrase opening at `k` (`on Tuesday`, `last week`, `earlier this
/// month`, `Tuesday night`, `on March 3`), or `None` when none opens there.
fn time_phrase_end(ctx: &Ctx, k: usize, last: usize) -> Option<usize> {
    let words = ctx.words;
    let mut j = k;
    while j <= last && j < k + 2 && ctx.lex.time_openers.contains(words.lower(j)) {
        j += 1;
    }
    let first_time = j;
    while j <= last && j < first_time + 3 {
        let word = ctx.lex.time_words.contains(words.lower(j));
        let day = j > first_time && words.kind(j) == TokenKind::Number;
        if !(word || day) {
            break;
        }
        j += 1;
    }
    (j > first_time).then_some(j)
}

/// `…, Garman said.` and `…, said Garman.`: the cue and speaker close the sentence.
fn content_before(ctx: &Ctx, c: usize, first: usize, last: usize) -> Option<Reported> {
    let words = ctx.words;
    // "The mayor, she said, skipped the parade": the attribution set in the middle.
    if c + 2 <= last && words.text(c + 1) == "," {
        if let Some(m) = ctx.speaker_before(c, first, false) {
            let opens_aside = m.first > first + 1 && words.text(m.first - 1) == ",";
            if opens_aside && m.kind != MentionKind::FirstPerson && ctx.acceptable(&m) {
                let head = clause_span_of(ctx, first, m.first - 2, 2);
                let tail = clause_span(ctx, c + 2, last);
                if let (Some(head), Some(tail)) = (head, tail) {
                    return Some((Some(m), (c, c), head.hull(tail), "content-aside-cue"));
                }
            }
        }
    }
    // What is left after the cue must be the speaker, or a few time or place words.
    let (mention, comma, rule) = if let Some(m) = ctx.lex.mention_starting_at(words, c + 1, last) {
        let before = c.checked_sub(1)?;
        if words.text(before) != "," || m.kind == MentionKind::FirstPerson {
            return None;
        }
        if !trailer_only(ctx, m.last + 1, last) && !appositive_tail(ctx, &m, last) {
            return None;
        }
        (m, before, "content-cue-speaker")
    } else {
        if !trailer_only(ctx, c + 1, last) {
            return None;
        }
        let m = ctx.speaker_before(c, first, false)?;
        let before = m.first.checked_sub(1)?;
        if words.text(before) != "," || m.kind == MentionKind::FirstPerson {
            return None;
        }
        (m, before, "content-speaker-cue")
    };
    if !ctx.acceptable(&mention) || comma <= first {
        return None;
    }
    let content = clause_span(ctx, first, comma - 1)?;
    Some((Some(mention), (c, c), content, rule))
}

/// How many words an appositive after a speaker who closes the sentence may have (`…, said
/// Garman, a doctor at the clinic who …`).
const APPOSITIVE_MAX_WORDS: usize = 30;

/// True when a named speaker `m` is followed by a comma and an appositive that runs to the
/// end of the sentence at `last`, with no quote in it: the appositive describes the speaker
/// and is no part of the content.
fn appositive_tail(ctx: &Ctx, m: &Mention, last: usize) -> bool {
    let words = ctx.words;
    let k = m.last + 1;
    if k >= last
        || words.text(k) != ","
        || !matches!(m.kind, MentionKind::Person | MentionKind::Organisation)
    {
        return false;
    }
    let mut count = 0;
    for w in k + 1..=last {
        if words.quote(w).is_some() {
            return false;
        }
        if words.kind(w) != TokenKind::Punct {
            count += 1;
            if count > APPOSITIVE_MAX_WORDS {
                return false;
            }
        }
    }
    count > 0
}

/// True when words `from..=last` are only closing punctuation or a short time/place tail
/// ("on Tuesday", "in a statement"), up to a comma and a participle that opens another
/// attribution ("…, Garman said Tuesday, noting …").
fn trailer_only(ctx: &Ctx, from: usize, last: usize) -> bool {
    let words = ctx.words;
    // One pass that stops at the seventh word: a cue may sit before a whole article of
    // words, and reading them all for every cue made the stage quadratic.
    let mut tail_words = 0;
    for w in from..=last {
        if words.text(w) == "," && w < last && ctx.lex.content_stops.contains(words.lower(w + 1)) {
            return true;
        }
        if words.kind(w) == TokenKind::Punct {
            if !matches!(words.text(w), "." | "!" | "?" | "," | "…") {
                return false;
            }
            continue;
        }
        tail_words += 1;
        if tail_words > 6 || words.quote(w).is_some() || ctx.cue(w).is_some() {
            return false;
        }
    }
    true
}

/// The words `from..=to` as content, with their punctuation trimmed at both ends.
fn clause_span(ctx: &Ctx, from: usize, to: usize) -> Option<Span> {
    clause_span_of(ctx, from, to, 3)
}

/// The words `from..=to` as content of at least `min_words` words, punctuation trimmed.
fn clause_span_of(ctx: &Ctx, mut from: usize, mut to: usize, min_words: usize) -> Option<Span> {
    let words = ctx.words;
    while from < to && words.kind(from) == TokenKind::Punct && words.quote(from).is_none() {
        from += 1;
    }
    while to > from && words.kind(to) == TokenKind::Punct && words.quote(to).is_none() {
        to -= 1;
    }
    let count = (from..=to)
        .filter(|&w| matches!(words.kind(w), TokenKind::Word | TokenKind::Number))
        .count();
    (count >= min_words).then(|| words.span(from).hull(words.span(to)))
}

/// `According to Garman, …` and `…, according to Garman.`
fn according_to(ctx: &Ctx, w: usize) -> Option<Reported> {
    let words = ctx.words;
    let (len, after) = ctx.lex.according_at(words, w)?;
    if after {
        return according_after(ctx, w, len);
    }
    let first = ctx.sentence_first(w);
    let last = ctx.sentence_last(w);
    let mention = ctx.lex.mention_starting_at(words, w + len, last)?;
    if !ctx.acceptable(&mention) || mention.kind == MentionKind::FirstPerson {
        return None;
    }
    let cue = (w, w + len - 1);
    // Openers like "But" may precede it.
    let leading = (first..w).all(|k| ctx.lex.function_words.contains(words.lower(k)));
    let next = mention.last + 1;
    // "Laut Merkel ist die Lage ernst": where the verb comes second it follows the speaker.
    if leading && ctx.lex.verb_second && next <= last && words.text(next) != "," {
        let content = clause_from(ctx, next, last)?;
        return Some((Some(mention), cue, content, "according-to-first"));
    }
    if leading {
        // the content starts after the comma or colon that closes the phrase
        let mut k = mention.last + 1;
        while k <= last && !matches!(words.text(k), "," | ":") {
            k += 1;
        }
        let content = clause_from(ctx, k + 1, last)?;
        return Some((Some(mention), cue, content, "according-to-first"));
    }
    if w > first + 1 && words.text(w - 1) == "," && trailer_only(ctx, mention.last + 1, last) {
        let content = clause_span(ctx, first, w - 2)?;
        return Some((Some(mention), cue, content, "according-to-last"));
    }
    // "Die Lage ist laut Merkel ernst": the phrase set inside the sentence, which runs on
    // around it (one claim in two pieces).
    if ctx.lex.verb_second && w > first && next < last {
        let head = clause_span_of(ctx, first, w - 1, 1)?;
        let tail = clause_span_of(ctx, next, last, 1)?;
        return Some((Some(mention), cue, head.hull(tail), "according-to-aside"));
    }
    None
}

/// `Merkel zufolge ist die Lage ernst`: a phrase of `len` words flagged `+after` at `w`, with
/// its speaker before it opening the sentence; the content follows it. Inside a sentence
/// (`Die Lage ist Merkel zufolge ernst`) the content is the sentence around the two.
fn according_after(ctx: &Ctx, w: usize, len: usize) -> Option<Reported> {
    let words = ctx.words;
    let first = ctx.sentence_first(w);
    if w == first {
        return None; // the speaker must stand before it, in its sentence
    }
    let mention = ctx.lex.mention_ending_at(words, w - 1, first)?;
    if !ctx.acceptable(&mention) || mention.kind == MentionKind::FirstPerson {
        return None;
    }
    let last = ctx.sentence_last(w);
    let opens = (first..mention.first).all(|k| ctx.lex.function_words.contains(words.lower(k)));
    if !opens {
        // "Die Lage ist Merkel zufolge ernst": set inside the sentence (one claim in two
        // pieces around it).
        let head = clause_span_of(ctx, first, mention.first.checked_sub(1)?, 1)?;
        let tail = clause_span_of(ctx, w + len, last, 1)?;
        let aside = mention.first > first && w + len <= last;
        return aside.then(|| {
            (
                Some(mention),
                (w, w + len - 1),
                head.hull(tail),
                "according-to-aside",
            )
        });
    }
    let mut next = w + len;
    if next < words.len() && words.text(next) == "," {
        next += 1;
    }
    let content = clause_from(ctx, next, last)?;
    Some((
        Some(mention),
        (w, w + len - 1),
        content,
        "according-to-first",
    ))
}

/// `Garman's position is that …`
/// Whether word `w` may open `his position is that …`: a word before it, and `is`, `was` or
/// `remains` after it with a word to follow. The test [`stance_is_that`] starts from.
fn may_open_stance(words: &Words, w: usize) -> bool {
    w > 0 && w + 2 < words.len() && matches!(words.lower(w + 1), "is" | "was" | "remains")
}

fn stance_is_that(ctx: &Ctx, w: usize) -> Option<Reported> {
    let words = ctx.words;
    if !may_open_stance(words, w)
        || !STANCE_NOUNS.contains(&words.lower(w))
        || !ctx.lex.complementisers.contains(words.lower(w + 2))
    {
        return None;
    }
    let verb = w + 1;
    let owner = w - 1;
    let lower = words.lower(owner);
    let first = ctx.sentence_first(w);
    let mention = if matches!(lower, "his" | "her" | "their" | "its") {
        let class = match lower {
            "his" => super::mentions::PronounClass::Male,
            "her" => super::mentions::PronounClass::Female,
            "their" => super::mentions::PronounClass::Plural,
            _ => super::mentions::PronounClass::Thing,
        };
        let span = words.span(owner);
        Mention {
            span,
            name: span,
            kind: MentionKind::Pronoun(class),
            first: owner,
            last: owner,
        }
    } else if lower.ends_with("'s") || lower.ends_with("’s") {
        ctx.lex.mention_ending_at(words, owner, first)?
    } else {
        return None;
    };
    if !ctx.acceptable(&mention) {
        return None;
    }
    let content = clause_from(ctx, verb + 2, ctx.sentence_last(w))?;
    Some((Some(mention), (w, verb), content, "position-is-that"))
}

/// Quotes no cue rule attributed, when they read like speech. Each gets the speaker its
/// position gives, when there is one (`quote-speaker-verb`, `subject-verb-quote`,
/// `colon-line-quote`: see `unattributed_speaker`); else none (`quote-unattributed`).
fn unattributed_quotes(
    ctx: &Ctx,
    doc: &Doc,
    min_words: usize,
    found: &mut Vec<Found>,
    done: &[bool],
) {
    let words = ctx.words;
    let text = doc.text();
    let taken = FoundContents::new(found);
    // Quotes come in order of their start: one added here overlaps a later one (a quote
    // nested in it) exactly when the later one starts before its end.
    let mut added_end = 0;
    for (q, quote) in doc.quotes.iter().enumerate() {
        // A short quote is speech only when its position names a speaker.
        if done[q] || quote.words < min_words.min(SHORT_SPEECH_WORDS) {
            continue;
        }
        let first = words.at_or_after(quote.span.start);
        if first >= words.len() || ctx.skip[words.paragraph(first)] {
            continue;
        }
        // Speech ends with a terminal mark or comma inside the quote; titles do not.
        let inner = quote.inner(text).of(text).trim_end();
        if !inner.ends_with(['.', '!', '?', ',', '…', '-', '—']) {
            continue;
        }
        if quote.span.start < added_end || taken.overlaps(quote.span) || named_by(ctx, quote) {
            continue;
        }
        let short = quote.words < min_words;
        let (mention, cue, rule) = match unattributed_speaker(ctx, doc, q, first) {
            // A short quote needs a speaker who is someone: a name, a pronoun or a noun
            // for people (not `This sentiment`, `The music`).
            Some((mention, _, _)) if short && !names_someone(ctx, &mention) => continue,
            Some((mention, cue, rule)) => (Some(mention), cue, rule),
            None if short => continue,
            None => (None, None, "quote-unattributed"),
        };
        let mut content = vec![quote.span];
        // `"…," Ruiz recalled. "…"`: the quote right after a speaker found after the quote
        // goes on with the same speech, as after a cue (see `direct_quotes`).
        if let (Some(m), "quote-speaker-verb") = (&mention, rule) {
            if let Some(next) = continued_quote(ctx, doc, cue.unwrap_or(m.last), &taken) {
                content.push(doc.quotes[next].span);
            }
        }
        added_end = content[content.len() - 1].end;
        found.push(Found {
            attribution: Attribution {
                content,
                speaker: mention.map(|m| m.span),
                speaker_canonical: String::new(),
                cue: cue.map(|c| words.span(c)),
                rule,
                confidence: confidence(rule),
            },
            mention,
            inherits: None,
        });
    }
}

/// Quotes of at least this many words may be speech when their position names a speaker
/// (`"Not a chance," Ruiz scoffed.`); shorter ones are terms and names.
const SHORT_SPEECH_WORDS: usize = 3;

/// Whether a quote is a name or a title: a naming word stands
/// right before it, or before an `as` that does (`titled "…"`, `billed as "…"`).
fn named_by(ctx: &Ctx, quote: &Quote) -> bool {
    let words = ctx.words;
    let naming = |k: usize| ctx.lex.naming_words.contains(words.lower(k));
    match words.before(quote.span.start) {
        Some(k) => naming(k) || (words.is(k, "as") && k > 0 && naming(k - 1)),
        None => false,
    }
}

/// Whether a speaker phrase names someone: a person, an organisation, a third-person
/// pronoun, or a phrase whose last word is a noun for people (`the two lawmakers`).
fn names_someone(ctx: &Ctx, mention: &Mention) -> bool {
    match mention.kind {
        MentionKind::Person | MentionKind::Organisation | MentionKind::Pronoun(_) => true,
        MentionKind::Group => ctx.words.has(mention.last, WordInfo::PEOPLE),
        MentionKind::FirstPerson => false,
    }
}

/// The quote that opens the next sentence right after the attribution sentence holding
/// word `w`, in its paragraph, when no claim holds it and no attribution follows it.
fn continued_quote(ctx: &Ctx, doc: &Doc, w: usize, taken: &FoundContents) -> Option<usize> {
    let words = ctx.words;
    let last = ctx.sentence_last(w);
    let mut k = last + 1;
    while k < words.len() && words.kind(k) == TokenKind::Punct && words.quote(k).is_none() {
        k += 1;
    }
    let next = words.quote((k < words.len()).then_some(k)?)?;
    let quote = &doc.quotes[next];
    let own_attribution = after_quote(ctx, doc, next).is_some_and(|h| h.0.is_some());
    (quote.span.start == words.span(k).start
        && words.paragraph(k) == words.paragraph(w)
        && quote.words >= SHORT_SPEECH_WORDS
        && !own_attribution
        && !taken.overlaps(quote.span))
    .then_some(next)
}

/// The speaker of a quote no cue rule attributed, by position alone, with the verb that
/// follows it when there is one:
/// - `quote-speaker-verb`: the phrase right after a quote that leaves its sentence open,
///   then a verb (`“…,” Ruiz, the owner, recalled`), or a name with its aside and no verb;
/// - `subject-verb-quote`: the subject of the sentence the quote stands in, then a verb
///   (`Ruiz thanked the crew for “…”`, `Later, Ruiz wrote: “…”`);
/// - `colon-line-quote`: for a quote opening its paragraph, the subject or the name closing
///   the line before when it ends in a colon (`Ruiz went on:`, `More from Ruiz:`);
/// - `subject-line-quote`: for a paragraph that is a quote, the named subject of the
///   sentence closing the paragraph before (`Ruiz praised the crew.`).
///
/// Only quotes that already are claims get one: a wrong guess costs nothing a missing
/// speaker did not.
fn unattributed_speaker(
    ctx: &Ctx,
    doc: &Doc,
    q: usize,
    first: usize,
) -> Option<(Mention, Option<usize>, &'static str)> {
    let words = ctx.words;
    let quote = &doc.quotes[q];
    let text = doc.text();
    let open_end = quote
        .inner(text)
        .of(text)
        .trim_end()
        .ends_with([',', '?', '!', '—', '-']);
    if open_end {
        if let Some(hit) = speaker_after_quote(ctx, doc, q) {
            return Some(hit);
        }
    }
    if let Some(mention) = dash_line_after(ctx, doc, q) {
        return Some((mention, None, "quote-dash-speaker"));
    }
    // "More from Ruiz:", "TURNOUT IS UP - Ruiz:": a name closing the words before a colon,
    // on the quote's line or the line before.
    let colon = words
        .before(quote.span.start)
        .filter(|&c| c > 0 && words.text(c) == ":" && words.quote(c).is_none())
        .filter(|&c| !ctx.skip[words.paragraph(c)]);
    if let Some(colon) = colon {
        let floor = ctx.sentence_first(colon);
        if let Some(m) = ctx.lex.mention_ending_at(words, colon - 1, floor) {
            // "From the report:" names a document as well as a person.
            let from = m.first > floor && words.is(m.first - 1, "from");
            let named = matches!(m.kind, MentionKind::Person | MentionKind::Organisation)
                || (from && m.kind == MentionKind::Group);
            // (`from Ruiz:` and `by Ruiz:` name a source; `in San Bernardino:` a place)
            let set_off = m.first == floor
                || words.kind(m.first - 1) == TokenKind::Punct
                || from
                || words.is(m.first - 1, "by");
            if named && set_off && position_speaker(ctx, &m) {
                return Some((m, None, "colon-line-quote"));
            }
        }
    }
    let floor = ctx.sentence_first(first);
    if floor < first && words.paragraph(floor) == words.paragraph(first) {
        let (mention, verb) = subject_with_verb(ctx, floor, first)?;
        return Some((mention, Some(verb), "subject-verb-quote"));
    }
    // A line ending in a colon right before the quote's paragraph introduces it.
    if let Some(colon) = colon.filter(|&c| words.paragraph(c) != words.paragraph(first)) {
        let floor = ctx.sentence_first(colon);
        let (mention, verb) = subject_with_verb(ctx, floor, colon)?;
        return Some((mention, Some(verb), "colon-line-quote"));
    }
    // `Ruiz praised the crew.` and a paragraph that is a quote: the person the line before
    // is about goes on in their own words.
    let quote_paragraph = doc.paragraphs[words.paragraph(first)];
    let last = words.before(quote.span.start)?;
    let whole = quote_paragraph.start == quote.span.start
        && quote.span.end >= quote_paragraph.end.saturating_sub(1)
        && words.paragraph(last) + 1 == words.paragraph(first)
        && !ctx.skip[words.paragraph(last)]
        && words.text(last) == ".";
    if !whole {
        return None;
    }
    let floor = ctx.sentence_first(last);
    let (mention, verb) = subject_with_verb(ctx, floor, last)?;
    // Only a name: a pronoun there points back too far to trust.
    matches!(mention.kind, MentionKind::Person).then_some((
        mention,
        Some(verb),
        "subject-line-quote",
    ))
}

/// The subject of the sentence opening at `floor` and the verb after it, both before word
/// `before`.
fn subject_with_verb(ctx: &Ctx, floor: usize, before: usize) -> Option<(Mention, usize)> {
    let start = ctx.subject_start(floor, before)?;
    let mention = ctx
        .lex
        .mention_starting_at(ctx.words, start, before - 1)
        .or_else(|| loose_subject(ctx, start, before))
        .filter(|m| position_speaker(ctx, m))?;
    let verb = verb_after(ctx, mention.last + 1, before - 1)?;
    Some((mention, verb))
}

/// A subject by position when no list names its head (`Her oldest friends have mocked`,
/// `Many had cheered`): a determiner or capitalised word and at most five more words, up to
/// an auxiliary, a cue or a lowercase past form, all before word `before`.
fn loose_subject(ctx: &Ctx, start: usize, before: usize) -> Option<Mention> {
    let words = ctx.words;
    // A capitalised grammar word (`While`, `In`) opens a clause, not a subject.
    let opener = (words.is_capitalised(start) && !words.has(start, WordInfo::FUNCTION))
        || ctx.lex.is_determiner(words.lower(start));
    if !opener || words.kind(start) != TokenKind::Word {
        return None;
    }
    for k in start + 1..before.min(start + 7) {
        if words.kind(k) != TokenKind::Word && !is_tight_hyphen(words, k) {
            return None;
        }
        let lower = words.lower(k);
        let verb = ctx.lex.auxiliaries.contains(lower)
            || ctx.cue(k).is_some()
            || (lower.ends_with("ed") && !words.is_capitalised(k));
        if verb {
            return Some(group_mention(words, start, k - 1));
        }
    }
    None
}

/// A quote closing its paragraph and a line after it that opens with a dash and a name
/// (`"…"` / `- Ana Ruiz, Salem.`), as quotes are signed in digests and quote boxes.
fn dash_line_after(ctx: &Ctx, doc: &Doc, q: usize) -> Option<Mention> {
    let words = ctx.words;
    let quote = &doc.quotes[q];
    let last_of_quote = words.before(quote.span.end)?;
    let dash = words.at_or_after(quote.span.end);
    if dash + 1 >= words.len()
        || words.paragraph(dash) != words.paragraph(last_of_quote) + 1
        || !matches!(words.text(dash), "—" | "–" | "-" | "--")
        || words.quote(dash).is_some()
    {
        return None;
    }
    let ceiling = ctx.sentence_last(dash + 1).min(dash + 8);
    let mention = ctx.lex.mention_starting_at(words, dash + 1, ceiling)?;
    let named = matches!(
        mention.kind,
        MentionKind::Person | MentionKind::Organisation
    );
    (named && position_speaker(ctx, &mention)).then_some(mention)
}

/// `“…,” Ruiz, the owner, recalled`: a speaker phrase right after the quote, then a verb.
fn speaker_after_quote(
    ctx: &Ctx,
    doc: &Doc,
    q: usize,
) -> Option<(Mention, Option<usize>, &'static str)> {
    let words = ctx.words;
    let quote = &doc.quotes[q];
    let last_of_quote = words.before(quote.span.end)?;
    let mut w = words.at_or_after(quote.span.end);
    if w < words.len() && words.text(w) == "," {
        w += 1;
    }
    if w >= words.len()
        || words.paragraph(w) != words.paragraph(last_of_quote)
        || words.quote(w).is_some()
    {
        return None;
    }
    // A question or exclamation that ends its sentence is tied to the next one's subject
    // only in a short sentence of a name and its verb (`"…?" Hannity pressed.`).
    let own_sentence = words.sentence(w) != words.sentence(last_of_quote);
    if own_sentence {
        let asks = quote
            .inner(doc.text())
            .of(doc.text())
            .trim_end()
            .ends_with(['?', '!']);
        let m = ctx
            .lex
            .mention_starting_at(words, w, ctx.sentence_last(w))?;
        let short = ctx.sentence_last(w) <= m.last + 10;
        let verb = verb_after(ctx, m.last + 1, ctx.sentence_last(w));
        return (asks
            && short
            && m.kind == MentionKind::Person
            && position_speaker(ctx, &m)
            && verb == Some(m.last + 1))
        .then_some((m, verb, "quote-speaker-verb"));
    }
    let ceiling = ctx.sentence_last(w).min(w + 12);
    // A name or listed noun, else a phrase by position ("the state senator and party
    // candidate"): the first reading a verb follows wins.
    let readings = [
        ctx.lex.mention_starting_at(words, w, ceiling),
        loose_phrase(ctx, w, ceiling),
    ];
    let mut readings = readings
        .into_iter()
        .flatten()
        .filter(|m| position_speaker(ctx, m));
    let mention = readings.next()?;
    let sentence_last = ctx.sentence_last(w);
    if let Some((m, verb)) = std::iter::once(mention)
        .chain(readings)
        .find_map(|m| Some((m, verb_after(ctx, m.last + 1, sentence_last)?)))
    {
        return Some((m, Some(verb), "quote-speaker-verb"));
    }
    match verb_after(ctx, mention.last + 1, sentence_last) {
        Some(verb) => Some((mention, Some(verb), "quote-speaker-verb")),
        // "“…,” Ann Ruiz, a baker in town." or an aside holding a quote of its own
        None if mention.kind == MentionKind::Person
            && mention.last < ceiling
            && words.text(mention.last + 1) == "," =>
        {
            Some((mention, None, "quote-speaker-verb"))
        }
        None => None,
    }
}

/// Whether a phrase found by position may be a speaker: a name, a group, an organisation
/// or a third-person pronoun, outside quotes and headings (a word already used by another
/// claim may speak again).
fn position_speaker(ctx: &Ctx, mention: &Mention) -> bool {
    let words = ctx.words;
    mention.kind != MentionKind::FirstPerson
        && !ctx.skip[words.paragraph(mention.first)]
        && (mention.first..=mention.last).all(|w| words.quote(w).is_none())
}

/// The verb after a speaker phrase that ends before word `from`: past a bracketed party and
/// state (`(D-Ore.)`), up to four asides between commas (`, 34, of Salem,`), auxiliaries and
/// adverbs, a lowercase word no further than `last` that is not a grammar word.
fn verb_after(ctx: &Ctx, from: usize, last: usize) -> Option<usize> {
    let words = ctx.words;
    let mut k = past_asides(ctx, from, last);
    while k <= last
        && k < words.len()
        && (ctx.lex.between_speaker_and_cue.contains(words.lower(k)) || ctx.adverb(k))
    {
        k += 1;
    }
    let verb = k <= last
        && k < words.len()
        && words.kind(k) == TokenKind::Word
        && words.quote(k).is_none()
        && !words.is_capitalised(k)
        && !ctx.lex.function_words.contains(words.lower(k));
    verb.then_some(k)
}

/// The first word at or after `k` past a bracketed aside (`(R-Ore.)`) and up to four asides
/// set off by commas (`, 34, of Salem,`, `, a baker,`), none reaching past `last`.
fn past_asides(ctx: &Ctx, mut k: usize, last: usize) -> usize {
    let words = ctx.words;
    if k <= last && k < words.len() && words.text(k) == "(" {
        if let Some(close) = (k + 1..=last.min(k + 8)).find(|&j| words.text(j) == ")") {
            k = close + 1;
        }
    }
    if k > last || k >= words.len() || words.text(k) != "," {
        return k;
    }
    // Each aside runs from a comma to the next; the closing comma of one opens the next
    // unless a verb follows it.
    let mut open = k;
    for _ in 0..4 {
        let close = (open + 1..=last.min(open + 16))
            .take_while(|&j| words.quote(j).is_none())
            .find(|&j| words.text(j) == ",");
        let Some(close) = close else { break };
        k = close + 1;
        open = close;
        let verb_next = k <= last
            && k < words.len()
            && words.kind(k) == TokenKind::Word
            && !words.is_capitalised(k)
            && !ctx.lex.function_words.contains(words.lower(k));
        if verb_next {
            break;
        }
    }
    k
}
