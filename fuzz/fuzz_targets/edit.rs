//! Fuzz target: see `aftercare_fuzz::edit` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aftercare_fuzz::edit(data));
