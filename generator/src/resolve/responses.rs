//! The documented success response of an operation: status and returned type, from the
//! page's response section, its example annotations, or what the request addresses.

use super::operations::{resolve_raw, Site};
use super::type_refs::TypeIndex;
use crate::diag::Diagnostics;
use crate::docs::ApiPage;
use crate::model::{HttpMethod, OperationKind, Primitive, Response, TypeRef, TypeUse};

/// The response of the page's operation with `method` on a path addressing `target`.
pub(super) fn response(
    api: &ApiPage,
    method: HttpMethod,
    kind: OperationKind,
    target: Option<&TypeUse>,
    site: &Site,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> Response {
    let stated = api
        .response
        .ty
        .as_ref()
        .map(|raw| resolve_raw(raw, site, index, diags));
    let from_example = || {
        let example = api
            .examples
            .iter()
            .find_map(|e| e.response.as_ref().filter(|r| r.odata_type.is_some()))?;
        let name = example.odata_type.as_deref()?;
        let found = index.lookup(name, &site.0)?;
        Some(TypeUse {
            ty: TypeRef::Named(found),
            collection: example.is_collection,
        })
    };
    // Prose that names a primitive loses to an example annotation that names a defined type:
    // the annotation is what the docs tooling checks the example data against.
    let mut body = match stated {
        Some(ty) if matches!(ty.ty, TypeRef::Primitive(_)) => from_example().or(Some(ty)),
        stated => stated.or_else(from_example),
    };
    // An action or function, or a POST to a path of no known type (an unmarked action).
    let acts = kind != OperationKind::Crud || (method == HttpMethod::Post && target.is_none());
    if body.is_none() && acts {
        body = api.examples.iter().find_map(|e| {
            let text = e.response.as_ref()?.body.as_deref()?;
            primitive_value(text)
        });
    }
    if body.is_none() && method == HttpMethod::Get && api.examples.iter().any(answers_binary) {
        body = Some(TypeUse {
            ty: TypeRef::Primitive(Primitive::Stream),
            collection: false,
        });
    }
    let status = api
        .response
        .status
        .unwrap_or_else(|| default_status(method, kind, body.is_some()));
    if body.is_none() && status != 204 && kind == OperationKind::Crud {
        body = addressed_response(method, target);
    }
    if status == 204 {
        body = None;
    }
    Response { status, body }
}

/// Whether an example answers with a body of a content type other than JSON or text
/// (`application/octet-stream`, `image/png`): raw content.
fn answers_binary(example: &crate::model::Example) -> bool {
    let Some(response) = &example.response else {
        return false;
    };
    let content_type = response
        .headers
        .iter()
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.trim().to_ascii_lowercase());
    response.body.is_some()
        && content_type.is_some_and(|t| !t.contains("json") && !t.starts_with("text/"))
}

/// The type of a single primitive result an example answers as `{"value": true}`, for an
/// action or function whose page names no return type (only in prose: "a `true` value").
fn primitive_value(body: &str) -> Option<TypeUse> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let object = value.as_object()?;
    let mut keys = object.keys().filter(|k| !k.starts_with('@'));
    if keys.next().map(String::as_str) != Some("value") || keys.next().is_some() {
        return None;
    }
    let primitive = match &object["value"] {
        serde_json::Value::Bool(_) => Primitive::Boolean,
        serde_json::Value::String(_) => Primitive::String,
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => Primitive::Int64,
        serde_json::Value::Number(_) => Primitive::Double,
        _ => return None,
    };
    Some(TypeUse {
        ty: TypeRef::Primitive(primitive),
        collection: false,
    })
}

/// The addressed entity as a response type: GET returns it as addressed, POST the created element.
fn addressed_response(method: HttpMethod, target: Option<&TypeUse>) -> Option<TypeUse> {
    let target = target.filter(|t| matches!(t.ty, TypeRef::Named(_)))?;
    match method {
        HttpMethod::Get => Some(target.clone()),
        HttpMethod::Post => Some(TypeUse {
            collection: false,
            ..target.clone()
        }),
        _ => None,
    }
}

/// Default success status: GET 200, POST 201 (actions 200, or 204 without a body), PATCH/PUT 200
/// with a body else 204, DELETE 204.
fn default_status(method: HttpMethod, kind: OperationKind, has_body: bool) -> u16 {
    match (method, kind) {
        (HttpMethod::Get, _) => 200,
        (HttpMethod::Post, OperationKind::Crud) => 201,
        (HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put, _) if has_body => 200,
        _ => 204,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_primitive_results_are_read_from_example_answers() {
        let ty = |text: &str| primitive_value(text).map(|t| t.ty);
        let boolean = TypeRef::Primitive(Primitive::Boolean);
        assert_eq!(ty(r#"{"value": true}"#), Some(boolean));
        let context = r#"{"@odata.context": "x", "value": "iVBOR"}"#;
        assert_eq!(ty(context), Some(TypeRef::Primitive(Primitive::String)));
        assert_eq!(
            ty(r#"{"value": 3}"#),
            Some(TypeRef::Primitive(Primitive::Int64))
        );
        assert_eq!(
            ty(r#"{"value": []}"#),
            None,
            "a collection is no single value"
        );
        assert_eq!(ty(r#"{"value": true, "id": "1"}"#), None, "an object");
        assert_eq!(ty("not json"), None);
    }

    #[test]
    fn binary_answers_are_told_by_their_content_type() {
        use crate::resolve::fixtures::example;
        let answer = |content_type: &str| {
            let mut e = example("api/x.md", 3, HttpMethod::Get, "/x/content");
            e.response = Some(crate::model::ExampleResponse {
                status: 200,
                headers: vec![("Content-Type".into(), content_type.into())],
                body: Some("...binary data...".into()),
                odata_type: None,
                is_collection: false,
                truncated: false,
                source: e.source.clone(),
            });
            answers_binary(&e)
        };
        assert!(answer("application/octet-stream"));
        assert!(answer("image/jpeg"));
        assert!(!answer("application/json; odata.metadata=minimal"));
        assert!(!answer("text/plain"));
    }
}
