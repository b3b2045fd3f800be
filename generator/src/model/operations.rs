//! Operations of the model: HTTP operations, their path templates, permissions, examples and the
//! path tree.

use super::{Primitive, Source, TypeRef, TypeUse};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An HTTP method used by Graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn parse(text: &str) -> Option<Self> {
        const METHODS: [(&str, HttpMethod); 5] = [
            ("GET", HttpMethod::Get),
            ("POST", HttpMethod::Post),
            ("PUT", HttpMethod::Put),
            ("PATCH", HttpMethod::Patch),
            ("DELETE", HttpMethod::Delete),
        ];
        METHODS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|(_, method)| *method)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// What an operation does to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    /// Read, create, update, delete of an entity or collection.
    Crud,
    /// An OData action (POST to a bound operation segment).
    Action,
    /// An OData function (GET of a bound operation segment, with parameters in the path).
    Function,
}

/// A URL path template: `/groups/{group-id}/conversations/{conversation-id}/threads`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The template as written in the page (after trimming).
    pub raw: String,
    pub segments: Vec<Segment>,
}

impl PathTemplate {
    /// Whether the template ends in `/$value`: the raw content of a media entity or property.
    pub fn is_raw_value(&self) -> bool {
        matches!(self.segments.last(), Some(Segment::Literal(l)) if l.eq_ignore_ascii_case("$value"))
    }

    /// Whether the template starts at `/drive`, the signed-in user's drive (`/me/drive`).
    pub fn starts_at_user_drive(&self) -> bool {
        matches!(self.segments.first(), Some(Segment::Literal(l)) if l.eq_ignore_ascii_case("drive"))
    }

    /// The normalised template text, with parameters written `{name}`.
    pub fn normalized(&self) -> String {
        use std::fmt::Write;
        // About the length of the template as written: one allocation for most paths.
        let mut out = String::with_capacity(self.raw.len() + 16);
        for segment in &self.segments {
            match segment {
                // `root:/{item-path}:` — the colon path is glued to the segment before it.
                Segment::ColonPath { param } => {
                    out.push_str(":/{");
                    out.push_str(param);
                    out.push_str("}:");
                }
                Segment::Literal(name) | Segment::Cast(name) => {
                    out.push('/');
                    out.push_str(name);
                }
                Segment::Key { param } => {
                    out.push_str("/{");
                    out.push_str(param);
                    out.push('}');
                }
                Segment::Call { .. } => {
                    out.push('/');
                    write!(out, "{segment}").expect("writing to a String cannot fail");
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    /// Names of the path parameters, in order.
    pub fn parameter_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        for segment in &self.segments {
            match segment {
                Segment::Key { param } | Segment::ColonPath { param } => names.push(param.as_str()),
                Segment::Call { args, .. } => {
                    names.extend(args.iter().filter_map(|a| a.param.as_deref()))
                }
                Segment::Literal(_) | Segment::Cast(_) => {}
            }
        }
        names
    }
}

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// Adjacently tagged: `{"kind": "literal", "value": "groups"}` (newtype variants hold strings).
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Segment {
    /// A fixed segment: an entity set, singleton or navigation property (`groups`, `me`).
    Literal(String),
    /// A key placeholder after a collection (`{group-id}`); `param` is the kebab-case name.
    Key { param: String },
    /// A type cast (`microsoft.graph.user`).
    Cast(String),
    /// A bound action or function call (`delta()`, `microsoft.graph.getByIds`,
    /// `reminderView(startDateTime='{start}',endDateTime='{end}')`).
    Call {
        name: String,
        args: Vec<CallArg>,
        parenthesized: bool,
    },
    /// A colon path (`root:/{item-path}:`), addressing an item by path.
    ColonPath { param: String },
}

/// An argument of a function call segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CallArg {
    pub name: String,
    /// The path parameter that supplies the value, if it is a placeholder.
    pub param: Option<String>,
    /// A literal value written in the template, if it is not a placeholder.
    pub literal: Option<String>,
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Literal(name) | Segment::Cast(name) => f.write_str(name),
            Segment::Key { param } => write!(f, "{{{param}}}"),
            Segment::ColonPath { param } => write!(f, ":{{{param}}}:"),
            Segment::Call {
                name,
                args,
                parenthesized,
            } => {
                f.write_str(name)?;
                if *parenthesized {
                    f.write_str("(")?;
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(",")?;
                        }
                        match (&arg.param, &arg.literal) {
                            (Some(p), _) => write!(f, "{}={{{p}}}", arg.name)?,
                            (None, Some(l)) => write!(f, "{}={l}", arg.name)?,
                            (None, None) => f.write_str(&arg.name)?,
                        }
                    }
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

/// Permissions from least to most privileged, per permission type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
}

/// A parameter of an action (body) or function (path).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeUse,
    pub required: bool,
    pub description: String,
}

/// A request header documented for an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    pub name: String,
    pub description: String,
    pub required: bool,
}

/// What the request body carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RequestBody {
    /// A JSON representation of a type.
    Resource { ty: TypeUse },
    /// A JSON object of named parameters (actions).
    Parameters { parameters: Vec<Parameter> },
    /// Raw bytes (`Stream` uploads).
    Stream,
}

/// The documented successful response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// HTTP status code (200, 201, 204, ...).
    pub status: u16,
    /// The returned type, if the response has a body.
    pub body: Option<TypeUse>,
}

/// What a successful call gives back, as the SDK types it: the documented response, read with
/// what HTTP and Graph allow beside it.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseShape {
    /// No body (204, or none documented).
    Nothing,
    /// A raw body (`Stream`).
    Stream,
    /// A JSON body of this type.
    Body(TypeUse),
    /// This type or no body: an update answers `204 No Content` unless the client asks for the
    /// representation (`Prefer: return=representation`), which many pages show in their example.
    Optional(TypeUse),
    /// `202 Accepted`: a long-running operation, followed through the `Location` header; the
    /// documented type, if any, is the operation status a body may carry.
    Accepted(Option<TypeUse>),
}

impl ResponseShape {
    /// The JSON type a response body is read into, if any.
    pub fn json_type(&self) -> Option<&TypeUse> {
        match self {
            ResponseShape::Body(ty) | ResponseShape::Optional(ty) => Some(ty),
            ResponseShape::Accepted(ty) => ty.as_ref(),
            ResponseShape::Nothing | ResponseShape::Stream => None,
        }
    }

    /// Whether a successful answer must carry a body.
    pub fn requires_body(&self) -> bool {
        matches!(self, ResponseShape::Body(_) | ResponseShape::Stream)
    }
}

/// One operation: a method on one or more path templates that share one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Stable identifier: the page stem, with a suffix when a page yields several operations.
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: OperationKind,
    pub method: HttpMethod,
    /// Every template the page lists for this method (aliases of one operation).
    pub paths: Vec<PathTemplate>,
    /// Typed parameters of functions and actions.
    pub parameters: Vec<Parameter>,
    /// Supported OData query options (`$select`, `$filter`, ...).
    pub query_options: Vec<String>,
    pub headers: Vec<Header>,
    pub request_body: Option<RequestBody>,
    pub response: Response,
    pub permissions: Permissions,
    /// Workload (from `ms.prod`), used for Cargo features.
    pub workload: Option<String>,
    /// Link to the reference page.
    pub doc_url: Option<String>,
    pub source: Source,
    pub examples: Vec<Example>,
}

impl Operation {
    /// What a successful call through `paths[path_index]` gives back: a `GET` of `/$value` reads
    /// raw content whatever the page documents for its other paths; else [`Self::response_shape`].
    pub fn response_shape_at(&self, path_index: usize) -> ResponseShape {
        let raw = self
            .paths
            .get(path_index)
            .is_some_and(PathTemplate::is_raw_value);
        if raw && self.method == HttpMethod::Get {
            return ResponseShape::Stream;
        }
        self.response_shape()
    }

    /// What a successful call gives back (see [`ResponseShape`]).
    ///
    /// A `PATCH`, and a `PUT` documented without a body, may answer the updated resource or
    /// nothing: the documented type, else the resource the request sends, becomes optional.
    pub fn response_shape(&self) -> ResponseShape {
        let documented = self
            .response
            .body
            .as_ref()
            .filter(|_| self.response.status != 204);
        if documented.is_some_and(|b| b.ty == TypeRef::Primitive(Primitive::Stream)) {
            return ResponseShape::Stream;
        }
        if self.response.status == 202 {
            return ResponseShape::Accepted(documented.cloned());
        }
        let may_echo = match self.method {
            HttpMethod::Patch => true,
            HttpMethod::Put => documented.is_none(),
            _ => false,
        };
        let echoed = documented
            .or(self.sent_resource())
            .filter(|t| is_single_named(t));
        match (documented, echoed) {
            (_, Some(ty)) if may_echo => ResponseShape::Optional(ty.clone()),
            (Some(ty), _) => ResponseShape::Body(ty.clone()),
            (None, _) => ResponseShape::Nothing,
        }
    }

    /// The resource the request body carries, if it carries one.
    fn sent_resource(&self) -> Option<&TypeUse> {
        match &self.request_body {
            Some(RequestBody::Resource { ty }) => Some(ty),
            _ => None,
        }
    }
}

fn is_single_named(ty: &TypeUse) -> bool {
    !ty.collection && matches!(ty.ty, TypeRef::Named(_))
}

/// An example request and, usually, its response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    pub name: String,
    pub source: Source,
    pub request: ExampleRequest,
    pub response: Option<ExampleResponse>,
    /// Path parameter values, by parameter name, once tied to an operation.
    pub path_values: BTreeMap<String, String>,
    /// Index into `Operation::paths` of the template it matched.
    pub path_index: Option<usize>,
}

/// The request half of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleRequest {
    pub method: HttpMethod,
    /// The URL as written (host and version included, if present).
    pub url: String,
    /// The path after the host and version, without the query string.
    pub path: String,
    /// Query parameters as written, in order.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The body text as written.
    pub body: Option<String>,
    pub source: Source,
}

impl ExampleRequest {
    /// Whether the body is written as a JSON object (`{ ... }`), valid or not.
    pub fn sends_object(&self) -> bool {
        self.body
            .as_deref()
            .is_some_and(|b| b.trim_start().starts_with('{'))
    }
}

/// The response half of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// `@odata.type` of the annotation (lower-cased qualified key), if any.
    pub odata_type: Option<String>,
    pub is_collection: bool,
    pub truncated: bool,
    pub source: Source,
}

/// A node of the URL tree that request builders follow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathNode {
    /// Children by segment text (`groups`, `{group-id}`, `delta()`), sorted.
    pub children: BTreeMap<String, PathNode>,
    /// The segment that leads to this node (None for the root).
    pub segment: Option<Segment>,
    /// Operations on exactly this path: (index into `Api::operations`, index into its `paths`).
    pub operations: Vec<(usize, usize)>,
    /// The entity type addressed here, when known (lower-cased qualified key).
    pub ty: Option<TypeUse>,
}
