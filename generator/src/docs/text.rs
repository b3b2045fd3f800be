//! Text helpers shared by the readers: byte offsets to lines, case-insensitive search without
//! allocation, whitespace collapsing.

/// Line starts of a text, for turning byte offsets into 1-based lines.
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        self.starts.partition_point(|&s| s <= offset) as u32
    }
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
    }
}
