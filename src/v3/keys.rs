//! Keys read from PEM once: the merchant private key, WeChat Pay's public keys by
//! serial, the APIv3 key. `Debug` of each shows no key material.

use std::fmt;
use std::ops::RangeInclusive;

use base64ct::{Base64, Encoding};
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RsaPublicKeyComponents, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256};
use x509_cert::der::asn1::UintRef;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{pem, Decode, Reader, SliceReader};
use x509_cert::spki::SubjectPublicKeyInfoRef;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::error::{Error, PemProblem};

/// rsaEncryption (RFC 8017): the only key algorithm WeChat Pay uses.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// 2048 bits: WeChat Pay's keys, and ring's lower bound for RSA verification.
const MIN_MODULUS_BYTES: usize = 256;

/// The PEM block's label and DER content (wiped on drop: it may be a private key).
fn pem_der(text: &str) -> Result<(&'static str, Zeroizing<Vec<u8>>), PemProblem> {
    let text = text.trim();
    if !text.starts_with("-----BEGIN ") {
        return Err(PemProblem::NotPem);
    }
    if text.contains("\\n") && !text.contains('\n') {
        return Err(PemProblem::EscapedNewlines);
    }
    let (label, der) = pem::decode_vec(text.as_bytes()).map_err(|_| PemProblem::NotPem)?;
    let der = Zeroizing::new(der);
    // Labels as 'static, so that nothing borrowed from the key text outlives this call.
    let label = match label {
        "PRIVATE KEY" => "PRIVATE KEY",
        "RSA PRIVATE KEY" => "RSA PRIVATE KEY",
        "PUBLIC KEY" => "PUBLIC KEY",
        "RSA PUBLIC KEY" => "RSA PUBLIC KEY",
        "CERTIFICATE" => "CERTIFICATE",
        _ => "other",
    };
    Ok((label, der))
}

/// The merchant API certificate's private key (`apiclient_key.pem`), which signs
/// `paySign` and the `Authorization` header. Held by ring; `Debug` shows nothing of it.
pub struct MerchantPrivateKey {
    key: RsaKeyPair,
}

impl MerchantPrivateKey {
    /// Reads the PEM text of an RSA private key: PKCS#8 (`PRIVATE KEY`, what the
    /// merchant platform gives) or PKCS#1 (`RSA PRIVATE KEY`), 2048 to 4096 bits.
    ///
    /// # Errors
    /// [`Error::InvalidPrivateKey`], saying whether the text is not PEM, has escaped
    /// line breaks, is a public key or certificate, or is not an RSA key ring accepts.
    pub fn from_pem(pem_text: &str) -> Result<Self, Error> {
        let (label, der) = pem_der(pem_text).map_err(Error::InvalidPrivateKey)?;
        let key = match label {
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&der),
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der),
            _ => return Err(Error::InvalidPrivateKey(PemProblem::WrongKind)),
        };
        key.map(|key| MerchantPrivateKey { key }).map_err(|_| Error::InvalidPrivateKey(PemProblem::NotRsa2048))
    }

    /// Base64 of SHA256-with-RSA (PKCS#1 v1.5) over `message`.
    pub(crate) fn sign_base64(&self, message: &[u8]) -> Result<String, Error> {
        let mut signature = vec![0; self.key.public().modulus_len()];
        // ring blinds the private-key operation with random bytes; the signature itself
        // is deterministic (PKCS#1 v1.5).
        self.key
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), message, &mut signature)
            .map_err(|_| crate::Error::RandomUnavailable)?;
        Ok(Base64::encode_string(&signature))
    }
}

impl fmt::Debug for MerchantPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MerchantPrivateKey(<redacted>)")
    }
}

/// An RSA public key (modulus and exponent, big-endian), checked for ring's rules.
#[derive(Clone)]
struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl RsaPublicKey {
    /// From a PKCS#1 `RSAPublicKey` (the bit string inside a SubjectPublicKeyInfo).
    fn from_pkcs1(der: &[u8]) -> Result<Self, PemProblem> {
        let bad = |_| PemProblem::NotRsa2048;
        let mut reader = SliceReader::new(der).map_err(bad)?;
        let (n, e) = reader.sequence(|r| Ok((UintRef::decode(r)?, UintRef::decode(r)?))).map_err(bad)?;
        reader.finish(()).map_err(bad)?;
        if n.as_bytes().len() < MIN_MODULUS_BYTES {
            return Err(PemProblem::NotRsa2048);
        }
        Ok(RsaPublicKey { n: n.as_bytes().to_vec(), e: e.as_bytes().to_vec() })
    }

    /// From a SubjectPublicKeyInfo's algorithm and key bits.
    fn from_spki(algorithm: ObjectIdentifier, bits: Option<&[u8]>) -> Result<Self, PemProblem> {
        match bits {
            Some(bits) if algorithm == RSA_ENCRYPTION => Self::from_pkcs1(bits),
            _ => Err(PemProblem::NotRsa2048),
        }
    }

    /// The key, and what its certificate says of itself when it came in one.
    fn from_pem(text: &str) -> Result<(Self, Option<CertificateTerms>), PemProblem> {
        let (label, der) = pem_der(text)?;
        match label {
            "PUBLIC KEY" => {
                let spki = SubjectPublicKeyInfoRef::from_der(&der).map_err(|_| PemProblem::NotRsa2048)?;
                Ok((Self::from_spki(spki.algorithm.oid, spki.subject_public_key.as_bytes())?, None))
            }
            "RSA PUBLIC KEY" => Ok((Self::from_pkcs1(&der)?, None)),
            "CERTIFICATE" => {
                let tbs = Certificate::from_der(&der).map_err(|_| PemProblem::NotRsa2048)?.tbs_certificate;
                let spki = &tbs.subject_public_key_info;
                let key = Self::from_spki(spki.algorithm.oid, spki.subject_public_key.as_bytes())?;
                let terms = CertificateTerms {
                    serial: magnitude(tbs.serial_number.as_bytes()).to_vec(),
                    valid: tbs.validity.not_before.to_unix_duration().as_secs()
                        ..=tbs.validity.not_after.to_unix_duration().as_secs(),
                };
                Ok((key, Some(terms)))
            }
            _ => Err(PemProblem::WrongKind),
        }
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        RsaPublicKeyComponents { n: &self.n, e: &self.e }
            .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
            .is_ok()
    }
}

/// What a platform certificate says of itself besides its key.
#[derive(Clone)]
struct CertificateTerms {
    /// Its serial number, big-endian, without leading zero bytes.
    serial: Vec<u8>,
    /// Unix seconds, both ends included (X.509's notBefore and notAfter).
    valid: RangeInclusive<u64>,
}

/// `bytes` without its leading zero bytes.
fn magnitude(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
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
struct RegisteredKey {
    serial: String,
    key: RsaPublicKey,
    valid: Option<RangeInclusive<u64>>,
}

/// WeChat Pay's keys by serial, for [`verify`](super::verify): the WeChat Pay public key
/// under its `PUB_KEY_ID_…` and/or platform certificates under their serial numbers
/// (during a migration both arrive).
///
/// ```
/// # let pem = include_str!("../../tests/vectors/v3.json");
/// # let doc: serde_json::Value = serde_json::from_str(pem).unwrap();
/// # let (id, public_key_pem) = (doc["keys"]["wechatpayPublicKeyId"].as_str().unwrap(), doc["keys"]["wechatpayPublicKey"].as_str().unwrap());
/// let mut keys = wxpay_wasm::v3::PublicKeys::new();
/// keys.insert(id, public_key_pem)?;
/// assert_eq!(keys.len(), 1);
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
    /// [`Error::InvalidSerialNo`] for an empty serial or one with characters other than
    /// letters, digits and `_`; [`Error::InvalidPublicKey`] when the PEM is unusable;
    /// [`Error::CertificateSerialMismatch`] when a certificate's own serial number is not
    /// `serial` (in hex, any case).
    pub fn insert(&mut self, serial: &str, pem_text: &str) -> Result<(), Error> {
        check_serial(serial)?;
        let (key, terms) = RsaPublicKey::from_pem(pem_text).map_err(Error::InvalidPublicKey)?;
        if terms.as_ref().is_some_and(|t| !is_hex_of(serial, &t.serial)) {
            return Err(Error::CertificateSerialMismatch);
        }
        self.keys.retain(|k| k.serial != serial);
        let valid = terms.map(|t| t.valid);
        self.keys.push(RegisteredKey { serial: serial.to_owned(), key, valid });
        Ok(())
    }

    /// How many keys are held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether the key under `serial`, valid at `now_unix_seconds`, signed `message` with `signature`.
    pub(crate) fn verify(
        &self,
        serial: &str,
        now_unix_seconds: u64,
        message: &[u8],
        signature: &[u8],
    ) -> Result<bool, Error> {
        let registered = self.keys.iter().find(|k| k.serial == serial).ok_or(Error::UnknownSerial)?;
        if registered.valid.as_ref().is_some_and(|valid| !valid.contains(&now_unix_seconds)) {
            return Err(Error::CertificateExpired);
        }
        Ok(registered.key.verify(message, signature))
    }
}

impl fmt::Debug for PublicKeys {
    /// The serials only: public keys are not secret, but they are long and say nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKeys").field("serials", &self.keys.iter().map(|k| &k.serial).collect::<Vec<_>>()).finish()
    }
}

/// WeChat Pay's serials: `PUB_KEY_ID_` and digits, or a certificate's hex digits.
fn check_serial(serial: &str) -> Result<(), Error> {
    if !serial.is_empty() && serial.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(())
    } else {
        Err(Error::InvalidSerialNo)
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
        let bytes: [u8; 32] = key.as_bytes().try_into().map_err(|_| Error::InvalidApiV3Key)?;
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
