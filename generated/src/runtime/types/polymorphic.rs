//! Polymorphic values: dispatch on `@odata.type`, falling back to the base type.

use serde_json::Value;

/// The `@odata.type` of a JSON object, e.g. `#microsoft.graph.user`.
pub fn odata_type_of(value: &Value) -> Option<&str> {
    value.get("@odata.type")?.as_str()
}

/// Whether two `@odata.type` names are the same type: ASCII case-insensitive, with or without
/// the leading `#` (`#microsoft.graph.user` = `microsoft.graph.User`).
pub fn odata_type_eq(a: &str, b: &str) -> bool {
    a.trim_start_matches('#')
        .eq_ignore_ascii_case(b.trim_start_matches('#'))
}

/// Serializes `inner` and adds `"@odata.type": odata_type` when the object has none, so a derived
/// type posted through its base type still names itself.
pub fn with_odata_type<T: serde::Serialize>(
    inner: &T,
    odata_type: &str,
) -> Result<Value, serde_json::Error> {
    let mut value = serde_json::to_value(inner)?;
    if let Value::Object(map) = &mut value {
        map.entry("@odata.type")
            .or_insert_with(|| Value::String(odata_type.to_string()));
    }
    Ok(value)
}

/// Declares the enum of a base type and its derived types. The emitter writes one invocation per
/// base type that has derived types (listing every descendant, not only direct children):
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// # #[derive(Debug, Deserialize, Serialize)] pub struct User { pub id: Option<String> }
/// # #[derive(Debug, Deserialize, Serialize)] pub struct Group { pub id: Option<String> }
/// # #[derive(Debug, Deserialize, Serialize)] pub struct DirectoryObject {
/// #     pub id: Option<String>,
/// #     #[serde(flatten)] pub additional_data: msgraph::runtime::AdditionalData }
/// msgraph::graph_polymorphic! {
///     /// A directory object of any kind.
///     pub enum DirectoryObjectKind {
///         User(User) = "#microsoft.graph.user",
///         Group(Group) = "#microsoft.graph.group",
///         _ => Other(DirectoryObject),
///     }
/// }
/// let v: DirectoryObjectKind =
///     serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.device","id":"d"}"##).unwrap();
/// assert!(matches!(v, DirectoryObjectKind::Other(ref o) if o.additional_data.contains_key("@odata.type")));
/// ```
///
/// Deserializing reads the object into a `serde_json::Value`, picks the variant whose type name
/// matches `@odata.type` ([`odata_type_eq`]), and otherwise (no or unknown `@odata.type`, or the
/// base type itself) the fallback variant, which keeps unknown properties in its
/// `additional_data`. Serializing writes the inner struct, adding the variant's `@odata.type`
/// when missing. `odata_type(&self)` gives the variant's type name (`None` for the fallback).
/// The macro derives nothing: put the derives the variant types support among the attributes
/// (e.g. `#[derive(Debug, Clone, PartialEq)]`).
#[macro_export]
macro_rules! graph_polymorphic {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) = $odata:literal, )*
            _ => $(#[$bmeta:meta])* $base:ident($base_ty:ty) $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant($ty), )*
            $(#[$bmeta])* $base($base_ty),
        }

        impl $name {
            /// The `@odata.type` of the variant (`None` for the base/fallback variant).
            pub fn odata_type(&self) -> ::std::option::Option<&'static str> {
                match self {
                    $( Self::$variant(_) => Some($odata), )*
                    Self::$base(_) => None,
                }
            }
        }

        impl<'de> $crate::runtime::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(d: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::runtime::__private::serde::Deserializer<'de>,
            {
                use $crate::runtime::__private::serde::de::Error as _;
                use $crate::runtime::__private::serde_json;
                let value = <serde_json::Value as $crate::runtime::__private::serde::Deserialize>::deserialize(d)?;
                if let Some(odata_type) = $crate::runtime::odata_type_of(&value) {
                    $(
                        if $crate::runtime::odata_type_eq(odata_type, $odata) {
                            return serde_json::from_value(value).map(Self::$variant).map_err(D::Error::custom);
                        }
                    )*
                }
                serde_json::from_value(value).map(Self::$base).map_err(D::Error::custom)
            }
        }

        impl $crate::runtime::__private::serde::Serialize for $name {
            fn serialize<S>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::runtime::__private::serde::Serializer,
            {
                use $crate::runtime::__private::serde::ser::Error as _;
                match self {
                    $(
                        Self::$variant(inner) => $crate::runtime::with_odata_type(inner, $odata)
                            .map_err(S::Error::custom)?
                            .serialize(s),
                    )*
                    Self::$base(inner) => inner.serialize(s),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::runtime::AdditionalData;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
    struct FileAttachment {
        name: String,
        #[serde(rename = "contentBytes")]
        content_bytes: String,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
    struct Attachment {
        name: String,
        #[serde(flatten)]
        additional_data: AdditionalData,
    }

    crate::graph_polymorphic! {
        #[derive(Debug, Clone, PartialEq)]
        enum AttachmentKind {
            File(FileAttachment) = "#microsoft.graph.fileAttachment",
            _ => Other(Attachment),
        }
    }

    #[test]
    fn dispatches_case_insensitively() {
        let v: AttachmentKind = serde_json::from_value(
            json!({"@odata.type": "#Microsoft.Graph.FileAttachment", "name": "a", "contentBytes": "aGk="}),
        )
        .unwrap();
        assert!(matches!(v, AttachmentKind::File(ref f) if f.content_bytes == "aGk="));
        assert_eq!(v.odata_type(), Some("#microsoft.graph.fileAttachment"));
        let written = serde_json::to_value(&v).unwrap();
        assert_eq!(
            written["@odata.type"],
            json!("#microsoft.graph.fileAttachment")
        );
    }

    #[test]
    fn unknown_type_falls_back_keeping_data() {
        let input = json!({"@odata.type": "#microsoft.graph.referenceAttachment", "name": "r", "sourceUrl": "u"});
        let v: AttachmentKind = serde_json::from_value(input.clone()).unwrap();
        assert!(matches!(v, AttachmentKind::Other(ref a) if a.additional_data["sourceUrl"] == "u"));
        assert_eq!(serde_json::to_value(&v).unwrap(), input);
        let no_type: AttachmentKind = serde_json::from_value(json!({"name": "n"})).unwrap();
        assert!(matches!(no_type, AttachmentKind::Other(_)));
    }
}
