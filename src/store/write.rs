//! Atomic writes of plan files and detection of changes made on disk since load.
