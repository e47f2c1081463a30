//! Bad input through the binary: each case writes files, runs `claimsift extract` on them,
//! and names the exact articles.csv rows, stderr lines and exit code it must produce. Every
//! good article beside a bad one is still processed.

use std::io::Read;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimsift"))
}

struct Case {
    name: &'static str,
    files: Vec<(&'static str, &'static [u8])>,
    /// articles.csv rows after the header, exactly.
    rows: &'static [&'static str],
    code: i32,
}

/// Runs `claimsift extract FILES... --out DIR --quiet --threads 2` in a fresh folder.
fn run(case: &Case) -> (String, String, i32, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for (name, bytes) in &case.files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        names.push(*name);
    }
    let out = bin()
        .current_dir(dir.path())
        .arg("extract")
        .args(&names)
        .args([
            "--out",
            "out",
            "--quiet",
            "--threads",
            "2",
            "--max-article-bytes",
            "60",
        ])
        .output()
        .unwrap();
    let articles = std::fs::read_to_string(dir.path().join("out/articles.csv")).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (articles, stderr, out.status.code().unwrap_or(-1), dir)
}

#[test]
fn bad_inputs_become_exact_error_rows() {
    let good = ("good.txt", "“We open at nine,” said Ana Ruiz.".as_bytes());
    let cases = vec![
        Case {
            name: "invalid UTF-8 in the middle of a .txt",
            files: vec![("bad.txt", b"He said \"yes\xff no\" today."), good],
            rows: &[
                "bad,bad.txt,error,bad.txt (byte 12): invalid UTF-8,0,0,0,0",
                "good,good.txt,ok,,33,1,1,1",
            ],
            code: 1,
        },
        Case {
            name: "binary file, empty file, NUL byte in a .txt",
            files: vec![
                ("bin.txt", b"\x00\x01\x02\xff"),
                ("empty.txt", b""),
                ("nul.txt", b"nul\x00byte"),
                good,
            ],
            rows: &[
                "bin,bin.txt,error,bin.txt (byte 0): binary file (NUL byte),0,0,0,0",
                "empty,empty.txt,error,empty.txt: empty article,0,0,0,0",
                "nul,nul.txt,error,nul.txt (byte 3): binary file (NUL byte),0,0,0,0",
                "good,good.txt,ok,,33,1,1,1",
            ],
            code: 1,
        },
        Case {
            name: "malformed JSONL rows beside good ones; a blank line is skipped",
            files: vec![(
                "j.jsonl",
                b"{\"id\":\"a\",\"text\":\"Fine.\"}\n\n{\"id\":\"b\",\"text\":\"x\xffy\"}\n{bad\n{\"id\":\"c\"}\n{\"text\":\"t\"}\n{\"id\":\"d\",\"text\":5}\n{\"id\":\"e\",\"text\":\"lone \\ud800 here\"}\n{\"id\":\"f\",\"text\":\"nul \\u0000 ok\"}\n",
            )],
            rows: &[
                "a,j.jsonl:1,ok,,5,1,0,0",
                "b,j.jsonl:3,error,j.jsonl:3 (byte 46): invalid UTF-8,0,0,0,0",
                "j.jsonl:4,j.jsonl:4,error,j.jsonl:4 (byte 52): invalid JSON: key must be a string,0,0,0,0",
                "c,j.jsonl:5,error,j.jsonl:5 (byte 56): missing `text` field,0,0,0,0",
                "j.jsonl:6,j.jsonl:6,error,j.jsonl:6 (byte 67): missing `id` field,0,0,0,0",
                "d,j.jsonl:7,error,\"j.jsonl:7 (byte 80): `text` is a number, expected a string\",0,0,0,0",
                "e,j.jsonl:8,error,j.jsonl:8 (byte 129): invalid JSON: unexpected end of hex escape,0,0,0,0",
                "f,j.jsonl:9,ok,,8,1,0,0",
            ],
            code: 1,
        },
        Case {
            name: "CSV: multi-line quoted field, malformed rows, BOM",
            files: vec![(
                "c.csv",
                b"\xef\xbb\xbfid,text\n1,\"multi\nline \"\"q\"\" said\"\n2,\"a\"b\n3\n4,fine\n",
            )],
            rows: &[
                "1,c.csv#1 (line 2),ok,,19,2,1,0",
                "c.csv#2,c.csv#2 (line 4),error,c.csv#2 (line 4) (byte 42): text after the closing quote of a field,0,0,0,0",
                "c.csv#3,c.csv#3 (line 5),error,\"c.csv#3 (line 5) (byte 44): record has 1 fields, the header has 2\",0,0,0,0",
                "4,c.csv#4 (line 6),ok,,4,1,0,0",
            ],
            code: 1,
        },
        Case {
            name: "BOM, CRLF and lone CR line ends, over --max-article-bytes",
            files: vec![
                ("bom.txt", "\u{feff}Ana Ruiz said it.".as_bytes()),
                ("crlf.txt", b"a\r\nb\rc \"q\" said Jo.\r\n"),
                ("long.txt", &[b'a'; 61]),
            ],
            rows: &[
                "bom,bom.txt,ok,,17,1,0,0",
                "crlf,crlf.txt,ok,,21,1,1,1",
                "long,long.txt,error,\"long.txt: article is 61 bytes, over the limit of 60; raise --max-article-bytes\",0,0,0,0",
            ],
            code: 1,
        },
        Case {
            name: "formula characters at cell starts are guarded",
            files: vec![("=cmd.txt", "-5 degrees, he said.".as_bytes())],
            rows: &["'=cmd,'=cmd.txt,ok,,20,1,0,0"],
            code: 0,
        },
    ];
    for case in &cases {
        let (articles, stderr, code, _dir) = run(case);
        let mut lines = articles.lines();
        assert_eq!(
            lines.next(),
            Some("article_id,source,status,error,chars,sentences,quotes,claims"),
            "{}",
            case.name
        );
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows, case.rows, "{}", case.name);
        assert_eq!(code, case.code, "{}: {stderr}", case.name);
        // One stderr line per failed row, in the same words.
        let failed: Vec<String> = case
            .rows
            .iter()
            .filter(|row| row.contains(",error,"))
            .map(|row| row.split(",error,").nth(1).unwrap().to_string())
            .collect();
        let said: Vec<&str> = stderr.lines().collect();
        assert_eq!(said.len(), failed.len(), "{}: {stderr}", case.name);
        for (line, row) in said.iter().zip(&failed) {
            let message = line.strip_prefix("claimsift: ").unwrap();
            assert!(
                row.trim_matches('"').starts_with(message),
                "{}: {line} vs {row}",
                case.name
            );
        }
    }
}

#[test]
fn nothing_can_run_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Ana said it.").unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    std::fs::write(dir.path().join("bad.toml"), "garbage").unwrap();
    for args in [
        vec!["extract", "a.txt", "--bogus"],
        vec!["extract", "a.txt", "--pipeline", "missing.toml"],
        vec!["extract", "a.txt", "--pipeline", "bad.toml"],
        vec!["extract", "a.txt", "--out", "file/sub"],
    ] {
        let out = bin().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for k in 0..20_000 {
        lines.push_str(&format!(
            "{{\"id\":\"{k}\",\"text\":\"“I like it,” said Bo Li.\"}}\n"
        ));
    }
    std::fs::write(dir.path().join("many.jsonl"), lines).unwrap();
    let mut child = bin()
        .current_dir(dir.path())
        .args(["extract", "many.jsonl", "--out", "-", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // as `| head -c 64` does
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn run_json_says_what_ran() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "“Yes,” said Ana Ruiz.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args([
            "extract",
            "a.txt",
            "b.txt",
            "--out",
            "out",
            "--quiet",
            "--threads",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(dir.path().join("out/run.json")).unwrap();
    let run: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(run["claimsift_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["pipeline"]["name"], "news-en");
    assert!(run["pipeline"]["source"]
        .as_str()
        .unwrap()
        .contains("[[stages]]"));
    let lists = run["pipeline"]["word_lists"].as_array().unwrap();
    assert!(!lists.is_empty());
    for list in lists {
        let sum = list["fnv1a64"].as_str().unwrap();
        assert_eq!(sum.len(), 16, "{list}");
        assert!(list["path"].as_str().unwrap().ends_with(".txt"), "{list}");
    }
    assert_eq!(run["inputs"], serde_json::json!(["a.txt", "b.txt"]));
    assert_eq!(run["options"]["max_article_bytes"], 10 * 1024 * 1024);
    assert_eq!(run["options"]["text_field"], "text");
    assert_eq!(run["options"]["threads"], 1);
    assert_eq!(run["counts"]["articles"], 2);
    assert_eq!(run["counts"]["failed"], 1);
    assert_eq!(run["counts"]["claims"], 1);
    assert!(run["seconds"].as_f64().unwrap() >= 0.0);
    // No temporary file is left beside the results.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

/// A run killed midway leaves no final table half written: before any complete run there is
/// none, after one there is that run's, byte for byte. The killed run's hidden
/// `.NAME.csv.partial-PID` files stay behind (documented in the README); they never take a
/// table's name.
#[test]
fn a_killed_run_leaves_no_half_written_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for k in 0..40_000 {
        lines.push_str(&format!(
            "{{\"id\":\"{k}\",\"text\":\"“We open at nine,” said Ana Ruiz. She added that the shop had grown by 20% last year.\"}}\n"
        ));
    }
    std::fs::write(dir.path().join("big.jsonl"), lines).unwrap();
    std::fs::write(dir.path().join("small.txt"), "“Yes,” said Bo Li.").unwrap();
    let out = dir.path().join("out");
    let kill_midway = || {
        let mut child = bin()
            .current_dir(dir.path())
            .args([
                "extract",
                "big.jsonl",
                "--out",
                "out",
                "--quiet",
                "--threads",
                "1",
            ])
            .spawn()
            .unwrap();
        let partial = out.join(format!(".claims.csv.partial-{}", child.id()));
        let started = std::time::Instant::now();
        while !partial.exists() {
            assert!(
                started.elapsed().as_secs() < 60,
                "no temporary file appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success(), "the run ended before it was killed");
        partial
    };
    let partial = kill_midway();
    assert!(!out.join("claims.csv").exists());
    assert!(!out.join("articles.csv").exists());
    assert!(std::fs::metadata(&partial).is_ok());

    let done = bin()
        .current_dir(dir.path())
        .args(["extract", "small.txt", "--out", "out", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(0));
    let claims = std::fs::read(out.join("claims.csv")).unwrap();
    let articles = std::fs::read(out.join("articles.csv")).unwrap();
    kill_midway();
    assert_eq!(std::fs::read(out.join("claims.csv")).unwrap(), claims);
    assert_eq!(std::fs::read(out.join("articles.csv")).unwrap(), articles);
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["claims.csv", "articles.csv", "run.json"].contains(&name.as_str())
                || (name.starts_with('.') && name.contains(".partial-")),
            "{name}"
        );
    }
}
