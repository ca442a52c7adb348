//! WeChat Pay API v3 for servers (feature `v3`; never in the mini-program module):
//! [`build_pay_params`] (`signType: 'RSA'`), the [`authorization`] header of requests,
//! [`verify`] for answers and notifications, and [`decrypt_resource`]; the paths of the
//! calls a server makes ([`Call`]) and the fields checked before sending them.
//!
//! Every v3 rule, code and message is here, once: the Node package runs this code in
//! its wasm module and only lends it OpenSSL's RSA and AES-GCM. Natively, RSA
//! (PKCS#1 v1.5, SHA-256) and AES-256-GCM come from ring, whose private-key operations
//! are constant-time (the `rsa` crate carries RUSTSEC-2023-0071, a timing side
//! channel); PEM, PKCS#8 and X.509 are read with RustCrypto's `der`/`x509-cert`.
//! Keys are read once ([`MerchantPrivateKey`], [`PublicKeys`], [`ApiV3Key`]), and no
//! error or `Debug` output holds key material.
//!
//! ```
//! use wxpay_wasm::v3::{self, MerchantPrivateKey, PayRequest};
//! # let vectors: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/v3.json")).unwrap();
//! # let pem = vectors["keys"]["merchantPrivateKey"].as_str().unwrap(); // TEST-ONLY key
//! let key = MerchantPrivateKey::from_pem(pem)?; // apiclient_key.pem, read once
//! let params = v3::build_pay_params(
//!     &PayRequest { app_id: "wxd678efh567hg6787", prepay_id: "wx201410272009395522657a690389285100",
//!                   private_key: &key, time_stamp: None, nonce_str: None },
//!     || 1_764_590_400,
//! )?;
//! assert_eq!((params.sign_type, params.pay_sign.len()), ("RSA", 344));
//! # Ok::<(), v3::Error>(())
//! ```

mod answer;
mod bignum;
mod calls;
#[cfg(feature = "v3")]
mod client;
mod error;
#[doc(hidden)]
pub mod host;
mod keys;
mod models;
#[cfg(feature = "v3")]
mod oaep;
mod pem;
mod resource;
mod sensitive;
mod sign;
mod transfer;
mod verify;

pub use answer::ApiError;
pub use calls::{
    check_amount, check_base_url, check_order, check_out_refund_no, check_out_trade_no, check_refund, check_timeout_ms,
    check_transaction_id, Call, OrderId, BASE_URL, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS,
};
pub use calls::{check_partner_order, check_sub_mch_id, partner_pay_app_id};
#[cfg(feature = "v3")]
pub use client::{Client, ClientError, HttpRequest, JsapiOrderAnswer, Pending};
pub use error::PayerProblem;
pub use error::{
    Algorithm, Amount, Block, BodyProblem, DecryptProblem, Error, Header, PemProblem, Serial, Transport,
    UserNameProblem,
};
#[cfg(feature = "v3")]
pub use keys::MerchantPrivateKey;
pub use keys::{ApiV3Key, PublicKeys};
pub use models::{
    Certificate, Event, JsapiOrder, Notification, OrderAmount, Payer, Refund, RefundAmount, RefundNotice,
    RefundRequest, RefundStatus, RefundedAmount, TradeState, Transaction, TransactionAmount,
};
#[cfg(feature = "v3")]
pub use resource::decrypt_resource;
pub use resource::{Resource, ALGORITHM};
#[cfg(feature = "v3")]
pub use sensitive::encrypt_sensitive;
pub use sensitive::{Encrypted, SENSITIVE_MAX_BYTES};
#[cfg(feature = "v3")]
pub use sign::{app_pay_params, authorization, build_pay_params, AuthorizationRequest, PayRequest};
pub use sign::{AppPayParams, AppPayRequest, PayParams, AUTHORIZATION_SCHEME, METHODS};
pub use transfer::{
    check_out_bill_no, check_plain_user_name, check_transfer_bill, TransferBill, BILL_FINISHED_EVENT,
    USER_NAME_REQUIRED_FROM_FEN,
};
#[cfg(feature = "v3")]
pub use verify::verify;
pub use verify::{PROBE_PREFIX, TIME_WINDOW_SECONDS};
