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

use crate::virtual_sheet::{self, Field, FieldProblem, Json};
use alloc::borrow::Cow;

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
    /// A field of `signData` is missing or not of its kind ([`virtual_sheet::SIGN_DATA_FIELDS`]).
    SignDataField(&'static Field, FieldProblem),
    /// The AppKey is empty or has whitespace.
    InvalidAppKey,
    /// The session_key is empty or has whitespace.
    InvalidSessionKey,
}

impl Error {
    /// A stable identifier (the Node package's `WxPayError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidSignData | Error::SignDataField(..) => "InvalidSignData",
            Error::InvalidAppKey => "InvalidAppKey",
            Error::InvalidSessionKey => "InvalidSessionKey",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Error::InvalidSignData => "signData must be the JSON text of an object (JSON.stringify it once, sign that string, and send the page that very string: re-serialising changes the bytes signed)",
            Error::SignDataField(field, problem) => return Cow::Owned(field.message(*problem)),
            Error::InvalidAppKey => "appKey must be the AppKey of the payment environment (mp 后台 → 虚拟支付 → 基础配置; the sandbox has its own), without whitespace: not the AppSecret",
            Error::InvalidSessionKey => "sessionKey must be the user's session_key from code2Session (wx.login's code traded on your server), without whitespace",
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// Signs `sign_data` for `wx.requestVirtualPayment`.
///
/// # Errors
/// [`Error::InvalidSignData`] unless `sign_data` is the JSON text of an object;
/// [`Error::SignDataField`] for a field the sheet needs in every mode that is missing, or
/// a field that is not of its kind (as the page will check it);
/// [`Error::InvalidAppKey`] and [`Error::InvalidSessionKey`] for an empty key or one with
/// whitespace (a trailing newline from a config file).
pub fn sign(sign_data: &str, app_key: &str, session_key: &str) -> Result<Signed, Error> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(sign_data) else {
        return Err(Error::InvalidSignData);
    };
    // The mode is the page's: fields only one mode needs are checked when present.
    virtual_sheet::check_sign_data(None, |name| fields.get(name).map(json))
        .map_err(|(field, problem)| Error::SignDataField(field, problem))?;
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

/// A JSON value as the sheet's rules look at it.
fn json(value: &serde_json::Value) -> Json<'_> {
    match value {
        serde_json::Value::String(s) => Json::Text(s),
        serde_json::Value::Number(n) => n.as_u64().map_or(Json::Other, Json::Integer),
        _ => Json::Other,
    }
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
        let coins = r#"{"offerId":"1450000000","buyQuantity":60,"currencyType":"CNY","outTradeNo":"VP20251201000002","attach":""}"#;
        assert_eq!(sign(coins, "", key), Err(Error::InvalidAppKey));
        assert_eq!(sign(coins, "TestOnlyAppKey\n", key), Err(Error::InvalidAppKey));
        assert_eq!(sign(coins, key, " "), Err(Error::InvalidSessionKey));
        // Spaces inside signData are signed as they are.
        let spaced_text = coins.replace(':', ": ");
        let spaced = sign(&spaced_text, key, key).unwrap();
        assert_ne!(spaced.pay_sig, sign(coins, key, key).unwrap().pay_sig);
        assert_eq!(spaced.sign_data, spaced_text);
        assert_eq!((spaced.pay_sig.len(), spaced.signature.len()), (64, 64));
    }

    #[test]
    fn refuses_the_fields_the_sheet_would_refuse() {
        let key = "TestOnlyAppKey";
        let with = |from: &str, to: &str| {
            r#"{"offerId":"1450000000","buyQuantity":1,"currencyType":"CNY","outTradeNo":"VP20251201000001","attach":"ep=3"}"#.replace(from, to)
        };
        for (data, field) in [
            (with("\"buyQuantity\":1", "\"buyQuantity\":\"1\""), "buyQuantity"),
            (with("\"1450000000\"", "1450000000"), "offerId"),
            (with(",\"attach\":\"ep=3\"", ""), "attach"),
            (with("VP20251201000001", "_VP20251201"), "outTradeNo"),
            (with("\"attach\"", "\"goodsPrice\":\"1.00\",\"attach\""), "goodsPrice"),
        ] {
            let e = sign(&data, key, key).unwrap_err();
            assert_eq!(e.code(), "InvalidSignData");
            assert!(e.message().starts_with(&format!("signData.{field} ")), "{data}: {e}");
        }
        // productId and goodsPrice belong to short_series_goods only: the server does not know the mode.
        assert!(sign(&with("x", "x"), key, key).is_ok());
    }

    #[test]
    fn pay_sig_signs_the_sheets_name() {
        assert_eq!(PAY_SIG_PREFIX, format!("{}&", virtual_sheet::API));
    }
}
