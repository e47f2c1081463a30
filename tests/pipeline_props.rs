//! The whole default pipeline on arbitrary text: it never panics, and every offset the
//! claims and sentences rows carry (content, speaker and cue; code points and bytes) slices
//! the original text to exactly the text written beside it (`support/rows.rs`).

use claimsift::{Article, Pipeline};
use proptest::prelude::*;
use std::sync::OnceLock;

#[path = "support/rows.rs"]
mod rows;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::default_pipeline().unwrap())
}

fn check(text: &str) {
    let doc = pipeline().run(Article {
        id: "p".to_string(),
        source: "p".to_string(),
        text: text.to_string(),
    });
    if let Err(e) = rows::check_doc(&doc) {
        panic!("{e}\ntext: {text:?}");
    }
}

/// News-like text: quotation marks of every style, cues, names, titles, pronouns, formula
/// characters at cell starts, line ends of every kind, and any Unicode char.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec![
            "\"", "“", "”", "‘", "’", "«", "»", "'", " ", " ", " ", "\n", "\n\n", "\r\n", "\r",
            ".", ",", ":", "?", "—", "(", ")", "[", "=", "+", "-", "@", "\t", "\0", "said",
            "told", "saying", "and", "according to", "says", "added", "she", "he", "They", "Mayor", "Dana Ruiz",
            "Ruiz", "the council", "Mr.", "$5 million", "20%", "on Monday", "may", "é", "ß",
            "İ", "\u{feff}", "\u{2028}", "\u{fffd}", "😀",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn news_like_text_keeps_offsets_exact(text in news_like()) {
        check(&text);
    }

    /// Text cut mid-sentence: a sentence that opens with a comma (`, and said …`) once made
    /// the subject search step back before the first word.
    #[test]
    fn text_opening_with_a_comma_keeps_offsets_exact(text in news_like()) {
        check(&format!(", {text}"));
        check(&format!(", and said {text}"));
    }

    #[test]
    fn arbitrary_unicode_keeps_offsets_exact(text in any::<String>()) {
        check(&text);
    }
}

/// Cases found by the fuzz target or written for a bug, each with why it is here.
#[test]
fn regressions() {
    let cases = [
        // A non-ASCII text whose length is a multiple of 64 bytes: the end offset read as 0
        // (CharIndex had no checkpoint for the end); found by fuzz/ on its first run.
        "Zoë said the café was full, and the bakers were ok. “Yes.”",
        &"ü".repeat(32),
        &format!("“{}” said Ana.", "é".repeat(28)),
        // Cells that start with formula characters, in claims and sentences alike.
        "=SUM(A1) is what she typed. “+1 for that,” said Bo. -5 degrees, he said.",
        "@everyone, the mayor said. \t“Tabbed,” said Li.\r“Carriage,” said Al.",
        // A text opening with a comma before a second verb or a participle: the subject
        // search read the word before the first (index -1).
        ", Jones and said the plan will fail badly.",
        ", paused, saying the plan will fail badly.",
        // `, according to X` right after an opening comma: the content before the comma was
        // looked for ending at the word before the first (found by the proptest above).
        ", according to she”»",
    ];
    for text in cases {
        check(text);
    }
}
