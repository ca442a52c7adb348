//! A browser app's own wasm-bindgen module that uses wxpay-wasm inside.
use wasm_bindgen::prelude::*;

/// A random nonceStr (getrandom's `js` source: crypto.getRandomValues).
#[wasm_bindgen]
pub fn order_nonce() -> Result<String, JsError> {
    wxpay_wasm::nonce(32).map_err(|e| JsError::new(e.message()))
}

/// Signs one parameter, the way a test page might.
#[wasm_bindgen]
pub fn sign_one(name: &str, value: &str, key: &str) -> Result<String, JsError> {
    wxpay_wasm::sign([(name, value)], key, wxpay_wasm::SignType::Md5).map_err(|e| JsError::new(e.message()))
}
