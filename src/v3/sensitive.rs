//! Sensitive fields (敏感信息加密: a payee's name, an ID or phone number): encrypted
//! with WeChat Pay's public key, RSA-OAEP with SHA-1 and MGF1-SHA-1 (WeChat Pay's
//! `RSA/ECB/OAEPWithSHA-1AndMGF1Padding`), base64, and the key's serial sent as the
//! request's `Wechatpay-Serial` header so that WeChat Pay knows which key to decrypt with.
//! ring has no RSA encryption: natively the arithmetic is `oaep.rs`'s, in Node OpenSSL's.

use base64ct::{Base64, Encoding};

use super::error::Error;
use super::keys::PublicKeys;

/// The longest plaintext: RSA-OAEP with SHA-1 under a 2048-bit key holds
/// 256 − 2 × 20 − 2 bytes.
pub const SENSITIVE_MAX_BYTES: usize = 214;

/// A sensitive field encrypted: the ciphertext for the field, the serial for `Wechatpay-Serial`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted {
    /// The serial of the key it was encrypted with.
    pub serial: String,
    /// Base64 of the RSA-OAEP ciphertext.
    pub ciphertext: String,
}

/// `plaintext` encrypted with the key under `serial`, or when none is named, the WeChat
/// Pay public key (its serial `PUB_KEY_ID_…`), else the platform certificate added last
/// that is valid at `now_unix_seconds`. `rsa_oaep(serial, plaintext)` is the host's
/// encryption with its key for that serial, `None` if it could not.
pub(crate) fn encrypt_sensitive_with(
    keys: &PublicKeys,
    serial: Option<&str>,
    plaintext: &str,
    now_unix_seconds: u64,
    rsa_oaep: impl FnOnce(&str, &[u8]) -> Option<Vec<u8>>,
) -> Result<Encrypted, Error> {
    if plaintext.is_empty() || plaintext.len() > SENSITIVE_MAX_BYTES {
        return Err(Error::InvalidSensitiveField);
    }
    let serial = match serial {
        Some(serial) => keys.key_for(serial, now_unix_seconds)?.serial.clone(),
        None => keys.encryption_serial(now_unix_seconds).ok_or(Error::UnknownSerial)?.to_owned(),
    };
    let sealed =
        rsa_oaep(&serial, plaintext.as_bytes()).ok_or(Error::InvalidPublicKey(super::error::PemProblem::NotRsa2048))?;
    Ok(Encrypted { serial, ciphertext: Base64::encode_string(&sealed) })
}

/// A sensitive field encrypted for WeChat Pay: with the key under `serial`, or when none
/// is named the WeChat Pay public key (`PUB_KEY_ID_…`), else the platform certificate
/// added last that is valid at `now_unix_seconds`. Send [`Encrypted::serial`] as the
/// request's `Wechatpay-Serial`.
///
/// # Errors
/// [`Error::InvalidSensitiveField`] for an empty field or one over
/// [`SENSITIVE_MAX_BYTES`]; [`Error::UnknownSerial`] when no key fits;
/// [`Error::CertificateExpired`] for a named certificate not valid now.
#[cfg(feature = "v3")]
pub fn encrypt_sensitive(
    keys: &PublicKeys,
    serial: Option<&str>,
    plaintext: &str,
    now_unix_seconds: u64,
) -> Result<Encrypted, Error> {
    encrypt_sensitive_with(keys, serial, plaintext, now_unix_seconds, |serial, plaintext| {
        super::oaep::encrypt(keys.public_key(serial)?, plaintext)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> PublicKeys {
        let doc: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/v3.json")).unwrap();
        let k = &doc["keys"];
        let mut keys = PublicKeys::new();
        let certificate = k["platformCertificate"].as_str().unwrap();
        keys.insert(k["platformSerialNo"].as_str().unwrap(), certificate).unwrap();
        keys.insert(k["wechatpayPublicKeyId"].as_str().unwrap(), k["wechatpayPublicKey"].as_str().unwrap()).unwrap();
        keys
    }

    /// The host's encryption, standing in: the serial and plaintext it was given.
    fn echo(serial: &str, plaintext: &[u8]) -> Option<Vec<u8>> {
        Some([serial.as_bytes(), b":", plaintext].concat())
    }

    #[test]
    fn the_wechat_pay_public_key_is_preferred_and_a_named_serial_is_used() {
        let keys = keys();
        let id = keys.serials().find(|s| s.starts_with("PUB_KEY_ID_")).unwrap().to_owned();
        let certificate = keys.serials().find(|s| !s.starts_with("PUB_KEY_ID_")).unwrap().to_owned();
        let now = 1_764_590_400;
        let by_default = encrypt_sensitive_with(&keys, None, "张三", now, echo).unwrap();
        assert_eq!(by_default.serial, id);
        assert_eq!(Base64::decode_vec(&by_default.ciphertext).unwrap(), format!("{id}:张三").into_bytes());
        let named = encrypt_sensitive_with(&keys, Some(&certificate), "张三", now, echo).unwrap();
        assert_eq!(named.serial, certificate);
    }

    #[test]
    fn refusals() {
        let keys = keys();
        let now = 1_764_590_400;
        let long = "名".repeat(72); // 216 bytes
        assert_eq!(encrypt_sensitive_with(&keys, None, "", now, echo), Err(Error::InvalidSensitiveField));
        assert_eq!(encrypt_sensitive_with(&keys, None, &long, now, echo), Err(Error::InvalidSensitiveField));
        assert_eq!(
            encrypt_sensitive_with(&keys, None, &"a".repeat(SENSITIVE_MAX_BYTES), now, echo).map(|_| ()),
            Ok(())
        );
        assert_eq!(encrypt_sensitive_with(&keys, Some("PUB_KEY_ID_00"), "a", now, echo), Err(Error::UnknownSerial));
        assert_eq!(encrypt_sensitive_with(&PublicKeys::new(), None, "a", now, echo), Err(Error::UnknownSerial));
        assert_eq!(
            encrypt_sensitive_with(&keys, None, "a", now, |_, _| None),
            Err(Error::InvalidPublicKey(super::super::error::PemProblem::NotRsa2048))
        );
    }
}
