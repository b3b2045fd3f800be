//! Doc attributes from page descriptions (untrusted text).

use proc_macro2::TokenStream;
use quote::quote;

/// Longest doc text kept, in characters; longer text is cut at a word and ends with `…`.
pub const MAX_DOC_CHARS: usize = 600;

/// A description as one line of doc text: whitespace (newlines included) collapsed, control
/// characters dropped, cut to [`MAX_DOC_CHARS`]. One line means no indented code block can form,
/// and a leading fence (```` ``` ```` or `~~~`) is escaped, so no description turns into a doc
/// test.
pub fn doc_text(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|&c| !hidden(c)).collect();
        if word.is_empty() {
            continue;
        }
        let len = word.chars().count();
        if chars + len + 1 > MAX_DOC_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(MAX_DOC_CHARS));
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(&word);
        chars += len;
    }
    if out.starts_with("```") || out.starts_with("~~~") {
        // A line that starts with a fence would open a code block: a doctest.
        out.insert(0, '\\');
    }
    out
}

/// Text inside a doc code span (`` `GET /x` ``): [`doc_text`] with backticks made quotes, so the
/// span cannot close early.
pub fn doc_code(text: &str) -> String {
    doc_text(text).replace('`', "'")
}

/// Characters that must not reach a doc comment: control characters (a bare CR is an error in a
/// doc comment) and the invisible format characters that reorder or hide text (bidi overrides,
/// zero-width marks), which rustc rejects in literals.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `#[doc = "…"]` for a description, or nothing when it is empty. The text only ever becomes a
/// string literal.
pub fn doc_attr(text: &str) -> TokenStream {
    let text = doc_text(text);
    if text.is_empty() {
        return TokenStream::new();
    }
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_fence_is_escaped() {
        assert_eq!(doc_text("~~~"), "\\~~~");
        assert_eq!(doc_text("  ```rust x"), "\\```rust x");
        assert_eq!(doc_text("a ~~~"), "a ~~~");
    }

    #[test]
    fn collapses_lines_and_fences() {
        assert_eq!(
            doc_text("a\n\n    indented\n```rust\nfn x(){}\n```"),
            "a indented ```rust fn x(){} ```"
        );
        assert_eq!(doc_text("  "), "");
        assert!(doc_attr("").is_empty());
        assert_eq!(doc_text("a\rb\u{202E}c\u{0B}d"), "a bc d");
        assert_eq!(doc_code("GET /x`y"), "GET /x'y");
    }

    #[test]
    fn cuts_long_text_at_a_word() {
        let long = "word ".repeat(1_000);
        let text = doc_text(&long);
        assert!(text.chars().count() <= MAX_DOC_CHARS + 1);
        assert!(text.ends_with("word…"));
        let one = "x".repeat(10_000);
        assert_eq!(doc_text(&one).chars().count(), MAX_DOC_CHARS + 1);
    }

    #[test]
    fn hostile_text_stays_a_literal() {
        let tokens = doc_attr("\"] pub fn evil() {} #[doc = \"");
        let parsed: syn::Attribute = syn::parse_quote!(#tokens);
        assert!(parsed.path().is_ident("doc"));
    }
}
