//! The API v3 client, sans-IO: made once per merchant, it turns each call into a signed
//! [`HttpRequest`] and reads the answer a host's HTTP client got back ([`Pending::read`]):
//! status first, then the signature of every 2xx, then the typed body. It sends nothing
//! itself, so it works with any HTTP client and runtime (reqwest, hyper, ureq), and never
//! retries: a POST sent twice could pay or refund twice, so the caller decides, after a
//! query. The Node package's `v3.client` does the same calls with the same rules.

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::answer::ApiError;
use super::calls::{check_base_url, check_order, check_refund, check_timeout_ms, Call, OrderId};
use super::calls::{BASE_URL, DEFAULT_TIMEOUT_MS};
use super::error::{BodyProblem, Error, Transport};
use super::keys::{ApiV3Key, MerchantPrivateKey, PublicKeys};
use super::models::{Certificate, Event, JsapiOrder, Notification, Refund, RefundNotice, RefundRequest, Transaction};
use super::resource::{decrypt_resource, Resource};
use super::sensitive::{encrypt_sensitive, Encrypted};
use super::sign::{
    app_pay_params, authorization, build_pay_params, check_merchant, AppPayParams, AppPayRequest, AuthorizationRequest,
    PayParams, PayRequest, METHODS,
};
use super::verify::verify;

/// A request to send as it is: every byte of `body` and the `url`'s path are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST` (any of [`METHODS`]).
    pub method: &'static str,
    /// The origin and the path (with its query).
    pub url: String,
    /// `Accept`, `Authorization`, `User-Agent`; `Content-Type` with a body;
    /// `Wechatpay-Serial` when the body holds encrypted fields.
    pub headers: Vec<(&'static str, String)>,
    /// JSON text, empty for a `GET`.
    pub body: Vec<u8>,
}

/// The answer's body, verified, read as what the call returns.
type ReadBody<T> = Box<dyn FnOnce(&Client, &[u8]) -> Result<T, Error> + Send>;

/// A signed request and how its answer is read: send [`request`](Self::request) with
/// any HTTP client, then give [`read`](Self::read) the answer's status, headers and body.
pub struct Pending<'c, T> {
    /// What to send.
    pub request: HttpRequest,
    client: &'c Client,
    read_body: ReadBody<T>,
}

impl<T> Pending<'_, T> {
    /// WeChat Pay's answer to [`request`](Self::request), read: a status other than 2xx
    /// is [`ClientError::Api`] (unsigned, so read before verifying); a 2xx is verified
    /// (signature, serial, 5-minute window) before its body is read.
    ///
    /// `headers` are the answer's as received, names in any case; `body` its raw bytes.
    ///
    /// # Errors
    /// [`ClientError::Api`]; then [`verify`](super::verify)'s errors for a 2xx answer
    /// that is unsigned, tampered with, stale or signed by a key not held; then
    /// `UnexpectedAnswer` when the verified body is not what the call answers.
    pub fn read<N, V>(self, status: u16, headers: &[(N, V)], body: &[u8]) -> Result<T, ClientError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs = || headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref()));
        if let Some(refused) = ApiError::from_answer(status, pairs(), body) {
            return Err(ClientError::Api(refused));
        }
        verify(pairs(), body, &self.client.public_keys, (self.client.clock)())?;
        Ok((self.read_body)(self.client, body)?)
    }
}

impl<T> fmt::Debug for Pending<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").field("request", &self.request).finish_non_exhaustive()
    }
}

/// What a call through the [`Client`] can end in.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientError {
    /// WeChat Pay refused the request (4xx/5xx): its status, `code`, `message` and `Request-ID`.
    Api(ApiError),
    /// Anything else, with the core's stable code: a field refused before sending, an
    /// answer or notification that did not verify or decrypt, the transport.
    Core(Error),
}

impl ClientError {
    /// The stable code: `ApiError`, or the core error's (the Node package's `WxPayError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Api(_) => ApiError::CODE,
            ClientError::Core(e) => e.code(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(e) => e.fmt(f),
            ClientError::Core(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(e) => Some(e),
            ClientError::Core(e) => Some(e),
        }
    }
}

impl From<Error> for ClientError {
    fn from(e: Error) -> Self {
        ClientError::Core(e)
    }
}

impl From<ApiError> for ClientError {
    fn from(e: ApiError) -> Self {
        ClientError::Api(e)
    }
}

/// JSAPI下单's answer: the `prepay_id` and, signed for the order's AppID, the page's
/// parameters for `wx.requestPayment` (serialise them as JSON for the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsapiOrderAnswer {
    /// WeChat Pay's prepay_id (valid for two hours).
    pub prepay_id: String,
    /// `timeStamp`, `nonceStr`, `package`, `signType: RSA`, `paySign`.
    pub pay_params: PayParams,
}

/// A merchant's API v3 client: its id, its API certificate's serial and private key,
/// WeChat Pay's public keys and the APIv3 key, all read once. `Debug` shows no key.
pub struct Client {
    mch_id: String,
    serial_no: String,
    private_key: MerchantPrivateKey,
    public_keys: PublicKeys,
    api_v3_key: ApiV3Key,
    origin: String,
    timeout_ms: u32,
    clock: fn() -> u64,
}

/// Unix seconds by the system clock (0 before 1970: every signature then is refused as stale).
fn system_clock() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `body` with the merchant id the `Authorization` header names.
#[derive(Serialize)]
struct WithMchId<'a, B> {
    mchid: &'a str,
    #[serde(flatten)]
    body: &'a B,
}

/// A typed body as JSON text. Only a `Serialize` that fails (a map with non-text keys)
/// is refused, as a body that is not JSON text.
fn to_json(body: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string(body).map_err(|_| Error::InvalidBody(BodyProblem::Parsed))
}

/// A verified body as `T`; an empty one (204) as JSON `null`, which `()` reads.
fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let text = if body.is_empty() { b"null".as_slice() } else { body };
    serde_json::from_slice(text).map_err(|_| Error::Transport(Transport::UnexpectedAnswer))
}

/// An encrypted `resource` as received.
#[derive(Deserialize)]
struct SealedResource {
    algorithm: String,
    ciphertext: String,
    nonce: String,
    #[serde(default)]
    associated_data: String,
}

impl SealedResource {
    fn open(&self, api_v3_key: &ApiV3Key) -> Result<String, Error> {
        let resource = Resource {
            algorithm: &self.algorithm,
            ciphertext: &self.ciphertext,
            nonce: &self.nonce,
            associated_data: &self.associated_data,
        };
        decrypt_resource(&resource, api_v3_key)
    }
}

impl Client {
    /// The client of merchant `mch_id`, whose API certificate has serial `serial_no` and
    /// private key `private_key`, verifying with `public_keys` and decrypting with
    /// `api_v3_key`; it talks to [`BASE_URL`] with a [`DEFAULT_TIMEOUT_MS`] timeout.
    ///
    /// # Errors
    /// [`Error::InvalidMchId`], [`Error::InvalidSerialNo`].
    pub fn new(
        mch_id: &str,
        serial_no: &str,
        private_key: MerchantPrivateKey,
        public_keys: PublicKeys,
        api_v3_key: ApiV3Key,
    ) -> Result<Self, Error> {
        check_merchant(mch_id, serial_no)?;
        Ok(Client {
            mch_id: mch_id.to_owned(),
            serial_no: serial_no.to_owned(),
            private_key,
            public_keys,
            api_v3_key,
            origin: BASE_URL.to_owned(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            clock: system_clock,
        })
    }

    /// Another origin: `https://api2.mch.weixin.qq.com` (WeChat Pay's backup domain), or
    /// `http://` to an emulator on the loopback.
    ///
    /// # Errors
    /// [`Error::InvalidBaseUrl`] for a path, another scheme, or `http://` off the loopback.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        self.origin = check_base_url(base_url)?.to_owned();
        Ok(self)
    }

    /// Another timeout, for the HTTP client that sends (see [`timeout_ms`](Self::timeout_ms)).
    ///
    /// # Errors
    /// [`Error::InvalidTimeout`] outside 1 to [`MAX_TIMEOUT_MS`](super::MAX_TIMEOUT_MS).
    pub fn with_timeout_ms(mut self, timeout_ms: i64) -> Result<Self, Error> {
        self.timeout_ms = check_timeout_ms(timeout_ms)?;
        Ok(self)
    }

    /// Another clock (Unix seconds) for signing and for the 5-minute window of
    /// verification: tests with recorded answers set it.
    pub fn with_clock(mut self, unix_seconds: fn() -> u64) -> Self {
        self.clock = unix_seconds;
        self
    }

    /// The merchant id.
    pub fn mch_id(&self) -> &str {
        &self.mch_id
    }

    /// How long the HTTP client should wait for a whole answer, headers and body: a
    /// timeout is [`Transport::Timeout`], after which a POST is queried before it is sent again.
    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// The keys answers and notifications are verified with.
    pub fn public_keys(&self) -> &PublicKeys {
        &self.public_keys
    }

    /// The keys, to rotate: [`insert`](PublicKeys::insert) what
    /// [`download_certificates`](Self::download_certificates) read, or the WeChat Pay
    /// public key beside the certificates during WeChat Pay's switch.
    pub fn public_keys_mut(&mut self) -> &mut PublicKeys {
        &mut self.public_keys
    }

    /// Any API v3 request: `method` one of [`METHODS`], `path` the path and query as
    /// sent (`/v3/…`), `body` JSON text, `wechatpay_serial` the serial a sensitive field
    /// in `body` was encrypted for. The answer is read as `T` (`()` for a 204).
    ///
    /// # Errors
    /// [`Error::InvalidMethod`], [`Error::InvalidUrl`], [`Error::UnknownSerial`] for a
    /// `wechatpay_serial` not held.
    pub fn request<T: DeserializeOwned + 'static>(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        wechatpay_serial: Option<&str>,
    ) -> Result<Pending<'_, T>, Error> {
        self.pending(method, path, body, wechatpay_serial, Box::new(|_, body| from_json(body)))
    }

    /// A [`Call`] with its method and checked path, its answer read as `T`: also the
    /// calls this client has no method for.
    ///
    /// # Errors
    /// The call's path errors (an identifier outside WeChat Pay's rules), then [`request`](Self::request)'s.
    pub fn call<T: DeserializeOwned + 'static>(
        &self,
        call: Call<'_>,
        body: Option<&str>,
        wechatpay_serial: Option<&str>,
    ) -> Result<Pending<'_, T>, Error> {
        self.request(call.method(), &call.path()?, body, wechatpay_serial)
    }

    fn pending<T>(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        wechatpay_serial: Option<&str>,
        read_body: ReadBody<T>,
    ) -> Result<Pending<'_, T>, Error> {
        let method = METHODS.into_iter().find(|m| *m == method).ok_or(Error::InvalidMethod)?;
        let body = body.unwrap_or_default();
        let signed = authorization(
            &AuthorizationRequest {
                mch_id: &self.mch_id,
                serial_no: &self.serial_no,
                private_key: &self.private_key,
                method,
                url: path,
                body: body.as_bytes(),
                time_stamp: None,
                nonce_str: None,
            },
            self.clock,
        )?;
        let mut headers = vec![
            ("Accept", "application/json".to_owned()),
            ("Authorization", signed),
            ("User-Agent", "wxpay-wasm".to_owned()),
        ];
        if !body.is_empty() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        if let Some(serial) = wechatpay_serial {
            // WeChat Pay decrypts with the key this names: one we hold, or the field is lost.
            let held = self.public_keys.key_for(serial, (self.clock)())?;
            headers.push(("Wechatpay-Serial", held.serial.clone()));
        }
        let request = HttpRequest { method, url: format!("{}{path}", self.origin), headers, body: body.into() };
        Ok(Pending { request, client: self, read_body })
    }

    /// A typed call: its body as JSON, its answer read by `read_body`.
    fn typed<T>(&self, call: Call<'_>, body: Option<&str>, read_body: ReadBody<T>) -> Result<Pending<'_, T>, Error> {
        self.pending(call.method(), &call.path()?, body, None, read_body)
    }

    /// JSAPI下单 → the `prepay_id` and the page's `wx.requestPayment` parameters, signed
    /// for `order.appid`. `mchid` is this client's.
    ///
    /// # Errors
    /// [`Error::InvalidOutTradeNo`], [`Error::InvalidAmount`] before anything is signed.
    pub fn jsapi_order(&self, order: &JsapiOrder) -> Result<Pending<'_, JsapiOrderAnswer>, Error> {
        check_order(&order.out_trade_no, order.amount.total)?;
        let body = to_json(&WithMchId { mchid: &self.mch_id, body: order })?;
        let app_id = order.appid.clone();
        self.typed(
            Call::JsapiOrder,
            Some(&body),
            Box::new(move |client, body| {
                #[derive(Deserialize)]
                struct Prepay {
                    prepay_id: String,
                }
                let Prepay { prepay_id } = from_json(body)?;
                let pay_params = client.pay_params(&app_id, &prepay_id)?;
                Ok(JsapiOrderAnswer { prepay_id, pay_params })
            }),
        )
    }

    /// `wx.requestPayment`'s parameters for a `prepay_id` of `app_id`, signed now.
    ///
    /// # Errors
    /// The field errors of [`build_pay_params`](super::build_pay_params).
    pub fn pay_params(&self, app_id: &str, prepay_id: &str) -> Result<PayParams, Error> {
        let request =
            PayRequest { app_id, prepay_id, private_key: &self.private_key, time_stamp: None, nonce_str: None };
        build_pay_params(&request, self.clock)
    }

    /// An app's `PayReq` parameters (APP支付) for an APP order's `prepay_id`.
    ///
    /// # Errors
    /// The field errors of [`app_pay_params`](super::app_pay_params).
    pub fn app_pay_params(&self, app_id: &str, prepay_id: &str) -> Result<AppPayParams, Error> {
        let request = AppPayRequest { app_id, mch_id: &self.mch_id, prepay_id, time_stamp: None, nonce_str: None };
        app_pay_params(&request, &self.private_key, self.clock)
    }

    /// 查询订单, by the merchant's number or WeChat Pay's id → the [`Transaction`].
    ///
    /// # Errors
    /// [`Error::InvalidOutTradeNo`], [`Error::InvalidTransactionId`].
    pub fn query_order(&self, order: OrderId<'_>) -> Result<Pending<'_, Transaction>, Error> {
        self.typed(Call::QueryOrder { order, mch_id: &self.mch_id }, None, Box::new(|_, body| from_json(body)))
    }

    /// 关闭订单: WeChat Pay answers 204.
    ///
    /// # Errors
    /// [`Error::InvalidOutTradeNo`].
    pub fn close_order(&self, out_trade_no: &str) -> Result<Pending<'_, ()>, Error> {
        #[derive(Serialize)]
        struct Close<'a> {
            mchid: &'a str,
        }
        let body = to_json(&Close { mchid: &self.mch_id })?;
        self.typed(Call::CloseOrder { out_trade_no }, Some(&body), Box::new(|_, body| from_json(body)))
    }

    /// 申请退款 → the [`Refund`], usually `PROCESSING`. Sending the same
    /// `out_refund_no` again refunds once.
    ///
    /// # Errors
    /// [`Error::MissingOrderId`], [`Error::InvalidOutTradeNo`], [`Error::InvalidTransactionId`],
    /// [`Error::InvalidOutRefundNo`], [`Error::InvalidAmount`].
    pub fn refund(&self, refund: &RefundRequest) -> Result<Pending<'_, Refund>, Error> {
        let order = OrderId::either(refund.out_trade_no.as_deref(), refund.transaction_id.as_deref())?;
        check_refund(order, &refund.out_refund_no, refund.amount.refund, refund.amount.total)?;
        self.typed(Call::Refund, Some(&to_json(refund)?), Box::new(|_, body| from_json(body)))
    }

    /// 查询单笔退款 → the [`Refund`].
    ///
    /// # Errors
    /// [`Error::InvalidOutRefundNo`].
    pub fn query_refund(&self, out_refund_no: &str) -> Result<Pending<'_, Refund>, Error> {
        self.typed(Call::QueryRefund { out_refund_no }, None, Box::new(|_, body| from_json(body)))
    }

    /// 下载平台证书 → each platform certificate, decrypted with the APIv3 key, its serial
    /// and validity checked; none when one fails. Add them with [`public_keys_mut`](Self::public_keys_mut).
    ///
    /// # Errors
    /// None before sending; reading fails with [`Error::DecryptFailed`],
    /// [`Error::CertificateSerialMismatch`], [`Error::CertificateExpired`],
    /// [`Error::InvalidPublicKey`], and a 404 `RESOURCE_NOT_EXISTS` for a merchant that
    /// has the WeChat Pay public key instead.
    pub fn download_certificates(&self) -> Result<Pending<'_, Vec<Certificate>>, Error> {
        #[derive(Deserialize)]
        struct Listed {
            serial_no: String,
            effective_time: String,
            expire_time: String,
            encrypt_certificate: SealedResource,
        }
        #[derive(Deserialize)]
        struct List {
            data: Vec<Listed>,
        }
        self.typed(
            Call::Certificates,
            None,
            Box::new(|client, body| {
                let list: List = from_json(body)?;
                let now = (client.clock)();
                let mut checked = PublicKeys::new();
                list.data
                    .into_iter()
                    .map(|c| {
                        let pem = c.encrypt_certificate.open(&client.api_v3_key)?;
                        checked.insert(&c.serial_no, &pem)?;
                        checked.key_for(&c.serial_no, now)?;
                        let Listed { serial_no, effective_time, expire_time, .. } = c;
                        Ok(Certificate { serial_no, effective_time, expire_time, pem })
                    })
                    .collect()
            }),
        )
    }

    /// A field WeChat Pay wants encrypted (a payee's name, an ID or phone number), with
    /// the key under `serial` or, when `None`, the one WeChat Pay prefers; send the body
    /// that holds it with [`request`](Self::request)'s `wechatpay_serial` set to
    /// [`Encrypted::serial`].
    ///
    /// # Errors
    /// Those of [`encrypt_sensitive`](super::encrypt_sensitive).
    pub fn encrypt_sensitive(&self, plaintext: &str, serial: Option<&str>) -> Result<Encrypted, Error> {
        encrypt_sensitive(&self.public_keys, serial, plaintext, (self.clock)())
    }

    /// A notification as received: its headers and its raw body (never JSON parsed and
    /// serialised again), verified, then its `resource` decrypted and read by its
    /// `event_type`. Answer WeChat Pay 204 only after this returned `Ok`; an error
    /// status makes WeChat Pay send it again.
    ///
    /// # Errors
    /// [`verify`](super::verify)'s errors, then [`decrypt_resource`](super::decrypt_resource)'s,
    /// then `UnexpectedAnswer` when the body or resource is not the JSON of its event.
    pub fn parse_notification<N, V>(&self, headers: &[(N, V)], body: &[u8]) -> Result<Notification, Error>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        #[derive(Deserialize)]
        struct Envelope {
            id: String,
            create_time: String,
            event_type: String,
            #[serde(default)]
            summary: String,
            resource: SealedResource,
        }
        verify(headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())), body, &self.public_keys, (self.clock)())?;
        let Envelope { id, create_time, event_type, summary, resource } = from_json(body)?;
        let plain = resource.open(&self.api_v3_key)?;
        let event = match event_type.split_once('.').map(|(kind, _)| kind) {
            Some("TRANSACTION") => Event::Transaction(from_json(plain.as_bytes())?),
            Some("REFUND") => Event::Refund(from_json::<RefundNotice>(plain.as_bytes())?),
            _ => Event::Other(plain),
        };
        Ok(Notification { id, create_time, event_type, summary, event })
    }
}

impl fmt::Debug for Client {
    /// The merchant and where it talks to; the keys by their redacted `Debug` and serials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("mch_id", &self.mch_id)
            .field("serial_no", &self.serial_no)
            .field("private_key", &self.private_key)
            .field("public_keys", &self.public_keys)
            .field("api_v3_key", &self.api_v3_key)
            .field("origin", &self.origin)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}
