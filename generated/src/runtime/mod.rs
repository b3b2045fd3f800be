//! The hand-written runtime every generated operation and model uses.
//!
//! Generated code builds a [`Request`] per operation ([`Request::new`] with a path made of
//! literal segments and [`encode_segment`]ed values), and models from the types in [`types`]
//! (re-exported here) plus the [`graph_enum!`](crate::graph_enum) and
//! [`graph_polymorphic!`](crate::graph_polymorphic) macros.

mod client;
mod decode;
mod error;
mod paging;
mod path;
mod request;
pub(crate) mod retry;
mod segments;
pub mod types;

pub use client::{
    ApiVersion, Client, ClientBuilder, Cloud, StaticToken, TokenFuture, TokenProvider,
};
pub use decode::{Accepted, Bytes, Decode, NoContent, ODataValue};
pub use error::{BoxError, Error};
pub use paging::{Collection, DeltaPage};
pub use path::{
    call_arguments, encode_colon_path, encode_segment, quote_odata_string, ODataLiteral,
};
pub use request::{Permissions, Request};
pub use retry::{parse_retry_after, RetryPolicy};
pub use segments::Count;
pub use types::{
    deserialize_object, odata_type_eq, odata_type_of, serde_int64, with_odata_type, AdditionalData,
    Binary, Date, DateTimeOffset, Double, Duration, Flags, FromObject, GraphEnum, Guid, Int64,
    JsonObject, Nullable, ParseError, TimeOfDay,
};

pub use crate::{graph_enum, graph_polymorphic};
pub use http::{HeaderMap, Method, StatusCode};

/// Items the runtime's macros expand to; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use super::path::quote_odata_string;
    pub use super::types::enums_private::deserialize_member;
    pub use serde;
    pub use serde_json;
}
