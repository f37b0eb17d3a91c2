//! Fuzz target: see `aftercare_fuzz::dates` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aftercare_fuzz::dates(data));
