//! API v3 for the Node entry (feature `v3`, built for `--target nodejs` only): the core's
//! v3 rules, codes and messages (`wxpay_wasm::v3::host`), with Node's OpenSSL lent as
//! callbacks for the RSA and AES-GCM arithmetic. `src/js/node/v3.js` reads the
//! caller's objects, turns keys into PEM text and holds the KeyObjects made from the
//! DER answered here. Not part of the package's API.

use js_sys::{Array, Function, Uint8Array};
use wasm_bindgen::prelude::*;
use wxpay_wasm::v3::host::UnsignedPayRequest;
use wxpay_wasm::v3::{
    self, host, Algorithm, Amount, BodyProblem, Call, DecryptProblem, OrderId, PemProblem, Serial, Transport,
    UserNameProblem,
};
use wxpay_wasm::{Error as V2, TimeStampProblem};
use zeroize::Zeroizing;

use super::{
    lines, nonce_text, now_unix_seconds, required_text, safe_integer, text, text_or_absent, time_stamp_text, type_name,
    wx_error,
};

/// `typeName(value)`: how messages name a value's type ("an object", "undefined", …), for
/// the messages `src/js/node/v3.js` makes about its own arguments.
#[wasm_bindgen(js_name = typeName)]
pub fn js_type_name(value: JsValue) -> String {
    type_name(&value).to_owned()
}

fn v3_error(e: v3::Error) -> JsValue {
    wx_error(e.code(), e.message())
}

/// PEM text, wiped when dropped: it may be the merchant's private key.
fn pem_text(v: &JsValue, error: v3::Error, what: &str) -> Result<Zeroizing<String>, JsValue> {
    Ok(Zeroizing::new(text(v, error, what)?))
}

/// `[der, pkcs1]`: the key's DER for `crypto.createPrivateKey` / `createPublicKey`
/// (`type: 'pkcs1'` when `pkcs1`, else `'pkcs8'` / `'spki'`).
fn der_pair(der: &[u8], pkcs1: bool) -> Array {
    Array::of2(&Uint8Array::from(der).into(), &pkcs1.into())
}

/// `v3PrivateKey(pem)` → `[der, pkcs1]` of the merchant's private key, every rule checked.
#[wasm_bindgen(js_name = v3PrivateKey)]
pub fn private_key(pem: JsValue) -> Result<Array, JsValue> {
    let pem = pem_text(&pem, v3::Error::InvalidPrivateKey(PemProblem::NotPem), "privateKey")?;
    let read = host::private_key(&pem).map_err(v3_error)?;
    Ok(der_pair(&read.der, read.pkcs1))
}

/// `v3Merchant(mchId, serialNo)`: checks the merchant's ids once, when it is made.
#[wasm_bindgen(js_name = v3Merchant)]
pub fn merchant(mch_id: JsValue, serial_no: JsValue) -> Result<(), JsValue> {
    let mch_id = text(&mch_id, v3::Error::InvalidMchId, "mchId")?;
    let serial_no = text(&serial_no, v3::Error::InvalidSerialNo(Serial::Merchant), "serialNo")?;
    host::check_merchant(&mch_id, &serial_no).map_err(v3_error)
}

/// `rsaSign(message)` → the signature's bytes, from the wrapper's KeyObject.
fn signer(rsa_sign: &Function) -> impl FnOnce(&[u8]) -> Result<Vec<u8>, v3::Error> + '_ {
    move |message| {
        let signed = rsa_sign.call1(&JsValue::NULL, &Uint8Array::from(message)).ok();
        // OpenSSL signs with any key the core let through; one it cannot use is no key of WeChat Pay's kind.
        signed
            .and_then(|s| s.dyn_into::<Uint8Array>().ok())
            .map(|s| s.to_vec())
            .ok_or(v3::Error::InvalidPrivateKey(PemProblem::NotRsa2048))
    }
}

/// The fields a payment's parameters are made of, as text: `appId`, `prepayId`, and
/// `timeStamp` and `nonceStr` when given.
struct PayFields {
    app_id: String,
    prepay_id: String,
    time_stamp: Option<String>,
    nonce_str: Option<String>,
}

impl PayFields {
    fn read(app_id: &JsValue, prepay_id: &JsValue, time_stamp: &JsValue, nonce_str: &JsValue) -> Result<Self, JsValue> {
        Ok(PayFields {
            app_id: required_text(app_id, V2::InvalidAppId, "appId")?,
            prepay_id: required_text(prepay_id, V2::InvalidPrepayId, "prepayId")?,
            time_stamp: time_stamp_text(time_stamp)?,
            nonce_str: nonce_text(nonce_str)?,
        })
    }

    fn unsigned(&self) -> UnsignedPayRequest<'_> {
        UnsignedPayRequest {
            app_id: &self.app_id,
            prepay_id: &self.prepay_id,
            time_stamp: self.time_stamp.as_deref(),
            nonce_str: self.nonce_str.as_deref(),
        }
    }
}

/// `v3PayParams(appId, prepayId, timeStamp?, nonceStr?, rsaSign)` → `timeStamp`,
/// `nonceStr`, `package` and `paySign` as lines (`signType` is always `RSA`).
#[wasm_bindgen(js_name = v3PayParams)]
pub fn pay_params(
    app_id: JsValue,
    prepay_id: JsValue,
    time_stamp: JsValue,
    nonce_str: JsValue,
    rsa_sign: &Function,
) -> Result<String, JsValue> {
    let fields = PayFields::read(&app_id, &prepay_id, &time_stamp, &nonce_str)?;
    let params = host::build_pay_params(&fields.unsigned(), now_unix_seconds, signer(rsa_sign)).map_err(v3_error)?;
    Ok(lines(&[&params.time_stamp, &params.nonce_str, &params.package, &params.pay_sign]))
}

/// `v3AppPayParams(appId, mchId, prepayId, timeStamp?, nonceStr?, rsaSign)` → `appid`,
/// `partnerid`, `prepayid`, `noncestr`, `timestamp` and `sign` as lines (`package` is
/// always `Sign=WXPay`).
#[wasm_bindgen(js_name = v3AppPayParams)]
pub fn app_pay_params(
    app_id: JsValue,
    mch_id: JsValue,
    prepay_id: JsValue,
    time_stamp: JsValue,
    nonce_str: JsValue,
    rsa_sign: &Function,
) -> Result<String, JsValue> {
    let mch_id = required_text(&mch_id, v3::Error::InvalidMchId, "mchId")?;
    let fields = PayFields::read(&app_id, &prepay_id, &time_stamp, &nonce_str)?;
    let unsigned = fields.unsigned();
    let request = v3::AppPayRequest {
        app_id: unsigned.app_id,
        mch_id: &mch_id,
        prepay_id: unsigned.prepay_id,
        time_stamp: unsigned.time_stamp,
        nonce_str: unsigned.nonce_str,
    };
    let p = host::app_pay_params(&request, now_unix_seconds, signer(rsa_sign)).map_err(v3_error)?;
    Ok(lines(&[&p.appid, &p.partnerid, &p.prepayid, &p.noncestr, &p.timestamp, &p.sign]))
}

/// `v3Authorization(mchId, serialNo, method, url, body, timeStamp?, nonceStr?, rsaSign)`
/// → the Authorization header's value.
#[wasm_bindgen(js_name = v3Authorization)]
#[allow(clippy::too_many_arguments)] // one per field of the request, as the core's RequestToSign
pub fn authorization(
    mch_id: JsValue,
    serial_no: JsValue,
    method: JsValue,
    url: JsValue,
    body: JsValue,
    time_stamp: JsValue,
    nonce_str: JsValue,
    rsa_sign: &Function,
) -> Result<String, JsValue> {
    let mch_id = required_text(&mch_id, v3::Error::InvalidMchId, "mchId")?;
    let serial_no = required_text(&serial_no, v3::Error::InvalidSerialNo(Serial::Merchant), "serialNo")?;
    let method = required_text(&method, v3::Error::InvalidMethod, "method")?;
    let url = required_text(&url, v3::Error::InvalidUrl, "url")?;
    // A request without a body (GET) signs an empty one.
    let body = if body.is_undefined() || body.is_null() { Vec::new() } else { body_bytes(&body)? };
    let time_stamp = time_stamp_text(&time_stamp)?;
    let nonce_str = nonce_text(&nonce_str)?;
    let request = host::RequestToSign {
        mch_id: &mch_id,
        serial_no: &serial_no,
        method: &method,
        url: &url,
        body: &body,
        time_stamp: time_stamp.as_deref(),
        nonce_str: nonce_str.as_deref(),
    };
    host::authorization(&request, now_unix_seconds, signer(rsa_sign)).map_err(v3_error)
}

/// A body as the bytes sent or received: a string (as UTF-8) or bytes; not a parsed object.
fn body_bytes(body: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = body.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    let problem = if body.is_undefined() || body.is_null() { BodyProblem::Missing } else { BodyProblem::Parsed };
    Err(v3_error(v3::Error::InvalidBody(problem)))
}

/// WeChat Pay's keys by serial (`v3.publicKeys(...)` in Node): the core's `PublicKeys`,
/// beside the wrapper's KeyObjects made from the DER that [`V3PublicKeys::insert`] answers.
#[wasm_bindgen]
pub struct V3PublicKeys {
    keys: v3::PublicKeys,
}

#[wasm_bindgen]
impl V3PublicKeys {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)] // made from JavaScript only
    pub fn new() -> V3PublicKeys {
        V3PublicKeys { keys: v3::PublicKeys::new() }
    }

    /// `insert(serial, pem)` → `[der, pkcs1]` of the public key now held under `serial`.
    pub fn insert(&mut self, serial: JsValue, pem: JsValue) -> Result<Array, JsValue> {
        let serial = text(&serial, v3::Error::InvalidSerialNo(Serial::WechatPay), "a publicKeys serial")?;
        let pem = text(&pem, v3::Error::InvalidPublicKey(PemProblem::NotPem), "a publicKeys key")?;
        self.keys.insert(&serial, &pem).map_err(v3_error)?;
        let key = host::public_key(&self.keys, &serial).expect("inserted just now");
        Ok(der_pair(&key.der, key.pkcs1))
    }

    /// `remove(serial)`: whether a key was held under it.
    pub fn remove(&mut self, serial: &str) -> bool {
        self.keys.remove(serial)
    }

    /// The serials held, in the order they were added.
    pub fn serials(&self) -> Array {
        self.keys.serials().map(JsValue::from_str).collect()
    }

    /// `verify(headers, body, now?, rsaVerify)`: `headers` as `[name, value, name, value, …]`
    /// (the wrapper flattens Headers, Maps and records); `rsaVerify(serial, message,
    /// signature)` checks with the KeyObject held for that serial.
    pub fn verify(&self, headers: JsValue, body: JsValue, now: JsValue, rsa_verify: &Function) -> Result<(), JsValue> {
        self.verify_received(&received(headers, body, now)?, rsa_verify)
    }

    /// `verifyAnswer(status, headers, body, now?, rsaVerify)`: WeChat Pay's answer to a
    /// request, its status read first: a 2xx is verified, anything else throws
    /// `ApiError` with `status`, `wechatpayCode`, `wechatpayMessage` and `requestId`.
    #[wasm_bindgen(js_name = verifyAnswer)]
    pub fn verify_answer(
        &self,
        status: u16,
        headers: JsValue,
        body: JsValue,
        now: JsValue,
        rsa_verify: &Function,
    ) -> Result<(), JsValue> {
        let answer = received(headers, body, now)?;
        if let Some(refused) =
            v3::ApiError::from_answer(status, answer.headers.iter().map(|(n, v)| (n, v)), &answer.body)
        {
            let error = wx_error(v3::ApiError::CODE, &refused.to_string());
            let request_id = refused.request_id.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
            for (name, value) in [
                ("status", JsValue::from(refused.status)),
                ("wechatpayCode", JsValue::from_str(&refused.code)),
                ("wechatpayMessage", JsValue::from_str(&refused.message)),
                ("requestId", request_id),
            ] {
                js_sys::Reflect::set(&error, &name.into(), &value)?;
            }
            return Err(error);
        }
        self.verify_received(&answer, rsa_verify)
    }

    /// `encryptSensitive(plaintext, serial?, now?, rsaEncrypt)` → `[serial, ciphertext]`:
    /// `rsaEncrypt(serial, plaintext)` is RSA-OAEP (SHA-1) with the KeyObject held for it.
    #[wasm_bindgen(js_name = encryptSensitive)]
    pub fn encrypt_sensitive(
        &self,
        plaintext: JsValue,
        serial: JsValue,
        now: JsValue,
        rsa_encrypt: &Function,
    ) -> Result<Array, JsValue> {
        let plaintext = Zeroizing::new(text(&plaintext, v3::Error::InvalidSensitiveField, "a sensitive field")?);
        let serial = text_or_absent(&serial, v3::Error::InvalidSerialNo(Serial::WechatPay), "serial")?;
        let encrypted =
            host::encrypt_sensitive(&self.keys, serial.as_deref(), &plaintext, seconds(&now)?, |serial, plaintext| {
                let sealed = rsa_encrypt.call2(&JsValue::NULL, &serial.into(), &Uint8Array::from(plaintext)).ok()?;
                sealed.dyn_into::<Uint8Array>().ok().map(|s| s.to_vec())
            })
            .map_err(v3_error)?;
        Ok(Array::of2(&encrypted.serial.into(), &encrypted.ciphertext.into()))
    }

    fn verify_received(&self, r: &Received, rsa_verify: &Function) -> Result<(), JsValue> {
        host::verify(r.headers.iter().map(|(n, v)| (n, v)), &r.body, &self.keys, r.now, |serial, message, signature| {
            let (message, signature) = (Uint8Array::from(message), Uint8Array::from(signature));
            // A signature OpenSSL cannot even parse is one that does not verify.
            rsa_verify.call3(&JsValue::NULL, &serial.into(), &message, &signature).is_ok_and(|ok| ok.is_truthy())
        })
        .map_err(v3_error)
    }
}

/// An answer or notification as the core reads it.
struct Received {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Unix seconds to judge it at.
    now: u64,
}

/// `headers` (a flat list of names and text values), `body` (text or bytes) and `now`
/// (Unix seconds; the clock when left out) as the core reads them.
fn received(headers: JsValue, body: JsValue, now: JsValue) -> Result<Received, JsValue> {
    let headers: Array = headers.dyn_into().map_err(|_| v3_error(v3::Error::InvalidHeaders))?;
    let mut pairs = Vec::with_capacity(headers.length() as usize / 2);
    let mut items = headers.iter();
    while let (Some(name), Some(value)) = (items.next(), items.next()) {
        match (name.as_string(), value.as_string()) {
            (Some(name), Some(value)) => pairs.push((name, value)),
            _ => return Err(v3_error(v3::Error::InvalidHeaders)),
        }
    }
    let body = body_bytes(&body)?;
    Ok(Received { headers: pairs, body, now: seconds(&now)? })
}

/// `now` as Unix seconds; the clock when left out.
fn seconds(now: &JsValue) -> Result<u64, JsValue> {
    match safe_integer(now) {
        // Date.now() (milliseconds) is the usual mistake: 1e11 seconds is the year 5138.
        Some(seconds) if (0..100_000_000_000).contains(&seconds) => Ok(seconds as u64),
        _ if now.is_undefined() || now.is_null() => Ok(now_unix_seconds()),
        _ => {
            let message = "now must be Unix time in seconds (an integer), e.g. Math.floor(Date.now() / 1000)";
            Err(wx_error(V2::InvalidTimeStamp(TimeStampProblem::NotDigits).code(), message))
        }
    }
}

/// The APIv3 key, text or bytes, checked.
fn read_api_v3_key(key: &JsValue) -> Result<v3::ApiV3Key, JsValue> {
    match (key.as_string(), key.dyn_ref::<Uint8Array>()) {
        (Some(text), _) => v3::ApiV3Key::new(&Zeroizing::new(text)),
        (None, Some(bytes)) => v3::ApiV3Key::from_bytes(&Zeroizing::new(bytes.to_vec())),
        (None, None) => Err(v3::Error::InvalidApiV3Key),
    }
    .map_err(v3_error)
}

/// `v3CheckApiV3Key(key)`: a client's APIv3 key, checked when the client is made.
#[wasm_bindgen(js_name = v3CheckApiV3Key)]
pub fn check_api_v3_key(key: JsValue) -> Result<(), JsValue> {
    read_api_v3_key(&key).map(drop)
}

/// `v3DecryptResource(algorithm, ciphertext, nonce, associatedData, apiV3Key, open)` →
/// the plaintext; `open(nonce, associatedData, ciphertextAndTag)` is the wrapper's
/// AES-256-GCM with the same key, answering the plaintext or null.
#[wasm_bindgen(js_name = v3DecryptResource)]
pub fn decrypt_resource(
    algorithm: JsValue,
    ciphertext: JsValue,
    nonce: JsValue,
    associated_data: JsValue,
    api_v3_key: JsValue,
    open: &Function,
) -> Result<String, JsValue> {
    let key = read_api_v3_key(&api_v3_key)?;
    let field =
        |v: &JsValue, error: v3::Error, what: &str| text_or_absent(v, error, what).map(Option::unwrap_or_default);
    let resource_text = [
        field(&algorithm, v3::Error::UnsupportedAlgorithm(Algorithm::Resource), "resource.algorithm")?,
        field(&ciphertext, v3::Error::DecryptFailed(DecryptProblem::Ciphertext), "resource.ciphertext")?,
        field(&nonce, v3::Error::DecryptFailed(DecryptProblem::Nonce), "resource.nonce")?,
        field(&associated_data, v3::Error::DecryptFailed(DecryptProblem::Authentication), "resource.associated_data")?,
    ];
    let [algorithm, ciphertext, nonce, associated_data] = &resource_text;
    let resource = v3::Resource { algorithm, ciphertext, nonce, associated_data };
    open_resource(&resource, &key, open)
}

/// [`decrypt_resource`] for the usual call, whose key and four fields `src/js/node/v3.js`
/// found to be strings: joined in that order (key, algorithm, nonce, associated data,
/// ciphertext) as the first `written` bytes of `requestTextBuffer`'s text, one text
/// crossing instead of five strings, with the first four's lengths in UTF-16 code units.
/// `None` when the text holds U+FFFD: the wrapper then takes `v3DecryptResource`, which
/// tells a lone surrogate apart.
#[wasm_bindgen(js_name = v3DecryptResourceFromText)]
pub fn decrypt_resource_from_text(
    written: usize,
    key: usize,
    algorithm: usize,
    nonce: usize,
    associated_data: usize,
    open: &Function,
) -> Result<Option<String>, JsValue> {
    super::with_request_text(written, |joined| {
        let Some(mut rest) = joined else { return Ok(None) };
        let mut next = |units: usize| {
            let (head, tail) = rest.split_at(super::utf8_len(rest, units));
            rest = tail;
            head
        };
        let (key_text, algorithm, nonce, associated_data) =
            (next(key), next(algorithm), next(nonce), next(associated_data));
        let key = v3::ApiV3Key::new(key_text).map_err(v3_error)?;
        let resource = v3::Resource { algorithm, ciphertext: rest, nonce, associated_data };
        open_resource(&resource, &key, open).map(Some)
    })
}

/// The core's decryption of `resource`, with the wrapper's AES-256-GCM `open`.
fn open_resource(resource: &v3::Resource<'_>, key: &v3::ApiV3Key, open: &Function) -> Result<String, JsValue> {
    host::decrypt_resource(resource, key, |_key, nonce, associated_data, sealed| {
        // Views, not copies: `open` runs no wasm, so the memory cannot grow under them.
        let [nonce, associated_data, sealed] =
            [&nonce[..], associated_data, &sealed].map(|bytes| unsafe { Uint8Array::view(bytes) });
        let plain = open.call3(&JsValue::NULL, &nonce, &associated_data, &sealed).ok()?;
        plain.dyn_into::<Uint8Array>().ok().map(|p| p.to_vec())
    })
    .map_err(v3_error)
}

/// `virtualPaymentSign(signData, appKey, sessionKey)` → `[signData, paySig, signature]` for
/// `wx.requestVirtualPayment` (`wxpay_wasm::virtual_payment`).
#[wasm_bindgen(js_name = virtualPaymentSign)]
pub fn virtual_payment_sign(sign_data: JsValue, app_key: JsValue, session_key: JsValue) -> Result<Array, JsValue> {
    use wxpay_wasm::virtual_payment::{self, Error};
    let error = |e: Error| wx_error(e.code(), &e.message());
    let sign_data = text(&sign_data, Error::InvalidSignData, "signData (the JSON text, stringified once)")?;
    let app_key = Zeroizing::new(text(&app_key, Error::InvalidAppKey, "appKey")?);
    let session_key = Zeroizing::new(text(&session_key, Error::InvalidSessionKey, "sessionKey")?);
    let signed = virtual_payment::sign(&sign_data, &app_key, &session_key).map_err(error)?;
    Ok([signed.sign_data, signed.pay_sig, signed.signature].iter().map(|s| JsValue::from_str(s)).collect())
}

/// `v3ClientOptions(baseUrl?, timeoutMs?)` → `[origin, timeoutMs]`, WeChat Pay's origin and
/// the default timeout for what is left out.
#[wasm_bindgen(js_name = v3ClientOptions)]
pub fn client_options(base_url: JsValue, timeout_ms: JsValue) -> Result<Array, JsValue> {
    let base_url = text_or_absent(&base_url, v3::Error::InvalidBaseUrl, "baseUrl")?;
    let origin = v3::check_base_url(base_url.as_deref().unwrap_or(v3::BASE_URL)).map_err(v3_error)?;
    let timeout_ms = match safe_integer(&timeout_ms) {
        Some(ms) => v3::check_timeout_ms(ms).map_err(v3_error)?,
        None if timeout_ms.is_undefined() || timeout_ms.is_null() => v3::DEFAULT_TIMEOUT_MS,
        None => return Err(v3_error(v3::Error::InvalidTimeout)),
    };
    Ok(Array::of2(&origin.into(), &timeout_ms.into()))
}

/// The order a caller named, by `out_trade_no` or `transaction_id` (JavaScript values).
fn order_id<'a>(out_trade_no: &'a Option<String>, transaction_id: &'a Option<String>) -> Result<OrderId<'a>, JsValue> {
    OrderId::either(out_trade_no.as_deref(), transaction_id.as_deref()).map_err(v3_error)
}

/// `out_trade_no` and `transaction_id` as text, either left out.
fn order_ids(out_trade_no: &JsValue, transaction_id: &JsValue) -> Result<[Option<String>; 2], JsValue> {
    Ok([
        text_or_absent(out_trade_no, v3::Error::InvalidOutTradeNo, "out_trade_no")?,
        text_or_absent(transaction_id, v3::Error::InvalidTransactionId, "transaction_id")?,
    ])
}

/// `v3Call(call, id, transactionId, mchId)` → `METHOD path`: `call` one of `jsapiOrder`,
/// `queryOrder`, `closeOrder`, `refund`, `queryRefund`, `certificates`, `transferBill`,
/// `queryTransferBill`, `cancelTransferBill` (the wrapper's own names); `id` the
/// out_trade_no, out_refund_no or out_bill_no its path holds (a query: or `transactionId`).
#[wasm_bindgen(js_name = v3Call)]
pub fn call(call: &str, id: JsValue, transaction_id: JsValue, mch_id: &str) -> Result<String, JsValue> {
    let ids: [Option<String>; 2];
    let number: String;
    let call = match call {
        "jsapiOrder" => Call::JsapiOrder,
        "refund" => Call::Refund,
        "certificates" => Call::Certificates,
        "queryOrder" => {
            ids = order_ids(&id, &transaction_id)?;
            Call::QueryOrder { order: order_id(&ids[0], &ids[1])?, mch_id }
        }
        "closeOrder" => {
            number = required_text(&id, v3::Error::InvalidOutTradeNo, "outTradeNo")?;
            Call::CloseOrder { out_trade_no: &number }
        }
        "queryRefund" => {
            number = required_text(&id, v3::Error::InvalidOutRefundNo, "outRefundNo")?;
            Call::QueryRefund { out_refund_no: &number }
        }
        "transferBill" => Call::TransferBill,
        "queryTransferBill" | "cancelTransferBill" => {
            number = required_text(&id, v3::Error::InvalidOutBillNo, "outBillNo")?;
            match call {
                "queryTransferBill" => Call::QueryTransferBill { out_bill_no: &number },
                _ => Call::CancelTransferBill { out_bill_no: &number },
            }
        }
        _ => unreachable!("the wrapper names its calls"),
    };
    let path = call.path().map_err(v3_error)?;
    Ok(format!("{} {path}", call.method()))
}

/// An amount in fen as the core takes it: a number that is a safe integer.
fn fen(v: &JsValue, amount: Amount) -> Result<i64, JsValue> {
    safe_integer(v).ok_or_else(|| v3_error(v3::Error::InvalidAmount(amount)))
}

/// `v3CheckOrder(outTradeNo, total)`: a JSAPI order's `out_trade_no` and `amount.total`.
#[wasm_bindgen(js_name = v3CheckOrder)]
pub fn check_order(out_trade_no: JsValue, total: JsValue) -> Result<(), JsValue> {
    let out_trade_no = required_text(&out_trade_no, v3::Error::InvalidOutTradeNo, "out_trade_no")?;
    v3::check_order(&out_trade_no, fen(&total, Amount::Total)?).map_err(v3_error)
}

/// `v3CheckRefund(outTradeNo?, transactionId?, outRefundNo, refund, total)`: a refund's
/// order, number and amounts.
#[wasm_bindgen(js_name = v3CheckRefund)]
pub fn check_refund(
    out_trade_no: JsValue,
    transaction_id: JsValue,
    out_refund_no: JsValue,
    refund: JsValue,
    total: JsValue,
) -> Result<(), JsValue> {
    let ids = order_ids(&out_trade_no, &transaction_id)?;
    let order = order_id(&ids[0], &ids[1])?;
    let out_refund_no = required_text(&out_refund_no, v3::Error::InvalidOutRefundNo, "out_refund_no")?;
    let refund = fen(&refund, Amount::Refund)?;
    let total = fen(&total, Amount::Total)?;
    v3::check_refund(order, &out_refund_no, refund, total).map_err(v3_error)
}

/// `v3TransportError(what)`: the `WxPayError` for what the wrapper's fetch saw:
/// `network`, `timeout` or `answer` (a verified answer it cannot read).
#[wasm_bindgen(js_name = v3TransportError)]
pub fn transport_error(what: &str) -> JsValue {
    v3_error(v3::Error::Transport(match what {
        "network" => Transport::Network,
        "timeout" => Transport::Timeout,
        _ => Transport::UnexpectedAnswer,
    }))
}

/// `v3PartnerCall(call, id, transactionId, spMchId, subMchId)` → `METHOD path` of a 服务商
/// call: `call` one of `jsapiOrder`, `queryOrder`, `closeOrder`, `queryRefund` (the
/// direct calls' names, on the partner paths); `id` as for `v3Call`. (A partner's refund is
/// `v3Call('refund')`.)
#[wasm_bindgen(js_name = v3PartnerCall)]
pub fn partner_call(
    call: &str,
    id: JsValue,
    transaction_id: JsValue,
    sp_mch_id: &str,
    sub_mch_id: JsValue,
) -> Result<String, JsValue> {
    let ids: [Option<String>; 2];
    let number: String;
    let sub_mch_id = text(&sub_mch_id, v3::Error::InvalidSubMchId, "subMchId")?;
    let call = match call {
        "jsapiOrder" => Call::PartnerJsapiOrder,
        "queryOrder" => {
            ids = order_ids(&id, &transaction_id)?;
            Call::PartnerQueryOrder { order: order_id(&ids[0], &ids[1])?, sp_mch_id, sub_mch_id: &sub_mch_id }
        }
        "closeOrder" => {
            number = required_text(&id, v3::Error::InvalidOutTradeNo, "outTradeNo")?;
            Call::PartnerCloseOrder { out_trade_no: &number }
        }
        "queryRefund" => {
            number = required_text(&id, v3::Error::InvalidOutRefundNo, "outRefundNo")?;
            Call::PartnerQueryRefund { out_refund_no: &number, sub_mch_id: &sub_mch_id }
        }
        _ => unreachable!("the wrapper names its calls"),
    };
    let path = call.path().map_err(v3_error)?;
    Ok(format!("{} {path}", call.method()))
}

/// `v3CheckSubMchId(subMchId)`: a sub-merchant's id, checked when the wrapper is made.
#[wasm_bindgen(js_name = v3CheckSubMchId)]
pub fn check_sub_mch_id(sub_mch_id: JsValue) -> Result<(), JsValue> {
    let sub_mch_id = text(&sub_mch_id, v3::Error::InvalidSubMchId, "subMchId")?;
    v3::check_sub_mch_id(&sub_mch_id).map_err(v3_error)
}

/// `v3PartnerOrder(subMchId, outTradeNo, total, spAppid, subAppid?, spOpenid?, subOpenid?)`
/// → the AppID the page's parameters are signed for, once the order's fields are checked.
#[wasm_bindgen(js_name = v3PartnerOrder)]
pub fn partner_order(
    sub_mch_id: JsValue,
    out_trade_no: JsValue,
    total: JsValue,
    sp_appid: JsValue,
    sub_appid: JsValue,
    sp_openid: JsValue,
    sub_openid: JsValue,
) -> Result<String, JsValue> {
    let sub_mch_id = text(&sub_mch_id, v3::Error::InvalidSubMchId, "subMchId")?;
    let out_trade_no = required_text(&out_trade_no, v3::Error::InvalidOutTradeNo, "out_trade_no")?;
    v3::check_partner_order(&sub_mch_id, &out_trade_no, fen(&total, Amount::Total)?).map_err(v3_error)?;
    let sp_appid = required_text(&sp_appid, V2::InvalidAppId, "sp_appid")?;
    let sub_appid = text_or_absent(&sub_appid, V2::InvalidAppId, "sub_appid")?;
    let payer = v3::Error::InvalidPayer(v3::PayerProblem::NotOneOpenId);
    let sp_openid = text_or_absent(&sp_openid, payer, "payer.sp_openid")?;
    let sub_openid = text_or_absent(&sub_openid, payer, "payer.sub_openid")?;
    let app_id = v3::partner_pay_app_id(&sp_appid, sub_appid.as_deref(), sp_openid.as_deref(), sub_openid.as_deref())
        .map_err(v3_error)?;
    Ok(app_id.to_owned())
}

/// `v3CheckTransferBill(outBillNo, transferSceneId, transferAmount, transferRemark, userName?)`:
/// a transfer bill's fields, `userName` as it will be sent (encrypted).
#[wasm_bindgen(js_name = v3CheckTransferBill)]
pub fn check_transfer_bill(
    out_bill_no: JsValue,
    transfer_scene_id: JsValue,
    transfer_amount: JsValue,
    transfer_remark: JsValue,
    user_name: JsValue,
) -> Result<(), JsValue> {
    let out_bill_no = required_text(&out_bill_no, v3::Error::InvalidOutBillNo, "out_bill_no")?;
    // A number (1000) is the usual mistake: refused by the core's message, which says "as text".
    let transfer_scene_id = transfer_scene_id.as_string().unwrap_or_default();
    let transfer_amount = fen(&transfer_amount, Amount::Transfer)?;
    let transfer_remark = required_text(&transfer_remark, v3::Error::InvalidTransferRemark, "transfer_remark")?;
    let not_encrypted = v3::Error::InvalidUserName(UserNameProblem::NotEncrypted);
    let user_name = text_or_absent(&user_name, not_encrypted, "user_name")?;
    v3::check_transfer_bill(&v3::TransferBill {
        out_bill_no: &out_bill_no,
        transfer_scene_id: &transfer_scene_id,
        transfer_amount,
        transfer_remark: &transfer_remark,
        user_name: user_name.as_deref(),
    })
    .map_err(v3_error)
}

/// `v3CheckPlainUserName(userName)`: a name the client is about to encrypt is plain text.
#[wasm_bindgen(js_name = v3CheckPlainUserName)]
pub fn check_plain_user_name(user_name: JsValue) -> Result<(), JsValue> {
    let user_name = text(&user_name, v3::Error::InvalidSensitiveField, "user_name")?;
    v3::check_plain_user_name(&user_name).map_err(v3_error)
}
