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
        // The arena starts with a copy of the whole text, ASCII letters lowered in one pass:
        // an ASCII token's lowercase form is then its own span of the copy, with no copy per
        // token. Only a token with other chars gets its form appended after the copy.
        norms.push_str(text);
        norms.make_ascii_lowercase();
        word_bounds(text, |start, end, kind, ascii| {
            let lower = match kind {
                TokenKind::Space | TokenKind::Newline => (start, start),
                _ if ascii => (start, end),
                _ => lower_into(norms, &text[start..end]),
            };
            tokens.push(Token {
                span: crate::doc::Span::new(start, end),
                kind,
                lower: (lower.0 as u32, lower.1 as u32),
            });
        });
    }
}

/// Appends the lowercase form of a non-ASCII `piece` to the arena and returns its range
/// there. Kept out of line: it is rare, and inlined it would keep the per-token closure of
/// [`Tokenize::process`] from being inlined into the ASCII loop.
#[cold]
#[inline(never)]
fn lower_into(norms: &mut String, piece: &str) -> (usize, usize) {
    let from = norms.len();
    norms.extend(piece.chars().flat_map(char::to_lowercase));
    (from, norms.len())
}

/// Calls `emit(start, end, kind, ascii)` for every segment `split_word_bound_indices` gives
/// on `text`, in order, with the same offsets and the segment's [`classify`] kind; `ascii` is
/// true when the segment is all ASCII.
///
/// Most news text is ASCII, and the general UAX #29 machinery (a table lookup per char and a
/// state machine built for every script) cost more than the rest of the stage. So runs of ASCII
/// go through [`ascii_word_bounds`], and only the stretches around non-ASCII text through
/// unicode-segmentation. A stretch is cut at a [`restart`] point, where the rules leave no
/// choice and look neither back nor forward past it, so both sides segment as the whole text
/// would (the property tests compare the two on random and mixed text).
fn word_bounds(text: &str, mut emit: impl FnMut(usize, usize, TokenKind, bool)) {
    let bytes = text.as_bytes();
    let mut done = 0;
    while done < bytes.len() {
        let Some(wide) = first_non_ascii(&bytes[done..]).map(|k| done + k) else {
            ascii_word_bounds(&bytes[done..], done, &mut emit);
            return;
        };
        // Back to the last restart point before the non-ASCII char (there is none when the
        // stretch from `done` holds none), forward to the first one after it.
        let from = (done + 1..wide)
            .rev()
            .find(|&k| restart(bytes, k))
            .unwrap_or(done);
        let to = (wide + 1..bytes.len())
            .find(|&k| restart(bytes, k))
            .unwrap_or(bytes.len());
        ascii_word_bounds(&bytes[done..from], done, &mut emit);
        for (start, piece) in text[from..to].split_word_bound_indices() {
            let (start, end) = (from + start, from + start + piece.len());
            emit(start, end, classify(piece), piece.is_ascii());
        }
        done = to;
    }
}

/// Index of the first byte of `bytes` that is not ASCII, eight bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut seen = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if word & HIGH != 0 {
            break;
        }
        seen += 8;
    }
    bytes[seen..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|k| seen + k)
}

/// True when byte offset `k` (not 0) of `bytes` is a word bound whatever text surrounds it,
/// and no rule deciding a bound on one side looks at text on the other side: a space or a line
/// feed before it and a visible ASCII char at it. No rule joins a space to a visible char
/// (only space to space), every rule breaks after a line feed, and the rules that look past
/// their neighbours (letters or digits around `.`, `'`, `:` or `,`) never step over a space
/// or a line break.
fn restart(bytes: &[u8], k: usize) -> bool {
    matches!(bytes[k - 1], b' ' | b'\n') && bytes.get(k).is_some_and(u8::is_ascii_graphic)
}

/// Bits of [`WORD_CLASSES`]: the UAX #29 word-break classes ASCII text can have that join
/// chars into one segment. A byte with none of them (space, line break, punctuation) is a
/// segment of its own, or starts a run of spaces.
const LETTER: u8 = 1;
const DIGIT: u8 = 1 << 1;
/// `_` (ExtendNumLet): joins letters and digits on both sides.
const CONNECTOR: u8 = 1 << 2;
/// A mid char that joins two letters: `:` (MidLetter), `.` `'` (MidNumLet, Single_Quote).
/// It is [`LETTER`] shifted by [`MID_SHIFT`], so `(class >> MID_SHIFT) & before & after`
/// tests "joins what stands on both sides" in one step.
const JOINS_LETTERS: u8 = LETTER << MID_SHIFT;
/// A mid char that joins two digits: `,` `;` (MidNum), `.` `'` (MidNumLet, Single_Quote).
const JOINS_DIGITS: u8 = DIGIT << MID_SHIFT;
const MID_SHIFT: u8 = 3;
/// Chars a word or number segment runs on over.
const WORD_CHAR: u8 = LETTER | DIGIT | CONNECTOR;
const MID: u8 = JOINS_LETTERS | JOINS_DIGITS;

/// The word-break class bits of every byte; 0 for non-ASCII bytes and for every class that
/// never joins a word (they never reach the lookups that use this table).
static WORD_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'_' => CONNECTOR,
            b':' => JOINS_LETTERS,
            b',' | b';' => JOINS_DIGITS,
            b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The UAX #29 word bounds of ASCII `bytes`, emitted as offsets plus `base` with their kind.
/// `bytes` must end at the end of the text or at a [`restart`] point, so that no rule needs to
/// look past it. The kind comes from what the segmenter saw, as [`classify_ascii`] would give
/// it, without a second pass over the segment.
///
/// Rules used (UAX #29): CR LF stays together (WB3) and breaks after any line break
/// (WB3a/b); spaces join spaces (WB3d); letters, digits and `_` join each other (WB5, WB8-10,
/// WB13a/b); a mid char joins two letters (WB6/7) or two digits (WB11/12) standing on both
/// sides of it; every other char is a segment of its own (WB999).
fn ascii_word_bounds(
    bytes: &[u8],
    base: usize,
    emit: &mut impl FnMut(usize, usize, TokenKind, bool),
) {
    let class_at = |k: usize| bytes.get(k).map_or(0, |&b| WORD_CLASSES[usize::from(b)]);
    let mut i = 0;
    while let Some(&first) = bytes.get(i) {
        let start = i;
        i += 1;
        let kind = match first {
            b' ' => {
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                TokenKind::Space
            }
            b'\n' => TokenKind::Newline,
            b'\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                TokenKind::Newline
            }
            _ if WORD_CLASSES[usize::from(first)] & WORD_CHAR != 0 => {
                // Every class the segment holds, to name its kind at the end.
                let mut seen = WORD_CLASSES[usize::from(first)];
                loop {
                    let class = class_at(i);
                    if class & WORD_CHAR != 0 {
                        seen |= class;
                        i += 1;
                        continue;
                    }
                    if class & MID == 0 {
                        break;
                    }
                    // The char before is the segment's last one (a letter, digit or `_`).
                    let before = WORD_CLASSES[usize::from(bytes[i - 1])];
                    let after = class_at(i + 1);
                    if (class >> MID_SHIFT) & before & after == 0 {
                        break;
                    }
                    seen |= after;
                    i += 2;
                }
                if seen & LETTER != 0 {
                    TokenKind::Word
                } else if seen & DIGIT != 0 {
                    TokenKind::Number
                } else {
                    TokenKind::Punct
                }
            }
            // One char: a vertical tab or form feed (a line break to the segmenter, white
            // space to classify), a quote mark, a tab, punctuation.
            _ => classify_ascii(&bytes[start..i]),
        };
        emit(base + start, base + i, kind, true);
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

    type Bounds = Vec<(usize, usize, TokenKind)>;

    /// The bounds as unicode-segmentation gives them with [`classify`]'s kinds, and as
    /// [`word_bounds`] does.
    fn both_bounds(text: &str) -> (Bounds, Bounds) {
        let want = text
            .split_word_bound_indices()
            .map(|(start, piece)| (start, start + piece.len(), classify(piece)))
            .collect();
        let mut got = Vec::new();
        word_bounds(text, |start, end, kind, ascii| {
            assert_eq!(
                ascii,
                text[start..end].is_ascii(),
                "{text:?} {start}..{end}"
            );
            got.push((start, end, kind));
        });
        (want, got)
    }

    /// One char of every word-break class ASCII has, and the classes around them that could
    /// change a bound next to ASCII: combining mark, zero-width joiner, soft hyphen (Format),
    /// no-break and ideographic space, curly quotes, letters of other scripts, a
    /// regional-indicator pair, an emoji, U+0085 and U+2028 line breaks, the fullwidth stop.
    const MIXED: &[char] = &[
        'a',
        'Z',
        '7',
        '_',
        ':',
        ',',
        ';',
        '.',
        '\'',
        '"',
        ' ',
        '\t',
        '\r',
        '\n',
        '\u{B}',
        '!',
        '-',
        '$',
        '\u{301}',
        '\u{200D}',
        '\u{AD}',
        '\u{A0}',
        '\u{3000}',
        '\u{2019}',
        '\u{201C}',
        'é',
        '\u{5D0}',
        '\u{30A2}',
        '\u{4E00}',
        '\u{1F1E6}',
        '\u{1F600}',
        '\u{85}',
        '\u{2028}',
        '\u{FF0E}',
        '\u{2027}',
    ];

    /// Every ASCII string of up to four chars from one char per class agrees.
    #[test]
    fn ascii_bounds_agree_exhaustively() {
        let alphabet = b"a7_:,;.'\" \t\r\n\x0B!";
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |&b| format!("{t}{}", b as char)))
                .collect();
            for text in &longer {
                let (want, got) = both_bounds(text);
                assert_eq!(got, want, "{text:?}");
            }
            texts = longer;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any text at all segments as unicode-segmentation does.
        #[test]
        fn bounds_agree_on_any_text(text in "(?s).{0,40}") {
            let (want, got) = both_bounds(&text);
            proptest::prop_assert_eq!(got, want);
        }

        /// Mostly-ASCII text with the classes that touch ASCII bounds mixed in.
        #[test]
        fn bounds_agree_on_mixed_text(
            picks in proptest::collection::vec(0..MIXED.len(), 0..60)
        ) {
            let text: String = picks.iter().map(|&k| MIXED[k]).collect();
            let (want, got) = both_bounds(&text);
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }

        /// Prose-like ASCII: words, numbers and punctuation between spaces.
        #[test]
        fn bounds_agree_on_ascii_prose(text in "([A-Za-z0-9_.,;:'\"!?()-]{1,8}[ \\n]{1,2}){0,12}") {
            let (want, got) = both_bounds(&text);
            proptest::prop_assert_eq!(got, want);
        }
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
