//! libFuzzer entry point; the target itself is `hubspot_fuzz::snapshot`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hubspot_fuzz::snapshot(data));
