//! Reading one page: front matter, the markdown pass, then the part every page kind shares
//! (title, namespace, description, page annotation) and the kind-specific readers.

use super::annotation::BlockType;
use super::codes::{self, Reporter};
use super::scan::{self, BlockKind};
use super::sections::{Doc, Section};
use super::text::{self, LineIndex};
use super::{api, enums, front_matter, resource, Page, PageKind};
use crate::diag::Diagnostic;

/// See [`super::read_page`].
pub fn read(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let mut r = Reporter::new(file);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut page = Page {
        file: file.to_string(),
        ..Page::default()
    };
    let lines = LineIndex::new(text);
    let (markdown_start, front_line) = match front_matter::split(text) {
        Some((yaml, line, end)) => {
            page.front = front_matter::parse(yaml, line, &mut r);
            (end, line)
        }
        None => {
            if let Some(line) = front_matter::opening_line(text) {
                r.warn(
                    codes::FRONT_MATTER_YAML,
                    line,
                    "front matter opened by `---` is never closed; the page is read without it",
                    "end the front matter with a line of `---`",
                );
            }
            (0, 1)
        }
    };
    let kind = front_matter::page_kind(file, &page.front, front_line, &mut r);
    page.kind = Some(kind);
    if text.trim().is_empty() {
        r.warn(
            codes::EMPTY_PAGE,
            0,
            "page is empty",
            "remove the file or write the page",
        );
        return (page, r.items);
    }
    let markdown = text.get(markdown_start..).unwrap_or("");
    let blocks = scan::scan(markdown, markdown_start, &lines);
    let doc = Doc::new(blocks, &mut r);
    report_unclosed(&doc, &mut r);
    read_common(&doc, &mut page, &mut r);
    match kind {
        PageKind::Api => page.api = Some(api::read(&doc, &mut r)),
        PageKind::Resource => {
            page.resource = Some(resource::read(&doc, &mut r));
            page.enums = enums::read(&doc, &page.title, false, &mut r);
            resource::check_not_empty(&page, &mut r);
        }
        PageKind::Enum => {
            page.enums = enums::read(&doc, &page.title, true, &mut r);
            if page.enums.is_empty() {
                r.warn(
                    codes::ENUM_MEMBERS,
                    0,
                    "enum page lists no members",
                    "add a `|Member|Value|Description|` table under a `### name values` heading",
                );
            }
        }
        PageKind::Other => r.note(
            codes::SKIPPED_PAGE,
            0,
            "conceptual page skipped",
            "nothing to do unless the page should describe an API or a type",
        ),
    }
    (page, r.items)
}

/// Title, namespace, description and the `#page.annotation`.
fn read_common(doc: &Doc, page: &mut Page, r: &mut Reporter) {
    let mut title_seen = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Heading {
                level: 1,
                text,
                tab: false,
                include: false,
            } if !title_seen => {
                page.title = text.to_string();
                title_seen = true;
            }
            BlockKind::Paragraph {
                text,
                quoted,
                include,
                ..
            } if doc.sections[i] == Section::Intro && !include => {
                let first = text.lines().next().unwrap_or("").trim();
                if let Some(ns) = strip_prefix_ci(first, "namespace:") {
                    if page.namespace.is_none() {
                        page.namespace = Some(ns.trim().trim_matches('`').to_string());
                    }
                    continue;
                }
                if page.description.is_empty() && title_seen && !quoted && !is_note(first) {
                    page.description = text::collapse(text);
                }
            }
            _ => {}
        }
        if let Some(a) = &doc.annotations[i] {
            if a.block_type == BlockType::Page {
                page.annotation = a.page.clone();
            }
        }
    }
    if !title_seen {
        page.title = page.front.title.clone().unwrap_or_default();
        r.warn(
            codes::NO_TITLE,
            0,
            "page has no `# title` heading",
            "start the page with a `# Title` line after the front matter",
        );
    }
    if page.description.is_empty() {
        page.description = page.front.description.clone().unwrap_or_default();
    }
}

fn is_note(first_line: &str) -> bool {
    let l = first_line
        .trim_start_matches(['*', '>', ' '])
        .to_ascii_lowercase();
    l.starts_with("note") || l.starts_with("important") || l.starts_with("caution")
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let n = prefix.len();
    (text.len() >= n && text.is_char_boundary(n) && text[..n].eq_ignore_ascii_case(prefix))
        .then(|| &text[n..])
}

fn report_unclosed(doc: &Doc, r: &mut Reporter) {
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Code { closed: false, .. } => r.warn(
                codes::UNCLOSED_FENCE,
                block.line,
                "code fence is never closed; it runs to the end of the page",
                "close the block with a line of three backticks",
            ),
            BlockKind::Comment { closed: false, .. } => r.warn(
                codes::UNCLOSED_COMMENT,
                block.line,
                "HTML comment is never closed",
                "end the comment with `-->`",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_inputs_do_not_panic() {
        let wide = format!("{}\n{}\n", "|a".repeat(10_000), "|-".repeat(10_000));
        let inputs = [
            "",
            "\u{feff}",
            "---",
            "---\n---\n",
            "\0\u{1}\u{fffd}binary",
            "# T\r\n\r\nNamespace: x\r\n",
            "```",
            "<!--",
            "<!-- {",
            wide.as_str(),
            "|x|\n|-|\n|<!-- {\"blockType\": \"request\"}|\n",
        ];
        for (i, input) in inputs.iter().enumerate() {
            for file in [
                "v1.0/api/x.md",
                "v1.0/resources/x.md",
                "beta/resources/enums.md",
                "x.md",
            ] {
                let (page, _) = read(file, input);
                assert_eq!(page.file, file, "input {i}");
            }
        }
    }

    #[test]
    fn common_fields_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: \"T\"\r\ndoc_type: apiPageType\r\n---\r\n\r\n# Make a widget\r\n\r\nNamespace: microsoft.graph\r\n\r\n> **Note:** ignore me.\r\n\r\nMakes a widget.\r\n";
        let (page, diags) = read("v1.0/api/widget-make.md", text);
        assert_eq!(page.kind, Some(PageKind::Api));
        assert_eq!(page.title, "Make a widget");
        assert_eq!(page.namespace.as_deref(), Some("microsoft.graph"));
        assert_eq!(page.description, "Makes a widget.");
        assert!(diags
            .iter()
            .any(|d| d.code == codes::NO_HTTP && d.severity == crate::diag::Severity::Error));
    }

    #[test]
    fn an_unclosed_front_matter_is_reported_at_its_first_line() {
        let text =
            "---\ntitle: \"gizmo resource type\"\nms.prod: groups\n\n# gizmo resource type\n";
        let (_, diags) = read("v1.0/resources/gizmo.md", text);
        let unclosed: Vec<_> = diags
            .iter()
            .filter(|d| d.message.contains("never closed"))
            .collect();
        assert_eq!(unclosed.len(), 1, "{diags:?}");
        assert_eq!(
            (unclosed[0].code, unclosed[0].line),
            (codes::FRONT_MATTER_YAML, 1)
        );
    }

    #[test]
    fn missing_title_falls_back_to_front_matter() {
        let (page, diags) = read(
            "v1.0/resources/w.md",
            "---\ntitle: W\ndescription: D\n---\ntext\n",
        );
        assert_eq!(page.title, "W");
        assert_eq!(page.description, "D");
        assert!(diags.iter().any(|d| d.code == codes::NO_TITLE));
    }
}
