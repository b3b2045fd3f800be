//! Text helpers shared by the readers: byte offsets to lines, case-insensitive search without
//! allocation, whitespace collapsing.

use std::borrow::Cow;
use std::sync::OnceLock;

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

/// The number of `\n` bytes. Counted in `u8` lanes over chunks of 255 bytes, which the compiler
/// turns into a few vector instructions per 16 bytes (a `usize` count widens every byte).
fn newlines(bytes: &[u8]) -> u32 {
    bytes
        .chunks(255)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n'))) as u32
        })
        .sum()
}

/// Finds an ASCII `needle` (written in lower case) in `haystack` without allocating. Only the
/// first letter's case is ignored (`Required` and `required` both match `required`), which is
/// how prose varies; the rest is found with the fast substring search.
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (&first, rest) = needle.as_bytes().split_first()?;
    let bytes = ci_haystack(haystack, first)?;
    // The haystacks are short prose, so trying each occurrence of the first letter (found with
    // `memchr2`) is cheaper than building a substring searcher for every call.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes)
        .find(|&at| bytes[at + 1..].starts_with(rest))
}

/// The haystack's bytes, or `None` when [`find_ci`] finds nothing in it whatever the rest of
/// the needle: an upper-case `first` (no byte lower-cases to it), or a haystack whose first
/// character is wider than a byte (kept from the substring search `find_ci` replaced, which
/// started at byte 1).
fn ci_haystack(haystack: &str, first: u8) -> Option<&[u8]> {
    let upper = first.to_ascii_uppercase();
    if upper != first && first.is_ascii_uppercase() || !haystack.is_char_boundary(1) {
        return None;
    }
    Some(haystack.as_bytes())
}

/// A lower-case ASCII needle searched like [`find_ci`], for the phrases looked for in every
/// table row: the substring searcher for all but the first letter is built once (frequent
/// first letters such as `r` or `o` make trying each of their occurrences slow).
pub struct CiNeedle {
    needle: &'static str,
    rest: OnceLock<memchr::memmem::Finder<'static>>,
}

impl CiNeedle {
    pub const fn new(needle: &'static str) -> Self {
        CiNeedle {
            needle,
            rest: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &'static str {
        self.needle
    }

    /// Same as `find_ci(haystack, self.as_str())`.
    pub fn find(&self, haystack: &str) -> Option<usize> {
        let (&first, rest) = self.needle.as_bytes().split_first()?;
        let bytes = ci_haystack(haystack, first)?;
        let upper = first.to_ascii_uppercase();
        let finder = self.rest.get_or_init(|| memchr::memmem::Finder::new(rest));
        // `rest` found at `i` of the haystack after its first byte is the needle at `i`.
        finder
            .find_iter(&bytes[1..])
            .find(|&at| bytes[at] == first || bytes[at] == upper)
    }
}

/// Same as `haystack.to_ascii_lowercase().contains(needle)` for a lower-case ASCII `needle`,
/// without the copy.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let Some((&first, rest)) = needle.as_bytes().split_first() else {
        return true;
    };
    let bytes = haystack.as_bytes();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).any(|at| {
        bytes[at + 1..]
            .get(..rest.len())
            .is_some_and(|after| after.eq_ignore_ascii_case(rest))
    })
}

/// A phrase looked for in many texts, with its substring searcher built once (a `str` pattern
/// sets up its searcher on every call).
pub struct Phrase {
    needle: &'static str,
    finder: OnceLock<memchr::memmem::Finder<'static>>,
}

impl Phrase {
    pub const fn new(needle: &'static str) -> Self {
        Phrase {
            needle,
            finder: OnceLock::new(),
        }
    }

    fn finder(&self) -> &memchr::memmem::Finder<'static> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.needle))
    }

    /// Same as `haystack.contains(self.needle)`.
    pub fn is_in(&self, haystack: &str) -> bool {
        self.finder().find(haystack.as_bytes()).is_some()
    }

    /// Same as `haystack.split(self.needle)`.
    pub fn split<'t>(&self, haystack: &'t str) -> impl Iterator<Item = &'t str> + use<'t, '_> {
        let ends = self.finder().find_iter(haystack.as_bytes());
        let starts = std::iter::once(0).chain(
            self.finder()
                .find_iter(haystack.as_bytes())
                .map(|at| at + self.needle.len()),
        );
        let ends = ends.chain(std::iter::once(haystack.len()));
        starts.zip(ends).map(|(start, end)| &haystack[start..end])
    }
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

/// Like [`collapse`], but keeps the text when it is already collapsed (the common case).
pub fn collapse_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    if is_collapsed(&text) {
        text
    } else {
        Cow::Owned(collapse(&text))
    }
}

/// Whether `text` is non-empty, neither starts nor ends with ASCII whitespace, holds no ASCII
/// whitespace but single spaces, and no U+00A0 (the no-break space `&nbsp;` becomes, which
/// [`collapse`] turns into a space). Other non-ASCII whitespace (U+202F) is kept, as it always
/// was: the model's descriptions keep it.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if first.is_ascii_whitespace() || last.is_ascii_whitespace() {
        return false;
    }
    // The first byte is no whitespace, so each byte is checked as the second of a pair: 16
    // pairs at a time (vector compares), the last ones in a zero-padded copy.
    let mut bad = false;
    let mut rest = bytes;
    while let Some(window) = rest.first_chunk::<17>() {
        bad |= window_bad(window);
        rest = &rest[16..];
    }
    let mut tail = [0u8; 17];
    tail[..rest.len()].copy_from_slice(rest);
    !bad && !window_bad(&tail)
}

/// Whether a pair of neighbouring bytes among the 17 keeps a text from being collapsed: ASCII
/// whitespace other than a space, a second space, or the second byte of U+00A0. Zero bytes
/// (padding) never count. Without early exits, with all-ones lanes reduced as one 128-bit
/// word, so that it compiles to a few vector instructions (a `u8::from(bool)` lane does not).
#[inline]
fn window_bad(w: &[u8; 17]) -> bool {
    let (firsts, seconds) = (w.first_chunk::<16>(), w.last_chunk::<16>());
    let (Some(firsts), Some(seconds)) = (firsts, seconds) else {
        return false;
    };
    let mut lanes = [0u8; 16];
    for ((lane, &a), &b) in lanes.iter_mut().zip(firsts).zip(seconds) {
        let other_space = (b == b'\t') | (b == b'\n') | (b == 0x0C) | (b == b'\r');
        let double_space = (a == b' ') & (b == b' ');
        let no_break = (a == 0xC2) & (b == 0xA0);
        *lane = if other_space | double_space | no_break {
            0xFF
        } else {
            0
        };
    }
    u128::from_ne_bytes(lanes) != 0
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
        assert_eq!(collapse_cow("a b".into()).as_ref(), "a b");
        assert_eq!(collapse_cow(" a  b\n".into()).as_ref(), "a b");
        assert_eq!(collapse_cow("a\u{a0}b".into()).as_ref(), "a b");
        assert_eq!(collapse_cow(String::new().into()), "");
        assert_eq!(collapse_cow("a\tb".into()).as_ref(), "a b");
        assert_eq!(collapse_cow("a ".into()).as_ref(), "a");
        assert_eq!(find_ci("REQUIRED", "required"), None);
        assert_eq!(find_ci("xRrequired", "required"), Some(2));
        assert_eq!(find_ci("possible Values", "possible values"), None);
        assert_eq!(collapse_cow("a\u{202f}".into()).as_ref(), "a\u{202f}");
        assert_eq!(
            collapse_cow("0123456789abcdef  x".into()).as_ref(),
            "0123456789abcdef x"
        );
        assert_eq!(
            collapse_cow("0123456789abcdef\u{a0}".into()).as_ref(),
            "0123456789abcdef"
        );
    }

    #[test]
    fn contains_ignoring_ascii_case() {
        for (haystack, needle) in [
            ("In The Request Body", "in the request body"),
            ("in the request bod", "in the request body"),
            ("xPERSONAL)", "personal"),
            ("", ""),
            ("É personal", "personal"),
        ] {
            assert_eq!(
                contains_ignore_ascii_case(haystack, needle),
                haystack.to_ascii_lowercase().contains(needle),
                "{haystack}"
            );
        }
    }

    #[test]
    fn ci_needles_find_what_find_ci_finds() {
        static REQUIRED: CiNeedle = CiNeedle::new("required");
        for haystack in [
            "",
            "é required",
            "Not required",
            "rrequired",
            "xRequired",
            "requ",
            "re Required",
            "required",
        ] {
            assert_eq!(
                REQUIRED.find(haystack),
                find_ci(haystack, "required"),
                "{haystack}"
            );
        }
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
