//! One struct per entity and complex type.
//!
//! ```text
//! #[doc = " description"]
//! #[cfg(feature = "...")]                  // from the cfg callback, when gated
//! #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
//! pub struct ConversationThread {
//!     #[serde(rename = "ccRecipients", skip_serializing_if = "Option::is_none")]
//!     pub cc_recipients: Option<Vec<crate::api::models::Recipient>>,
//!     #[cfg(feature = "...")]              // navigation field: gated like its target
//!     #[serde(skip_serializing_if = "Option::is_none")]
//!     pub posts: Option<Vec<crate::api::models::Post>>,
//!     #[serde(flatten)]
//!     pub additional_data: crate::runtime::AdditionalData,
//! }
//! ```
//!
//! Every property of the base chain is a field (base first), so a derived struct reads and
//! writes the whole object. Fields are `Option<T>`, `Option<Vec<T>>` for collections and
//! `Option<Box<T>>` where a struct recurses by value or for single navigation properties.
//! Undeclared properties, `@odata.type` and other annotations round-trip through
//! `additional_data`.
//!
//! Absent versus null in PATCH bodies: a `None` field is not serialized (absent). To send an
//! explicit `null`, leave the field `None` and insert `serde_json::Value::Null` under the wire
//! name into `additional_data`. That costs no generated code, unlike a second update struct or
//! `Nullable<T>` field types.

use super::docs::doc_attr;
use super::plan::Field;
use super::ModelContext;
use crate::emit::names::{Case, Scope, RESERVED_FIELD_NAMES};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct of type `key`.
pub fn emit_struct(cx: &ModelContext, key: &str) -> TokenStream {
    let Some(ty) = cx.plan.api().types.get(key) else {
        return TokenStream::new();
    };
    let Some(ident) = cx.map.names().type_ident(key) else {
        return TokenStream::new();
    };
    let fields = cx.plan.fields(key);
    let mut scope = Scope::with_reserved(Case::Snake, RESERVED_FIELD_NAMES);
    let idents = scope.assign(fields.iter().map(|f| f.wire));
    let own_cfg = (cx.cfg)(key);
    let field_tokens = fields.iter().map(|field| {
        let field_ident = &idents[field.wire];
        emit_field(cx, key, field, field_ident, &own_cfg)
    });
    let doc = doc_attr(&ty.description);
    quote! {
        #doc
        #own_cfg
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #ident {
            #(#field_tokens)*
            #[serde(flatten)]
            pub additional_data: crate::runtime::AdditionalData,
        }
    }
}

/// One field with its doc, gate and serde attributes.
fn emit_field(
    cx: &ModelContext,
    key: &str,
    field: &Field,
    ident: &syn::Ident,
    own_cfg: &TokenStream,
) -> TokenStream {
    let Some(item) = cx.map.item_type(&field.ty.ty) else {
        return TokenStream::new();
    };
    let ty = if field.ty.collection {
        quote!(Option<Vec<#item>>)
    } else if cx.plan.is_boxed(key, field.wire) {
        quote!(Option<Box<#item>>)
    } else {
        quote!(Option<#item>)
    };
    let cfg = match field.named() {
        Some(target) if field.navigation => {
            let target_cfg = (cx.cfg)(target);
            if target_cfg.to_string() == own_cfg.to_string() {
                TokenStream::new()
            } else {
                target_cfg
            }
        }
        _ => TokenStream::new(),
    };
    let serde = if ident.to_string().trim_start_matches("r#") == field.wire {
        quote!(#[serde(skip_serializing_if = "Option::is_none")])
    } else {
        let wire = field.wire;
        quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")])
    };
    let doc = doc_attr(field.description);
    quote! {
        #doc
        #cfg
        #serde
        pub #ident: #ty,
    }
}
