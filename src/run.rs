//! The batch runner: one reader, N workers and one writer with bounded channels between.
//!
//! ```text
//! inputs ──reader──▶ [bounded] ──▶ worker 1..N ──▶ [bounded] ──▶ writer (restores input order)
//!                      ▲                                               │
//!                      └────────────── tickets (in-flight limit) ◀─────┘
//! ```
//!
//! The reader takes a ticket before it sends an article and the writer gives it back once the
//! article's rows are written, so at most a fixed number of articles are in flight whatever
//! the input size or how slow one article is: memory stays flat. Workers render rows to bytes;
//! the writer puts them back in input order, so the output is byte-identical whatever the
//! number of threads. A panic inside a stage becomes an `error` row for that article only.
//!
//! The reader and the writer are woken in batches, not once per article: the writer gives
//! tickets back half a window at a time, and a worker hands over its rows only when it has
//! a batch of them or no more queued work. Each wake-up of a thread blocked on a channel costs
//! a system call and, in the channel's back-off, several yields of the core; once per article
//! this took a fifth of the time of a one-worker run on two cores. Neither batch ever holds
//! an article back while the input waits: the reader sends each record as soon as it has a
//! ticket, and a worker with nothing queued hands over what it has before it waits.

use crate::doc::{Article, CharIndex, Doc};
use crate::input::{Progress, Record};
use crate::output::{header_line, ArticleRow, Cell, RowRenderer, Table};
use crate::pipeline::Pipeline;
use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender, TryRecvError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the tables go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// A folder: each table to `NAME.csv`, written to a temporary file and renamed at the end.
    Dir(PathBuf),
    /// Standard output: only `claims.csv` is written, as it is produced.
    Stdout,
}

/// Which articles of the input this run processes: those whose id hashes to `index` mod
/// `count`. Lets N machines or an engine's tasks split a collection without coordination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 0-based shard number.
    pub index: u64,
    /// How many shards there are.
    pub count: u64,
}

impl Shard {
    /// Parses `I/N` (0 ≤ I < N).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| format!("shard `{text}` is not I/N"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("shard index `{i}` is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard count `{n}` is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard `{text}` needs 0 <= I < N"));
        }
        Ok(Shard { index, count })
    }

    /// Whether the article with this id belongs to the shard (FNV-1a 64 of the id: stable
    /// across runs, machines and versions).
    pub fn holds(&self, id: &str) -> bool {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in id.as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash % self.count == self.index
    }
}

/// How a run writes its output.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// The tables to write.
    pub tables: Vec<Table>,
    /// Where they go.
    pub destination: Destination,
    /// Write cells without the formula guard.
    pub raw_cells: bool,
    /// Start each table with a UTF-8 byte-order mark, for Excel.
    pub excel_bom: bool,
    /// Write header rows (off to concatenate the parts of a sharded run).
    pub headers: bool,
    /// Process only one shard of the input.
    pub shard: Option<Shard>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Total bytes of the input files when known, for the progress bar's ETA.
    pub total_bytes: Option<u64>,
    /// How many bytes of the input files the reader has read: the bar's position when
    /// `total_bytes` is known (both count file bytes, gzip-compressed or not).
    pub input_read: Option<Progress>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            threads: 1,
            tables: vec![Table::Claims, Table::Articles],
            destination: Destination::Dir(PathBuf::from("output")),
            raw_cells: false,
            excel_bom: false,
            headers: true,
            shard: None,
            progress: false,
            total_bytes: None,
            input_read: None,
        }
    }
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Articles (rows of articles.csv) written, failed ones included.
    pub articles: u64,
    /// Articles that failed.
    pub failed: u64,
    /// Claims written.
    pub claims: u64,
    /// Bytes of article text processed.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// The output was closed early (a closed pipe): the run stopped quietly.
    pub closed_early: bool,
}

/// A run that could not write its output.
#[derive(Debug)]
pub struct RunError {
    /// The file or stream being written.
    pub path: String,
    /// What failed.
    pub error: io::Error,
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path, self.error)
    }
}

impl std::error::Error for RunError {}

/// One article's rendered rows.
struct Rendered {
    seq: u64,
    claims: Vec<u8>,
    articles: Vec<u8>,
    sentences: Vec<u8>,
    claim_count: u64,
    bytes: u64,
    failure: Option<String>,
}

/// An open table: its final path, its temporary path, and the writer.
struct Sink {
    table: Table,
    final_path: Option<PathBuf>,
    temp_path: Option<PathBuf>,
    out: Box<dyn Write>,
    name: String,
}

impl Sink {
    fn write(&mut self, bytes: &[u8]) -> Result<(), RunError> {
        self.out.write_all(bytes).map_err(|error| RunError {
            path: self.name.clone(),
            error,
        })
    }
}

fn open_sinks(options: &RunOptions) -> Result<Vec<Sink>, RunError> {
    let mut sinks = Vec::new();
    match &options.destination {
        Destination::Stdout => sinks.push(Sink {
            table: Table::Claims,
            final_path: None,
            temp_path: None,
            out: Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
            name: "standard output".to_string(),
        }),
        Destination::Dir(dir) => {
            std::fs::create_dir_all(dir).map_err(|error| RunError {
                path: dir.display().to_string(),
                error,
            })?;
            for &table in &options.tables {
                let final_path = dir.join(format!("{}.csv", table.name()));
                let temp_path = dir.join(format!(
                    ".{}.csv.partial-{}",
                    table.name(),
                    std::process::id()
                ));
                let file = File::create(&temp_path).map_err(|error| RunError {
                    path: temp_path.display().to_string(),
                    error,
                })?;
                sinks.push(Sink {
                    table,
                    name: final_path.display().to_string(),
                    final_path: Some(final_path),
                    temp_path: Some(temp_path),
                    out: Box::new(BufWriter::with_capacity(1 << 16, file)),
                });
            }
        }
    }
    for sink in &mut sinks {
        if options.excel_bom {
            sink.write("\u{feff}".as_bytes())?;
        }
        if options.headers {
            sink.write(&header_line(sink.table))?;
        }
    }
    Ok(sinks)
}

/// Runs `pipeline` over `records` and writes the tables. `on_failure` hears one line per
/// failed article, as it is written.
pub fn run(
    pipeline: &Pipeline,
    records: impl Iterator<Item = Record> + Send,
    options: &RunOptions,
    on_failure: &mut dyn FnMut(&str),
) -> Result<Summary, RunError> {
    let started = Instant::now();
    let mut sinks = open_sinks(options)?;
    let threads = options.threads.max(1);
    let window = threads * WINDOW_PER_THREAD;
    // Both channels hold the whole window, so the reader only ever waits for a ticket and a
    // worker never waits to hand over rows.
    let (work_tx, work_rx) = bounded::<(u64, Record)>(window);
    let (done_tx, done_rx) = bounded::<Vec<Rendered>>(window);
    // Tickets travel as counts, many in one message (see `Tickets`).
    let (ticket_tx, ticket_rx) = bounded::<usize>(window);
    ticket_tx
        .send(window)
        .expect("the ticket channel has room for the window");
    let wants = |t: Table| sinks.iter().any(|s| s.table == t);
    let want_claims = wants(Table::Claims);
    let want_sentences = wants(Table::Sentences);
    let progress = progress_bar(options);
    let input_read = options
        .input_read
        .clone()
        .filter(|_| options.total_bytes.is_some());
    let mut summary = Summary::default();

    let result = std::thread::scope(|scope| {
        let shard = options.shard;
        scope.spawn(move || read(records, shard, work_tx, ticket_rx));
        for _ in 0..threads {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            let raw = options.raw_cells;
            scope.spawn(move || work(pipeline, work_rx, done_tx, raw, want_claims, want_sentences));
        }
        drop(work_rx);
        drop(done_tx);
        // The writer owns the receiving end and the tickets: when it stops early, they close
        // and the reader and workers stop too.
        write_in_order(
            done_rx,
            Tickets::new(ticket_tx, window),
            &mut sinks,
            &mut summary,
            &Meter {
                bar: &progress,
                input_read: input_read.as_ref(),
                started,
            },
            on_failure,
        )
    });
    progress.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {}
        Err(e) if e.error.kind() == io::ErrorKind::BrokenPipe => {
            summary.closed_early = true;
            return Ok(summary);
        }
        Err(e) => {
            remove_temporaries(&sinks);
            return Err(e);
        }
    }
    finish(sinks, options)?;
    Ok(summary)
}

/// The progress bar on stderr, or a hidden one. With a known total, its length and position
/// are input file bytes (so the ETA is right for gzip and JSON too); without, a spinner.
/// Either way the message gives articles/s and MB/s of article text ([`progress_message`]).
fn progress_bar(options: &RunOptions) -> ProgressBar {
    if !options.progress {
        return ProgressBar::hidden();
    }
    let known = options.total_bytes.filter(|_| options.input_read.is_some());
    let bar = ProgressBar::with_draw_target(known, ProgressDrawTarget::stderr());
    let template = if known.is_some() {
        "{spinner} [{elapsed_precise}] {bar:30} {percent:>3}% ETA {eta} {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

/// The progress bar's message: `1200 articles (3100/s), 7.6 MB/s, 5400 claims`.
fn progress_message(summary: &Summary, seconds: f64) -> String {
    let seconds = seconds.max(1e-9);
    format!(
        "{} articles ({:.0}/s), {:.1} MB/s, {} claims",
        summary.articles,
        summary.articles as f64 / seconds,
        summary.bytes as f64 / 1e6 / seconds,
        summary.claims
    )
}

/// The reader: numbers the records and sends them on, one ticket each. Tickets come as
/// counts; it waits for more only when it has used up those it holds.
fn read(
    records: impl Iterator<Item = Record>,
    shard: Option<Shard>,
    work: Sender<(u64, Record)>,
    tickets: Receiver<usize>,
) {
    let mut seq = 0u64;
    let mut held = 0usize;
    for record in records {
        if let Some(shard) = shard {
            let id = match &record {
                Record::Article(article) => article.id.as_str(),
                Record::Failed { id, .. } => id.as_str(),
            };
            if !shard.holds(id) {
                continue;
            }
        }
        while held == 0 {
            match tickets.recv() {
                Ok(count) => held = count,
                Err(_) => return, // the writer stopped
            }
        }
        held -= 1;
        if work.send((seq, record)).is_err() {
            return; // the writer stopped
        }
        seq += 1;
    }
}

/// A worker: runs the pipeline and renders the rows.
fn work(
    pipeline: &Pipeline,
    work: Receiver<(u64, Record)>,
    done: Sender<Vec<Rendered>>,
    raw: bool,
    want_claims: bool,
    want_sentences: bool,
) {
    let mut doc = Doc::default();
    let mut renderer = RowRenderer::new(raw);
    let mut finished: Vec<Rendered> = Vec::new();
    // Hands the finished rows to the writer; false once the writer has stopped.
    let hand_over = |finished: &mut Vec<Rendered>| {
        finished.is_empty() || done.send(std::mem::take(finished)).is_ok()
    };
    loop {
        let (seq, record) = match work.try_recv() {
            Ok(item) => item,
            Err(TryRecvError::Empty) => {
                // Nothing queued: the rows go now, before this worker waits, so no row
                // waits on input that has not come yet.
                if !hand_over(&mut finished) {
                    return;
                }
                match work.recv() {
                    Ok(item) => item,
                    Err(_) => return,
                }
            }
            Err(TryRecvError::Disconnected) => {
                hand_over(&mut finished);
                return;
            }
        };
        let long = matches!(&record, Record::Article(a) if a.text.len() > LONG_ARTICLE_BYTES);
        let rendered = match record {
            Record::Article(article) => process(
                pipeline,
                &mut doc,
                &mut renderer,
                seq,
                article,
                want_claims,
                want_sentences,
            ),
            Record::Failed { id, error } => failed_row(
                &mut renderer,
                seq,
                &id,
                &error.source,
                &error.to_string(),
                0,
            ),
        };
        finished.push(rendered);
        if long {
            doc = Doc::default();
            return_free_memory();
        }
        if finished.len() >= ROWS_PER_HAND_OVER && !hand_over(&mut finished) {
            return;
        }
    }
}

fn process(
    pipeline: &Pipeline,
    doc: &mut Doc,
    renderer: &mut RowRenderer,
    seq: u64,
    article: Article,
    want_claims: bool,
    want_sentences: bool,
) -> Rendered {
    let bytes = article.text.len() as u64;
    doc.reset(article);
    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| pipeline.process(doc))) {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let id = doc.article.id.clone();
        let source = doc.article.source.clone();
        *doc = Doc::default();
        let error =
            format!("{source}: internal error in the pipeline (please report it): {message}");
        return failed_row(renderer, seq, &id, &source, &error, bytes);
    }
    let index = CharIndex::new(doc.text());
    // Room for the rows up front (a claims row is about 250 bytes in news, a sentences row a
    // little more than its text): grown a doubling at a time, the buffers were copied over
    // and over, a few percent of a whole run.
    let mut rendered = Rendered {
        seq,
        claims: Vec::with_capacity(if want_claims {
            doc.claims.len() * CLAIM_ROW_BYTES
        } else {
            0
        }),
        articles: Vec::with_capacity(ARTICLE_ROW_BYTES),
        sentences: Vec::with_capacity(if want_sentences {
            doc.text().len() + doc.sentences.len() * SENTENCE_ROW_EXTRA_BYTES
        } else {
            0
        }),
        claim_count: doc.claims.len() as u64,
        bytes,
        failure: None,
    };
    let raw = renderer.raw();
    let row = ArticleRow {
        article_id: Cell::new(&doc.article.id, raw),
        source: Cell::new(&doc.article.source, raw),
        status: "ok",
        error: Cell::new("", raw),
        chars: index.char_offset(doc.text(), doc.text().len()),
        sentences: doc.sentences.len(),
        quotes: doc.quotes.len(),
        claims: doc.claims.len(),
    };
    // Writing CSV into a Vec only fails on a serialisation bug; such an article fails alone.
    let outcome = renderer
        .article(&row, &mut rendered.articles)
        .and_then(|()| {
            if want_claims {
                renderer.claims(doc, &index, &mut rendered.claims)
            } else {
                Ok(())
            }
        })
        .and_then(|()| {
            if want_sentences {
                renderer.sentences(doc, &index, &mut rendered.sentences)
            } else {
                Ok(())
            }
        });
    match outcome {
        Ok(()) => rendered,
        Err(e) => {
            let id = doc.article.id.clone();
            let source = doc.article.source.clone();
            failed_row(
                renderer,
                seq,
                &id,
                &source,
                &format!("{source}: cannot write rows: {e}"),
                bytes,
            )
        }
    }
}

fn failed_row(
    renderer: &mut RowRenderer,
    seq: u64,
    id: &str,
    source: &str,
    error: &str,
    bytes: u64,
) -> Rendered {
    let raw = renderer.raw();
    let row = ArticleRow {
        article_id: Cell::new(id, raw),
        source: Cell::new(source, raw),
        status: "error",
        error: Cell::new(error, raw),
        chars: 0,
        sentences: 0,
        quotes: 0,
        claims: 0,
    };
    let mut articles = Vec::new();
    if let Err(e) = renderer.article(&row, &mut articles) {
        articles = format!("{id},,error,cannot write row: {e},0,0,0,0\n").into_bytes();
    }
    Rendered {
        seq,
        claims: Vec::new(),
        articles,
        sentences: Vec::new(),
        claim_count: 0,
        bytes,
        failure: Some(error.to_string()),
    }
}

/// Articles in flight per worker thread: enough that a worker always has queued work while
/// the reader waits for half of them to come back. The wake-ups come once per half window,
/// so the window sets their cost: on 60 MB of news with one worker, 64 against 16 cut the
/// involuntary context switches from 22,800 to 5,700 and the system time from about 0.26 s
/// to 0.13 s, for about 1 MB more peak memory (the articles and rows in flight).
const WINDOW_PER_THREAD: usize = 64;

/// An article longer than this (in bytes of text) is followed by [`return_free_memory`], and
/// its worker starts the next with fresh buffers. A long article's blocks (its tokens, its
/// word table) run to megabytes; freed, they stayed in the heap of the worker thread that
/// had them, so each worker came to keep the largest article it had ever met, and peak
/// memory rose with the length of the run: the corpus six times over with 2 threads, 19.7 MB
/// against 17.3 MB for it once.
const LONG_ARTICLE_BYTES: usize = 64 * 1024;

/// Gives the pages of freed heap memory back to the system (glibc's `malloc_trim`; a no-op
/// elsewhere).
fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and locks each heap it trims, so any thread may
    // call it at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The rows a worker hands to the writer at most at once (fewer when its queue runs dry).
const ROWS_PER_HAND_OVER: usize = 32;

/// About the size of one claims row, one articles row, and what a sentences row adds to its
/// text, in bytes: the buffers are sized from them.
const CLAIM_ROW_BYTES: usize = 320;
const ARTICLE_ROW_BYTES: usize = 128;
const SENTENCE_ROW_EXTRA_BYTES: usize = 64;

/// How long the writer waits for rows before it flushes what it has written.
const IDLE_FLUSH: std::time::Duration = std::time::Duration::from_millis(50);

/// The writer's end of the tickets: each written article earns one back, and they go back
/// to the reader half a window at a time, as one message with their count, so the reader
/// wakes once per half window. (Sent one message each, the reader woke at the first and
/// often went back to sleep before the next: a futex call and a few yields per 11 articles
/// on each of the three threads of a one-worker run.)
struct Tickets {
    sender: Sender<usize>,
    owed: usize,
    release_at: usize,
}

impl Tickets {
    fn new(sender: Sender<usize>, window: usize) -> Tickets {
        Tickets {
            sender,
            owed: 0,
            release_at: (window / 2).max(1),
        }
    }

    /// One article has left the pipeline. The tickets held back never starve the reader:
    /// it waits only when the whole window is out, and then more than half of it is still
    /// in flight and will come back.
    fn give_back(&mut self) {
        self.owed += 1;
        if self.owed >= self.release_at {
            // There is room: every message holds at least one of the window's tickets.
            let _ = self.sender.try_send(self.owed);
            self.owed = 0;
        }
    }
}

/// What the writer updates the progress bar from.
struct Meter<'a> {
    bar: &'a ProgressBar,
    /// Input file bytes read so far, when the bar has a length.
    input_read: Option<&'a Progress>,
    started: Instant,
}

/// The writer: puts rendered articles back in input order and writes them.
fn write_in_order(
    done: Receiver<Vec<Rendered>>,
    mut tickets: Tickets,
    sinks: &mut [Sink],
    summary: &mut Summary,
    meter: &Meter<'_>,
    on_failure: &mut dyn FnMut(&str),
) -> Result<(), RunError> {
    let progress = meter.bar;
    let mut pending: BTreeMap<u64, Rendered> = BTreeMap::new();
    let mut next = 0u64;
    loop {
        let batch = match done.recv_timeout(IDLE_FLUSH) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => {
                // The workers are idle or slow: what is written so far goes out now, so a
                // filter fed a few articles at a time answers without waiting for more.
                flush(sinks)?;
                match done.recv() {
                    Ok(batch) => batch,
                    Err(_) => break,
                }
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        for rendered in batch {
            pending.insert(rendered.seq, rendered);
        }
        while let Some(rendered) = pending.remove(&next) {
            for sink in sinks.iter_mut() {
                let bytes = match sink.table {
                    Table::Claims => &rendered.claims,
                    Table::Articles => &rendered.articles,
                    Table::Sentences => &rendered.sentences,
                };
                sink.write(bytes)?;
            }
            summary.articles += 1;
            summary.claims += rendered.claim_count;
            summary.bytes += rendered.bytes;
            if let Some(failure) = &rendered.failure {
                summary.failed += 1;
                progress.suspend(|| on_failure(failure));
            }
            if summary.articles.is_multiple_of(64) && !progress.is_hidden() {
                if let Some(read) = meter.input_read {
                    progress.set_position(read.bytes());
                }
                let seconds = meter.started.elapsed().as_secs_f64();
                progress.set_message(progress_message(summary, seconds));
            }
            next += 1;
            tickets.give_back();
        }
    }
    flush(sinks)
}

fn flush(sinks: &mut [Sink]) -> Result<(), RunError> {
    for sink in sinks.iter_mut() {
        sink.out.flush().map_err(|error| RunError {
            path: sink.name.clone(),
            error,
        })?;
    }
    Ok(())
}

/// Renames every temporary table into place and removes tables an older run left that this
/// one did not write, so a folder never mixes two runs.
fn finish(sinks: Vec<Sink>, options: &RunOptions) -> Result<(), RunError> {
    let Destination::Dir(dir) = &options.destination else {
        return Ok(());
    };
    for sink in sinks {
        let Sink {
            out,
            temp_path,
            final_path,
            ..
        } = sink;
        drop(out);
        if let (Some(temp), Some(path)) = (temp_path, final_path) {
            std::fs::rename(&temp, &path).map_err(|error| RunError {
                path: path.display().to_string(),
                error,
            })?;
        }
    }
    for table in Table::ALL {
        if !options.tables.contains(&table) {
            let stale = dir.join(format!("{}.csv", table.name()));
            if stale.exists() {
                std::fs::remove_file(&stale).map_err(|error| RunError {
                    path: stale.display().to_string(),
                    error,
                })?;
            }
        }
    }
    Ok(())
}

fn remove_temporaries(sinks: &[Sink]) {
    for sink in sinks {
        if let Some(temp) = &sink.temp_path {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Writes `run.json` beside the tables: what ran, on what, and what came of it, so a result
/// can be reproduced and audited.
pub fn write_manifest(
    dir: &Path,
    pipeline: &Pipeline,
    inputs: &[String],
    read: &crate::input::ReadOptions,
    options: &RunOptions,
    summary: &Summary,
) -> Result<(), RunError> {
    let word_lists: Vec<serde_json::Value> = pipeline
        .word_lists()
        .iter()
        .map(|list| serde_json::json!({"path": list.path, "fnv1a64": list.checksum, "entries": list.entries.len()}))
        .collect();
    let manifest = serde_json::json!({
        "claimsift_version": env!("CARGO_PKG_VERSION"),
        "pipeline": {
            "name": pipeline.header().name,
            "stages": pipeline.stage_names(),
            "source": pipeline.source(),
            "word_lists": word_lists,
        },
        "inputs": inputs,
        "options": {
            "threads": options.threads,
            "tables": options.tables.iter().map(|t| t.name()).collect::<Vec<_>>(),
            "raw_cells": options.raw_cells,
            "excel_bom": options.excel_bom,
            "headers": options.headers,
            "shard": options.shard.map(|s| format!("{}/{}", s.index, s.count)),
            "id_field": read.id_field,
            "text_field": read.text_field,
            "max_article_bytes": read.max_article_bytes,
        },
        "counts": {
            "articles": summary.articles,
            "failed": summary.failed,
            "claims": summary.claims,
            "bytes": summary.bytes,
        },
        "seconds": summary.seconds,
    });
    let path = dir.join("run.json");
    let temp = dir.join(format!(".run.json.partial-{}", std::process::id()));
    let text = serde_json::to_string_pretty(&manifest).expect("a JSON value always serialises");
    std::fs::write(&temp, text + "\n")
        .and_then(|()| std::fs::rename(&temp, &path))
        .map_err(|error| RunError {
            path: path.display().to_string(),
            error,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_id_once() {
        let shards: Vec<Shard> = (0..3).map(|i| Shard { index: i, count: 3 }).collect();
        for n in 0..200 {
            let id = format!("article-{n}");
            assert_eq!(shards.iter().filter(|s| s.holds(&id)).count(), 1, "{id}");
        }
    }

    #[test]
    fn progress_message_gives_rates() {
        let summary = Summary {
            articles: 300,
            claims: 40,
            bytes: 3_000_000,
            ..Summary::default()
        };
        assert_eq!(
            progress_message(&summary, 2.0),
            "300 articles (150/s), 1.5 MB/s, 40 claims"
        );
        assert!(progress_bar(&RunOptions::default()).is_hidden());
    }

    #[test]
    fn tickets_go_back_half_a_window_at_a_time() {
        let (sender, receiver) = bounded::<usize>(8);
        let mut tickets = Tickets::new(sender, 8);
        let mut back = Vec::new();
        for written in 1..=12 {
            tickets.give_back();
            back.extend(receiver.try_iter().map(|count| (written, count)));
        }
        assert_eq!(back, [(4, 4), (8, 4), (12, 4)]);
        // A window of one still gives every ticket back.
        let (sender, receiver) = bounded::<usize>(1);
        let mut one = Tickets::new(sender, 1);
        one.give_back();
        assert_eq!(receiver.try_iter().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn shard_parse() {
        assert_eq!(Shard::parse("1/4"), Ok(Shard { index: 1, count: 4 }));
        for bad in ["4/4", "x/2", "1", "0/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
