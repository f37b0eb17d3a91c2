//! Where each YAML path sits in the text (line and column), for findings.
