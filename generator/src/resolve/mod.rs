//! Whole-corpus linking: type references, base types, merged types, path tree, examples.
