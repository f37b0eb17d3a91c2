//! Unified diffs of a pending change, git style, from `similar`.
