//! The `sentences` stage: paragraph and sentence boundaries.
//!
//! A paragraph is a line of text between line breaks (blank lines are not paragraphs), trimmed
//! of white space. Within a paragraph, a sentence ends at a run of terminal marks (`.`, `?`,
//! `!`, `…`) followed by any closing quotation marks or brackets and then white space, unless
//! what comes before or after says otherwise:
//!
//! - a full stop after a known abbreviation of class `title` (`Mr.`) or `number` (`No.`)
//!   never ends a sentence; one of class `general` (`Inc.`) ends it only before a capital;
//! - a full stop after a single capital letter is an initial (`Jonas E. Smith`);
//! - a boundary needs the next sentence to start with a capital, digit, quotation mark or
//!   bracket, never a lowercase letter.
//!
//! ```toml
//! [[stages]]
//! kind = "sentences"
//! abbreviations = "lexicons/en/abbreviations.txt"
//! ```

use crate::doc::{Doc, Sentence, Span};
use crate::error::ConfigError;
use crate::pipeline::BuildContext;
use crate::stage::{Layer, Stage};
use serde::Deserialize;
use std::collections::HashMap;

/// Settings of the sentences stage.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SentencesConfig {
    /// Word list of abbreviations with their class, relative to the pipeline file.
    pub abbreviations: String,
}

/// How an abbreviation behaves before a possible sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// A title before a name: never ends a sentence.
    Title,
    /// A prefix before a number: never ends a sentence.
    Number,
    /// May end a sentence when the next word starts one.
    General,
}

/// The sentences stage.
pub struct Sentences {
    abbreviations: HashMap<String, AbbreviationClass>,
}

impl Sentences {
    /// Builds the stage, reading its abbreviation list.
    pub fn new(config: &SentencesConfig, context: &mut BuildContext) -> Result<Self, ConfigError> {
        let list = context.word_list(&config.abbreviations)?;
        let mut abbreviations = HashMap::new();
        for entry in &list.entries {
            let mut parts = entry.text.split_whitespace();
            let (Some(word), Some(class), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(list.error_at(entry.line, "expected `abbreviation class`"));
            };
            let class = match class {
                "title" => AbbreviationClass::Title,
                "number" => AbbreviationClass::Number,
                "general" => AbbreviationClass::General,
                other => {
                    return Err(list.error_at(
                        entry.line,
                        format!("unknown class `{other}`, expected title, number or general"),
                    ))
                }
            };
            abbreviations.insert(word.to_lowercase(), class);
        }
        Ok(Sentences { abbreviations })
    }

    /// Appends the sentences of the paragraph at `para` to `out`.
    fn split_paragraph(&self, text: &str, para: Span, index: usize, out: &mut Vec<Sentence>) {
        let body = para.of(text);
        let mut start = 0;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '.' | '?' | '!' | '…') {
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut single_stop = c == '.';
            while let Some(&(j, d)) = chars.peek() {
                if matches!(d, '.' | '?' | '!' | '…') {
                    single_stop = false;
                } else if !is_closer(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            // A boundary needs white space after it.
            let Some(&(next_start, next)) = chars.peek() else {
                break;
            };
            if !next.is_whitespace() {
                continue;
            }
            let rest = body[next_start..].trim_start();
            let Some(first) = rest.chars().next() else {
                break;
            };
            if first.is_lowercase() {
                continue;
            }
            if single_stop && !self.stop_ends_sentence(&body[start..i], first) {
                continue;
            }
            push(out, para.start, &body[..end], start, index);
            start = body.len() - rest.len();
        }
        push(out, para.start, body, start, index);
    }

    /// Whether a full stop after `before` (the sentence so far) ends the sentence, given the
    /// first character of what follows.
    fn stop_ends_sentence(&self, before: &str, next: char) -> bool {
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || c == '(' || is_opener(c))
            .map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[word_start..];
        let mut letters = word.chars();
        if let (Some(c), None) = (letters.next(), letters.next()) {
            if c.is_uppercase() {
                return false; // an initial
            }
        }
        match self.abbreviations.get(&word.to_lowercase()) {
            Some(AbbreviationClass::Title) => false,
            Some(AbbreviationClass::Number) => !next.is_numeric(),
            Some(AbbreviationClass::General) => next.is_uppercase() || is_opener(next),
            None => true,
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」'
    )
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '‹' | '(' | '[' | '„' | '「')
}

/// Pushes `body[start..end]`, trimmed, as a sentence (when not empty).
fn push(out: &mut Vec<Sentence>, base: usize, upto: &str, start: usize, paragraph: usize) {
    let piece = &upto[start..];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = base + start + trimmed_start;
    out.push(Sentence {
        span: Span::new(s, s + trimmed.len()),
        paragraph,
    });
}

/// The paragraphs of `text`: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (i, c) in text.char_indices().chain([(text.len(), '\n')]) {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}') {
            let line = &text[line_start..i];
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let s = line_start + (line.len() - line.trim_start().len());
                out.push(Span::new(s, s + trimmed.len()));
            }
            line_start = i + c.len_utf8();
        }
    }
    out
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
        doc.paragraphs = paragraphs(&doc.article.text);
        let mut sentences = std::mem::take(&mut doc.sentences);
        sentences.clear();
        for (index, para) in doc.paragraphs.iter().enumerate() {
            self.split_paragraph(&doc.article.text, *para, index, &mut sentences);
        }
        doc.sentences = sentences;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;
    use crate::lexicon::Resources;

    fn split(text: &str) -> Vec<String> {
        let mut context = BuildContext {
            resources: Some(Resources::Embedded),
            word_lists: Vec::new(),
        };
        let stage = Sentences::new(
            &SentencesConfig {
                abbreviations: "lexicons/en/abbreviations.txt".to_string(),
            },
            &mut context,
        )
        .unwrap();
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
        let cases: &[(&str, &[&str])] = &[
            (
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
            ),
            (
                "Mr. Smith went home. He slept.",
                &["Mr. Smith went home.", "He slept."],
            ),
            ("Jonas E. Smith said so.", &["Jonas E. Smith said so."]),
            ("“We won.” Then we left!", &["“We won.”", "Then we left!"]),
            (
                "It cost $4.5 billion. Wow.",
                &["It cost $4.5 billion.", "Wow."],
            ),
            ("See No. 5 here.", &["See No. 5 here."]),
            (
                "He works at Acme Inc. and she does not.",
                &["He works at Acme Inc. and she does not."],
            ),
            (
                "Title line\nBody text. More.",
                &["Title line", "Body text.", "More."],
            ),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let text = "  One.\n\n Two \r\nThree";
        let got: Vec<&str> = paragraphs(text).iter().map(|p| p.of(text)).collect();
        assert_eq!(got, ["One.", "Two", "Three"]);
    }
}
