//! `Binary`: bytes carried as base64 text.

use std::fmt;
use std::str::FromStr;

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use super::{text_serde, ParseError};

/// Decoding accepts padded and unpadded input.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// An `Edm.Binary`. Writes standard base64 with padding; reads standard or URL-safe alphabets,
/// with or without padding, ignoring whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Binary(pub Vec<u8>);

impl From<Vec<u8>> for Binary {
    fn from(value: Vec<u8>) -> Self {
        Binary(value)
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl FromStr for Binary {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let normalised: String = s
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                other => other,
            })
            .collect();
        LENIENT
            .decode(normalised)
            .map(Binary)
            .map_err(|e| ParseError::new("Binary", s, e.to_string()))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl Binary {
    /// base64url without padding, as OData URL literals use.
    fn odata_text(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&self.0)
    }
}

text_serde!(Binary, "base64 text", "binary");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_reading_standard_writing() {
        let expected = Binary(vec![0xfb, 0xff, 0x01]);
        for text in ["+/8B", "-_8B", "+/8B\n", " +/ 8B "] {
            assert_eq!(text.parse::<Binary>().unwrap(), expected, "{text}");
        }
        let two: Binary = "aGk".parse().unwrap();
        assert_eq!(two.0, b"hi");
        assert_eq!(two.to_string(), "aGk=");
        assert_eq!(serde_json::to_string(&two).unwrap(), "\"aGk=\"");
        assert!("not base64!".parse::<Binary>().is_err());
        use crate::runtime::ODataLiteral;
        assert_eq!(Binary(vec![0xfb, 0xff]).to_odata_literal(), "binary'-_8'");
    }
}
