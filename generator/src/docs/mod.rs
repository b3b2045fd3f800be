//! Reading one page: front matter, annotations, HTTP blocks, tables, type cells.
//!
//! `read_page` knows nothing about other pages: it turns one markdown file into a [`Page`] plus
//! diagnostics. Cross-page work (type names, inheritance, path tree) belongs to `resolve`.

mod annotation;
mod api;
pub mod codes;
mod enums;
mod examples;
mod front_matter;
mod front_matter_lines;
mod http;
mod page;
mod resource;
mod scan;
mod sections;
mod tables;
mod text;
mod type_cell;

use crate::diag::Diagnostic;
use crate::model::{Example, Header, Permissions, Source};
use serde::{Deserialize, Serialize};

pub use type_cell::parse as parse_type_cell;

/// What kind of page a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    /// Describes one operation (`doc_type: apiPageType`).
    Api,
    /// Describes one type (`doc_type: resourcePageType`).
    Resource,
    /// Lists enumerations (`doc_type: enumPageType`).
    Enum,
    /// Anything else (overviews, conceptual pages); skipped with a note.
    Other,
}

/// YAML front matter, leniently read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub ms_prod: Option<String>,
    /// `doc_type` as written (may be quoted or misspelled).
    pub doc_type: Option<String>,
}

/// The `#page.annotation` at the end of a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageAnnotation {
    pub description: Option<String>,
    pub keywords: Option<String>,
    pub section: Option<String>,
    pub toc_path: Option<String>,
    pub suppressions: Vec<String>,
}

/// A type as written in a table cell or link, before resolution:
/// `[recipient](recipient.md) collection` → `{ name: "recipient", collection: true }`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RawType {
    /// The type name as written: `String`, `Edm.Int32`, `recipient`, `microsoft.graph.recipient`.
    pub name: String,
    pub collection: bool,
    /// Where a link that named the type in prose points (`../resources/projectrome-activity.md`):
    /// the page that defines it when the link text is no type name (`activity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// One row of a properties, relationships or parameters table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyRow {
    pub name: String,
    /// The type cell as written.
    pub type_text: String,
    /// The type cell as read; `None` when it could not be read (with a diagnostic).
    pub ty: Option<RawType>,
    pub description: String,
    /// For parameter tables: "Required" / "Optional" column or text.
    pub required: Option<bool>,
    /// Members named in the description ("Possible values are: `a`, `b`."), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    pub source: Source,
}

/// One line of an `## HTTP request` block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpLine {
    pub method: crate::model::HttpMethod,
    /// The path template as written (host, version and query string removed).
    pub template: String,
    /// The query string as written, if any.
    pub query: Option<String>,
    pub source: Source,
}

/// The resource annotation of a resource page's JSON representation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceAnnotation {
    /// `@odata.type` (or `@type`) as written.
    pub odata_type: Option<String>,
    pub key_property: Option<String>,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub optional_properties: Vec<String>,
    pub source: Source,
}

/// The request body section of an API page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BodySection {
    /// The type the prose links to ("supply a JSON representation of [x](../resources/x.md)").
    pub resource: Option<RawType>,
    /// Rows of a parameters table (actions), or properties that may be updated (PATCH).
    pub parameters: Vec<PropertyRow>,
    /// The body is a stream of bytes.
    pub stream: bool,
    /// The section says no body is sent ("Don't supply a request body").
    pub none: bool,
    /// The prose asks for "a JSON representation of" an object without linking its type.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlinked_representation: bool,
}

/// The response section of an API page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseSection {
    /// `200 OK`, `201 Created`, `204 No Content`, ...
    pub status: Option<u16>,
    /// The returned type, if the prose names one; `collection` set for "collection of" wording.
    pub ty: Option<RawType>,
}

/// What an API page says about its operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiPage {
    pub permissions: Permissions,
    pub http: Vec<HttpLine>,
    /// Query options the page says it supports (`$select`, `$filter`, ...).
    pub query_options: Vec<String>,
    /// What the query parameters section says in general: `Some(true)` for "supports the OData
    /// query parameters" (often without naming them), `Some(false)` for "does not support".
    #[serde(default)]
    pub query_support: Option<bool>,
    /// Function parameters (from a "Function parameters" / "Parameters" table).
    pub function_parameters: Vec<PropertyRow>,
    /// Rows of a "Path parameters" table.
    #[serde(default)]
    pub path_parameters: Vec<PropertyRow>,
    /// Rows of a parameters table in a query parameters section (non-OData query parameters).
    #[serde(default)]
    pub query_parameters: Vec<PropertyRow>,
    pub headers: Vec<Header>,
    pub body: BodySection,
    pub response: ResponseSection,
    /// Examples in page order; `path_values`/`path_index` empty until resolved.
    pub examples: Vec<Example>,
}

/// What a resource page says about its type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePage {
    pub properties: Vec<PropertyRow>,
    pub relationships: Vec<PropertyRow>,
    pub annotation: Option<ResourceAnnotation>,
    /// Base type named in prose: "Inherits from [entity](entity.md)".
    pub inherits_from: Option<String>,
}

/// An enumeration read from a members table or "Possible values are ..." prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumDef {
    pub name: String,
    pub flags: bool,
    /// (member name, value if given, description).
    pub members: Vec<(String, Option<i64>, String)>,
    pub description: String,
    pub source: Source,
}

/// One page, as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// Path relative to the docs root (`v1.0/api/group-post-threads.md`), `/`-separated.
    pub file: String,
    pub kind: Option<PageKind>,
    pub front: FrontMatter,
    /// The H1 heading.
    pub title: String,
    /// `Namespace: microsoft.graph.callRecords`, when stated.
    pub namespace: Option<String>,
    /// The first paragraph after the title (or the front-matter description).
    pub description: String,
    pub annotation: Option<PageAnnotation>,
    pub api: Option<ApiPage>,
    pub resource: Option<ResourcePage>,
    /// Enumerations defined on the page (enum pages, or enum sections in resource pages).
    pub enums: Vec<EnumDef>,
}

/// Reads one page. `file` is the path relative to the docs root, used in sources and diagnostics.
/// Never panics; what cannot be read is reported.
pub fn read_page(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    page::read(file, text)
}
