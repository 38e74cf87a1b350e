//! libFuzzer entry point; the target itself is `hubspot_fuzz::naming`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hubspot_fuzz::naming(data));
