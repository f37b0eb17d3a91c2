//! S117 validation: one function per rule of plan-format.md.
