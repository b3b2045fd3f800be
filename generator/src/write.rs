//! Atomic, only-changed output.
