//! WeChat Pay API v2 signing for servers and, compiled to WebAssembly, for WeChat
//! mini-programs: [`sign`], [`verify`], [`nonce`] and the parameters of
//! `wx.requestPayment` ([`build_pay_params`]).
//!
//! The signature (WeChat Pay "签名算法"): parameters with a non-empty value, except
//! `sign`, sorted by name in ASCII order, joined as `k=v&k=v` (raw UTF-8, no
//! URL-encoding), then `&key=<API key>` appended, hashed with MD5 or HMAC-SHA256
//! keyed by the API key, and written in uppercase hex.
//!
//! ```
//! use wxpay_wasm::{build_pay_params, PayRequest, SignType};
//!
//! let params = build_pay_params(
//!     &PayRequest {
//!         app_id: "wxd678efh567hg6787",
//!         prepay_id: "wx2017033010242291fcfe0db70013231072",
//!         key: "qazwsxedcrfvtgbyhnujmikolp111111", // WeChat's documentation demo key
//!         sign_type: SignType::Md5,
//!         time_stamp: None, // taken from the clock below
//!         nonce_str: None,  // 32 random letters and digits
//!     },
//!     || 1_490_840_662,
//! )?;
//! assert_eq!(params.time_stamp, "1490840662");
//! assert_eq!(params.package, "prepay_id=wx2017033010242291fcfe0db70013231072");
//! assert_eq!(params.pay_sign.len(), 32);
//! # Ok::<(), wxpay_wasm::Error>(())
//! ```
//!
//! Features: `std` and `serde` (both default). Without them the crate is `no_std` and
//! needs only `alloc`.
//!
//! On `wasm32-unknown-unknown`, [`nonce`] and [`build_pay_params`] without a nonce
//! draw from getrandom 0.2, which has no default source there: as getrandom
//! documents, the final crate chooses one, e.g. its `js` feature for browsers and
//! Node (`getrandom = { version = "0.2", features = ["js"] }`). This crate brings no
//! wasm-bindgen, allocator or panic handler of its own.
// The mini-program build leaves std out (`--no-default-features`): its own panic
// handler then keeps core::fmt out of the module (wasm/miniprogram).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

mod ascii;
mod blocks;
mod canonical;
mod error;
mod nonce;
mod pay;
mod sign;

pub use canonical::{canonical_string, Param};
pub use error::{Error, KeyProblem, SignTypeProblem, TimeStampProblem};
pub use nonce::{nonce, nonce_from, MAX_NONCE_LEN};
pub use pay::{build_pay_params, PayParams, PayRequest};
pub use sign::{sign, verify, HexSign, SignType};

/// What only this project's WebAssembly boundaries use (`wasm/miniprogram` reads a
/// request as bytes and signs it without allocating): not the crate's API, not kept stable.
#[doc(hidden)]
pub mod boundary {
    pub use crate::pay::{sign_pay_bytes, MadeFields, PayRequestBytes, SignedPayBytes};
}

pub mod merchant_transfer;
#[cfg(feature = "v3-rules")]
pub mod v3;
#[cfg(feature = "v3-rules")]
pub mod virtual_payment;
pub mod virtual_sheet;

/// The README's Rust quick start runs as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The Rust guide's examples (docs/server-rust.md, the crate's README) run as doctests.
#[doc = include_str!("../docs/server-rust.md")]
#[cfg(doctest)]
pub struct ServerRustDoctests;
