#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wismo_fuzz::csv_import(data));
