//! Splitting a run over several processes, as GNU parallel or Spark's `RDD.pipe` would, gives
//! the rows of one run: claimsift as a stdin-JSONL → stdout-CSV filter, parts written with
//! `--no-header` and concatenated, compared with a single run as sorted rows.
//!
//! Two ways of splitting are checked, both as the README shows them: every process reading the
//! whole input with its own `--shard I/N`, and every process reading its own chunk of the
//! lines (`parallel --pipe`, a Spark partition). The input is our own fixture articles.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The fixture articles as JSONL lines, one `{"id", "text"}` object each, in file order.
fn fixture_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "too few fixtures to split");
    paths
        .iter()
        .map(|path| {
            let id = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(path).unwrap();
            serde_json::json!({"id": id, "text": text}).to_string()
        })
        .collect()
}

/// Runs `claimsift extract - --out - --quiet ARGS` with `input` on stdin; its stdout.
fn filter(input: &str, args: &[&str]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimsift"))
        .args(["extract", "-", "--out", "-", "--quiet"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let owned = input.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(owned.as_bytes()));
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    assert!(output.status.success(), "claimsift {args:?} failed");
    output.stdout
}

/// The CSV records of `bytes` (cells may hold line breaks, so records, not lines).
fn records(bytes: &[u8], header: bool) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(header)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn sorted(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.sort();
    rows
}

#[test]
fn shards_concatenated_give_one_runs_rows() {
    let input = fixture_lines().join("\n") + "\n";
    let whole = filter(&input, &["--threads", "1"]);
    let expected = records(&whole, true);
    assert!(expected.len() > 10, "the fixtures give too few claims");
    let mut parts = Vec::new();
    let mut non_empty = 0;
    for i in 0..3 {
        let shard = format!("{i}/3");
        let part = filter(
            &input,
            &["--shard", &shard, "--no-header", "--threads", "2"],
        );
        non_empty += usize::from(!part.is_empty());
        parts.extend(part);
    }
    assert!(non_empty >= 2, "the shards do not split the fixtures");
    assert_eq!(sorted(records(&parts, false)), sorted(expected));
}

#[test]
fn chunks_of_lines_concatenated_give_one_runs_rows() {
    let lines = fixture_lines();
    let whole = filter(&(lines.join("\n") + "\n"), &[]);
    let mut parts = Vec::new();
    for chunk in lines.chunks(lines.len().div_ceil(4)) {
        parts.extend(filter(&(chunk.join("\n") + "\n"), &["--no-header"]));
    }
    assert_eq!(
        sorted(records(&parts, false)),
        sorted(records(&whole, true))
    );
}

#[test]
fn output_is_the_same_whatever_the_threads() {
    let input = fixture_lines().join("\n") + "\n";
    let one = filter(&input, &["--threads", "1"]);
    for threads in ["2", "5"] {
        assert!(
            filter(&input, &["--threads", threads]) == one,
            "--threads {threads} differs"
        );
    }
}

/// As a filter fed by a live source, claimsift answers each article while its input stays
/// open: no reader, worker or writer holds rows back waiting for more articles.
#[test]
fn a_filter_answers_each_article_before_its_input_ends() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::Duration;

    let lines = fixture_lines();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimsift"))
        .args(["extract", "-", "--out", "-", "--quiet", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let (lines_tx, lines_rx) = mpsc::channel();
    let listener = std::thread::spawn(move || {
        for line in stdout.lines() {
            if lines_tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // Waits for a claims row of article `id`: each row starts with its article id.
    let wait_for = |id: &str| loop {
        match lines_rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) if line.starts_with(&format!("{id},")) => break,
            Ok(_) => {}
            Err(e) => panic!("no row of {id} while the input is open: {e}"),
        }
    };
    for (line, id) in lines.iter().zip(["000_008f2eee046adc4b", "according-to"]) {
        assert!(line.contains(&format!("\"id\":\"{id}\"")), "fixture order");
        stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
        wait_for(id);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    listener.join().unwrap();
}
