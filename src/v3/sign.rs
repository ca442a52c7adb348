//! What the merchant signs with its private key: `paySign` for `wx.requestPayment`
//! and the `Authorization` header of API requests.

use base64ct::{Base64, Encoding};

use crate::nonce::secure_random;
use crate::pay::{time_stamp_and_nonce_text, unsigned_pay_fields, UnsignedPayFields, UnsignedPayRequest};

use super::error::{Error, Serial};
#[cfg(feature = "v3")]
use super::keys::MerchantPrivateKey;

/// The HTTP methods of WeChat Pay's API v3, in the upper case that is signed.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The scheme of the `Authorization` header.
pub const AUTHORIZATION_SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";

/// What the server knows when the page is about to pay: the JSAPI order's `prepay_id`
/// and the merchant private key. `time_stamp` and `nonce_str` are made when `None`.
#[cfg(feature = "v3")]
#[derive(Debug, Clone, Copy)]
pub struct PayRequest<'a> {
    /// The mini-program's AppID (signed; wx.requestPayment does not take it).
    pub app_id: &'a str,
    /// The JSAPI order's `prepay_id`, bare or already as `prepay_id=…`.
    pub prepay_id: &'a str,
    /// The merchant API certificate's private key.
    pub private_key: &'a MerchantPrivateKey,
    /// Unix seconds as 10 digits; `None` takes the clock passed to [`build_pay_params`].
    pub time_stamp: Option<&'a str>,
    /// 1 to 32 letters and digits; `None` makes a random one of 32.
    pub nonce_str: Option<&'a str>,
}

/// The v3 twin of [`crate::PayParams`]: the same fields, with `signType` always `RSA`
/// and `paySign` base64 of SHA256-with-RSA over `appId\ntimeStamp\nnonceStr\npackage\n`.
/// (Its own type because v2's [`SignType`](crate::SignType) has no `RSA`: v2 refuses it.)
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
#[allow(missing_docs)] // the fields are crate::PayParams' own
pub struct PayParams {
    pub time_stamp: String,
    pub nonce_str: String,
    pub package: String,
    /// `RSA`: not signed, but wx.requestPayment defaults to `MD5` without it.
    pub sign_type: &'static str,
    pub pay_sign: String,
}

/// Builds and signs the parameters of `wx.requestPayment` for API v3.
///
/// `now_unix_seconds` is asked only when `request.time_stamp` is `None`.
///
/// # Errors
/// The field errors of API v2 as [`Error::Field`] (`appId`, `prepayId`, `timeStamp`,
/// `nonceStr`, random bytes), with the same rules in the same order: those of
/// `unsigned_pay_fields` (src/pay.rs).
#[cfg(feature = "v3")]
pub fn build_pay_params<C>(request: &PayRequest<'_>, now_unix_seconds: C) -> Result<PayParams, Error>
where
    C: FnOnce() -> u64,
{
    let shared = UnsignedPayRequest {
        app_id: request.app_id,
        prepay_id: request.prepay_id,
        time_stamp: request.time_stamp,
        nonce_str: request.nonce_str,
    };
    build_pay_params_with(&shared, now_unix_seconds, |message| request.private_key.sign(message))
}

/// [`build_pay_params`] with `SHA256withRSA` by the merchant key done by `rsa_sign`.
pub(crate) fn build_pay_params_with(
    request: &UnsignedPayRequest<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<PayParams, Error> {
    let UnsignedPayFields { time_stamp, nonce_str, package } =
        unsigned_pay_fields(request, now_unix_seconds, secure_random)?;
    let message = lines(&[request.app_id.as_bytes(), time_stamp.as_bytes(), nonce_str.as_bytes(), package.as_bytes()]);
    let pay_sign = Base64::encode_string(&rsa_sign(&message)?);
    Ok(PayParams { time_stamp, nonce_str, package, sign_type: "RSA", pay_sign })
}

/// The parameters of an app's `PayReq` (APP支付, WeChat's OpenSDK), for the same merchant
/// as its mini-program: `sign` is base64 of SHA256-with-RSA over
/// `appid\ntimestamp\nnoncestr\nprepayid\n` (the bare prepay_id), `package` is `Sign=WXPay`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AppPayParams {
    /// The app's AppID (open platform).
    pub appid: String,
    /// The merchant id (商户号).
    pub partnerid: String,
    /// The APP order's prepay_id, bare.
    pub prepayid: String,
    /// Always `Sign=WXPay`.
    pub package: &'static str,
    /// 1 to 32 letters and digits.
    pub noncestr: String,
    /// Unix seconds, 10 digits.
    pub timestamp: String,
    /// Base64 of the RSA signature.
    pub sign: String,
}

/// What the app's `PayReq` needs to be signed, besides the key.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // the fields are AppPayParams' and PayRequest's
pub struct AppPayRequest<'a> {
    pub app_id: &'a str,
    pub mch_id: &'a str,
    pub prepay_id: &'a str,
    pub time_stamp: Option<&'a str>,
    pub nonce_str: Option<&'a str>,
}

/// [`AppPayParams`] for an APP order's `prepay_id`, signed with the merchant key.
///
/// # Errors
/// [`Error::InvalidMchId`], then the field errors of [`build_pay_params`].
#[cfg(feature = "v3")]
pub fn app_pay_params<C>(
    request: &AppPayRequest<'_>,
    private_key: &MerchantPrivateKey,
    now_unix_seconds: C,
) -> Result<AppPayParams, Error>
where
    C: FnOnce() -> u64,
{
    app_pay_params_with(request, now_unix_seconds, |message| private_key.sign(message))
}

/// [`app_pay_params`] with `SHA256withRSA` by the merchant key done by `rsa_sign`.
pub(crate) fn app_pay_params_with(
    request: &AppPayRequest<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<AppPayParams, Error> {
    check_mch_id(request.mch_id)?;
    let fields = UnsignedPayRequest {
        app_id: request.app_id,
        prepay_id: request.prepay_id,
        time_stamp: request.time_stamp,
        nonce_str: request.nonce_str,
    };
    let UnsignedPayFields { time_stamp, nonce_str, package } =
        unsigned_pay_fields(&fields, now_unix_seconds, secure_random)?;
    // The package is `prepay_id=` and the checked id: the app signs the id alone.
    let prepayid = package.split_once('=').map_or(package.as_str(), |(_, id)| id).to_owned();
    let message = lines(&[request.app_id.as_bytes(), time_stamp.as_bytes(), nonce_str.as_bytes(), prepayid.as_bytes()]);
    let sign = Base64::encode_string(&rsa_sign(&message)?);
    Ok(AppPayParams {
        appid: request.app_id.to_owned(),
        partnerid: request.mch_id.to_owned(),
        prepayid,
        package: "Sign=WXPay",
        noncestr: nonce_str,
        timestamp: time_stamp,
        sign,
    })
}

/// An API v3 request to sign, for [`authorization`].
#[cfg(feature = "v3")]
#[derive(Debug, Clone, Copy)]
pub struct AuthorizationRequest<'a> {
    /// The merchant id (商户号): 1 to 32 digits.
    pub mch_id: &'a str,
    /// The merchant API certificate's serial number (商户API证书序列号): 1 to 64 hex digits.
    pub serial_no: &'a str,
    /// The private key of that certificate.
    pub private_key: &'a MerchantPrivateKey,
    /// One of [`METHODS`], in upper case.
    pub method: &'a str,
    /// The path and query as sent (ASCII), e.g. `/v3/pay/transactions/jsapi` or `/v3/…?mchid=…`.
    pub url: &'a str,
    /// The request body exactly as sent (empty for `GET`).
    pub body: &'a [u8],
    /// Unix seconds as 10 digits; `None` takes the clock passed to [`authorization`].
    pub time_stamp: Option<&'a str>,
    /// 1 to 32 letters and digits; `None` makes a random one of 32.
    pub nonce_str: Option<&'a str>,
}

/// The value of the `Authorization` header of an API v3 request:
/// `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`,
/// signed over `METHOD\nURL\ntimestamp\nnonce\nbody\n`.
///
/// # Errors
/// [`Error::InvalidMchId`], [`Error::InvalidSerialNo`], [`Error::InvalidMethod`],
/// [`Error::InvalidUrl`], and the shared `timeStamp` / `nonceStr` rules as [`Error::Field`].
#[cfg(feature = "v3")]
pub fn authorization<C>(request: &AuthorizationRequest<'_>, now_unix_seconds: C) -> Result<String, Error>
where
    C: FnOnce() -> u64,
{
    let to_sign = RequestToSign {
        mch_id: request.mch_id,
        serial_no: request.serial_no,
        method: request.method,
        url: request.url,
        body: request.body,
        time_stamp: request.time_stamp,
        nonce_str: request.nonce_str,
    };
    authorization_with(&to_sign, now_unix_seconds, |message| request.private_key.sign(message))
}

/// An API v3 request to sign, without the key: for hosts that sign with their own RSA.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // the fields are AuthorizationRequest's
pub struct RequestToSign<'a> {
    pub mch_id: &'a str,
    pub serial_no: &'a str,
    pub method: &'a str,
    pub url: &'a str,
    pub body: &'a [u8],
    pub time_stamp: Option<&'a str>,
    pub nonce_str: Option<&'a str>,
}

/// [`authorization`] with `SHA256withRSA` by the merchant key done by `rsa_sign`.
pub(crate) fn authorization_with(
    request: &RequestToSign<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<String, Error> {
    check_merchant(request.mch_id, request.serial_no)?;
    if !METHODS.contains(&request.method) {
        return Err(Error::InvalidMethod);
    }
    // What is signed must be what is sent: a URL's non-ASCII characters are sent percent-encoded.
    let url = request.url;
    if !url.starts_with('/') || !url.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::InvalidUrl);
    }
    let (time_stamp, nonce_str) =
        time_stamp_and_nonce_text(request.time_stamp, request.nonce_str, now_unix_seconds, secure_random)?;
    let message =
        lines(&[request.method.as_bytes(), url.as_bytes(), time_stamp.as_bytes(), nonce_str.as_bytes(), request.body]);
    let signature = Base64::encode_string(&rsa_sign(&message)?);
    Ok(format!(
        "{AUTHORIZATION_SCHEME} mchid=\"{}\",nonce_str=\"{nonce_str}\",signature=\"{signature}\",timestamp=\"{time_stamp}\",serial_no=\"{}\"",
        request.mch_id, request.serial_no
    ))
}

/// The merchant id (1 to 32 digits) and its API certificate's serial (1 to 64 hex digits).
pub fn check_merchant(mch_id: &str, serial_no: &str) -> Result<(), Error> {
    check_mch_id(mch_id)?;
    if serial_no.is_empty() || serial_no.len() > 64 || !serial_no.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::InvalidSerialNo(Serial::Merchant));
    }
    Ok(())
}

/// The merchant id: 1 to 32 digits.
pub(crate) fn check_mch_id(mch_id: &str) -> Result<(), Error> {
    crate::merchant_transfer::is_mch_id(mch_id).then_some(()).ok_or(Error::InvalidMchId)
}

/// The parts, each followed by `\n` (the last one too): every v3 signature's message.
pub(crate) fn lines(parts: &[&[u8]]) -> Vec<u8> {
    let mut message = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        message.extend_from_slice(part);
        message.push(b'\n');
    }
    message
}
