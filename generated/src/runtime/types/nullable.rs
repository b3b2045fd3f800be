//! `Nullable<T>`: absent, null or a value, for PATCH bodies.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property in an update (PATCH) body: leave it unchanged (`Absent`, not written), clear it
/// (`Null`, written as `null`), or set it (`Value`).
///
/// Emit as:
/// ```
/// # use msgraph::runtime::Nullable;
/// #[derive(serde::Serialize, Default)]
/// struct UserUpdate {
///     #[serde(rename = "displayName", default, skip_serializing_if = "Nullable::is_absent")]
///     display_name: Nullable<String>,
///     #[serde(rename = "city", default, skip_serializing_if = "Nullable::is_absent")]
///     city: Nullable<String>,
/// }
/// let update = UserUpdate { city: Nullable::Null, ..Default::default() };
/// assert_eq!(serde_json::to_string(&update).unwrap(), r#"{"city":null}"#);
/// ```
/// (inside the crate the path is `crate::runtime::Nullable::is_absent`).
/// Reading: a missing field is `Absent` (through `default`), `null` is `Null`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not sent: the property keeps its value.
    #[default]
    Absent,
    /// Sent as `null`: the property is cleared.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is left out (use in `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the property is explicitly `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if any.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if any.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` becomes `Null` (an explicit clear).
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Null, Nullable::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// `Value` as the value; `Null` (and `Absent`, if not skipped) as `null`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(s),
            Nullable::Null | Nullable::Absent => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(d)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        name: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        age: Nullable<i32>,
    }

    #[test]
    fn absent_null_and_value_are_distinct() {
        let patch = Patch {
            name: Nullable::Null,
            age: 3.into(),
        };
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            json!({"name": null, "age": 3})
        );
        assert_eq!(serde_json::to_value(Patch::default()).unwrap(), json!({}));
        let read: Patch = serde_json::from_value(json!({"name": null})).unwrap();
        assert!(read.name.is_null());
        assert!(read.age.is_absent());
        assert_eq!(read.age.as_ref(), None);
    }
}
