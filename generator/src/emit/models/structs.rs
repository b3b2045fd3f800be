//! One struct per entity and complex type.
//!
//! ```text
//! #[doc = " description"]
//! #[cfg(feature = "...")]                  // from the cfg callback, when gated
//! #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
//! pub struct ConversationThread {
//!     #[serde(rename = "ccRecipients", skip_serializing_if = "Option::is_none")]
//!     pub cc_recipients: Option<Vec<crate::api::models::Recipient>>,
//!     #[cfg(feature = "...")]              // navigation field: gated like its target
//!     #[serde(skip_serializing_if = "Option::is_none")]
//!     pub posts: Option<Vec<crate::api::models::Post>>,
//!     #[serde(flatten)]
//!     pub additional_data: crate::runtime::AdditionalData,
//! }
//! impl crate::runtime::FromObject for ConversationThread {
//!     fn from_object(mut object: crate::runtime::JsonObject) -> Result<Self, serde_json::Error> {
//!         Ok(Self { cc_recipients: object.take("ccRecipients")?, /* … */
//!                   additional_data: object.into_rest() })
//!     }
//! }
//! impl<'de> serde::Deserialize<'de> for ConversationThread { /* runtime::deserialize_object */ }
//! ```
//!
//! Reading goes through the runtime's `FromObject` (`generated/src/runtime/types/object.rs`) rather
//! than a derived `Deserialize`: the derive's per-struct visitor, generic over the deserializer,
//! was most of the generated crate's compile time and memory.
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
    let emitted: Vec<EmittedField> = fields
        .iter()
        .filter_map(|field| emit_field(cx, key, field, &idents[field.wire], &own_cfg))
        .collect();
    let field_tokens = emitted.iter().map(|f| &f.tokens);
    let doc = doc_attr(&ty.description);
    let reader = from_object(ident, &own_cfg, &emitted);
    quote! {
        #doc
        #own_cfg
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        pub struct #ident {
            #(#field_tokens)*
            #[serde(flatten)]
            pub additional_data: crate::runtime::AdditionalData,
        }
        #reader
    }
}

/// A field as emitted: its tokens in the struct, and what reading it needs.
struct EmittedField<'a> {
    tokens: TokenStream,
    cfg: TokenStream,
    ident: &'a syn::Ident,
    wire: &'a str,
}

/// `FromObject` (every declared property by wire name, the rest into `additional_data`) and the
/// `Deserialize` glue over it.
fn from_object(ident: &syn::Ident, own_cfg: &TokenStream, fields: &[EmittedField]) -> TokenStream {
    let takes = fields.iter().map(|f| {
        let (cfg, field, wire) = (&f.cfg, f.ident, f.wire);
        quote!(#cfg #field: object.take(#wire)?,)
    });
    // With no field, or every field gated off, `object` is never taken from.
    let allow = (fields.is_empty() || fields.iter().any(|f| !f.cfg.is_empty()))
        .then(|| quote!(#[allow(unused_mut)]));
    quote! {
        #own_cfg
        impl crate::runtime::FromObject for #ident {
            #allow
            fn from_object(
                mut object: crate::runtime::JsonObject,
            ) -> ::core::result::Result<Self, crate::runtime::__private::serde_json::Error> {
                ::core::result::Result::Ok(Self {
                    #(#takes)*
                    additional_data: object.into_rest(),
                })
            }
        }
        #own_cfg
        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }
    }
}

/// One field with its doc, gate and serde attributes.
fn emit_field<'a>(
    cx: &ModelContext,
    key: &str,
    field: &Field<'a>,
    ident: &'a syn::Ident,
    own_cfg: &TokenStream,
) -> Option<EmittedField<'a>> {
    let item = cx.map.item_type(&field.ty.ty)?;
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
    let tokens = quote! {
        #doc
        #cfg
        #serde
        pub #ident: #ty,
    };
    Some(EmittedField {
        tokens,
        cfg,
        ident,
        wire: field.wire,
    })
}
