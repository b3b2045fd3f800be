//! The request body of an example as the code a user writes: the example JSON read into the
//! typed model (`serde_json::from_str`), an action's body struct filled field by field, or the
//! raw bytes of an upload. The typed body is what gets sent, so the server sees the model's own
//! serialization, never the docs' text.

use super::record::Cause;
use super::validate::{apply_repairs, repair_json, Validator};
use super::{raw_string, Skip};
use crate::emit::builders::{BuilderContext, ADDITIONAL_DATA};
use crate::emit::names::{Case, Scope};
use crate::model::{
    Example, HttpMethod, Operation, Parameter, Primitive, RequestBody, TypeRef, TypeUse,
};
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
    /// Placeholder values replaced by valid stand-ins (see `validate::apply_repairs`).
    pub repaired: usize,
    /// The body text was not JSON until trailing commas or comments were removed.
    pub json_repaired: bool,
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
    if let (Some(RequestBody::Stream), text) = (&op.request_body, text) {
        return Ok(stream(example, text.unwrap_or_default()));
    }
    let (fixed, repair) = match text.map(usable_json) {
        Some((fixed, repair)) => (Some(fixed), repair),
        None => (None, None),
    };
    let text = fixed.as_deref();
    let mut code = match (&op.request_body, text) {
        (Some(RequestBody::Resource { ty }), text) => resource(ctx, ty, text),
        (Some(RequestBody::Parameters { parameters }), text) => match body_ident {
            Some(ident) => parameters_body(ctx, ident, parameters, text),
            None => undocumented(op, text),
        },
        (_, text) => undocumented(op, text),
    }?;
    code.json_repaired = repair.is_some();
    code.docs = code.docs.or(repair);
    Ok(code)
}

fn parse(text: &str) -> Result<Value, Skip> {
    serde_json::from_str(text).map_err(|e| {
        Skip::docs(
            Cause::RequestBodyNotJson,
            format!("the request body is not JSON: {e}"),
        )
    })
}

/// The request body text, with trailing commas and comments removed when that makes it JSON
/// (a docs defect all the same: the returned detail becomes a GEN060 note).
pub fn usable_json(text: &str) -> (String, Option<(Cause, String)>) {
    if serde_json::from_str::<Value>(text).is_ok() {
        return (text.to_string(), None);
    }
    match repair_json(text).filter(|t| serde_json::from_str::<Value>(t).is_ok()) {
        Some(fixed) => {
            let detail = "the request body is not JSON (trailing commas or comments; repaired)";
            (fixed, Some((Cause::RequestBodyNotJson, detail.to_string())))
        }
        None => (text.to_string(), None),
    }
}

/// A body the operation does not take: nothing is sent; if the example shows one, the server
/// expects it. For a GET or DELETE the page is wrong to show one; for other methods the SDK
/// method lacks the body parameter (the page documents the body in a way we do not read), a
/// failure of ours.
fn undocumented(op: &Operation, text: Option<&str>) -> Result<BodyCode, Skip> {
    let Some(text) = text else {
        return Ok(BodyCode {
            stmts: Vec::new(),
            args: Vec::new(),
            expected: Expected::None,
            docs: None,
            repaired: 0,
            json_repaired: false,
        });
    };
    parse(text)?;
    let docs = matches!(op.method, HttpMethod::Get | HttpMethod::Delete).then(|| {
        (
            Cause::ContradictsType,
            format!("a {} example with a request body", op.method.as_str()),
        )
    });
    Ok(BodyCode {
        stmts: Vec::new(),
        args: Vec::new(),
        expected: Expected::Json(text.to_string()),
        docs,
        repaired: 0,
        json_repaired: false,
    })
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
        repaired: 0,
        json_repaired: false,
    }
}

/// JSON text, indented.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
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
    let (mut json, mut expected) = match text {
        Some(text) => (text.to_string(), Expected::Json(text.to_string())),
        None if ty.collection => ("[]".to_string(), Expected::None),
        None => ("{}".to_string(), Expected::None),
    };
    let mut value = parse(&json)?;
    let findings = Validator::new(ctx.api).check(&value, ty);
    let docs = findings
        .first()
        .map(|f| (Cause::ContradictsType, f.describe()));
    let repaired = apply_repairs(&mut value, &findings);
    if repaired > 0 {
        json = pretty(&value);
        expected = Expected::Json(json.clone());
    }
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
        repaired,
        json_repaired: false,
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
    let mut scope = Scope::with_reserved(Case::Snake, &[ADDITIONAL_DATA]);
    let mut fields = Vec::new();
    let mut repaired = 0;
    let mut sent = object.clone();
    for p in parameters {
        let field = scope.unique(&p.name);
        if !object.contains_key(&p.name) {
            if let Some(key) = object.keys().find(|k| k.eq_ignore_ascii_case(&p.name)) {
                docs.get_or_insert((
                    Cause::ContradictsType,
                    format!(
                        "the example sends `{key}`; the parameters table says `{}`",
                        p.name
                    ),
                ));
            }
        }
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
                let findings = validator.check(v, &p.ty);
                if let Some(f) = findings.first() {
                    docs.get_or_insert((
                        Cause::ContradictsType,
                        format!("parameter `{}`: {}", p.name, f.describe()),
                    ));
                }
                let mut v = v.clone();
                let fixed = apply_repairs(&mut v, &findings);
                if fixed > 0 {
                    repaired += fixed;
                    if let Some(key) = object.keys().find(|k| k.eq_ignore_ascii_case(&p.name)) {
                        sent.insert(key.clone(), v.clone());
                    }
                }
                let expr = field_value(&p.ty, &v);
                if p.required {
                    expr
                } else {
                    quote!(Some(#expr))
                }
            }
        };
        fields.push(quote!(#field: #value));
    }
    // Parameters the table does not list travel in `additional_data`, as the example sends them.
    let mut extra = Vec::new();
    for (key, value) in object {
        if !parameters.iter().any(|p| p.name.eq_ignore_ascii_case(key)) {
            docs.get_or_insert((
                Cause::ContradictsType,
                format!("the example sends `{key}`, which is not in the parameters table"),
            ));
            let name = Literal::string(key);
            let json = raw_string(&value.to_string());
            extra.push(quote!((#name.to_string(), serde_json::from_str(#json)?)));
        }
    }
    let additional = Ident::new(ADDITIONAL_DATA, proc_macro2::Span::call_site());
    let rest = match (extra.is_empty(), parameters.iter().all(|p| !p.required)) {
        (true, true) => quote!(..Default::default()),
        (true, false) => quote!(#additional: Default::default(),),
        (false, _) => quote!(#additional: [#(#extra),*].into_iter().collect(),),
    };
    Ok(BodyCode {
        stmts: vec![quote! {
            let body = msgraph::api::bodies::#ident {
                #(#fields,)*
                #rest
            };
        }],
        args: vec![quote!(&body)],
        expected: match text {
            Some(_) if repaired > 0 => Expected::Json(pretty(&Value::Object(sent))),
            Some(t) => Expected::Json(t.to_string()),
            None => Expected::None,
        },
        docs,
        repaired,
        json_repaired: false,
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
