//! Text helpers shared by the readers: byte offsets to lines, case-insensitive search without
//! allocation, whitespace collapsing.

/// Turns byte offsets of a text into 1-based lines. Offsets are asked for roughly in text
/// order, so the newlines are counted from the previously asked offset (forward or back), which
/// is cheaper than indexing every line start up front.
pub struct LineIndex<'t> {
    bytes: &'t [u8],
    /// The last offset asked for and its line.
    cursor: std::cell::Cell<(usize, u32)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        LineIndex {
            bytes: text.as_bytes(),
            cursor: std::cell::Cell::new((0, 1)),
        }
    }

    /// The 1-based line of a byte offset (offsets past the end give the last line).
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        let (at, line) = self.cursor.get();
        let line = if offset >= at {
            line + newlines(&self.bytes[at..offset])
        } else {
            line - newlines(&self.bytes[offset..at])
        };
        self.cursor.set((offset, line));
        line
    }
}

/// The number of `\n` bytes (a plain count the compiler vectorises).
fn newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

/// Finds an ASCII `needle` (written in lower case) in `haystack` without allocating. Only the
/// first letter's case is ignored (`Required` and `required` both match `required`), which is
/// how prose varies; the rest is found with the fast substring search.
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let first = *needle.as_bytes().first()?;
    let rest = &needle[1..];
    let mut from = 1;
    let finder = memchr::memmem::Finder::new(rest.as_bytes());
    while let Some(found) = haystack.get(from..).and_then(|h| finder.find(h.as_bytes())) {
        let at = from + found - 1;
        if haystack.as_bytes()[at].to_ascii_lowercase() == first {
            return Some(at);
        }
        from += found + 1;
    }
    None
}

/// Whether `haystack` contains the lower-case ASCII `needle`, ignoring ASCII case.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    find_ci(haystack, needle).is_some()
}

/// Collapses runs of whitespace into single spaces and trims.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Like [`collapse`], but keeps the string when it is already collapsed (the common case).
pub fn collapse_owned(text: String) -> String {
    let mut previous_space = true;
    let mut previous = 0u8;
    let mut clean = true;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        // `C2 A0` is U+00A0, the no-break space that `&nbsp;` becomes: take the slow path.
        if (space && (previous_space || b != b' ')) || (b == 0xA0 && previous == 0xC2) {
            clean = false;
            break;
        }
        previous_space = space;
        previous = b;
    }
    if clean && !previous_space {
        text
    } else {
        collapse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_helpers() {
        assert_eq!(find_ci("It is Required.", "required"), Some(6));
        assert_eq!(find_ci("required", "required"), Some(0));
        assert_eq!(find_ci("xequired", "required"), None);
        assert_eq!(find_ci("", "required"), None);
        assert_eq!(collapse_owned("a b".into()), "a b");
        assert_eq!(collapse_owned(" a  b\n".into()), "a b");
        assert_eq!(collapse_owned("a\u{a0}b".into()), "a b");
        assert_eq!(collapse_owned(String::new()), "");
    }

    #[test]
    fn line_index_counts_from_one() {
        let index = LineIndex::new("a\nb\r\nc");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(5), 3);
        assert_eq!(index.line(1), 1);
        assert_eq!(index.line(99), 3);
        assert_eq!(index.line(4), 2);
    }

    #[test]
    fn line_index_agrees_with_counting_in_any_order() {
        let text = "x\n\nyy\nzzz\n\n\nw";
        let index = LineIndex::new(text);
        for offset in [7, 3, 12, 0, 15, 14, 1, 2, 40, 5] {
            let expected = 1 + text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            assert_eq!(index.line(offset), expected, "offset {offset}");
        }
    }
}
