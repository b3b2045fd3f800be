//! One enum per Graph enumeration, through the runtime's `graph_enum!` macro.
//!
//! ```text
//! #[cfg(feature = "...")]        // on the invocation, so the macro's impls are gated too
//! crate::graph_enum! {
//!     #[doc = " description"]
//!     pub enum BodyType {
//!         #[doc = " member description"]
//!         Text = "text",
//!         Html = "html",
//!     }
//! }
//! ```
//!
//! The macro adds `Unrecognized(String)` (an unknown member keeps its text and round-trips),
//! `Display`, `FromStr`, serde as a JSON string (case-insensitive read) and `ODataLiteral`, so
//! enums work as function parameters. A member named like `Unrecognized` gets a suffix. Flags
//! enums are emitted the same way and used as `crate::runtime::Flags<E>` (see
//! [`TypeMap`](crate::emit::type_map::TypeMap)).

use crate::emit::models::docs::doc_attr;
use crate::emit::names::{Case, NameTable, Scope};
use crate::model::Api;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The variant the runtime macro adds for unknown members.
pub const UNRECOGNIZED: &str = "Unrecognized";

/// The enum `key`, gated by `cfg` (empty for none), or nothing if `key` is not an enum.
pub fn emit_enum(api: &Api, names: &NameTable, key: &str, cfg: &TokenStream) -> TokenStream {
    let (Some(en), Some(ident)) = (api.enums.get(key), names.type_ident(key)) else {
        return TokenStream::new();
    };
    let mut seen = BTreeSet::new();
    let members: Vec<_> = en
        .members
        .iter()
        .filter(|m| seen.insert(m.name.as_str()))
        .collect();
    let mut scope = Scope::with_reserved(Case::UpperCamel, &[UNRECOGNIZED]);
    let idents = scope.assign(members.iter().map(|m| m.name.as_str()));
    let variants = members.iter().map(|member| {
        let doc = doc_attr(&member.description);
        let variant = &idents[member.name.as_str()];
        let text = member.name.as_str();
        quote!(#doc #variant = #text,)
    });
    let mut description = en.description.clone();
    if en.flags {
        description.push_str(" (Flags: use as `Flags<Self>`, a comma-separated set of members.)");
    }
    let doc = doc_attr(&description);
    quote! {
        #cfg
        crate::graph_enum! {
            #doc
            pub enum #ident {
                #(#variants)*
            }
        }
    }
}

#[cfg(test)]
#[path = "enums_tests.rs"]
mod tests;
