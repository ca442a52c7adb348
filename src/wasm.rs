//! The JavaScript boundary, compiled only for `wasm32`. It is narrow on purpose:
//! strings in, one string out. Types, defaults and the shape of the result are
//! the hand-written shim's job (`src/js/index.js`), so nothing here can throw a
//! JavaScript exception through Rust frames. An error leaves as the string
//! `"Code:message"`, which the shim turns into an `Error` with a `code`.

use std::cell::Cell;
use std::num::NonZeroU32;

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

// The non-generic cores: the generic public functions would add a copy each.
use crate::canonical::canonical_of;
use crate::sign::{sign_canonical, verify_of};
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

/// Returns `timeStamp`, `nonceStr`, `package`, `signType`, `paySign`, joined by `\n`
/// (none of them can contain one). `now` is the clock in Unix seconds, read only
/// when `time_stamp` is absent.
#[wasm_bindgen(js_name = buildPayParams)]
pub fn build_pay_params(
    app_id: &str,
    prepay_id: &str,
    key: String,
    sign_type_name: &str,
    time_stamp: Option<String>,
    nonce_str: Option<String>,
    now: u32,
) -> Result<String, JsValue> {
    // Owned so that the copy of the key in wasm memory is wiped, not just freed.
    let key = Zeroizing::new(key);
    let request = PayRequest {
        app_id,
        prepay_id,
        key: &key,
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

/// Uppercase hex signature of the parameters, packed as [`crate::unpack_fields`] reads them.
#[wasm_bindgen]
pub fn sign(joined: &str, lengths: &[u32], key: String, sign_type_name: &str) -> Result<String, JsValue> {
    let key = Zeroizing::new(key);
    let sign_type = sign_type(sign_type_name)?;
    let pairs = crate::unpack_fields(joined, lengths).map_err(js_error)?;
    canonical_of(pairs).and_then(|string_a| sign_canonical(&string_a, &key, sign_type)).map_err(js_error)
}

/// Whether the `sign` field among the packed parameters is right.
#[wasm_bindgen]
pub fn verify(joined: &str, lengths: &[u32], key: String, sign_type_name: &str) -> Result<bool, JsValue> {
    let key = Zeroizing::new(key);
    let sign_type = sign_type(sign_type_name)?;
    let pairs = crate::unpack_fields(joined, lengths).map_err(js_error)?;
    verify_of(pairs, &key, sign_type).map_err(js_error)
}

/// A random `nonceStr` of `len` letters and digits, drawn from the pool.
#[wasm_bindgen]
pub fn nonce(len: u32) -> Result<String, JsValue> {
    crate::nonce(len as usize).map_err(js_error)
}

/// Secure random bytes handed in by the shim (from `wx.getRandomValues`), used once
/// each, from the end, and wiped. A `Cell` that is taken and put back: no borrow
/// flag, so no panic path.
struct Pool(Cell<Vec<u8>>);

// SAFETY: wasm32-unknown-unknown without the `atomics` target feature has exactly
// one thread, so the pool is never reached from two threads.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for Pool {}

static POOL: Pool = Pool(Cell::new(Vec::new()));

fn with_pool<T>(f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    let mut pool = POOL.0.take();
    let result = f(&mut pool);
    POOL.0.set(pool);
    result
}

/// Adds secure random bytes to the pool; returns how many it now holds.
#[wasm_bindgen(js_name = addEntropy)]
pub fn add_entropy(bytes: &[u8]) -> u32 {
    with_pool(|pool| {
        pool.extend_from_slice(bytes);
        pool.len() as u32
    })
}

/// How many unused random bytes the pool holds.
#[wasm_bindgen(js_name = entropyAvailable)]
pub fn entropy_available() -> u32 {
    with_pool(|pool| pool.len() as u32)
}

/// getrandom's source on wasm32: all from the pool or, when it is short, nothing
/// (the pool stays as it was and the caller gets `RandomUnavailable`).
fn fill_from_pool(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    with_pool(|pool| {
        let Some(start) = pool.len().checked_sub(buf.len()) else {
            return Err(getrandom::Error::from(POOL_EMPTY));
        };
        let taken = &mut pool[start..];
        buf.copy_from_slice(taken);
        taken.fill(0);
        pool.truncate(start);
        Ok(())
    })
}

const POOL_EMPTY: NonZeroU32 = match NonZeroU32::new(getrandom::Error::CUSTOM_START) {
    Some(code) => code,
    None => unreachable!(),
};

getrandom::register_custom_getrandom!(fill_from_pool);
