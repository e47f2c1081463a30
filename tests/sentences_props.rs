//! Invariants of the sentences stage on arbitrary text: the sentences cover the paragraphs
//! without overlap apart from white space, none is empty, every span lies on char
//! boundaries, and nothing panics.

use claimsift::stages::sentences::Sentences;
use claimsift::{Article, Doc, Stage};
use proptest::prelude::*;
use std::sync::OnceLock;

fn stage() -> &'static Sentences {
    static STAGE: OnceLock<Sentences> = OnceLock::new();
    STAGE.get_or_init(|| Sentences::from_default_pipeline().unwrap())
}

/// Text made mostly of what the splitter looks at: marks, quotes, brackets, spaces, line
/// breaks, capitals, abbreviations, digits, plus any Unicode char.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            ".", "?", "!", "…", ". . .", "...", " ", " ", "\n", "\r\n", "\n\n", "\u{a0}",
            "\u{2028}", "\"", "'", "“", "”", "‘", "’", "(", ")", "[", "]", "•", "⁃", "-", ",",
            "@", "://", "1", "2.", "3)", "a.", "b)", "I", "U.S.", "Mr.", "Inc.", "p.m.",
            "No.", "e.g.", "The", "He", "said", "asked", "we", "Smith", "é", "ß", "İ", "ǅ",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn check(text: &str) {
    let mut doc = Doc::new(Article {
        text: text.to_string(),
        ..Article::default()
    });
    stage().process(&mut doc);
    // In a paragraph: which bytes are covered, to check coverage below.
    let mut in_paragraph = vec![false; text.len()];
    for p in &doc.paragraphs {
        in_paragraph[p.start..p.end].fill(true);
    }
    let mut covered = vec![false; text.len()];
    let mut previous_end = 0;
    for (k, s) in doc.sentences.iter().enumerate() {
        let span = s.span;
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "sentence {k} {span} is not on char boundaries in {text:?}"
        );
        let body = span.of(text);
        assert!(!body.is_empty(), "sentence {k} is empty in {text:?}");
        assert_eq!(body, body.trim(), "sentence {k} is not trimmed in {text:?}");
        assert!(
            span.start >= previous_end,
            "sentence {k} overlaps the one before in {text:?}"
        );
        previous_end = span.end;
        let para = doc.paragraphs[s.paragraph];
        assert!(
            para.start <= span.start && span.start < para.end,
            "sentence {k} does not start in its paragraph in {text:?}"
        );
        // Outside paragraphs a sentence holds only the white space between wrapped lines.
        for (i, c) in body.char_indices() {
            let at = span.start + i;
            assert!(
                in_paragraph[at] || c.is_whitespace(),
                "sentence {k} holds {c:?} outside any paragraph in {text:?}"
            );
        }
        covered[span.start..span.end].fill(true);
    }
    for p in &doc.paragraphs {
        for (i, c) in p.of(text).char_indices() {
            assert!(
                covered[p.start + i] || c.is_whitespace(),
                "{c:?} at {} is in no sentence in {text:?}",
                p.start + i
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sentences_cover_news_like_text(text in news_like()) {
        check(&text);
    }

    #[test]
    fn sentences_cover_any_text(text in any::<String>()) {
        check(&text);
    }
}

/// Inputs that once looked risky: long runs with no white space, marks at both ends.
#[test]
fn edge_cases() {
    let long_token = "a.Bc".repeat(5000);
    let cases = [
        "",
        ".",
        "...",
        ". . . .",
        "“",
        "\n\n\n",
        "1.",
        "• ",
        "a) b)",
        "Mr.",
        "U.S.",
        "x. . . .”",
        "é. É",
        long_token.as_str(),
    ];
    for text in cases {
        check(text);
    }
}
