//! A program that adds its own stage to claimsift: `number_flags` marks each claim that holds
//! a number, an amount of money or a percentage, and the program writes the claims with
//! those three columns as CSV to standard output.
//!
//! ```sh
//! cargo run --release --example number_flags -- fixtures/articles
//! ```
//!
//! The stage is built in code and appended to the default pipeline's stages with the
//! pipeline builder; its tests use `claimsift::testing`.

use claimsift::stage::{Layer, Stage};
use claimsift::{Article, Doc, Pipeline};
use std::path::{Path, PathBuf};

/// The columns the stage adds, in order.
const COLUMNS: [&str; 3] = ["has_number", "has_money", "has_percent"];

/// Flags claims with numbers, money or percentages.
struct NumberFlags;

/// What a claim's text holds.
fn flags(text: &str) -> [bool; 3] {
    let number = text.chars().any(|c| c.is_ascii_digit());
    let money = number
        && (text.contains(['$', '€', '£', '¥'])
            || text.split(|c: char| !c.is_alphabetic()).any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "dollar" | "dollars" | "euro" | "euros" | "pound" | "pounds" | "cents"
                )
            }));
    let percent = number && (text.contains('%') || text.to_lowercase().contains("percent"));
    [number, money, percent]
}

impl Stage for NumberFlags {
    fn name(&self) -> &str {
        "number_flags"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Claims]
    }

    fn provides(&self) -> &[Layer] {
        &[Layer::Custom("number_flags")]
    }

    fn process(&self, doc: &mut Doc) {
        let text = doc.article.text.as_str();
        let mut columns: [Vec<String>; 3] = Default::default();
        for claim in &doc.claims {
            let content: String = claim
                .attribution
                .content
                .iter()
                .map(|span| span.of(text))
                .collect();
            for (column, flag) in columns.iter_mut().zip(flags(&content)) {
                column.push(flag.to_string());
            }
        }
        for (name, values) in COLUMNS.iter().zip(columns) {
            doc.claim_columns.insert(name.to_string(), values);
        }
    }
}

/// The default pipeline's stages with `number_flags` after them. A pipeline made from
/// nothing starts with `Pipeline::builder()` instead.
fn pipeline() -> Result<Pipeline, claimsift::ConfigError> {
    Pipeline::default_pipeline()?
        .into_builder()
        .stage(NumberFlags)
        .build()
}

/// The `.txt` files under `path` (or `path` itself), sorted.
fn articles(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            articles(&entry, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "txt") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        return Err("usage: number_flags FOLDER_OR_TXT...".into());
    }
    let pipeline = pipeline()?;
    let mut files = Vec::new();
    for input in &inputs {
        articles(Path::new(input), &mut files)?;
    }
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    let mut header = vec!["article_id", "claim_index", "kind", "text"];
    header.extend(COLUMNS);
    out.write_record(&header)?;
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let id = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let doc = pipeline.run(Article {
            id: id.clone(),
            source: file.display().to_string(),
            text,
        });
        for (k, claim) in doc.claims.iter().enumerate() {
            let mut row = vec![
                id.clone(),
                k.to_string(),
                claim.kind.as_str().to_string(),
                claim.attribution.hull().of(doc.text()).to_string(),
            ];
            row.extend(COLUMNS.iter().map(|c| doc.claim_columns[*c][k].clone()));
            out.write_record(&row)?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimsift::testing::StageTest;

    #[test]
    fn flags_what_the_claim_holds() {
        // (claim text, [number, money, percent])
        let cases = [
            ("“We sold 40 loaves,”", [true, false, false]),
            ("“It cost $4.5 billion,”", [true, true, false]),
            ("“Prices rose 12%,”", [true, false, true]),
            ("“Up 3 percent,”", [true, false, true]),
            ("“Worth 20 euros,”", [true, true, false]),
            ("“No figures here,”", [false, false, false]),
        ];
        for (text, want) in cases {
            assert_eq!(flags(text), want, "{text}");
        }
    }

    #[test]
    fn keeps_the_stage_promises() {
        let test = StageTest::new(&NumberFlags);
        let doc = test.in_pipeline("“It cost $40 million,” Dana Ruiz said.");
        assert_eq!(doc.claim_columns["has_money"], ["true"]);
        let doc = test.in_pipeline("“It was far too much,” Dana Ruiz said.");
        assert_eq!(doc.claim_columns["has_number"], ["false"]);
        test.check(&["", "“Rents rose 12% in a year,” the council said."]);
    }

    #[test]
    fn builds_after_the_default_stages() {
        let names = pipeline().unwrap().stage_names().join(",");
        assert!(names.ends_with("assertions,number_flags"), "{names}");
    }
}
