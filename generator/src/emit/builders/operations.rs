//! Operation methods: one `Request::new(...)` each, with body and doc comment, plus the
//! per-operation `static` permissions and action body structs.

use super::plan::{last_part, OpPlan};
use super::BuilderContext;
use crate::emit::models::docs::{doc_code, doc_text};
use crate::emit::names::{Case, Scope};
use crate::emit::type_map::TypeMap;
use crate::model::{
    CallArg, HttpMethod, Operation, Parameter, Permissions, Primitive, RequestBody, ResponseShape,
    Segment, TypeRef, TypeUse,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::{Ident, LitStr};

/// File-level items shared by the methods of one file: permission statics, by operation index.
#[derive(Default)]
pub struct FileItems {
    statics: BTreeMap<usize, (Ident, TokenStream)>,
    names: Option<Scope>,
}

impl FileItems {
    /// The static holding an operation's permissions, declared once per file.
    pub fn permissions(&mut self, ctx: &BuilderContext<'_>, index: usize) -> Ident {
        if let Some((name, _)) = self.statics.get(&index) {
            return name.clone();
        }
        let op = &ctx.api.operations[index];
        let scope = self.names.get_or_insert_with(|| Scope::new(Case::Snake));
        let snake = scope.unique(&format!("permissions {}", op.id)).to_string();
        let name = format_ident!("{}", snake.trim_start_matches("r#").to_ascii_uppercase());
        let cfg = ctx.features.operation_cfg(index);
        let value = permissions_value(&op.permissions);
        let item = quote! {
            #cfg
            static #name: crate::runtime::Permissions = #value;
        };
        self.statics.insert(index, (name.clone(), item));
        name
    }

    /// Every static, in operation order.
    pub fn into_tokens(self) -> TokenStream {
        let items = self.statics.into_values().map(|(_, item)| item);
        quote!(#(#items)*)
    }
}

fn permissions_value(p: &Permissions) -> TokenStream {
    let list = |names: &[String]| {
        let names = names
            .iter()
            .map(|n| LitStr::new(n, proc_macro2::Span::call_site()));
        quote!(&[#(#names),*])
    };
    let (work, personal, app) = (
        list(&p.delegated_work),
        list(&p.delegated_personal),
        list(&p.application),
    );
    quote! {
        crate::runtime::Permissions {
            delegated_work: #work,
            delegated_personal: #personal,
            application: #app,
        }
    }
}

/// How an operation method gets its path.
pub enum PathSource<'a> {
    /// The builder's own path.
    Node,
    /// A call segment appended to the receiver's path (a collapsed call leaf).
    Call(&'a Segment),
}

/// What a method is declared on: a builder struct, or the runtime `Client` (top-level accessors).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    Client,
    Node,
}

impl Receiver {
    /// The expression of the `Client` (a reference).
    pub fn client(self) -> TokenStream {
        match self {
            Receiver::Client => quote!(self),
            Receiver::Node => quote!(&self.client),
        }
    }

    /// The `&str` expression of the path so far.
    pub fn base(self) -> TokenStream {
        match self {
            Receiver::Client => quote!(""),
            Receiver::Node => quote!(self.path.as_str()),
        }
    }
}

/// One operation method on a builder.
pub fn method(
    ctx: &BuilderContext<'_>,
    items: &mut FileItems,
    op_plan: &OpPlan,
    receiver: Receiver,
    source: PathSource<'_>,
    outer: Option<&BTreeSet<String>>,
) -> TokenStream {
    let op = &ctx.api.operations[op_plan.index];
    let name = &op_plan.method;
    let cfg = ctx
        .features
        .cfg_inside(&ctx.features.operation_features(op_plan.index), outer);
    let docs = doc_lines(op, op_plan.path_index);
    let response = response_type(ctx, op, op_plan.path_index);
    let http_method = method_tokens(op.method);
    let permissions = items.permissions(ctx, op_plan.index);
    let client = receiver.client();
    let (mut args, path) = match source {
        PathSource::Node => (Vec::new(), quote!(self.path.clone())),
        PathSource::Call(segment) => call_path_from(ctx, &op.parameters, segment, receiver.base()),
    };
    let (body_args, body_call) = body(ctx, op, op_plan);
    args.extend(body_args);
    quote! {
        #(#[doc = #docs])*
        #cfg
        pub fn #name(&self #(, #args)*) -> crate::runtime::Request<#response> {
            crate::runtime::Request::new(#client, #http_method, #path, &#permissions)
                #body_call
        }
    }
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(http::Method::GET),
        HttpMethod::Post => quote!(http::Method::POST),
        HttpMethod::Put => quote!(http::Method::PUT),
        HttpMethod::Patch => quote!(http::Method::PATCH),
        HttpMethod::Delete => quote!(http::Method::DELETE),
    }
}

/// The arguments and path expression of a call segment appended to `base`:
/// `/name(a={encoded literal},b=...)`.
pub fn call_path_from(
    ctx: &BuilderContext<'_>,
    parameters: &[Parameter],
    segment: &Segment,
    base: TokenStream,
) -> (Vec<TokenStream>, TokenStream) {
    let Segment::Call {
        name,
        args,
        parenthesized,
    } = segment
    else {
        let text = LitStr::new(
            &format!("/{}", segment_text(segment)),
            proc_macro2::Span::call_site(),
        );
        return (Vec::new(), quote!([#base, #text].concat()));
    };
    let mut params = Vec::new();
    let mut pieces = vec![lit(&format!("/{}", encode_literal(name)))];
    let mut scope = Scope::with_reserved(Case::Snake, &["self"]);
    let optional = |arg: &CallArg| arg.param.is_some() && !is_required(parameters, &arg.name);
    if *parenthesized && args.iter().any(optional) {
        // Optional arguments: the list is built at run time from those given.
        let mut list = Vec::new();
        for arg in args {
            let name = lit(&encode_literal(&arg.name));
            match (&arg.param, &arg.literal) {
                (Some(_), _) => {
                    let arg_name = scope.unique(&arg.name);
                    let encode = quote!(|v| crate::runtime::encode_segment(
                        &crate::runtime::ODataLiteral::to_odata_literal(&v)
                    ));
                    if optional(arg) {
                        // `None` must name a type: any literal becomes a trait object.
                        let ty = concrete_arg_type(ctx, parameters, &arg.name)
                            .unwrap_or_else(|| quote!(&dyn crate::runtime::ODataLiteral));
                        params.push(quote!(#arg_name: Option<#ty>));
                        list.push(quote!((#name, #arg_name.map(#encode))));
                    } else {
                        let ty = function_arg_type(ctx, parameters, &arg.name);
                        params.push(quote!(#arg_name: #ty));
                        list.push(quote!((#name, Some(#arg_name).map(#encode))));
                    }
                }
                (None, Some(value)) => {
                    let value = lit(&encode_literal(value));
                    list.push(quote!((#name, Some(#value.to_string()))));
                }
                (None, None) => {}
            }
        }
        pieces.push(quote!(&crate::runtime::call_arguments(&[#(#list),*])));
        return (params, quote!([#base #(, #pieces)*].concat()));
    }
    if *parenthesized {
        pieces.push(lit("("));
        for (i, arg) in args.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            pieces.push(lit(&format!("{sep}{}=", encode_literal(&arg.name))));
            match (&arg.param, &arg.literal) {
                (Some(_), _) => {
                    let arg_name = scope.unique(&arg.name);
                    let ty = function_arg_type(ctx, parameters, &arg.name);
                    params.push(quote!(#arg_name: #ty));
                    pieces.push(quote!(&crate::runtime::encode_segment(
                        &crate::runtime::ODataLiteral::to_odata_literal(&#arg_name)
                    )));
                }
                (None, Some(value)) => pieces.push(lit(&encode_literal(value))),
                (None, None) => {}
            }
        }
        pieces.push(lit(")"));
    }
    (params, quote!([#base #(, #pieces)*].concat()))
}

fn lit(text: &str) -> TokenStream {
    let lit = LitStr::new(text, proc_macro2::Span::call_site());
    quote!(#lit)
}

/// Whether a documented function argument is required (undocumented ones are).
pub fn is_required(parameters: &[Parameter], name: &str) -> bool {
    parameters
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .is_none_or(|p| p.required)
}

/// Whether a function argument takes any OData literal (`impl ODataLiteral`) rather than a
/// concrete Rust type ([`function_arg_type`]).
pub fn takes_any_literal(ctx: &BuilderContext<'_>, parameters: &[Parameter], name: &str) -> bool {
    concrete_arg_type(ctx, parameters, name).is_none()
}

/// The Rust type of a function argument: primitives typed, anything else any OData literal.
fn function_arg_type(
    ctx: &BuilderContext<'_>,
    parameters: &[Parameter],
    name: &str,
) -> TokenStream {
    concrete_arg_type(ctx, parameters, name)
        .unwrap_or_else(|| quote!(impl crate::runtime::ODataLiteral))
}

/// The concrete Rust type of a function argument: `&str` for undocumented ones and strings,
/// `bool`, `i32`, `i64`, `f64` and enums typed; `None` for any other type (any literal).
fn concrete_arg_type(
    ctx: &BuilderContext<'_>,
    parameters: &[Parameter],
    name: &str,
) -> Option<TokenStream> {
    let param = parameters
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name));
    let Some(param) = param else {
        return Some(quote!(&str));
    };
    if param.ty.collection {
        return None;
    }
    Some(match &param.ty.ty {
        TypeRef::Primitive(Primitive::String) => quote!(&str),
        TypeRef::Primitive(Primitive::Boolean) => quote!(bool),
        TypeRef::Primitive(Primitive::Int32) => quote!(i32),
        TypeRef::Primitive(Primitive::Int64) => quote!(i64),
        TypeRef::Primitive(Primitive::Double) => quote!(f64),
        TypeRef::Named(key) if ctx.names.is_enum(key) => rust_type(ctx, &param.ty),
        _ => return None,
    })
}

/// Percent-encodes a literal segment from a page at generation time (same rules as the
/// runtime's `encode_segment`, keeping OData punctuation that literal segments use).
pub fn encode_literal(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~@$'=,".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn segment_text(segment: &Segment) -> String {
    match segment {
        Segment::Literal(name) | Segment::Cast(name) => encode_literal(name),
        other => encode_literal(&other.to_string()),
    }
}

/// Extra arguments and the chained call that attach the request body.
fn body(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    op_plan: &OpPlan,
) -> (Vec<TokenStream>, TokenStream) {
    match &op.request_body {
        Some(RequestBody::Resource { ty }) => {
            let ty = body_type(ctx, ty);
            (vec![quote!(body: &#ty)], quote!(.json(body)))
        }
        Some(RequestBody::Parameters { .. }) => match &op_plan.body {
            Some(body) => (
                vec![quote!(body: &crate::api::bodies::#body)],
                quote!(.json(body)),
            ),
            // An action without parameters called with an empty parameter object: `{}`.
            None => (
                Vec::new(),
                quote!(.json(&crate::runtime::AdditionalData::new())),
            ),
        },
        Some(RequestBody::Stream) => (
            vec![quote!(data: Vec<u8>), quote!(content_type: &str)],
            quote!(.bytes(data, content_type)),
        ),
        None => (Vec::new(), TokenStream::new()),
    }
}

/// A body type: `[T]` for collections, `T` otherwise.
fn body_type(ctx: &BuilderContext<'_>, ty: &TypeUse) -> TokenStream {
    if ty.collection {
        let item = rust_type(ctx, &element(ty));
        quote!([#item])
    } else {
        rust_type(ctx, ty)
    }
}

/// The Rust type of a type use (`Bytes` for a stream, which has no JSON form).
fn rust_type(ctx: &BuilderContext<'_>, ty: &TypeUse) -> TokenStream {
    TypeMap::new(ctx.names)
        .value_type(ty)
        .unwrap_or_else(|| quote!(crate::runtime::Bytes))
}

/// A stream inside a JSON body travels as base64 (`Binary`).
fn json_form(ty: &TypeUse) -> TypeUse {
    match ty.ty {
        TypeRef::Primitive(Primitive::Stream) => TypeUse {
            ty: TypeRef::Primitive(Primitive::Binary),
            collection: ty.collection,
        },
        _ => ty.clone(),
    }
}

fn element(ty: &TypeUse) -> TypeUse {
    TypeUse {
        ty: ty.ty.clone(),
        collection: false,
    }
}

/// `T` of `Request<T>`, from the operation's [`ResponseShape`]: `NoContent`, `Bytes` for
/// streams, `Collection<I>` for collections, `ODataValue<P>` for a single primitive,
/// `Option<T>` for updates that may answer 204, `Accepted<T>` for 202.
pub fn response_type(ctx: &BuilderContext<'_>, op: &Operation, path_index: usize) -> TokenStream {
    match op.response_shape_at(path_index) {
        ResponseShape::Nothing => quote!(crate::runtime::NoContent),
        ResponseShape::Stream => quote!(crate::runtime::Bytes),
        ResponseShape::Body(ty) => json_response_type(ctx, &ty),
        ResponseShape::Optional(ty) => {
            let ty = json_response_type(ctx, &ty);
            quote!(::std::option::Option<#ty>)
        }
        ResponseShape::Accepted(Some(ty)) => {
            let ty = json_response_type(ctx, &ty);
            quote!(crate::runtime::Accepted<#ty>)
        }
        ResponseShape::Accepted(None) => {
            quote!(crate::runtime::Accepted<crate::runtime::NoContent>)
        }
    }
}

/// The Rust type a JSON response body of `body` is read into.
fn json_response_type(ctx: &BuilderContext<'_>, body: &TypeUse) -> TokenStream {
    if body.collection {
        let item = rust_type(ctx, &element(body));
        quote!(crate::runtime::Collection<#item>)
    } else if matches!(body.ty, TypeRef::Primitive(p) if p != Primitive::Json) {
        // A single primitive result comes wrapped: `{"value": …}` (untyped JSON is read as is).
        let value = rust_type(ctx, body);
        quote!(crate::runtime::ODataValue<#value>)
    } else {
        rust_type(ctx, body)
    }
}

/// Doc comment lines: title, description, HTTP line, least-privileged permissions, link.
fn doc_lines(op: &Operation, path_index: usize) -> Vec<String> {
    let mut lines = vec![format!(" {}", one_line(&op.title))];
    if !op.description.trim().is_empty() {
        lines.push(String::new());
        lines.push(format!(" {}", one_line(&op.description)));
    }
    if let Some(path) = op.paths.get(path_index) {
        lines.push(String::new());
        lines.push(format!(
            " `{} {}`",
            op.method.as_str(),
            doc_code(&path.normalized())
        ));
    }
    let least = [
        ("delegated (work or school)", &op.permissions.delegated_work),
        ("delegated (personal)", &op.permissions.delegated_personal),
        ("application", &op.permissions.application),
    ];
    let least: Vec<String> = least
        .iter()
        .filter_map(|(kind, names)| names.first().map(|n| format!("{kind}: `{}`", doc_code(n))))
        .collect();
    if !least.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            " Least-privileged permissions: {}.",
            least.join("; ")
        ));
    }
    if let Some(url) = &op.doc_url {
        lines.push(String::new());
        lines.push(format!(" <{}>", doc_text(url).replace(['<', '>', ' '], "")));
    }
    lines
}

/// Text on one line, so markdown in a page cannot continue lists or open code blocks; control
/// and invisible format characters dropped.
pub fn one_line(text: &str) -> String {
    doc_text(text)
}

/// The action body structs (`crate::api::bodies`), one per action with parameters.
pub fn body_structs(ctx: &BuilderContext<'_>, bodies: &BTreeMap<usize, Ident>) -> TokenStream {
    let items = bodies.iter().map(|(&index, name)| {
        let op = &ctx.api.operations[index];
        let Some(RequestBody::Parameters { parameters }) = &op.request_body else {
            return TokenStream::new();
        };
        body_struct(ctx, index, name, op, parameters)
    });
    quote! {
        //! Request bodies of actions: one struct per action with parameters.
        #(#items)*
    }
}

fn body_struct(
    ctx: &BuilderContext<'_>,
    index: usize,
    name: &Ident,
    op: &Operation,
    parameters: &[Parameter],
) -> TokenStream {
    let cfg = ctx.features.operation_cfg(index);
    let doc = format!(
        " The body of `{}`: {}",
        doc_code(last_part(&op.id)),
        one_line(&op.title)
    );
    let mut scope = Scope::with_reserved(Case::Snake, &[ADDITIONAL_DATA]);
    let all_optional = parameters.iter().all(|p| !p.required);
    let fields = parameters.iter().map(|p| {
        let field = scope.unique(&p.name);
        let wire = &p.name;
        let ty = rust_type(ctx, &json_form(&p.ty));
        let doc = format!(" {}", one_line(&p.description));
        if p.required {
            quote! {
                #[doc = #doc]
                #[serde(rename = #wire)]
                pub #field: #ty,
            }
        } else {
            quote! {
                #[doc = #doc]
                #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
                pub #field: Option<#ty>,
            }
        }
    });
    let derives = if all_optional {
        quote!(#[derive(Debug, Clone, Default, serde::Serialize)])
    } else {
        quote!(#[derive(Debug, Clone, serde::Serialize)])
    };
    quote! {
        #[doc = #doc]
        #cfg
        #derives
        pub struct #name {
            #(#fields)*
            /// Parameters the docs do not list, sent as they are.
            #[serde(flatten, skip_serializing_if = "crate::runtime::AdditionalData::is_empty")]
            pub additional_data: crate::runtime::AdditionalData,
        }
    }
}

/// The field of a body struct that holds parameters the docs do not list.
pub const ADDITIONAL_DATA: &str = "additional_data";
