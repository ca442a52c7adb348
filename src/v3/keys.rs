//! Keys read once: the merchant private key, WeChat Pay's public keys by serial, the
//! APIv3 key. `Debug` of each shows no key material.

use std::fmt;
use std::ops::RangeInclusive;

use zeroize::Zeroizing;

use super::error::{Error, Serial};
use super::pem::{self, RsaPublicKey};

/// The merchant API certificate's private key (`apiclient_key.pem`), which signs
/// `paySign` and the `Authorization` header. Held by ring; `Debug` shows nothing of it.
#[cfg(feature = "v3")]
pub struct MerchantPrivateKey {
    key: ring::signature::RsaKeyPair,
}

#[cfg(feature = "v3")]
impl MerchantPrivateKey {
    /// Reads the PEM text of an RSA private key: PKCS#8 (`PRIVATE KEY`, what the
    /// merchant platform gives) or PKCS#1 (`RSA PRIVATE KEY`), 2048 to 4096 bits.
    ///
    /// # Errors
    /// [`Error::InvalidPrivateKey`], saying whether the text is not PEM, is a file path,
    /// has escaped line breaks, holds several blocks, is a public key or certificate, or
    /// is not an RSA key of that size.
    pub fn from_pem(pem_text: &str) -> Result<Self, Error> {
        use ring::signature::RsaKeyPair;
        let read = pem::private_key(pem_text).map_err(Error::InvalidPrivateKey)?;
        let key = if read.pkcs1 { RsaKeyPair::from_der(&read.der) } else { RsaKeyPair::from_pkcs8(&read.der) };
        // What ring refuses beyond the size (an exponent it does not take) is still not
        // a key WeChat Pay issues.
        key.map(|key| MerchantPrivateKey { key })
            .map_err(|_| Error::InvalidPrivateKey(super::error::PemProblem::NotRsa2048))
    }

    /// SHA256-with-RSA (PKCS#1 v1.5) over `message`.
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        use ring::rand::SystemRandom;
        let mut signature = vec![0; self.key.public().modulus_len()];
        // ring blinds the private-key operation with random bytes; the signature itself
        // is deterministic (PKCS#1 v1.5).
        self.key
            .sign(&ring::signature::RSA_PKCS1_SHA256, &SystemRandom::new(), message, &mut signature)
            .map_err(|_| crate::Error::RandomUnavailable)?;
        Ok(signature)
    }
}

#[cfg(feature = "v3")]
impl fmt::Debug for MerchantPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MerchantPrivateKey(<redacted>)")
    }
}

/// Whether `serial` is the hex form of the number `magnitude` (any case, leading zeros allowed).
fn is_hex_of(serial: &str, magnitude_bytes: &[u8]) -> bool {
    let digits = serial.trim_start_matches('0').as_bytes();
    let value = |d: u8| (d as char).to_digit(16);
    if digits.len().div_ceil(2) != magnitude_bytes.len() || !digits.iter().all(|&d| value(d).is_some()) {
        return false;
    }
    // From the last digit back: two digits a byte, the first byte maybe one digit.
    digits
        .rchunks(2)
        .rev()
        .zip(magnitude_bytes)
        .all(|(pair, &byte)| pair.iter().fold(0, |acc, &d| acc * 16 + value(d).unwrap_or(0)) == u32::from(byte))
}

/// A key registered under a serial; a platform certificate's validity comes with it.
#[derive(Clone)]
pub(crate) struct RegisteredKey {
    pub(crate) serial: String,
    pub(crate) key: RsaPublicKey,
    valid: Option<RangeInclusive<u64>>,
}

/// WeChat Pay's keys by serial, for [`verify`](super::verify): the WeChat Pay public key
/// under its `PUB_KEY_ID_…` and/or platform certificates under their serial numbers.
/// Keys are read when added; a server makes the set once and keeps it. During WeChat
/// Pay's move from platform certificates to the public key both are held side by side:
/// [`insert`](Self::insert) the new one, [`remove`](Self::remove) the retired one.
///
/// ```
/// # let pem = include_str!("../../tests/vectors/v3.json");
/// # let doc: serde_json::Value = serde_json::from_str(pem).unwrap();
/// # let (id, public_key_pem) = (doc["keys"]["wechatpayPublicKeyId"].as_str().unwrap(), doc["keys"]["wechatpayPublicKey"].as_str().unwrap());
/// let mut keys = wxpay_wasm::v3::PublicKeys::new();
/// keys.insert(id, public_key_pem)?;
/// assert_eq!(keys.serials().collect::<Vec<_>>(), [id]);
/// # Ok::<(), wxpay_wasm::v3::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct PublicKeys {
    keys: Vec<RegisteredKey>,
}

impl PublicKeys {
    /// No keys yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the key under `serial`: the PEM text of a public key
    /// (`PUBLIC KEY`, or PKCS#1 `RSA PUBLIC KEY`) or of an X.509 certificate, which
    /// [`verify`](super::verify) then uses only while it is valid.
    ///
    /// # Errors
    /// [`Error::InvalidSerialNo`] unless `serial` is `PUB_KEY_ID_` and letters and digits,
    /// or 1 to 64 hex digits; [`Error::InvalidPublicKey`] when the PEM is unusable (a
    /// private key among them); [`Error::CertificateSerialMismatch`] when a certificate's
    /// own serial number is not `serial` (in hex, any case).
    pub fn insert(&mut self, serial: &str, pem_text: &str) -> Result<(), Error> {
        check_serial(serial)?;
        let (key, terms) = pem::public_key(pem_text).map_err(Error::InvalidPublicKey)?;
        if terms.as_ref().is_some_and(|t| !is_hex_of(serial, &t.serial)) {
            return Err(Error::CertificateSerialMismatch);
        }
        self.keys.retain(|k| k.serial != serial);
        let valid = terms.map(|t| t.valid);
        self.keys.push(RegisteredKey { serial: serial.to_owned(), key, valid });
        Ok(())
    }

    /// Retires the key under `serial`; whether there was one.
    pub fn remove(&mut self, serial: &str) -> bool {
        let before = self.keys.len();
        self.keys.retain(|k| k.serial != serial);
        self.keys.len() != before
    }

    /// The serials held, in the order they were added.
    pub fn serials(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.serial.as_str())
    }

    /// How many keys are held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key under `serial` if it may verify at `now_unix_seconds`.
    pub(crate) fn key_for(&self, serial: &str, now_unix_seconds: u64) -> Result<&RegisteredKey, Error> {
        // The serial exactly as registered first, then a certificate's in another case.
        let exact = self.keys.iter().find(|k| k.serial == serial);
        let registered = exact
            .or_else(|| self.keys.iter().find(|k| same_hex_serial(&k.serial, serial)))
            .ok_or(Error::UnknownSerial)?;
        if registered.valid.as_ref().is_some_and(|valid| !valid.contains(&now_unix_seconds)) {
            return Err(Error::CertificateExpired);
        }
        Ok(registered)
    }

    /// The serial to encrypt for when none is named: the WeChat Pay public key's, else
    /// the platform certificate added last that is valid at `now_unix_seconds`.
    pub(crate) fn encryption_serial(&self, now_unix_seconds: u64) -> Option<&str> {
        let public_key = self.keys.iter().find(|k| k.valid.is_none());
        let certificate =
            || self.keys.iter().rev().find(|k| k.valid.as_ref().is_some_and(|v| v.contains(&now_unix_seconds)));
        public_key.or_else(certificate).map(|k| k.serial.as_str())
    }

    /// The key registered under exactly `serial`, for a host that verifies with its own RSA.
    pub(crate) fn public_key(&self, serial: &str) -> Option<&RsaPublicKey> {
        self.keys.iter().find(|k| k.serial == serial).map(|k| &k.key)
    }
}

impl fmt::Debug for PublicKeys {
    /// The serials only: public keys are not secret, but they are long and say nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKeys").field("serials", &self.serials().collect::<Vec<_>>()).finish()
    }
}

/// Whether a registered serial is the certificate serial `Wechatpay-Serial` names, in
/// another case (it may be registered as `openssl x509 -serial` or a browser shows it).
fn same_hex_serial(registered: &str, named: &str) -> bool {
    registered.eq_ignore_ascii_case(named) && named.bytes().all(|b| b.is_ascii_hexdigit())
}

/// WeChat Pay's serials: `PUB_KEY_ID_` and letters or digits, or a certificate's hex digits.
fn check_serial(serial: &str) -> Result<(), Error> {
    let public_key_id = serial
        .strip_prefix("PUB_KEY_ID_")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()));
    let certificate = (1..=64).contains(&serial.len()) && serial.bytes().all(|b| b.is_ascii_hexdigit());
    if public_key_id || certificate {
        Ok(())
    } else {
        Err(Error::InvalidSerialNo(Serial::WechatPay))
    }
}

/// The APIv3 key (32 bytes) that decrypts notification resources. Wiped on drop;
/// `Debug` shows nothing of it.
pub struct ApiV3Key(Zeroizing<[u8; 32]>);

impl ApiV3Key {
    /// Takes the key as set in 商户平台 → API安全 → APIv3密钥.
    ///
    /// # Errors
    /// [`Error::InvalidApiV3Key`] unless it is exactly 32 bytes.
    pub fn new(key: &str) -> Result<Self, Error> {
        Self::from_bytes(key.as_bytes())
    }

    /// [`ApiV3Key::new`] for the key's bytes.
    ///
    /// # Errors
    /// [`Error::InvalidApiV3Key`] unless there are exactly 32.
    pub fn from_bytes(key: &[u8]) -> Result<Self, Error> {
        let bytes: [u8; 32] = key.try_into().map_err(|_| Error::InvalidApiV3Key)?;
        Ok(ApiV3Key(Zeroizing::new(bytes)))
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for ApiV3Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiV3Key(<redacted>)")
    }
}
