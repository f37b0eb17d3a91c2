//! `aftercare check`: validate a folder and print findings like a compiler.
