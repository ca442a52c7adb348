//! The API v3 errors: every code and message of v3, on every host (the Node package
//! throws them as `WxPayError`s through its wasm module).
//!
//! Like the v2 errors, every message is a `&'static str` that names the input and
//! the rule, never a value: no key, PEM text or plaintext can reach an error.

use core::fmt;

/// Why a PEM key or certificate was refused. The text itself is never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemProblem {
    /// Not PEM text at all.
    NotPem,
    /// A file's path where the file's content belongs.
    FilePath,
    /// PEM with `\n` written as two characters (an environment variable or a JSON string
    /// that was not decoded).
    EscapedNewlines,
    /// More than one PEM block (a certificate chain, or a key and its certificate).
    SeveralBlocks,
    /// A PEM block of another kind than the one this place takes.
    WrongKind(Block),
    /// The right kind of block, but its content is not an RSA key WeChat Pay uses
    /// (2048 bits or more; private keys at most 4096).
    NotRsa2048,
    /// A private key whose numbers do not fit together (n ≠ p·q, a CRT exponent that
    /// does not invert e…): a character changed or lost in copying.
    Inconsistent,
}

/// What a PEM block holds, by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// `PRIVATE KEY` or `RSA PRIVATE KEY`.
    PrivateKey,
    /// `PUBLIC KEY` or `RSA PUBLIC KEY`.
    PublicKey,
    /// `CERTIFICATE`.
    Certificate,
    /// Any other label (an encrypted key, a CSR, …).
    Other,
}

/// A `Wechatpay-*` header that [`verify`](super::verify) needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `Wechatpay-Serial`: the serial of the key that signed.
    Serial,
    /// `Wechatpay-Signature`.
    Signature,
    /// `Wechatpay-Timestamp`.
    Timestamp,
    /// `Wechatpay-Nonce`.
    Nonce,
}

impl Header {
    /// Every header [`verify`](super::verify) needs, in the order it checks them.
    pub const ALL: [Header; 4] = [Header::Serial, Header::Signature, Header::Timestamp, Header::Nonce];

    /// The header's name as WeChat Pay sends it (matched without regard to case).
    pub fn name(self) -> &'static str {
        match self {
            Header::Serial => "Wechatpay-Serial",
            Header::Signature => "Wechatpay-Signature",
            Header::Timestamp => "Wechatpay-Timestamp",
            Header::Nonce => "Wechatpay-Nonce",
        }
    }
}

/// Whose serial number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serial {
    /// The merchant API certificate's (`serialNo` of the Authorization header).
    Merchant,
    /// A WeChat Pay key's, under which a public key or certificate is registered.
    WechatPay,
}

/// What the body of an answer or notification was, when it was not its raw bytes
/// (hosts with dynamic values: the Node entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyProblem {
    /// No body at all (`undefined` or `null`): a framework that parsed or dropped it.
    Missing,
    /// A parsed object where the raw text belongs.
    Parsed,
}

/// Which algorithm WeChat Pay named that this package does not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// `resource.algorithm` is not `AEAD_AES_256_GCM`.
    Resource,
    /// `Wechatpay-Signature-Type` is not `WECHATPAY2-SHA256-RSA2048`.
    SignatureType,
}

/// Why a `resource` did not decrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecryptProblem {
    /// No `algorithm` at all: the whole notification was passed, not its `resource`.
    NotAResource,
    /// `ciphertext` is not base64, or shorter than the 16-byte tag.
    Ciphertext,
    /// `nonce` is not 12 bytes.
    Nonce,
    /// The tag does not match: changed ciphertext, nonce or associated_data, or another key.
    Authentication,
    /// The plaintext is not UTF-8.
    NotUtf8,
}

/// Which amount of a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// `amount.total`: the order's amount.
    Total,
    /// `amount.refund`: the refund's amount.
    Refund,
    /// `amount.refund` above `amount.total`.
    RefundOverTotal,
    /// `transfer_amount`: a transfer bill's amount.
    Transfer,
}

/// Why a transfer bill's `user_name` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserNameProblem {
    /// Plain text where WeChat Pay takes the encrypted name.
    NotEncrypted,
    /// Left out of a transfer of 2,000 yuan or more.
    Missing,
    /// Already encrypted, but with no serial to send as `Wechatpay-Serial`.
    EncryptedWithoutSerial,
}

/// What is wrong with a 服务商 (partner) order's `payer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayerProblem {
    /// Neither `sp_openid` nor `sub_openid`, or both: the AppID to sign for is unknown.
    NotOneOpenId,
    /// `sub_openid` without `sub_appid`, the AppID that openid belongs to.
    SubOpenIdWithoutSubAppId,
}

/// What went wrong between a client and WeChat Pay, as its host saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// No answer came: DNS, a refused or reset connection, TLS.
    Network,
    /// No answer came in time.
    Timeout,
    /// A verified 2xx answer or notification that is not the JSON expected.
    UnexpectedAnswer,
}

/// Everything that can go wrong in [`v3`](super), on every host: the Node package
/// throws `WxPayError`s with these codes and messages. [`Error::code`] is stable; the
/// [`Display`](fmt::Display) text says what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The merchant private key could not be used.
    InvalidPrivateKey(PemProblem),
    /// A WeChat Pay public key or platform certificate could not be used.
    InvalidPublicKey(PemProblem),
    /// `mchid` is not the merchant id's digits.
    InvalidMchId,
    /// A serial number has characters no such serial has.
    InvalidSerialNo(Serial),
    /// The HTTP method is not an upper-case token.
    InvalidMethod,
    /// The URL is not a path (and query) starting with `/`.
    InvalidUrl,
    /// The headers are not names and text values (hosts with dynamic values).
    InvalidHeaders,
    /// The body is not the raw bytes as received (hosts with dynamic values).
    InvalidBody(BodyProblem),
    /// A `Wechatpay-*` header is missing or empty.
    MissingHeader(Header),
    /// A `Wechatpay-*` header came twice with different values.
    RepeatedHeader(Header),
    /// `Wechatpay-Serial` names no key that was passed.
    UnknownSerial,
    /// A platform certificate was registered under a serial that is not its own.
    CertificateSerialMismatch,
    /// The platform certificate that `Wechatpay-Serial` names is not valid now
    /// (expired, or not yet valid).
    CertificateExpired,
    /// `Wechatpay-Timestamp` is 5 minutes or more from now, or not Unix seconds.
    TimestampOutOfWindow,
    /// The signature is one of WeChat Pay's `WECHATPAY/SIGNTEST/` probes.
    SignatureProbe,
    /// The signature does not verify (or is not canonical base64).
    InvalidSignature,
    /// The APIv3 key is not 32 bytes.
    InvalidApiV3Key,
    /// An algorithm other than the one WeChat Pay uses.
    UnsupportedAlgorithm(Algorithm),
    /// The resource did not decrypt.
    DecryptFailed(DecryptProblem),
    /// `out_trade_no` breaks WeChat Pay's rule.
    InvalidOutTradeNo,
    /// `out_refund_no` breaks WeChat Pay's rule.
    InvalidOutRefundNo,
    /// `transaction_id` is not WeChat Pay's id of an order.
    InvalidTransactionId,
    /// A refund or query names neither `out_trade_no` nor `transaction_id`.
    MissingOrderId,
    /// An amount is not an integer number of fen above 0, or a refund exceeds its total.
    InvalidAmount(Amount),
    /// A client's `baseUrl` is not WeChat Pay's kind of origin.
    InvalidBaseUrl,
    /// A client's `timeoutMs` is not whole milliseconds in range.
    InvalidTimeout,
    /// A sensitive field to encrypt is empty or longer than RSA-OAEP holds.
    InvalidSensitiveField,
    /// `out_bill_no` breaks WeChat Pay's rule for transfer bills.
    InvalidOutBillNo,
    /// `transfer_scene_id` is missing or not a scene's id.
    InvalidTransferSceneId,
    /// `transfer_remark` is empty or longer than 32 characters.
    InvalidTransferRemark,
    /// `user_name` is not encrypted, missing where required, or encrypted without its serial.
    InvalidUserName(UserNameProblem),
    /// The request did not get an answer, or not one the call can read.
    Transport(Transport),
    /// A field rule that API v2 and v3 share (`appId`, `prepayId`, `timeStamp`,
    /// `nonceStr`, random bytes): the v2 error, with its code and message.
    Field(crate::Error),
    /// A 服务商 (partner) call's `sub_mchid` is not a merchant id's digits.
    InvalidSubMchId,
    /// A 服务商 (partner) order's `payer` does not say whose openid it is.
    InvalidPayer(PayerProblem),
}

impl Error {
    /// A stable identifier, the Node package's `WxPayError.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidPrivateKey(_) => "InvalidPrivateKey",
            Error::InvalidPublicKey(_) => "InvalidPublicKey",
            Error::InvalidMchId => "InvalidMchId",
            Error::InvalidSerialNo(_) => "InvalidSerialNo",
            Error::InvalidMethod => "InvalidMethod",
            Error::InvalidUrl => "InvalidUrl",
            Error::InvalidHeaders => "InvalidHeaders",
            Error::InvalidBody(_) => "InvalidBody",
            Error::MissingHeader(_) => "MissingHeader",
            Error::RepeatedHeader(_) => "RepeatedHeader",
            Error::UnknownSerial => "UnknownSerial",
            Error::CertificateSerialMismatch => "CertificateSerialMismatch",
            Error::CertificateExpired => "CertificateExpired",
            Error::TimestampOutOfWindow => "TimestampOutOfWindow",
            Error::SignatureProbe => "SignatureProbe",
            Error::InvalidSignature => "InvalidSignature",
            Error::InvalidApiV3Key => "InvalidApiV3Key",
            Error::UnsupportedAlgorithm(_) => "UnsupportedAlgorithm",
            Error::DecryptFailed(_) => "DecryptFailed",
            Error::InvalidOutTradeNo => "InvalidOutTradeNo",
            Error::InvalidOutRefundNo => "InvalidOutRefundNo",
            Error::InvalidTransactionId => "InvalidTransactionId",
            Error::MissingOrderId => "MissingOrderId",
            Error::InvalidAmount(_) => "InvalidAmount",
            Error::InvalidBaseUrl => "InvalidBaseUrl",
            Error::InvalidTimeout => "InvalidTimeout",
            Error::InvalidSensitiveField => "InvalidSensitiveField",
            Error::InvalidOutBillNo => "InvalidOutBillNo",
            Error::InvalidTransferSceneId => "InvalidTransferSceneId",
            Error::InvalidTransferRemark => "InvalidTransferRemark",
            Error::InvalidUserName(_) => "InvalidUserName",
            Error::Transport(Transport::Network) => "NetworkError",
            Error::Transport(Transport::Timeout) => "Timeout",
            Error::Transport(Transport::UnexpectedAnswer) => "UnexpectedAnswer",
            Error::Field(e) => e.code(),
            Error::InvalidSubMchId => "InvalidSubMchId",
            Error::InvalidPayer(_) => "InvalidPayer",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &'static str {
        use Block as B;
        use DecryptProblem as D;
        use PemProblem as P;
        match self {
            Error::InvalidPrivateKey(P::NotPem) => "privateKey must be the PEM text of the merchant API certificate's private key (apiclient_key.pem, a PKCS#8 'PRIVATE KEY' block)",
            Error::InvalidPrivateKey(P::FilePath) => "privateKey is a file path: pass the file's content (fs.readFileSync(path, 'utf8') in Node, std::fs::read_to_string in Rust), not its name",
            Error::InvalidPrivateKey(P::EscapedNewlines) => "privateKey has '\\n' written as two characters (from an environment variable or JSON?): turn them into line breaks first",
            Error::InvalidPrivateKey(P::SeveralBlocks) => "privateKey holds more than one PEM block: pass apiclient_key.pem alone, without a certificate",
            Error::InvalidPrivateKey(P::WrongKind(B::Certificate)) => "privateKey is a certificate (apiclient_cert.pem?): pass the private key beside it, apiclient_key.pem",
            Error::InvalidPrivateKey(P::WrongKind(B::PublicKey)) => "privateKey is a public key: pass the merchant's private key (apiclient_key.pem), never a WeChat Pay key",
            Error::InvalidPrivateKey(P::WrongKind(B::PrivateKey | B::Other)) => "privateKey is a PEM block of another kind (an encrypted key?): pass the unencrypted private key, apiclient_key.pem",
            Error::InvalidPrivateKey(P::NotRsa2048) => "privateKey is not an RSA private key of 2048 to 4096 bits, which WeChat Pay's merchant API certificate key is",
            Error::InvalidPrivateKey(P::Inconsistent) => "privateKey's numbers do not fit together (a character changed or lost in copying?): copy apiclient_key.pem again, whole and unchanged",
            Error::InvalidPublicKey(P::NotPem) => "a WeChat Pay key must be PEM text: the WeChat Pay public key ('PUBLIC KEY', pub_key.pem) or a platform certificate ('CERTIFICATE')",
            Error::InvalidPublicKey(P::FilePath) => "a WeChat Pay key is a file path: pass the file's content (fs.readFileSync(path, 'utf8') in Node, std::fs::read_to_string in Rust), not its name",
            Error::InvalidPublicKey(P::EscapedNewlines) => "a WeChat Pay key has '\\n' written as two characters (from an environment variable or JSON?): turn them into line breaks first",
            Error::InvalidPublicKey(P::SeveralBlocks) => "a WeChat Pay key holds more than one PEM block (a certificate chain?): register each platform certificate alone, under its own serial",
            Error::InvalidPublicKey(P::WrongKind(B::PrivateKey)) => "a WeChat Pay key is a private key: register WeChat Pay's public key (pub_key.pem) or platform certificate, never a private key (yours stays in privateKey)",
            Error::InvalidPublicKey(P::WrongKind(B::PublicKey | B::Certificate | B::Other)) => "a WeChat Pay key is a PEM block of another kind: pass the WeChat Pay public key ('PUBLIC KEY') or a platform certificate ('CERTIFICATE')",
            Error::InvalidPublicKey(P::NotRsa2048 | P::Inconsistent) => "a WeChat Pay key is not an RSA public key of 2048 bits or more (or the certificate cannot be read)",
            Error::InvalidMchId => "mchId must be the merchant id (商户号): 1 to 32 digits, e.g. \"1230000109\"",
            Error::InvalidSerialNo(Serial::Merchant) => "serialNo must be the merchant API certificate's serial number (商户API证书序列号): 1 to 64 hex digits (openssl x509 -noout -serial -in apiclient_cert.pem)",
            Error::InvalidSerialNo(Serial::WechatPay) => "a WeChat Pay key must be registered under its serial: PUB_KEY_ID_… for the WeChat Pay public key, the hex serial number for a platform certificate (\"undefined\" or \"\" is an unset variable)",
            Error::InvalidMethod => "method must be the HTTP method in capitals: GET, POST, PUT, PATCH or DELETE",
            Error::InvalidUrl => "url must be the request's path and query as sent, starting with '/' (e.g. /v3/pay/transactions/jsapi), without the https://api.mch.weixin.qq.com host, whitespace or unencoded non-ASCII characters",
            Error::InvalidHeaders => "headers must be the answer's or notification's headers as received: a fetch Headers, Node's req.headers, a Map or an object of names to text values",
            Error::InvalidBody(BodyProblem::Missing) => "the body is missing: pass the raw body as received (a string or bytes); with Express use express.raw({ type: 'application/json' }) or express.text, not express.json()",
            Error::InvalidBody(BodyProblem::Parsed) => "the body is a parsed object: pass the raw body exactly as received (a string or bytes), never JSON re-serialised, which changes the bytes WeChat Pay signed",
            Error::MissingHeader(Header::Serial) => "the Wechatpay-Serial header is missing or empty: pass every header of the answer or notification as received",
            Error::MissingHeader(Header::Signature) => "the Wechatpay-Signature header is missing or empty: an unsigned answer or notification must be treated as forged (a 4xx answer is unsigned: check the status first)",
            Error::MissingHeader(Header::Timestamp) => "the Wechatpay-Timestamp header is missing or empty: pass every header of the answer or notification as received",
            Error::MissingHeader(Header::Nonce) => "the Wechatpay-Nonce header is missing or empty: pass every header of the answer or notification as received",
            Error::RepeatedHeader(Header::Serial) => "the Wechatpay-Serial header came twice with different values: pass the headers as received, each once",
            Error::RepeatedHeader(Header::Signature) => "the Wechatpay-Signature header came twice with different values: pass the headers as received, each once",
            Error::RepeatedHeader(Header::Timestamp) => "the Wechatpay-Timestamp header came twice with different values: pass the headers as received, each once",
            Error::RepeatedHeader(Header::Nonce) => "the Wechatpay-Nonce header came twice with different values: pass the headers as received, each once",
            Error::UnknownSerial => "Wechatpay-Serial names no key you registered: add the WeChat Pay public key (PUB_KEY_ID_…) or the platform certificate with that serial (never the merchant's own serial)",
            Error::CertificateSerialMismatch => "a platform certificate is registered under a serial that is not its own: register each certificate under its serial number (openssl x509 -noout -serial -in the certificate), the serial Wechatpay-Serial names",
            Error::CertificateExpired => "the platform certificate that Wechatpay-Serial names is not valid now (expired, or not yet valid): download the current platform certificates (GET /v3/certificates) or switch to the WeChat Pay public key, and check the server's clock",
            Error::TimestampOutOfWindow => "Wechatpay-Timestamp is 5 minutes or more away from now (or not Unix seconds): refuse it as a replay, and check the server's clock",
            Error::SignatureProbe => "the signature starts with WECHATPAY/SIGNTEST/: a WeChat Pay probe that checks you verify signatures; refuse it (answer with an error status)",
            Error::InvalidSignature => "the signature does not verify: the body or headers were changed, or another key is registered under this serial; verify the raw body bytes as received, never re-serialised JSON",
            Error::InvalidApiV3Key => "apiV3Key must be the 32-byte APIv3 key (商户平台 → API安全 → APIv3密钥), not the API v2 key or the AppSecret",
            Error::UnsupportedAlgorithm(Algorithm::Resource) => "resource.algorithm must be \"AEAD_AES_256_GCM\", the only algorithm WeChat Pay uses for resources",
            Error::UnsupportedAlgorithm(Algorithm::SignatureType) => "Wechatpay-Signature-Type must be WECHATPAY2-SHA256-RSA2048, the only signature WeChat Pay API v3 uses",
            Error::DecryptFailed(D::NotAResource) => "resource has no algorithm: pass the notification's resource object (notification.resource), not the whole notification",
            Error::DecryptFailed(D::Ciphertext) => "resource.ciphertext must be base64 of the encrypted data followed by the 16-byte tag",
            Error::DecryptFailed(D::Nonce) => "resource.nonce must be the 12 characters WeChat Pay sent",
            Error::DecryptFailed(D::Authentication) => "the resource does not decrypt: ciphertext, nonce or associated_data were changed, or the APIv3 key is not this merchant's",
            Error::DecryptFailed(D::NotUtf8) => "the resource decrypted, but the plaintext is not UTF-8 text",
            Error::InvalidOutTradeNo => "out_trade_no (商户订单号) must be 6 to 32 letters, digits, _, -, | or *, WeChat Pay's rule (a UUID with hyphens is 36: drop them; no Chinese, spaces or other marks)",
            Error::InvalidOutRefundNo => "out_refund_no (商户退款单号) must be 1 to 64 letters, digits, _, -, |, * or @, WeChat Pay's rule; the same number again refunds once",
            Error::InvalidTransactionId => "transaction_id (微信支付订单号) must be the 1 to 32 letters and digits WeChat Pay gave the order (from the notification or a query), not your out_trade_no",
            Error::MissingOrderId => "name the order: outTradeNo / out_trade_no (your order number) or transactionId / transaction_id (WeChat Pay's)",
            Error::InvalidAmount(Amount::Total) => "amount.total must be the order's amount in fen (分), an integer above 0: 1 yuan is 100, never 0.01 or \"1.00\"",
            Error::InvalidAmount(Amount::Refund) => "amount.refund must be the refund's amount in fen (分), an integer above 0: 1 yuan is 100, never 0.01 or \"1.00\"",
            Error::InvalidAmount(Amount::Transfer) => "transfer_amount must be the transfer's amount in fen (分), an integer above 0: 1 yuan is 100, never 0.01 or \"1.00\"",
            Error::InvalidAmount(Amount::RefundOverTotal) => "amount.refund is more than amount.total: amount.total is the order's whole amount in fen, and a refund is at most that",
            Error::InvalidBaseUrl => "baseUrl must be WeChat Pay's origin, https://api.mch.weixin.qq.com (the default) or https://api2.mch.weixin.qq.com, without a path; http:// only to a local emulator on 127.0.0.1, localhost or [::1]",
            Error::InvalidTimeout => "timeoutMs must be whole milliseconds from 1 to 600000; leave it out for the default",
            Error::InvalidSensitiveField => "a sensitive field to encrypt must be 1 to 214 bytes of UTF-8 text (a name, an ID or phone number): more does not fit RSA-OAEP under WeChat Pay's 2048-bit key",
            Error::InvalidOutBillNo => "out_bill_no (商户单号) must be 1 to 32 letters and digits, WeChat Pay's rule for transfer bills (no _, - or other marks, unlike out_trade_no; a UUID: drop its hyphens)",
            Error::InvalidTransferSceneId => "transfer_scene_id (转账场景ID) must be the id of a scene granted to the merchant, as text, e.g. \"1000\" (现金营销; 商户平台 → 产品中心 → 商家转账): 1 to 36 letters, digits or -",
            Error::InvalidTransferRemark => "transfer_remark (转账备注) must be 1 to 32 characters: the user sees it on the sheet that confirms the transfer",
            Error::InvalidUserName(UserNameProblem::NotEncrypted) => "user_name must be encrypted, never plain text (WeChat Pay answers 请确认待处理的消息是否为加密后的密文): encrypt the payee's name with encryptSensitive and send its serial as Wechatpay-Serial",
            Error::InvalidUserName(UserNameProblem::Missing) => "user_name (收款用户姓名) is required for a transfer of 2,000 yuan (200000 fen) or more: pass the payee's real name, encrypted",
            Error::InvalidUserName(UserNameProblem::EncryptedWithoutSerial) => "user_name is already encrypted but no Wechatpay-Serial came with it: pass the plain name (transferBill encrypts it), or the ciphertext with the serial encryptSensitive answered",
            Error::Transport(Transport::Network) => "WeChat Pay could not be reached (DNS, connection refused or reset, TLS; see error.cause): a POST may or may not have been done, so query it before sending it again",
            Error::Transport(Transport::Timeout) => "WeChat Pay did not answer within timeoutMs: the request may have been done, so query it (queryOrder, queryRefund) before sending a POST again",
            Error::Transport(Transport::UnexpectedAnswer) => "WeChat Pay's answer or notification verified but is not the JSON expected (a prepay_id, a notification's id and resource): quote the Request-ID to WeChat Pay's support",
            Error::Field(e) => e.message(),
            Error::InvalidSubMchId => "subMchId (sub_mchid, 子商户号/特约商户号) must be the sub-merchant's id: 1 to 32 digits, e.g. \"1900000109\"; mchId stays the 服务商's own (sp_mchid)",
            Error::InvalidPayer(PayerProblem::NotOneOpenId) => "payer must hold one of sp_openid (the user's openid under sp_appid) or sub_openid (under sub_appid): the page's paySign is made for that openid's AppID",
            Error::InvalidPayer(PayerProblem::SubOpenIdWithoutSubAppId) => "payer.sub_openid needs sub_appid, the sub-merchant's AppID that openid belongs to: the page's paySign is made for sub_appid",
        }
    }
}

impl From<crate::Error> for Error {
    fn from(e: crate::Error) -> Self {
        Error::Field(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error, one per message. The match has no wildcard: a new variant fails to
    /// compile here until it is listed.
    pub(crate) fn all() -> Vec<Error> {
        use Block as B;
        let pem = [
            PemProblem::NotPem,
            PemProblem::FilePath,
            PemProblem::EscapedNewlines,
            PemProblem::SeveralBlocks,
            PemProblem::NotRsa2048,
        ];
        let mut all: Vec<Error> =
            pem.iter().flat_map(|&p| [Error::InvalidPrivateKey(p), Error::InvalidPublicKey(p)]).collect();
        // Blocks that share a message are listed once.
        all.extend(
            [B::Certificate, B::PublicKey, B::Other].map(|b| Error::InvalidPrivateKey(PemProblem::WrongKind(b))),
        );
        all.extend([B::PrivateKey, B::Other].map(|b| Error::InvalidPublicKey(PemProblem::WrongKind(b))));
        all.push(Error::InvalidPrivateKey(PemProblem::Inconsistent));
        all.extend(Header::ALL.map(Error::MissingHeader));
        all.extend(Header::ALL.map(Error::RepeatedHeader));
        all.extend(
            [
                DecryptProblem::NotAResource,
                DecryptProblem::Ciphertext,
                DecryptProblem::Nonce,
                DecryptProblem::Authentication,
                DecryptProblem::NotUtf8,
            ]
            .map(Error::DecryptFailed),
        );
        all.extend([
            Error::InvalidMchId,
            Error::InvalidSerialNo(Serial::Merchant),
            Error::InvalidSerialNo(Serial::WechatPay),
            Error::InvalidMethod,
            Error::InvalidUrl,
            Error::InvalidHeaders,
            Error::InvalidBody(BodyProblem::Missing),
            Error::InvalidBody(BodyProblem::Parsed),
            Error::UnknownSerial,
            Error::CertificateSerialMismatch,
            Error::CertificateExpired,
            Error::TimestampOutOfWindow,
            Error::SignatureProbe,
            Error::InvalidSignature,
            Error::InvalidApiV3Key,
            Error::UnsupportedAlgorithm(Algorithm::Resource),
            Error::UnsupportedAlgorithm(Algorithm::SignatureType),
            Error::InvalidOutTradeNo,
            Error::InvalidOutRefundNo,
            Error::InvalidTransactionId,
            Error::MissingOrderId,
            Error::InvalidAmount(Amount::Total),
            Error::InvalidAmount(Amount::Refund),
            Error::InvalidAmount(Amount::RefundOverTotal),
            Error::InvalidAmount(Amount::Transfer),
            Error::InvalidOutBillNo,
            Error::InvalidTransferSceneId,
            Error::InvalidTransferRemark,
            Error::InvalidUserName(UserNameProblem::NotEncrypted),
            Error::InvalidUserName(UserNameProblem::Missing),
            Error::InvalidUserName(UserNameProblem::EncryptedWithoutSerial),
            Error::InvalidBaseUrl,
            Error::InvalidTimeout,
            Error::InvalidSensitiveField,
            Error::Transport(Transport::Network),
            Error::Transport(Transport::Timeout),
            Error::Transport(Transport::UnexpectedAnswer),
            Error::InvalidSubMchId,
            Error::InvalidPayer(PayerProblem::NotOneOpenId),
            Error::InvalidPayer(PayerProblem::SubOpenIdWithoutSubAppId),
        ]);
        for e in &all {
            match e {
                Error::InvalidPrivateKey(_)
                | Error::InvalidPublicKey(_)
                | Error::InvalidMchId
                | Error::InvalidSerialNo(_)
                | Error::InvalidMethod
                | Error::InvalidUrl
                | Error::InvalidHeaders
                | Error::InvalidBody(_)
                | Error::MissingHeader(_)
                | Error::RepeatedHeader(_)
                | Error::UnknownSerial
                | Error::CertificateSerialMismatch
                | Error::CertificateExpired
                | Error::TimestampOutOfWindow
                | Error::SignatureProbe
                | Error::InvalidSignature
                | Error::InvalidApiV3Key
                | Error::UnsupportedAlgorithm(_)
                | Error::DecryptFailed(_)
                | Error::InvalidOutTradeNo
                | Error::InvalidOutRefundNo
                | Error::InvalidTransactionId
                | Error::MissingOrderId
                | Error::InvalidAmount(_)
                | Error::InvalidBaseUrl
                | Error::InvalidTimeout
                | Error::InvalidSensitiveField
                | Error::InvalidOutBillNo
                | Error::InvalidTransferSceneId
                | Error::InvalidTransferRemark
                | Error::InvalidUserName(_)
                | Error::Transport(_)
                | Error::Field(_)
                | Error::InvalidSubMchId
                | Error::InvalidPayer(_) => {}
            }
        }
        all
    }

    /// The v3 codes are exactly the ones the Node package throws for v3, and the shared
    /// field rules keep their v2 codes and messages.
    #[test]
    fn codes_are_the_shared_ones_and_messages_are_distinct() {
        let shared = [
            "InvalidPrivateKey",
            "InvalidPublicKey",
            "InvalidMchId",
            "InvalidSerialNo",
            "InvalidMethod",
            "InvalidUrl",
            "InvalidHeaders",
            "InvalidBody",
            "MissingHeader",
            "RepeatedHeader",
            "UnknownSerial",
            "CertificateSerialMismatch",
            "CertificateExpired",
            "TimestampOutOfWindow",
            "SignatureProbe",
            "InvalidSignature",
            "InvalidApiV3Key",
            "UnsupportedAlgorithm",
            "DecryptFailed",
            "InvalidOutTradeNo",
            "InvalidOutRefundNo",
            "InvalidTransactionId",
            "MissingOrderId",
            "InvalidAmount",
            "InvalidBaseUrl",
            "InvalidTimeout",
            "InvalidSensitiveField",
            "InvalidOutBillNo",
            "InvalidTransferSceneId",
            "InvalidTransferRemark",
            "InvalidUserName",
            "NetworkError",
            "Timeout",
            "UnexpectedAnswer",
            "InvalidSubMchId",
            "InvalidPayer",
        ];
        let all = all();
        let codes: std::collections::BTreeSet<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes, shared.into_iter().collect());
        let mut messages = std::collections::HashSet::new();
        for e in &all {
            assert!(e.message().len() > 30, "{e:?}");
            assert!(messages.insert(e.message()), "two errors share the message of {e:?}");
            assert_eq!(e.to_string(), e.message());
        }
        use crate::TimeStampProblem as T;
        let shared_field_errors = [
            crate::Error::MissingAppId,
            crate::Error::InvalidAppId,
            crate::Error::MissingPrepayId,
            crate::Error::InvalidPrepayId,
            crate::Error::InvalidTimeStamp(T::NotDigits),
            crate::Error::InvalidTimeStamp(T::Milliseconds),
            crate::Error::InvalidTimeStamp(T::WrongLength),
            crate::Error::NonceTooLong,
            crate::Error::InvalidNonce,
            crate::Error::RandomUnavailable,
        ];
        for v2 in shared_field_errors {
            let e = Error::from(v2);
            assert_eq!((e.code(), e.message()), (v2.code(), v2.message()));
        }
    }
}
