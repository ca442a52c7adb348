//! Typed errors with stable codes.
//!
//! Every message is a `&'static str`: it names the field and the rule, never the
//! value. That keeps the merchant key out of every error (even when it is passed
//! in the wrong argument) and keeps `core::fmt` out of the WebAssembly build.

use core::fmt;

/// Why a key was refused. The key itself is never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    /// The key is the empty string.
    Empty,
    /// The key contains a space, tab or newline (often a trailing newline from a config file).
    Whitespace,
    /// The key contains another control character.
    Control,
    /// The key is not 32 bytes long, as every API v2 key (and sandbox key) is.
    Length,
}

/// Why a `signType` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignTypeProblem {
    /// `"md5"` and friends: the name is case-sensitive.
    Lowercase,
    /// `"HMAC_SHA256"`, `"HMACSHA256"`: the name has a hyphen.
    HmacSpelling,
    /// `"RSA"` belongs to API v3.
    Rsa,
    /// Anything else.
    Unknown,
}

/// Why a `timeStamp` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStampProblem {
    /// Not made of ASCII digits only (or empty).
    NotDigits,
    /// 13 digits: milliseconds (`Date.now()`) instead of seconds.
    Milliseconds,
    /// Digits, but not 10 of them.
    WrongLength,
}

/// Everything that can go wrong. [`Error::code`] is stable and meant for programs;
/// the [`Display`](fmt::Display) text is meant for the developer and says what to fix.
///
/// ```
/// use wxpay_wasm::{build_pay_params, Error, PayRequest, SignType};
/// let request = PayRequest {
///     app_id: "wxd678efh567hg6787",
///     prepay_id: "wx2017033010242291fcfe0db70013231072",
///     key: "qazwsxedcrfvtgbyhnujmikolp111111", // WeChat's documentation demo key
///     sign_type: SignType::Md5,
///     time_stamp: Some("1490840662000"), // Date.now(): milliseconds
///     nonce_str: None,
/// };
/// let e: Error = build_pay_params(&request, || 0).unwrap_err();
/// assert_eq!(e.code(), "InvalidTimeStamp");
/// assert!(e.to_string().contains("milliseconds"));
/// ```
///
/// Not `#[non_exhaustive]`: bindings (the mini-program module numbers errors for its
/// boundary) match it exhaustively, so a new variant fails their build instead of
/// crossing as something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// `appId` is empty.
    MissingAppId,
    /// `appId` contains whitespace, a control character, `&` or `=`.
    InvalidAppId,
    /// `prepayId` is empty (or only `prepay_id=`).
    MissingPrepayId,
    /// `prepayId` contains whitespace, a control character, `&` or `=`.
    InvalidPrepayId,
    /// The API key is unusable.
    InvalidKey(KeyProblem),
    /// `signType` is not exactly `MD5` or `HMAC-SHA256`.
    UnsupportedSignType(SignTypeProblem),
    /// `timeStamp` is not 10 digits of Unix seconds.
    InvalidTimeStamp(TimeStampProblem),
    /// `nonceStr` is longer than WeChat's 32 characters.
    NonceTooLong,
    /// `nonceStr` is empty or not made of ASCII letters and digits.
    InvalidNonce,
    /// A parameter name is empty or contains whitespace, a control character, `&` or `=`.
    InvalidName,
    /// The same parameter name was given twice.
    DuplicateName,
    /// A value cannot be signed (wrong type, or text that is not valid Unicode).
    InvalidValue,
    /// `verify` was given parameters without a `sign` field.
    MissingSign,
    /// No secure random bytes are available.
    RandomUnavailable,
}

impl Error {
    /// A stable identifier, the same in Rust and in the JavaScript package.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MissingAppId => "MissingAppId",
            Error::InvalidAppId => "InvalidAppId",
            Error::MissingPrepayId => "MissingPrepayId",
            Error::InvalidPrepayId => "InvalidPrepayId",
            Error::InvalidKey(_) => "InvalidKey",
            Error::UnsupportedSignType(_) => "UnsupportedSignType",
            Error::InvalidTimeStamp(_) => "InvalidTimeStamp",
            Error::NonceTooLong => "NonceTooLong",
            Error::InvalidNonce => "InvalidNonce",
            Error::InvalidName => "InvalidName",
            Error::DuplicateName => "DuplicateName",
            Error::InvalidValue => "InvalidValue",
            Error::MissingSign => "MissingSign",
            Error::RandomUnavailable => "RandomUnavailable",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &'static str {
        match self {
            Error::MissingAppId => "appId is empty: pass the AppID of the mini-program (wx followed by 16 characters)",
            Error::InvalidAppId => "appId must not contain whitespace, control characters, '&' or '='",
            Error::MissingPrepayId => "prepayId is empty: pass the prepay_id that the unified order API (统一下单) returned to your server",
            Error::InvalidPrepayId => "prepayId must not contain whitespace, control characters, '&' or '=' (a leading 'prepay_id=' is accepted)",
            Error::InvalidKey(KeyProblem::Empty) => "key is empty: pass the 32-character API key (商户平台 → API安全), not the AppSecret or the APIv3 key",
            Error::InvalidKey(KeyProblem::Whitespace) => "key contains whitespace (a trailing newline from a config file?): the API key is 32 letters and digits",
            Error::InvalidKey(KeyProblem::Control) => "key contains a control character: the API key is 32 letters and digits",
            Error::InvalidKey(KeyProblem::Length) => "key is not 32 characters long: pass the API v2 key (商户平台 → API安全 → API密钥, 32 letters and digits) or the sandbox key made from it",
            Error::UnsupportedSignType(SignTypeProblem::Lowercase) => "signType is case-sensitive: use \"MD5\" or \"HMAC-SHA256\"",
            Error::UnsupportedSignType(SignTypeProblem::HmacSpelling) => "signType must be spelled \"HMAC-SHA256\" (with a hyphen), or \"MD5\"",
            Error::UnsupportedSignType(SignTypeProblem::Rsa) => "signType \"RSA\" belongs to API v3, which is signed on your server with the merchant private key; API v2 accepts \"MD5\" or \"HMAC-SHA256\"",
            Error::UnsupportedSignType(SignTypeProblem::Unknown) => "signType must be \"MD5\" or \"HMAC-SHA256\", the same sign_type the unified order used",
            Error::InvalidTimeStamp(TimeStampProblem::NotDigits) => "timeStamp must be a string of digits: Unix time in seconds, e.g. String(Math.floor(Date.now() / 1000))",
            Error::InvalidTimeStamp(TimeStampProblem::Milliseconds) => "timeStamp has 13 digits, which is milliseconds: WeChat wants Unix seconds (10 digits), e.g. String(Math.floor(Date.now() / 1000))",
            Error::InvalidTimeStamp(TimeStampProblem::WrongLength) => "timeStamp must be 10 digits of Unix time in seconds",
            Error::NonceTooLong => "nonceStr is longer than 32 characters, WeChat's limit (a UUID with hyphens is 36): use 1 to 32 letters and digits",
            Error::InvalidNonce => "nonceStr must be 1 to 32 ASCII letters and digits",
            Error::InvalidName => "a parameter name is empty or contains whitespace, control characters, '&' or '='",
            Error::DuplicateName => "the same parameter name appears twice",
            Error::InvalidValue => "a parameter value must be a string or an integer",
            Error::MissingSign => "the parameters have no 'sign' field to verify",
            Error::RandomUnavailable => "no secure random bytes are available: await init() first (it fills the random pool from wx.getRandomValues, base library ≥ 2.15.0)",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for Error {}
