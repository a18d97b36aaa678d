//! Byte offsets to lines and columns, fast enough for a large feed with many findings.
//!
//! Parsers give byte offsets; a finding is shown at a 1-based line and column (in characters).
//! The line starts are indexed once per file, so placing each finding is a binary search and a
//! count of the characters on its own line, not a scan from the top of a 100 MB archive.

/// A text with the byte offset of each of its lines.
#[derive(Debug)]
pub(super) struct Lines<'t> {
    text: &'t str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    /// Indexes the lines of `text`.
    pub(super) fn new(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The text.
    pub(super) fn text(&self) -> &'t str {
        self.text
    }

    /// The 1-based line and column of byte `offset` (clamped to the text, and moved back to a
    /// character boundary).
    pub(super) fn at(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns_in_characters() {
        let lines = Lines::new("ab\ncé d\n\nx");
        assert_eq!(lines.at(0), (1, 1));
        assert_eq!(lines.at(2), (1, 3), "the newline ends its line");
        assert_eq!(lines.at(3), (2, 1));
        assert_eq!(lines.at(6), (2, 3), "é is one column");
        assert_eq!(lines.at(5), (2, 2), "inside é: back to its start");
        assert_eq!(lines.at(9), (3, 1));
        assert_eq!(lines.at(10), (4, 1));
        assert_eq!(lines.at(99), (4, 2), "clamped to the end");
    }
}
