//! The `claims` stage: turns attributions into the claims that become rows.
//!
//! Each attribution becomes one claim. Its kind is read from the quotation marks: a claim
//! whose letters and digits all lie inside quotes is `direct`, one with none inside is
//! `indirect`, anything between is `mixed`. The sentence and paragraph are those where the
//! content starts. Claims below `min_confidence` are left out.
//!
//! ```toml
//! [[stages]]
//! kind = "claims"
//! min_confidence = 0.0
//! kinds = ["direct", "mixed", "indirect"]   # all when left out
//! ```

use crate::doc::{Claim, ClaimKind, Doc, Quote, Span};
use crate::error::ConfigError;
use crate::stage::{Layer, Stage};
use serde::Deserialize;

/// Settings of the claims stage.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimsConfig {
    /// Attributions with a lower confidence are not written.
    #[serde(default)]
    pub min_confidence: f32,
    /// Only claims of these kinds (`direct`, `mixed`, `indirect`) are written; all when empty.
    #[serde(default)]
    pub kinds: Vec<String>,
}

/// The claims stage.
pub struct Claims {
    min_confidence: f32,
    kinds: Vec<ClaimKind>,
}

impl Claims {
    /// Builds the stage; fails on an unknown kind.
    pub fn new(config: &ClaimsConfig) -> Result<Claims, ConfigError> {
        let mut kinds = Vec::new();
        for name in &config.kinds {
            let kind = [ClaimKind::Direct, ClaimKind::Mixed, ClaimKind::Indirect]
                .into_iter()
                .find(|k| k.as_str() == name)
                .ok_or_else(|| {
                    ConfigError::new(
                        "",
                        "",
                        format!("unknown kind `{name}`, expected direct, mixed or indirect"),
                    )
                })?;
            kinds.push(kind);
        }
        Ok(Claims {
            min_confidence: config.min_confidence,
            kinds,
        })
    }
}

/// The kind of a claim whose content is `pieces`, given the article's quotes.
///
/// Only whether some letter or digit lies inside a quote, and some outside, matters: the
/// pieces are read a stretch between quote bounds at a time, and the reading stops as soon
/// as both are found.
pub fn classify(text: &str, quotes: &[Quote], pieces: &[Span]) -> ClaimKind {
    let (mut inside, mut outside) = (false, false);
    for piece in pieces {
        quote_stretches(quotes, *piece, |stretch, quoted| {
            let found = if quoted { &mut inside } else { &mut outside };
            *found = *found || has_alphanumeric(stretch.of(text));
            !(inside && outside)
        });
        if inside && outside {
            break;
        }
    }
    match (inside, outside) {
        (false, _) => ClaimKind::Indirect,
        (true, false) => ClaimKind::Direct,
        (true, true) => ClaimKind::Mixed,
    }
}

/// Cuts `piece` at the bounds of `quotes` (sorted by end, as the quotes stage gives them)
/// and calls `visit(stretch, inside)` for each stretch in order until it returns false. A
/// byte is inside when the first quote ending after it starts at or before it.
pub(crate) fn quote_stretches(
    quotes: &[Quote],
    piece: Span,
    mut visit: impl FnMut(Span, bool) -> bool,
) {
    let mut q = quotes.partition_point(|q| q.span.end <= piece.start);
    let mut at = piece.start;
    while at < piece.end {
        while q < quotes.len() && quotes[q].span.end <= at {
            q += 1;
        }
        let (end, inside) = match quotes.get(q) {
            Some(quote) if quote.span.start <= at => (quote.span.end.min(piece.end), true),
            Some(quote) => (quote.span.start.min(piece.end), false),
            None => (piece.end, false),
        };
        if !visit(Span::new(at, end), inside) {
            return;
        }
        at = end;
    }
}

/// True when `s` holds a letter or digit; ASCII text is read byte by byte.
fn has_alphanumeric(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!s.is_ascii() && s.chars().any(char::is_alphanumeric))
}

/// The number of letters and digits in `s`; ASCII text is read byte by byte.
pub(crate) fn count_alphanumeric(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        s.chars().filter(|c| c.is_alphanumeric()).count()
    }
}

impl Stage for Claims {
    fn name(&self) -> &str {
        "claims"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Quotes, Layer::Attributions]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Claims]
    }

    fn process(&self, doc: &mut Doc) {
        let mut claims = std::mem::take(&mut doc.claims);
        claims.clear();
        for attribution in &doc.attributions {
            if attribution.confidence < self.min_confidence || attribution.content.is_empty() {
                continue;
            }
            let start = attribution.hull().start;
            let kind = classify(&doc.article.text, &doc.quotes, &attribution.content);
            if !self.kinds.is_empty() && !self.kinds.contains(&kind) {
                continue;
            }
            claims.push(Claim {
                kind,
                attribution: attribution.clone(),
                sentence_index: doc.sentence_at(start),
                paragraph_index: doc.paragraph_at(start),
                assertion: None,
            });
        }
        claims.sort_by_key(|c| (c.attribution.hull().start, c.attribution.hull().end));
        doc.claims = claims;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let text = "He said “we won” and that we lost.";
        let quote = Quote {
            span: Span::new(8, 20),
            closed: true,
            paragraphs: 1,
            words: 2,
            nested: false,
        };
        let quotes = [quote];
        let cases = [
            (Span::new(8, 20), ClaimKind::Direct),
            (Span::new(8, 24), ClaimKind::Mixed),
            (Span::new(25, 37), ClaimKind::Indirect),
            (Span::new(0, 0), ClaimKind::Indirect),
        ];
        for (piece, kind) in cases {
            assert_eq!(
                classify(text, &quotes, &[piece]),
                kind,
                "{:?}",
                piece.of(text)
            );
        }
    }

    /// The kind as it was counted before [`classify`] read stretches: every char of every
    /// piece, each looked up among the quotes.
    fn classify_by_chars(text: &str, quotes: &[Quote], pieces: &[Span]) -> ClaimKind {
        let (mut inside, mut total) = (0usize, 0usize);
        for piece in pieces {
            let mut q = quotes.partition_point(|q| q.span.end <= piece.start);
            for (offset, c) in piece.of(text).char_indices() {
                if !c.is_alphanumeric() {
                    continue;
                }
                let at = piece.start + offset;
                while q < quotes.len() && quotes[q].span.end <= at {
                    q += 1;
                }
                total += 1;
                if q < quotes.len() && quotes[q].span.start <= at {
                    inside += 1;
                }
            }
        }
        if inside == 0 || total == 0 {
            ClaimKind::Indirect
        } else if inside == total {
            ClaimKind::Direct
        } else {
            ClaimKind::Mixed
        }
    }

    proptest::proptest! {
        /// Random text, quotes and pieces on char bounds: the stretches give the kind the
        /// char count gives, and the same counts of letters and digits.
        #[test]
        fn stretches_agree_with_chars(
            picks in proptest::collection::vec(0usize..9, 0..40),
            cuts in proptest::collection::vec(0usize..41, 0..8),
            piece_cuts in proptest::collection::vec((0usize..41, 0usize..41), 1..4),
        ) {
            let alphabet = ['a', 'Z', '7', ' ', ',', '“', '”', 'é', '—'];
            let text: String = picks.iter().map(|&k| alphabet[k]).collect();
            let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            bounds.push(text.len());
            let at = |k: usize| bounds[k % bounds.len()];
            // Quotes: consecutive pairs of sorted cut points, so sorted and apart.
            let mut points: Vec<usize> = cuts.iter().map(|&k| at(k)).collect();
            points.sort_unstable();
            points.dedup();
            let quotes: Vec<Quote> = points
                .chunks_exact(2)
                .map(|pair| Quote {
                    span: Span::new(pair[0], pair[1]),
                    closed: true,
                    paragraphs: 1,
                    words: 0,
                    nested: false,
                })
                .collect();
            let pieces: Vec<Span> = piece_cuts
                .iter()
                .map(|&(a, b)| Span::new(at(a).min(at(b)), at(a).max(at(b))))
                .collect();
            proptest::prop_assert_eq!(
                classify(&text, &quotes, &pieces),
                classify_by_chars(&text, &quotes, &pieces)
            );
            for piece in &pieces {
                let (mut inside, mut total) = (0, 0);
                quote_stretches(&quotes, *piece, |stretch, quoted| {
                    let n = count_alphanumeric(stretch.of(&text));
                    total += n;
                    inside += if quoted { n } else { 0 };
                    true
                });
                // Each letter or digit is inside when the first quote ending after it
                // starts at or before it.
                let (mut want_inside, mut want_total) = (0, 0);
                for (offset, c) in piece.of(&text).char_indices() {
                    let at = piece.start + offset;
                    if c.is_alphanumeric() {
                        want_total += 1;
                        let first = quotes.iter().find(|q| q.span.end > at);
                        want_inside += usize::from(first.is_some_and(|q| q.span.start <= at));
                    }
                }
                proptest::prop_assert_eq!((inside, total), (want_inside, want_total));
            }
        }
    }
}
