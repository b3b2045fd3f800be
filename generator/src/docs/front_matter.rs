//! YAML front matter and the page kind it implies (with the folder having the last word).

use super::codes::{self, Reporter};
use super::{FrontMatter, PageKind};

/// Splits the front matter off the text: returns (front matter text, its first line, byte offset
/// where the markdown starts). Leading blank lines are allowed before the opening `---`.
pub fn split(text: &str) -> Option<(&str, u32, usize)> {
    let mut at = 0;
    let mut line = 1;
    for l in text.split_inclusive('\n') {
        if l.trim().is_empty() {
            at += l.len();
            line += 1;
            continue;
        }
        if l.trim_end() != "---" {
            return None;
        }
        break;
    }
    let open_end = at + text.get(at..)?.find('\n')? + 1;
    let mut pos = open_end;
    for l in text.get(open_end..)?.split_inclusive('\n') {
        let t = l.trim_end();
        if t == "---" || t == "..." {
            return Some((text.get(open_end..pos)?, line + 1, pos + l.len()));
        }
        pos += l.len();
    }
    None
}

/// The line of an opening `---` (after blank lines only), whether or not it is ever closed.
pub fn opening_line(text: &str) -> Option<u32> {
    let (line, first) = (1..)
        .zip(text.split_inclusive('\n'))
        .find(|(_, l)| !l.trim().is_empty())?;
    (first.trim_end() == "---").then_some(line)
}

/// Front matter larger than this is read line by line, without the YAML parser (whose time
/// grows faster than the text on nested input). The largest in the Graph docs is about 1 KB.
pub const MAX_FRONT_MATTER_BYTES: usize = 8 * 1024;

/// Reads the front matter leniently; a YAML failure is reported and the fields are read line by
/// line instead.
pub fn parse(yaml: &str, line: u32, r: &mut Reporter) -> FrontMatter {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        r.warn(
            codes::FRONT_MATTER_YAML,
            line,
            format!(
                "front matter is {} bytes, more than front matter can be ({MAX_FRONT_MATTER_BYTES}); \
                 its `key: value` lines are read without the YAML parser",
                yaml.len()
            ),
            "keep the front matter to its few keys (title, description, ms.prod, doc_type, ...)",
        );
        return by_lines(yaml);
    }
    match super::front_matter_lines::read(yaml) {
        Some(front) => front,
        None => parse_with_yaml(yaml, line, r),
    }
}

/// [`parse`] with the YAML parser, for front matter that is not one simple `key: value` a line.
pub(super) fn parse_with_yaml(yaml: &str, line: u32, r: &mut Reporter) -> FrontMatter {
    match serde_yaml_ng::from_str::<Option<Fields>>(yaml) {
        Ok(fields) => {
            let fields = fields.unwrap_or_default();
            FrontMatter {
                title: scalar(fields.title),
                description: scalar(fields.description),
                ms_prod: scalar(fields.ms_prod),
                doc_type: scalar(fields.doc_type),
            }
        }
        Err(e) => {
            let at = e.location().map_or(line, |l| line + l.line() as u32 - 1);
            r.warn(
                codes::FRONT_MATTER_YAML,
                at,
                format!("front matter is not valid YAML: {e}"),
                "quote values that contain `:` or start with a quote, and keep one key per line",
            );
            by_lines(yaml)
        }
    }
}

/// The front matter fields this reader uses; others are skipped without being built.
#[derive(Default, serde::Deserialize)]
struct Fields {
    title: Option<serde_yaml_ng::Value>,
    description: Option<serde_yaml_ng::Value>,
    #[serde(rename = "ms.prod")]
    ms_prod: Option<serde_yaml_ng::Value>,
    doc_type: Option<serde_yaml_ng::Value>,
}

fn scalar(value: Option<serde_yaml_ng::Value>) -> Option<String> {
    match value? {
        serde_yaml_ng::Value::String(s) => Some(s.trim().to_string()),
        serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
        serde_yaml_ng::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads `key: value` lines without YAML, for broken front matter.
fn by_lines(yaml: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    for l in yaml.lines() {
        let Some((key, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let value = Some(value.to_string());
        match key.trim() {
            "title" => front.title = value,
            "description" => front.description = value,
            "ms.prod" => front.ms_prod = value,
            "doc_type" => front.doc_type = value,
            _ => {}
        }
    }
    front
}

/// What `doc_type` says, leniently: (kind, whether the spelling was exact).
fn kind_of_doc_type(doc_type: &str) -> Option<(PageKind, bool)> {
    let cleaned: String = doc_type
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let exact = matches!(
        doc_type.trim().trim_matches(|c| c == '"' || c == '\''),
        "apiPageType" | "resourcePageType" | "enumPageType" | "conceptualPageType"
    );
    let kind = if cleaned.starts_with("api") {
        PageKind::Api
    } else if cleaned.starts_with("resource") {
        PageKind::Resource
    } else if cleaned.starts_with("enum") {
        PageKind::Enum
    } else if cleaned.starts_with("concept") {
        PageKind::Other
    } else {
        return None;
    };
    Some((kind, exact))
}

/// Decides the page kind from the folder (`api/`, `resources/`), the file name and `doc_type`.
pub fn page_kind(file: &str, front: &FrontMatter, line: u32, r: &mut Reporter) -> PageKind {
    let declared = match front.doc_type.as_deref() {
        Some(dt) => match kind_of_doc_type(dt) {
            Some((kind, exact)) => {
                if !exact {
                    r.warn(
                        codes::DOC_TYPE_GUESSED,
                        line,
                        format!("doc_type `{dt}` is misspelled; read as {kind:?}"),
                        "use one of apiPageType, resourcePageType, enumPageType, conceptualPageType",
                    );
                }
                Some(kind)
            }
            None => {
                r.warn(
                    codes::DOC_TYPE_GUESSED,
                    line,
                    format!("doc_type `{dt}` is unknown"),
                    "use one of apiPageType, resourcePageType, enumPageType, conceptualPageType",
                );
                None
            }
        },
        None => None,
    };
    let path = file.replace('\\', "/");
    let in_dir = |dir: &str| path.starts_with(dir) || path.contains(&format!("/{dir}"));
    let stem = path.rsplit('/').next().unwrap_or("");
    let folder = if in_dir("api/") {
        Some(PageKind::Api)
    } else if in_dir("resources/") {
        if declared == Some(PageKind::Enum) || stem.starts_with("enums") {
            Some(PageKind::Enum)
        } else if declared == Some(PageKind::Other) || is_overview_name(stem) {
            // Overviews live among resources; they are conceptual, not a contradiction.
            Some(PageKind::Other)
        } else {
            Some(PageKind::Resource)
        }
    } else {
        None
    };
    match (folder, declared) {
        (Some(f), Some(d)) if f != d => {
            r.note(
                codes::DOC_TYPE_FOLDER,
                line,
                format!("doc_type says {d:?} but the folder says {f:?}; read as {f:?}"),
                "set doc_type to match the folder the page is in",
            );
            f
        }
        (Some(f), _) => f,
        (None, Some(d)) => d,
        (None, None) => {
            r.warn(
                codes::DOC_TYPE_GUESSED,
                line,
                "no doc_type and no api/ or resources/ folder; page skipped",
                "add `doc_type: apiPageType` (or resourcePageType, enumPageType) to the front matter",
            );
            PageKind::Other
        }
    }
}

/// `x-overview.md`, `x-api-overview.md`, `intune-x-conceptual.md`: conceptual pages by name.
fn is_overview_name(stem: &str) -> bool {
    let stem = stem.trim_end_matches(".md");
    stem.ends_with("-overview") || stem.ends_with("-conceptual")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitle: A\n---\n# A\n";
        let (yaml, line, rest) = split(text).unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(line, 2);
        assert_eq!(&text[rest..], "# A\n");
        assert!(split("# no front matter\n").is_none());
        assert!(split("---\nnever closed\n").is_none());
    }

    #[test]
    fn reads_fields_and_quotes() {
        let mut r = Reporter::new("f.md");
        let fm = parse(
            "title: \"Hello\"\nms.prod: mail\ndoc_type: 'apiPageType'\n",
            2,
            &mut r,
        );
        assert_eq!(fm.title.as_deref(), Some("Hello"));
        assert_eq!(fm.ms_prod.as_deref(), Some("mail"));
        assert_eq!(fm.doc_type.as_deref(), Some("apiPageType"));
        assert!(r.items.is_empty());
    }

    #[test]
    fn oversized_front_matter_skips_the_yaml_parser() {
        // Nested brackets make the YAML scanner's time grow with the square of their count.
        let yaml = format!("title: {}\nms.prod: mail\n", "[".repeat(200_000));
        let mut r = Reporter::new("f.md");
        let fm = parse(&yaml, 2, &mut r);
        assert_eq!(fm.ms_prod.as_deref(), Some("mail"));
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].code, codes::FRONT_MATTER_YAML);
        assert!(
            r.items[0].message.contains("200022 bytes"),
            "{}",
            r.items[0].message
        );
    }

    #[test]
    fn an_unclosed_front_matter_is_found() {
        assert_eq!(opening_line("\n---\ntitle: A\n# A\n"), Some(2));
        assert_eq!(opening_line("# A\n---\n"), None);
        assert_eq!(opening_line(""), None);
    }

    #[test]
    fn broken_yaml_is_reported_and_read_by_lines() {
        let mut r = Reporter::new("f.md");
        let fm = parse(
            "title: a: b: \"c\n doc_type: x\ndescription: d\n",
            2,
            &mut r,
        );
        assert_eq!(r.items[0].code, codes::FRONT_MATTER_YAML);
        assert_eq!(fm.description.as_deref(), Some("d"));
    }

    #[test]
    fn folder_decides_and_misspellings_warn() {
        let mut r = Reporter::new("f.md");
        let fm = FrontMatter {
            doc_type: Some("resourcePageType_".into()),
            ..Default::default()
        };
        assert_eq!(page_kind("beta/api/x.md", &fm, 1, &mut r), PageKind::Api);
        let codes: Vec<_> = r.items.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::DOC_TYPE_GUESSED, codes::DOC_TYPE_FOLDER]);
        let mut r = Reporter::new("f.md");
        let none = FrontMatter::default();
        assert_eq!(
            page_kind("v1.0/resources/enums-x.md", &none, 1, &mut r),
            PageKind::Enum
        );
        assert_eq!(
            page_kind("v1.0/resources/user.md", &none, 1, &mut r),
            PageKind::Resource
        );
        assert_eq!(page_kind("specs/x.md", &none, 1, &mut r), PageKind::Other);
        assert_eq!(
            page_kind("beta/resources/x-overview.md", &none, 1, &mut r),
            PageKind::Other
        );
    }
}
