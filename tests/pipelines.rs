//! Every pipeline shipped in `pipelines/` loads and validates with its word lists (also
//! through `claimsift pipeline check`), and the embedded pipelines are the shipped files.

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
    assert_eq!(names, ["news-de", "news-en", "quotes-only", "sentences"]);
}

#[test]
fn pipeline_check_passes_every_shipped_pipeline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimsift"))
            .args(["pipeline", "check"])
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}: {stdout}", path.display());
        assert!(stdout.contains(": ok: pipeline"), "{stdout}");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// `--pipeline news-de` needs no file: the German pipeline and its lists are built in.
#[test]
fn built_in_pipelines_are_the_shipped_files() {
    for name in claimsift::pipeline::BUILT_IN {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("pipelines/{name}.toml")),
        )
        .unwrap();
        let built_in = Pipeline::built_in(name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(built_in.source(), on_disk, "{name}");
        let by_name = Pipeline::from_file_or_built_in(Path::new(name)).unwrap();
        assert_eq!(by_name.header().name, *name);
    }
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
