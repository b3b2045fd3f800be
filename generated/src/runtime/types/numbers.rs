//! `Int64` (number or string on the wire) and `Double` (number or `NaN`/`INF`/`-INF`).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An `Edm.Int64`. Reads a JSON number or a JSON string holding one (Graph sends strings under
/// `IEEE754Compatible=true` and in some payloads); writes a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Int64(pub i64);

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.0
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl crate::runtime::ODataLiteral for Int64 {
    fn to_odata_literal(&self) -> String {
        self.0.to_string()
    }
}

impl crate::runtime::ODataLiteral for Double {
    fn to_odata_literal(&self) -> String {
        self.to_text()
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Int64Visitor)
    }
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = Int64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer as a number or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int64, E> {
        Ok(Int64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int64, E> {
        i64::try_from(v)
            .map(Int64)
            .map_err(|_| E::custom(format!("{v} does not fit in Int64")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int64, E> {
        let in_range = v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64;
        if in_range {
            Ok(Int64(v as i64))
        } else {
            Err(E::custom(format!("{v} is not an Int64")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Int64, E> {
        v.trim()
            .parse()
            .map(Int64)
            .map_err(|_| E::custom(format!("{v:?} is not an Int64")))
    }
}

/// `#[serde(with = "crate::runtime::serde_int64")]` for `i64` fields (and `serde_int64::option`
/// for `Option<i64>`): the same wire rules as [`Int64`].
pub mod serde_int64 {
    use super::Int64;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes a number.
    pub fn serialize<S: Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*value)
    }

    /// Reads a number or a numeric string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        Int64::deserialize(d).map(|v| v.0)
    }

    /// The same for `Option<i64>` (`null` reads as `None`). Pair with `default` so a missing
    /// field reads as `None` too.
    pub mod option {
        use super::Int64;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes a number or `null`.
        pub fn serialize<S: Serializer>(value: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.serialize_i64(*v),
                None => s.serialize_none(),
            }
        }

        /// Reads a number, a numeric string or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
            Ok(Option::<Int64>::deserialize(d)?.map(|v| v.0))
        }
    }
}

/// An `Edm.Double` (also used for `Single` and `Decimal`). Reads numbers, numeric strings and the
/// strings `NaN`, `INF`, `-INF` (and `Infinity`, `-Infinity`); writes a number, or one of
/// `"NaN"`, `"INF"`, `"-INF"` for non-finite values.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Double(pub f64);

impl Double {
    /// The OData text: the number, or `NaN`, `INF`, `-INF`.
    pub fn to_text(self) -> String {
        match self.0 {
            v if v.is_nan() => "NaN".into(),
            v if v == f64::INFINITY => "INF".into(),
            v if v == f64::NEG_INFINITY => "-INF".into(),
            v => v.to_string(),
        }
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        Double(value)
    }
}

impl From<Double> for f64 {
    fn from(value: Double) -> Self {
        value.0
    }
}

impl fmt::Display for Double {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            s.serialize_f64(self.0)
        } else {
            s.serialize_str(&self.to_text())
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DoubleVisitor)
    }
}

struct DoubleVisitor;

impl Visitor<'_> for DoubleVisitor {
    type Value = Double;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or one of \"NaN\", \"INF\", \"-INF\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Double, E> {
        Ok(Double(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Double, E> {
        Ok(Double(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Double, E> {
        Ok(Double(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Double, E> {
        let value = match v.trim() {
            "NaN" => f64::NAN,
            "INF" | "Infinity" => f64::INFINITY,
            "-INF" | "-Infinity" => f64::NEG_INFINITY,
            other => other
                .parse()
                .map_err(|_| E::custom(format!("{v:?} is not a Double")))?,
        };
        Ok(Double(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn int64_from_number_or_string() {
        let from_string: Int64 = serde_json::from_value(json!("9007199254740993")).unwrap();
        assert_eq!(from_string, Int64(9_007_199_254_740_993));
        let from_number: Int64 = serde_json::from_value(json!(-5)).unwrap();
        assert_eq!(from_number.0, -5);
        assert!(serde_json::from_value::<Int64>(json!("12x")).is_err());
        assert!(serde_json::from_value::<Int64>(json!(1.5)).is_err());
        assert_eq!(serde_json::to_string(&Int64(7)).unwrap(), "7");
    }

    #[test]
    fn int64_with_module() {
        #[derive(Deserialize, Serialize)]
        struct Quota {
            #[serde(with = "serde_int64")]
            used: i64,
            #[serde(default, with = "serde_int64::option")]
            total: Option<i64>,
        }
        let q: Quota = serde_json::from_str(r#"{"used":"12"}"#).unwrap();
        assert_eq!((q.used, q.total), (12, None));
        let q: Quota = serde_json::from_str(r#"{"used":1,"total":"3"}"#).unwrap();
        assert_eq!(q.total, Some(3));
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"used":1,"total":3}"#
        );
    }

    #[test]
    fn double_special_values() {
        let nan: Double = serde_json::from_value(json!("NaN")).unwrap();
        assert!(nan.0.is_nan());
        let inf: Double = serde_json::from_value(json!("-INF")).unwrap();
        assert_eq!(inf.0, f64::NEG_INFINITY);
        let n: Double = serde_json::from_value(json!(2)).unwrap();
        assert_eq!(n.0, 2.0);
        assert_eq!(
            serde_json::to_value(Double(f64::NAN)).unwrap(),
            json!("NaN")
        );
        assert_eq!(
            serde_json::to_value(Double(f64::INFINITY)).unwrap(),
            json!("INF")
        );
        assert_eq!(serde_json::to_value(Double(1.5)).unwrap(), json!(1.5));
    }
}
