//! Examples: request annotations with their ```http blocks, paired with response annotations.

use super::annotation::{Annotation, BlockType};
use super::codes::{self, Reporter};
use super::http;
use super::scan::BlockKind;
use super::sections::{Doc, Section};
use crate::model::{qualified_key, Example, ExampleRequest, ExampleResponse, Source};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// An annotation and the code block that follows it: (annotation, code info, body, fence line).
struct Annotated<'d> {
    annotation: Cow<'d, Annotation>,
    code: Option<(&'d str, &'d str, u32)>,
    /// A paragraph right after the code block that is one inline code span (`` `893` ``): pages
    /// write `text/plain` response bodies that way, below a block holding only the headers.
    trailing: Option<&'d str>,
}

/// Pairs each request/response annotation with the next code block (before the next annotation).
fn annotated<'d>(doc: &'d Doc, r: &mut Reporter) -> Vec<Annotated<'d>> {
    let mut out: Vec<Annotated> = Vec::new();
    let mut open = false;
    // The entry whose code block came last, while the next block may be its trailing text.
    let mut just_coded: Option<usize> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(entry) = just_coded.take().and_then(|at| out.get_mut(at)) {
            if let BlockKind::Paragraph {
                raw, quoted: false, ..
            } = &block.kind
            {
                entry.trailing = inline_code_only(raw);
            }
        }
        if let Some(a) = &doc.annotations[i] {
            if open {
                no_code(out.last().map_or(0, |x| x.annotation.line), r);
            }
            // Requests annotated in the HTTP request section are examples too when they name
            // a concrete URL (checked once the code block is known).
            open = matches!(a.block_type, BlockType::Request | BlockType::Response);
            if open {
                out.push(Annotated {
                    annotation: Cow::Borrowed(a),
                    code: None,
                    trailing: None,
                });
            }
            continue;
        }
        if let BlockKind::Heading {
            tab: false,
            include: false,
            level,
            text,
        } = &block.kind
        {
            let starts_with = |word: &str| {
                text.get(..word.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(word))
            };
            let example_part = *level >= 4 || starts_with("request") || starts_with("response");
            if open && !example_part {
                no_code(out.last().map_or(0, |x| x.annotation.line), r);
                open = false;
            }
        }
        if let BlockKind::Code { info, body, .. } = &block.kind {
            let code = Some((info.as_str(), body.as_ref(), block.line));
            if open {
                just_coded = out.len().checked_sub(1);
                if let Some(last) = out.last_mut() {
                    last.code = code;
                    let template = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    if doc.sections[i] == Section::Http && template.contains('{') {
                        out.pop();
                    }
                }
                open = false;
            } else if doc.sections[i] == Section::Examples {
                if let Some(block_type) = unannotated_kind(info, body) {
                    just_coded = Some(out.len());
                    out.push(Annotated {
                        annotation: Cow::Owned(Annotation::implied(block_type, block.line)),
                        code,
                        trailing: None,
                    });
                }
            }
        }
    }
    if open {
        no_code(out.last().map_or(0, |x| x.annotation.line), r);
    }
    out
}

/// The inside of a paragraph that is exactly one inline code span (`` `893` `` → `893`).
fn inline_code_only(raw: &str) -> Option<&str> {
    let inner = raw.trim().strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`') && !inner.contains('\n')).then_some(inner)
}

/// What an example code block without a request/response annotation holds (also blocks marked
/// `ignored`: pages use that for examples the docs tooling cannot run, and still pair them with
/// annotated responses): a request (`METHOD url`) or a response
/// (`HTTP/1.1 ...`), when its info string is `http`, `msgraph-interactive` or empty.
fn unannotated_kind(info: &str, body: &str) -> Option<BlockType> {
    let info = info.to_ascii_lowercase();
    if !(info.is_empty() || info == "http" || info == "msgraph-interactive") {
        return None;
    }
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    if http::request_line(first).is_some() {
        Some(BlockType::Request)
    } else if http::status_line(first).is_some() {
        Some(BlockType::Response)
    } else {
        None
    }
}

fn no_code(line: u32, r: &mut Reporter) {
    r.warn(
        codes::EXAMPLE_NO_CODE,
        line,
        "example annotation is not followed by a code block",
        "put the ```http block right after the annotation comment",
    );
}

/// Reads the examples of a page; `page_status` is the status the Response section names.
pub fn read(doc: &Doc, page_status: Option<u16>, r: &mut Reporter) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    // Indices into `examples` made by the most recent request annotation.
    let mut last_request: Vec<usize> = Vec::new();
    let stem = r
        .file
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md")
        .to_string();
    for item in annotated(doc, r) {
        let a = item.annotation.as_ref();
        let Some((info, body, line)) = item.code else {
            continue;
        };
        match a.block_type {
            BlockType::Request => {
                let Some(request) = request(body, line, r) else {
                    continue;
                };
                last_request.clear();
                let names = if a.names.is_empty() {
                    vec![format!("{stem}-{}", examples.len() + 1)]
                } else {
                    a.names.clone()
                };
                for name in names {
                    last_request.push(examples.len());
                    examples.push(Example {
                        name,
                        source: Source::new(r.file, line),
                        request: request.clone(),
                        response: None,
                        path_values: BTreeMap::new(),
                        path_index: None,
                    });
                }
            }
            BlockType::Response => {
                let mut response = response(a, info, body, line, page_status, r);
                if response.body.is_none() && is_text_plain(&response.headers) {
                    response.body = item.trailing.map(str::to_string);
                }
                let targets: Vec<usize> = if a.names.is_empty() {
                    last_request.clone()
                } else {
                    a.names
                        .iter()
                        .filter_map(|n| examples.iter().rposition(|e| &e.name == n))
                        .collect()
                };
                if targets.is_empty() {
                    r.warn(
                        codes::UNPAIRED_RESPONSE,
                        a.line,
                        format!("response `{}` matches no request example", a.names.join(", ")),
                        "give the response the same \"name\" as its request, or put it right after the request",
                    );
                }
                for t in targets {
                    if examples[t].response.is_none() {
                        examples[t].response = Some(response.clone());
                    }
                }
            }
            _ => {}
        }
    }
    examples
}

fn request(body: &str, line: u32, r: &mut Reporter) -> Option<ExampleRequest> {
    let mut offset = 0;
    let mut first = None;
    for (n, l) in body.split('\n').enumerate() {
        if !l.trim().is_empty() {
            first = Some((n, l));
            break;
        }
        offset += l.len() + 1;
    }
    let Some((n, first_line)) = first else {
        r.warn(
            codes::EXAMPLE_REQUEST_LINE,
            line,
            "example request block is empty",
            "write `METHOD https://graph.microsoft.com/v1.0/...` as the first line",
        );
        return None;
    };
    let request_line_no = line + 1 + n as u32;
    let Some(parsed) = http::request_line(first_line) else {
        r.warn(
            codes::EXAMPLE_REQUEST_LINE,
            request_line_no,
            format!(
                "example request starts with `{}`, not `METHOD url`",
                first_line.trim()
            ),
            "write `METHOD https://graph.microsoft.com/v1.0/...` as the first line",
        );
        return None;
    };
    let rest = body.get(offset + first_line.len() + 1..).unwrap_or("");
    let (headers, body_text) = http::headers_and_body(rest);
    Some(ExampleRequest {
        method: parsed.method,
        url: parsed.url.to_string(),
        path: parsed.path.to_string(),
        query: parsed.query.map(http::query_pairs).unwrap_or_default(),
        headers,
        body: body_text,
        source: Source::new(r.file, line),
    })
}

fn is_text_plain(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(name, value)| {
        name.trim().eq_ignore_ascii_case("content-type")
            && value.trim().to_ascii_lowercase().starts_with("text/plain")
    })
}

fn response(
    a: &Annotation,
    info: &str,
    body: &str,
    line: u32,
    page_status: Option<u16>,
    r: &mut Reporter,
) -> ExampleResponse {
    let trimmed = body.trim_start();
    let first = trimmed.lines().next().unwrap_or("");
    let default_status = page_status.unwrap_or(200);
    let (status, headers, text) = if http::starts_status_line(first) {
        let status = http::status_line(first).unwrap_or_else(|| {
            r.warn(
                codes::RESPONSE_STATUS,
                line + 1,
                format!("response status line `{}` could not be read", first.trim()),
                "write the status line as `HTTP/1.1 200 OK`",
            );
            default_status
        });
        let rest = trimmed.get(first.len() + 1..).unwrap_or("");
        let (headers, text) = http::headers_and_body(rest);
        (status, headers, text)
    } else if info.eq_ignore_ascii_case("json") || trimmed.starts_with(['{', '[']) {
        let text = Some(trimmed.trim_end().to_string()).filter(|t| !t.is_empty());
        (default_status, Vec::new(), text)
    } else {
        let (headers, text) = http::headers_and_body(trimmed);
        (default_status, headers, text)
    };
    ExampleResponse {
        status,
        headers,
        body: text,
        odata_type: a.odata_type.as_deref().map(qualified_key),
        is_collection: a.is_collection || a.odata_collection,
        truncated: a.truncated,
        source: Source::new(r.file, line),
    }
}

#[cfg(test)]
mod tests {
    use crate::docs::read_page;

    const PAGE: &str = r#"# Spin
## HTTP request
<!-- { "blockType": "request", "name": "template" } -->
```http
POST /gadgets/{id}/spin
```
<!-- { "blockType": "request", "name": "spin_zero" } -->
```http
POST /gadgets/0/spin
```
## Response
If successful, this action returns `202 Accepted`.
## Examples
### Request
# [HTTP](#tab/http)
<!-- {
  "blockType": "request",
  "name": ["spin_one", "spin_two"]
} -->
```http
POST https://graph.microsoft.com/beta/gadgets/7/spin?fast=true&$select=a
Content-Type: application/json

{ "speed": 3 }
```
# [C#](#tab/csharp)
[!INCLUDE [sample-code](../includes/x.md)]

---
### Response
<!-- { "blockType": "response", "name": "spin_two", "@odata.type": "Collection(microsoft.graph.gadget)" } -->
```http
Content-Type: application/json

{ "value": [] }
```
<!-- { "blockType": "request", "name": "spin_three" } -->
```http
GET /gadgets
```
<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```
<!-- { "blockType": "response", "name": "nobody" } -->
```json
{}
```
<!-- { "blockType": "request", "name": "lost" } -->
## Example 4
```msgraph-interactive
GET https://graph.microsoft.com/v1.0/gadgets/9
```
```http
HTTP/1.1 200 OK
```
"#;

    #[test]
    fn pairs_requests_and_responses() {
        let (page, diags) = read_page("beta/api/gadget-spin.md", PAGE);
        let ex = page.api.unwrap().examples;
        assert_eq!(ex.len(), 5);
        assert_eq!(ex[0].name, "spin_zero");
        let ex = &ex[1..];
        assert_eq!(ex[3].request.path, "/gadgets/9");
        assert_eq!(ex[3].response.as_ref().unwrap().status, 200);
        assert_eq!(ex[0].name, "spin_one");
        assert!(ex[0].response.is_none());
        let req = &ex[1].request;
        assert_eq!(req.path, "/gadgets/7/spin");
        assert_eq!(req.query[0], ("fast".to_string(), "true".to_string()));
        assert_eq!(req.headers.len(), 1);
        assert_eq!(req.body.as_deref(), Some("{ \"speed\": 3 }"));
        assert_eq!(ex[1].source.line, 20);
        let resp = ex[1].response.as_ref().unwrap();
        assert_eq!(resp.status, 202);
        assert!(resp.is_collection);
        assert_eq!(resp.odata_type.as_deref(), Some("microsoft.graph.gadget"));
        assert_eq!(ex[2].response.as_ref().unwrap().status, 204);
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"DOC017"));
        assert!(codes.contains(&"DOC015"));
    }

    #[test]
    fn a_text_plain_body_may_follow_its_block_as_inline_code() {
        let page = "# Count gadgets\n## Examples\n### Request\n```http\nGET https://graph.microsoft.com/v1.0/gadgets/$count\n```\n### Response\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n```\n\n`17`\n\n### Request\n```http\nGET https://graph.microsoft.com/v1.0/gadgets/1\n```\n### Response\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n```\n\n`not a body`\n";
        let (page, _) = read_page("v1.0/api/gadget-count.md", page);
        let ex = page.api.unwrap().examples;
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].response.as_ref().unwrap().body.as_deref(), Some("17"));
        assert_eq!(ex[1].response.as_ref().unwrap().body, None);
    }
}
