//! Verifying WeChat Pay's answers and notifications.

use base64ct::{Base64, Encoding};

use super::error::{Algorithm, Error, Header};
use super::keys::{PublicKeys, RegisteredKey};
use super::sign::{lines, AUTHORIZATION_SCHEME};

/// Signatures of WeChat Pay's probes start with this; they never verify and must be refused.
pub const PROBE_PREFIX: &str = "WECHATPAY/SIGNTEST/";
/// A `Wechatpay-Timestamp` this many seconds or more from now is refused.
pub const TIME_WINDOW_SECONDS: u64 = 300;
/// The optional header that names the signature's scheme.
const SIGNATURE_TYPE: &str = "Wechatpay-Signature-Type";

/// Verifies an answer or a notification from WeChat Pay: the signature in
/// `Wechatpay-Signature` over `Wechatpay-Timestamp\nWechatpay-Nonce\nbody\n`, with the key
/// that `Wechatpay-Serial` names (a platform certificate only while it is valid at
/// `now_unix_seconds`), within 5 minutes of `now_unix_seconds`.
///
/// `headers` are name/value pairs as received: names in any case, values with or
/// without surrounding spaces; a name repeated with the same value counts once. `body`
/// is the raw bytes as received, never re-serialised JSON.
///
/// # Errors
/// [`Error::MissingHeader`] (absent or empty) and [`Error::RepeatedHeader`] (two different
/// values), header by header in [`Header::ALL`]'s order; then
/// [`Error::UnsupportedAlgorithm`] for a `Wechatpay-Signature-Type` other than
/// `WECHATPAY2-SHA256-RSA2048`, [`Error::SignatureProbe`], [`Error::TimestampOutOfWindow`],
/// [`Error::UnknownSerial`], [`Error::CertificateExpired`], [`Error::InvalidSignature`].
#[cfg(feature = "v3")]
pub fn verify<N, V>(
    headers: impl IntoIterator<Item = (N, V)>,
    body: &[u8],
    keys: &PublicKeys,
    now_unix_seconds: u64,
) -> Result<(), Error>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    verify_with(headers, body, keys, now_unix_seconds, |key, message, signature| {
        ring::signature::RsaPublicKeyComponents { n: &key.key.n, e: &key.key.e }
            .verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, message, signature)
            .is_ok()
    })
}

/// [`verify`] with the RSA check (`SHA256withRSA` of `message` by the registered key)
/// done by `rsa_verify`: every rule here, only the arithmetic elsewhere.
pub(crate) fn verify_with<N, V>(
    headers: impl IntoIterator<Item = (N, V)>,
    body: &[u8],
    keys: &PublicKeys,
    now_unix_seconds: u64,
    rsa_verify: impl FnOnce(&RegisteredKey, &[u8], &[u8]) -> bool,
) -> Result<(), Error>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let found = read_headers(headers)?;
    let [serial, signature, timestamp, nonce] = found.map(|value| value.unwrap_or_default());

    if signature.starts_with(PROBE_PREFIX) {
        return Err(Error::SignatureProbe);
    }
    let seconds = parse_seconds(&timestamp).ok_or(Error::TimestampOutOfWindow)?;
    if seconds.abs_diff(now_unix_seconds) >= TIME_WINDOW_SECONDS {
        return Err(Error::TimestampOutOfWindow);
    }
    // An unknown serial is told apart even when the signature is not base64.
    let key = keys.key_for(&serial, now_unix_seconds)?;
    let signature = Base64::decode_vec(&signature).map_err(|_| Error::InvalidSignature)?;
    let message = lines(&[timestamp.as_bytes(), nonce.as_bytes(), body]);
    if rsa_verify(key, &message, &signature) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// The values of [`Header::ALL`], trimmed, each present, non-empty and given once (or
/// repeated unchanged); `Wechatpay-Signature-Type`, when sent, must be WeChat Pay's scheme.
fn read_headers<N, V>(headers: impl IntoIterator<Item = (N, V)>) -> Result<[Option<String>; 4], Error>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let mut found: [Option<String>; 4] = Default::default();
    let mut repeated = [false; 4];
    let mut other_signature_type = false;
    for (name, value) in headers {
        let (name, value) = (name.as_ref(), value.as_ref().trim_matches([' ', '\t']));
        if name.eq_ignore_ascii_case(SIGNATURE_TYPE) {
            other_signature_type |= !value.is_empty() && value != AUTHORIZATION_SCHEME;
            continue;
        }
        let Some(at) = Header::ALL.iter().position(|h| h.name().eq_ignore_ascii_case(name)) else { continue };
        match &found[at] {
            _ if value.is_empty() => {}
            None => found[at] = Some(value.to_owned()),
            Some(first) => repeated[at] |= first != value,
        }
    }
    for (at, header) in Header::ALL.into_iter().enumerate() {
        if found[at].is_none() {
            return Err(Error::MissingHeader(header));
        }
        if repeated[at] {
            return Err(Error::RepeatedHeader(header));
        }
    }
    if other_signature_type {
        return Err(Error::UnsupportedAlgorithm(Algorithm::SignatureType));
    }
    Ok(found)
}

/// Unix seconds: ASCII digits only (no sign, no spaces), at most 19 of them.
fn parse_seconds(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
