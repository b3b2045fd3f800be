//! Diagnostic codes of the example emitter (`GEN06x`): defects of the docs that make an example
//! fail or unusable, found while writing the conformance tests, and examples we could not write.
//! An example URL that matches no template is already reported by the resolver (RES030).

use super::record::Cause;

/// An example request body is not valid JSON; the example gets no code.
pub const GEN060: &str = "GEN060";
/// An example response body is not valid JSON; its response cannot be checked.
pub const GEN061: &str = "GEN061";
/// An example has a value its declared type cannot hold, or sends what the page does not take.
pub const GEN062: &str = "GEN062";
/// An example names a type (`@odata.type`) that the docs do not define.
pub const GEN063: &str = "GEN063";
/// The operation returns a body but the example shows no response body.
pub const GEN064: &str = "GEN064";
/// An example could not be written as code for a reason of ours (a generator limit).
pub const GEN065: &str = "GEN065";

/// The code of a cause found before running, `None` when another stage reports it.
pub fn code_of(cause: Cause) -> Option<&'static str> {
    match cause {
        Cause::RequestBodyNotJson => Some(GEN060),
        Cause::ResponseBodyNotJson => Some(GEN061),
        Cause::ContradictsType => Some(GEN062),
        Cause::UnknownType => Some(GEN063),
        Cause::ResponseMissing => Some(GEN064),
        Cause::NoTemplate => None,
        _ => Some(GEN065),
    }
}
