//! Request bodies of updates whose page names no type: a `PATCH` or `PUT` that sends a JSON
//! object (its examples do) to a path whose `GET` returns one resource sends that resource.

use crate::model::{HttpMethod, Operation, RequestBody, TypeRef, TypeUse};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Gives a resource body to every update that has none, sends an object in an example, and
/// shares a path with a `GET` of a single named type.
pub(crate) fn from_reads(operations: &mut [Operation]) {
    if !operations.iter().any(needs_body) {
        return;
    }
    // Paths of reads, in parallel; the map keeps the last read of a path, in operation order.
    let reads: Vec<(String, TypeUse)> = operations
        .par_iter()
        .filter(|op| op.method == HttpMethod::Get)
        .filter_map(|op| Some((op, single_named(op.response.body.as_ref()?)?)))
        .flat_map_iter(|(op, ty)| op.paths.iter().map(move |p| (p.normalized(), ty.clone())))
        .collect();
    let read: BTreeMap<String, TypeUse> = reads.into_iter().collect();
    for op in operations.iter_mut().filter(|op| needs_body(op)) {
        let found = op.paths.iter().find_map(|p| read.get(&p.normalized()));
        if let Some(ty) = found {
            op.request_body = Some(RequestBody::Resource { ty: ty.clone() });
        }
    }
}

fn needs_body(op: &Operation) -> bool {
    matches!(op.method, HttpMethod::Patch | HttpMethod::Put)
        && op.request_body.is_none()
        && op
            .examples
            .iter()
            .any(|e| e.request.method == op.method && e.request.sends_object())
}

fn single_named(ty: &TypeUse) -> Option<TypeUse> {
    (!ty.collection && matches!(ty.ty, TypeRef::Named(_))).then(|| ty.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Response;
    use crate::resolve::fixtures::example;
    use crate::resolve::operations::tests::blank_operation;
    use crate::resolve::paths::parse_template;

    fn op(method: HttpMethod, path: &str, body: Option<&str>) -> Operation {
        let mut sample = example("x.md", 1, method, path);
        sample.request.body = body.map(str::to_string);
        Operation {
            method,
            paths: vec![parse_template(path, &|_| false)],
            examples: vec![sample],
            ..blank_operation()
        }
    }

    #[test]
    fn updates_send_what_the_same_path_reads() {
        let branding = TypeUse {
            ty: TypeRef::Named("microsoft.graph.branding".into()),
            collection: false,
        };
        let mut get = op(HttpMethod::Get, "/org/{id}/branding", None);
        get.response = Response {
            status: 200,
            body: Some(branding.clone()),
        };
        let mut ops = [
            get,
            op(
                HttpMethod::Patch,
                "/org/{org-id}/branding",
                Some("{\"a\": 1}"),
            ),
            op(HttpMethod::Put, "/org/{id}/branding", None),
            op(HttpMethod::Patch, "/org/{id}/other", Some("{}")),
        ];
        from_reads(&mut ops);
        let sent = RequestBody::Resource { ty: branding };
        assert_eq!(ops[1].request_body, Some(sent), "same path, other key name");
        assert_eq!(ops[2].request_body, None, "no example sends an object");
        assert_eq!(ops[3].request_body, None, "no GET of that path");
    }
}
