//! Checks for a stage, yours or a built-in one: alone, inside a whole pipeline, and on
//! random input.
//!
//! Every check runs the stage and then verifies what every stage promises (see [`Stage`]):
//! it does not panic, it leaves the article text as it was, it changes no layer it does not
//! provide, every span it leaves lies inside the text on char boundaries, and every column of
//! [`Doc::claim_columns`] has one value per claim. A failure panics with the text that broke
//! it, so the helper is used like `assert!` in a test:
//!
//! ```
//! use claimsift::stage::{Layer, Stage};
//! use claimsift::testing::StageTest;
//! use claimsift::Doc;
//!
//! /// Counts the question marks of each claim.
//! struct Questions;
//!
//! impl Stage for Questions {
//!     fn name(&self) -> &str {
//!         "questions"
//!     }
//!     fn requires(&self) -> &[Layer] {
//!         &[Layer::Claims]
//!     }
//!     fn provides(&self) -> &[Layer] {
//!         &[Layer::Custom("questions")]
//!     }
//!     fn process(&self, doc: &mut Doc) {
//!         let text = doc.article.text.as_str();
//!         let counts = doc
//!             .claims
//!             .iter()
//!             .map(|c| c.attribution.hull().of(text).matches('?').count().to_string())
//!             .collect();
//!         doc.claim_columns.insert("questions".into(), counts);
//!     }
//! }
//!
//! let test = StageTest::new(&Questions);
//! let doc = test.in_pipeline("“Why now? Who pays?” Dana Ruiz asked.");
//! assert_eq!(doc.claim_columns["questions"], ["2"]);
//! test.random(7, 50);
//! ```
//!
//! The random texts come from [`RandomText`], a small deterministic generator: a failing
//! seed fails the same way every time.

use crate::doc::{Article, Doc, Span};
use crate::pipeline::Pipeline;
use crate::stage::{Layer, Stage};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A stage under test, with the pipeline that prepares its input and surrounds it.
pub struct StageTest<'s> {
    stage: &'s dyn Stage,
    pipeline: Pipeline,
}

impl<'s> StageTest<'s> {
    /// Tests `stage` with the default pipeline (`news-en`) around it.
    pub fn new(stage: &'s dyn Stage) -> StageTest<'s> {
        let pipeline = Pipeline::default_pipeline().expect("the embedded default pipeline builds");
        StageTest::with_pipeline(stage, pipeline)
    }

    /// Tests `stage` with `pipeline` around it (for a stage meant for another pipeline, such
    /// as `news-de`).
    pub fn with_pipeline(stage: &'s dyn Stage, pipeline: Pipeline) -> StageTest<'s> {
        StageTest { stage, pipeline }
    }

    /// Runs the stage alone on `text`: the pipeline's stages run first only until the layers
    /// the stage requires are there, then the stage. Checks the stage's promises and returns
    /// the document.
    pub fn alone(&self, text: &str) -> Doc {
        let mut doc = doc_of(text);
        let mut provided: Vec<Layer> = Vec::new();
        for stage in self.pipeline.stages() {
            if self.stage.requires().iter().all(|l| provided.contains(l)) {
                break;
            }
            if stage.name() == self.stage.name() {
                break;
            }
            guarded(stage, &mut doc, text);
            provided.extend_from_slice(stage.provides());
        }
        self.check_requirements(&provided, "alone");
        guarded(self.stage, &mut doc, text);
        doc
    }

    /// Runs the whole pipeline with the stage in it on `text`: in place of the pipeline's
    /// stage of the same name if there is one (a new version of a built-in stage), else
    /// after the last stage. Every stage, the one under test and those after it, is checked.
    pub fn in_pipeline(&self, text: &str) -> Doc {
        let mut doc = doc_of(text);
        let mut provided: Vec<Layer> = Vec::new();
        let mut placed = false;
        for stage in self.pipeline.stages() {
            let stage = if stage.name() == self.stage.name() {
                self.check_requirements(&provided, "in the pipeline");
                placed = true;
                self.stage
            } else {
                stage
            };
            guarded(stage, &mut doc, text);
            provided.extend_from_slice(stage.provides());
        }
        if !placed {
            self.check_requirements(&provided, "after the pipeline");
            guarded(self.stage, &mut doc, text);
        }
        doc
    }

    /// Runs the stage alone and inside the pipeline on `cases` random texts from `seed`.
    pub fn random(&self, seed: u64, cases: usize) {
        let mut texts = RandomText::new(seed);
        for _ in 0..cases {
            let text = texts.next_text();
            self.alone(&text);
            self.in_pipeline(&text);
        }
    }

    /// The whole check: alone and inside the pipeline on each of `texts`, then on 200
    /// random texts.
    pub fn check(&self, texts: &[&str]) {
        for text in texts {
            self.alone(text);
            self.in_pipeline(text);
        }
        self.random(0x5eed, 200);
    }

    fn check_requirements(&self, provided: &[Layer], place: &str) {
        for layer in self.stage.requires() {
            assert!(
                provided.contains(layer),
                "stage `{}` {place}: requires {} but no stage before it provides them",
                self.stage.name(),
                layer.as_str()
            );
        }
    }
}

fn doc_of(text: &str) -> Doc {
    Doc::new(Article {
        id: "test".to_string(),
        source: "claimsift::testing".to_string(),
        text: text.to_string(),
    })
}

/// Runs one stage, then checks it kept its promises; panics naming the stage and text.
fn guarded(stage: &dyn Stage, doc: &mut Doc, text: &str) {
    let before = doc.clone();
    let outcome = catch_unwind(AssertUnwindSafe(|| stage.process(doc)));
    let name = stage.name();
    if outcome.is_err() {
        panic!("stage `{name}` panicked on {text:?}");
    }
    if let Err(problem) = kept_promises(stage.provides(), &before, doc) {
        panic!("stage `{name}` on {text:?}: {problem}");
    }
}

/// What every stage promises: text untouched, only its own layers changed, spans sound.
fn kept_promises(provides: &[Layer], before: &Doc, after: &Doc) -> Result<(), String> {
    if after.article != before.article {
        return Err("changed the article".to_string());
    }
    let text = after.text();
    let unchanged = |layer: Layer, same: bool| -> Result<(), String> {
        if same || provides.contains(&layer) {
            Ok(())
        } else {
            Err(format!(
                "changed the {} layer it does not provide",
                layer.as_str()
            ))
        }
    };
    unchanged(
        Layer::Tokens,
        before.tokens == after.tokens && before.norms == after.norms,
    )?;
    unchanged(Layer::Paragraphs, before.paragraphs == after.paragraphs)?;
    unchanged(Layer::Sentences, before.sentences == after.sentences)?;
    unchanged(Layer::Quotes, before.quotes == after.quotes)?;
    unchanged(
        Layer::Attributions,
        before.attributions == after.attributions,
    )?;
    unchanged(Layer::Claims, before.claims == after.claims)?;
    let mut spans: Vec<(&str, Span)> = Vec::new();
    spans.extend(after.tokens.iter().map(|t| ("token", t.span)));
    spans.extend(after.paragraphs.iter().map(|p| ("paragraph", *p)));
    spans.extend(after.sentences.iter().map(|s| ("sentence", s.span)));
    spans.extend(after.quotes.iter().map(|q| ("quote", q.span)));
    let attributions = after
        .attributions
        .iter()
        .chain(after.claims.iter().map(|c| &c.attribution));
    for a in attributions {
        spans.extend(a.content.iter().map(|s| ("content", *s)));
        spans.extend(a.speaker.iter().map(|s| ("speaker", *s)));
        spans.extend(a.cue.iter().map(|s| ("cue", *s)));
    }
    for (what, span) in spans {
        let sound = span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        if !sound {
            return Err(format!(
                "{what} span {}..{} is not on char boundaries of a {}-byte text",
                span.start,
                span.end,
                text.len()
            ));
        }
    }
    if !after.tokens.is_empty() {
        let joined: usize = after.tokens.iter().map(|t| t.span.len()).sum();
        if joined != text.len() {
            return Err("tokens do not cover the text".to_string());
        }
    }
    for (column, values) in &after.claim_columns {
        if values.len() != after.claims.len() {
            return Err(format!(
                "claim column `{column}` has {} values for {} claims",
                values.len(),
                after.claims.len()
            ));
        }
    }
    Ok(())
}

/// A deterministic generator of awkward news-like texts: words and names, speech cues in
/// English and German, quotation marks of every style (often unbalanced), numbers, money,
/// dashes, brackets, every kind of line break, multi-byte letters, combining marks, emoji
/// and control characters.
pub struct RandomText {
    state: u64,
}

/// The pieces random texts are made of.
const PIECES: &[&str] = &[
    "the",
    "plan",
    "will",
    "fail",
    "Garman",
    "Dana",
    "Ruiz",
    "Mr.",
    "Dr.",
    "Sen.",
    "said",
    "told",
    "reporters",
    "that",
    "according",
    "to",
    "he",
    "she",
    "they",
    "it",
    "we",
    "AWS",
    "CEO",
    "company",
    "officials",
    "Müller",
    "sagte",
    "laut",
    "zufolge",
    "so",
    "die",
    "Ministerin",
    "er",
    "sie",
    "fügte",
    "hinzu",
    "$4.5",
    "billion",
    "12%",
    "2026",
    "3.5",
    "€10",
    "Tuesday",
    "not",
    "did",
    "may",
    "\"",
    "“",
    "”",
    "„",
    "‟",
    "«",
    "»",
    "‹",
    "›",
    "‘",
    "’",
    "'",
    "‚",
    "「",
    "」",
    "＂",
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "…",
    "—",
    "–",
    "-",
    "(",
    ")",
    "[",
    "]",
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{2029}",
    "\u{85}",
    "é",
    "ÉTÉ",
    "日本語",
    "🙂",
    "e\u{301}",
    "\u{200d}",
    "\u{0}",
    "\u{feff}",
    "a.m.",
    "U.S.",
    "don't",
    "Garman’s",
    "co-founder",
    "ß",
    "İ",
];

impl RandomText {
    /// A generator whose texts depend only on `seed`.
    pub fn new(seed: u64) -> RandomText {
        RandomText {
            state: seed ^ 0x9e37_79b9_7f4a_7c15,
        }
    }

    /// The next number of the sequence (SplitMix64).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// The next text: up to 240 pieces, mostly separated by spaces.
    pub fn next_text(&mut self) -> String {
        let count = self.below(241);
        let mut text = String::new();
        for _ in 0..count {
            text.push_str(PIECES[self.below(PIECES.len())]);
            if self.below(3) > 0 {
                text.push(' ');
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage that breaks each promise in turn, to show the checks catch it.
    struct Broken(u8);

    impl Stage for Broken {
        fn name(&self) -> &str {
            "broken"
        }
        fn requires(&self) -> &[Layer] {
            &[Layer::Tokens]
        }
        fn provides(&self) -> &[Layer] {
            // Quotes, so that a bad quote span is caught as bad rather than as a change.
            &[Layer::Custom("broken"), Layer::Quotes]
        }
        fn process(&self, doc: &mut Doc) {
            match self.0 {
                0 => doc.article.text.push('!'),
                1 => doc.tokens.clear(),
                2 => doc.quotes.push(crate::doc::Quote {
                    span: Span::new(0, 1),
                    closed: true,
                    paragraphs: 1,
                    words: 0,
                    nested: false,
                }),
                3 => {
                    doc.claim_columns.insert("x".into(), vec!["1".into()]);
                }
                _ => panic!("boom"),
            }
        }
    }

    #[test]
    fn broken_promises_are_caught() {
        // (which promise, text, what the message says)
        let cases = [
            (0, "Hi.", "changed the article"),
            (1, "Hi.", "changed the tokens layer"),
            (
                2,
                "é is a letter.",
                "quote span 0..1 is not on char boundaries",
            ),
            (3, "Hi.", "claim column `x` has 1 values for 0 claims"),
            (4, "Hi.", "panicked on \"Hi.\""),
        ];
        for (which, text, want) in cases {
            let stage = Broken(which);
            let test = StageTest::new(&stage);
            let message = catch_unwind(AssertUnwindSafe(|| test.alone(text)))
                .err()
                .and_then(|e| e.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            assert!(
                message.contains(want),
                "{which}: {message:?} lacks {want:?}"
            );
        }
    }

    #[test]
    fn alone_runs_only_what_the_stage_needs() {
        let text = "“We are ready,” Ruiz said.";
        // In the pipeline the claims are made before it: one value for one claim is right.
        let doc = StageTest::new(&Broken(3)).in_pipeline(text);
        assert_eq!(doc.claims.len(), 1);
        assert_eq!(doc.claim_columns["x"], ["1"]);
        // Alone, only tokenize runs first (all it requires): no claims, so one value is wrong.
        let alone = catch_unwind(AssertUnwindSafe(|| StageTest::new(&Broken(3)).alone(text)));
        assert!(alone.is_err());
        let pipeline = Pipeline::default_pipeline().unwrap();
        let tokenize = pipeline.stages().next().unwrap();
        let doc = StageTest::new(tokenize).alone("a b");
        assert!(doc.sentences.is_empty());
        assert_eq!(doc.tokens.len(), 3);
    }

    #[test]
    fn random_texts_are_deterministic_and_varied() {
        let (mut a, mut b) = (RandomText::new(3), RandomText::new(3));
        let texts: Vec<String> = (0..20).map(|_| a.next_text()).collect();
        assert!(texts.iter().all(|t| *t == b.next_text()));
        assert!(texts.iter().any(|t| t.contains('\n')));
        assert!(texts.iter().any(|t| !t.is_ascii()));
        let mut c = RandomText::new(4);
        assert_ne!(
            texts[0..5],
            (0..5).map(|_| c.next_text()).collect::<Vec<_>>()[..]
        );
    }
}
