//! Kinds from the article text, as the gold data derives them: which characters lie inside
//! double quotation marks, and what share of a span's alphanumeric characters do.
//!
//! These rules are the gold data's own (they decide `kind` in `polnear.*.gold.jsonl`), kept
//! apart from the quotes stage on purpose: the scorer must judge a prediction by the gold's
//! rules, not by the pipeline's.

use super::py;
use super::CharSpan;

const OPENING: [char; 3] = ['\u{201C}', '\u{201E}', '\u{00AB}'];
const CLOSING: [char; 2] = ['\u{201D}', '\u{00BB}'];

/// Marks every character inside a double-quoted region, the marks included.
///
/// Curly quotes, the low-9 mark and guillemets open and close; the ASCII `"` toggles. Regions
/// are per paragraph (split on `\n`): a quote still open at a paragraph's end closes there. An
/// opening mark inside an open quote closes the region just before it and opens a new one; a
/// stray closing mark is ignored. Single quotes are ignored (they double as apostrophes).
pub fn quote_mask(text: &[char]) -> Vec<bool> {
    let n = text.len();
    let mut mask = vec![false; n];
    let mut open_at: Option<usize> = None;
    for i in 0..=n {
        let ch = text.get(i).copied().unwrap_or('\n');
        if ch == '\n' {
            if let Some(open) = open_at.take() {
                mask[open..i].fill(true);
            }
        } else if OPENING.contains(&ch) {
            if let Some(open) = open_at {
                mask[open..i].fill(true);
            }
            open_at = Some(i);
        } else if CLOSING.contains(&ch) {
            if let Some(open) = open_at.take() {
                mask[open..=i].fill(true);
            }
        } else if ch == '"' {
            match open_at.take() {
                None => open_at = Some(i),
                Some(open) => mask[open..=i].fill(true),
            }
        }
    }
    mask
}

/// A span that reaches past the end of the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfText {
    /// The span.
    pub span: CharSpan,
    /// The text's length in code points.
    pub len: usize,
}

/// The kind of a claim with content `spans`: `direct` when every alphanumeric character is
/// inside the mask, `indirect` when none is (or the spans hold no alphanumeric character),
/// `mixed` otherwise.
pub fn classify(
    text: &[char],
    mask: &[bool],
    spans: &[CharSpan],
) -> Result<&'static str, OutOfText> {
    let (mut total, mut inside) = (0usize, 0usize);
    for &span in spans {
        if span.start < span.end && span.end > text.len() {
            return Err(OutOfText {
                span,
                len: text.len(),
            });
        }
        for k in span.start..span.end {
            if py::is_alnum(text[k]) {
                total += 1;
                inside += usize::from(mask[k]);
            }
        }
    }
    Ok(if total == 0 || inside == 0 {
        "indirect"
    } else if inside == total {
        "direct"
    } else {
        "mixed"
    })
}

/// The maximal quoted regions inside `span`: the pieces of a direct quote split around its
/// attribution (`“A,” he said, “B.”` gives two).
pub fn quoted_pieces(mask: &[bool], span: CharSpan) -> Result<Vec<CharSpan>, OutOfText> {
    if span.start < span.end && span.end > mask.len() {
        return Err(OutOfText {
            span,
            len: mask.len(),
        });
    }
    let mut pieces = Vec::new();
    let mut start = None;
    let inside = mask.get(span.start..span.end).unwrap_or_default();
    for (k, &marked) in (span.start..).zip(inside) {
        match (marked, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                pieces.push(CharSpan::new(s, k));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        pieces.push(CharSpan::new(s, span.end));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn marked(text: &str) -> String {
        let t = chars(text);
        quote_mask(&t)
            .iter()
            .map(|&m| if m { '^' } else { '.' })
            .collect()
    }

    #[test]
    fn mask_cases() {
        // (text, mask), one case per rule of quote_mask.
        let cases = [
            ("a “b” c", "..^^^.."),
            ("a \"b\" c", "..^^^.."),
            // open at the paragraph's end: closed there, not across the line break
            ("“ab\nc", "^^^.."),
            // open at the end of the text
            ("x «ab", "..^^^"),
            // an opening mark while open starts a new region
            ("“a “b”", "^^^^^^"),
            // a stray closing mark is ignored
            ("a” b", "...."),
            // single quotes are not quotation marks here
            ("it's ‘x’", "........"),
        ];
        for (text, want) in cases {
            assert_eq!(marked(text), want, "{text:?}");
        }
    }

    #[test]
    fn classify_counts_alphanumerics() {
        let t = chars("He said “yes, sir” and no.");
        let mask = quote_mask(&t);
        let cases = [
            (vec![CharSpan::new(8, 18)], "direct"),
            (vec![CharSpan::new(8, 22)], "mixed"),
            (vec![CharSpan::new(0, 7)], "indirect"),
            (vec![CharSpan::new(7, 8)], "indirect"), // no alphanumeric character
            (vec![CharSpan::new(8, 18), CharSpan::new(19, 22)], "mixed"),
        ];
        for (spans, want) in cases {
            assert_eq!(classify(&t, &mask, &spans), Ok(want), "{spans:?}");
        }
        assert!(classify(&t, &mask, &[CharSpan::new(20, 99)]).is_err());
    }

    #[test]
    fn pieces_of_a_split_quote() {
        let t = chars("“A,” he said, “B.”");
        let mask = quote_mask(&t);
        assert_eq!(
            quoted_pieces(&mask, CharSpan::new(0, t.len())),
            Ok(vec![CharSpan::new(0, 4), CharSpan::new(14, 18)])
        );
        assert_eq!(
            quoted_pieces(&mask, CharSpan::new(2, 16)),
            Ok(vec![CharSpan::new(2, 4), CharSpan::new(14, 16)])
        );
    }
}
