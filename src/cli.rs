//! The command line: flags (clap derive), checked into the library's option types, and the
//! exit codes.
//!
//! Exit codes: `0` every article was processed, `1` some articles failed (each has an `error`
//! row and a line on stderr), `2` nothing could run (bad arguments, a pipeline or word list
//! that does not validate, an output folder that cannot be written). A closed standard output
//! (`claimsift extract … --out - | head`) ends the run quietly with `0`.

use crate::input::{Inputs, ReadOptions};
use crate::output::Table;
use crate::pipeline::Pipeline;
use crate::run::{self, Destination, RunOptions, Shard};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit code: everything was processed.
pub const EXIT_OK: i32 = 0;
/// Exit code: some articles failed; the rest were processed.
pub const EXIT_SOME_FAILED: i32 = 1;
/// Exit code: nothing could run.
pub const EXIT_UNUSABLE: i32 = 2;

/// Extracts claims (who said what) from news articles, without a language model.
#[derive(Debug, Parser)]
#[command(name = "claimsift", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reads articles and writes claims.csv and articles.csv.
    Extract(ExtractArgs),
    /// Scores claims against annotated gold data, as ../shared/eval/score.py does, with a
    /// breakdown by rule and cue.
    Eval(crate::eval::EvalArgs),
    /// Checks or prints a pipeline file.
    #[command(subcommand)]
    Pipeline(PipelineCommand),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// .txt files, folders (walked recursively), .jsonl, .csv, .jsonl.gz, .csv.gz, or - for JSONL on stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output folder, or - to stream claims.csv to standard output.
    #[arg(long, default_value = "output", value_name = "DIR")]
    out: String,
    /// Tables to write, comma-separated: claims, articles, sentences.
    #[arg(long, default_value = "claims,articles", value_name = "LIST")]
    tables: String,
    /// A pipeline file to use instead of the built-in news-en pipeline, or the name of
    /// another built-in one (`news-de`).
    #[arg(long, value_name = "FILE")]
    pipeline: Option<PathBuf>,
    /// The JSONL field (or CSV column) holding the article id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// The JSONL field (or CSV column) holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Worker threads; default: all cores.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long)]
    quiet: bool,
    /// Write cells as they are, without the leading ' that stops spreadsheets running formulas.
    #[arg(long)]
    raw_cells: bool,
    /// Start each table with a UTF-8 byte-order mark so Excel shows accented text right.
    #[arg(long)]
    excel: bool,
    /// Leave out the header rows (to concatenate the parts of a sharded run).
    #[arg(long)]
    no_header: bool,
    /// Process only shard I of N (0-based), chosen by a stable hash of the article id.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Articles longer than this many bytes become error rows.
    #[arg(long, default_value_t = crate::input::DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    max_article_bytes: usize,
}

#[derive(Debug, Subcommand)]
enum PipelineCommand {
    /// Validates a pipeline file and its word lists.
    Check {
        /// The pipeline file.
        file: PathBuf,
    },
    /// Prints a pipeline file (the built-in one when none is given).
    Show {
        /// The pipeline file.
        file: Option<PathBuf>,
    },
}

/// Parses `args` (program name first), runs the command and returns the exit code.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_UNUSABLE
            } else {
                EXIT_OK
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => crate::eval::main(args),
        Command::Pipeline(PipelineCommand::Check { file }) => {
            match Pipeline::from_file_or_built_in(&file) {
                Ok(pipeline) => {
                    println!(
                        "{}: ok: pipeline `{}` with stages {}; {} word lists",
                        file.display(),
                        pipeline.header().name,
                        pipeline.stage_names().join(", "),
                        pipeline.word_lists().len()
                    );
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("claimsift: {e}");
                    EXIT_UNUSABLE
                }
            }
        }
        Command::Pipeline(PipelineCommand::Show { file }) => {
            let loaded = match &file {
                Some(path) => Pipeline::from_file_or_built_in(path),
                None => Pipeline::default_pipeline(),
            };
            match loaded {
                Ok(pipeline) => {
                    print!("{}", pipeline.source());
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("claimsift: {e}");
                    EXIT_UNUSABLE
                }
            }
        }
    }
}

fn extract(args: ExtractArgs) -> i32 {
    let pipeline = match &args.pipeline {
        Some(path) => Pipeline::from_file_or_built_in(path),
        None => Pipeline::default_pipeline(),
    };
    let pipeline = match pipeline {
        Ok(p) => p,
        Err(e) => {
            eprintln!("claimsift: {e}");
            return EXIT_UNUSABLE;
        }
    };
    let mut tables = Vec::new();
    for name in args
        .tables
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match Table::parse(name) {
            Some(t) if !tables.contains(&t) => tables.push(t),
            Some(_) => {}
            None => {
                eprintln!("claimsift: --tables: unknown table `{name}`, expected claims, articles or sentences");
                return EXIT_UNUSABLE;
            }
        }
    }
    let shard = match args.shard.as_deref().map(Shard::parse).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("claimsift: --shard: {e}");
            return EXIT_UNUSABLE;
        }
    };
    if args.threads == Some(0) {
        eprintln!("claimsift: --threads must be at least 1");
        return EXIT_UNUSABLE;
    }
    let destination = if args.out == "-" {
        Destination::Stdout
    } else {
        Destination::Dir(PathBuf::from(&args.out))
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let read = ReadOptions {
        id_field: args.id_field.clone(),
        text_field: args.text_field.clone(),
        max_article_bytes: args.max_article_bytes,
    };
    let records = Inputs::open(&args.inputs, read.clone());
    // The bar is drawn only on a terminal; the total (a walk of every input folder) is only
    // worked out for it.
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let options = RunOptions {
        threads,
        tables,
        destination: destination.clone(),
        raw_cells: args.raw_cells,
        excel_bom: args.excel,
        headers: !args.no_header,
        shard,
        progress,
        total_bytes: progress
            .then(|| Inputs::total_bytes(&args.inputs))
            .flatten(),
        input_read: progress.then(|| records.progress()),
    };
    let mut failures = 0u64;
    let mut report = |line: &str| {
        failures += 1;
        eprintln!("claimsift: {line}");
    };
    let summary = match run::run(&pipeline, records, &options, &mut report) {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("claimsift: {e}");
            return EXIT_UNUSABLE;
        }
    };
    if summary.closed_early {
        return EXIT_OK;
    }
    if let Destination::Dir(dir) = &destination {
        if let Err(e) = run::write_manifest(dir, &pipeline, &args.inputs, &read, &options, &summary)
        {
            eprintln!("claimsift: {e}");
            return EXIT_UNUSABLE;
        }
    }
    if !args.quiet {
        eprintln!(
            "claimsift: {} articles, {} claims, {} failed, {:.2} s",
            summary.articles, summary.claims, summary.failed, summary.seconds
        );
    }
    if summary.failed > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}
