//! Diagnostic codes of reading the docs tree (`read.rs`) and resolving the corpus (`resolve`).
//!
//! Codes are stable: never reuse a number for a different meaning.

/// The docs folder is missing, not a folder, or could not be listed.
pub const DOCS_FOLDER_UNREADABLE: &str = "RES001";
/// A file that is not markdown was skipped.
pub const SKIPPED_NOT_MARKDOWN: &str = "RES002";
/// A markdown file outside `api/` and `resources/` was skipped.
pub const SKIPPED_OUTSIDE_PAGES: &str = "RES003";
/// A markdown file that is not an API, resource or enum page was skipped.
pub const SKIPPED_NOT_A_PAGE: &str = "RES004";
/// A file is not valid UTF-8; it was read with replacement characters.
pub const NOT_UTF8: &str = "RES005";
/// A file could not be read from disk.
pub const FILE_UNREADABLE: &str = "RES006";
/// A file that is not a regular file (a FIFO, device or socket, or a link to one) was skipped.
pub const SKIPPED_NOT_REGULAR: &str = "RES007";
/// A file larger than any page could be (`read::MAX_PAGE_BYTES`) was skipped.
pub const SKIPPED_TOO_LARGE: &str = "RES008";

/// A type name matches no primitive, type or enum; it is kept as untyped JSON.
pub const UNRESOLVED_TYPE: &str = "RES010";
/// A type cell could not be read by the page reader; the type is kept as untyped JSON.
pub const UNREADABLE_TYPE_CELL: &str = "RES011";
/// A resource page names no type (no `@odata.type`, no "x resource type" title).
pub const RESOURCE_WITHOUT_TYPE: &str = "RES012";
/// A base type was named but is not defined anywhere.
pub const UNKNOWN_BASE_TYPE: &str = "RES013";
/// Base types form a cycle; the link that closes it was dropped.
pub const INHERITANCE_CYCLE: &str = "RES014";
/// Two pages give one property of one type different types; the first was kept.
pub const CONFLICTING_PROPERTY: &str = "RES015";
/// An enum was built from "Possible values are ..." prose for a type no page defines.
pub const ENUM_FROM_PROSE: &str = "RES016";
/// An enum has the name of an entity or complex type; the type is kept, the enum dropped.
pub const ENUM_NAMED_LIKE_TYPE: &str = "RES017";
/// A chain of base types is deeper than `inheritance::MAX_INHERITANCE_DEPTH`; one link is cut.
pub const INHERITANCE_TOO_DEEP: &str = "RES018";
/// Two pages name different base types for one type; the first is kept.
pub const CONFLICTING_BASE: &str = "RES019";

/// An API page lists no HTTP request line; it yields no operation.
pub const NO_HTTP_REQUEST: &str = "RES020";
/// A path template has no usable segment.
pub const EMPTY_TEMPLATE: &str = "RES021";
/// Two parameters of one path had the same name; later ones were numbered.
pub const DUPLICATE_PARAMETER: &str = "RES022";
/// A path template has more segments than any real path (see `paths::MAX_TEMPLATE_SEGMENTS`);
/// it is not read.
pub const TEMPLATE_TOO_DEEP: &str = "RES023";
/// An action or function names one parameter twice (body or parameter rows, or the arguments
/// of a call in a path); the first was kept, later ones dropped.
pub const REPEATED_PARAMETER: &str = "RES024";

/// An example request matched no operation template.
pub const UNMATCHED_EXAMPLE: &str = "RES030";
/// An example request goes to another host than Microsoft Graph (a callback, an upload URL).
pub const EXTERNAL_EXAMPLE: &str = "RES031";
/// An example request fits no template of its page and is read as one more template.
pub const TEMPLATE_FROM_EXAMPLE: &str = "RES032";

/// Every code with a one-line meaning, for `--explain`-style listings and tests.
pub const ALL: &[(&str, &str)] = &[
    (DOCS_FOLDER_UNREADABLE, "docs folder missing or unreadable"),
    (SKIPPED_NOT_MARKDOWN, "file skipped: not markdown"),
    (
        SKIPPED_OUTSIDE_PAGES,
        "file skipped: outside api/ and resources/",
    ),
    (
        SKIPPED_NOT_A_PAGE,
        "file skipped: not an API, resource or enum page",
    ),
    (NOT_UTF8, "file not valid UTF-8, read lossily"),
    (FILE_UNREADABLE, "file could not be read"),
    (SKIPPED_NOT_REGULAR, "file skipped: not a regular file"),
    (SKIPPED_TOO_LARGE, "file skipped: too large for a page"),
    (UNRESOLVED_TYPE, "type name not found; kept as untyped JSON"),
    (
        UNREADABLE_TYPE_CELL,
        "type cell unreadable; kept as untyped JSON",
    ),
    (RESOURCE_WITHOUT_TYPE, "resource page names no type"),
    (UNKNOWN_BASE_TYPE, "base type not defined"),
    (INHERITANCE_CYCLE, "base types form a cycle"),
    (
        CONFLICTING_PROPERTY,
        "property typed differently by two pages",
    ),
    (
        ENUM_FROM_PROSE,
        "enum built from 'Possible values are' prose",
    ),
    (ENUM_NAMED_LIKE_TYPE, "enum named like a type; dropped"),
    (INHERITANCE_TOO_DEEP, "base types too deep; a link is cut"),
    (
        CONFLICTING_BASE,
        "pages name different base types; first kept",
    ),
    (NO_HTTP_REQUEST, "API page without HTTP request line"),
    (EMPTY_TEMPLATE, "path template without segments"),
    (
        DUPLICATE_PARAMETER,
        "duplicate path parameter name renumbered",
    ),
    (TEMPLATE_TOO_DEEP, "path template too deep; not read"),
    (
        REPEATED_PARAMETER,
        "action or function parameter named twice; later dropped",
    ),
    (UNMATCHED_EXAMPLE, "example request matches no operation"),
    (
        EXTERNAL_EXAMPLE,
        "example request to another host; not tied",
    ),
    (
        TEMPLATE_FROM_EXAMPLE,
        "example request read as a template its page forgot",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let codes: BTreeSet<_> = ALL.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes.len(), ALL.len());
        assert!(codes.iter().all(|c| c.len() == 6 && c.starts_with("RES")));
    }
}
