//! Turning the command-line INPUT arguments into a lazy stream of articles.
//!
//! [`Inputs`] walks the arguments in order and yields one [`Record`] at a time: an
//! [`Article`], or a [`Record::Failed`] for anything that could not become one. Nothing is
//! read before it is needed, so a batch of any size streams through in constant memory, and
//! the order is deterministic: arguments as given, directory entries sorted byte-wise by name.
//!
//! # Kinds of input
//!
//! | argument | articles | `id` | `source` |
//! |---|---|---|---|
//! | `a/b.txt` | the whole file | `b` (file name without extension) | `a/b.txt` |
//! | `dir` | every input file below it, recursively | for a `.txt` file, its path relative to `dir` without the extension, with `/` separators (`2024/b`) | `dir/2024/b.txt` |
//! | `f.jsonl`, `f.jsonl.gz` | one per non-blank line, `{"id": …, "text": …}` | the `id` field (a string or a number) | `f.jsonl:LINE` |
//! | `f.csv`, `f.csv.gz` | one per record after the header | the `id` column | `f.csv#RECORD (line LINE)` |
//! | `-` | JSONL read from standard input | the `id` field | `-:LINE` |
//!
//! Lines and records are numbered from 1; a CSV record number does not count the header, and
//! its line is the one the record starts on. Field and column names come from
//! [`ReadOptions`]. Extensions are matched without regard to ASCII case.
//!
//! In a directory, files and directories whose name starts with `.` are skipped, and so is
//! every file without one of the five extensions. Symbolic links to files are read; symbolic
//! links to directories are not followed (a link loop would make the walk endless). Only one
//! directory level is listed at a time.
//!
//! # Text
//!
//! Input must be UTF-8. A UTF-8 byte order mark at the start of a file is dropped; nothing
//! else about the text is changed (no line-end or Unicode normalisation), because every offset
//! written downstream points into the text exactly as read.
//!
//! # Errors
//!
//! No problem stops the stream. Each becomes a [`Record::Failed`] holding an [`InputError`]
//! with the source (file and line or record) and, when known, the byte offset in the file,
//! and reading goes on with the next line, record or file. The `id` of a failed record is the
//! article's id when it could be read; otherwise the source (`f.jsonl:7`, `f.csv#3`), the
//! file's path for a problem with a whole JSONL or CSV file, or the argument as given for an
//! argument that cannot be read at all.
//!
//! Byte offsets inside a `.gz` file count bytes of the decompressed data.
//!
//! # Memory
//!
//! An article longer than [`ReadOptions::max_article_bytes`] fails without being held: a
//! `.txt` file's size is checked before it is read. A JSONL line or a CSV record is held
//! while it is parsed, up to four times the article limit plus 1 MiB (room for JSON escapes,
//! doubled CSV quotes and other fields); a longer line is skipped unread, and a longer CSV
//! record, which is most often an unclosed quote swallowing the rest of the file, ends its
//! file.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::doc::Article;
use crate::error::InputError;

/// The default for [`ReadOptions::max_article_bytes`]: 10 MiB.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10 * 1024 * 1024;

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One item read from the inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// An article to process.
    Article(Article),
    /// Something that could not become an article; it still gets a row in `articles.csv`.
    Failed {
        /// The article's id when it could be read, else where the problem is (see the
        /// [module docs](self#errors)).
        id: String,
        /// What went wrong, and where.
        error: InputError,
    },
}

impl Record {
    /// The article's id, or the id given to the failure.
    pub fn id(&self) -> &str {
        match self {
            Record::Article(article) => &article.id,
            Record::Failed { id, .. } => id,
        }
    }

    fn failed(
        id: impl Into<String>,
        source: impl Into<String>,
        byte: Option<u64>,
        message: impl Into<String>,
    ) -> Record {
        Record::Failed {
            id: id.into(),
            error: InputError::new(source, byte, message),
        }
    }
}

/// How records are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The JSON field or CSV column holding the article id.
    pub id_field: String,
    /// The JSON field or CSV column holding the article text.
    pub text_field: String,
    /// The longest article text accepted, in bytes of UTF-8.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            id_field: "id".to_string(),
            text_field: "text".to_string(),
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// The records of a list of input arguments, read lazily, in order.
///
/// ```no_run
/// use claimsift::input::{Inputs, ReadOptions, Record};
///
/// let args = vec!["corpus/".to_string(), "extra.jsonl".to_string()];
/// for record in Inputs::open(&args, ReadOptions::default()) {
///     match record {
///         Record::Article(article) => println!("{}: {} bytes", article.id, article.text.len()),
///         Record::Failed { id, error } => eprintln!("{id}: {error}"),
///     }
/// }
/// ```
pub struct Inputs {
    /// The arguments not started yet.
    args: VecDeque<String>,
    options: ReadOptions,
    /// The directory argument being walked.
    walk: Option<Walk>,
    /// The JSONL or CSV file being read.
    source: Option<Box<dyn Source>>,
    /// What `-` reads instead of standard input.
    stdin: Option<Box<dyn Read + Send>>,
    progress: Progress,
}

impl Inputs {
    /// The records of `args`; nothing is read until the first call to `next`.
    pub fn open(args: &[String], options: ReadOptions) -> Inputs {
        Inputs {
            args: args.iter().cloned().collect(),
            options,
            walk: None,
            source: None,
            stdin: None,
            progress: Progress::default(),
        }
    }

    /// Reads the argument `-` from `reader` instead of standard input.
    pub fn with_stdin(mut self, reader: impl Read + Send + 'static) -> Inputs {
        self.stdin = Some(Box::new(reader));
        self
    }

    /// The sum of the sizes of the input files, for an estimate of the time left; `None` when
    /// standard input is one of the inputs. Files that cannot be read count as 0.
    ///
    /// Directories are walked for this (names and sizes only, no content). Compare it with
    /// [`Progress::bytes`], which counts the same bytes (compressed ones for `.gz` files).
    pub fn total_bytes(args: &[String]) -> Option<u64> {
        let mut total = 0;
        for arg in args {
            if arg == "-" {
                return None;
            }
            let path = Path::new(arg);
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    for item in Walk::new(path, arg) {
                        if let WalkItem::File(file) = item {
                            total += fs::metadata(&file.path).map_or(0, |meta| meta.len());
                        }
                    }
                }
                Ok(meta) if kind_of(&file_name(path)).is_some() => total += meta.len(),
                _ => {}
            }
        }
        Some(total)
    }

    /// A handle on how many bytes of input files have been read so far; it can be sent to
    /// another thread (a progress bar) while this iterator is used.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// Starts reading one argument; returns a record when the argument itself fails.
    fn start_argument(&mut self, arg: String) -> Option<Record> {
        if arg == "-" {
            // A second `-` finds standard input at its end and yields nothing.
            let stdin = self.stdin.take().unwrap_or_else(|| Box::new(io::stdin()));
            let reader = Box::new(Counted::new(stdin, 0, &self.progress));
            return self.start_source(Format::Jsonl, &arg, reader);
        }
        let path = PathBuf::from(&arg);
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                return Some(Record::failed(
                    &arg,
                    &arg,
                    None,
                    format!("cannot read: {e}"),
                ))
            }
        };
        if meta.is_dir() {
            self.walk = Some(Walk::new(&path, &arg));
            return None;
        }
        let name = file_name(&path);
        match kind_of(&name) {
            Some((kind, stem)) => {
                let file = FileRef {
                    id: stem.to_string(),
                    shown: arg,
                    path,
                    kind,
                };
                self.start_file(file)
            }
            None => Some(Record::failed(
                &arg,
                &arg,
                None,
                "unsupported file type: expected a directory, `-` or a file ending in \
                 .txt, .jsonl, .csv, .jsonl.gz or .csv.gz",
            )),
        }
    }

    /// Starts reading one file; returns its record when the file is a single article or
    /// cannot be opened.
    fn start_file(&mut self, file: FileRef) -> Option<Record> {
        match file.kind.format {
            Format::Txt => Some(read_txt(&file, &self.options, &self.progress)),
            Format::Jsonl | Format::Csv => match open_stream(&file, &self.progress) {
                Ok(reader) => self.start_source(file.kind.format, &file.shown, reader),
                Err(e) => Some(Record::failed(
                    &file.shown,
                    &file.shown,
                    None,
                    format!("cannot open: {e}"),
                )),
            },
        }
    }

    /// Starts reading a JSONL or CSV stream named `shown`.
    fn start_source(
        &mut self,
        format: Format,
        shown: &str,
        reader: Box<dyn Read + Send>,
    ) -> Option<Record> {
        let (reader, bom) = match skip_bom(reader) {
            Ok(found) => found,
            Err(e) => {
                let message = format!("cannot read: {e}");
                return Some(Record::failed(shown, shown, Some(0), message));
            }
        };
        let options = self.options.clone();
        self.source = Some(match format {
            Format::Jsonl => Box::new(JsonlSource::new(shown, reader, bom, options)),
            Format::Csv => Box::new(CsvSource::new(shown, reader, bom, options)),
            Format::Txt => unreachable!("a .txt file is one article, not a stream"),
        });
        None
    }
}

impl Iterator for Inputs {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(source) = &mut self.source {
                match source.next_record() {
                    Some(record) => return Some(record),
                    None => self.source = None,
                }
                continue;
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(WalkItem::File(file)) => {
                        if let Some(record) = self.start_file(file) {
                            return Some(record);
                        }
                    }
                    Some(WalkItem::Failed(record)) => return Some(record),
                    None => self.walk = None,
                }
                continue;
            }
            let arg = self.args.pop_front()?;
            if let Some(record) = self.start_argument(arg) {
                return Some(record);
            }
        }
    }
}

/// How many bytes of input files have been read so far, shared with the [`Inputs`] it came
/// from.
///
/// A file counts its whole size once it is done with, even when it was not read to the end
/// (an article over the limit, a read error), so the count ends at
/// [`Inputs::total_bytes`] when the files did not change meanwhile.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn add(&self, bytes: u64) {
        self.0.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Counts a file that could not be opened as done, as [`Inputs::total_bytes`] counted
    /// it when its size could be read.
    fn skip(&self, path: &Path) {
        if let Ok(meta) = fs::metadata(path) {
            if meta.is_file() {
                self.add(meta.len());
            }
        }
    }
}

/// A reader that adds what it reads to a [`Progress`], and the rest of the file's size when
/// it is dropped.
struct Counted<R> {
    inner: R,
    progress: Progress,
    size: u64,
    read: u64,
}

impl<R> Counted<R> {
    fn new(inner: R, size: u64, progress: &Progress) -> Self {
        Counted {
            inner,
            progress: progress.clone(),
            size,
            read: 0,
        }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.progress.add(n as u64);
        Ok(n)
    }
}

impl<R> Drop for Counted<R> {
    fn drop(&mut self) {
        self.progress.add(self.size.saturating_sub(self.read));
    }
}

/// What a file holds, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Txt,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kind {
    format: Format,
    gz: bool,
}

/// The extensions read, longest first where one ends another.
const EXTENSIONS: [(&str, Format, bool); 5] = [
    (".jsonl.gz", Format::Jsonl, true),
    (".csv.gz", Format::Csv, true),
    (".txt", Format::Txt, false),
    (".jsonl", Format::Jsonl, false),
    (".csv", Format::Csv, false),
];

/// The kind of file `name` is, and the name without its extension; `None` when the file is
/// not an input (or is nothing but an extension, like `.txt`).
fn kind_of(name: &str) -> Option<(Kind, &str)> {
    EXTENSIONS.iter().find_map(|&(ext, format, gz)| {
        let cut = name.len().checked_sub(ext.len()).filter(|&cut| cut > 0)?;
        // Comparing bytes: `cut` may fall inside a multi-byte character of a name that does
        // not match; when the ASCII extension matches, it is a boundary.
        if !name.as_bytes()[cut..].eq_ignore_ascii_case(ext.as_bytes()) {
            return None;
        }
        Some((Kind { format, gz }, &name[..cut]))
    })
}

/// The last component of `path`, lossily as UTF-8 (ids and sources are strings).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An input file found in the arguments or in a directory.
#[derive(Debug)]
struct FileRef {
    path: PathBuf,
    /// The path as given or joined, for `source`.
    shown: String,
    /// The id of the article of a `.txt` file.
    id: String,
    kind: Kind,
}

/// A depth-first walk of one directory argument, in byte-wise order of names, listing one
/// directory at a time.
struct Walk {
    /// The directories being listed, outermost first.
    levels: Vec<Level>,
}

/// One directory of a [`Walk`] and the entries of it still to visit.
struct Level {
    dir: PathBuf,
    /// The directory's path relative to the argument, with a trailing `/` (empty at the top).
    prefix: String,
    errors: std::vec::IntoIter<Record>,
    entries: std::vec::IntoIter<Entry>,
}

struct Entry {
    name: OsString,
    /// `None` for a directory, else the kind of input file.
    kind: Option<Kind>,
}

enum WalkItem {
    File(FileRef),
    Failed(Record),
}

impl Walk {
    fn new(root: &Path, shown: &str) -> Walk {
        Walk {
            levels: vec![Level::list(root.to_path_buf(), String::new(), shown)],
        }
    }
}

impl Level {
    /// Lists `dir`; a failure becomes a record with `id` and the walk goes on around it.
    fn list(dir: PathBuf, prefix: String, id: &str) -> Level {
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        let shown = dir.display().to_string();
        match fs::read_dir(&dir) {
            Err(e) => errors.push(Record::failed(
                id,
                &shown,
                None,
                format!("cannot list directory: {e}"),
            )),
            Ok(listing) => {
                for entry in listing {
                    match entry.and_then(|entry| Entry::of(&dir, &entry)) {
                        Ok(Some(entry)) => entries.push(entry),
                        Ok(None) => {}
                        Err(e) => errors.push(Record::failed(
                            id,
                            &shown,
                            None,
                            format!("cannot list directory: {e}"),
                        )),
                    }
                }
            }
        }
        entries.sort_unstable_by(|a, b| a.name.as_encoded_bytes().cmp(b.name.as_encoded_bytes()));
        Level {
            dir,
            prefix,
            errors: errors.into_iter(),
            entries: entries.into_iter(),
        }
    }
}

impl Entry {
    /// The entry to visit for `entry`, or `None` to skip it.
    fn of(dir: &Path, entry: &fs::DirEntry) -> io::Result<Option<Entry>> {
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            return Ok(None);
        }
        let input_file = |name: OsString| {
            let kind = kind_of(&name.to_string_lossy()).map(|(kind, _)| kind);
            kind.map(|kind| Entry {
                name,
                kind: Some(kind),
            })
        };
        let mut file_type = entry.file_type()?;
        if file_type.is_symlink() {
            match fs::metadata(dir.join(&name)) {
                // Not followed: a link to an ancestor would make the walk endless.
                Ok(meta) if meta.is_dir() => return Ok(None),
                Ok(meta) => file_type = meta.file_type(),
                // A broken link with an input's name: opening it will say what is wrong.
                Err(_) => return Ok(input_file(name)),
            }
        }
        if file_type.is_dir() {
            Ok(Some(Entry { name, kind: None }))
        } else if file_type.is_file() {
            Ok(input_file(name))
        } else {
            // Sockets, pipes and devices are not articles, whatever their name.
            Ok(None)
        }
    }
}

impl Iterator for Walk {
    type Item = WalkItem;

    fn next(&mut self) -> Option<WalkItem> {
        loop {
            let level = self.levels.last_mut()?;
            if let Some(record) = level.errors.next() {
                return Some(WalkItem::Failed(record));
            }
            let Some(entry) = level.entries.next() else {
                self.levels.pop();
                continue;
            };
            let path = level.dir.join(&entry.name);
            let relative = format!("{}{}", level.prefix, entry.name.to_string_lossy());
            match entry.kind {
                None => {
                    let sub = Level::list(path, format!("{relative}/"), &relative);
                    self.levels.push(sub);
                }
                Some(kind) => {
                    let id = kind_of(&relative).map_or(relative.as_str(), |(_, stem)| stem);
                    return Some(WalkItem::File(FileRef {
                        id: id.to_string(),
                        shown: path.display().to_string(),
                        path,
                        kind,
                    }));
                }
            }
        }
    }
}

/// Opens an input file, through a gzip decoder for a `.gz` file.
fn open_stream(file: &FileRef, progress: &Progress) -> io::Result<Box<dyn Read + Send>> {
    let handle = File::open(&file.path).inspect_err(|_| progress.skip(&file.path))?;
    let size = handle.metadata().map_or(0, |meta| meta.len());
    let counted = Counted::new(handle, size, progress);
    Ok(if file.kind.gz {
        // Multi-member: `cat a.gz b.gz` is a valid gzip file holding both.
        Box::new(flate2::read::MultiGzDecoder::new(counted))
    } else {
        Box::new(counted)
    })
}

/// Reads past a UTF-8 byte order mark at the start of `reader`; returns the reader and the
/// number of bytes skipped, which every byte offset adds back.
fn skip_bom(mut reader: Box<dyn Read + Send>) -> io::Result<(Box<dyn Read + Send>, u64)> {
    let mut head = [0; 3];
    let mut got = 0;
    while got < head.len() {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if head[..got] == *BOM {
        return Ok((reader, BOM.len() as u64));
    }
    let head = io::Cursor::new(head[..got].to_vec());
    Ok((Box::new(head.chain(reader)), 0))
}

/// A file that holds many records.
trait Source: Send {
    /// The next record, or `None` when the file is done (after an error, too).
    fn next_record(&mut self) -> Option<Record>;
}

/// How much of one JSONL line or CSV record is held: the article limit, room for JSON
/// escapes (`\u00e9` is 6 bytes for 2) or doubled CSV quotes, and 1 MiB for other fields.
fn record_limit(options: &ReadOptions) -> u64 {
    (options.max_article_bytes as u64)
        .saturating_mul(4)
        .saturating_add(1 << 20)
}

/// The most buffer capacity kept after a record: one huge article must not keep its
/// memory for the rest of the run.
const RETAINED_BYTES: usize = 1 << 20;

/// Gives back the memory of a buffer that grew for a huge record.
fn release(buf: &mut Vec<u8>) {
    if buf.capacity() > RETAINED_BYTES {
        buf.shrink_to(buf.len().max(64 * 1024));
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// The line is in the buffer.
    Read,
    /// The line was longer than the limit and was skipped; it was this many bytes.
    TooLong(u64),
    /// There are no more lines.
    End,
}

/// Reads one line, with its `\n`, into `buf`, holding no more than `limit` bytes: the rest
/// of a longer line is read and dropped. `offset` moves past every byte read, so after an
/// error it is where the error happened.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
    offset: &mut u64,
) -> io::Result<Line> {
    buf.clear();
    release(buf);
    let mut length = 0u64;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        // memchr looks at a machine word or a vector at a time: byte by byte, finding the
        // line ends took half of the reader's time.
        let (piece, ended) = match memchr::memchr(b'\n', available) {
            Some(end) => (&available[..=end], true),
            None => (available, false),
        };
        let n = piece.len();
        length += n as u64;
        if length > limit {
            too_long = true;
            buf.clear();
        } else {
            buf.extend_from_slice(piece);
        }
        reader.consume(n);
        *offset += n as u64;
        if ended {
            break;
        }
    }
    Ok(match (length, too_long) {
        (0, _) => Line::End,
        (_, true) => Line::TooLong(length),
        _ => Line::Read,
    })
}

/// The articles of a JSONL stream, one per non-blank line.
struct JsonlSource {
    path: String,
    reader: BufReader<Box<dyn Read + Send>>,
    options: ReadOptions,
    /// The number of the line last read.
    line: u64,
    /// Where the next line starts in the file.
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlSource {
    fn new(path: &str, reader: Box<dyn Read + Send>, bom: u64, options: ReadOptions) -> Self {
        JsonlSource {
            path: path.to_string(),
            reader: BufReader::new(reader),
            options,
            line: 0,
            offset: bom,
            buf: Vec::new(),
            done: false,
        }
    }

    /// The record of the line in the buffer, which starts at byte `start`.
    fn parse(&self, start: u64) -> Record {
        let source = format!("{}:{}", self.path, self.line);
        let seed = FieldsSeed {
            id_field: &self.options.id_field,
            text_field: &self.options.text_field,
            keep_text: true,
        };
        let line = match std::str::from_utf8(&self.buf) {
            Ok(line) => line,
            Err(e) => {
                // Replacement characters keep the JSON's shape, so the id can still be read.
                let lossy = String::from_utf8_lossy(&self.buf);
                let id = seed.id_only(&lossy).unwrap_or_else(|| source.clone());
                let at = start + e.valid_up_to() as u64;
                return Record::failed(id, source, Some(at), "invalid UTF-8");
            }
        };
        let fields = match seed.parse(line) {
            Ok(fields) => fields,
            Err(e) => {
                let id = seed.id_only(line).unwrap_or_else(|| source.clone());
                let at = start + json_error_offset(line, &e);
                return Record::failed(id, source, Some(at), json_error_message(&e));
            }
        };
        let id_field = &self.options.id_field;
        let id = match json_id(fields.id, id_field) {
            Ok(id) => id,
            Err(message) => return Record::failed(&source, &source, Some(start), message),
        };
        let text_field = &self.options.text_field;
        let text = match fields.text {
            Some(serde_json::Value::String(text)) => text,
            Some(other) => {
                let message = format!(
                    "`{text_field}` is {}, expected a string",
                    describe_json(&other)
                );
                return Record::failed(id, source, Some(start), message);
            }
            None => {
                let message = format!("missing `{text_field}` field");
                return Record::failed(id, source, Some(start), message);
            }
        };
        finish(id, source, Some(start), text, &self.options)
    }
}

impl Source for JsonlSource {
    fn next_record(&mut self) -> Option<Record> {
        let limit = record_limit(&self.options);
        while !self.done {
            let start = self.offset;
            self.line += 1;
            match read_line(&mut self.reader, &mut self.buf, limit, &mut self.offset) {
                Ok(Line::Read) if self.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => return Some(self.parse(start)),
                Ok(Line::TooLong(length)) => {
                    let source = format!("{}:{}", self.path, self.line);
                    let message = format!(
                        "line is {length} bytes, over the limit of {limit} for one line \
                         (4 × --max-article-bytes + 1 MiB); raise --max-article-bytes"
                    );
                    return Some(Record::failed(&source, &source, Some(start), message));
                }
                Ok(Line::End) => self.done = true,
                Err(e) => {
                    self.done = true;
                    let source = format!("{}:{}", self.path, self.line);
                    let message = format!("cannot read: {e}; the rest of the file is skipped");
                    return Some(Record::failed(&source, &source, Some(self.offset), message));
                }
            }
        }
        None
    }
}

/// The articles of a CSV stream with a header row, one per record.
struct CsvSource {
    path: String,
    reader: csv::Reader<Guard>,
    record: csv::ByteRecord,
    options: ReadOptions,
    /// Bytes before what the csv reader sees: the byte order mark.
    bom: u64,
    /// The indexes of the id and text columns, once the header is read.
    columns: Option<(usize, usize)>,
    done: bool,
}

impl CsvSource {
    fn new(path: &str, reader: Box<dyn Read + Send>, bom: u64, options: ReadOptions) -> Self {
        let guard = Guard {
            inner: reader,
            kept: Vec::new(),
            kept_from: 0,
            limit: record_limit(&options),
            tripped: false,
        };
        CsvSource {
            path: path.to_string(),
            reader: csv::ReaderBuilder::new().from_reader(guard),
            record: csv::ByteRecord::new(),
            options,
            bom,
            columns: None,
            done: false,
        }
    }

    /// Finds the id and text columns in the header, or the record failing the whole file.
    fn read_header(&mut self) -> Result<(usize, usize), Record> {
        let header = match self.reader.byte_headers() {
            Ok(header) => header.clone(),
            Err(e) => return Err(self.broken(csv::Position::new(), &e)),
        };
        let end = self.reader.position().byte();
        self.reader.get_mut().advance(end);
        let fail =
            |message: String| Record::failed(&self.path, &self.path, Some(self.bom), message);
        if header.is_empty() {
            return Err(fail("no header row (empty file)".to_string()));
        }
        let find = |name: &str| header.iter().position(|column| column == name.as_bytes());
        let id_field = &self.options.id_field;
        let text_field = &self.options.text_field;
        let missing = match (find(id_field), find(text_field)) {
            (Some(id), Some(text)) => return Ok((id, text)),
            (None, Some(_)) => format!("no `{id_field}` column"),
            (Some(_), None) => format!("no `{text_field}` column"),
            (None, None) => format!("no `{id_field}` and no `{text_field}` column"),
        };
        let mut columns: Vec<String> = header
            .iter()
            .take(20)
            .map(|column| format!("`{}`", String::from_utf8_lossy(column)))
            .collect();
        if header.len() > columns.len() {
            columns.push("…".to_string());
        }
        let columns = columns.join(", ");
        Err(fail(format!(
            "the header has {missing} (columns: {columns})"
        )))
    }

    /// The record read from `start` to `end`; `lengths` are the header's and the record's
    /// field counts when they differ.
    fn row(
        &mut self,
        start: &csv::Position,
        end: u64,
        columns: (usize, usize),
        lengths: Option<(u64, u64)>,
    ) -> Record {
        let guard = self.reader.get_mut();
        let raw = guard.raw(start.byte(), end);
        // The csv reader skips blank lines before a record; its position is before them.
        let lead = raw
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let line = start.line() + raw[..lead].iter().filter(|&&b| b == b'\n').count() as u64;
        let quoting = quoting_error(&raw[lead..]);
        guard.advance(end);
        if self.record.as_slice().len() > RETAINED_BYTES {
            self.record = csv::ByteRecord::new();
        }

        let number = start.record();
        let fallback = format!("{}#{number}", self.path);
        let source = format!("{fallback} (line {line})");
        let byte = self.bom + start.byte() + lead as u64;
        if let Some((at, message)) = quoting {
            return Record::failed(fallback, source, Some(byte + at as u64), message);
        }
        if let Some((expected, got)) = lengths {
            let message = format!("record has {got} fields, the header has {expected}");
            return Record::failed(fallback, source, Some(byte), message);
        }
        let (id_column, text_column) = columns;
        let id_field = &self.options.id_field;
        let id = match std::str::from_utf8(self.record.get(id_column).unwrap_or_default()) {
            Ok("") => {
                let message = format!("empty `{id_field}`");
                return Record::failed(fallback, source, Some(byte), message);
            }
            Ok(id) => id.to_string(),
            Err(e) => {
                let at = e.valid_up_to();
                let message = format!("invalid UTF-8 in `{id_field}`, at byte {at} of the field");
                return Record::failed(fallback, source, Some(byte), message);
            }
        };
        let text_field = &self.options.text_field;
        let text = match std::str::from_utf8(self.record.get(text_column).unwrap_or_default()) {
            Ok(text) => text.to_string(),
            Err(e) => {
                let at = e.valid_up_to();
                let message = format!("invalid UTF-8 in `{text_field}`, at byte {at} of the field");
                return Record::failed(id, source, Some(byte), message);
            }
        };
        finish(id, source, Some(byte), text, &self.options)
    }

    /// The record for an error the csv reader cannot go on after (a read error, or a
    /// record over the limit), for the record that started at `start`.
    fn broken(&self, start: csv::Position, e: &csv::Error) -> Record {
        let (fallback, source) = match start.record() {
            // Record 0 is the header: the whole file fails.
            0 => (self.path.clone(), self.path.clone()),
            number => {
                let fallback = format!("{}#{number}", self.path);
                let source = format!("{fallback} (line {})", start.line());
                (fallback, source)
            }
        };
        if self.reader.get_ref().tripped {
            let limit = self.reader.get_ref().limit;
            let message = format!(
                "record runs over {limit} bytes, the limit for one record \
                 (4 × --max-article-bytes + 1 MiB): an unclosed quote? The rest of the file \
                 is skipped; raise --max-article-bytes if the record is real"
            );
            return Record::failed(fallback, source, Some(self.bom + start.byte()), message);
        }
        let at = self.bom + self.reader.position().byte();
        let message = match e.kind() {
            csv::ErrorKind::Io(e) => format!("cannot read: {e}; the rest of the file is skipped"),
            _ => format!("{e}; the rest of the file is skipped"),
        };
        Record::failed(fallback, source, Some(at), message)
    }
}

impl Source for CsvSource {
    fn next_record(&mut self) -> Option<Record> {
        if self.done {
            return None;
        }
        let columns = match self.columns {
            Some(columns) => columns,
            None => match self.read_header() {
                Ok(columns) => *self.columns.insert(columns),
                Err(record) => {
                    self.done = true;
                    return Some(record);
                }
            },
        };
        let start = self.reader.position().clone();
        let result = self.reader.read_byte_record(&mut self.record);
        let end = self.reader.position().byte();
        match result {
            Ok(true) => Some(self.row(&start, end, columns, None)),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => Some(self.row(&start, end, columns, Some((*expected_len, *len)))),
                _ => {
                    self.done = true;
                    Some(self.broken(start, &e))
                }
            },
        }
    }
}

/// Sits between a CSV stream and the csv reader: keeps the raw bytes of the record being
/// read, so its quoting can be checked, and stops a record that grows past the limit, which
/// the csv reader would otherwise hold whole (an unclosed quote runs to the end of the file).
struct Guard {
    inner: Box<dyn Read + Send>,
    /// The bytes read from offset `kept_from` on: the current record and what the csv
    /// reader has read ahead.
    kept: Vec<u8>,
    kept_from: u64,
    limit: u64,
    tripped: bool,
}

impl Guard {
    /// The raw bytes from `start` to `end` (offsets in the stream), which must be kept.
    fn raw(&self, start: u64, end: u64) -> &[u8] {
        let from = start.saturating_sub(self.kept_from) as usize;
        let to = end.saturating_sub(self.kept_from) as usize;
        &self.kept[from.min(self.kept.len())..to.min(self.kept.len())]
    }

    /// Drops the bytes before `end`, where the next record starts.
    fn advance(&mut self, end: u64) {
        let done = (end.saturating_sub(self.kept_from) as usize).min(self.kept.len());
        self.kept.drain(..done);
        self.kept_from += done as u64;
        release(&mut self.kept);
    }
}

impl Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.kept.len() as u64 > self.limit {
            self.tripped = true;
            return Err(io::Error::other("CSV record over the limit"));
        }
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// The first quoting error in the raw bytes of one CSV record, and where it is.
///
/// The csv reader is lenient: it reads `"a"b` as `ab` and lets an unclosed quote run to the
/// end of the file. Both mean the file is not what its writer meant, so such a record
/// fails instead. A quote inside an unquoted field (`5" screen`) is unambiguous and is
/// taken as written, as the csv reader does.
fn quoting_error(raw: &[u8]) -> Option<(usize, &'static str)> {
    let ends_field = |b: u8| b == b',' || b == b'\n' || b == b'\r';
    let mut i = 0;
    loop {
        if raw.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            loop {
                match raw[i..].iter().position(|&b| b == b'"') {
                    None => return Some((open, "unclosed quote")),
                    // A doubled quote stands for one quote inside the field.
                    Some(q) if raw.get(i + q + 1) == Some(&b'"') => i += q + 2,
                    Some(q) => {
                        i += q + 1;
                        break;
                    }
                }
            }
            if raw.get(i).is_some_and(|&b| !ends_field(b)) {
                return Some((i, "text after the closing quote of a field"));
            }
        } else {
            i += raw[i..]
                .iter()
                .position(|&b| ends_field(b))
                .unwrap_or(raw.len() - i);
        }
        if raw.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

/// The fields of a JSONL line that matter; the others are skipped without being kept.
struct Fields {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
}

/// Reads [`Fields`], with the field names chosen at run time.
#[derive(Clone, Copy)]
struct FieldsSeed<'a> {
    id_field: &'a str,
    text_field: &'a str,
    /// False to skip the text too, to find the id of a line whose text is broken.
    keep_text: bool,
}

impl FieldsSeed<'_> {
    fn parse(self, line: &str) -> Result<Fields, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(line);
        let fields = self.deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(fields)
    }

    /// The id of a line that failed to parse, if it can be found with the text skipped and
    /// whatever follows the object ignored.
    fn id_only(self, line: &str) -> Option<String> {
        let seed = FieldsSeed {
            keep_text: false,
            ..self
        };
        let mut deserializer = serde_json::Deserializer::from_str(line);
        json_id(seed.deserialize(&mut deserializer).ok()?.id, self.id_field).ok()
    }
}

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fields, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a JSON object with `{}` and `{}` fields",
            self.id_field, self.text_field
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields {
            id: None,
            text: None,
        };
        while let Some(key) = map.next_key_seed(KeySeed(self))? {
            let (slot, name) = match key {
                Key::Id => (&mut fields.id, self.id_field),
                Key::Text if self.keep_text => (&mut fields.text, self.text_field),
                Key::Text | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            // Which one would count is anyone's guess, so neither does.
            if slot.is_some() {
                return Err(de::Error::custom(format_args!("duplicate `{name}` field")));
            }
            *slot = Some(map.next_value()?);
        }
        Ok(fields)
    }
}

/// Which field a key names.
enum Key {
    Id,
    Text,
    Other,
}

/// Reads a key without allocating it.
struct KeySeed<'a>(FieldsSeed<'a>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0.id_field {
            Key::Id
        } else if key == self.0.text_field {
            Key::Text
        } else {
            Key::Other
        })
    }
}

/// The id in a JSON value: a non-empty string, or a number as written.
fn json_id(value: Option<serde_json::Value>, field: &str) -> Result<String, String> {
    match value {
        Some(serde_json::Value::String(id)) if id.is_empty() => Err(format!("empty `{field}`")),
        Some(serde_json::Value::String(id)) => Ok(id),
        Some(serde_json::Value::Number(id)) => Ok(id.to_string()),
        Some(other) => Err(format!(
            "`{field}` is {}, expected a string or a number",
            describe_json(&other)
        )),
        None => Err(format!("missing `{field}` field")),
    }
}

fn describe_json(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// serde_json's message without its ` at line L column C`: within one JSONL line that
/// position would read as a line of the file, and the record says where it is anyway.
fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(cut) if e.line() > 0 => &full[..cut],
        _ => &full,
    };
    match e.classify() {
        serde_json::error::Category::Data => message.to_string(),
        _ => format!("invalid JSON: {message}"),
    }
}

/// The byte of `line` a serde_json error points at (its line and 1-based column).
fn json_error_offset(line: &str, e: &serde_json::Error) -> u64 {
    let line_start: usize = line
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    // An error at the end of input points past the line end; the line end is where it is.
    let content = line.trim_end_matches(['\n', '\r']).len();
    (line_start + e.column().saturating_sub(1)).min(content) as u64
}

/// The message for an article over the limit.
fn over_limit(bytes: u64, max: usize) -> String {
    format!("article is {bytes} bytes, over the limit of {max}; raise --max-article-bytes")
}

/// The article of a whole `.txt` file.
fn read_txt(file: &FileRef, options: &ReadOptions, progress: &Progress) -> Record {
    let fail =
        |byte: Option<u64>, message: String| Record::failed(&file.id, &file.shown, byte, message);
    let handle = match File::open(&file.path) {
        Ok(handle) => handle,
        Err(e) => {
            progress.skip(&file.path);
            return fail(None, format!("cannot open: {e}"));
        }
    };
    // Only a regular file has a size to trust before reading.
    let size = handle
        .metadata()
        .ok()
        .filter(|meta| meta.is_file())
        .map(|meta| meta.len());
    let mut reader = Counted::new(handle, size.unwrap_or(0), progress);
    let max = options.max_article_bytes as u64;
    let most = max + BOM.len() as u64;
    if let Some(size) = size.filter(|&size| size > most) {
        return fail(None, over_limit(size, options.max_article_bytes));
    }
    let mut bytes = Vec::with_capacity(size.unwrap_or(0) as usize);
    // Bounded even so: a pipe has no size, and a file can grow after it was measured.
    if let Err(e) = (&mut reader).take(most + 1).read_to_end(&mut bytes) {
        return fail(Some(bytes.len() as u64), format!("cannot read: {e}"));
    }
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    if bytes.len() - bom > options.max_article_bytes {
        let size = size.unwrap_or((bytes.len() - bom) as u64);
        return fail(None, over_limit(size, options.max_article_bytes));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let hint = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            "binary file (UTF-16 text? convert it to UTF-8)"
        } else {
            "binary file (NUL byte)"
        };
        return fail(Some(nul as u64), hint.to_string());
    }
    bytes.drain(..bom);
    match String::from_utf8(bytes) {
        Ok(text) => finish(file.id.clone(), file.shown.clone(), None, text, options),
        Err(e) => {
            let at = bom + e.utf8_error().valid_up_to();
            fail(Some(at as u64), "invalid UTF-8".to_string())
        }
    }
}

/// The article, unless its text is empty or over the limit.
fn finish(
    id: String,
    source: String,
    byte: Option<u64>,
    text: String,
    options: &ReadOptions,
) -> Record {
    if text.len() > options.max_article_bytes {
        let message = over_limit(text.len() as u64, options.max_article_bytes);
        return Record::failed(id, source, byte, message);
    }
    if text.trim().is_empty() {
        return Record::failed(id, source, byte, "empty article");
    }
    Record::Article(Article { id, source, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one record should be; `{d}` in any string stands for the test's directory.
    #[derive(Debug)]
    enum Want {
        Article {
            id: &'static str,
            source: &'static str,
            text: &'static str,
        },
        Failed {
            id: &'static str,
            source: &'static str,
            byte: Option<u64>,
            /// A part of the message (the rest may come from serde_json or the OS).
            message: &'static str,
        },
    }

    fn article(id: &'static str, source: &'static str, text: &'static str) -> Want {
        Want::Article { id, source, text }
    }

    fn failed(
        id: &'static str,
        source: &'static str,
        byte: Option<u64>,
        message: &'static str,
    ) -> Want {
        Want::Failed {
            id,
            source,
            byte,
            message,
        }
    }

    /// A file to write before a case runs.
    enum Content {
        Raw(Vec<u8>),
        /// Written gzip-compressed.
        Gz(Vec<u8>),
        /// Two gzip members, the second cut off inside its header, as from an interrupted
        /// `cat a.gz b.gz >> all.gz`.
        GzThenCut(Vec<u8>, Vec<u8>),
    }

    fn raw(bytes: impl AsRef<[u8]>) -> Content {
        Content::Raw(bytes.as_ref().to_vec())
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    struct Case {
        name: &'static str,
        files: Vec<(&'static str, Content)>,
        args: Vec<&'static str>,
        max_article_bytes: usize,
        /// The id and text field names.
        fields: (&'static str, &'static str),
        want: Vec<Want>,
    }

    fn case(
        name: &'static str,
        files: Vec<(&'static str, Content)>,
        args: Vec<&'static str>,
        want: Vec<Want>,
    ) -> Case {
        Case {
            name,
            files,
            args,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            fields: ("id", "text"),
            want,
        }
    }

    /// Writes the files of `case` into a new directory and returns it.
    fn write_files(files: &[(&str, Content)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            let bytes = match content {
                Content::Raw(bytes) => bytes.clone(),
                Content::Gz(bytes) => gz(bytes),
                Content::GzThenCut(whole, cut) => [gz(whole), gz(cut)[..5].to_vec()].concat(),
            };
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    /// Runs `case` and checks every record it yields.
    fn check(case: &Case) {
        let dir = write_files(&case.files);
        check_in(case, dir.path());
    }

    /// Runs `case` in `dir`, where its files are, and checks every record it yields.
    fn check_in(case: &Case, dir: &Path) {
        let root = dir.display().to_string();
        let fill = |s: &str| s.replace("{d}", &root);
        let args: Vec<String> = case.args.iter().map(|arg| fill(arg)).collect();
        let options = ReadOptions {
            id_field: case.fields.0.to_string(),
            text_field: case.fields.1.to_string(),
            max_article_bytes: case.max_article_bytes,
        };
        let got: Vec<Record> = Inputs::open(&args, options).collect();
        let name = case.name;
        assert_eq!(got.len(), case.want.len(), "{name}: got {got:#?}");
        for (k, (got, want)) in got.iter().zip(&case.want).enumerate() {
            match (got, want) {
                (Record::Article(a), Want::Article { id, source, text }) => {
                    assert_eq!(a.id, fill(id), "{name}[{k}] id");
                    assert_eq!(a.source, fill(source), "{name}[{k}] source");
                    assert_eq!(a.text, *text, "{name}[{k}] text");
                }
                (
                    Record::Failed { id: got_id, error },
                    Want::Failed {
                        id,
                        source,
                        byte,
                        message,
                    },
                ) => {
                    assert_eq!(*got_id, fill(id), "{name}[{k}] id of {error}");
                    assert_eq!(error.source, fill(source), "{name}[{k}] source of {error}");
                    assert_eq!(error.byte, *byte, "{name}[{k}] byte of {error}");
                    assert!(
                        error.message.contains(&fill(message)),
                        "{name}[{k}]: {error} lacks {message:?}"
                    );
                }
                _ => panic!("{name}[{k}]: got {got:#?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn txt_files() {
        let cases = vec![
            case(
                "a file given directly is named by its stem",
                vec![("a/news one.txt", raw("He said so.\r\n"))],
                vec!["{d}/a/news one.txt"],
                vec![article("news one", "{d}/a/news one.txt", "He said so.\r\n")],
            ),
            case(
                // The mark is not text, and the offsets after it count it.
                "a byte order mark is dropped",
                vec![("bom.txt", raw("\u{FEFF}Hi"))],
                vec!["{d}/bom.txt"],
                vec![article("bom", "{d}/bom.txt", "Hi")],
            ),
            case(
                "extensions match in any case",
                vec![("UP.TXT", raw("Up."))],
                vec!["{d}/UP.TXT"],
                vec![article("UP", "{d}/UP.TXT", "Up.")],
            ),
            case(
                "invalid UTF-8 names the first bad byte, counting the mark",
                vec![("bad.txt", raw(b"\xEF\xBB\xBFab\xFFc"))],
                vec!["{d}/bad.txt"],
                vec![failed("bad", "{d}/bad.txt", Some(5), "invalid UTF-8")],
            ),
            case(
                "empty and blank files",
                vec![("e.txt", raw("")), ("w.txt", raw(" \n\t\r\n"))],
                vec!["{d}/e.txt", "{d}/w.txt"],
                vec![
                    failed("e", "{d}/e.txt", None, "empty article"),
                    failed("w", "{d}/w.txt", None, "empty article"),
                ],
            ),
            case(
                "a NUL byte makes a binary file",
                vec![("bin.txt", raw(b"PK\x03\x04\x00\x00"))],
                vec!["{d}/bin.txt"],
                vec![failed("bin", "{d}/bin.txt", Some(4), "binary file")],
            ),
            case(
                "UTF-16 is binary, with a hint",
                vec![("u16.txt", raw(b"\xFF\xFEH\x00i\x00"))],
                vec!["{d}/u16.txt"],
                vec![failed("u16", "{d}/u16.txt", Some(3), "UTF-16")],
            ),
            case(
                "missing path and unsupported extension",
                vec![("notes.md", raw("# notes"))],
                vec!["{d}/gone.txt", "{d}/notes.md"],
                vec![
                    failed("{d}/gone.txt", "{d}/gone.txt", None, "cannot read"),
                    failed(
                        "{d}/notes.md",
                        "{d}/notes.md",
                        None,
                        "unsupported file type",
                    ),
                ],
            ),
            Case {
                max_article_bytes: 4,
                ..case(
                    // The size check comes before reading; the mark does not count.
                    "over the limit",
                    vec![
                        ("big.txt", raw("12345")),
                        ("fits.txt", raw("\u{FEFF}1234")),
                        ("huge.txt", raw("1234567890")),
                    ],
                    vec!["{d}/big.txt", "{d}/fits.txt", "{d}/huge.txt"],
                    vec![
                        failed(
                            "big",
                            "{d}/big.txt",
                            None,
                            "article is 5 bytes, over the limit of 4; raise --max-article-bytes",
                        ),
                        article("fits", "{d}/fits.txt", "1234"),
                        failed("huge", "{d}/huge.txt", None, "article is 10 bytes"),
                    ],
                )
            },
        ];
        for case in &cases {
            check(case);
        }
    }

    #[test]
    fn directories() {
        let cases = vec![
            case(
                // Byte-wise order: upper case before lower case, `sub` before `sub.txt`;
                // hidden entries and other extensions are skipped.
                "walked recursively in byte order",
                vec![
                    ("b.txt", raw("B")),
                    ("a.txt", raw("A")),
                    ("Z.txt", raw("Z")),
                    ("sub/x/deep.txt", raw("D")),
                    ("sub/c.txt", raw("C")),
                    ("sub.txt", raw("S")),
                    ("readme.md", raw("skip")),
                    (".hidden.txt", raw("skip")),
                    (".git/x.txt", raw("skip")),
                    ("empty/.keep", raw("")),
                ],
                vec!["{d}"],
                vec![
                    article("Z", "{d}/Z.txt", "Z"),
                    article("a", "{d}/a.txt", "A"),
                    article("b", "{d}/b.txt", "B"),
                    article("sub/c", "{d}/sub/c.txt", "C"),
                    article("sub/x/deep", "{d}/sub/x/deep.txt", "D"),
                    article("sub", "{d}/sub.txt", "S"),
                ],
            ),
            case(
                "failures inside a directory use the relative id",
                vec![("d/bad.txt", raw(b"\x00"))],
                vec!["{d}/"],
                vec![failed("d/bad", "{d}/d/bad.txt", Some(0), "binary file")],
            ),
        ];
        for case in &cases {
            check(case);
        }
    }

    #[test]
    fn jsonl_files() {
        // Every malformed line fails alone; the line after it is still read.
        let malformed = [
            r#"{"id":"ok1","text":"Fine."}"#,
            r#"{"id":"x","text":"#,
            r#"[1,2]"#,
            r#"{"id":"m1"}"#,
            r#"{"text":"no id"}"#,
            r#"{"id":"n1","text":5}"#,
            r#"{"id":"s1","text":"\ud800"}"#,
            "{\"id\":\"u1\",\"text\":\"caf\u{FF}\"}",
            r#"{"id":"e1","text":" \n "}"#,
            r#"{"id":"","text":"x"}"#,
            r#"{"id":"d1","id":"d2","text":"x"}"#,
            r#"{"id":true,"text":"x"}"#,
            r#"{"id":"t1","text":"x"} trailing"#,
            r#"{"id":"ok2","text":"Still read."}"#,
        ];
        let mut malformed_bytes = Vec::new();
        for line in malformed {
            // Written as bytes: one line holds invalid UTF-8 on purpose.
            let line: Vec<u8> = line.chars().map(|c| c as u32 as u8).collect();
            malformed_bytes.extend_from_slice(&line);
            malformed_bytes.push(b'\n');
        }
        let well_formed = [
            "\u{FEFF}",
            r#"{"id":"a1","text":"One.","meta":{"tags":[1,{}]}}"#,
            "\r\n\r\n",
            r#"{"text":"Two.","id":42}"#,
            "\n   \n",
            r#"{"id":"a3","text":"Three\n\u00e9 \"q\""}"#,
        ];
        let long_line = format!(
            "{{\"id\":\"long\",\"text\":\"{}\"}}\n{{\"id\":\"short\",\"text\":\"Fits.\"}}\n",
            "x".repeat(1 << 20)
        );
        let cases = vec![
            case(
                // Ids may be numbers; other fields, blank lines, CRLF and a mark are fine.
                "well-formed lines",
                vec![("n.jsonl", raw(well_formed.concat()))],
                vec!["{d}/n.jsonl"],
                vec![
                    article("a1", "{d}/n.jsonl:1", "One."),
                    article("42", "{d}/n.jsonl:3", "Two."),
                    article("a3", "{d}/n.jsonl:5", "Three\né \"q\""),
                ],
            ),
            case(
                "malformed lines",
                vec![("m.jsonl", Content::Raw(malformed_bytes))],
                vec!["{d}/m.jsonl"],
                vec![
                    article("ok1", "{d}/m.jsonl:1", "Fine."),
                    failed(
                        "{d}/m.jsonl:2",
                        "{d}/m.jsonl:2",
                        Some(45),
                        "invalid JSON: EOF",
                    ),
                    failed(
                        "{d}/m.jsonl:3",
                        "{d}/m.jsonl:3",
                        Some(46),
                        "expected a JSON object",
                    ),
                    failed("m1", "{d}/m.jsonl:4", Some(52), "missing `text` field"),
                    failed(
                        "{d}/m.jsonl:5",
                        "{d}/m.jsonl:5",
                        Some(64),
                        "missing `id` field",
                    ),
                    failed("n1", "{d}/m.jsonl:6", Some(81), "`text` is a number"),
                    failed("s1", "{d}/m.jsonl:7", Some(127), "hex escape"),
                    failed("u1", "{d}/m.jsonl:8", Some(152), "invalid UTF-8"),
                    failed("e1", "{d}/m.jsonl:9", Some(156), "empty article"),
                    failed("{d}/m.jsonl:10", "{d}/m.jsonl:10", Some(182), "empty `id`"),
                    failed(
                        "{d}/m.jsonl:11",
                        "{d}/m.jsonl:11",
                        Some(217),
                        "duplicate `id` field",
                    ),
                    failed(
                        "{d}/m.jsonl:12",
                        "{d}/m.jsonl:12",
                        Some(236),
                        "`id` is a boolean",
                    ),
                    failed("t1", "{d}/m.jsonl:13", Some(282), "trailing characters"),
                    article("ok2", "{d}/m.jsonl:14", "Still read."),
                ],
            ),
            Case {
                max_article_bytes: 5,
                ..case(
                    // A line over the line limit is skipped without being held.
                    "over the limits",
                    vec![
                        ("big.jsonl", raw("{\"id\":\"big\",\"text\":\"123456\"}\n")),
                        ("long.jsonl", raw(&long_line)),
                    ],
                    vec!["{d}/big.jsonl", "{d}/long.jsonl"],
                    vec![
                        failed(
                            "big",
                            "{d}/big.jsonl:1",
                            Some(0),
                            "article is 6 bytes, over the limit of 5",
                        ),
                        failed(
                            "{d}/long.jsonl:1",
                            "{d}/long.jsonl:1",
                            Some(0),
                            "line is 1048600 bytes",
                        ),
                        article("short", "{d}/long.jsonl:2", "Fits."),
                    ],
                )
            },
            case(
                "gzip, and a corrupt gzip file",
                vec![
                    (
                        "a.jsonl.gz",
                        Content::Gz(
                            b"{\"id\":1,\"text\":\"Zipped.\"}\n{\"id\":2,\"text\":\"Too.\"}\n"
                                .to_vec(),
                        ),
                    ),
                    (
                        "b.jsonl.gz",
                        Content::GzThenCut(
                            b"{\"id\":3,\"text\":\"Whole.\"}\n".to_vec(),
                            b"{\"id\":4,\"text\":\"Cut.\"}\n".to_vec(),
                        ),
                    ),
                    ("c.txt", raw("After.")),
                ],
                vec!["{d}"],
                vec![
                    article("1", "{d}/a.jsonl.gz:1", "Zipped."),
                    article("2", "{d}/a.jsonl.gz:2", "Too."),
                    article("3", "{d}/b.jsonl.gz:1", "Whole."),
                    failed(
                        "{d}/b.jsonl.gz:2",
                        "{d}/b.jsonl.gz:2",
                        Some(25),
                        "cannot read",
                    ),
                    article("c", "{d}/c.txt", "After."),
                ],
            ),
        ];
        for case in &cases {
            check(case);
        }
    }

    #[test]
    fn csv_files() {
        let malformed = [
            "id,text",
            "a,Fine.",
            "b,too,many",
            r#"c,"ab"cd"#,
            ",no id",
            r#"e,"  ""#,
            "f,caf\u{FF}",
            r#"h,5" screen"#,
            r#"i,"unclosed"#,
            "j,swallowed",
        ];
        let mut malformed_bytes = Vec::new();
        for line in malformed {
            // Written as bytes: one line holds invalid UTF-8 on purpose.
            malformed_bytes.extend(line.chars().map(|c| c as u32 as u8));
            malformed_bytes.push(b'\n');
        }
        // An unclosed quote followed by more than the record limit (1 MiB + 4 × 5 bytes).
        let unclosed = format!(
            "id,text\nok,Fine.\nr2,\"{}\nlater,x\n",
            "x".repeat((1 << 20) + 100)
        );
        let cases = vec![
            case(
                // Quoted fields keep their line ends exactly; a blank line is skipped.
                "well-formed records",
                vec![(
                    "c.csv",
                    raw([
                        "\u{FEFF}id,title,text\n",
                        "1,A,One.\n",
                        "2,B,\"Line one\r\nline \"\"two\"\"\"\n",
                        "\n",
                        "3,C,\"Three\"",
                    ]
                    .concat()),
                )],
                vec!["{d}/c.csv"],
                vec![
                    article("1", "{d}/c.csv#1 (line 2)", "One."),
                    article("2", "{d}/c.csv#2 (line 3)", "Line one\r\nline \"two\""),
                    article("3", "{d}/c.csv#3 (line 6)", "Three"),
                ],
            ),
            Case {
                fields: ("url", "body"),
                ..case(
                    "column names from the options",
                    vec![("o.csv", raw("body,url\nText.,http://x/1\n"))],
                    vec!["{d}/o.csv"],
                    vec![article("http://x/1", "{d}/o.csv#1 (line 2)", "Text.")],
                )
            },
            case(
                "malformed records",
                vec![("m.csv", Content::Raw(malformed_bytes))],
                vec!["{d}/m.csv"],
                vec![
                    article("a", "{d}/m.csv#1 (line 2)", "Fine."),
                    failed(
                        "{d}/m.csv#2",
                        "{d}/m.csv#2 (line 3)",
                        Some(16),
                        "record has 3 fields, the header has 2",
                    ),
                    failed(
                        "{d}/m.csv#3",
                        "{d}/m.csv#3 (line 4)",
                        Some(33),
                        "text after the closing quote",
                    ),
                    failed(
                        "{d}/m.csv#4",
                        "{d}/m.csv#4 (line 5)",
                        Some(36),
                        "empty `id`",
                    ),
                    failed("e", "{d}/m.csv#5 (line 6)", Some(43), "empty article"),
                    failed(
                        "f",
                        "{d}/m.csv#6 (line 7)",
                        Some(50),
                        "invalid UTF-8 in `text`, at byte 3 of the field",
                    ),
                    article("h", "{d}/m.csv#7 (line 8)", "5\" screen"),
                    failed(
                        "{d}/m.csv#8",
                        "{d}/m.csv#8 (line 9)",
                        Some(71),
                        "unclosed quote",
                    ),
                ],
            ),
            case(
                "header without the columns, and an empty file",
                vec![("h.csv", raw("\u{FEFF}id,body\n1,x\n")), ("e.csv", raw(""))],
                vec!["{d}/h.csv", "{d}/e.csv"],
                vec![
                    failed(
                        "{d}/h.csv",
                        "{d}/h.csv",
                        Some(3),
                        "the header has no `text` column (columns: `id`, `body`)",
                    ),
                    failed("{d}/e.csv", "{d}/e.csv", Some(0), "no header row"),
                ],
            ),
            Case {
                max_article_bytes: 5,
                ..case(
                    // A record over the record limit is most likely an unclosed quote.
                    "over the limits",
                    vec![
                        ("big.csv", raw("id,text\nbig,123456\nok,12345\n")),
                        ("long.csv", raw(&unclosed)),
                    ],
                    vec!["{d}/big.csv", "{d}/long.csv"],
                    vec![
                        failed(
                            "big",
                            "{d}/big.csv#1 (line 2)",
                            Some(8),
                            "article is 6 bytes, over the limit of 5",
                        ),
                        article("ok", "{d}/big.csv#2 (line 3)", "12345"),
                        article("ok", "{d}/long.csv#1 (line 2)", "Fine."),
                        failed(
                            "{d}/long.csv#2",
                            "{d}/long.csv#2 (line 3)",
                            Some(17),
                            "record runs over 1048596 bytes",
                        ),
                    ],
                )
            },
            case(
                "gzip, and a corrupt gzip file",
                vec![
                    ("a.csv.gz", Content::Gz(b"id,text\n1,Zipped.\n".to_vec())),
                    (
                        "b.csv.gz",
                        Content::GzThenCut(b"id,text\n2,Whole.\n".to_vec(), b"3,Cut.\n".to_vec()),
                    ),
                    ("c.txt", raw("After.")),
                ],
                vec!["{d}"],
                vec![
                    article("1", "{d}/a.csv.gz#1 (line 2)", "Zipped."),
                    article("2", "{d}/b.csv.gz#1 (line 2)", "Whole."),
                    failed(
                        "{d}/b.csv.gz#2",
                        "{d}/b.csv.gz#2 (line 3)",
                        Some(17),
                        "cannot read",
                    ),
                    article("c", "{d}/c.txt", "After."),
                ],
            ),
        ];
        for case in &cases {
            check(case);
        }
    }

    #[test]
    fn quoting_errors() {
        let cases = [
            ("a,b\n", None),
            ("\"a\",\"b\"\r\n", None),
            ("\"a\"\"b\",c", None),
            ("\"a\nb\",c\n", None),
            ("5\" screen,x\n", None),
            ("\"\",\"\"", None),
            ("a,\"b\"c\n", Some((5, "text after"))),
            ("a,\"b", Some((2, "unclosed"))),
            ("\"a\"\"", Some((0, "unclosed"))),
        ];
        for (raw, want) in cases {
            let got = quoting_error(raw.as_bytes());
            match (got, want) {
                (None, None) => {}
                (Some((at, message)), Some((want_at, want_message))) => {
                    assert_eq!(at, want_at, "{raw:?}");
                    assert!(message.starts_with(want_message), "{raw:?}: {message}");
                }
                _ => panic!("{raw:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn stdin_is_jsonl() {
        let lines = "{\"id\":\"s\",\"text\":\"From a pipe.\"}\nnot json\n";
        let args = ["-".to_string(), "-".to_string()];
        let got: Vec<Record> = Inputs::open(&args, ReadOptions::default())
            .with_stdin(io::Cursor::new(lines))
            .collect();
        let want = [
            Record::Article(Article {
                id: "s".into(),
                source: "-:1".into(),
                text: "From a pipe.".into(),
            }),
            // `n` starts `null`; the `o` after it is the error.
            Record::failed("-:2", "-:2", Some(34), "invalid JSON: expected ident"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_directory_mixing_every_kind() {
        let files = vec![
            ("a.txt", raw("Alpha.")),
            (
                "b.jsonl",
                raw("{\"id\":\"b1\",\"text\":\"Bee.\"}\n{\"id\":\"b2\",\"text\":\"\"}\n"),
            ),
            ("c.csv", raw("id,text\nc1,Sea.\n")),
            (
                "d.jsonl.gz",
                Content::Gz(b"{\"id\":\"d1\",\"text\":\"Dee.\"}\n".to_vec()),
            ),
            ("e.csv.gz", Content::Gz(b"id,text\ne1,Ee.\n".to_vec())),
            ("f/g.txt", raw("Gee.")),
            ("f.txt", raw("Eff.")),
            ("B.txt", raw("Big bee.")),
            ("h.md", raw("skipped")),
            ("i.json", raw("skipped")),
            (".x.jsonl", raw("skipped")),
        ];
        let want = vec![
            article("B", "{d}/B.txt", "Big bee."),
            article("a", "{d}/a.txt", "Alpha."),
            article("b1", "{d}/b.jsonl:1", "Bee."),
            failed("b2", "{d}/b.jsonl:2", Some(26), "empty article"),
            article("c1", "{d}/c.csv#1 (line 2)", "Sea."),
            article("d1", "{d}/d.jsonl.gz:1", "Dee."),
            article("e1", "{d}/e.csv.gz#1 (line 2)", "Ee."),
            article("f/g", "{d}/f/g.txt", "Gee."),
            article("f", "{d}/f.txt", "Eff."),
        ];
        check(&case("every kind, in byte order", files, vec!["{d}"], want));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links() {
        use std::os::unix::fs::symlink;
        let files = vec![("real/in.txt", raw("Inside."))];
        let dir = write_files(&files);
        let root = dir.path();
        symlink(root.join("real"), root.join("link-dir")).unwrap();
        symlink(root.join("real/in.txt"), root.join("link.txt")).unwrap();
        symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
        symlink(root, root.join("loop")).unwrap();
        let want = vec![
            failed("broken", "{d}/broken.txt", None, "cannot open"),
            article("link", "{d}/link.txt", "Inside."),
            article("real/in", "{d}/real/in.txt", "Inside."),
        ];
        let case = case("links to files only", files, vec!["{d}"], want);
        check_in(&case, root);
    }

    #[test]
    fn progress_ends_at_the_total() {
        let files = vec![
            ("a.txt", raw("Alpha.")),
            ("big.txt", raw("x".repeat(100))),
            ("b.jsonl", raw("{\"id\":1,\"text\":\"One.\"}\n")),
            ("c.csv.gz", Content::Gz(b"id,text\n1,One.\n".to_vec())),
            (
                "cut.jsonl.gz",
                Content::GzThenCut(b"{}\n".to_vec(), b"{}\n".to_vec()),
            ),
            ("skip.md", raw("not counted")),
            ("sub/d.txt", raw("Dee.")),
        ];
        let dir = write_files(&files);
        let root = dir.path().display().to_string();
        let sizes: u64 = files
            .iter()
            .filter(|(name, _)| !name.ends_with(".md"))
            .map(|(name, _)| fs::metadata(dir.path().join(name)).unwrap().len())
            .sum();
        let args = vec![root.clone(), format!("{root}/a.txt")];
        let alpha = fs::metadata(dir.path().join("a.txt")).unwrap().len();
        assert_eq!(Inputs::total_bytes(&args), Some(sizes + alpha));

        let options = ReadOptions {
            max_article_bytes: 50,
            ..ReadOptions::default()
        };
        let inputs = Inputs::open(&args, options);
        let progress = inputs.progress();
        let records: Vec<Record> = inputs.collect();
        assert_eq!(records.len(), 8, "{records:#?}");
        assert_eq!(progress.bytes(), sizes + alpha);

        let with_stdin = vec![root, "-".to_string()];
        assert_eq!(Inputs::total_bytes(&with_stdin), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever the bytes, every kind of file yields records without panicking, and
        /// every article it yields is non-empty and within the limit.
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(
                // Mostly the bytes that matter to the parsers, and some of any kind.
                proptest::prop_oneof![
                    proptest::sample::select(b"{}[]\",:\\\n\r idtext0123u\xEF\xBB\xBF".to_vec()),
                    proptest::num::u8::ANY,
                ],
                0..300,
            )
        ) {
            let files: Vec<(&str, Content)> = ["a.txt", "b.jsonl", "c.csv"]
                .into_iter()
                .map(|name| (name, Content::Raw(bytes.clone())))
                .chain([
                    ("d.jsonl.gz", Content::Gz(bytes.clone())),
                    ("e.csv.gz", Content::Gz(bytes.clone())),
                    ("f.jsonl.gz", Content::GzThenCut(bytes.clone(), bytes.clone())),
                ])
                .collect();
            let dir = write_files(&files);
            let args = [dir.path().display().to_string()];
            let options = ReadOptions {
                max_article_bytes: 20,
                ..ReadOptions::default()
            };
            for record in Inputs::open(&args, options) {
                if let Record::Article(article) = record {
                    proptest::prop_assert!(!article.text.trim().is_empty());
                    proptest::prop_assert!(article.text.len() <= 20);
                }
            }
        }
    }

    #[test]
    fn inputs_can_move_to_a_reader_thread() {
        fn is_send<T: Send>() {}
        is_send::<Inputs>();
        is_send::<Progress>();
    }

    #[test]
    fn kinds_by_extension() {
        let cases = [
            ("a.txt", Some((Format::Txt, false, "a"))),
            ("a.b.JSONL", Some((Format::Jsonl, false, "a.b"))),
            ("a.jsonl.gz", Some((Format::Jsonl, true, "a"))),
            ("a.csv.GZ", Some((Format::Csv, true, "a"))),
            ("é.csv", Some((Format::Csv, false, "é"))),
            (".txt", None),
            ("a.gz", None),
            ("a.txt.bak", None),
            ("ü", None),
        ];
        for (name, want) in cases {
            let got = kind_of(name).map(|(kind, stem)| (kind.format, kind.gz, stem));
            assert_eq!(got, want, "{name}");
        }
    }
}
