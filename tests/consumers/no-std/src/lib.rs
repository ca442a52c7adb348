//! A `no_std` + `alloc` user: no std, no serde, no allocator or panic handler from
//! wxpay-wasm (the final binary brings its own).
#![no_std]
extern crate alloc;

use alloc::string::String;
use wxpay_wasm::{sign, verify, Error, SignType};

/// Signs an order's parameters.
pub fn sign_order(params: &[(&str, &str)], key: &str) -> Result<String, Error> {
    sign(params, key, SignType::HmacSha256)
}

/// Checks a notification's parameters (with their `sign`).
pub fn check_notification(params: &[(&str, &str)], key: &str) -> Result<bool, Error> {
    verify(params, key, SignType::HmacSha256)
}
