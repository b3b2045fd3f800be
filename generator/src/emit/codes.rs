//! Diagnostic codes of the emit and write stages (`GEN0xx`).

/// An operation has no path template that the builder tree reaches; it gets no method.
pub const GEN001: &str = "GEN001";
/// Two operations on one path node share a method name; the later one is renamed.
pub const GEN002: &str = "GEN002";
/// A function argument names no documented parameter; it is typed as a string.
pub const GEN003: &str = "GEN003";
/// A generated file could not be parsed as Rust (a generator bug); the file is not written.
pub const GEN004: &str = "GEN004";
/// An operation has no workload (`ms.prod`); it is gated by the `other` feature.
pub const GEN005: &str = "GEN005";
/// A path node index in the tree points at no operation; the entry is skipped.
pub const GEN006: &str = "GEN006";
/// Writing the output failed (I/O); the previous output is unchanged.
pub const GEN010: &str = "GEN010";
/// An output path is not a plain relative path; nothing is written.
pub const GEN011: &str = "GEN011";
/// The output folder has no parent folder to stage in.
pub const GEN012: &str = "GEN012";
