//! API pages: permissions, HTTP request lines, query options, headers, request body, response.

use super::annotation::BlockType;
use super::codes::{self, Reporter};
use super::scan::{BlockKind, Link};
use super::sections::{Doc, Section};
use super::text::contains_ignore_ascii_case;
use super::{examples, http, tables, type_cell, ApiPage, HttpLine, RawType};
use crate::model::Source;

/// OData system query options, as Graph spells them.
const QUERY_OPTIONS: &[&str] = &[
    "$select",
    "$filter",
    "$expand",
    "$top",
    "$orderby",
    "$search",
    "$count",
    "$skip",
    "$skipToken",
    "$format",
    "$deltaToken",
    "$levels",
    "$apply",
];

/// Reads what an API page says about its operation.
pub fn read(doc: &Doc, r: &mut Reporter) -> ApiPage {
    let mut api = ApiPage::default();
    read_permissions(doc, &mut api, r);
    read_http(doc, &mut api, r);
    for (i, block) in doc.blocks.iter().enumerate() {
        match (doc.sections[i], &block.kind) {
            (Section::QueryOptions, BlockKind::Paragraph { raw, text, .. }) => {
                query_options(raw, &mut api.query_options);
                query_support(text, &mut api.query_support);
            }
            (Section::QueryOptions, BlockKind::Table { rows }) => {
                for row in rows {
                    for cell in &row.cells {
                        query_options(cell.raw, &mut api.query_options);
                    }
                }
                if tables::is_property_table(rows) {
                    api.query_parameters.extend(tables::property_rows(rows, r));
                }
            }
            (Section::Headers { optional }, BlockKind::Table { rows }) => {
                api.headers.extend(tables::headers(rows, optional))
            }
            (Section::Body, BlockKind::Paragraph { text, links, .. }) => {
                body_prose(text, links, &mut api)
            }
            // Some pages describe the body right under the request line, with no body heading.
            (Section::Http, BlockKind::Paragraph { text, links, .. })
                if contains_ignore_ascii_case(text, "in the request body") =>
            {
                body_prose(text, links, &mut api)
            }
            (Section::Body, BlockKind::Table { rows }) if tables::is_parameter_table(rows) => {
                api.body.parameters.extend(tables::parameter_rows(rows, r))
            }
            (Section::FunctionParameters, BlockKind::Table { rows })
                if tables::is_property_table(rows) =>
            {
                api.function_parameters
                    .extend(tables::property_rows(rows, r))
            }
            (Section::PathParameters, BlockKind::Table { rows })
                if tables::is_property_table(rows) =>
            {
                api.path_parameters.extend(tables::property_rows(rows, r))
            }
            (
                Section::Response,
                BlockKind::Paragraph {
                    text, raw, links, ..
                },
            ) => response_prose(text, raw, links, &mut api),
            _ => {}
        }
    }
    api.examples = examples::read(doc, api.response.status, r);
    api
}

fn read_permissions(doc: &Doc, api: &mut ApiPage, r: &mut Reporter) {
    let mut found = false;
    let mut include_line = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Table { rows } if tables::is_permissions_table(rows) => {
                tables::permissions(rows, &mut api.permissions, r);
                found = true;
            }
            BlockKind::Paragraph {
                raw, include: true, ..
            } if doc.sections[i] == Section::Permissions
                && raw.to_ascii_lowercase().contains("permission") =>
            {
                include_line.get_or_insert(block.line);
            }
            _ => {}
        }
    }
    if found {
        return;
    }
    match include_line {
        Some(line) => r.note(
            codes::NO_PERMISSIONS,
            line,
            "permissions come from an [!INCLUDE]; left empty",
            "write the permissions table in the page to have them in the SDK",
        ),
        None => r.note(
            codes::NO_PERMISSIONS,
            0,
            "page has no permissions table",
            "add a `|Permission type|Permissions (from least to most privileged)|` table",
        ),
    }
}

/// Reads the request lines of the `## HTTP request` section, or failing that, of code blocks
/// marked `ignored`/`samples` outside the examples.
fn read_http(doc: &Doc, api: &mut ApiPage, r: &mut Reporter) {
    for i in doc.in_section(Section::Http) {
        if let BlockKind::Code {
            body, body_line, ..
        } = &doc.blocks[i].kind
        {
            http_lines(body, *body_line, &mut api.http, r);
        }
    }
    if !api.http.is_empty() {
        return;
    }
    let mut marked = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(a) = &doc.annotations[i] {
            marked = matches!(a.block_type, BlockType::Ignored | BlockType::Samples);
            continue;
        }
        if let BlockKind::Code {
            body,
            body_line,
            info,
            ..
        } = &block.kind
        {
            let example = doc.sections[i] == Section::Examples;
            if marked || (!example && info.to_ascii_lowercase().starts_with("http")) {
                let mut lines = Vec::new();
                http_lines(body, *body_line, &mut lines, &mut Reporter::new(r.file));
                lines.retain(|l| l.template.starts_with('/'));
                api.http.extend(lines);
            }
            marked = false;
        }
    }
    if api.http.is_empty() {
        r.error(
            codes::NO_HTTP,
            0,
            "API page has no HTTP request line",
            "add a `## HTTP request` section with a code block of `METHOD /path` lines",
        );
    }
}

/// Reads `METHOD /path` lines of one code block. Lines that name a path but no known method are
/// reported; headers, bodies and prose are skipped.
fn http_lines(body: &str, first_line: u32, out: &mut Vec<HttpLine>, r: &mut Reporter) {
    for (n, line) in body.lines().enumerate() {
        let line_no = first_line + n as u32;
        match http::request_line(line) {
            Some(l) if !http::is_path_like(l.path) => r.warn(
                codes::HTTP_LINE,
                line_no,
                format!("`{}` is no path template; the line is skipped", l.path),
                "write the path the method takes, like `/users/{id}/events`",
            ),
            Some(l) => out.push(HttpLine {
                method: l.method,
                template: l.path.to_string(),
                query: l.query.map(str::to_string),
                source: Source::new(r.file, line_no),
            }),
            None => {
                let t = line.trim();
                let word = t.split_whitespace().next().unwrap_or("");
                let looks_like_request = t
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|u| u.starts_with('/') || u.starts_with("https://"))
                    && word.chars().all(|c| c.is_ascii_alphabetic());
                if looks_like_request {
                    r.warn(
                        codes::HTTP_LINE,
                        line_no,
                        format!("`{word}` is not an HTTP method Graph uses"),
                        "use GET, POST, PUT, PATCH or DELETE",
                    );
                }
            }
        }
    }
}

/// Adds the `$option`s mentioned in markdown text (also `` `select` `` in code marks), in order,
/// once each.
fn query_options(text: &str, out: &mut Vec<String>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let dollar = bytes[i] == b'$';
        let tick = bytes[i] == b'`' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        if !(dollar || tick) {
            i += 1;
            continue;
        }
        let start = i + 1;
        let len = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(bytes.len() - start);
        let word = &text[start..start + len];
        let closed = dollar || bytes.get(start + len) == Some(&b'`');
        let known = QUERY_OPTIONS
            .iter()
            .find(|o| o[1..].eq_ignore_ascii_case(word));
        if let (Some(known), true) = (known, closed) {
            if !out.iter().any(|o| o == known) {
                out.push(known.to_string());
            }
        }
        i = start + len;
    }
}

/// "supports the OData query parameters" / "does not support ..." without naming options.
fn query_support(text: &str, support: &mut Option<bool>) {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("query parameter") {
        return;
    }
    if lower.contains("not support") || lower.contains("doesn't support") {
        *support = Some(false);
    } else if lower.contains("support") && support.is_none() {
        *support = Some(true);
    }
}

/// A link to a type page (not to an API page, a doc outside the reference, or an anchor).
fn type_link(link: &Link) -> bool {
    let dest = link.dest.to_ascii_lowercase();
    let path = dest.split('#').next().unwrap_or("");
    path.ends_with(".md")
        && !path.contains("/api/")
        && !path.contains("/concepts/")
        && !path.starts_with("http")
        && !path.contains("/includes/")
        && type_cell::parse_plain(&link.text).is_some()
}

fn link_type(link: &Link) -> Option<RawType> {
    let mut ty = type_cell::parse_plain(&link.text)?;
    ty.link = Some(link.dest.to_string()).filter(|d| !d.trim().is_empty());
    Some(ty)
}

fn body_prose(text: &str, links: &[Link], api: &mut ApiPage) {
    let lower = text.to_ascii_lowercase();
    let negated = [
        "don't supply",
        "do not supply",
        "don't specify",
        "do not specify",
        "no request body",
        "not supply a request body",
        "don't provide",
        "do not provide",
        "don't include a request body",
        "do not include a request body",
        "request body is empty",
        "empty request body",
        "without a request body",
        "don't send",
        "do not send",
        "not require a request body",
        "not require any request body",
        "not need a request body",
    ];
    if negated.iter().any(|n| lower.contains(n)) {
        api.body.none = true;
    }
    if lower.contains("stream") || lower.contains("binary") {
        api.body.stream = true;
    }
    if api.body.resource.is_none() && !api.body.none {
        if let Some(link) = links.iter().find(|l| type_link(l)) {
            let before = &lower[..link.start.min(lower.len())];
            if let Some(mut ty) = link_type(link) {
                ty.collection |=
                    before.ends_with("collection of ") || before.ends_with("collection of the ");
                api.body.resource = Some(ty);
            }
        }
    }
    if api.body.resource.is_none() && !api.body.none && lower.contains("json representation of") {
        api.body.unlinked_representation = true;
    }
}

fn response_prose(text: &str, raw: &str, links: &[Link], api: &mut ApiPage) {
    let status_at = match http::status_in_prose(text) {
        Some(status) => {
            if api.response.status.is_none() {
                api.response.status = Some(status);
            }
            text.find(&status.to_string()).unwrap_or(0)
        }
        None => 0,
    };
    let lower = text.to_ascii_lowercase();
    if api.response.ty.is_some() || (api.response.status.is_none() && !lower.contains("return")) {
        return;
    }
    if let Some(link) = links.iter().find(|l| l.start >= status_at && type_link(l)) {
        if let Some(mut ty) = link_type(link) {
            let between = lower.get(status_at..link.start).unwrap_or("");
            let sentence_start = between.rfind(". ").map(|i| i + 2).unwrap_or(0);
            let after = lower.get(link.start + link.text.len()..).unwrap_or("");
            ty.collection |= between[sentence_start..].contains("collection")
                || after.trim_start().starts_with("collection");
            api.response.ty = Some(ty);
            return;
        }
    }
    if let Some(at) = raw.find("Collection(") {
        let inner = &raw[at..];
        if let Some(end) = inner.find(')') {
            api.response.ty = type_cell::parse(&inner[..=end]);
            return;
        }
    }
    let raw_lower = raw.to_ascii_lowercase();
    let raw_status_at = api
        .response
        .status
        .and_then(|s| raw.find(&s.to_string()))
        .unwrap_or(0);
    api.response.ty = bold_type_in_prose(raw, &raw_lower, raw_status_at)
        .or_else(|| primitive_in_prose(&text[status_at.min(text.len())..]));
}

/// "... and a collection of **alert** objects in the response body" → `alert` (collection).
fn bold_type_in_prose(raw: &str, raw_lower: &str, from: usize) -> Option<RawType> {
    let mut at = from;
    while let Some(open) = raw.get(at..).and_then(|r| r.find("**")) {
        let start = at + open + 2;
        let close = start + raw.get(start..)?.find("**")?;
        let name = &raw[start..close];
        let after = raw_lower.get(close + 2..).unwrap_or("").trim_start();
        let typed = ["object", "resource", "collection", "entity"]
            .iter()
            .any(|w| after.starts_with(w));
        if typed {
            if let Some(mut ty) = type_cell::parse_plain(name) {
                let before = raw_lower.get(from..at + open).unwrap_or("");
                let sentence = &before[before.rfind(". ").map_or(0, |i| i + 2)..];
                ty.collection |= sentence.contains("collection") || after.starts_with("collection");
                return Some(ty);
            }
        }
        at = close + 2;
    }
    None
}

/// "returns ... a String collection" / "a Stream" → the primitive type named after the status.
fn primitive_in_prose(text: &str) -> Option<RawType> {
    const NAMES: &[&str] = &[
        "Stream", "String", "Int32", "Int64", "Boolean", "Double", "Binary",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '`' || c == '*')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches([',', '.']);
        if let Some(name) = NAMES.iter().find(|n| n.eq_ignore_ascii_case(w)) {
            let next = words
                .get(i + 1)
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let prev = words
                .get(i.wrapping_sub(1))
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if next.starts_with("collection")
                || matches!(prev.as_str(), "a" | "an" | "of")
                || (*name == "Stream" && w == "Stream")
            {
                return Some(RawType {
                    name: name.to_string(),
                    collection: next.starts_with("collection"),
                    link: None,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::docs::read_page;

    const PAGE: &str = "---\ndoc_type: apiPageType\n---\n# List gadgets\n\nNamespace: microsoft.graph\n\nLists gadgets.\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|Gadget.Read, Gadget.ReadWrite|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Gadget.Read.All|\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\n  GET /me/gadgets\n\tGET https://graph.microsoft.com/v1.0/users/{user-id}/gadgets?$top=5   \n\nFETCH /nope\n```\n\n## Optional query parameters\nSupports `$filter` and `$top`, and $select, `count` and the OData query parameters.\n\n## Request headers\n|Header|Value|\n|-|-|\n|Authorization|Bearer {token}. Required.|\n\n## Request body\nDon't supply a request body for this method.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [gadget](../resources/gadget.md) objects in the response body.\n";

    #[test]
    fn reads_api_sections() {
        let (page, diags) = read_page("v1.0/api/gadget-list.md", PAGE);
        let api = page.api.unwrap();
        assert_eq!(
            api.permissions.delegated_work,
            ["Gadget.Read", "Gadget.ReadWrite"]
        );
        assert_eq!(api.permissions.application, ["Gadget.Read.All"]);
        assert_eq!(api.http.len(), 2);
        assert_eq!(api.http[0].template, "/me/gadgets");
        assert_eq!(api.http[0].source.line, 22);
        assert_eq!(api.http[1].template, "/users/{user-id}/gadgets");
        assert_eq!(api.http[1].query.as_deref(), Some("$top=5"));
        assert!(diags.iter().any(|d| d.code == "DOC010" && d.line == 25));
        assert_eq!(api.query_options, ["$filter", "$top", "$select", "$count"]);
        assert_eq!(api.query_support, Some(true));
        assert!(api.headers[0].required);
        assert!(api.body.none);
        assert_eq!(api.response.status, Some(200));
        let ty = api.response.ty.unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("gadget", true));
    }

    #[test]
    fn body_resource_and_parameters() {
        let text = "# Do\n## HTTP request\n```http\nPOST /gadgets/{id}/spin\n```\n## Request body\nIn the request body, supply a JSON representation of [gadget](../resources/gadget.md) object.\n\n|Parameter|Type|Description|\n|-|-|-|\n|speed|Int32|How fast. Optional.|\n## Response\nIf successful, this method returns `204 No Content` response code.\n";
        let (page, _) = read_page("beta/api/gadget-spin.md", text);
        let api = page.api.unwrap();
        assert_eq!(api.body.resource.unwrap().name, "gadget");
        assert_eq!(api.body.parameters[0].name, "speed");
        assert_eq!(api.body.parameters[0].required, Some(false));
        assert_eq!(api.response.status, Some(204));
        assert!(api.response.ty.is_none());
    }

    #[test]
    fn body_parameters_typed_under_a_value_column() {
        let text = "# Lock\n## HTTP request\n```http\nPOST /gadgets/{id}/lock\n```\n## Request body\n| Name | Value | Description |\n|:-|:-|:-|\n| reason | string | Why. |\n## Response\nIf successful, this method returns `204 No Content` response code.\n";
        let (page, _) = read_page("v1.0/api/gadget-lock.md", text);
        let api = page.api.unwrap();
        assert_eq!(api.body.parameters.len(), 1);
        assert_eq!(api.body.parameters[0].name, "reason");
        assert_eq!(api.body.parameters[0].type_text, "string");
        assert!(api.body.parameters[0].ty.is_some());
    }

    #[test]
    fn response_type_in_bold_and_lower_case_primitives() {
        let text = "# Get\n## HTTP request\n```http\nGET /alerts\n```\n## Response\nIf successful, this method returns a `200 OK` response code and collection of **alert** objects in the response body.\n";
        let ty = read_page("v1.0/api/alert-list.md", text)
            .0
            .api
            .unwrap()
            .response
            .ty
            .unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("alert", true));
        let text = "# Get\n## HTTP request\n```http\nGET /names\n```\n## Response\nIf successful, this method returns a `200 OK` response code and a string collection object in the response body.\n";
        let ty = read_page("v1.0/api/names.md", text)
            .0
            .api
            .unwrap()
            .response
            .ty
            .unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("String", true));
    }

    #[test]
    fn body_not_required_reads_as_none() {
        let text = "# Do\n## HTTP request\n```http\nPOST /gadgets/{id}/stop\n```\n## Request body\nThis method does not require a request body.\n";
        let api = read_page("v1.0/api/gadget-stop.md", text).0.api.unwrap();
        assert!(api.body.none && api.body.resource.is_none());
    }

    #[test]
    fn representation_without_a_link_is_noted() {
        let page = |body: &str| {
            let text = format!(
                "# Make\n## HTTP request\n```http\nPOST /gadgets\n```\n## Request body\n{body}\n"
            );
            read_page("v1.0/api/gadget-post.md", &text)
                .0
                .api
                .unwrap()
                .body
        };
        let unlinked =
            page("In the request body, supply a JSON representation of **gadgets** object.");
        assert!(unlinked.unlinked_representation && unlinked.resource.is_none());
        let linked =
            page("Supply a JSON representation of a [gadget](../resources/gadget.md) object.");
        assert!(!linked.unlinked_representation && linked.resource.is_some());
        assert!(!page("Don't supply a JSON representation of anything.").unlinked_representation);
    }

    #[test]
    fn body_prose_under_the_request_line_counts() {
        let text = "# Make\n## HTTP request\n```http\nPOST /gadgets\n```\nIn the request body, supply a JSON representation of a [gadget](../resources/gadget.md) object.\n## Response\nReturns `201 Created`.\n";
        let api = read_page("v1.0/api/gadget-post.md", text).0.api.unwrap();
        assert_eq!(
            api.body.resource.map(|t| t.name),
            Some("gadget".to_string())
        );
    }

    #[test]
    fn permissions_include_and_fallback_http() {
        let text = "# Get it\n## Permissions\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n## Get the root\n```http\nGET /sites/root\n```\n## Response\nReturns a `200 OK` with a Stream.\n";
        let (page, diags) = read_page("v1.0/api/site-get.md", text);
        let api = page.api.unwrap();
        assert_eq!(api.http[0].template, "/sites/root");
        assert!(diags.iter().any(|d| d.code == "DOC011" && d.line == 3));
        assert_eq!(api.response.ty.unwrap().name, "Stream");
    }
}
