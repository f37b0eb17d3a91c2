//! The plan model: plan-format.md v1 as Rust types.
