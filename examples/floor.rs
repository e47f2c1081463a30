//! The speed floor the bench script compares claimsift against: one bare pass of
//! `unicode_word_indices` over the `text` of every JSONL line read from standard input, on
//! one thread.
//!
//! ```sh
//! cargo run --release --example floor < articles.jsonl
//! ```
//!
//! Only the word pass is timed (reading and JSON parsing are not), and its result is used so
//! it cannot be optimised away. Prints `floor_seconds`, `text_bytes`, `articles`, `words`
//! and `mb_per_s` (10^6 bytes of text per second), one `name value` pair a line.

use std::io::{self, BufRead};
use std::time::{Duration, Instant};
use unicode_segmentation::UnicodeSegmentation;

#[derive(serde::Deserialize)]
struct Line {
    #[serde(default)]
    text: String,
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = String::new();
    let (mut bytes, mut articles, mut words) = (0u64, 0u64, 0u64);
    let mut timed = Duration::ZERO;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let Ok(parsed) = serde_json::from_str::<Line>(&line) else {
            continue;
        };
        let started = Instant::now();
        let mut checksum = 0u64;
        for (offset, word) in parsed.text.unicode_word_indices() {
            checksum = checksum.wrapping_add((offset + word.len()) as u64);
            words += 1;
        }
        timed += started.elapsed();
        std::hint::black_box(checksum);
        bytes += parsed.text.len() as u64;
        articles += 1;
    }
    let seconds = timed.as_secs_f64();
    println!("floor_seconds {seconds:.4}");
    println!("text_bytes {bytes}");
    println!("articles {articles}");
    println!("words {words}");
    println!("mb_per_s {:.2}", bytes as f64 / 1e6 / seconds.max(1e-9));
    Ok(())
}
