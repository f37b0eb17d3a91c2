//! Render benchmark (placeholder).
fn main() {}
