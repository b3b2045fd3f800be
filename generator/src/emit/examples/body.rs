//! The request body of an example as the code a user writes: the example JSON read into the
//! typed model (`serde_json::from_str`), an action's body struct filled field by field, or the
//! raw bytes of an upload. The typed body is what gets sent, so the server sees the model's own
//! serialization, never the docs' text.

use super::record::Cause;
use super::validate::Validator;
use super::{raw_string, Skip};
use crate::emit::builders::BuilderContext;
use crate::emit::names::{Case, Scope};
use crate::model::{Example, Operation, Parameter, Primitive, RequestBody, TypeRef, TypeUse};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// What the example sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    None,
    Json(String),
    Text(String),
}

/// The body part of an example's code.
pub struct BodyCode {
    /// Statements before the call (`let body = ...;`).
    pub stmts: Vec<TokenStream>,
    /// Arguments of the operation method (`&body`).
    pub args: Vec<TokenStream>,
    /// What the server expects.
    pub expected: Expected,
    /// A defect of the docs in the request half (cause, detail).
    pub docs: Option<(Cause, String)>,
}

/// Builds the body code of `example` for `op` (whose body struct, for actions, is `body_ident`).
pub fn body_code(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    body_ident: Option<&Ident>,
    example: &Example,
) -> Result<BodyCode, Skip> {
    let text = example
        .request
        .body
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match (&op.request_body, text) {
        (Some(RequestBody::Stream), text) => Ok(stream(example, text.unwrap_or_default())),
        (Some(RequestBody::Resource { ty }), text) => resource(ctx, ty, text),
        (Some(RequestBody::Parameters { parameters }), text) => match body_ident {
            Some(ident) => parameters_body(ctx, ident, parameters, text),
            None => Ok(undocumented(text)),
        },
        (None, text) => Ok(undocumented(text)),
    }
}

fn parse(text: &str) -> Result<Value, Skip> {
    serde_json::from_str(text).map_err(|e| {
        Skip::docs(
            Cause::RequestBodyNotJson,
            format!("the request body is not JSON: {e}"),
        )
    })
}

/// A body the operation does not take: nothing is sent; if the example shows one, the server
/// expects it and the mismatch is the page's.
fn undocumented(text: Option<&str>) -> BodyCode {
    let docs = text.map(|_| {
        (
            Cause::ContradictsType,
            "the example sends a body but the page documents none".to_string(),
        )
    });
    BodyCode {
        stmts: Vec::new(),
        args: Vec::new(),
        expected: match text {
            Some(t) if serde_json::from_str::<Value>(t).is_ok() => Expected::Json(t.to_string()),
            Some(t) => Expected::Text(t.to_string()),
            None => Expected::None,
        },
        docs,
    }
}

fn stream(example: &Example, text: &str) -> BodyCode {
    let content_type = example
        .request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| http_value(v))
        .unwrap_or_else(|| "application/octet-stream".to_string());
    let data = raw_string(text);
    let ct = Literal::string(&content_type);
    BodyCode {
        stmts: vec![quote!(let data = #data.as_bytes().to_vec();)],
        args: vec![quote!(data), quote!(#ct)],
        expected: Expected::Text(text.to_string()),
        docs: None,
    }
}

/// Whether text is a valid HTTP header value.
pub fn http_value(text: &str) -> bool {
    text.bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// A resource body: the example JSON read into the model type the method takes.
fn resource(ctx: &BuilderContext<'_>, ty: &TypeUse, text: Option<&str>) -> Result<BodyCode, Skip> {
    if ty.ty == TypeRef::Primitive(Primitive::Stream) {
        return Err(Skip::ours(
            Cause::NotGenerated,
            "a stream body typed as a resource",
        ));
    }
    let (json, expected) = match text {
        Some(text) => (text.to_string(), Expected::Json(text.to_string())),
        None if ty.collection => ("[]".to_string(), Expected::None),
        None => ("{}".to_string(), Expected::None),
    };
    let value = parse(&json)?;
    let findings = Validator::new(ctx.api).check(&value, ty);
    let docs = findings
        .first()
        .map(|f| (Cause::ContradictsType, f.describe()));
    let lit = raw_string(&json);
    let stmt = if ty.collection {
        let item = crate::emit::type_map::TypeMap::new(ctx.names)
            .item_type(&ty.ty)
            .map(super::rebase)
            .ok_or_else(|| Skip::ours(Cause::NotGenerated, "a collection body of streams"))?;
        quote!(let body: Vec<#item> = serde_json::from_str(#lit)?;)
    } else {
        quote!(let body = serde_json::from_str(#lit)?;)
    };
    Ok(BodyCode {
        stmts: vec![stmt],
        args: vec![quote!(&body)],
        expected,
        docs,
    })
}

/// An action body: the body struct with one field per documented parameter.
fn parameters_body(
    ctx: &BuilderContext<'_>,
    ident: &Ident,
    parameters: &[Parameter],
    text: Option<&str>,
) -> Result<BodyCode, Skip> {
    let value = parse(text.unwrap_or("{}"))?;
    let Value::Object(object) = &value else {
        return Err(Skip::docs(
            Cause::ContradictsType,
            "the request body is not a JSON object of parameters",
        ));
    };
    let validator = Validator::new(ctx.api);
    let mut docs = None;
    let mut scope = Scope::new(Case::Snake);
    let mut fields = Vec::new();
    for p in parameters {
        let field = scope.unique(&p.name);
        let given = object.get(&p.name).or_else(|| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&p.name))
                .map(|(_, v)| v)
        });
        let value = match given {
            None | Some(Value::Null) if p.required => {
                return Err(Skip::docs(
                    Cause::ContradictsType,
                    format!(
                        "required parameter `{}` is missing from the example body",
                        p.name
                    ),
                ))
            }
            None | Some(Value::Null) => quote!(None),
            Some(v) => {
                if let Some(f) = validator.check(v, &p.ty).first() {
                    docs.get_or_insert((
                        Cause::ContradictsType,
                        format!("{}{}", p.name, f.describe()),
                    ));
                }
                let expr = field_value(&p.ty, v);
                if p.required {
                    expr
                } else {
                    quote!(Some(#expr))
                }
            }
        };
        fields.push(quote!(#field: #value));
    }
    for key in object.keys() {
        if !parameters.iter().any(|p| p.name.eq_ignore_ascii_case(key)) {
            docs.get_or_insert((
                Cause::ContradictsType,
                format!("the example sends `{key}`, which is not in the parameters table"),
            ));
        }
    }
    Ok(BodyCode {
        stmts: vec![quote! {
            let body = msgraph::api::bodies::#ident {
                #(#fields),*
            };
        }],
        args: vec![quote!(&body)],
        expected: match text {
            Some(t) => Expected::Json(t.to_string()),
            None => Expected::None,
        },
        docs,
    })
}

/// A field value: plain literals for strings, booleans and small integers, the model read from
/// JSON otherwise.
fn field_value(ty: &TypeUse, value: &Value) -> TokenStream {
    if !ty.collection {
        match (&ty.ty, value) {
            (TypeRef::Primitive(Primitive::String), Value::String(s)) => {
                let lit = Literal::string(s);
                return quote!(#lit.to_string());
            }
            (TypeRef::Primitive(Primitive::Boolean), Value::Bool(b)) => return quote!(#b),
            (TypeRef::Primitive(Primitive::Int32), Value::Number(n)) => {
                if let Some(v) = n.as_i64().and_then(|v| i32::try_from(v).ok()) {
                    let lit = Literal::i32_unsuffixed(v);
                    return quote!(#lit);
                }
            }
            _ => {}
        }
    }
    let lit = raw_string(&value.to_string());
    quote!(serde_json::from_str(#lit)?)
}
