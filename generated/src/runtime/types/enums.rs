//! Enums that keep unknown members ([`graph_enum!`](crate::graph_enum)) and flags sets ([`Flags`]).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Graph enum: a closed list of members plus `Unrecognized(String)` for members this SDK does
/// not know. Implemented by [`graph_enum!`](crate::graph_enum).
pub trait GraphEnum: Sized {
    /// The member's wire text (e.g. `"unknownFutureValue"`).
    fn as_str(&self) -> &str;
    /// The member for a wire text: exact match first, then ASCII case-insensitive, else
    /// `Unrecognized(text)`. Never fails.
    fn from_member(text: &str) -> Self;
}

/// Declares a Graph enum. The emitter writes one invocation per enum:
///
/// ```
/// msgraph::graph_enum! {
///     /// The colour of a category.
///     pub enum Color {
///         /// Red.
///         Red = "red",
///         Blue = "blue",
///         UnknownFutureValue = "unknownFutureValue",
///     }
/// }
/// use msgraph::runtime::GraphEnum;
/// let c: Color = serde_json::from_str("\"green\"").unwrap();
/// assert_eq!(c, Color::Unrecognized("green".into()));
/// assert_eq!(serde_json::to_string(&c).unwrap(), "\"green\"");
/// assert_eq!(Color::Red.as_str(), "red");
/// ```
///
/// It adds the variant `Unrecognized(String)` (so no member may be named `Unrecognized`: the
/// emitter must rename such a member) and derives `Debug, Clone, PartialEq, Eq, Hash, PartialOrd,
/// Ord`; it implements [`GraphEnum`], `Display`, `FromStr` (never fails), `Serialize`/`Deserialize`
/// as a JSON string, and [`ODataLiteral`](crate::runtime::ODataLiteral) as a quoted string.
/// Attributes (docs) on the enum and on members are kept.
#[macro_export]
macro_rules! graph_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A member this version of the SDK does not know, kept with its wire text.
            Unrecognized(::std::string::String),
        }

        impl $crate::runtime::GraphEnum for $name {
            fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )*
                    Self::Unrecognized(text) => text.as_str(),
                }
            }

            fn from_member(text: &str) -> Self {
                $( if text == $text { return Self::$variant; } )*
                $( if text.eq_ignore_ascii_case($text) { return Self::$variant; } )*
                Self::Unrecognized(text.to_owned())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::runtime::GraphEnum::as_str(self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(<Self as $crate::runtime::GraphEnum>::from_member(text))
            }
        }

        impl $crate::runtime::__private::serde::Serialize for $name {
            fn serialize<S>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::runtime::__private::serde::Serializer,
            {
                s.serialize_str($crate::runtime::GraphEnum::as_str(self))
            }
        }

        impl<'de> $crate::runtime::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(d: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::runtime::__private::serde::Deserializer<'de>,
            {
                $crate::runtime::__private::deserialize_member(d)
            }
        }

        impl $crate::runtime::ODataLiteral for $name {
            fn to_odata_literal(&self) -> ::std::string::String {
                $crate::runtime::__private::quote_odata_string($crate::runtime::GraphEnum::as_str(self))
            }
        }
    };
}

/// Reads a member from a JSON string without requiring an owned string.
#[doc(hidden)]
pub fn deserialize_member<'de, D: Deserializer<'de>, E: GraphEnum>(d: D) -> Result<E, D::Error> {
    struct MemberVisitor<E>(std::marker::PhantomData<E>);
    impl<E: GraphEnum> serde::de::Visitor<'_> for MemberVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum member as a string")
        }
        fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from_member(v))
        }
    }
    d.deserialize_str(MemberVisitor(std::marker::PhantomData))
}

/// A flags enum value: a set of members carried as one comma-separated string
/// (`"read,write"`). Reads tolerate spaces and empty parts; writes `a,b` in insertion order,
/// without duplicates. Emit `Flags<E>` where `E` comes from [`graph_enum!`](crate::graph_enum).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: GraphEnum + PartialEq> Flags<E> {
    /// An empty set.
    pub fn new() -> Self {
        Flags(Vec::new())
    }

    /// Adds a member (ignored if present).
    pub fn insert(&mut self, member: E) {
        if !self.0.contains(&member) {
            self.0.push(member);
        }
    }

    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// The members, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Parses `a, b,c` (never fails; unknown members are kept as `Unrecognized`).
    pub fn parse(text: &str) -> Self {
        text.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(E::from_member)
            .collect()
    }
}

impl<E: GraphEnum + PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<T: IntoIterator<Item = E>>(iter: T) -> Self {
        let mut flags = Flags::new();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<E: GraphEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = self.0.iter().map(GraphEnum::as_str).collect();
        f.write_str(&parts.join(","))
    }
}

impl<E: GraphEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, E: GraphEnum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FlagsVisitor<E>(std::marker::PhantomData<E>);
        impl<E: GraphEnum + PartialEq> serde::de::Visitor<'_> for FlagsVisitor<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("comma-separated enum members")
            }
            fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
                Ok(Flags::parse(v))
            }
        }
        d.deserialize_str(FlagsVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::ODataLiteral;
    use serde_json::json;

    crate::graph_enum! {
        /// Test enum.
        pub enum Weekday {
            /// First.
            Monday = "monday",
            Tuesday = "tuesday",
            UnknownFutureValue = "unknownFutureValue",
        }
    }

    #[test]
    fn unknown_member_round_trips() {
        let value: Weekday = serde_json::from_value(json!("caturday")).unwrap();
        assert_eq!(value, Weekday::Unrecognized("caturday".into()));
        assert_eq!(serde_json::to_value(&value).unwrap(), json!("caturday"));
        let known: Weekday = serde_json::from_value(json!("Monday")).unwrap();
        assert_eq!(known, Weekday::Monday);
        assert_eq!(
            serde_json::to_value(Weekday::Monday).unwrap(),
            json!("monday")
        );
        assert_eq!(Weekday::Tuesday.to_odata_literal(), "'tuesday'");
        assert!(serde_json::from_value::<Weekday>(json!(3)).is_err());
    }

    #[test]
    fn flags_read_and_write_one_string() {
        let flags: Flags<Weekday> = serde_json::from_value(json!("monday, tuesday,,x")).unwrap();
        assert!(flags.contains(&Weekday::Monday));
        assert!(flags.contains(&Weekday::Unrecognized("x".into())));
        assert_eq!(
            serde_json::to_value(&flags).unwrap(),
            json!("monday,tuesday,x")
        );
        let empty: Flags<Weekday> = serde_json::from_value(json!("")).unwrap();
        assert!(empty.is_empty());
    }

    /// The plain-serde alternative also round-trips unknown members (serde >= 1.0.181), but
    /// cannot match case-insensitively; `graph_enum!` is the pattern to emit.
    #[test]
    fn serde_untagged_variant_pattern_round_trips() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        enum Color {
            #[serde(rename = "red")]
            Red,
            #[serde(untagged)]
            Other(String),
        }
        let other: Color = serde_json::from_value(json!("green")).unwrap();
        assert_eq!(other, Color::Other("green".into()));
        assert_eq!(serde_json::to_value(&other).unwrap(), json!("green"));
        assert_eq!(
            serde_json::from_value::<Color>(json!("red")).unwrap(),
            Color::Red
        );
    }
}
