//! The `quotes` stage: pairs quotation marks into [`Quote`]s.
//!
//! - Double quotation marks of every common style pair up: straight `"…"`, curly `“…”`,
//!   low-high `„…“` and `„…”`, guillemets `«…»` and `»…«`, corner brackets `「…」`.
//! - Straight marks have no direction; whether one opens or closes is read from its
//!   neighbours (space before and a letter after opens; a letter or punctuation before and
//!   space after closes), and only when that says nothing does it toggle.
//! - Single marks (`‘…’`, `'…'`) are quotes only inside a double quote (nested quotes), and
//!   only when both ends are found: `’` is far more often an apostrophe (`players’ union`).
//! - News style runs a quote over several paragraphs by opening each with a mark and closing
//!   only the last: a quote still open at a paragraph's end continues when the next paragraph
//!   opens with a mark, and the whole run is one quote.
//! - Unbalanced marks never fail an article: a quote still open at a paragraph end that does
//!   not continue ends there, with `closed = false`; a stray closing mark is ignored.
//!
//! ```toml
//! [[stages]]
//! kind = "quotes"
//! ```

use crate::doc::{Doc, Quote, Span};
use crate::error::ConfigError;
use crate::pipeline::BuildContext;
use crate::stage::{Layer, Stage};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

/// Settings of the quotes stage.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotesConfig {
    /// Whether `»` opens and `«` closes (German and Danish style) rather than the reverse.
    #[serde(default)]
    pub reversed_guillemets: bool,
    /// Speech cues (the attribution stage's list): a quote left open that holds
    /// `, said …` is taken to end at that comma, its closing mark forgotten.
    #[serde(default)]
    pub cues: Option<String>,
}

/// The quotes stage.
pub struct Quotes {
    reversed_guillemets: bool,
    /// Lowercase cue forms, for ending an unclosed quote before its attribution.
    cue_forms: HashSet<String>,
}

impl Quotes {
    /// Builds the stage, reading the cue list when one is named.
    pub fn new(config: &QuotesConfig, context: &mut BuildContext) -> Result<Quotes, ConfigError> {
        let mut cue_forms = HashSet::default();
        if let Some(path) = &config.cues {
            let list = context.word_list(path)?;
            for entry in &list.entries {
                cue_forms.extend(
                    entry
                        .text
                        .split_whitespace()
                        .filter(|w| !w.starts_with('+'))
                        .map(str::to_lowercase),
                );
            }
        }
        Ok(Quotes {
            reversed_guillemets: config.reversed_guillemets,
            cue_forms,
        })
    }

    /// Where a quote left open between `start` and `end` really ends: just after a comma
    /// followed within a few words by a speech cue (`"It feels right, said Ben Carter`),
    /// else at `end`.
    fn open_quote_end(&self, text: &str, start: usize, end: usize) -> usize {
        if self.cue_forms.is_empty() {
            return end;
        }
        let body = &text[start..end];
        for (k, _) in body.match_indices(", ") {
            // Only up to the next comma: the cue must follow this one.
            let after = body[k + 2..].split(',').next().unwrap_or("");
            let cue_near = after
                .split_whitespace()
                .take(4)
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .any(|w| self.cue_forms.contains(&w));
            if cue_near {
                return start + k + 1;
            }
        }
        end
    }

    /// How the mark `c` at byte `i` of `para` can act.
    fn role(&self, para: &str, i: usize, c: char) -> Role {
        let before = para[..i].chars().next_back();
        let after = para[i + c.len_utf8()..].chars().next();
        match c {
            '“' | '„' | '‟' => {
                // “ also closes „ (German); the caller decides when a quote is open.
                if c == '“' {
                    Role::OpenOrClose
                } else {
                    Role::Open
                }
            }
            '”' => Role::Close,
            '«' => {
                if self.reversed_guillemets {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            '»' => {
                if self.reversed_guillemets {
                    Role::Open
                } else {
                    Role::Close
                }
            }
            '「' => Role::Open,
            '」' => Role::Close,
            '"' | '＂' => {
                let space_before =
                    before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
                let space_after =
                    after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}—–".contains(a));
                match (space_before, space_after) {
                    (true, false) => Role::Open,
                    (false, true) => Role::Close,
                    _ => Role::Toggle,
                }
            }
            _ => Role::None,
        }
    }

    /// How the single mark `c` at byte `i` of `para` can act; `low` when the double quote
    /// around it opened with `„`, so its nested quotes are German `‚…‘` (and `‘` closes,
    /// even right before the closing `“`).
    fn single_role(para: &str, i: usize, c: char, low: bool) -> Role {
        let before = para[..i].chars().next_back();
        let after = para[i + c.len_utf8()..].chars().next();
        let opens = before.is_none_or(|b| b.is_whitespace() || "\"“„«([—–".contains(b))
            && after.is_some_and(|a| a.is_alphanumeric() || a == '.' || a == '…');
        let closes = before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| {
                a.is_whitespace() || "\"”»,.;:!?)]—–".contains(a) || (low && a == '“')
            });
        match (c, opens, closes) {
            ('‚', true, _) => Role::Open,
            ('‘', _, true) if low => Role::Close,
            ('‘' | '\'', true, _) => Role::Open,
            ('’' | '\'', _, true) => Role::Close,
            _ => Role::None,
        }
    }

    /// Finds the quotes of `text`, paragraph by paragraph, appending them to `out`.
    pub fn find(&self, text: &str, paragraphs: &[Span], out: &mut Vec<Quote>) {
        // An open double quote: where it opened, how many paragraphs it has run over, and
        // whether its opening mark was a low „ (which “ closes).
        let mut open: Option<(usize, usize)> = None;
        let mut low_opener = false;
        for (k, para_span) in paragraphs.iter().enumerate() {
            let para = para_span.of(text);
            let base = para_span.start;
            let mut single_open: Option<usize> = None;
            let mut nested = false;
            if let Some((start, count)) = open.take() {
                // The previous paragraph ended inside a quote: it continues only when this
                // paragraph opens with a mark.
                let first = para.chars().next().unwrap_or(' ');
                // A quote of a word or two left open is more likely a typo than the start
                // of a quotation running on: it does not continue.
                let long_enough = count_words(&text[start..paragraphs[k - 1].end]) >= 4;
                let reopens = long_enough
                    && matches!(
                        self.role(para, 0, first),
                        Role::Open | Role::OpenOrClose | Role::Toggle
                    );
                if reopens {
                    open = Some((start, count + 1));
                } else {
                    let end = paragraphs[k - 1].end;
                    out.push(make_quote(
                        text,
                        start,
                        self.open_quote_end(text, start, end),
                        false,
                        count,
                        false,
                    ));
                }
            }
            // The reopening mark of a continued quote is not a new opening.
            let skip = if open.is_some() {
                para.chars().next().map_or(0, char::len_utf8)
            } else {
                0
            };
            for (i, c) in mark_candidates(para, skip) {
                if !crate::stages::tokenize::is_quote_mark(c) {
                    continue;
                }
                if matches!(c, '‘' | '’' | '\'' | '‚' | '‛') {
                    if open.is_none() {
                        continue;
                    }
                    match (Quotes::single_role(para, i, c, low_opener), single_open) {
                        (Role::Close, Some(_)) => {
                            nested = true;
                            single_open = None;
                        }
                        (Role::Open, None) => single_open = Some(i),
                        _ => {}
                    }
                    continue;
                }
                let role = match self.role(para, i, c) {
                    // A “ glued to the word before it and followed by a space closes the
                    // open quote: a misdirected closing mark (`“Not yet,“ he said.`).
                    Role::OpenOrClose if !low_opener => {
                        let glued = para[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|b| !b.is_whitespace());
                        let spaced = para[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace);
                        if open.is_some() && glued && spaced {
                            Role::Close
                        } else {
                            Role::Open
                        }
                    }
                    role => role,
                };
                match (open, role) {
                    (None, Role::Open | Role::OpenOrClose | Role::Toggle) => {
                        open = Some((base + i, 1));
                        low_opener = c == '„';
                        single_open = None;
                        nested = false;
                    }
                    (Some((start, count)), Role::Close | Role::OpenOrClose | Role::Toggle) => {
                        let end = base + i + c.len_utf8();
                        out.push(make_quote(text, start, end, true, count, nested));
                        open = None;
                    }
                    (Some((start, count)), Role::Open) => {
                        // A second opening mark while open: the first was never closed.
                        let end = trim_end(text, start, base + i);
                        out.push(make_quote(
                            text,
                            start,
                            self.open_quote_end(text, start, end),
                            false,
                            count,
                            nested,
                        ));
                        open = Some((base + i, 1));
                        low_opener = c == '„';
                        nested = false;
                    }
                    _ => {} // a stray closing mark
                }
            }
        }
        if let Some((start, count)) = open {
            let end = paragraphs.last().map_or(text.len(), |p| p.end);
            out.push(make_quote(
                text,
                start,
                self.open_quote_end(text, start, end),
                false,
                count,
                false,
            ));
        }
    }
}

/// The chars of `para` from byte `from` on that may be quotation marks, with their offsets:
/// every char starting with a lead byte of a quotation mark [`is_quote_mark`] knows: `"` and
/// `'`, and the first byte of the UTF-8 form of the others (C2: `«` `»`; E2: `“` … `‛`, `‹`
/// `›`; E3: `「` `」`; EF: `＂`). The rest of the text (nearly all of it) is
/// skipped by memchr, many bytes at a step, without decoding chars: it looks for at most
/// three bytes at once, so two streams of three are merged in text order. No byte of the set
/// is a continuation byte, so no candidate falls inside the char of another.
///
/// [`is_quote_mark`]: crate::stages::tokenize::is_quote_mark
fn mark_candidates(para: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = &para.as_bytes()[from..];
    let mut common = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
    let mut rare = memchr::memchr3_iter(0xC2, 0xE3, 0xEF, bytes).peekable();
    std::iter::from_fn(move || {
        let next_common = common.peek().copied().unwrap_or(usize::MAX);
        let next_rare = rare.peek().copied().unwrap_or(usize::MAX);
        let k = if next_common < next_rare {
            common.next()
        } else {
            rare.next()
        }?;
        let k = from + k;
        Some((k, para[k..].chars().next()?))
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    OpenOrClose,
    Toggle,
    None,
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn make_quote(
    text: &str,
    start: usize,
    end: usize,
    closed: bool,
    paragraphs: usize,
    nested: bool,
) -> Quote {
    let span = Span::new(start, end.max(start));
    let words = count_words(span.of(text));
    Quote {
        span,
        closed,
        paragraphs,
        words,
        nested,
    }
}

/// Number of runs of letters or digits in `s`.
pub fn count_words(s: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in s.chars() {
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            words += 1;
        }
        in_word = alnum || (in_word && (c == '\'' || c == '’' || c == '-'));
    }
    words
}

impl Stage for Quotes {
    fn name(&self) -> &str {
        "quotes"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Tokens, Layer::Paragraphs]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Quotes]
    }

    fn process(&self, doc: &mut Doc) {
        let mut quotes = std::mem::take(&mut doc.quotes);
        quotes.clear();
        self.find(&doc.article.text, &doc.paragraphs, &mut quotes);
        doc.quotes = quotes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::sentences::paragraphs;

    /// (quote text, closed, paragraphs)
    type Found = (String, bool, usize);

    fn quotes(text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        Quotes::new(&QuotesConfig::default(), &mut BuildContext::default())
            .unwrap()
            .find(text, &paragraphs(text), &mut out);
        out.iter()
            .map(|q| (q.span.of(text).to_string(), q.closed, q.paragraphs))
            .collect()
    }

    #[test]
    fn pairing() {
        let q = |s: &str, closed, paras| (s.to_string(), closed, paras);
        let cases: Vec<(&str, Vec<Found>)> = vec![
            ("He said “yes.”", vec![q("“yes.”", true, 1)]),
            ("He said \"yes,\" twice", vec![q("\"yes,\"", true, 1)]),
            ("Er sagte „ja“ und ging.", vec![q("„ja“", true, 1)]),
            ("Il a dit « oui » hier.", vec![q("« oui »", true, 1)]),
            (
                "“The first part runs on.\n“Second part,” he said.",
                vec![q("“The first part runs on.\n“Second part,”", true, 2)],
            ),
            (
                // a word or two left open is a typo, not a quote running on
                "They were \"heroes.\n\"Sales were good,\" she said.",
                vec![q("\"heroes.", false, 1), q("\"Sales were good,\"", true, 1)],
            ),
            (
                "“Never closed\nNext paragraph.",
                vec![q("“Never closed", false, 1)],
            ),
            ("The players’ union said “no.”", vec![q("“no.”", true, 1)]),
            (
                "A stray ” mark and “a quote”",
                vec![q("“a quote”", true, 1)],
            ),
            (
                "“He said ‘go’ now,” she said.",
                vec![q("“He said ‘go’ now,”", true, 1)],
            ),
            (
                "“Not yet,“ he said. “Soon.”",
                vec![q("“Not yet,“", true, 1), q("“Soon.”", true, 1)],
            ),
            (
                "“One “two” three",
                vec![q("“One", false, 1), q("“two”", true, 1)],
            ),
            ("", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(quotes(text), want, "{text:?}");
        }
    }

    #[test]
    fn an_open_quote_ends_before_its_attribution() {
        let mut context = BuildContext {
            resources: Some(crate::lexicon::Resources::Embedded),
            word_lists: Vec::new(),
        };
        let config = QuotesConfig {
            cues: Some("lexicons/en/cues.txt".to_string()),
            ..QuotesConfig::default()
        };
        let stage = Quotes::new(&config, &mut context).unwrap();
        let cases = [
            (
                "\"It feels right, said Ben Carter, who sells honey.",
                "\"It feels right,",
            ),
            (
                "\"It feels right, and good, he added",
                "\"It feels right, and good,",
            ),
            ("\"No cue here, at all", "\"No cue here, at all"),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            stage.find(text, &paragraphs(text), &mut out);
            assert_eq!(out[0].span.of(text), want, "{text:?}");
            assert!(!out[0].closed);
        }
    }

    /// German nests `‚…‘` inside `„…“`: the inner quote closes right before the outer one,
    /// and a lone `‘` or `‚` inside is not a quote.
    #[test]
    fn german_nested_single_quotes() {
        let config = QuotesConfig {
            reversed_guillemets: true,
            ..QuotesConfig::default()
        };
        let stage = Quotes::new(&config, &mut BuildContext::default()).unwrap();
        let cases = [
            (
                "„Sie riefen: ‚Wir bleiben‘“, sagte er.",
                "„Sie riefen: ‚Wir bleiben‘“",
                true,
            ),
            ("„Das ‚Ja‘ gilt“, sagte sie.", "„Das ‚Ja‘ gilt“", true),
            (
                "„Kein ‚Zitat hier“, sagte sie.",
                "„Kein ‚Zitat hier“",
                false,
            ),
            (
                "»Sie sagten ›nein‹«, so Lang.",
                "»Sie sagten ›nein‹«",
                false,
            ),
            ("»Das gilt«, so Lang.", "»Das gilt«", false),
        ];
        for (text, want, nested) in cases {
            let mut out = Vec::new();
            stage.find(text, &paragraphs(text), &mut out);
            assert_eq!(out.len(), 1, "{text:?}");
            assert_eq!(out[0].span.of(text), want, "{text:?}");
            assert_eq!(out[0].nested, nested, "{text:?}");
        }
    }

    #[test]
    fn counts_words() {
        assert_eq!(count_words("“We’re fine, 52 times.”"), 4);
        assert_eq!(count_words(""), 0);
    }

    /// The marks the byte scan finds in `text` from `from` on are those the char walk finds.
    fn scan_agrees_with_walk(text: &str, from: usize) {
        let is_mark = |&(_, c): &(usize, char)| crate::stages::tokenize::is_quote_mark(c);
        let walked: Vec<(usize, char)> = text[from..]
            .char_indices()
            .map(|(i, c)| (from + i, c))
            .filter(is_mark)
            .collect();
        let scanned: Vec<(usize, char)> = mark_candidates(text, from).filter(is_mark).collect();
        assert_eq!(scanned, walked, "{text:?} from {from}");
    }

    /// The byte scan finds every quotation mark the char walk finds, at the same offsets.
    #[test]
    fn mark_candidates_hold_every_mark() {
        let texts = [
            "",
            "plain words, no marks",
            "He said \"yes\" and 'no'.",
            "“Curly,” she said, ‘inner’ — «guillemets» „low“ ‚single‘ 「corner」 ＂wide＂",
            "é\"ü'\u{201C}x\u{2019}",
        ];
        for text in texts {
            for from in [0, text.chars().next().map_or(0, char::len_utf8)] {
                scan_agrees_with_walk(text, from);
            }
        }
    }

    proptest::proptest! {
        /// Any text at all, and text dense with marks and chars whose UTF-8 form shares
        /// bytes with them (`—` and `…` start with E2, `é` with C3, `。` with E3).
        #[test]
        fn mark_candidates_agree_on_any_text(
            text in "(?s).{0,40}",
            picks in proptest::collection::vec(0usize..26, 0..60),
        ) {
            scan_agrees_with_walk(&text, 0);
            let alphabet: Vec<char> =
                "ab .\"'“”‘’„‚‛‟«»‹›「」＂—…é。\u{A0}".chars().collect();
            let dense: String = picks.iter().map(|&k| alphabet[k % alphabet.len()]).collect();
            for from in [0, dense.chars().next().map_or(0, char::len_utf8)] {
                scan_agrees_with_walk(&dense, from);
            }
        }
    }
}
