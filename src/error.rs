//! Errors as values that say where the problem is.
//!
//! Two families: a [`ConfigError`] stops a run before it starts (a pipeline file or word list
//! that does not validate), an [`InputError`] belongs to one input or one article and never
//! stops the batch: it becomes an `error` row in `articles.csv` and one line on stderr.

use std::fmt;

/// A pipeline file or word list that cannot be used. Names the file and the place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file the problem is in (as the user named it, or `<embedded>/…`).
    pub path: String,
    /// Where in the file: `line 12`, `stages[2] (attribution)`; empty when it is the file.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// An error in `path` at `place`.
    pub fn new(
        path: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            path: path.into(),
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}: {}: {}", self.path, self.place, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// An input, or one record of it, that could not be turned into an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file (or `-` for stdin) and the line or record: `news.jsonl:17`.
    pub source: String,
    /// Byte offset in the file where the problem was found, when known.
    pub byte: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl InputError {
    /// An error at `source`, optionally at a byte offset.
    pub fn new(source: impl Into<String>, byte: Option<u64>, message: impl Into<String>) -> Self {
        InputError {
            source: source.into(),
            byte,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.byte {
            Some(byte) => write!(f, "{} (byte {}): {}", self.source, byte, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for InputError {}
