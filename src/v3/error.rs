//! The API v3 errors: the same codes as the Node package's `v3` (`WxPayError.code`).
//!
//! Like the v2 errors, every message is a `&'static str` that names the input and
//! the rule, never a value: no key, PEM text or plaintext can reach an error.

use core::fmt;

/// Why a PEM key or certificate was refused. The text itself is never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemProblem {
    /// Not PEM text at all.
    NotPem,
    /// PEM with `\n` written as two characters (an environment variable or a JSON string
    /// that was not decoded).
    EscapedNewlines,
    /// A PEM block of another kind: a public key or certificate where the private key
    /// belongs, or the other way round.
    WrongKind,
    /// The right kind of block, but its content is not an RSA key of 2048 bits or more.
    NotRsa2048,
}

/// Which `Wechatpay-*` header is missing.
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
    /// Every header [`verify`](super::verify) needs, in the order it looks for them.
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

/// Why a `resource` did not decrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecryptProblem {
    /// `ciphertext` is not base64, or shorter than the 16-byte tag.
    Ciphertext,
    /// `nonce` is not 12 bytes.
    Nonce,
    /// The tag does not match: changed ciphertext, nonce or associated_data, or another key.
    Authentication,
    /// The plaintext is not UTF-8.
    NotUtf8,
}

/// Everything that can go wrong in [`v3`](super). [`Error::code`] is stable and shared
/// with the Node package; the [`Display`](fmt::Display) text says what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The merchant private key could not be used.
    InvalidPrivateKey(PemProblem),
    /// A WeChat Pay public key or platform certificate could not be used.
    InvalidPublicKey(PemProblem),
    /// `mchid` is not the merchant id's digits.
    InvalidMchId,
    /// A serial number is empty or has characters no serial has.
    InvalidSerialNo,
    /// The HTTP method is not an upper-case token.
    InvalidMethod,
    /// The URL is not a path (and query) starting with `/`.
    InvalidUrl,
    /// A `Wechatpay-*` header is missing.
    MissingHeader(Header),
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
    /// The signature does not verify (or is not base64).
    InvalidSignature,
    /// The APIv3 key is not 32 bytes.
    InvalidApiV3Key,
    /// `resource.algorithm` is not `AEAD_AES_256_GCM`.
    UnsupportedAlgorithm,
    /// The resource did not decrypt.
    DecryptFailed(DecryptProblem),
    /// A field rule that API v2 and v3 share (`appId`, `prepayId`, `timeStamp`,
    /// `nonceStr`, random bytes): the v2 error, with its code and message.
    Field(crate::Error),
}

impl Error {
    /// A stable identifier, the same as the Node package's `v3` `WxPayError.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidPrivateKey(_) => "InvalidPrivateKey",
            Error::InvalidPublicKey(_) => "InvalidPublicKey",
            Error::InvalidMchId => "InvalidMchId",
            Error::InvalidSerialNo => "InvalidSerialNo",
            Error::InvalidMethod => "InvalidMethod",
            Error::InvalidUrl => "InvalidUrl",
            Error::MissingHeader(_) => "MissingHeader",
            Error::UnknownSerial => "UnknownSerial",
            Error::CertificateSerialMismatch => "CertificateSerialMismatch",
            Error::CertificateExpired => "CertificateExpired",
            Error::TimestampOutOfWindow => "TimestampOutOfWindow",
            Error::SignatureProbe => "SignatureProbe",
            Error::InvalidSignature => "InvalidSignature",
            Error::InvalidApiV3Key => "InvalidApiV3Key",
            Error::UnsupportedAlgorithm => "UnsupportedAlgorithm",
            Error::DecryptFailed(_) => "DecryptFailed",
            Error::Field(e) => e.code(),
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &'static str {
        use DecryptProblem as D;
        use PemProblem as P;
        match self {
            Error::InvalidPrivateKey(P::NotPem) => "privateKey must be the PEM text of the merchant API certificate's private key (apiclient_key.pem, a PKCS#8 'PRIVATE KEY' block)",
            Error::InvalidPrivateKey(P::EscapedNewlines) => "privateKey has '\\n' written as two characters (from an environment variable or JSON?): turn them into line breaks first",
            Error::InvalidPrivateKey(P::WrongKind) => "privateKey is a public key or a certificate: pass the private key (apiclient_key.pem), not apiclient_cert.pem or a WeChat Pay key",
            Error::InvalidPrivateKey(P::NotRsa2048) => "privateKey is not an RSA private key of 2048 to 4096 bits, which WeChat Pay's merchant API certificate key is",
            Error::InvalidPublicKey(P::NotPem) => "a WeChat Pay key must be PEM text: the WeChat Pay public key ('PUBLIC KEY', pub_key.pem) or a platform certificate ('CERTIFICATE')",
            Error::InvalidPublicKey(P::EscapedNewlines) => "a WeChat Pay key has '\\n' written as two characters (from an environment variable or JSON?): turn them into line breaks first",
            Error::InvalidPublicKey(P::WrongKind) => "a WeChat Pay key is a private key or another PEM block: pass the WeChat Pay public key or the platform certificate, never a private key",
            Error::InvalidPublicKey(P::NotRsa2048) => "a WeChat Pay key is not an RSA public key of 2048 bits or more (or the certificate cannot be read)",
            Error::InvalidMchId => "mchId must be the merchant id (商户号): 1 to 32 digits, e.g. \"1230000109\"",
            Error::InvalidSerialNo => "a serial number is empty or has characters no serial has: the merchant API certificate's serial is hex (openssl x509 -noout -serial -in apiclient_cert.pem); WeChat Pay's are PUB_KEY_ID_… or hex",
            Error::InvalidMethod => "method must be the HTTP method in capitals: GET, POST, PUT, PATCH or DELETE",
            Error::InvalidUrl => "url must be the request's path and query as sent, starting with '/' (e.g. /v3/pay/transactions/jsapi), without the https://api.mch.weixin.qq.com host, whitespace or unencoded non-ASCII characters",
            Error::MissingHeader(Header::Serial) => "the Wechatpay-Serial header is missing: pass every header of the answer or notification as received",
            Error::MissingHeader(Header::Signature) => "the Wechatpay-Signature header is missing: an unsigned answer or notification must be treated as forged",
            Error::MissingHeader(Header::Timestamp) => "the Wechatpay-Timestamp header is missing: pass every header of the answer or notification as received",
            Error::MissingHeader(Header::Nonce) => "the Wechatpay-Nonce header is missing: pass every header of the answer or notification as received",
            Error::UnknownSerial => "Wechatpay-Serial names no key you passed: add the WeChat Pay public key (PUB_KEY_ID_…) or the platform certificate with that serial (never the merchant's own serial)",
            Error::CertificateSerialMismatch => "a platform certificate is registered under a serial that is not its own: register each certificate under its serial number (openssl x509 -noout -serial -in the certificate), the serial Wechatpay-Serial names",
            Error::CertificateExpired => "the platform certificate that Wechatpay-Serial names is not valid now (expired, or not yet valid): download the current platform certificates (GET /v3/certificates) or switch to the WeChat Pay public key, and check the server's clock",
            Error::TimestampOutOfWindow => "Wechatpay-Timestamp is 5 minutes or more away from now (or not Unix seconds): refuse it as a replay, and check the server's clock",
            Error::SignatureProbe => "the signature starts with WECHATPAY/SIGNTEST/: a WeChat Pay probe that checks you verify signatures; refuse it (answer with an error status)",
            Error::InvalidSignature => "the signature does not verify: the body or headers were changed, or another key is registered under this serial; verify the raw body bytes as received, never re-serialised JSON",
            Error::InvalidApiV3Key => "apiV3Key must be the 32-byte APIv3 key (商户平台 → API安全 → APIv3密钥), not the API v2 key or the AppSecret",
            Error::UnsupportedAlgorithm => "resource.algorithm must be \"AEAD_AES_256_GCM\", the only algorithm WeChat Pay uses for resources",
            Error::DecryptFailed(D::Ciphertext) => "resource.ciphertext must be base64 of the encrypted data followed by the 16-byte tag",
            Error::DecryptFailed(D::Nonce) => "resource.nonce must be the 12 characters WeChat Pay sent",
            Error::DecryptFailed(D::Authentication) => "the resource does not decrypt: ciphertext, nonce or associated_data were changed, or the APIv3 key is not this merchant's",
            Error::DecryptFailed(D::NotUtf8) => "the resource decrypted, but the plaintext is not UTF-8 text",
            Error::Field(e) => e.message(),
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
    fn all() -> Vec<Error> {
        let pem = [PemProblem::NotPem, PemProblem::EscapedNewlines, PemProblem::WrongKind, PemProblem::NotRsa2048];
        let decrypt = [
            DecryptProblem::Ciphertext,
            DecryptProblem::Nonce,
            DecryptProblem::Authentication,
            DecryptProblem::NotUtf8,
        ];
        let mut all: Vec<Error> =
            pem.iter().flat_map(|&p| [Error::InvalidPrivateKey(p), Error::InvalidPublicKey(p)]).collect();
        all.extend(Header::ALL.map(Error::MissingHeader));
        all.extend(decrypt.map(Error::DecryptFailed));
        all.extend([
            Error::InvalidMchId,
            Error::InvalidSerialNo,
            Error::InvalidMethod,
            Error::InvalidUrl,
            Error::UnknownSerial,
            Error::CertificateSerialMismatch,
            Error::CertificateExpired,
            Error::TimestampOutOfWindow,
            Error::SignatureProbe,
            Error::InvalidSignature,
            Error::InvalidApiV3Key,
            Error::UnsupportedAlgorithm,
        ]);
        for e in &all {
            match e {
                Error::InvalidPrivateKey(_)
                | Error::InvalidPublicKey(_)
                | Error::InvalidMchId
                | Error::InvalidSerialNo
                | Error::InvalidMethod
                | Error::InvalidUrl
                | Error::MissingHeader(_)
                | Error::UnknownSerial
                | Error::CertificateSerialMismatch
                | Error::CertificateExpired
                | Error::TimestampOutOfWindow
                | Error::SignatureProbe
                | Error::InvalidSignature
                | Error::InvalidApiV3Key
                | Error::UnsupportedAlgorithm
                | Error::DecryptFailed(_)
                | Error::Field(_) => {}
            }
        }
        all
    }

    /// The v3 codes are exactly the ones the Node package shares (BRIEF.md), and the
    /// shared field rules keep their v2 codes and messages.
    #[test]
    fn codes_are_the_shared_ones_and_messages_are_distinct() {
        let shared = [
            "InvalidPrivateKey",
            "InvalidPublicKey",
            "InvalidMchId",
            "InvalidSerialNo",
            "InvalidMethod",
            "InvalidUrl",
            "MissingHeader",
            "UnknownSerial",
            "CertificateSerialMismatch",
            "CertificateExpired",
            "TimestampOutOfWindow",
            "SignatureProbe",
            "InvalidSignature",
            "InvalidApiV3Key",
            "UnsupportedAlgorithm",
            "DecryptFailed",
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
