//! # claimsift
//!
//! Extracts claims from news articles — who said what — with explainable rules and word
//! lists, no language model. Direct quotes, quotes split around their attribution, quotes
//! running over several paragraphs and reported speech are found, every speaker is resolved
//! to one canonical name per article, and each claim carries its cue, the rule that fired, a
//! confidence and exact offsets into the article.
//!
//! ```
//! use claimsift::{Article, Pipeline};
//!
//! let pipeline = Pipeline::default_pipeline().unwrap();
//! let text = "Dana Ruiz runs the bakery. “We sell out by noon,” Ruiz said.";
//! let doc = pipeline.run(Article { id: "a1".into(), source: "example".into(), text: text.into() });
//! let claim = &doc.claims[0];
//! assert_eq!(claim.attribution.hull().of(text), "“We sell out by noon,”");
//! assert_eq!(claim.attribution.speaker_canonical, "Dana Ruiz");
//! assert_eq!(claim.attribution.rule, "quote-speaker-cue");
//! ```
//!
//! The primary types: an [`Article`] goes into a [`Pipeline`] of [`Stage`]s, which fill a
//! [`Doc`] with layers of [`Span`]s into the unchanged text; [`output`] turns the claims into
//! flat CSV rows, [`run`] drives a whole batch in parallel, and [`eval`] scores the claims
//! against annotated gold data.
//!
//! ## Extending it
//!
//! - A pipeline file (`pipelines/*.toml`, see [`pipeline`]) picks the built-in stages, their
//!   settings and their word lists; `claimsift pipeline show > my.toml` gives one to edit.
//! - A stage of your own implements [`Stage`] and joins the others with
//!   `Pipeline::default_pipeline()?.into_builder().stage(mine).build()` (or
//!   [`Pipeline::builder`] from nothing); it writes its own claim columns into
//!   [`Doc::claim_columns`]. `examples/number_flags.rs` is a complete program that flags
//!   claims with numbers, money or percentages; `examples/stage_template.rs` is a commented
//!   template to copy.
//! - [`testing::StageTest`] checks a stage alone, inside the pipeline and on random input.

#![deny(missing_docs)]

pub mod cli;
pub mod doc;
pub mod error;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod run;
pub mod stage;
pub mod stages;
pub mod testing;

pub use doc::{
    Article, Attribution, CharIndex, Claim, ClaimKind, Doc, Quote, Sentence, Span, Token, TokenKind,
};
pub use error::{ConfigError, InputError};
pub use input::{Inputs, ReadOptions, Record};
pub use pipeline::{Pipeline, PipelineBuilder};
pub use stage::{Layer, Stage};
