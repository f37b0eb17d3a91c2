//! Findings: what is wrong with a plan, where (YAML path, line, column) and how bad.
