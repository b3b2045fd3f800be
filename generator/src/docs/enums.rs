//! Enumerations: members tables under `### name values` headings (enum pages, enum sections of
//! resource pages) or under `## Members` on single-enum pages.

use super::codes::{self, Reporter};
use super::scan::BlockKind;
use super::sections::{Doc, Section};
use super::text::contains_ci;
use super::{tables, EnumDef};
use crate::model::Source;

/// Reads the enums of a page. On enum pages (`enum_page`) every members-like table counts; on
/// resource pages only tables headed `Member` or in a members section.
pub fn read(doc: &Doc, title: &str, enum_page: bool, r: &mut Reporter) -> Vec<EnumDef> {
    let mut out: Vec<EnumDef> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let BlockKind::Table { rows } = &block.kind else {
            continue;
        };
        if !tables::is_members_table(rows) {
            continue;
        }
        let headed_member = rows
            .first()
            .and_then(|h| h.cells.first())
            .is_some_and(|c| c.text.to_ascii_lowercase().starts_with("member"));
        if !(enum_page || headed_member || doc.sections[i] == Section::Members) {
            continue;
        }
        let heading = doc.heading_text(i).unwrap_or("");
        let Some(name) = enum_name(heading, title) else {
            r.warn(
                codes::ENUM_MEMBERS,
                block.line,
                format!("members table under `{heading}` names no enum"),
                "put the table under a `### enumName values` heading",
            );
            continue;
        };
        let members = tables::members(rows, r);
        if members.is_empty() {
            r.warn(
                codes::ENUM_MEMBERS,
                block.line,
                format!("enum `{name}` has an empty members table"),
                "list the members, one per row",
            );
            continue;
        }
        let (description, flags) = context(doc, i, title);
        match out.iter_mut().find(|e| e.name == name) {
            // The same enum listed twice: keep one of each member.
            Some(existing) => {
                for member in members {
                    if !existing.members.iter().any(|m| m.0 == member.0) {
                        existing.members.push(member);
                    }
                }
            }
            None => out.push(EnumDef {
                name,
                flags,
                members,
                description,
                source: Source::new(r.file, block.line),
            }),
        }
    }
    out
}

/// The enum's name from its heading (`widgetKind values`) or, for `Members`-style headings, from
/// the page title (`widgetKind enum type`).
fn enum_name(heading: &str, title: &str) -> Option<String> {
    let h = heading.trim();
    let lower = h.to_ascii_lowercase();
    let generic = matches!(
        lower.as_str(),
        "" | "members" | "values" | "enum values" | "enumeration values" | "member values"
    );
    let source = if generic { title } else { h };
    let word = source.split_whitespace().next()?;
    let word = word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'));
    let valid = word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    (valid && !word.eq_ignore_ascii_case("enum")).then(|| word.to_string())
}

/// The first paragraph between the table's heading and the table, and whether the section or
/// the title calls the enum a flags enum.
fn context(doc: &Doc, table: usize, title: &str) -> (String, bool) {
    let heading = doc.headings[table].map(|h| h + 1).unwrap_or(0);
    let mut description = String::new();
    let mut flags = title.to_ascii_lowercase().contains("flags");
    for block in &doc.blocks[heading..table] {
        if let BlockKind::Paragraph { text, raw, .. } = &block.kind {
            flags |= ["isflags", "flags enum", "flag enum", "bit flags"]
                .iter()
                .any(|needle| contains_ci(raw, needle));
            if description.is_empty() {
                description = text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
    }
    (description, flags)
}

#[cfg(test)]
mod tests {
    use crate::docs::{read_page, PageKind};

    #[test]
    fn enum_page_sections() {
        let text = "---\ndoc_type: enumPageType\n---\n# Enum values\n\n### colorKind values\n\n|Member|\n|:---|\n|red|\n|blue|\n\n### shapeFlags values\nThis is a flags enum.\n\n|Member|Value|Description|\n|-|-|-|\n|round|1|Round.|\n|square|2|Square.|\n";
        let (page, diags) = read_page("v1.0/resources/enums.md", text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(page.kind, Some(PageKind::Enum));
        assert_eq!(page.enums.len(), 2);
        assert_eq!(page.enums[0].name, "colorKind");
        assert_eq!(page.enums[0].members[1].0, "blue");
        assert!(!page.enums[0].flags);
        assert!(page.enums[1].flags);
        assert_eq!(page.enums[1].members[0].1, Some(1));
        assert_eq!(page.enums[1].description, "This is a flags enum.");
        assert_eq!(page.enums[1].source.line, 16);
    }

    #[test]
    fn single_enum_page_named_by_title() {
        let text = "---\ndoc_type: enumPageType\n---\n# dialMode enum type\n\nHow to dial.\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|tone|0|Tone.|\n";
        let (page, _) = read_page("beta/resources/dialmode.md", text);
        assert_eq!(page.kind, Some(PageKind::Enum));
        assert_eq!(page.enums[0].name, "dialMode");
        assert_eq!(page.description, "How to dial.");
    }
}
