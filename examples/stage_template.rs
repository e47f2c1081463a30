//! A template for a new stage. Compiled and tested in CI so it cannot rot.
//!
//! To write a stage of your own:
//! 1. Copy this file (to `examples/`, your own crate, or `src/stages/` for a built-in stage).
//! 2. Rename `TemplateStage`, its config and its name (`"template"`).
//! 3. Say what it requires and provides ([`Layer`]; your own layers are `Layer::Custom`).
//! 4. Write `process`: read the layers, add yours. Never change the article text or another
//!    stage's spans; a problem you can work around goes to `doc.diagnostics`.
//! 5. Add it to the list: `Pipeline::default_pipeline()?.into_builder().stage(it).build()`
//!    in a program, or (built in) a variant of `StageSpec` in `src/stages/mod.rs` so pipeline
//!    files can name it.
//! 6. Run the tests: the table of cases below, and `StageTest`'s checks alone, in the
//!    pipeline and on random input (`cargo test --example stage_template`).
//!
//! This one counts the words of each sentence that a word list names, and writes the count
//! as the claim column `listed_words` of each claim's first sentence.
//!
//! ```sh
//! cargo run --example stage_template
//! ```

use claimsift::stage::{Layer, Stage};
use claimsift::{Article, Doc, Pipeline, TokenKind};
use serde::Deserialize;
use std::collections::HashSet;

/// Settings, as a `[[stages]]` table would hold them: `deny_unknown_fields` turns a typo
/// into an error that names the field.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateConfig {
    /// The words to count, lowercase.
    words: Vec<String>,
}

/// The stage: built once from its config, shared by every worker thread (`Send + Sync`), so
/// it keeps no per-article state.
struct TemplateStage {
    words: HashSet<String>,
}

impl TemplateStage {
    /// Builds the stage; refuse bad settings here, not halfway through a run.
    fn new(config: &TemplateConfig) -> Result<TemplateStage, String> {
        if let Some(bad) = config.words.iter().find(|w| w.to_lowercase() != **w) {
            return Err(format!("words: `{bad}` is not lowercase"));
        }
        Ok(TemplateStage {
            words: config.words.iter().cloned().collect(),
        })
    }
}

impl Stage for TemplateStage {
    fn name(&self) -> &str {
        "template"
    }

    fn requires(&self) -> &[Layer] {
        // Checked when the pipeline is built: a stage before this one must provide them.
        &[Layer::Tokens, Layer::Sentences, Layer::Claims]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Custom("listed_words")]
    }

    fn process(&self, doc: &mut Doc) {
        // Read: tokens carry spans into the unchanged text and a lowercase form.
        let mut per_sentence = vec![0usize; doc.sentences.len()];
        for token in &doc.tokens {
            if token.kind == TokenKind::Word && self.words.contains(doc.lower(token)) {
                let s = doc.sentence_at(token.span.start);
                if let Some(count) = per_sentence.get_mut(s) {
                    *count += 1;
                }
            }
        }
        // Write: only your own layer, one value per claim.
        let values = doc
            .claims
            .iter()
            .map(|claim| {
                let s = doc.sentence_at(claim.attribution.hull().start);
                per_sentence.get(s).copied().unwrap_or(0).to_string()
            })
            .collect();
        doc.claim_columns.insert("listed_words".to_string(), values);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config: TemplateConfig = toml::from_str("words = ['bread', 'noon']")?;
    let pipeline = Pipeline::default_pipeline()?
        .into_builder()
        .stage(TemplateStage::new(&config)?)
        .build()?;
    let doc = pipeline.run(Article {
        id: "example".into(),
        source: "stage_template".into(),
        text: "“We sell all the bread by noon,” Dana Ruiz said.".into(),
    });
    println!("{:?}", doc.claim_columns["listed_words"]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimsift::testing::StageTest;

    fn stage() -> TemplateStage {
        TemplateStage::new(&TemplateConfig {
            words: vec!["bread".into(), "noon".into()],
        })
        .unwrap()
    }

    #[test]
    fn counts_listed_words_per_claim() {
        // (article, values of the column): one case per path through `process`.
        let cases: [(&str, &[&str]); 3] = [
            ("“We sell all the bread by noon,” Dana Ruiz said.", &["2"]),
            ("“Nothing listed here at all,” Dana Ruiz said.", &["0"]),
            ("No claim in this sentence about bread.", &[]),
        ];
        let stage = stage();
        let test = StageTest::new(&stage);
        for (text, want) in cases {
            assert_eq!(
                test.in_pipeline(text).claim_columns["listed_words"],
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn keeps_the_stage_promises() {
        let stage = stage();
        StageTest::new(&stage).check(&["", "“Bread, bread, bread,” he said.\n\nNoon."]);
    }

    #[test]
    fn bad_settings_are_refused() {
        let err = TemplateStage::new(&TemplateConfig {
            words: vec!["Bread".into()],
        })
        .err()
        .unwrap();
        assert!(err.contains("`Bread`"), "{err}");
        assert!(toml::from_str::<TemplateConfig>("wrods = []").is_err());
    }
}
