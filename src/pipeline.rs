//! Pipelines: an ordered list of stages, read from a TOML file and checked when built.
//!
//! ```toml
//! [pipeline]
//! name = "news-en"
//!
//! [[stages]]
//! kind = "tokenize"
//! language = "english"
//!
//! [[stages]]
//! kind = "sentences"
//! abbreviations = "lexicons/en/abbreviations.txt"
//! ```
//!
//! Every stage table has a `kind` naming one of the built-in stages, and that stage's
//! settings. Unknown keys and unknown kinds are errors naming the place
//! (`stages[2] (attribution): unknown field `windw``). Word-list paths are relative to the
//! pipeline file. The pipeline is checked once, when built: each stage's required layers must
//! be provided by a stage before it.

use crate::doc::{Article, Doc};
use crate::error::ConfigError;
use crate::lexicon::{Resources, WordList};
use crate::stage::{Layer, Stage};
use crate::stages::StageSpec;
use serde::Deserialize;
use std::path::Path;

/// The name of the pipeline file embedded in the binary and used when none is given.
pub const DEFAULT_PIPELINE: &str = "news-en.toml";

/// The pipelines built into the binary with their word lists, by name: `--pipeline news-de`
/// runs from any folder.
pub const BUILT_IN: &[&str] = &["news-en", "news-de"];

/// The `[pipeline]` table of a pipeline file.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PipelineHeader {
    /// A short name, written to run manifests.
    pub name: String,
    /// What the pipeline is for.
    #[serde(default)]
    pub description: String,
}

/// A built pipeline: stages ready to run, in order.
pub struct Pipeline {
    header: PipelineHeader,
    stages: Vec<Box<dyn Stage>>,
    source: String,
    word_lists: Vec<WordList>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("name", &self.header.name)
            .field("stages", &self.stage_names())
            .finish()
    }
}

/// Word lists a stage read while being built; the pipeline keeps them for manifests.
#[derive(Default)]
pub struct BuildContext {
    /// Where word lists are read from.
    pub resources: Option<Resources>,
    /// The lists read so far.
    pub word_lists: Vec<WordList>,
}

impl BuildContext {
    /// Reads the word list at `relative`, remembering it.
    pub fn word_list(&mut self, relative: &str) -> Result<WordList, ConfigError> {
        let resources = self.resources.clone().unwrap_or(Resources::Embedded);
        let list = resources.word_list(relative)?;
        if !self.word_lists.iter().any(|l| l.path == list.path) {
            self.word_lists.push(list.clone());
        }
        Ok(list)
    }

    /// Reads the word list at `relative` when one is named, else the embedded list
    /// `default` (a path under `pipelines/`): a setting whose default is a built-in list.
    pub fn word_list_or_embedded(
        &mut self,
        relative: Option<&str>,
        default: &str,
    ) -> Result<WordList, ConfigError> {
        match relative {
            Some(path) => self.word_list(path),
            None => Resources::Embedded.word_list(default),
        }
    }
}

impl Pipeline {
    /// The default pipeline embedded in the binary.
    pub fn default_pipeline() -> Result<Pipeline, ConfigError> {
        let (name, text) = Resources::Embedded.read(DEFAULT_PIPELINE)?;
        Pipeline::from_toml(&name, &text, Resources::Embedded)
    }

    /// A pipeline built into the binary, by its name in [`BUILT_IN`].
    pub fn built_in(name: &str) -> Result<Pipeline, ConfigError> {
        let (path, text) = Resources::Embedded.read(&format!("{name}.toml"))?;
        Pipeline::from_toml(&path, &text, Resources::Embedded)
    }

    /// The pipeline file at `path`, or, when there is no such file and `path` is the name
    /// of a built-in pipeline (`news-de` or `news-de.toml`), that one.
    pub fn from_file_or_built_in(path: &Path) -> Result<Pipeline, ConfigError> {
        let name = path.to_str().map(|p| p.trim_end_matches(".toml"));
        match name {
            Some(name) if !path.exists() && BUILT_IN.contains(&name) => Pipeline::built_in(name),
            _ => Pipeline::from_file(path),
        }
    }

    /// Loads the pipeline file at `path`; its word lists are read relative to it.
    pub fn from_file(path: &Path) -> Result<Pipeline, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::new(&name, "", e.to_string()))?;
        Pipeline::from_toml(&name, &text, Resources::beside(path))
    }

    /// Parses and builds a pipeline from TOML text; `name` is used in messages.
    pub fn from_toml(
        name: &str,
        text: &str,
        resources: Resources,
    ) -> Result<Pipeline, ConfigError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            ConfigError::new(name, "", e.message().to_string() + &line_of(text, e.span()))
        })?;
        for key in table.keys() {
            if key != "pipeline" && key != "stages" {
                return Err(ConfigError::new(
                    name,
                    "",
                    format!("unknown table `{key}`, expected `pipeline` or `stages`"),
                ));
            }
        }
        let header = match table.get("pipeline") {
            Some(value) => PipelineHeader::deserialize(value.clone())
                .map_err(|e| ConfigError::new(name, "[pipeline]", e.message().to_string()))?,
            None => return Err(ConfigError::new(name, "", "missing the [pipeline] table")),
        };
        let stage_values = match table.get("stages") {
            Some(toml::Value::Array(values)) => values.clone(),
            Some(_) => {
                return Err(ConfigError::new(
                    name,
                    "stages",
                    "must be [[stages]] tables",
                ))
            }
            None => return Err(ConfigError::new(name, "", "no [[stages]]")),
        };
        let mut specs = Vec::with_capacity(stage_values.len());
        for (k, value) in stage_values.into_iter().enumerate() {
            let kind = value
                .get("kind")
                .and_then(toml::Value::as_str)
                .unwrap_or("?")
                .to_string();
            let place = format!("stages[{k}] ({kind})");
            let spec = StageSpec::deserialize(value)
                .map_err(|e| ConfigError::new(name, &place, e.message().to_string()))?;
            specs.push((place, spec));
        }
        let mut context = BuildContext {
            resources: Some(resources),
            word_lists: Vec::new(),
        };
        let mut builder = Pipeline::builder().header(header);
        for (place, spec) in specs {
            let stage = spec.build(&mut context).map_err(|mut e| {
                // A stage's own setting errors name no file: they are this file's.
                if e.path.is_empty() {
                    e.path = name.to_string();
                }
                if e.place.is_empty() && e.path == name {
                    e.place = place.clone();
                }
                e
            })?;
            builder = builder.boxed_stage(stage);
        }
        let mut pipeline = builder.build().map_err(|mut e| {
            e.path = name.to_string();
            e
        })?;
        pipeline.source = text.to_string();
        pipeline.word_lists = context.word_lists;
        Ok(pipeline)
    }

    /// Starts a pipeline made in code.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            header: PipelineHeader {
                name: "custom".to_string(),
                description: String::new(),
            },
            stages: Vec::new(),
        }
    }

    /// A builder holding this pipeline's stages, to add more: a custom stage after the
    /// default ones is `Pipeline::default_pipeline()?.into_builder().stage(mine).build()`.
    pub fn into_builder(self) -> PipelineBuilder {
        PipelineBuilder {
            header: self.header,
            stages: self.stages,
        }
    }

    /// The pipeline's `[pipeline]` table.
    pub fn header(&self) -> &PipelineHeader {
        &self.header
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// The stages, in order.
    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.stages.iter().map(|s| s.as_ref())
    }

    /// The TOML the pipeline was read from (empty for one built in code).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The word lists the stages read.
    pub fn word_lists(&self) -> &[WordList] {
        &self.word_lists
    }

    /// Runs every stage over `doc`, in order.
    pub fn process(&self, doc: &mut Doc) {
        for stage in &self.stages {
            stage.process(doc);
        }
    }

    /// Runs the pipeline over one article.
    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        self.process(&mut doc);
        doc
    }
}

/// Describes the line a TOML parse error points at.
fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(range) => {
            let line = text[..range.start.min(text.len())].matches('\n').count() + 1;
            format!(" (line {line})")
        }
        None => String::new(),
    }
}

/// Builds a [`Pipeline`] in code: `Pipeline::builder().stage(a).stage(b).build()`.
pub struct PipelineBuilder {
    header: PipelineHeader,
    stages: Vec<Box<dyn Stage>>,
}

impl PipelineBuilder {
    /// Sets the name and description.
    pub fn header(mut self, header: PipelineHeader) -> Self {
        self.header = header;
        self
    }

    /// Appends a stage.
    pub fn stage(self, stage: impl Stage + 'static) -> Self {
        self.boxed_stage(Box::new(stage))
    }

    /// Appends a boxed stage.
    pub fn boxed_stage(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Checks that every stage's required layers come from a stage before it.
    pub fn build(self) -> Result<Pipeline, ConfigError> {
        let mut provided: Vec<Layer> = Vec::new();
        for (k, stage) in self.stages.iter().enumerate() {
            for layer in stage.requires() {
                if !provided.contains(layer) {
                    return Err(ConfigError::new(
                        "<pipeline>",
                        format!("stages[{k}] ({})", stage.name()),
                        format!(
                            "requires {} but no stage before it provides them",
                            layer.as_str()
                        ),
                    ));
                }
            }
            provided.extend_from_slice(stage.provides());
        }
        if self.stages.is_empty() {
            return Err(ConfigError::new(
                "<pipeline>",
                "",
                "a pipeline needs at least one stage",
            ));
        }
        Ok(Pipeline {
            header: self.header,
            stages: self.stages,
            source: String::new(),
            word_lists: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pipeline_builds() {
        let pipeline = Pipeline::default_pipeline().unwrap();
        assert_eq!(
            pipeline.stage_names(),
            [
                "tokenize",
                "sentences",
                "quotes",
                "attribution",
                "claims",
                "assertions"
            ]
        );
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                "[pipeline]\nname='x'\n[[stages]]\nkind='tokenize'\nlanguage='english'\n[[stages]]\nkind='sentences'\nabbreviations='lexicons/en/abbreviations.txt'\nwindw=3\n",
                "stages[1] (sentences): unknown field `windw`",
            ),
            (
                "[pipeline]\nname='x'\n[[stages]]\nkind='stemmify'\n",
                "stages[0] (stemmify): unknown variant `stemmify`",
            ),
            (
                "[pipeline]\nname='x'\n[[stages]]\nkind='quotes'\n",
                "stages[0] (quotes): requires tokens",
            ),
            (
                "[pipeline]\nname='x'\nnmae='y'\n[[stages]]\nkind='tokenize'\n",
                "[pipeline]: unknown field `nmae`",
            ),
            ("[pipeline\n", "line 1"),
        ];
        for (text, want) in cases {
            let err = Pipeline::from_toml("p.toml", text, Resources::Embedded).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("p.toml"), "{message}");
            assert!(message.contains(want), "{message} lacks {want}");
        }
    }
}
