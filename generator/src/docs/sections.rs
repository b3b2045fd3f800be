//! Sections of a page: which heading each block falls under, and the page as the readers see it
//! (blocks, their sections and the annotations read from comments).

use super::annotation::{self, Annotation};
use super::codes::Reporter;
use super::scan::{Block, BlockKind};
use super::text::Phrase;

/// What a section of a page is about, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Before the first H2.
    Intro,
    Permissions,
    Http,
    QueryOptions,
    Headers {
        optional: bool,
    },
    Body,
    Response,
    FunctionParameters,
    PathParameters,
    Examples,
    Properties,
    Relationships,
    Json,
    Methods,
    Members,
    Other,
}

/// Classifies a heading's text.
pub fn classify(heading: &str) -> Section {
    let h = heading.trim().trim_end_matches(':');
    // Lower-cased on the stack: headings are short.
    let mut buffer = [0u8; 64];
    if let Some(lower) = buffer.get_mut(..h.len()) {
        lower.copy_from_slice(h.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return classify_lower(lower);
        }
    }
    classify_lower(&h.to_ascii_lowercase())
}

/// [`classify`] for the trimmed, lower-cased heading.
fn classify_lower(h: &str) -> Section {
    static HTTP_REQUEST: Phrase = Phrase::new("http request");
    static QUERY_PARAMETER: Phrase = Phrase::new("query parameter");
    static QUERY_OPTION: Phrase = Phrase::new("query option");
    static REQUEST_HEADER: Phrase = Phrase::new("request header");
    if h.starts_with("permission") || h == "prerequisites" {
        Section::Permissions
    } else if HTTP_REQUEST.is_in(h) {
        Section::Http
    } else if QUERY_PARAMETER.is_in(h) || QUERY_OPTION.is_in(h) {
        Section::QueryOptions
    } else if REQUEST_HEADER.is_in(h) {
        Section::Headers {
            optional: h.starts_with("optional"),
        }
    } else if h.starts_with("request body") {
        Section::Body
    } else if h == "response" || h == "responses" || h == "response body" {
        Section::Response
    } else if h == "function parameters" || h == "parameters" || h == "method parameters" {
        Section::FunctionParameters
    } else if h == "path parameters" {
        Section::PathParameters
    } else if h.starts_with("example") {
        Section::Examples
    } else if h.starts_with("relationship") || h == "navigation properties" {
        Section::Relationships
    } else if h == "properties" || h.ends_with(" properties") {
        Section::Properties
    } else if h.starts_with("json representation") {
        Section::Json
    } else if h == "methods" {
        Section::Methods
    } else if h == "members" || h.ends_with(" values") || h == "enum values" {
        Section::Members
    } else {
        Section::Other
    }
}

/// A page as the readers see it.
pub struct Doc<'a> {
    pub blocks: Vec<Block<'a>>,
    /// The section of each block (parallel to `blocks`).
    pub sections: Vec<Section>,
    /// The nearest heading text before each block (parallel to `blocks`), as an index into
    /// `blocks`, if any.
    pub headings: Vec<Option<usize>>,
    /// Annotations by block index (`None` for non-comments and comments that are not annotations),
    /// boxed: most blocks have none, and an annotation is large.
    pub annotations: Vec<Option<Box<Annotation>>>,
}

impl<'a> Doc<'a> {
    pub fn new(blocks: Vec<Block<'a>>, r: &mut Reporter) -> Self {
        let mut sections = Vec::with_capacity(blocks.len());
        let mut headings = Vec::with_capacity(blocks.len());
        let mut annotations = Vec::with_capacity(blocks.len());
        let mut top = Section::Intro;
        let mut current = Section::Intro;
        let mut heading = None;
        for (i, block) in blocks.iter().enumerate() {
            match &block.kind {
                BlockKind::Heading {
                    level,
                    text,
                    tab: false,
                    include: false,
                } => {
                    heading = Some(i);
                    let class = classify(text);
                    if *level <= 2 {
                        top = if *level == 1 { Section::Intro } else { class };
                        current = top;
                    } else if class != Section::Other && top != Section::Examples {
                        current = class;
                    } else if class == Section::Other && top != current {
                        current = top;
                    }
                }
                BlockKind::Comment { body, .. } => {
                    annotations.push(annotation::parse(body, block.line, r).map(Box::new));
                    sections.push(current);
                    headings.push(heading);
                    continue;
                }
                _ => {}
            }
            annotations.push(None);
            sections.push(current);
            headings.push(heading);
        }
        Doc {
            blocks,
            sections,
            headings,
            annotations,
        }
    }

    /// The text of the nearest heading before block `i`.
    pub fn heading_text(&self, i: usize) -> Option<&str> {
        match self
            .headings
            .get(i)
            .copied()
            .flatten()
            .map(|h| &self.blocks[h].kind)
        {
            Some(BlockKind::Heading { text, .. }) => Some(text),
            _ => None,
        }
    }

    /// Indices of the blocks in a section.
    pub fn in_section(&self, section: Section) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| **s == section)
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::scan::scan;
    use crate::docs::text::LineIndex;

    #[test]
    fn classifies_headings() {
        assert_eq!(classify("HTTP Request"), Section::Http);
        assert_eq!(
            classify("Optional request headers"),
            Section::Headers { optional: true }
        );
        assert_eq!(classify("Example 2: more"), Section::Examples);
        assert_eq!(classify("Optional query parameters"), Section::QueryOptions);
        assert_eq!(classify("widgetKind values"), Section::Members);
        assert_eq!(classify("Error responses"), Section::Other);
    }

    #[test]
    fn subsections_and_tabs() {
        let text = "# T\n## Prerequisites\n### Permissions\ntext\n## Examples\n### Response\n# [HTTP](#tab/http)\nx\n";
        let lines = LineIndex::new(text);
        let mut r = Reporter::new("f.md");
        let doc = Doc::new(scan(text, 0, &lines), &mut r);
        let last = doc.blocks.len() - 1;
        assert_eq!(doc.sections[3], Section::Permissions);
        assert_eq!(doc.sections[last], Section::Examples);
        assert_eq!(doc.heading_text(last), Some("Response"));
    }
}
