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
pub fn classify(text: &str, quotes: &[Quote], pieces: &[Span]) -> ClaimKind {
    let (mut inside, mut total) = (0usize, 0usize);
    for piece in pieces {
        // Quotes are sorted and do not overlap: find the first that may touch the piece.
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
}
