//! The built-in stages, one file each, and the closed list of their specifications.
//!
//! Each stage file holds the stage's configuration type (what a `[[stages]]` table of a
//! pipeline file holds), the stage itself, its docs and its table-driven tests.

pub mod assertions;
pub mod attribution;
pub mod claims;
pub mod quotes;
pub mod sentences;
pub mod tokenize;

use crate::error::ConfigError;
use crate::pipeline::BuildContext;
use crate::stage::Stage;
use serde::Deserialize;

/// One `[[stages]]` table of a pipeline file: the stage's kind and its settings.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum StageSpec {
    /// Word-bound tokens with lowercase forms and stems.
    Tokenize(tokenize::TokenizeConfig),
    /// Paragraph and sentence boundaries.
    Sentences(sentences::SentencesConfig),
    /// Paired quotation marks.
    Quotes(quotes::QuotesConfig),
    /// Speakers, cues and contents. (This and the assertions settings are boxed: many
    /// word-list settings make them far larger than the others.)
    Attribution(Box<attribution::AttributionConfig>),
    /// The rows to write.
    Claims(claims::ClaimsConfig),
    /// Checkable sentences nobody is quoted for.
    Assertions(Box<assertions::AssertionsConfig>),
}

impl StageSpec {
    /// Builds the stage, reading its word lists through `context`.
    pub fn build(&self, context: &mut BuildContext) -> Result<Box<dyn Stage>, ConfigError> {
        Ok(match self {
            StageSpec::Tokenize(config) => Box::new(tokenize::Tokenize::new(config)?),
            StageSpec::Sentences(config) => Box::new(sentences::Sentences::new(config, context)?),
            StageSpec::Quotes(config) => Box::new(quotes::Quotes::new(config, context)?),
            StageSpec::Attribution(config) => {
                Box::new(attribution::Attribution::new(config, context)?)
            }
            StageSpec::Claims(config) => Box::new(claims::Claims::new(config)?),
            StageSpec::Assertions(config) => {
                Box::new(assertions::Assertions::new(config, context)?)
            }
        })
    }
}
