//! The JavaScript boundary, compiled only for `wasm32`. It is narrow on purpose:
//! strings in, one string out. Types, defaults and the shape of the result are
//! the hand-written shim's job (`src/js/index.js`), so nothing here can throw a
//! JavaScript exception through Rust frames. An error leaves as the string
//! `"Code:message"`, which the shim turns into an `Error` with a `code`.

use std::cell::RefCell;
use std::num::NonZeroU32;

use wasm_bindgen::prelude::*;

use crate::{Error, PayRequest, SignType};

fn js_error(e: Error) -> JsValue {
    let mut s = String::with_capacity(80);
    s.push_str(e.code());
    s.push(':');
    s.push_str(e.message());
    JsValue::from(s)
}

fn sign_type(s: &str) -> Result<SignType, JsValue> {
    s.parse().map_err(js_error)
}

/// `fields` alternates names and values: `[name0, value0, name1, value1, …]`.
fn pairs(fields: &[String]) -> impl Iterator<Item = (&str, &str)> {
    fields.chunks_exact(2).map(|pair| (pair[0].as_str(), pair[1].as_str()))
}

/// Returns `timeStamp`, `nonceStr`, `package`, `signType`, `paySign`, joined by `\n`
/// (none of them can contain one). `now` is the clock in Unix seconds, read only
/// when `time_stamp` is absent.
#[wasm_bindgen(js_name = buildPayParams)]
pub fn build_pay_params(
    app_id: &str,
    prepay_id: &str,
    key: &str,
    sign_type_name: &str,
    time_stamp: Option<String>,
    nonce_str: Option<String>,
    now: u32,
) -> Result<String, JsValue> {
    let request = PayRequest {
        app_id,
        prepay_id,
        key,
        sign_type: sign_type(sign_type_name)?,
        time_stamp: time_stamp.as_deref(),
        nonce_str: nonce_str.as_deref(),
    };
    let p = crate::build_pay_params(&request, || u64::from(now)).map_err(js_error)?;
    let mut out = String::with_capacity(128);
    for field in [&p.time_stamp, &p.nonce_str, &p.package, p.sign_type.as_str(), &p.pay_sign] {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(field);
    }
    Ok(out)
}

/// Uppercase hex signature of the parameters.
#[wasm_bindgen]
pub fn sign(fields: Vec<String>, key: &str, sign_type_name: &str) -> Result<String, JsValue> {
    crate::sign(pairs(&fields), key, sign_type(sign_type_name)?).map_err(js_error)
}

/// Whether the `sign` field among the parameters is right.
#[wasm_bindgen]
pub fn verify(fields: Vec<String>, key: &str, sign_type_name: &str) -> Result<bool, JsValue> {
    crate::verify(pairs(&fields), key, sign_type(sign_type_name)?).map_err(js_error)
}

/// A random `nonceStr` of `len` letters and digits, drawn from the pool.
#[wasm_bindgen]
pub fn nonce(len: u32) -> Result<String, JsValue> {
    crate::nonce(len as usize).map_err(js_error)
}

thread_local! {
    /// Secure random bytes handed in by the shim (from `wx.getRandomValues`), used
    /// once each from the end and wiped.
    static POOL: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Adds secure random bytes to the pool; returns how many it now holds.
#[wasm_bindgen(js_name = addEntropy)]
pub fn add_entropy(bytes: &[u8]) -> u32 {
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        pool.extend_from_slice(bytes);
        pool.len() as u32
    })
}

/// How many unused random bytes the pool holds.
#[wasm_bindgen(js_name = entropyAvailable)]
pub fn entropy_available() -> u32 {
    POOL.with(|pool| pool.borrow().len() as u32)
}

/// getrandom's source on wasm32: all from the pool or, when it is short, nothing
/// (the pool stays as it was and the caller gets `RandomUnavailable`).
fn fill_from_pool(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let Some(start) = pool.len().checked_sub(buf.len()) else {
            return Err(getrandom::Error::from(POOL_EMPTY));
        };
        buf.copy_from_slice(&pool[start..]);
        pool[start..].fill(0);
        pool.truncate(start);
        Ok(())
    })
}

const POOL_EMPTY: NonZeroU32 = match NonZeroU32::new(getrandom::Error::CUSTOM_START) {
    Some(code) => code,
    None => unreachable!(),
};

getrandom::register_custom_getrandom!(fill_from_pool);
