//! Support shared by the robustness suites (fuzz, hostile pages, bad input, interruption,
//! determinism). Each suite uses part of it.
#![allow(dead_code)]

pub mod fuzz;
pub mod generated;
pub mod pipeline;
pub mod synthetic;
