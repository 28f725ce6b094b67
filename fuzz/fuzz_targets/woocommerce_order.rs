#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wismo_fuzz::woocommerce_order(data));
