//! The [`Stage`] trait: one step of a pipeline, and the layers it reads and writes.

use crate::doc::Doc;

/// An annotation layer of a [`Doc`] that a stage may require or provide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// [`Doc::tokens`].
    Tokens,
    /// [`Doc::paragraphs`].
    Paragraphs,
    /// [`Doc::sentences`].
    Sentences,
    /// [`Doc::quotes`].
    Quotes,
    /// [`Doc::attributions`].
    Attributions,
    /// [`Doc::claims`].
    Claims,
    /// A layer of a stage written outside this crate, by name: for instance a column of
    /// [`Doc::claim_columns`]. Stages that share the name share the layer.
    Custom(&'static str),
}

impl Layer {
    /// The layer's name as written in messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            Layer::Tokens => "tokens",
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Quotes => "quotes",
            Layer::Attributions => "attributions",
            Layer::Claims => "claims",
            Layer::Custom(name) => name,
        }
    }
}

/// One step of a pipeline.
///
/// A stage is built once from its configuration and shared by every worker thread, so it is
/// `Send + Sync` and keeps no per-article state. It must never change the article text or
/// the offsets of spans other stages made; it only adds layers. A problem it can work around
/// goes to [`Doc::diagnostics`]; it never fails the article.
pub trait Stage: Send + Sync {
    /// The stage's name, as written in pipeline files and messages.
    fn name(&self) -> &str;

    /// Layers that must be there before the stage runs.
    fn requires(&self) -> &[Layer];

    /// Layers the stage fills in.
    fn provides(&self) -> &[Layer];

    /// Adds the stage's layers to `doc`.
    fn process(&self, doc: &mut Doc);
}
