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
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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
    progress: Progress,
}

impl Inputs {
    /// The records of `args`; nothing is read until the first call to `next`.
    pub fn open(args: &[String], options: ReadOptions) -> Inputs {
        Inputs {
            args: args.iter().cloned().collect(),
            options,
            walk: None,
            progress: Progress::default(),
        }
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
            Format::Jsonl | Format::Csv => Some(Record::failed(
                &file.shown,
                &file.shown,
                None,
                "not read yet",
            )),
        }
    }
}

impl Iterator for Inputs {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
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
        let mut file_type = entry.file_type()?;
        if file_type.is_symlink() {
            match fs::metadata(dir.join(&name)) {
                // Not followed: a link to an ancestor would make the walk endless.
                Ok(meta) if meta.is_dir() => return Ok(None),
                Ok(meta) => file_type = meta.file_type(),
                // A broken link with an input's name: opening it will say what is wrong.
                Err(_) => {
                    let kind = kind_of(&name.to_string_lossy()).map(|(kind, _)| kind);
                    return Ok(kind.map(|kind| Entry {
                        name,
                        kind: Some(kind),
                    }));
                }
            }
        }
        if file_type.is_dir() {
            return Ok(Some(Entry { name, kind: None }));
        }
        // Sockets, pipes and devices are not articles, whatever their name.
        if !file_type.is_file() {
            return Ok(None);
        }
        let kind = kind_of(&name.to_string_lossy()).map(|(kind, _)| kind);
        Ok(kind.map(|kind| Entry {
            name,
            kind: Some(kind),
        }))
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
        Err(e) => return fail(None, format!("cannot open: {e}")),
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
    }

    fn raw(bytes: impl AsRef<[u8]>) -> Content {
        Content::Raw(bytes.as_ref().to_vec())
    }

    struct Case {
        name: &'static str,
        files: Vec<(&'static str, Content)>,
        args: Vec<&'static str>,
        max_article_bytes: usize,
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
            };
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    /// Runs `case` and checks every record it yields.
    fn check(case: &Case) {
        let dir = write_files(&case.files);
        let root = dir.path().display().to_string();
        let fill = |s: &str| s.replace("{d}", &root);
        let args: Vec<String> = case.args.iter().map(|arg| fill(arg)).collect();
        let options = ReadOptions {
            max_article_bytes: case.max_article_bytes,
            ..ReadOptions::default()
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
