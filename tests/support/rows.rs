//! Renders a processed doc's `claims.csv` and `sentences.csv` rows with the output module's
//! [`RowRenderer`], reads them back as CSV, and checks that every offset written slices the
//! article text to exactly the text written beside it: the content, speaker and cue of each
//! claim (code points and UTF-8 bytes) and each sentence. Cells are rendered with the formula
//! guard on, so the check also sees that exactly the cells starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return got a leading `'`.
//!
//! Shared by `tests/pipeline_props.rs` and the fuzz target in `fuzz/` (included with
//! `#[path]`, so it is not a public API of the crate).

use claimsift::output::{RowRenderer, Table};
use claimsift::{CharIndex, Doc};

/// What the guard should make of a cell holding `text`; written here on its own rather than
/// calling the output module, so a change there cannot hide from this check.
fn guarded(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Reads headerless CSV rows rendered for `table`.
fn read_rows(bytes: &[u8], table: Table) -> Result<Vec<csv::StringRecord>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}.csv does not read back: {e}", table.name()))?;
        if record.len() != table.header().len() {
            return Err(format!(
                "{}.csv row has {} cells, the header {}",
                table.name(),
                record.len(),
                table.header().len()
            ));
        }
        rows.push(record);
    }
    Ok(rows)
}

/// The cell of `row` under `column` in `table`.
fn cell<'r>(row: &'r csv::StringRecord, table: Table, column: &str) -> &'r str {
    let k = table
        .header()
        .iter()
        .position(|&name| name == column)
        .unwrap_or_else(|| panic!("{} has no column {column}", table.name()));
    &row[k]
}

/// Byte offset of every code point of `text`, and of its end.
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(byte, _)| byte)
        .chain([text.len()])
        .collect()
}

/// The text at code points `start..end` (as written in the row), checking the byte offsets
/// written beside them when given.
fn slice<'t>(
    text: &'t str,
    starts: &[usize],
    (start, end): (&str, &str),
    bytes: Option<(&str, &str)>,
) -> Result<&'t str, String> {
    let number = |cell: &str| -> Result<usize, String> {
        cell.parse()
            .map_err(|_| format!("offset `{cell}` is not a number"))
    };
    let (start, end) = (number(start)?, number(end)?);
    if start > end || end >= starts.len() {
        return Err(format!(
            "chars {start}..{end} lie outside a text of {} chars",
            starts.len() - 1
        ));
    }
    let (byte_start, byte_end) = (starts[start], starts[end]);
    if let Some((bs, be)) = bytes {
        if (number(bs)?, number(be)?) != (byte_start, byte_end) {
            return Err(format!(
                "bytes {bs}..{be} are not chars {start}..{end} (bytes {byte_start}..{byte_end})"
            ));
        }
    }
    Ok(&text[byte_start..byte_end])
}

/// Checks an optional span (speaker or cue): the cell is empty when the offsets are, else
/// the guarded text at the offsets.
fn check_optional(
    text: &str,
    starts: &[usize],
    row: &csv::StringRecord,
    what: &str,
) -> Result<(), String> {
    let table = Table::Claims;
    let written = cell(row, table, what);
    let start = cell(row, table, &format!("{what}_char_start"));
    let end = cell(row, table, &format!("{what}_char_end"));
    if start.is_empty() && end.is_empty() {
        return match written {
            "" => Ok(()),
            _ => Err(format!("{what} `{written}` has no offsets")),
        };
    }
    let at = slice(text, starts, (start, end), None)?;
    if written != guarded(at) {
        return Err(format!(
            "{what} cell {written:?} but chars {start}..{end} hold {at:?}"
        ));
    }
    Ok(())
}

/// Renders `doc`'s claim and sentence rows and checks every offset in them; the error names
/// the row and what differs.
pub fn check_doc(doc: &Doc) -> Result<(), String> {
    let text = doc.text();
    let index = CharIndex::new(text);
    let starts = char_starts(text);
    let mut renderer = RowRenderer::new(false);

    let mut out = Vec::new();
    renderer
        .claims(doc, &index, &mut out)
        .map_err(|e| format!("claims do not render: {e}"))?;
    let rows = read_rows(&out, Table::Claims)?;
    if rows.len() != doc.claims.len() {
        return Err(format!(
            "{} claim rows for {} claims",
            rows.len(),
            doc.claims.len()
        ));
    }
    for (k, (row, claim)) in rows.iter().zip(&doc.claims).enumerate() {
        let c = |column| cell(row, Table::Claims, column);
        let hull = slice(
            text,
            &starts,
            (c("char_start"), c("char_end")),
            Some((c("byte_start"), c("byte_end"))),
        )
        .map_err(|e| format!("claim {k}: content: {e}"))?;
        let pieces = &claim.attribution.content;
        let (first, last) = match (pieces.first(), pieces.last()) {
            (Some(first), Some(last)) => (first, last),
            _ => return Err(format!("claim {k} has no content")),
        };
        let byte_start: usize = c("byte_start").parse().unwrap_or(usize::MAX);
        if first.start != byte_start || last.end != byte_start + hull.len() {
            return Err(format!(
                "claim {k}: the pieces do not run from the written start to the written end"
            ));
        }
        let mut joined = String::new();
        let mut previous_end = first.start;
        for (n, piece) in pieces.iter().enumerate() {
            let body = text
                .get(piece.start..piece.end)
                .ok_or_else(|| format!("claim {k}: piece {n} is not on char boundaries"))?;
            if piece.start < previous_end {
                return Err(format!(
                    "claim {k}: piece {n} starts before the one before ends"
                ));
            }
            previous_end = piece.end;
            if n > 0 {
                joined.push(' ');
            }
            joined.push_str(body);
        }
        if pieces.len() == 1 && joined != hull {
            return Err(format!("claim {k}: the piece is not the written span"));
        }
        if c("text") != guarded(&joined) {
            return Err(format!(
                "claim {k}: text cell {:?}, the text at its offsets {joined:?}",
                c("text")
            ));
        }
        check_optional(text, &starts, row, "speaker").map_err(|e| format!("claim {k}: {e}"))?;
        check_optional(text, &starts, row, "cue").map_err(|e| format!("claim {k}: {e}"))?;
    }

    let mut out = Vec::new();
    renderer
        .sentences(doc, &index, &mut out)
        .map_err(|e| format!("sentences do not render: {e}"))?;
    let rows = read_rows(&out, Table::Sentences)?;
    if rows.len() != doc.sentences.len() {
        return Err(format!(
            "{} sentence rows for {} sentences",
            rows.len(),
            doc.sentences.len()
        ));
    }
    for (k, row) in rows.iter().enumerate() {
        let c = |column| cell(row, Table::Sentences, column);
        let at = slice(
            text,
            &starts,
            (c("char_start"), c("char_end")),
            Some((c("byte_start"), c("byte_end"))),
        )
        .map_err(|e| format!("sentence {k}: {e}"))?;
        if c("text") != guarded(at) {
            return Err(format!(
                "sentence {k}: text cell {:?}, the text at its offsets {at:?}",
                c("text")
            ));
        }
    }
    Ok(())
}
