//! Reading a model from a JSON object property by property, without a derived `Deserialize`.
//!
//! A derived `Deserialize` expands to a field enum, a visitor and several matches per struct, all
//! generic over the deserializer. Over a thousand models that was most of the generated crate's
//! compile time and memory (measured on the Graph v1.0 crate: the model derives alone took about
//! 1.5 GiB of `cargo check`'s 2.8 GiB). Generated models implement [`FromObject`] instead: one
//! plain function that takes each declared property out of the object by its wire name and keeps
//! the rest in `additional_data`; their `Deserialize` impl is the one-line generic glue
//! [`deserialize_object`].
//!
//! Reading is the same as the derive with `#[serde(flatten)]` on `additional_data`: a property is
//! matched by its exact wire name, `null` reads as `None`, and every property the model does not
//! declare is kept.

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error as _};
use serde_json::{Map, Value};

/// The properties of one JSON object, taken out one by one as a model reads them.
#[derive(Debug, Default)]
pub struct JsonObject {
    map: Map<String, Value>,
}

impl JsonObject {
    /// Wraps the properties of an object.
    pub fn new(map: Map<String, Value>) -> Self {
        JsonObject { map }
    }

    /// Removes property `key` and reads it as a `T`: `None` when absent or `null`. A value that
    /// does not fit names the property in the error.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, serde_json::Error> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value)
                .map(Some)
                .map_err(|e| serde_json::Error::custom(format_args!("`{key}`: {e}"))),
        }
    }

    /// The properties not taken: the model's `additional_data`.
    pub fn into_rest(self) -> Map<String, Value> {
        self.map
    }
}

/// A model read from a JSON object (implemented by every generated struct).
pub trait FromObject: Sized {
    /// Takes the declared properties out of `object`; the rest become `additional_data`.
    fn from_object(object: JsonObject) -> Result<Self, serde_json::Error>;
}

/// The `Deserialize` of a [`FromObject`] model: reads a JSON object, then the model from it.
pub fn deserialize_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: FromObject,
    D: Deserializer<'de>,
{
    let map = Map::<String, Value>::deserialize(deserializer)?;
    T::from_object(JsonObject::new(map)).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Thread {
        topic: Option<String>,
        count: Option<i32>,
        additional_data: Map<String, Value>,
    }

    impl FromObject for Thread {
        fn from_object(mut object: JsonObject) -> Result<Self, serde_json::Error> {
            Ok(Thread {
                topic: object.take("topic")?,
                count: object.take("count")?,
                additional_data: object.into_rest(),
            })
        }
    }

    impl<'de> Deserialize<'de> for Thread {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object(d)
        }
    }

    #[test]
    fn declared_properties_are_taken_and_the_rest_kept() {
        let thread: Thread =
            serde_json::from_value(json!({"topic": "t", "count": null, "@odata.etag": "W/1"}))
                .unwrap();
        assert_eq!(thread.topic.as_deref(), Some("t"));
        assert_eq!(thread.count, None);
        assert_eq!(
            thread.additional_data,
            json!({"@odata.etag": "W/1"}).as_object().cloned().unwrap()
        );
    }

    #[test]
    fn names_are_matched_exactly() {
        let thread: Thread = serde_json::from_str(r#"{"Topic": "t"}"#).unwrap();
        assert_eq!(thread.topic, None);
        assert!(thread.additional_data.contains_key("Topic"));
    }

    #[test]
    fn a_value_that_does_not_fit_names_the_property() {
        let error = serde_json::from_str::<Thread>(r#"{"count": "many"}"#).unwrap_err();
        assert!(error.to_string().contains("`count`"), "{error}");
        let error = serde_json::from_str::<Thread>("[1]").unwrap_err();
        assert!(error.to_string().contains("map"), "{error}");
    }
}
