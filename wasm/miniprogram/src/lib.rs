//! The JavaScript boundary, compiled only for `wasm32`. It is narrow on purpose:
//! strings (or, for `buildPayParams`, bytes in a shared scratch) in, one string
//! out. Types, defaults and the shape of the result are the hand-written shim's
//! job (`src/js/index.js`), so nothing here can throw a JavaScript exception
//! through Rust frames. An error leaves as the string `"Code:message"` (or its
//! number in [`Error::ALL`]), which the shim turns into an `Error` with a `code`.
// The whole crate is the wasm32 module: on other targets it is empty.
#![cfg(target_arch = "wasm32")]
// The shipped build leaves std out (`--no-default-features`): the panic handler at
// the end then keeps core::fmt out of the module.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use core::num::NonZeroU32;

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

// The non-generic cores: the generic public functions would add a copy each.
use wxpay_wasm::boundary::{canonical_of, check_key, copy, sign_parts, sign_pay, verify_of, Made, PayFields};
use wxpay_wasm::{Error, SignType};

fn js_error(e: Error) -> JsValue {
    JsValue::from(error_text(error_number(e) as u32))
}

fn sign_type(s: &str) -> Result<SignType, JsValue> {
    s.parse().map_err(js_error)
}

/// Bytes shared with the shim for `buildPayParams`, the hot call: the shim writes
/// the fields straight into wasm memory and reads the answer from there, so no
/// string is allocated, encoded or decoded by the generated glue (a third of the
/// call's time in jitless JavaScriptCore, docs/benchmarks.md). Grown on demand;
/// the key's bytes are wiped after every call.
static SCRATCH: Shared<Vec<u8>> = Shared(Cell::new(Vec::new()));

/// The scratch, at least `capacity` bytes long; its address (which growing moves).
#[wasm_bindgen(js_name = payScratch)]
pub fn pay_scratch(capacity: u32) -> *mut u8 {
    with(&SCRATCH, |scratch| {
        if scratch.len() < capacity as usize {
            scratch.resize(capacity as usize, 0);
        }
        scratch.as_mut_ptr()
    })
}

/// `buildPayParams` over the scratch, which holds appId, prepayId, key, signType,
/// timeStamp and nonceStr as UTF-8, one after another, of the given byte lengths
/// (`-1`: absent). `now` is the clock in Unix seconds, read only when timeStamp is
/// absent. Writes timeStamp (10 digits), nonceStr and paySign (32 or 64 hex digits),
/// back to back and ASCII, right after the input and returns their length, or the
/// negated number of an [`Error::ALL`] entry (see [`error_text`]). The shim knows
/// the rest: `package` is `prepay_id=` and the id, `signType` as given.
#[wasm_bindgen(js_name = buildPayParamsInScratch)]
pub fn build_pay_params_in_scratch(
    app_id: u32,
    prepay_id: u32,
    key: u32,
    sign_type_name: u32,
    time_stamp: i32,
    nonce_str: i32,
    now: u32,
) -> i32 {
    with(&SCRATCH, |scratch| {
        let lengths = [app_id as i32, prepay_id as i32, key as i32, sign_type_name as i32, time_stamp, nonce_str];
        let input_len = lengths.iter().map(|&n| n.max(0) as usize).sum::<usize>().min(scratch.len());
        let (input, output) = scratch.split_at_mut(input_len);
        let written = read_fields(input, lengths)
            .and_then(|[app_id, prepay_id, key, sign_type_name, time_stamp, nonce_str]| {
                let fields = PayFields {
                    app_id: app_id.unwrap_or_default(),
                    prepay_id: prepay_id.unwrap_or_default(),
                    key: key.unwrap_or_default(),
                    sign_type: SignType::from_name(sign_type_name.unwrap_or_default())?,
                    time_stamp,
                    nonce_str,
                };
                let mut made = Made::default();
                let signed = sign_pay(&fields, || u64::from(now), &mut made)?;
                write_joined(output, &[signed.time_stamp, signed.nonce_str, signed.pay_sign.as_bytes()])
            })
            .map_or_else(|e| -error_number(e), |n| n as i32);
        wipe_key(input, lengths);
        written
    })
}

/// Zeroes the key's bytes in the scratch (the other fields are not secret), with
/// plain word stores: wiping all the input took 1.7 µs of a 20 µs call in jitless
/// JavaScriptCore, byte stores more. Plain stores cannot be optimised away
/// here: the scratch is a static that outlives the call.
fn wipe_key(input: &mut [u8], lengths: [i32; 6]) {
    let [app_id, prepay_id, key, ..] = lengths.map(|n| n.max(0) as usize);
    match input.get_mut(app_id + prepay_id..app_id + prepay_id + key) {
        Some(key) if key.len() <= 64 => copy(key, &[0; 64]),
        _ => input.fill(0), // lengths that do not add up, or a long key
    }
}

/// Splits the scratch's input into the six fields; `None` for a negative length.
/// They stay bytes: [`sign_pay`] checks every one of them byte by byte.
fn read_fields(input: &[u8], lengths: [i32; 6]) -> Result<[Option<&[u8]>; 6], Error> {
    let mut fields = [None; 6];
    let mut at = 0;
    for (field, &len) in fields.iter_mut().zip(&lengths) {
        if len >= 0 {
            *field = Some(input.get(at..at + len as usize).ok_or(Error::InvalidValue)?);
            at += len as usize;
        }
    }
    Ok(fields)
}

/// Copies `parts` (each at most 64 bytes) one after another into `out`; → the length written.
fn write_joined(out: &mut [u8], parts: &[&[u8]]) -> Result<usize, Error> {
    let mut at = 0;
    for part in parts {
        let end = at + part.len();
        copy(out.get_mut(at..end).ok_or(Error::InvalidValue)?, part);
        at = end;
    }
    Ok(at)
}

/// 1-based place of `e` in [`Error::ALL`].
fn error_number(e: Error) -> i32 {
    Error::ALL.iter().position(|&x| x == e).map_or(0, |i| i as i32 + 1)
}

/// `"Code:message"` of the error numbered `number` by [`build_pay_params_in_scratch`].
#[wasm_bindgen(js_name = errorText)]
pub fn error_text(number: u32) -> String {
    let e = Error::ALL.get((number as usize).wrapping_sub(1)).copied().unwrap_or(Error::InvalidValue);
    [e.code(), ":", e.message()].concat()
}

/// Uppercase hex signature of the parameters, packed as [`wxpay_wasm::unpack_fields`] reads them.
#[wasm_bindgen]
pub fn sign(joined: &str, lengths: &[u32], key: String, sign_type_name: &str) -> Result<String, JsValue> {
    let key = Zeroizing::new(key);
    let sign_type = sign_type(sign_type_name)?;
    let pairs = wxpay_wasm::unpack_fields(joined, lengths).map_err(js_error)?;
    canonical_of(pairs)
        .and_then(|string_a| sign_parts(&[string_a.as_bytes()], check_key(key.as_bytes())?, sign_type))
        .map(|sign| sign.as_str().to_owned())
        .map_err(js_error)
}

/// Whether the `sign` field among the packed parameters is right.
#[wasm_bindgen]
pub fn verify(joined: &str, lengths: &[u32], key: String, sign_type_name: &str) -> Result<bool, JsValue> {
    let key = Zeroizing::new(key);
    let sign_type = sign_type(sign_type_name)?;
    let pairs = wxpay_wasm::unpack_fields(joined, lengths).map_err(js_error)?;
    verify_of(pairs, &key, sign_type).map_err(js_error)
}

/// A random `nonceStr` of `len` letters and digits, drawn from the pool.
#[wasm_bindgen]
pub fn nonce(len: u32) -> Result<String, JsValue> {
    wxpay_wasm::nonce(len as usize).map_err(js_error)
}

/// A static that this single-threaded module takes and puts back: no borrow flag,
/// so no panic path.
struct Shared<T>(Cell<T>);

// SAFETY: wasm32-unknown-unknown without the `atomics` target feature has exactly
// one thread, so a `Shared` is never reached from two threads.
#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for Shared<T> {}

fn with<T: Default, R>(shared: &Shared<T>, f: impl FnOnce(&mut T) -> R) -> R {
    let mut value = shared.0.take();
    let result = f(&mut value);
    shared.0.set(value);
    result
}

/// Secure random bytes handed in by the shim (from `wx.getRandomValues`), used once
/// each, from the end, and wiped.
static POOL: Shared<Vec<u8>> = Shared(Cell::new(Vec::new()));

/// Adds secure random bytes to the pool; returns how many it now holds.
#[wasm_bindgen(js_name = addEntropy)]
pub fn add_entropy(bytes: &[u8]) -> u32 {
    with(&POOL, |pool| {
        pool.extend_from_slice(bytes);
        pool.len() as u32
    })
}

/// How many unused random bytes the pool holds.
#[wasm_bindgen(js_name = entropyAvailable)]
pub fn entropy_available() -> u32 {
    with(&POOL, |pool| pool.len() as u32)
}

/// getrandom's source on wasm32: all from the pool or, when it is short, nothing
/// (the pool stays as it was and the caller gets `RandomUnavailable`).
fn fill_from_pool(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    with(&POOL, |pool| {
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

/// Without std (the mini-program build), a panic is a trap, as it already was with
/// `panic = "abort"`, but the message is never formatted, so core::fmt stays out of
/// the module (core's own messages and locations remain). Input never panics; the
/// shim turns a trap into `Internal` and stops using the instance.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// std's allocator on wasm32, which without std must be named.
#[cfg(not(feature = "std"))]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;
