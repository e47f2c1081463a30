//! The `attribution` stage: who said what.
//!
//! The stage reads the quotes and sentences and finds, with rules over word lists:
//!
//! | rule | pattern |
//! |---|---|
//! | `quote-speaker-cue` | `"…," Garman said.` |
//! | `quote-cue-speaker` | `"…," said Garman.` |
//! | `quote-split` | `"…," Garman said, "…"`: one claim in two pieces |
//! | `speaker-cue-quote` | `Garman said: "…"`, `Garman told reporters, "…"`, `A senior aide, who …, said of the plan, "…"` |
//! | `cue-line-quote` | `Garman agreed. "…"`, `Garman said in a statement. "…"`: a sentence of attribution alone before the quote opening the next |
//! | `intro-colon-quote` | a paragraph ending `Garman said:` and a quote opening the next |
//! | `speaker-colon-quote` | `Garman: "…"` |
//! | `subject-colon-quote` | `Garman pushed back: "…"`: a short clause ending in a colon |
//! | `quote-dash-speaker` | `"…" — Matt Garman, AWS`, or a line `- Matt Garman` after a quote ending its paragraph |
//! | `floating-quote` | a quoted paragraph with no cue right after an attributed one: the same speaker, in `speaker_canonical` only (a quote with no cue right after an attribution in its own paragraph, `…, Garman said. "…"`, is another piece of that claim instead) |
//! | `quote-speaker-verb` | `"…," Garman, the CEO, shrugged`: a quote no cue claims, the phrase after it and a verb |
//! | `subject-verb-quote` | `Garman thanked staff for "…"`: a quote no cue claims, the subject of its sentence and a verb |
//! | `colon-line-quote` | a line ending `Garman went on:` or `— Garman:` before a quote no cue claims |
//! | `subject-line-quote` | `Garman praised the staff.` and then a paragraph that is a quote no cue claims: the named subject of the line before |
//! | `quote-unattributed` | a sentence-like quote nobody is named for |
//! | `speaker-cue-that` | `Garman said (on Tuesday) that …` |
//! | `speaker-cue-clause` | `Garman said the plan …` (verbs flagged `+clause`) |
//! | `speaker-cue-mixed` | `Garman said things "should end soon"`: a quote inside reported speech the rules above could not bound; the content runs from the cue to the quote's clause end |
//! | `content-speaker-cue` | `…, Garman said.` |
//! | `content-cue-speaker` | `…, said Garman.` |
//! | `content-aside-cue` | `The plan, Garman said, will fail.`: one claim in two pieces |
//! | `according-to-first` | `According to Garman, …`; `Laut Merkel ist …`, `Merkel zufolge ist …` (German) |
//! | `according-to-last` | `…, according to Garman.` |
//! | `according-to-aside` | `Die Lage ist laut Merkel ernst.`, `… ist Merkel zufolge ernst.` (with `verb_second`): one claim in two pieces |
//! | `position-is-that` | `Garman's position is that …` |
//! | `speaker-cue-to` | `Garman vowed to “fight on”` (verbs flagged `+to`) |
//! | `speaker-names-quote` | `Garman called the plan “a clear win”` (verbs flagged `+naming`) |
//!
//! Negated cues (`did not say`, `not claiming`) attribute nothing. Headings, datelines and
//! bylines (short lines without a terminal mark, or holding a byline word) neither hold
//! claims nor give speakers. Speakers are then resolved to one canonical name per article
//! (see the `resolve` module).
//!
//! ```toml
//! [[stages]]
//! kind = "attribution"
//! cues = "lexicons/en/cues.txt"
//! titles = "lexicons/en/titles.txt"
//! pronouns = "lexicons/en/pronouns.txt"
//! organisations = "lexicons/en/organisations.txt"
//! people = "lexicons/en/people.txt"
//! bylines = "lexicons/en/bylines.txt"
//! given_names = "lexicons/en/given-names.txt"
//! function_words = "lexicons/en/function-words.txt"
//! places = "lexicons/en/places.txt"
//! ```
//!
//! The grammar the rules need beyond cues and names comes from word lists too, each
//! defaulting to the English one built in (`determiners`, `subject_pronouns`, `according`,
//! `complementisers`, `negations`, …; see [`AttributionConfig`]), with switches for word
//! order and spelling. `pipelines/news-de.toml` sets them for German:
//!
//! ```toml
//! according = "lexicons/de/according.txt"   # laut, nach Angaben von
//! complementisers = "lexicons/de/complementisers.txt"   # dass, ob
//! particles = "lexicons/de/particles.txt"   # fügte … hinzu
//! verb_second = true          # Am Montag sagte Merkel, …; sagte nicht
//! comma_before_clause = true  # sagte, dass …
//! capitalised_nouns = true    # die Regierung is no name; Bundesregierung by regierung
//! stem_fallback = false       # the German list holds every form
//! ```

mod mentions;
mod resolve;
mod rules;
mod vocab;
mod words;

use crate::doc::Doc;
use crate::error::ConfigError;
use crate::lexicon::WordList;
use crate::pipeline::BuildContext;
use crate::stage::{Layer, Stage};
use mentions::PronounClass;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// Settings of the attribution stage. Word-list paths are relative to the pipeline file.
///
/// The grammar lists after `heading_max_words` (`determiners` … `naming_words`) say what
/// the rules need to know about a language beyond its cues and names; each is optional and
/// defaults to the English list built into the binary (`lexicons/en/…`), so a pipeline for
/// another language names its own.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AttributionConfig {
    /// Speech verbs with all their forms and flags.
    pub cues: String,
    /// Titles and roles that may stand before a name.
    pub titles: String,
    /// Pronouns with what they agree with.
    pub pronouns: String,
    /// Words that make a name an organisation.
    pub organisations: String,
    /// Nouns naming people or groups who speak.
    pub people: String,
    /// Words that mark a byline or desk line.
    pub bylines: String,
    /// Given names with their usual pronoun.
    pub given_names: String,
    /// Words capitalised only at a sentence start.
    pub function_words: String,
    /// Words that make a name a place or thing, never a person.
    pub places: String,
    /// A quote nobody is named for becomes a claim only with at least this many words.
    #[serde(default = "default_unattributed_words")]
    pub unattributed_min_words: usize,
    /// A paragraph without a terminal mark and with at most this many words is a heading.
    #[serde(default = "default_heading_words")]
    pub heading_max_words: usize,
    /// Determiners and possessives that open a noun phrase (`the`, `their`).
    #[serde(default)]
    pub determiners: Option<String>,
    /// Pronouns that can be the subject of a cue, with their class (`he male`, `we first`).
    #[serde(default)]
    pub subject_pronouns: Option<String>,
    /// Phrases that attribute a sentence to the speaker after them (`according to`), or,
    /// flagged `+after`, before them (German `Merkel zufolge`).
    #[serde(default)]
    pub according: Option<String>,
    /// Words that open reported speech after a cue (`that`).
    #[serde(default)]
    pub complementisers: Option<String>,
    /// Prepositions joining a role to its body (`a spokesperson for the ministry`).
    #[serde(default)]
    pub prepositions: Option<String>,
    /// Words that open a bare clause right after a cue (`said the plan failed`).
    #[serde(default)]
    pub clause_openers: Option<String>,
    /// Auxiliaries that mark the verb of a clause opened by a bare noun.
    #[serde(default)]
    pub auxiliaries: Option<String>,
    /// Words that may stand between a speaker and the cue (`has`, `also`).
    #[serde(default)]
    pub between_speaker_and_cue: Option<String>,
    /// Words that negate a cue before it (`not`, `never`).
    #[serde(default)]
    pub negations: Option<String>,
    /// Time words that follow a cue without being its content (`Tuesday`).
    #[serde(default)]
    pub time_words: Option<String>,
    /// Words after a comma that start a new attribution, ending content (`adding`).
    #[serde(default)]
    pub content_stops: Option<String>,
    /// Titles that tell a gender (`mr male`).
    #[serde(default)]
    pub gendered_titles: Option<String>,
    /// Words that may follow a speaker named after the cue, closing the speaker phrase
    /// (`said Garman in a statement`, `said Garman, who …`).
    #[serde(default)]
    pub after_speaker: Option<String>,
    /// The ending of a cue form whose subject is plural (German `en`: `sagten sie` is they,
    /// `sagte sie` she). Unset by default.
    #[serde(default)]
    pub plural_cue_ending: Option<String>,
    /// Separable-verb particles that close a clause after its cue and speaker (German
    /// `fügte sie hinzu`). None by default.
    #[serde(default)]
    pub particles: Option<String>,
    /// The finite verb comes second and the subject may follow it (German `Am Montag sagte
    /// Merkel, …`, `Laut Merkel ist …`), and a negation follows the cue (`sagte nicht`).
    #[serde(default)]
    pub verb_second: bool,
    /// Reported speech is set off by a comma after the cue (German `sagte, dass …`).
    #[serde(default)]
    pub comma_before_clause: bool,
    /// Every noun is capitalised (German): a capitalised word after a determiner is a noun,
    /// not a name, and a compound noun is known by its last part (`Bundesregierung`).
    #[serde(default)]
    pub capitalised_nouns: bool,
    /// Cue forms missing from the list are found by their English Snowball stem (`-ed`,
    /// `-ing`, `-s` forms). On by default; a language whose list holds every form turns it off.
    #[serde(default = "default_true")]
    pub stem_fallback: bool,
    /// Determiners after which a cue form is a noun (`the claim`, `a statement`).
    #[serde(default)]
    pub noun_markers: Option<String>,
    /// Words that open a time phrase before a time word (`on`, `last`, `earlier`).
    #[serde(default)]
    pub time_openers: Option<String>,
    /// Words before a quote that make it a name or title (`titled`, `billed as`).
    #[serde(default)]
    pub naming_words: Option<String>,
}

fn default_true() -> bool {
    true
}

fn default_unattributed_words() -> usize {
    6
}

fn default_heading_words() -> usize {
    16
}

/// What a cue verb allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    /// Takes reported speech without `that`.
    pub clause: bool,
    /// Takes an addressee before the content.
    pub object: bool,
    /// Names or describes something in quoted words ("called the plan “a disaster”").
    pub naming: bool,
    /// Reports an intention with `to` ("vowed to fight on").
    pub to: bool,
    /// Attributes only what stands before it (German `»…«, so Merkel`): never opens content.
    pub after: bool,
}

/// The word lists the stage reads, in the shapes its rules use.
pub(crate) struct Lexicon {
    /// What the lists say of each word met so far: see `vocab`.
    memo: vocab::WordMemo,
    pub cues: HashMap<String, Cue>,
    /// Stems of the cue verbs' base forms: a fallback for regular forms not listed.
    pub cue_stems: HashMap<String, Cue>,
    pub titles: HashSet<String>,
    /// Titles ending in a full stop, without it (`sen` for `sen.`).
    pub dotted_titles: HashSet<String>,
    /// What comes before a hyphen in a hyphenated title (`co` for `co-founder`).
    pub hyphen_title_heads: HashSet<String>,
    pub pronouns: HashMap<String, PronounClass>,
    pub organisations: HashSet<String>,
    pub people: HashSet<String>,
    pub bylines: HashSet<String>,
    pub given_names: HashMap<String, PronounClass>,
    pub function_words: HashSet<String>,
    pub places: HashSet<String>,
    pub determiners: HashSet<String>,
    /// Subject pronouns: `None` for the first person, else the class they agree with.
    pub subject_pronouns: HashMap<String, Option<PronounClass>>,
    /// Phrases like `according to`, each as its lowercase words, and whether the speaker
    /// stands before it (`+after`: `Merkel zufolge`).
    pub according: Vec<(Vec<String>, bool)>,
    pub complementisers: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub clause_openers: HashSet<String>,
    pub auxiliaries: HashSet<String>,
    pub between_speaker_and_cue: HashSet<String>,
    pub negations: HashSet<String>,
    pub time_words: HashSet<String>,
    pub content_stops: HashSet<String>,
    pub gendered_titles: HashMap<String, PronounClass>,
    pub after_speaker: HashSet<String>,
    pub particles: HashSet<String>,
    pub plural_cue_ending: Option<String>,
    pub verb_second: bool,
    pub comma_before_clause: bool,
    pub capitalised_nouns: bool,
    pub stem_fallback: bool,
    pub noun_markers: HashSet<String>,
    pub time_openers: HashSet<String>,
    pub naming_words: HashSet<String>,
}

fn lowercase_words(list: &WordList) -> Result<HashSet<String>, ConfigError> {
    let mut set = HashSet::default();
    for entry in &list.entries {
        if entry.text.split_whitespace().count() != 1 {
            return Err(list.error_at(entry.line, "expected one word"));
        }
        set.insert(entry.text.to_lowercase());
    }
    Ok(set)
}

/// The class named `word`; `first` (the first person) only when `first_allowed`.
fn pronoun_class(
    list: &WordList,
    line: usize,
    word: &str,
    first_allowed: bool,
) -> Result<Option<PronounClass>, ConfigError> {
    Ok(Some(match word {
        "male" => PronounClass::Male,
        "female" => PronounClass::Female,
        "plural" => PronounClass::Plural,
        "thing" => PronounClass::Thing,
        "female-or-plural" => PronounClass::FemaleOrPlural,
        "first" if first_allowed => return Ok(None),
        other => {
            let first = if first_allowed {
                ", thing, female-or-plural or first"
            } else {
                ", thing or female-or-plural"
            };
            return Err(list.error_at(
                line,
                format!("unknown class `{other}`, expected male, female, plural{first}"),
            ));
        }
    }))
}

/// A `word class` list; `first` is a class only when `first_allowed` (it maps to `None`).
fn classed_entries(
    list: &WordList,
    first_allowed: bool,
) -> Result<HashMap<String, Option<PronounClass>>, ConfigError> {
    let mut map = HashMap::default();
    for entry in &list.entries {
        let parts: Vec<&str> = entry.text.split_whitespace().collect();
        let [word, class] = parts[..] else {
            return Err(list.error_at(entry.line, "expected `word class`"));
        };
        let class = pronoun_class(list, entry.line, class, first_allowed)?;
        map.insert(word.to_lowercase(), class);
    }
    Ok(map)
}

fn classed_words(list: &WordList) -> Result<HashMap<String, PronounClass>, ConfigError> {
    Ok(classed_entries(list, false)?
        .into_iter()
        .filter_map(|(word, class)| Some((word, class?)))
        .collect())
}

/// Each entry of a list of phrases as its lowercase words, and whether it is flagged `+after`.
fn phrases(list: &WordList) -> Result<Vec<(Vec<String>, bool)>, ConfigError> {
    let mut out = Vec::new();
    for entry in &list.entries {
        let mut after = false;
        let mut phrase = Vec::new();
        for word in entry.text.split_whitespace() {
            match word {
                "+after" => after = true,
                flag if flag.starts_with('+') => {
                    return Err(list.error_at(
                        entry.line,
                        format!("unknown flag `{flag}`, expected +after"),
                    ))
                }
                word => phrase.push(word.to_lowercase()),
            }
        }
        if phrase.is_empty() {
            return Err(list.error_at(entry.line, "a phrase needs at least one word"));
        }
        out.push((phrase, after));
    }
    Ok(out)
}

/// The grammar list a setting names, or the English one built in (`lexicons/en/NAME.txt`).
fn grammar_list(
    context: &mut BuildContext,
    path: &Option<String>,
    name: &str,
) -> Result<WordList, ConfigError> {
    context.word_list_or_embedded(path.as_deref(), &format!("lexicons/en/{name}.txt"))
}

fn grammar_words(
    context: &mut BuildContext,
    path: &Option<String>,
    name: &str,
) -> Result<HashSet<String>, ConfigError> {
    lowercase_words(&grammar_list(context, path, name)?)
}

impl Lexicon {
    fn load(
        config: &AttributionConfig,
        context: &mut BuildContext,
    ) -> Result<Lexicon, ConfigError> {
        let cue_list = context.word_list(&config.cues)?;
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let mut cues = HashMap::default();
        let mut cue_stems = HashMap::default();
        for entry in &cue_list.entries {
            let mut cue = Cue {
                clause: false,
                object: false,
                naming: false,
                to: false,
                after: false,
            };
            let mut forms = Vec::new();
            for part in entry.text.split_whitespace() {
                match part {
                    "+clause" => cue.clause = true,
                    "+object" => cue.object = true,
                    "+naming" => cue.naming = true,
                    "+to" => cue.to = true,
                    "+after" => cue.after = true,
                    flag if flag.starts_with('+') => {
                        return Err(cue_list.error_at(
                            entry.line,
                            format!(
                                "unknown flag `{flag}`, expected +clause, +object, +naming, +to or +after"
                            ),
                        ))
                    }
                    form => forms.push(form.to_lowercase()),
                }
            }
            let Some(base) = forms.first() else {
                return Err(cue_list.error_at(entry.line, "a cue line needs at least one form"));
            };
            cue_stems.insert(stemmer.stem(base).into_owned(), cue);
            for form in forms {
                cues.insert(form, cue);
            }
        }
        let titles = lowercase_words(&context.word_list(&config.titles)?)?;
        let dotted_titles = titles
            .iter()
            .filter_map(|t| t.strip_suffix('.'))
            .map(str::to_string)
            .collect();
        let hyphen_title_heads = titles
            .iter()
            .flat_map(|t| t.match_indices('-').map(|(k, _)| t[..k].to_string()))
            .collect();
        Ok(Lexicon {
            memo: vocab::WordMemo::default(),
            cues,
            cue_stems,
            titles,
            dotted_titles,
            hyphen_title_heads,
            pronouns: classed_words(&context.word_list(&config.pronouns)?)?,
            organisations: lowercase_words(&context.word_list(&config.organisations)?)?,
            people: lowercase_words(&context.word_list(&config.people)?)?,
            bylines: lowercase_words(&context.word_list(&config.bylines)?)?,
            given_names: classed_words(&context.word_list(&config.given_names)?)?,
            function_words: lowercase_words(&context.word_list(&config.function_words)?)?,
            places: lowercase_words(&context.word_list(&config.places)?)?,
            determiners: grammar_words(context, &config.determiners, "determiners")?,
            subject_pronouns: classed_entries(
                &grammar_list(context, &config.subject_pronouns, "subject-pronouns")?,
                true,
            )?,
            according: phrases(&grammar_list(context, &config.according, "according")?)?,
            complementisers: grammar_words(context, &config.complementisers, "complementisers")?,
            prepositions: grammar_words(context, &config.prepositions, "prepositions")?,
            clause_openers: grammar_words(context, &config.clause_openers, "clause-openers")?,
            auxiliaries: grammar_words(context, &config.auxiliaries, "auxiliaries")?,
            between_speaker_and_cue: grammar_words(
                context,
                &config.between_speaker_and_cue,
                "between-speaker-and-cue",
            )?,
            negations: grammar_words(context, &config.negations, "negations")?,
            time_words: grammar_words(context, &config.time_words, "time-words")?,
            content_stops: grammar_words(context, &config.content_stops, "content-stops")?,
            gendered_titles: classed_words(&grammar_list(
                context,
                &config.gendered_titles,
                "gendered-titles",
            )?)?,
            after_speaker: grammar_words(context, &config.after_speaker, "after-speaker")?,
            particles: match &config.particles {
                Some(path) => lowercase_words(&context.word_list(path)?)?,
                None => HashSet::default(),
            },
            plural_cue_ending: config.plural_cue_ending.as_deref().map(str::to_lowercase),
            verb_second: config.verb_second,
            comma_before_clause: config.comma_before_clause,
            capitalised_nouns: config.capitalised_nouns,
            stem_fallback: config.stem_fallback,
            noun_markers: grammar_words(context, &config.noun_markers, "noun-markers")?,
            time_openers: grammar_words(context, &config.time_openers, "time-openers")?,
            naming_words: grammar_words(context, &config.naming_words, "naming-words")?,
        }
        .with_memo())
    }
}

/// The attribution stage.
pub struct Attribution {
    lexicon: Lexicon,
    unattributed_min_words: usize,
    heading_max_words: usize,
}

impl Attribution {
    /// Builds the stage, reading its word lists.
    pub fn new(
        config: &AttributionConfig,
        context: &mut BuildContext,
    ) -> Result<Self, ConfigError> {
        Ok(Attribution {
            lexicon: Lexicon::load(config, context)?,
            unattributed_min_words: config.unattributed_min_words,
            heading_max_words: config.heading_max_words,
        })
    }
}

impl Stage for Attribution {
    fn name(&self) -> &str {
        "attribution"
    }

    fn requires(&self) -> &[Layer] {
        &[
            Layer::Tokens,
            Layer::Paragraphs,
            Layer::Sentences,
            Layer::Quotes,
        ]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Attributions]
    }

    fn process(&self, doc: &mut Doc) {
        let attributions = rules::attribute(self, doc);
        doc.attributions = attributions;
    }
}

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod tests;
