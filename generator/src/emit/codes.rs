//! Diagnostic codes of the emit and write stages (`GEN0xx`).
//!
//! GEN001–GEN009 are diagnostics; GEN010 and up are the codes in [`crate::write::WriteError`]
//! and [`super::EmitError`] messages (a failed run writes nothing).

/// Operations on the service root `/` get no builder method.
pub const GEN001: &str = "GEN001";
/// Several pages document the same HTTP method on one path; one page's operation is kept.
pub const GEN002: &str = "GEN002";
/// A generated file could not be parsed as Rust (a generator bug); nothing is written.
pub const GEN004: &str = "GEN004";
/// Operations without a workload (`ms.prod`) are gated by the `other` feature.
pub const GEN005: &str = "GEN005";
/// The path tree points at an operation that does not exist; the entry is skipped.
pub const GEN006: &str = "GEN006";
/// An operation's method name is taken on its builder; it is named after its page instead.
pub const GEN007: &str = "GEN007";
/// Writing the output failed (I/O); the previous output is unchanged.
pub const GEN010: &str = "GEN010";
/// An output path is not a plain relative path; nothing is written.
pub const GEN011: &str = "GEN011";
/// The output folder has no parent folder to stage in.
pub const GEN012: &str = "GEN012";
/// The output path exists and is not a folder; it is left alone and nothing is written.
pub const GEN013: &str = "GEN013";
