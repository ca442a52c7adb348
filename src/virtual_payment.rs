//! 虚拟支付 (`wx.requestVirtualPayment`, virtual goods such as short drama): the two
//! signatures the page passes, made on the server from `signData` exactly as the page
//! will send it. Both keys stay on the server (feature `v3`'s server side):
//!
//! - `paySig` = lowercase hex HMAC-SHA256(AppKey, `requestVirtualPayment&` + signData),
//!   with the AppKey of the payment environment (`env` in signData);
//! - `signature` = lowercase hex HMAC-SHA256(session_key, signData), with the user's
//!   session_key from `code2Session`.

use alloc::string::String;
use core::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What `paySig` signs before `signData`: the page API's name and `&`.
pub const PAY_SIG_PREFIX: &str = "requestVirtualPayment&";

/// `signData` as the page sends it, with its two signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Signed {
    /// The JSON text, unchanged: the page passes this very string.
    pub sign_data: String,
    /// HMAC-SHA256 with the AppKey, lowercase hex.
    pub pay_sig: String,
    /// HMAC-SHA256 with the user's session_key, lowercase hex.
    pub signature: String,
}

/// Why the signatures were not made. No message holds a key or `signData`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `signData` is not the JSON text of an object.
    InvalidSignData,
    /// The AppKey is empty or has whitespace.
    InvalidAppKey,
    /// The session_key is empty or has whitespace.
    InvalidSessionKey,
}

impl Error {
    /// A stable identifier (the Node package's `WxPayError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidSignData => "InvalidSignData",
            Error::InvalidAppKey => "InvalidAppKey",
            Error::InvalidSessionKey => "InvalidSessionKey",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &'static str {
        match self {
            Error::InvalidSignData => "signData must be the JSON text of an object (JSON.stringify it once, sign that string, and send the page that very string: re-serialising changes the bytes signed)",
            Error::InvalidAppKey => "appKey must be the AppKey of the payment environment (mp 后台 → 虚拟支付 → 基础配置; the sandbox has its own), without whitespace: not the AppSecret",
            Error::InvalidSessionKey => "sessionKey must be the user's session_key from code2Session (wx.login's code traded on your server), without whitespace",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// Signs `sign_data` for `wx.requestVirtualPayment`.
///
/// # Errors
/// [`Error::InvalidSignData`] unless `sign_data` is the JSON text of an object;
/// [`Error::InvalidAppKey`] and [`Error::InvalidSessionKey`] for an empty key or one with
/// whitespace (a trailing newline from a config file).
pub fn sign(sign_data: &str, app_key: &str, session_key: &str) -> Result<Signed, Error> {
    if !serde_json::from_str::<serde_json::Value>(sign_data).is_ok_and(|v| v.is_object()) {
        return Err(Error::InvalidSignData);
    }
    let usable = |key: &str| !key.is_empty() && !key.chars().any(char::is_whitespace);
    if !usable(app_key) {
        return Err(Error::InvalidAppKey);
    }
    if !usable(session_key) {
        return Err(Error::InvalidSessionKey);
    }
    Ok(Signed {
        sign_data: sign_data.into(),
        pay_sig: hmac_hex(app_key, &[PAY_SIG_PREFIX, sign_data]),
        signature: hmac_hex(session_key, &[sign_data]),
    })
}

fn hmac_hex(key: &str, parts: &[&str]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part.as_bytes());
    }
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_the_page_could_not_have_signed() {
        let key = "TestOnlyAppKey";
        for data in ["", "{", "[1]", "\"text\"", "42", "{\"a\":1} x"] {
            assert_eq!(sign(data, key, key), Err(Error::InvalidSignData), "{data:?}");
        }
        assert_eq!(sign("{}", "", key), Err(Error::InvalidAppKey));
        assert_eq!(sign("{}", "TestOnlyAppKey\n", key), Err(Error::InvalidAppKey));
        assert_eq!(sign("{}", key, " "), Err(Error::InvalidSessionKey));
        // Spaces inside signData are signed as they are.
        let spaced = sign("{ \"a\": 1 }", key, key).unwrap();
        assert_ne!(spaced.pay_sig, sign("{\"a\":1}", key, key).unwrap().pay_sig);
        assert_eq!(spaced.sign_data, "{ \"a\": 1 }");
        assert_eq!((spaced.pay_sig.len(), spaced.signature.len()), (64, 64));
    }
}
