//! Every pipeline shipped in `pipelines/` loads and validates with its word lists, and the
//! embedded default is the same file as `pipelines/news-en.toml`.

use claimsift::Pipeline;
use std::path::Path;

#[test]
fn shipped_pipelines_validate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let pipeline = Pipeline::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
            names.push(pipeline.header().name.clone());
        }
    }
    names.sort();
    assert_eq!(names, ["news-en", "quotes-only", "sentences"]);
}

#[test]
fn the_embedded_default_is_the_shipped_file() {
    let on_disk = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/news-en.toml"),
    )
    .unwrap();
    assert_eq!(Pipeline::default_pipeline().unwrap().source(), on_disk);
}

#[test]
fn a_bad_claims_kind_names_its_place() {
    let text = "[pipeline]\nname = 'x'\n[[stages]]\nkind = 'tokenize'\n[[stages]]\nkind = 'sentences'\nabbreviations = 'lexicons/en/abbreviations.txt'\n[[stages]]\nkind = 'claims'\nkinds = ['quoted']\n";
    let err =
        Pipeline::from_toml("p.toml", text, claimsift::lexicon::Resources::Embedded).unwrap_err();
    assert!(err.to_string().contains("stages[2] (claims)"), "{err}");
    assert!(err.to_string().contains("unknown kind `quoted`"), "{err}");
}
