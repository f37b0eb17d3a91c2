//! Plan text to model: parse the YAML, convert it field by field, report every problem.
