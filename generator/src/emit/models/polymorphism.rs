//! `Any<Base>` enums: a base type and every type derived from it, chosen by `@odata.type`.
//!
//! Emitted only for base types that have derived types and are used as a field type or in an
//! operation signature ([`ModelPlan::poly_bases`](super::plan::ModelPlan::poly_bases)); fields and
//! responses of such a type use the enum. The shape follows the runtime's `graph_polymorphic!`
//! (same variants, `odata_type()`, deserialize by `@odata.type` case-insensitively, fall back to
//! the base struct keeping unknown data, serialize adding the variant's `@odata.type`), written
//! out here because each derived variant carries the `#[cfg]` of its own type: derived entity
//! types are not part of the base type's feature closure.
//!
//! Variants hold `Box`es so the enum stays small and adds no by-value recursion.

use super::docs::doc_attr;
use super::ModelContext;
use proc_macro2::TokenStream;
use quote::quote;

/// One variant: its identifier, boxed type, `@odata.type` and gate.
struct Variant {
    ident: syn::Ident,
    ty: TokenStream,
    odata_type: String,
    /// The lower-cased qualified name matched against the normalised tag.
    tag: String,
    cfg: TokenStream,
}

/// The `Any<Base>` enum of base type `key`, or nothing if it has none.
pub fn emit_polymorphic(cx: &ModelContext, key: &str) -> TokenStream {
    let names = cx.map.names();
    let (Some(poly), Some(base_ident), Some(base_path), Some(base)) = (
        names.poly_ident(key),
        names.type_ident(key),
        names.type_path(key),
        cx.plan.api().types.get(key),
    ) else {
        return TokenStream::new();
    };
    let own_cfg = (cx.cfg)(key);
    let own_cfg_text = own_cfg.to_string();
    let variants: Vec<Variant> = cx
        .plan
        .descendants(key)
        .iter()
        .filter_map(|derived| {
            let ty = cx.plan.api().types.get(*derived)?;
            let cfg = (cx.cfg)(derived);
            Some(Variant {
                ident: names.type_ident(derived)?.clone(),
                ty: names.type_path(derived)?,
                odata_type: format!("#{}", ty.qualified_name()),
                tag: ty.qualified_name().to_ascii_lowercase(),
                cfg: if cfg.to_string() == own_cfg_text {
                    TokenStream::new()
                } else {
                    cfg
                },
            })
        })
        .collect();

    let doc = doc_attr(&format!(
        "A `{}` or any type derived from it, chosen by `@odata.type`; unknown types read as `{}`.",
        base.name, base_ident
    ));
    let decl = variants.iter().map(|v| {
        let (cfg, ident, ty) = (&v.cfg, &v.ident, &v.ty);
        quote!(#cfg #ident(Box<#ty>),)
    });
    let odata_arms = variants.iter().map(|v| {
        let (cfg, ident, text) = (&v.cfg, &v.ident, &v.odata_type);
        quote!(#cfg Self::#ident(_) => Some(#text),)
    });
    let de_arms = variants.iter().map(|v| {
        let (cfg, ident, tag) = (&v.cfg, &v.ident, &v.tag);
        quote!(#cfg Some(#tag) => serde_json::from_value(value).map(Self::#ident),)
    });
    let ser_arms = variants.iter().map(|v| {
        let (cfg, ident, text) = (&v.cfg, &v.ident, &v.odata_type);
        quote! {
            #cfg Self::#ident(inner) => serde::Serialize::serialize(
                &crate::runtime::with_odata_type(inner, #text).map_err(S::Error::custom)?, s),
        }
    });
    quote! {
        #doc
        #own_cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #poly {
            #(#decl)*
            #base_ident(Box<#base_path>),
        }

        #own_cfg
        impl #poly {
            /// The `@odata.type` of the variant (`None` for the base type).
            pub fn odata_type(&self) -> Option<&'static str> {
                match self {
                    #(#odata_arms)*
                    Self::#base_ident(_) => None,
                }
            }
        }

        #own_cfg
        impl<'de> serde::Deserialize<'de> for #poly {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                let tag = crate::runtime::odata_type_of(&value)
                    .map(|t| t.trim_start_matches('#').to_ascii_lowercase());
                match tag.as_deref() {
                    #(#de_arms)*
                    _ => serde_json::from_value(value).map(Self::#base_ident),
                }
                .map_err(D::Error::custom)
            }
        }

        #own_cfg
        impl serde::Serialize for #poly {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::Error as _;
                match self {
                    #(#ser_arms)*
                    Self::#base_ident(inner) => serde::Serialize::serialize(inner, s),
                }
            }
        }
    }
}
