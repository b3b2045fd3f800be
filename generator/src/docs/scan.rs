//! The single markdown pass: pulldown-cmark events (with source offsets) folded into a flat list
//! of [`Block`]s that the page readers walk. Every block knows its 1-based line.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

use super::text::{collapse, collapse_cow, LineIndex};

/// A code block being read: info string, its source range and its text so far.
struct OpenCode {
    info: String,
    range: Range<usize>,
    /// The text so far as one contiguous slice of the source...
    span: Option<Range<usize>>,
    /// ...or, once it is not contiguous, as an owned string.
    owned: Option<String>,
}

/// A link inside a text block: its text, destination and where its text starts in the block text.
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    /// Borrowed from the page when the block's text is.
    pub text: Cow<'a, str>,
    /// Borrowed from the page unless pulldown-cmark had to unescape it.
    pub dest: Cow<'a, str>,
    pub start: usize,
}

/// One table cell: the markdown as written and its plain text (borrowed from the page when the
/// cell is one plain run of text, the usual case).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    pub raw: &'a str,
    pub text: Cow<'a, str>,
}

/// One table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub line: u32,
    pub cells: Vec<Cell<'a>>,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind<'a> {
    /// A heading. `tab` marks tab markers like `# [HTTP](#tab/http)`; `include` marks
    /// `[!INCLUDE]` lines that became setext headings. Neither starts a section.
    Heading {
        level: u8,
        text: Cow<'a, str>,
        tab: bool,
        include: bool,
    },
    /// A paragraph or the text of a list item. `quoted` when inside a block quote.
    Paragraph {
        text: Cow<'a, str>,
        raw: &'a str,
        links: Vec<Link<'a>>,
        quoted: bool,
        include: bool,
    },
    /// A table; the first row is the header row.
    Table { rows: Vec<Row<'a>> },
    /// A code block: info string, contents and the line of its first content line.
    Code {
        info: String,
        /// Borrowed from the page when its lines are contiguous in the source (the usual case).
        body: Cow<'a, str>,
        body_line: u32,
        closed: bool,
    },
    /// The inside of an HTML comment `<!-- ... -->`.
    Comment { body: &'a str, closed: bool },
}

/// A block and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    pub line: u32,
    pub kind: BlockKind<'a>,
}

/// A text container being filled: heading, paragraph, list item or table cell.
struct Open<'a> {
    /// Borrowed while the text is a single piece of the page; owned once a second piece comes.
    text: Cow<'a, str>,
    links: Vec<Link<'a>>,
    start: usize,
    end: usize,
    item: bool,
}

impl<'a> Open<'a> {
    fn new(start: usize, end: usize) -> Self {
        Open {
            text: Cow::Borrowed(""),
            links: Vec::new(),
            start,
            end,
            item: false,
        }
    }

    /// Appends a piece of the page's text, borrowing it when it is the first piece.
    fn push_borrowed(&mut self, piece: &'a str) {
        match &mut self.text {
            Cow::Borrowed("") => self.text = Cow::Borrowed(piece),
            _ => self.push_copied(piece),
        }
    }

    /// Appends text that does not live in the page (or may not be borrowed).
    fn push_copied(&mut self, piece: &str) {
        if let Cow::Borrowed(first) = self.text {
            // One allocation of about the right size instead of a few growing ones.
            let capacity = self.end.saturating_sub(self.start).min(4096);
            let mut text = String::with_capacity(capacity.max(first.len() + piece.len()));
            text.push_str(first);
            self.text = Cow::Owned(text);
        }
        self.text.to_mut().push_str(piece);
    }
}

/// Scanner state for one pass.
struct Scanner<'a> {
    src: &'a str,
    base: usize,
    lines: &'a LineIndex<'a>,
    blocks: Vec<Block<'a>>,
    stack: Vec<Open<'a>>,
    quote_depth: usize,
    heading: Option<u8>,
    code: Option<OpenCode>,
    rows: Vec<Row<'a>>,
    row: Option<Row<'a>>,
    comment_end: usize,
    link: Vec<(Cow<'a, str>, usize)>,
}

/// Parses `src` (the page after its front matter, which starts at byte `base` of the text that
/// `lines` indexes) into blocks.
pub fn scan<'a>(src: &'a str, base: usize, lines: &'a LineIndex<'a>) -> Vec<Block<'a>> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    let mut scanner = Scanner {
        src,
        base,
        lines,
        blocks: Vec::with_capacity(src.len() / 80 + 4),
        stack: Vec::new(),
        quote_depth: 0,
        heading: None,
        code: None,
        rows: Vec::new(),
        row: None,
        comment_end: 0,
        link: Vec::new(),
    };
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        scanner.event(event, range);
    }
    scanner.blocks
}

impl<'a> Scanner<'a> {
    fn line(&self, offset: usize) -> u32 {
        self.lines.line(self.base + offset)
    }

    fn slice(&self, range: &std::ops::Range<usize>) -> &'a str {
        self.src.get(range.clone()).unwrap_or("")
    }

    fn push_text(&mut self, text: &str) {
        if let Some(code) = self.code.as_mut() {
            code.owned
                .get_or_insert_with(|| match code.span.take() {
                    Some(span) => self.src.get(span).unwrap_or("").to_string(),
                    None => String::new(),
                })
                .push_str(text);
        } else if let Some(open) = self.stack.last_mut() {
            open.push_copied(text);
        }
    }

    /// Like [`Self::push_text`], for text that lives as long as the page (borrowed when it can be).
    fn push_page_text(&mut self, text: CowStr<'a>) {
        match (text, self.code.is_none(), self.stack.last_mut()) {
            (CowStr::Borrowed(piece), true, Some(open)) => open.push_borrowed(piece),
            (text, _, _) => self.push_text(&text),
        }
    }

    /// Code text: extends the borrowed span while the text is the source itself and contiguous.
    fn push_code_text(&mut self, text: &CowStr<'a>, range: Range<usize>) {
        let src = self.src;
        let Some(code) = self.code.as_mut() else {
            return;
        };
        let borrowed = matches!(text, CowStr::Borrowed(_))
            && src
                .get(range.clone())
                .is_some_and(|s| s.as_ptr() == text.as_ptr() && s.len() == text.len());
        if code.owned.is_none() && borrowed {
            match code.span.as_mut() {
                None => {
                    code.span = Some(range);
                    return;
                }
                Some(span) if span.end == range.start => {
                    span.end = range.end;
                    return;
                }
                Some(_) => {}
            }
        }
        self.push_text(text);
    }

    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code.is_some() => self.push_code_text(&text, range),
            Event::Text(text) | Event::Code(text) => self.push_page_text(text),
            Event::SoftBreak | Event::HardBreak => self.push_page_text(CowStr::Borrowed("\n")),
            Event::Html(_) => {}
            Event::InlineHtml(html) => {
                if html.starts_with("<!--") && range.start >= self.comment_end {
                    self.comments(range.start, self.src.len(), true);
                } else if html.eq_ignore_ascii_case("<br>")
                    || html.eq_ignore_ascii_case("<br/>")
                    || html.eq_ignore_ascii_case("<br />")
                {
                    self.push_page_text(CowStr::Borrowed(" "));
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: std::ops::Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.flush_item();
                self.stack.push(Open::new(range.start, range.end));
            }
            Tag::Item => {
                self.flush_item();
                let mut open = Open::new(range.start, range.end);
                open.item = true;
                self.stack.push(open);
            }
            Tag::List(_) => self.flush_item(),
            Tag::Heading { level, .. } => {
                self.heading = Some(level as u8);
                self.stack.push(Open::new(range.start, range.end));
            }
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(OpenCode {
                    info,
                    range,
                    span: None,
                    owned: None,
                });
            }
            Tag::HtmlBlock if range.start >= self.comment_end => {
                self.comments(range.start, range.end, false);
            }
            Tag::Table(_) => self.rows.clear(),
            Tag::TableHead | Tag::TableRow => {
                self.row = Some(Row {
                    line: self.line(range.start),
                    cells: Vec::with_capacity(self.rows.first().map_or(4, |r| r.cells.len())),
                })
            }
            Tag::TableCell => self.stack.push(Open::new(range.start, range.end)),
            Tag::Link { dest_url, .. } => {
                let at = self.stack.last().map(|o| o.text.len()).unwrap_or(0);
                let dest = match dest_url {
                    CowStr::Borrowed(dest) => Cow::Borrowed(dest),
                    dest => Cow::Owned(dest.into_string()),
                };
                self.link.push((dest, at));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.emit_paragraph(),
            TagEnd::Item => {
                self.flush_item();
                self.stack.pop();
            }
            TagEnd::Heading(_) => self.emit_heading(),
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::CodeBlock => self.emit_code(),
            TagEnd::TableCell => {
                if let Some(open) = self.stack.pop() {
                    let raw = trim_pipes(self.slice(&(open.start..open.end)).trim());
                    let cell = Cell {
                        raw: raw.trim(),
                        text: collapse_cow(open.text),
                    };
                    if let Some(row) = self.row.as_mut() {
                        row.cells.push(cell);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(row) = self.row.take() {
                    self.rows.push(row);
                }
            }
            TagEnd::Table => {
                let rows = std::mem::take(&mut self.rows);
                let line = rows.first().map(|r| r.line).unwrap_or(0);
                self.blocks.push(Block {
                    line,
                    kind: BlockKind::Table { rows },
                });
            }
            TagEnd::Link => {
                // Cells keep no links (a cell's links are read from its markdown).
                let in_cell = self.row.is_some();
                if let Some((dest, at)) = self.link.pop().filter(|_| !in_cell) {
                    if let Some(open) = self.stack.last_mut() {
                        let text = match &open.text {
                            Cow::Borrowed(text) => {
                                Cow::Borrowed(text.get(at..).unwrap_or("").trim())
                            }
                            Cow::Owned(text) => {
                                Cow::Owned(text.get(at..).unwrap_or("").trim().to_string())
                            }
                        };
                        open.links.push(Link {
                            text,
                            dest,
                            start: at,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// Emits the text gathered so far in an open list item (before a nested block or its end),
    /// leaving the item open and empty.
    fn flush_item(&mut self) {
        let span = match self.stack.last() {
            Some(top) if top.item && !top.text.trim().is_empty() => (top.start, top.end),
            _ => return,
        };
        self.emit_paragraph();
        let mut open = Open::new(span.0, span.1);
        open.item = true;
        self.stack.push(open);
    }

    fn emit_paragraph(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if open.text.trim().is_empty() {
            return;
        }
        let raw = self.slice(&(open.start..open.end)).trim();
        if let Some(rows) = pipe_table(raw, self.line(open.start)) {
            self.blocks.push(Block {
                line: self.line(open.start),
                kind: BlockKind::Table { rows },
            });
            return;
        }
        let include = raw.starts_with("[!INCLUDE") || raw.starts_with("[!include");
        self.blocks.push(Block {
            line: self.line(open.start),
            kind: BlockKind::Paragraph {
                text: open.text,
                raw,
                links: open.links,
                quoted: self.quote_depth > 0,
                include,
            },
        });
    }

    fn emit_heading(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        let level = self.heading.take().unwrap_or(1);
        let raw = self.slice(&(open.start..open.end));
        let tab = open.links.iter().any(|l| l.dest.starts_with("#tab/"));
        let include = raw.trim_start().starts_with("[!INCLUDE") || raw.contains("[!include");
        self.blocks.push(Block {
            line: self.line(open.start),
            kind: BlockKind::Heading {
                level,
                text: collapse_cow(open.text),
                tab,
                include,
            },
        });
    }

    fn emit_code(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        let (info, start, end) = (code.info, code.range.start, code.range.end);
        let body = match (code.owned, code.span) {
            (Some(owned), _) => Cow::Owned(owned),
            (None, Some(span)) => Cow::Borrowed(self.slice(&span)),
            (None, None) => Cow::Borrowed(""),
        };
        let raw = self.slice(&(start..end));
        let fenced = raw.trim_start().starts_with("```") || raw.trim_start().starts_with("~~~");
        let closed = !fenced || fence_closed(raw);
        let first_line = self.line(start);
        let body_line = if fenced { first_line + 1 } else { first_line };
        self.blocks.push(Block {
            line: first_line,
            kind: BlockKind::Code {
                info,
                body,
                body_line,
                closed,
            },
        });
    }

    /// Finds every `<!-- ... -->` starting in `src[start..end]` (for inline HTML the comment may
    /// run past the event, so `end` is the end of the text).
    fn comments(&mut self, start: usize, end: usize, inline: bool) {
        let mut at = start;
        while at < end {
            let Some(open) = self
                .src
                .get(at..end)
                .and_then(|s| memchr::memmem::find(s.as_bytes(), b"<!--"))
            else {
                break;
            };
            let open = at + open;
            let body_start = open + 4;
            let (body_end, next, closed) = match self
                .src
                .get(body_start..)
                .and_then(|s| memchr::memmem::find(s.as_bytes(), b"-->"))
            {
                Some(i) => (body_start + i, body_start + i + 3, true),
                None => (self.src.len(), self.src.len(), false),
            };
            self.blocks.push(Block {
                line: self.line(open),
                kind: BlockKind::Comment {
                    body: self.src.get(body_start..body_end).unwrap_or(""),
                    closed,
                },
            });
            self.comment_end = next;
            at = next;
            if inline {
                break;
            }
        }
    }
}

/// A pipe table that pulldown-cmark left as a paragraph (tabs in its delimiter row): rows split
/// on unescaped `|`, cell text with links, emphasis and code marks removed.
fn pipe_table<'a>(raw: &'a str, first_line: u32) -> Option<Vec<Row<'a>>> {
    let mut lines = raw.lines();
    let header = lines.next()?;
    let delimiter = lines.next()?;
    let is_delimiter = delimiter.contains('-')
        && delimiter
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t' | b'\r'));
    if !header.trim_start().starts_with('|') || !is_delimiter {
        return None;
    }
    let row = |line: &'a str, n: u32| Row {
        line: first_line + n,
        cells: split_cells(line)
            .into_iter()
            .map(|raw| Cell {
                raw,
                text: Cow::Owned(collapse(&super::type_cell::plain_type_text(raw))),
            })
            .collect(),
    };
    let mut rows = vec![row(header, 0)];
    rows.extend(
        raw.lines()
            .enumerate()
            .skip(2)
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| row(l, n as u32)),
    );
    Some(rows)
}

/// `s` without the `|` at either end.
fn trim_pipes(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&b| b != b'|').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b'|')
        .map_or(start, |i| i + 1);
    &s[start..end]
}

/// Splits a table line on `|` that are not escaped, dropping the outer pipes.
fn split_cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(line[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(line[start..].trim());
    cells
}

/// Whether a fenced block's raw text ends with a closing fence.
fn fence_closed(raw: &str) -> bool {
    let trimmed = raw.trim_start();
    let fence_char = trimmed.as_bytes().first().copied().unwrap_or(b'`');
    let fence_len = trimmed.bytes().take_while(|&b| b == fence_char).count();
    let mut lines = raw.trim_end().lines();
    lines.next();
    match lines.last() {
        Some(last) => {
            let last = last.trim();
            last.len() >= fence_len && last.bytes().all(|b| b == fence_char)
        }
        None => false,
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
