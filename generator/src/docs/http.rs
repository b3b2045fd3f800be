//! HTTP text: request lines of `## HTTP request` blocks, example requests and example responses.

use crate::model::HttpMethod;

/// A request line split into its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLine<'a> {
    pub method: HttpMethod,
    /// The URL as written (trimmed).
    pub url: &'a str,
    /// The path without host, version and query string.
    pub path: &'a str,
    pub query: Option<&'a str>,
}

/// Splits `METHOD url` (leading whitespace, tabs, trailing comments allowed). `None` when the line
/// does not start with an HTTP method.
pub fn request_line(line: &str) -> Option<RequestLine<'_>> {
    let line = line.trim().trim_start_matches('\u{feff}');
    let word_end = line
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(line.len());
    let method = HttpMethod::parse(&line[..word_end])?;
    let rest = &line[word_end..];
    if !(rest.starts_with(char::is_whitespace) || rest.starts_with('/')) {
        return None;
    }
    let url = strip_comment(rest.trim());
    let url = url.strip_suffix("HTTP/1.1").unwrap_or(url).trim();
    if url.is_empty() {
        return None;
    }
    let without_host = strip_host(url);
    let (path, query) = match without_host.split_once('?') {
        Some((p, q)) => (p.trim(), Some(q.trim())),
        None => (without_host, None),
    };
    Some(RequestLine {
        method,
        url,
        path,
        query,
    })
}

/// Whether a template reads as a path: no whitespace outside placeholders (`{id | upn}`,
/// `<id>`), call arguments and quotes, and not prose (`** Entity URI for x not found`).
pub fn is_path_like(path: &str) -> bool {
    let path = path.trim();
    if path.is_empty() || path.starts_with('*') {
        return false;
    }
    let mut depth = 0usize;
    let mut quoted = false;
    for c in path.chars() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '<' | '(' if !quoted => depth += 1,
            '}' | '>' | ')' if !quoted => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 && !quoted => return false,
            _ => {}
        }
    }
    true
}

/// Drops a trailing ` # comment` or ` // comment` written after a URL (outside `{}`).
fn strip_comment(url: &str) -> &str {
    let mut depth = 0usize;
    let bytes = url.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b' ' | b'\t' if depth == 0 => {
                let rest = url[i..].trim_start();
                if rest.starts_with('#') || rest.starts_with("//") || rest.starts_with("--") {
                    return url[..i].trim_end();
                }
            }
            _ => {}
        }
    }
    url
}

/// Removes `https://graph.microsoft.com` and a `/v1.0` or `/beta` version prefix.
pub fn strip_host(url: &str) -> &str {
    let mut rest = url;
    for scheme in ["https://", "http://"] {
        let head = rest.as_bytes().get(..scheme.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(scheme.as_bytes())) {
            let after = &rest[scheme.len()..];
            rest = after.find('/').map(|i| &after[i..]).unwrap_or("/");
            break;
        }
    }
    for version in ["/v1.0", "/beta"] {
        if let Some(after) = rest.strip_prefix(version) {
            if after.is_empty() || after.starts_with('/') || after.starts_with('?') {
                rest = after;
                break;
            }
        }
    }
    if rest.is_empty() {
        "/"
    } else {
        rest
    }
}

/// Splits a query string into name/value pairs, as written.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

/// A `Name: value` header line.
pub fn header_line(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| (name.to_string(), value.trim().to_string()))
}

/// Headers and body of the text after a first line: headers until a blank line, then the body.
pub fn headers_and_body(text: &str) -> (Vec<(String, String)>, Option<String>) {
    let mut headers = Vec::new();
    let mut consumed = 0usize;
    let mut body_start = None;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            consumed += line.len() + 1;
            if !headers.is_empty() {
                body_start = Some(consumed);
                break;
            }
            continue;
        }
        match header_line(trimmed) {
            Some(h) if !trimmed.starts_with('{') && !trimmed.starts_with('"') => {
                headers.push(h);
                consumed += line.len() + 1;
            }
            _ => {
                body_start = Some(consumed);
                break;
            }
        }
    }
    let body = body_start
        .and_then(|at| text.get(at.min(text.len())..))
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string);
    (headers, body)
}

/// Reads `HTTP/1.1 200 OK` → 200 (also `HTTP 201 Created`, a slip some pages make).
pub fn status_line(line: &str) -> Option<u16> {
    let t = line.trim();
    if !starts_status_line(t) {
        return None;
    }
    t.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a line starts like a status line: `HTTP/…` or `HTTP ` and a digit.
pub fn starts_status_line(line: &str) -> bool {
    let t = line.trim_start();
    let Some(head) = t.get(..5) else {
        return false;
    };
    head.eq_ignore_ascii_case("HTTP/")
        || (head.eq_ignore_ascii_case("HTTP ")
            && t[5..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit()))
}

/// Finds the first `NNN Word` status in prose (`200 OK`, "201 Created", "`204 No Content`").
pub fn status_in_prose(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let digits = bytes[i..i + 3].iter().all(u8::is_ascii_digit);
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if digits && before_ok && (bytes[i] == b'2' || bytes[i] == b'3') {
            let after = &text[i + 3..];
            let word = after.trim_start_matches([' ', '`']);
            if after.starts_with(' ') && word.starts_with(|c: char| c.is_ascii_uppercase()) {
                return text[i..i + 3].parse().ok();
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let l =
            request_line("\tGET https://graph.microsoft.com/v1.0/me/items/{id}?$top=2  ").unwrap();
        assert_eq!(l.method, HttpMethod::Get);
        assert_eq!(l.path, "/me/items/{id}");
        assert_eq!(l.query, Some("$top=2"));
        let l = request_line("DELETE/things/{thing id}/$ref # remove it").unwrap();
        assert_eq!(l.path, "/things/{thing id}/$ref");
        assert_eq!(request_line("post /beta/x").unwrap().path, "/x");
        assert_eq!(request_line("GETTER /x"), None);
        assert_eq!(request_line("Content-Type: x"), None);
        assert_eq!(request_line("GET"), None);
        assert_eq!(strip_host("https://graph.microsoft.com/beta"), "/");
        assert_eq!(strip_host("/betas/x"), "/betas/x");
        assert_eq!(strip_host("httpü/x"), "httpü/x");
    }

    #[test]
    fn query_and_headers() {
        assert_eq!(
            query_pairs("$top=1&$select=a,b&flag"),
            vec![
                ("$top".into(), "1".into()),
                ("$select".into(), "a,b".into()),
                ("flag".into(), String::new())
            ]
        );
        assert_eq!(
            header_line("Content-type: application/json"),
            Some(("Content-type".into(), "application/json".into()))
        );
        assert_eq!(header_line("\"a\": 1"), None);
    }

    #[test]
    fn headers_then_body() {
        let text = "Content-Type: application/json\n\n{\n  \"a\": 1\n}\n";
        let (h, b) = headers_and_body(text);
        assert_eq!(h.len(), 1);
        assert_eq!(b.as_deref(), Some("{\n  \"a\": 1\n}"));
        let text = "{\"a\": 1}\n";
        let (h, b) = headers_and_body(text);
        assert!(h.is_empty());
        assert_eq!(b.as_deref(), Some("{\"a\": 1}"));
    }

    #[test]
    fn statuses() {
        assert_eq!(status_line("HTTP/1.1 201 Created"), Some(201));
        assert_eq!(status_line("HTTP 201 Created"), Some(201));
        assert!(is_path_like("/users/{id | userPrincipalName}/photo/$value"));
        assert!(is_path_like("/x/f(a='b c')"));
        assert!(!is_path_like("** Entity URI for x not found"));
        assert!(!is_path_like("/users see below"));
        assert_eq!(status_line("HTTPS is required"), None);
        assert_eq!(status_line("HTTP/1.1"), None);
        assert_eq!(
            status_in_prose("returns a `204 No Content` response"),
            Some(204)
        );
        assert_eq!(status_in_prose("returns 200 OK and"), Some(200));
        assert_eq!(status_in_prose("version 2019 of x; 404 Not Found"), None);
    }
}
