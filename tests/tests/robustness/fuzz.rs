//! Strategies that build hostile page text for the reader and resolver property tests.

use proptest::prelude::*;
use proptest::sample::{select, Index};
use std::path::Path;
use std::sync::OnceLock;

/// One page to read: a path relative to the docs root and its text.
#[derive(Clone)]
pub struct Case {
    pub file: String,
    pub text: String,
}

impl std::fmt::Debug for Case {
    // Shrunk failures print the whole text, escaped, so they can be pasted into a regression test.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Case {{ file: {:?}, text: {:?} }}", self.file, self.text)
    }
}

/// Seed pages: `specs/`, `tests/hostile/` and our own small pages (used even if those are empty).
pub fn seeds() -> &'static [Case] {
    static SEEDS: OnceLock<Vec<Case>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = pages_under(&root.join("../specs"));
        seeds.extend(pages_under(&root.join("hostile")));
        seeds.extend(OWN_SEEDS.iter().map(|(file, text)| Case {
            file: file.to_string(),
            text: text.to_string(),
        }));
        seeds
    })
}

/// The markdown pages under `dir`, sorted, with paths relative to it.
pub fn pages_under(dir: &Path) -> Vec<Case> {
    let mut pages = Vec::new();
    collect_markdown(dir, dir, &mut pages);
    pages
}

fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<Case>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_markdown(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                let file = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(Case { file, text });
            }
        }
    }
}

const OWN_SEEDS: &[(&str, &str)] = &[
    (
        "v1.0/api/gadget-get.md",
        "---\ntitle: \"Get gadget\"\ndescription: \"Reads a gadget.\"\nms.prod: \"tools\"\ndoc_type: apiPageType\n---\n\n# Get gadget\n\nNamespace: microsoft.graph\n\nReads one [gadget](../resources/gadget.md).\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|Gadget.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Gadget.Read.All|\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /gadgets/{gadget-id}\nGET /me/gadgets/{gadget-id}?$select=name\n```\n\n## Optional query parameters\nThis method supports the `$select` and `$expand` OData query parameters.\n\n## Request headers\n|Header|Value|\n|:---|:---|\n|Authorization|Bearer {token}. Required.|\n\n## Request body\nDon't supply a request body for this method.\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) object in the response body.\n\n## Example\n### Request\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_gadget\"\n}-->\n```http\nGET https://graph.microsoft.com/v1.0/gadgets/g-1\n```\n\n### Response\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.gadget\"\n} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"g-1\",\n  \"name\": \"Spanner\"\n}\n```\n\n<!-- {\n  \"type\": \"#page.annotation\",\n  \"description\": \"Get gadget\",\n  \"keywords\": \"\",\n  \"section\": \"documentation\",\n  \"tocPath\": \"\"\n}-->\n",
    ),
    (
        "v1.0/api/gadget-calibrate.md",
        "---\ntitle: \"gadget: calibrate\"\ndescription: \"Calibrates a gadget.\"\nms.prod: \"tools\"\ndoc_type: apiPageType\n---\n\n# gadget: calibrate\n\nNamespace: microsoft.graph\n\nCalibrates the gadget.\n\n## Permissions\n[!INCLUDE [permissions-table](../includes/permissions/gadget-calibrate-permissions.md)]\n\n## HTTP request\n```http\nPOST /gadgets/{gadget-id}/calibrate\nGET /gadgets/{gadget-id}/reading(unit='{unit}',precision={precision})\nGET /drives/{drive-id}/root:/{item-path}:/content\n```\n\n## Request body\nIn the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n|level|Int32|How fine to calibrate. Required.|\n|targets|[gadget](../resources/gadget.md) collection|Other gadgets. Optional.|\n\n## Response\nIf successful, this action returns a `204 No Content` response code.\n",
    ),
    (
        "v1.0/resources/gadget.md",
        "---\ntitle: gadget resource type\ndescription: A tool.\nms.prod: tools\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\nA tool.\n\nInherits from [entity](entity.md).\n\n## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n|id|String|The key.|\n|name|String|The name.|\n|weight|Double|Its weight; may be `NaN`.|\n|parts|[part](part.md) collection|Its parts.|\n|state|gadgetState|Possible values are: `idle`, `busy`, `unknownFutureValue`.|\n|created|DateTimeOffset|When it was made.|\n|size|Int64|Bytes.|\n\n## Relationships\n| Relationship | Type | Description |\n|:---|:---|:---|\n|owner|[user](user.md)|Who owns it.|\n\n## JSON representation\n<!-- {\n  \"blockType\": \"resource\",\n  \"optionalProperties\": [\"owner\"],\n  \"keyProperty\": \"id\",\n  \"baseType\": \"microsoft.graph.entity\",\n  \"openType\": true,\n  \"@odata.type\": \"microsoft.graph.gadget\"\n}-->\n```json\n{\n  \"id\": \"String (identifier)\",\n  \"name\": \"String\"\n}\n```\n",
    ),
    (
        "v1.0/resources/enums.md",
        "---\ntitle: Enum values\ndoc_type: enumPageType\n---\n\n# Enum values\n\nNamespace: microsoft.graph\n\n### gadgetState values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|idle|0|Not in use.|\n|busy|1|In use.|\n|unknownFutureValue|2|Evolvable enumeration sentinel value.|\n\n### partKind values\n\n| Member\n|:---\n| bolt\n| nut\n",
    ),
];

/// Fragments that break naive readers, put into lines, cells, annotations and HTTP blocks.
pub const SNIPPETS: &[&str] = &[
    "```",
    "```http",
    "```json",
    "~~~",
    "````",
    "<!--",
    "-->",
    "<!-- {",
    "}-->",
    "} -->",
    "<!-- { \"blockType\": \"request\", \"name\": \"x\" }-->",
    "<!-- { \"blockType\": \"response\", \"@odata.type\": 7 }-->",
    "<!-- { \"blockType\": [ }-->",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "\\",
    "\\\"",
    "'",
    "`",
    "``",
    "|",
    "||",
    "| a | b |",
    "|:---|:---|",
    "|---|",
    "# ",
    "## ",
    "### ",
    "#### Response",
    "## HTTP request",
    "## Properties",
    "## Relationships",
    "## Permissions",
    "## Request body",
    "## Response",
    "## JSON representation",
    "---",
    "***",
    "title: \"x",
    "doc_type: apiPageType",
    "doc_type: \"resourcePageType",
    "doc_type: enumPageType",
    "doc_type: [",
    "ms.prod: :",
    "Namespace: ",
    "Namespace: microsoft.graph.",
    "Namespace: microsoft.graph.../../x",
    "Inherits from [",
    "Inherits from [x](x.md",
    "Inherits from [](.md).",
    "[x](",
    "[!INCLUDE [x](y.md)]",
    "# [HTTP](#tab/http)",
    "GET",
    "GET ",
    "GET /",
    "GET /{",
    "GET /}",
    "GET /a/{b-id",
    "GET /a/(",
    "GET /a/f(x=",
    "GET /a/f(x='{x}'",
    "GET /a:/",
    "GET /a/root:/{p}:/b:",
    "POST https://",
    "PATCH http://x/v1.0",
    "DELETE /a?$",
    "PUT /a/{a}/{a}/{a}",
    "GET /a b c",
    "HTTP/1.1",
    "HTTP/1.1 ",
    "HTTP/1.1 99999999999999999999 OK",
    "HTTP/1.1 -1",
    "HTTP/2 200",
    "Content-type:",
    ":",
    "Int32",
    "Collection(",
    "Collection(Collection(String))",
    "String collection collection",
    "Edm.",
    "microsoft.graph.",
    "[a](b.md) collection",
    "Possible values are: `a`, `b`,",
    "The possible values are:",
    "\u{feff}",
    "\r",
    "\r\n",
    "\t",
    "\0",
    "\u{1b}[0m",
    "\u{202e}",
    "\u{200b}",
    "é",
    "e\u{301}",
    "🎉",
    "🦀🦀🦀",
    "名前",
    "\u{10ffff}",
    "\u{fffd}",
    "*/",
    "/*",
    "//",
    "///",
    "#[",
    "#![",
    "}",
    "fn INJECTED_FN() {}",
    "r#\"",
    "\"#",
    "Self",
    "self",
    "type",
    "async",
    "<br>",
    "<br/>",
    "&lt;",
    "&#x0;",
    "&#1114112;",
    "<",
    ">",
    "&",
    "***bold",
    "_",
    "__init__",
    "-1",
    "99999999999999999999",
    "1e309",
    "NaN",
];

/// A line for an HTTP block, assembled from method and segment pieces.
fn http_line() -> impl Strategy<Value = String> {
    let method = select(
        &[
            "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "get", "FROB", "",
        ][..],
    );
    let segment = prop_oneof![
        select(
            &[
                "users",
                "me",
                "{user-id}",
                "{id}",
                "{",
                "}",
                "{}",
                "{{x}}",
                "microsoft.graph.user",
                "delta()",
                "f(x='{x}')",
                "f(x={x},y='{y}')",
                "f(",
                ")",
                "root:",
                ":/{path}:",
                ":",
                "..",
                ".",
                "%2F",
                "$value",
                "$ref",
                "$count",
                "🎉",
                "",
                "?$top=1",
                "#"
            ][..]
        )
        .prop_map(str::to_string),
        "[a-zA-Z0-9{}()':=,.$%?&#/ -]{0,12}",
    ];
    (
        method,
        proptest::collection::vec(segment, 0..8),
        any::<bool>(),
    )
        .prop_map(|(method, segments, host)| {
            let host = if host {
                "https://graph.microsoft.com/v1.0"
            } else {
                ""
            };
            format!("{method} {host}/{}", segments.join("/"))
        })
}

/// One change to a page's text.
#[derive(Debug, Clone)]
pub enum Mutation {
    InsertLine {
        at: Index,
        snippet: Index,
    },
    ReplaceLine {
        at: Index,
        snippet: Index,
    },
    DeleteLines {
        at: Index,
        len: usize,
    },
    RepeatLines {
        at: Index,
        len: usize,
        times: usize,
    },
    Splice {
        at: Index,
        other: Index,
        from: Index,
    },
    Truncate {
        at: Index,
    },
    IntoAnnotation {
        which: Index,
        snippet: Index,
    },
    IntoTableCell {
        row: Index,
        cell: Index,
        snippet: Index,
    },
    IntoHttpBlock {
        which: Index,
        line: String,
    },
    Bytes {
        at: Index,
        bytes: Vec<u8>,
    },
    Chars {
        at: Index,
        text: String,
    },
    DropLinesContaining {
        needle: Index,
    },
    Crlf,
    Bom,
    BareCr,
}

const DROP_NEEDLES: &[&str] = &["```", "-->", "<!--", "---", "|:", "## ", "}"];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>()).prop_map(|(at, snippet)| Mutation::InsertLine { at, snippet }),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(at, snippet)| Mutation::ReplaceLine { at, snippet }),
        2 => (any::<Index>(), 1usize..30).prop_map(|(at, len)| Mutation::DeleteLines { at, len }),
        1 => (any::<Index>(), 1usize..5, 1usize..60).prop_map(|(at, len, times)| Mutation::RepeatLines { at, len, times }),
        2 => (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(at, other, from)| Mutation::Splice { at, other, from }),
        1 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(which, snippet)| Mutation::IntoAnnotation { which, snippet }),
        3 => (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(row, cell, snippet)| Mutation::IntoTableCell { row, cell, snippet }),
        3 => (any::<Index>(), http_line()).prop_map(|(which, line)| Mutation::IntoHttpBlock { which, line }),
        1 => (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, bytes)| Mutation::Bytes { at, bytes }),
        2 => (any::<Index>(), "\\PC{0,12}|.{0,6}").prop_map(|(at, text)| Mutation::Chars { at, text }),
        1 => any::<Index>().prop_map(|needle| Mutation::DropLinesContaining { needle }),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::Bom),
        1 => Just(Mutation::BareCr),
    ]
}

/// A seed page with 1 to 8 mutations, under its own or another folder.
pub fn mutated_page() -> impl Strategy<Value = Case> {
    let file = prop_oneof![
        3 => Just(None),
        1 => select(&["api/x.md", "resources/x.md", "x.md", "", "v1.0/api/🎉.md", "beta/resources/a b.md", "../../x.md"][..]).prop_map(Some),
    ];
    (
        any::<Index>(),
        proptest::collection::vec(mutation(), 1..8),
        file,
    )
        .prop_map(|(seed, mutations, file)| {
            let seeds = seeds();
            let base = &seeds[seed.index(seeds.len())];
            let mut text = base.text.clone();
            for m in &mutations {
                text = apply(&text, m);
            }
            Case {
                file: file.map_or_else(|| base.file.clone(), str::to_string),
                text,
            }
        })
}

/// A set of 1 to 6 mutated pages, read and resolved together, plus a few untouched seeds.
pub fn mutated_set() -> impl Strategy<Value = Vec<Case>> {
    (
        proptest::collection::vec(mutated_page(), 1..6),
        proptest::collection::vec(any::<Index>(), 0..6),
    )
        .prop_map(|(mut pages, extra)| {
            let seeds = seeds();
            pages.extend(extra.iter().map(|i| seeds[i.index(seeds.len())].clone()));
            pages
        })
}

/// Text with no page structure at all: any unicode, lossy bytes, or snippet soup.
pub fn random_text() -> impl Strategy<Value = Case> {
    let text = prop_oneof![
        "\\PC{0,300}",
        ".{0,200}",
        proptest::collection::vec(any::<u8>(), 0..400)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        proptest::collection::vec(select(SNIPPETS), 0..60).prop_map(|s| s.join("\n")),
        proptest::collection::vec(select(SNIPPETS), 0..60).prop_map(|s| s.concat()),
    ];
    let file = select(&["api/x.md", "resources/x.md", "v1.0/api/y.md", "x.md"][..]);
    (text, file).prop_map(|(text, file)| Case {
        file: file.to_string(),
        text,
    })
}

/// Applies one mutation; always returns valid UTF-8.
pub fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let snippet = |i: &Index| SNIPPETS[i.index(SNIPPETS.len())].to_string();
    match mutation {
        Mutation::InsertLine { at, snippet: s } => {
            lines.insert(at.index(lines.len() + 1), snippet(s))
        }
        Mutation::ReplaceLine { at, snippet: s } => {
            let i = at.index(lines.len());
            lines[i] = snippet(s);
        }
        Mutation::DeleteLines { at, len } => {
            let start = at.index(lines.len());
            let end = (start + len).min(lines.len());
            lines.drain(start..end);
        }
        Mutation::RepeatLines { at, len, times } => {
            let start = at.index(lines.len());
            let end = (start + len).min(lines.len());
            let chunk: Vec<String> = lines[start..end].to_vec();
            for _ in 0..*times {
                lines.splice(end..end, chunk.iter().cloned());
            }
        }
        Mutation::Splice { at, other, from } => {
            let seeds = seeds();
            let other = &seeds[other.index(seeds.len())].text;
            let head = &text[..char_floor(text, at.index(text.len() + 1))];
            let tail = &other[char_floor(other, from.index(other.len() + 1))..];
            return format!("{head}{tail}");
        }
        Mutation::Truncate { at } => {
            return text[..char_floor(text, at.index(text.len() + 1))].to_string()
        }
        Mutation::IntoAnnotation { which, snippet: s } => insert_after_matching(
            &mut lines,
            |l| l.contains("<!--") || l.trim_start().starts_with('"'),
            which,
            snippet(s),
        ),
        Mutation::IntoTableCell {
            row,
            cell,
            snippet: s,
        } => {
            let rows: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with('|'))
                .collect();
            if !rows.is_empty() {
                let i = rows[row.index(rows.len())];
                let mut cells: Vec<String> = lines[i].split('|').map(str::to_string).collect();
                let c = cell.index(cells.len());
                cells[c] = snippet(s);
                lines[i] = cells.join("|");
            }
        }
        Mutation::IntoHttpBlock { which, line } => insert_after_matching(
            &mut lines,
            |l| l.starts_with("```http") || l.starts_with("GET") || l.starts_with("POST"),
            which,
            line.clone(),
        ),
        Mutation::Bytes { at, bytes } => {
            let at = char_floor(text, at.index(text.len() + 1));
            return format!(
                "{}{}{}",
                &text[..at],
                String::from_utf8_lossy(bytes),
                &text[at..]
            );
        }
        Mutation::Chars { at, text: inserted } => {
            let at = char_floor(text, at.index(text.len() + 1));
            return format!("{}{inserted}{}", &text[..at], &text[at..]);
        }
        Mutation::DropLinesContaining { needle } => {
            let needle = DROP_NEEDLES[needle.index(DROP_NEEDLES.len())];
            lines.retain(|l| !l.contains(needle));
        }
        Mutation::Crlf => return text.replace('\n', "\r\n"),
        Mutation::Bom => return format!("\u{feff}{text}"),
        Mutation::BareCr => return text.replace('\n', "\r"),
    }
    lines.join("\n")
}

fn insert_after_matching(
    lines: &mut Vec<String>,
    matches: impl Fn(&str) -> bool,
    which: &Index,
    line: String,
) {
    let hits: Vec<usize> = (0..lines.len()).filter(|&i| matches(&lines[i])).collect();
    let at = if hits.is_empty() {
        which.index(lines.len() + 1)
    } else {
        hits[which.index(hits.len())] + 1
    };
    lines.insert(at, line);
}

/// The largest char boundary at or below `at`.
pub fn char_floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
