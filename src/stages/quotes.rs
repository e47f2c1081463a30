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
use crate::stage::{Layer, Stage};
use serde::Deserialize;

/// Settings of the quotes stage.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuotesConfig {
    /// Whether `»` opens and `«` closes (German and Danish style) rather than the reverse.
    #[serde(default)]
    pub reversed_guillemets: bool,
}

/// The quotes stage.
pub struct Quotes {
    reversed_guillemets: bool,
}

impl Quotes {
    /// Builds the stage.
    pub fn new(config: &QuotesConfig) -> Quotes {
        Quotes {
            reversed_guillemets: config.reversed_guillemets,
        }
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

    fn single_role(para: &str, i: usize, c: char) -> Role {
        let before = para[..i].chars().next_back();
        let after = para[i + c.len_utf8()..].chars().next();
        let opens = before.is_none_or(|b| b.is_whitespace() || "\"“„«([—–".contains(b))
            && after.is_some_and(|a| a.is_alphanumeric() || a == '.' || a == '…');
        let closes = before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| a.is_whitespace() || "\"”»,.;:!?)]—–".contains(a));
        match (c, opens, closes) {
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
                    out.push(make_quote(text, start, end, false, count, false));
                }
            }
            let mut iter = para.char_indices();
            // The reopening mark of a continued quote is not a new opening.
            if open.is_some() {
                iter.next();
            }
            for (i, c) in iter {
                if !crate::stages::tokenize::is_quote_mark(c) {
                    continue;
                }
                if matches!(c, '‘' | '’' | '\'' | '‚' | '‛') {
                    if open.is_none() {
                        continue;
                    }
                    match (Quotes::single_role(para, i, c), single_open) {
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
                    Role::OpenOrClose if !low_opener => Role::Open,
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
                        out.push(make_quote(text, start, end, false, count, nested));
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
            out.push(make_quote(text, start, end, false, count, false));
        }
    }
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
        Quotes::new(&QuotesConfig::default()).find(text, &paragraphs(text), &mut out);
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
    fn counts_words() {
        assert_eq!(count_words("“We’re fine, 52 times.”"), 4);
        assert_eq!(count_words(""), 0);
    }
}
