//! Model types → Rust type tokens: the one place a [`TypeUse`] becomes a Rust type.
//!
//! - Primitives map to Rust primitives or to runtime model types (`crate::runtime::…`), which
//!   carry the wire quirks: `Int64` also read from a JSON string, lenient `DateTimeOffset`,
//!   ISO 8601 `Duration`, base64 `Binary`, `Double` with `"NaN"`/`"INF"`.
//! - Named structs map to `crate::api::models::<Type>`; a base type that has a polymorphic enum
//!   maps to `crate::api::models::Any<Base>` so derived values keep their type.
//! - Enums map to their generated enum (`crate::runtime::Flags<E>` for flags enums); unresolved names and `Json` to `serde_json::Value`.
//! - `Stream` has no JSON form: [`TypeMap::item_type`] returns `None` and callers use
//!   `crate::runtime::Bytes` for bodies or skip the property.

use crate::emit::names::NameTable;
use crate::model::{Primitive, TypeRef, TypeUse};
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust type of a primitive, or `None` for `Stream`.
pub fn primitive_type(primitive: Primitive) -> Option<TokenStream> {
    Some(match primitive {
        Primitive::String => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(crate::runtime::Int64),
        Primitive::Single | Primitive::Double | Primitive::Decimal => {
            quote!(crate::runtime::Double)
        }
        Primitive::DateTimeOffset => quote!(crate::runtime::DateTimeOffset),
        Primitive::Date => quote!(crate::runtime::Date),
        Primitive::TimeOfDay => quote!(crate::runtime::TimeOfDay),
        Primitive::Duration => quote!(crate::runtime::Duration),
        Primitive::Binary => quote!(crate::runtime::Binary),
        Primitive::Guid => quote!(crate::runtime::Guid),
        Primitive::Json => quote!(serde_json::Value),
        Primitive::Stream => return None,
    })
}

/// Maps model types to Rust types, given the crate's names.
#[derive(Debug, Clone, Copy)]
pub struct TypeMap<'a> {
    names: &'a NameTable,
}

impl<'a> TypeMap<'a> {
    pub fn new(names: &'a NameTable) -> Self {
        TypeMap { names }
    }

    pub fn names(&self) -> &'a NameTable {
        self.names
    }

    /// The Rust type of one value of `ty` (not a collection); `None` for `Stream`.
    /// A base type with a polymorphic enum maps to the enum.
    pub fn item_type(&self, ty: &TypeRef) -> Option<TokenStream> {
        match ty {
            TypeRef::Primitive(p) => primitive_type(*p),
            TypeRef::Named(key) => Some(
                self.names
                    .poly_path(key)
                    .unwrap_or_else(|| self.exact_named(key)),
            ),
            TypeRef::Unresolved(_) => Some(quote!(serde_json::Value)),
        }
    }

    /// A named struct or enum itself; a flags enum as `Flags<E>`; unknown names as JSON.
    fn exact_named(&self, key: &str) -> TokenStream {
        match self.names.type_path(key) {
            Some(path) if self.names.is_flags(key) => quote!(crate::runtime::Flags<#path>),
            Some(path) => path,
            None => quote!(serde_json::Value),
        }
    }

    /// The Rust type of one value of `ty`, ignoring polymorphism (the base struct itself).
    pub fn exact_item_type(&self, ty: &TypeRef) -> Option<TokenStream> {
        match ty {
            TypeRef::Named(key) => Some(self.exact_named(key)),
            other => self.item_type(other),
        }
    }

    /// The Rust type of a whole use: `Vec<T>` for collections; `None` for `Stream`.
    pub fn value_type(&self, use_: &TypeUse) -> Option<TokenStream> {
        let item = self.item_type(&use_.ty)?;
        Some(if use_.collection {
            quote!(Vec<#item>)
        } else {
            item
        })
    }

    /// Whether a single value of `ty` is a struct held inline (not an enum, primitive or
    /// polymorphic enum).
    pub fn is_inline_struct(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(key) => {
                self.names.is_struct(key) && self.names.poly_ident(key).is_none()
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Api;
    use std::collections::BTreeSet;

    #[test]
    fn maps_primitives_collections_and_unknown_names() {
        let names = NameTable::new(&Api::default(), &BTreeSet::new());
        let map = TypeMap::new(&names);
        let text = |u: TypeUse| map.value_type(&u).map(|t| t.to_string());
        let prim = |p| TypeUse {
            ty: TypeRef::Primitive(p),
            collection: false,
        };
        assert_eq!(text(prim(Primitive::String)).unwrap(), "String");
        assert_eq!(
            text(prim(Primitive::Int64)).unwrap(),
            quote!(crate::runtime::Int64).to_string()
        );
        assert_eq!(text(prim(Primitive::Stream)), None);
        let list = TypeUse {
            ty: TypeRef::Primitive(Primitive::Boolean),
            collection: true,
        };
        assert_eq!(text(list).unwrap(), quote!(Vec<bool>).to_string());
        let missing = TypeUse {
            ty: TypeRef::Named("microsoft.graph.nope".into()),
            collection: false,
        };
        assert_eq!(
            text(missing).unwrap(),
            quote!(serde_json::Value).to_string()
        );
        let unresolved = TypeUse {
            ty: TypeRef::Unresolved("x".into()),
            collection: true,
        };
        assert_eq!(
            text(unresolved).unwrap(),
            quote!(Vec<serde_json::Value>).to_string()
        );
    }
}
