//! The response half of an example's test: what the server answers, what the SDK is expected
//! to return, and the defects of the docs found in the example response.

use super::body::http_value;
use super::body::{pretty, usable_json, Expected};
use super::plan::header_name;
use super::record::Cause;
use super::suffix::Suffix;
use super::validate::{apply_repairs, Finding, FindingKind, Validator};
use crate::emit::builders::BuilderContext;
use crate::model::{Example, HttpMethod, Operation, Primitive, ResponseShape, TypeRef, TypeUse};
use serde_json::Value;

/// What the SDK returns for an operation (from `Operation::response_shape`, as the builders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Returns {
    Nothing,
    Bytes,
    Json,
    /// JSON when the answer has a body, nothing otherwise (updates, `202 Accepted`).
    MaybeJson,
    /// A `/$count` call: a number (`text/plain`).
    Count,
}

fn returns(op: &Operation, suffix: &Suffix, example: &Example) -> Returns {
    if suffix.count {
        return Returns::Count;
    }
    if op.method == HttpMethod::Get && is_raw_value(&example.request.path) {
        // The call goes through the `/$value` template (`Operation::response_shape_at`).
        return Returns::Bytes;
    }
    match op.response_shape() {
        ResponseShape::Nothing | ResponseShape::Accepted(None) => Returns::Nothing,
        ResponseShape::Stream => Returns::Bytes,
        ResponseShape::Body(_) => Returns::Json,
        ResponseShape::Optional(_) | ResponseShape::Accepted(Some(_)) => Returns::MaybeJson,
    }
}

pub(super) struct ResponsePlan {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Expected,
    pub docs: Option<(Cause, String)>,
    pub repaired: usize,
    pub json_repaired: bool,
    /// The example shows no response; an empty object (or a zero count) was served.
    pub not_shown: bool,
}

/// The response of an example of `op`, called with `suffix`.
pub(super) fn response_plan(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    suffix: &Suffix,
    example: &Example,
) -> ResponsePlan {
    let returns = returns(op, suffix, example);
    let shows_body = matches!(returns, Returns::Json | Returns::Count);
    let default_status = if (200..600).contains(&op.response.status) {
        op.response.status
    } else {
        200
    };
    let missing = |status| ResponsePlan {
        status,
        headers: Vec::new(),
        body: Expected::None,
        docs: shows_body.then(|| match status {
            204 => (
                Cause::ContradictsType,
                "the example answers 204 No Content; the response section documents a body"
                    .to_string(),
            ),
            _ => (
                Cause::ResponseMissing,
                "the example shows no response body".to_string(),
            ),
        }),
        repaired: 0,
        json_repaired: false,
        not_shown: false,
    };
    let Some(response) = &example.response else {
        // No response block at all: the request half is still checked; the server answers an
        // empty object, which the documented type must read.
        let mut plan = missing(default_status);
        if shows_body && default_status != 204 {
            let served = if returns == Returns::Count { "0" } else { "{}" };
            plan.body = Expected::Json(served.to_string());
            plan.not_shown = true;
        }
        return plan;
    };
    let status = if (200..600).contains(&response.status) {
        response.status
    } else {
        default_status
    };
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .filter(|(n, v)| header_name(n.trim()) && http_value(v.trim()))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let Some(text) = response
        .body
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return ResponsePlan {
            headers,
            ..missing(status)
        };
    };
    let (text, json_repair) = if returns == Returns::Bytes {
        (text.to_string(), None)
    } else {
        usable_json(text)
    };
    let json_repaired = json_repair.is_some();
    let text = text.as_str();
    let mut value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(e) => {
            let docs = (returns != Returns::Bytes).then(|| {
                (
                    Cause::ResponseBodyNotJson,
                    format!("the response body is not JSON: {e}"),
                )
            });
            return ResponsePlan {
                status,
                headers,
                body: Expected::Text(text.to_string()),
                docs,
                repaired: 0,
                json_repaired: false,
                not_shown: false,
            };
        }
    };
    if status == 204 && is_empty_json(&value) {
        // `{}` under a 204: nothing to carry, and HTTP sends no body with a 204.
        return ResponsePlan {
            status,
            headers,
            ..missing(status)
        };
    }
    let success = (200..300).contains(&status);
    let mut repaired = 0;
    let docs = match returns {
        _ if status == 204 => Some((
            Cause::ContradictsType,
            "the example answers 204 No Content, which has no body, but shows one".to_string(),
        )),
        Returns::Json | Returns::MaybeJson if success => {
            let ty = suffix.response_type(op);
            match ty.as_ref().filter(|t| is_single_primitive(t)) {
                // The SDK reads a single primitive result from its `{"value": …}` envelope.
                Some(ty) => match value.get_mut("value") {
                    Some(inner) => {
                        let (docs, findings) = response_findings(ctx, Some(ty), inner);
                        repaired = apply_repairs(inner, &findings);
                        docs
                    }
                    _ => Some((
                        Cause::ContradictsType,
                        "a single primitive result is answered as `{\"value\": …}`, but the \
                         example shows another body"
                            .to_string(),
                    )),
                },
                None => {
                    let (docs, findings) = response_findings(ctx, ty.as_ref(), &value);
                    repaired = apply_repairs(&mut value, &findings);
                    docs
                }
            }
        }
        Returns::Count if success && !value.is_u64() => Some((
            Cause::ContradictsType,
            "a `$count` request answers a number, but the example shows another body".to_string(),
        )),
        Returns::Nothing if success && !value.is_null() => Some((
            Cause::ContradictsType,
            "the response section documents no body, but the example shows one".to_string(),
        )),
        _ => None,
    };
    let body = if repaired > 0 {
        pretty(&value)
    } else {
        text.to_string()
    };
    let docs = docs.or(json_repair.map(|(_, detail)| {
        (
            Cause::ResponseBodyNotJson,
            detail.replace("request", "response"),
        )
    }));
    ResponsePlan {
        status,
        headers,
        body: Expected::Json(body),
        docs,
        repaired,
        json_repaired,
        not_shown: false,
    }
}

/// Whether an example path reads `/$value`, raw content.
fn is_raw_value(path: &str) -> bool {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    last.eq_ignore_ascii_case("$value")
}

/// `{}` or `null`: a body that carries nothing.
fn is_empty_json(value: &Value) -> bool {
    value.is_null() || value.as_object().is_some_and(|o| o.is_empty())
}

/// A single primitive result (not a stream, not untyped JSON): the SDK reads it from its
/// `{"value": …}` envelope (mirrors `builders::operations::response_type`).
fn is_single_primitive(ty: &TypeUse) -> bool {
    !ty.collection
        && matches!(ty.ty, TypeRef::Primitive(p) if !matches!(p, Primitive::Stream | Primitive::Json))
}

/// The first contradiction between a response body and the documented response type, and
/// every finding (for repairs).
fn response_findings(
    ctx: &BuilderContext<'_>,
    ty: Option<&TypeUse>,
    value: &Value,
) -> (Option<(Cause, String)>, Vec<Finding>) {
    let Some(ty) = ty else {
        return (None, Vec::new());
    };
    let unknown = match &ty.ty {
        TypeRef::Unresolved(name) => Some(name.as_str()),
        TypeRef::Named(key)
            if !ctx.api.types.contains_key(key) && !ctx.api.enums.contains_key(key) =>
        {
            Some(key.as_str())
        }
        _ => None,
    };
    if let Some(name) = unknown {
        let detail = format!("the response type `{name}` is not documented");
        return (Some((Cause::UnknownType, detail)), Vec::new());
    }
    let validator = Validator::new(ctx.api);
    let findings: Vec<Finding> = if ty.collection {
        validator.check_collection_page(value, &ty.ty)
    } else {
        validator.check(value, ty)
    };
    let first = findings.first().map(|f| {
        let cause = match f.kind {
            FindingKind::UnknownType(_) => Cause::UnknownType,
            FindingKind::Contradicts { .. } => Cause::ContradictsType,
        };
        (cause, f.describe())
    });
    (first, findings)
}
