//! The `tokenize` stage: Unicode word bounds (UAX #29) → [`Token`]s with a kind and a
//! lowercase form; it names the Snowball stemmer that [`Doc::stem`] uses.
//!
//! Tokens cover the whole text without gaps, so white space and line breaks are tokens too;
//! later stages skip them by kind. Offsets are never changed: a token's span slices the
//! original text. Apostrophes inside words stay in the word (`don't`, `Garman’s`); a lone
//! `'` or `’` is a [`TokenKind::QuoteMark`] and the quotes stage decides what it is.
//!
//! ```toml
//! [[stages]]
//! kind = "tokenize"
//! language = "english"   # the Snowball stemmer to use
//! ```

use crate::doc::{Doc, Token, TokenKind};
use crate::error::ConfigError;
use crate::stage::{Layer, Stage};
use rust_stemmers::Algorithm;
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

/// Settings of the tokenize stage.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TokenizeConfig {
    /// The Snowball stemmer's language, lowercase English name (`english`, `german`, …).
    #[serde(default = "english")]
    pub language: String,
}

fn english() -> String {
    "english".to_string()
}

impl Default for TokenizeConfig {
    fn default() -> Self {
        TokenizeConfig {
            language: english(),
        }
    }
}

/// Every Snowball language rust-stemmers offers, by the name a pipeline file uses.
const LANGUAGES: &[(&str, Algorithm)] = &[
    ("arabic", Algorithm::Arabic),
    ("danish", Algorithm::Danish),
    ("dutch", Algorithm::Dutch),
    ("english", Algorithm::English),
    ("finnish", Algorithm::Finnish),
    ("french", Algorithm::French),
    ("german", Algorithm::German),
    ("greek", Algorithm::Greek),
    ("hungarian", Algorithm::Hungarian),
    ("italian", Algorithm::Italian),
    ("norwegian", Algorithm::Norwegian),
    ("portuguese", Algorithm::Portuguese),
    ("romanian", Algorithm::Romanian),
    ("russian", Algorithm::Russian),
    ("spanish", Algorithm::Spanish),
    ("swedish", Algorithm::Swedish),
    ("tamil", Algorithm::Tamil),
    ("turkish", Algorithm::Turkish),
];

/// The tokenize stage.
pub struct Tokenize {
    algorithm: Algorithm,
}

impl Tokenize {
    /// Builds the stage; fails on a language Snowball does not know.
    pub fn new(config: &TokenizeConfig) -> Result<Tokenize, ConfigError> {
        let algorithm = LANGUAGES
            .iter()
            .find(|(name, _)| *name == config.language)
            .map(|(_, algorithm)| *algorithm)
            .ok_or_else(|| {
                let known: Vec<&str> = LANGUAGES.iter().map(|(name, _)| *name).collect();
                ConfigError::new(
                    "",
                    "",
                    format!(
                        "unknown language `{}`, expected one of {}",
                        config.language,
                        known.join(", ")
                    ),
                )
            })?;
        Ok(Tokenize { algorithm })
    }
}

/// True for every character that may open or close a quotation, double or single.
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{FF02}'
    )
}

/// What kind of token the segment `piece` is.
pub fn classify(piece: &str) -> TokenKind {
    if piece.is_ascii() {
        return classify_ascii(piece.as_bytes());
    }
    classify_chars(piece)
}

/// [`classify`] for an ASCII piece, byte by byte: where every letter is alphabetic and not
/// numeric, every digit numeric, and white space holds a line break only as `\n` or `\r`.
fn classify_ascii(piece: &[u8]) -> TokenKind {
    let Some(&first) = piece.first() else {
        return TokenKind::Punct;
    };
    if first.is_ascii_whitespace() || first == 0x0B {
        if piece.iter().any(|&b| b == b'\n' || b == b'\r') {
            TokenKind::Newline
        } else {
            TokenKind::Space
        }
    } else if piece.iter().any(u8::is_ascii_alphabetic) {
        TokenKind::Word
    } else if first.is_ascii_digit() {
        TokenKind::Number
    } else if piece.len() == 1 && (first == b'"' || first == b'\'') {
        TokenKind::QuoteMark
    } else if piece.iter().any(u8::is_ascii_digit) {
        TokenKind::Number
    } else {
        TokenKind::Punct
    }
}

/// [`classify`] for any piece, char by char.
fn classify_chars(piece: &str) -> TokenKind {
    let mut chars = piece.chars();
    let Some(first) = chars.next() else {
        return TokenKind::Punct;
    };
    if first.is_whitespace() {
        if piece.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
            TokenKind::Newline
        } else {
            TokenKind::Space
        }
    } else if piece.chars().any(char::is_alphabetic) {
        if first.is_numeric() && piece.chars().all(|c| !c.is_alphabetic() || c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Word
        }
    } else if first.is_numeric() {
        TokenKind::Number
    } else if piece.chars().count() == 1 && is_quote_mark(first) {
        TokenKind::QuoteMark
    } else if piece.chars().any(char::is_numeric) {
        TokenKind::Number
    } else {
        TokenKind::Punct
    }
}

impl Stage for Tokenize {
    fn name(&self) -> &str {
        "tokenize"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Tokens]
    }

    fn process(&self, doc: &mut Doc) {
        let Doc {
            article,
            tokens,
            norms,
            stemmer,
            ..
        } = doc;
        *stemmer = Some(self.algorithm);
        let text = article.text.as_str();
        tokens.reserve(text.len() / 3);
        norms.reserve(text.len());
        for (start, piece) in text.split_word_bound_indices() {
            let kind = classify(piece);
            let lower_start = norms.len();
            match kind {
                TokenKind::Space | TokenKind::Newline => {}
                _ if piece.is_ascii() => {
                    norms.push_str(piece);
                    norms[lower_start..].make_ascii_lowercase();
                }
                _ => norms.extend(piece.chars().flat_map(char::to_lowercase)),
            }
            tokens.push(Token {
                span: crate::doc::Span::new(start, start + piece.len()),
                kind,
                lower: (lower_start as u32, norms.len() as u32),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Article;

    fn tokenize(text: &str) -> Doc {
        let stage = Tokenize::new(&TokenizeConfig::default()).unwrap();
        let mut doc = Doc::new(Article {
            text: text.to_string(),
            ..Article::default()
        });
        stage.process(&mut doc);
        doc
    }

    #[test]
    fn kinds_forms_and_stems() {
        // (text, token, kind, lowercase, stem)
        let cases = [
            ("He said", "He", TokenKind::Word, "he", "he"),
            ("Garman added", "added", TokenKind::Word, "added", "ad"),
            ("warned us", "warned", TokenKind::Word, "warned", "warn"),
            ("“Yes”", "“", TokenKind::QuoteMark, "“", "“"),
            ("it's 'ok'", "'", TokenKind::QuoteMark, "'", "'"),
            ("$4.5 billion", "4.5", TokenKind::Number, "4.5", "4.5"),
            ("in 2006.", ".", TokenKind::Punct, ".", "."),
            ("a\nb", "\n", TokenKind::Newline, "", ""),
            ("don't", "don't", TokenKind::Word, "don't", "don't"),
            ("ÉTÉ", "ÉTÉ", TokenKind::Word, "été", "été"),
        ];
        for (text, token, kind, lower, stem) in cases {
            let doc = tokenize(text);
            let found = doc
                .tokens
                .iter()
                .find(|t| doc.token_text(t) == token)
                .unwrap_or_else(|| panic!("{text:?}: no token {token:?}"));
            assert_eq!(found.kind, kind, "{text:?}");
            assert_eq!(doc.lower(found), lower, "{text:?}");
            assert_eq!(doc.stem(found), stem, "{text:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text() {
        let text = "Mr. Garman, 52, said: “We’re fine.”\r\nNext — ok";
        let doc = tokenize(text);
        let joined: String = doc.tokens.iter().map(|t| doc.token_text(t)).collect();
        assert_eq!(joined, text);
    }

    /// The byte-wise ASCII path must agree with the char-wise one on every ASCII piece.
    #[test]
    fn ascii_classify_agrees_with_chars() {
        let alphabet: Vec<char> = (0u8..128).map(char::from).collect();
        let mut pieces: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
        for &a in &alphabet {
            for &b in &alphabet {
                pieces.push([a, b].iter().collect());
            }
        }
        pieces.extend(["1st", "4.5", "a1", "  \t", " \r\n", "''", "-1", "A-"].map(String::from));
        for piece in &pieces {
            assert_eq!(
                classify_ascii(piece.as_bytes()),
                classify_chars(piece),
                "{piece:?}"
            );
        }
    }

    /// Stems come from the stemmer the stage names, whichever stage ran last on the doc.
    #[test]
    fn stems_follow_the_language() {
        let text = "Häuser laufen";
        let german = TokenizeConfig {
            language: "german".to_string(),
        };
        for (config, algorithm) in [
            (TokenizeConfig::default(), Algorithm::English),
            (german, Algorithm::German),
        ] {
            let mut doc = tokenize("");
            doc.reset(Article {
                text: text.to_string(),
                ..Article::default()
            });
            Tokenize::new(&config).unwrap().process(&mut doc);
            let direct = rust_stemmers::Stemmer::create(algorithm);
            for token in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
                assert_eq!(doc.stem(token), direct.stem(doc.lower(token)), "{config:?}");
            }
        }
    }

    #[test]
    fn the_language_picks_the_stemmer() {
        // (language, word, stem): German endings go with German, not with English.
        let cases = [
            ("german", "sagten", "sagt"),
            ("german", "Ministerinnen", "ministerinn"),
            ("english", "sagten", "sagten"),
        ];
        for (language, word, want) in cases {
            let stage = Tokenize::new(&TokenizeConfig {
                language: language.to_string(),
            })
            .unwrap();
            let mut doc = Doc::new(Article {
                text: word.to_string(),
                ..Article::default()
            });
            stage.process(&mut doc);
            assert_eq!(doc.stem(&doc.tokens[0]), want, "{language} {word}");
        }
    }

    #[test]
    fn unknown_language_is_an_error() {
        let config = TokenizeConfig {
            language: "klingon".to_string(),
        };
        let err = Tokenize::new(&config).err().unwrap();
        assert!(err.message.contains("klingon"), "{err}");
    }
}
