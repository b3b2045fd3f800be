//! OData suffixes an example URL adds to a collection: a cast to a derived type
//! (`/members/microsoft.graph.user`) and the `/$count` segment, in that order. The resolver ties
//! such URLs to the collection's list operation ("$count and cast aliases"); the example's call
//! then goes through the runtime's generic `Request<Collection<T>>::cast` and `item_count`.

use super::compare_url::percent_decode;
use super::rebase;
use super::record::Cause;
use super::tie::fits_template;
use super::Skip;
use crate::emit::builders::BuilderContext;
use crate::emit::type_map::TypeMap;
use crate::model::{Example, HttpMethod, Operation, PathTemplate, ResponseShape, TypeRef, TypeUse};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// What the example URL adds after its operation's template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suffix {
    /// The lower-cased qualified key of the derived type cast to (`microsoft.graph.user`).
    pub cast: Option<String>,
    /// `/$count`: the call returns the number of items.
    pub count: bool,
}

impl Suffix {
    pub fn is_empty(&self) -> bool {
        self.cast.is_none() && !self.count
    }

    /// The runtime calls after the operation method: `.cast::<T>("...")`, `.item_count()`.
    pub fn calls(&self, ctx: &BuilderContext<'_>) -> Result<TokenStream, Skip> {
        let mut out = TokenStream::new();
        if let Some(key) = &self.cast {
            let ty = TypeMap::new(ctx.names)
                .item_type(&TypeRef::Named(key.clone()))
                .map(rebase)
                .ok_or_else(|| {
                    Skip::ours(Cause::NotGenerated, format!("no Rust type for `{key}`"))
                })?;
            let name = Literal::string(&cast_name(ctx, key));
            out.extend(quote!(.cast::<#ty>(#name)));
        }
        if self.count {
            out.extend(quote!(.item_count()));
        }
        Ok(out)
    }

    /// The response type of the call: the cast type's collection, or `None` for a count.
    pub fn response_type(&self, op: &Operation) -> Option<TypeUse> {
        if self.count {
            return None;
        }
        match &self.cast {
            Some(key) => Some(TypeUse {
                ty: TypeRef::Named(key.clone()),
                collection: true,
            }),
            None => op.response_shape().json_type().cloned(),
        }
    }
}

/// The qualified type name as the docs declare it (`microsoft.graph.user`).
fn cast_name(ctx: &BuilderContext<'_>, key: &str) -> String {
    ctx.api
        .types
        .get(key)
        .map(|t| format!("{}.{}", t.namespace, t.name))
        .unwrap_or_else(|| key.to_string())
}

/// The suffix of an example tied to a GET of a collection through `template`: empty when the
/// URL fits the template as written or carries no such suffix.
pub fn suffix_of(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    template: &PathTemplate,
    example: &Example,
) -> Result<Suffix, Skip> {
    let path = example.request.path.trim_end_matches('/');
    if op.method != HttpMethod::Get
        || !returns_json_collection(op)
        || fits_template(template, path) != Some(false)
    {
        return Ok(Suffix::default());
    }
    let mut rest = path;
    let mut suffix = Suffix::default();
    if let Some((head, last)) = rest.rsplit_once('/') {
        if percent_decode(last, false) == "$count" {
            suffix.count = true;
            rest = head;
        }
    }
    if let Some((head, last)) = rest.rsplit_once('/') {
        let last = percent_decode(last, false).to_ascii_lowercase();
        if last.starts_with("microsoft.graph.") {
            suffix.cast = Some(last);
            rest = head;
        }
    }
    if suffix.is_empty() || fits_template(template, rest) != Some(true) {
        return Ok(Suffix::default());
    }
    if let Some(key) = &suffix.cast {
        if !ctx.api.types.contains_key(key) {
            return Err(Skip::docs(
                Cause::UnknownType,
                format!("the URL casts to `{key}`, which the docs do not define"),
            ));
        }
    }
    Ok(suffix)
}

/// Whether the builders return a `Collection` for `op`: the runtime's `$count` and cast calls
/// exist on those requests only.
fn returns_json_collection(op: &Operation) -> bool {
    matches!(op.response_shape(), ResponseShape::Body(ty) if ty.collection)
}
