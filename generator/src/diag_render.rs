//! Rendering diagnostics at the command-line edge: one miette report per diagnostic, with the
//! page line it points at, and a summary by code and severity for the end of a run.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// A diagnostic with its page text, as a miette report.
#[derive(Debug)]
struct Report<'a> {
    diag: &'a Diagnostic,
    source: Option<NamedSource<String>>,
    span: Option<SourceSpan>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Note => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let label = format!("{}:{}", self.diag.file, self.diag.line);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label),
            span,
        ))))
    }
}

/// The byte span of 1-based `line` in `text` (without its line break).
fn line_span(text: &str, line: u32) -> Option<SourceSpan> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let len = l.trim_end_matches(['\n', '\r']).len();
            return Some(SourceSpan::new(start.into(), len));
        }
        start += l.len();
    }
    None
}

/// Text safe to print on a terminal: every control character (C0, DEL, C1) becomes a visible
/// escape like `\u{1b}`, so a page cannot retitle the window, clear the screen or colour the
/// output. With `lines`, the text is a page shown by line: `\n`, `\r\n` and tabs (which
/// miette expands) stay. Borrows when there is nothing to escape, the common case.
pub fn escape_controls(text: &str, lines: bool) -> Cow<'_, str> {
    let escaped = |i: usize, c: char| {
        let line_break = c == '\n' || (c == '\r' && text[i + 1..].starts_with('\n'));
        c.is_control() && !(lines && (line_break || c == '\t'))
    };
    let Some((first, _)) = text.char_indices().find(|&(i, c)| escaped(i, c)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for (i, c) in text[first..].char_indices().map(|(i, c)| (first + i, c)) {
        match escaped(i, c) {
            true => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            false => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The diagnostic with its file, message and help made safe to print ([`escape_controls`]);
/// borrowed when none of them needed escaping.
fn printable(diag: &Diagnostic) -> Cow<'_, Diagnostic> {
    let file = escape_controls(&diag.file, false);
    let message = escape_controls(&diag.message, false);
    let help = diag.help.as_deref().map(|h| escape_controls(h, false));
    let escaped = |text: &Cow<str>| matches!(text, Cow::Owned(_));
    if !escaped(&file) && !escaped(&message) && !help.as_ref().is_some_and(escaped) {
        return Cow::Borrowed(diag);
    }
    Cow::Owned(Diagnostic {
        code: diag.code,
        severity: diag.severity,
        file: file.into_owned(),
        line: diag.line,
        message: message.into_owned(),
        help: help.map(Cow::into_owned),
    })
}

/// Renders one diagnostic; with `text` (the page), the pointed-at line is shown. Control
/// characters in the page, file name, message and help are shown escaped ([`escape_controls`]).
pub fn render(diag: &Diagnostic, text: Option<&str>) -> String {
    let diag = printable(diag);
    let diag = diag.as_ref();
    let text = text.map(|t| escape_controls(t, true));
    let text = text.as_deref();
    let span = text.and_then(|t| line_span(t, diag.line));
    let source = span
        .and(text)
        .map(|t| NamedSource::new(&diag.file, t.to_string()));
    let report = Report { diag, source, span };
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!(
            "{}[{}] {}:{}: {}\n",
            severity_name(diag.severity),
            diag.code,
            diag.file,
            diag.line,
            diag.message
        );
    }
    out
}

/// Loads page text for rendering: file names are relative to `base` (see `read::ReadResult`).
pub struct SourceLoader {
    base: Option<PathBuf>,
    cache: BTreeMap<String, Option<String>>,
}

impl SourceLoader {
    pub fn new(base: Option<&Path>) -> Self {
        SourceLoader {
            base: base.map(Path::to_path_buf),
            cache: BTreeMap::new(),
        }
    }

    /// The text of `file`, lossily decoded, if it can be read.
    pub fn text(&mut self, file: &str) -> Option<&str> {
        let base = self.base.as_ref()?;
        let text = self.cache.entry(file.to_string()).or_insert_with(|| {
            crate::read::read_regular_file(&base.join(file))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        text.as_deref()
    }
}

/// Renders up to `limit` diagnostics at `min` severity or above, most severe first, then in
/// file order; says how many more there are.
pub fn render_all(
    diags: &Diagnostics,
    min: Severity,
    limit: usize,
    loader: &mut SourceLoader,
) -> String {
    let mut chosen: Vec<&Diagnostic> = diags.items.iter().filter(|d| d.severity >= min).collect();
    chosen.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.cmp(b)));
    let mut out = String::new();
    for diag in chosen.iter().take(limit) {
        let text = loader.text(&diag.file).map(str::to_string);
        out.push_str(&render(diag, text.as_deref()));
        out.push('\n');
    }
    if chosen.len() > limit {
        out.push_str(&format!(
            "... and {} more (see the summary below)\n",
            chosen.len() - limit
        ));
    }
    out
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The one-line meaning of a known code.
pub fn meaning(code: &str) -> Option<&'static str> {
    let lists = [crate::docs::codes::ALL, crate::resolve::codes::ALL];
    lists
        .iter()
        .flat_map(|l| l.iter())
        .find(|(c, _)| *c == code)
        .map(|(_, m)| *m)
}

/// Counts by (code, severity) and totals by severity, one line each:
///
/// ```text
/// diagnostics: 1 error, 3 warnings, 67 notes
///   RES030  warning     3  example request matches no operation
/// ```
pub fn summary(diags: &Diagnostics) -> String {
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in &diags.items {
        *counts.entry((d.code, d.severity)).or_insert(0) += 1;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = format!(
        "diagnostics: {}, {}, {}\n",
        plural(diags.count(Severity::Error), "error"),
        plural(diags.count(Severity::Warning), "warning"),
        plural(diags.count(Severity::Note), "note"),
    );
    for ((code, severity), n) in counts {
        let meaning = meaning(code).unwrap_or("");
        out.push_str(&format!(
            "  {code}  {:<7} {n:>6}  {meaning}\n",
            severity_name(severity)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(line: u32) -> Diagnostic {
        Diagnostic::new(
            "RES030",
            Severity::Warning,
            "api/x.md",
            line,
            "example matches nothing",
        )
        .with_help("fix the URL")
    }

    #[test]
    fn shows_the_source_line_code_and_help() {
        let text = "# Title\n\nGET /nowhere\nmore\n";
        let out = render(&diag(3), Some(text));
        assert!(out.contains("RES030"), "{out}");
        assert!(out.contains("GET /nowhere"), "{out}");
        assert!(out.contains("fix the URL"), "{out}");
    }

    #[test]
    fn whole_file_findings_and_missing_text_still_render() {
        assert!(render(&diag(0), Some("x")).contains("example matches nothing"));
        assert!(render(&diag(9), None).contains("RES030"));
        assert_eq!(line_span("a\nbc\n", 2), Some(SourceSpan::new(2.into(), 2)));
        assert_eq!(line_span("a\n", 5), None);
    }

    #[test]
    fn control_characters_are_escaped_and_line_breaks_kept_in_pages() {
        assert!(matches!(
            escape_controls("plain\ttext", true),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_controls("a\u{1b}[2Jb\u{7}", false),
            "a\\u{1b}[2Jb\\u{7}"
        );
        assert_eq!(escape_controls("x\u{7f}\u{9b}y", false), "x\\u{7f}\\u{9b}y");
        assert_eq!(
            escape_controls("a\r\nb\rc\td\n", true),
            "a\r\nb\\u{d}c\td\n"
        );
        assert_eq!(escape_controls("a\r\nb\tc", false), "a\\u{d}\\u{a}b\\u{9}c");
    }

    #[test]
    fn no_control_character_of_a_page_reaches_the_terminal() {
        let evil = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}[31mEvil\u{1b}[0m\u{9b}";
        let diag = Diagnostic::new(
            "DOC013",
            Severity::Warning,
            format!("api/{evil}.md"),
            2,
            format!("type `{evil}` of `name` could not be read"),
        )
        .with_help(format!("fix `{evil}`"));
        let text = format!("# Title\n|name|{evil}|x|\r\nnext\n");
        let out = render(&diag, Some(&text));
        let controls: Vec<char> = out
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(controls.is_empty(), "{controls:?} in {out}");
        assert!(
            out.contains("|name|\\u{1b}]0;PWNED\\u{7}"),
            "source line: {out}"
        );
        // The file (in the frame and its label), message, help and source line.
        assert_eq!(out.matches("\\u{1b}[2J").count(), 5, "{out}");
    }

    #[test]
    fn summary_counts_by_code_and_severity() {
        let mut diags = Diagnostics::default();
        diags.push(diag(1));
        diags.push(diag(2));
        diags.push(Diagnostic::new(
            "RES004",
            Severity::Note,
            "x.md",
            0,
            "skipped",
        ));
        let out = summary(&diags);
        assert!(
            out.starts_with("diagnostics: 0 errors, 2 warnings, 1 note\n"),
            "{out}"
        );
        assert!(
            out.contains("RES030  warning      2  example request matches no operation"),
            "{out}"
        );
    }
}
