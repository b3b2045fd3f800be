//! Types of the model: entity and complex types, properties, enums, type references.

use super::Source;
use serde::{Deserialize, Serialize};

/// A Graph (EDM) primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Binary,
    Guid,
    Stream,
    /// Untyped JSON (`Json`, `Edm.Untyped`, `Object`).
    Json,
}

impl Primitive {
    /// Whether the type is a number (integer or floating point).
    pub fn is_number(self) -> bool {
        matches!(
            self,
            Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        )
    }
}

/// A reference to a type, as written in a page and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "camelCase")]
pub enum TypeRef {
    Primitive(Primitive),
    /// A named entity, complex or enum type; the lower-cased qualified key once resolved.
    Named(String),
    /// A name that could not be resolved (the resolver reports a diagnostic and the emitter
    /// treats it as untyped JSON).
    Unresolved(String),
}

/// A type use: the type and whether it is a collection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeUse {
    pub ty: TypeRef,
    pub collection: bool,
}

/// Whether a structured type has identity (entity) or not (complex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    Entity,
    Complex,
}

/// An entity or complex type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StructType {
    /// Namespace, as written (`microsoft.graph`, `microsoft.graph.callRecords`).
    pub namespace: String,
    /// Type name, as written (`conversationThread`).
    pub name: String,
    pub kind: TypeKind,
    /// Lower-cased qualified key of the base type.
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub key_property: Option<String>,
    pub description: String,
    /// Workload (from `ms.prod` or the namespace), used for Cargo features.
    pub workload: Option<String>,
    /// Properties declared on this type (not inherited ones).
    pub properties: Vec<Property>,
    /// Navigation properties declared on this type.
    pub navigation: Vec<NavigationProperty>,
    /// Every page that described the type.
    pub sources: Vec<Source>,
}

impl StructType {
    /// `namespace.name`, as written.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

/// A structural property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// Wire name, as written.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeUse,
    pub description: String,
    pub read_only: bool,
    pub source: Source,
}

/// A navigation property (a relationship to another entity).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NavigationProperty {
    pub name: String,
    pub target: TypeUse,
    pub description: String,
    pub source: Source,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumType {
    pub namespace: String,
    pub name: String,
    /// A flags enum: a set of members written as one comma-separated string.
    pub flags: bool,
    pub members: Vec<EnumMember>,
    pub description: String,
    pub workload: Option<String>,
    pub sources: Vec<Source>,
}

/// One member of an enumeration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumMember {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
}
