//! Model support types used by generated structs and enums.
//!
//! | Graph (Edm) type | Rust type to emit |
//! |---|---|
//! | `Int64` | [`Int64`] (newtype), or `i64` with `#[serde(with = "crate::runtime::serde_int64")]` (`serde_int64::option` for `Option<i64>`) |
//! | `Int32`, `Int16`, `Byte`, `Boolean`, `String` | `i32`, `i16`, `u8`, `bool`, `String` |
//! | `Double`, `Single`, `Decimal` | [`Double`] |
//! | `DateTimeOffset` | [`DateTimeOffset`] |
//! | `Date` / `TimeOfDay` / `Duration` | [`Date`] / [`TimeOfDay`] / [`Duration`] |
//! | `Guid` | [`Guid`] |
//! | `Binary`, `Stream` properties | [`Binary`] |
//! | open properties | `#[serde(flatten)] pub additional_data: AdditionalData` (written by `Serialize`; read by [`FromObject`]) |
//! | enum | [`graph_enum!`](crate::graph_enum) (keeps unknown members) |
//! | flags enum | [`Flags<E>`] of a `graph_enum!` type |
//! | abstract/base type with derived types | [`graph_polymorphic!`](crate::graph_polymorphic) |
//! | PATCH body property | [`Nullable<T>`] with `#[serde(default, skip_serializing_if = "crate::runtime::Nullable::is_absent")]` |
//!
//! Read-side properties are `Option<T>` with `#[serde(default, skip_serializing_if = "Option::is_none")]`.

mod binary;
mod datetime;
mod duration;
mod enums;
#[doc(hidden)]
pub mod enums_private {
    pub use super::enums::deserialize_member;
}
mod nullable;
mod numbers;
mod object;
mod polymorphic;

pub use binary::Binary;
pub use datetime::{Date, DateTimeOffset, TimeOfDay};
pub use duration::Duration;
pub use enums::{Flags, GraphEnum};
pub use nullable::Nullable;
pub use numbers::{serde_int64, Double, Int64};
pub use object::{deserialize_object, FromObject, JsonObject};
pub use polymorphic::{odata_type_eq, odata_type_of, with_odata_type};

/// Properties a model does not declare, kept as sent: `#[serde(flatten)]`.
pub type AdditionalData = serde_json::Map<String, serde_json::Value>;

/// A `Edm.Guid`, written hyphenated; reads hyphenated, braced, URN and simple forms.
pub type Guid = uuid::Uuid;

/// The error of parsing one of the text-based types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} {text:?}: {reason}")]
pub struct ParseError {
    /// What was being parsed, e.g. `Duration`.
    pub kind: &'static str,
    /// The input.
    pub text: String,
    /// Why it was refused.
    pub reason: String,
}

impl ParseError {
    pub(crate) fn new(kind: &'static str, text: &str, reason: impl Into<String>) -> Self {
        ParseError {
            kind,
            text: text.to_string(),
            reason: reason.into(),
        }
    }
}

/// Implements `Serialize` (as `Display` text), `Deserialize` (from a string via `FromStr`) and
/// `ODataLiteral` for a text-based type: the bare text, or `prefix'text'` when a prefix is given.
macro_rules! text_serde {
    ($ty:ty, $expecting:literal, $prefix:literal) => {
        text_serde!(@serde $ty, $expecting);

        impl crate::runtime::ODataLiteral for $ty {
            fn to_odata_literal(&self) -> String {
                format!("{}'{}'", $prefix, self.odata_text())
            }
        }
    };
    ($ty:ty, $expecting:literal) => {
        text_serde!(@serde $ty, $expecting);

        impl crate::runtime::ODataLiteral for $ty {
            fn to_odata_literal(&self) -> String {
                self.to_string()
            }
        }
    };
    (@serde $ty:ty, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct TextVisitor;
                impl serde::de::Visitor<'_> for TextVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(TextVisitor)
            }
        }
    };
}
pub(crate) use text_serde;
