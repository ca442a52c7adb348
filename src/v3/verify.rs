//! Verifying WeChat Pay's answers and notifications.

use base64ct::{Base64, Encoding};

use super::error::{Error, Header};
use super::keys::PublicKeys;
use super::sign::lines;

/// Signatures of WeChat Pay's probes start with this; they never verify and must be refused.
pub const PROBE_PREFIX: &str = "WECHATPAY/SIGNTEST/";
/// A `Wechatpay-Timestamp` this many seconds or more from now is refused.
pub const TIME_WINDOW_SECONDS: u64 = 300;

/// Verifies an answer or a notification from WeChat Pay: the signature in
/// `Wechatpay-Signature` over `Wechatpay-Timestamp\nWechatpay-Nonce\nbody\n`, with the key
/// that `Wechatpay-Serial` names (a platform certificate only while it is valid at
/// `now_unix_seconds`), within 5 minutes of `now_unix_seconds`.
///
/// `headers` are name/value pairs as received (names in any case; the first of a
/// repeated name counts); `body` the raw bytes as received, never re-serialised JSON.
///
/// # Errors
/// [`Error::MissingHeader`], [`Error::SignatureProbe`], [`Error::TimestampOutOfWindow`],
/// [`Error::UnknownSerial`], [`Error::CertificateExpired`], [`Error::InvalidSignature`],
/// checked in that order.
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
    let mut found: [Option<V>; 4] = [None, None, None, None];
    for (name, value) in headers {
        let at = Header::ALL.iter().position(|h| h.name().eq_ignore_ascii_case(name.as_ref()));
        if let Some(slot) = at.map(|i| &mut found[i]) {
            slot.get_or_insert(value);
        }
    }
    let [serial, signature, timestamp, nonce] = found;
    let header = |value: Option<V>, h: Header| value.ok_or(Error::MissingHeader(h));
    let (serial, signature) = (header(serial, Header::Serial)?, header(signature, Header::Signature)?);
    let (timestamp, nonce) = (header(timestamp, Header::Timestamp)?, header(nonce, Header::Nonce)?);
    let (serial, signature, timestamp, nonce) =
        (serial.as_ref(), signature.as_ref(), timestamp.as_ref(), nonce.as_ref());

    if signature.starts_with(PROBE_PREFIX) {
        return Err(Error::SignatureProbe);
    }
    let seconds = parse_seconds(timestamp).ok_or(Error::TimestampOutOfWindow)?;
    if seconds.abs_diff(now_unix_seconds) >= TIME_WINDOW_SECONDS {
        return Err(Error::TimestampOutOfWindow);
    }
    let signature = Base64::decode_vec(signature);
    let message = lines(&[timestamp.as_bytes(), nonce.as_bytes(), body]);
    // An unknown serial is told apart even when the signature is not base64.
    let verified = keys.verify(serial, now_unix_seconds, &message, signature.as_deref().unwrap_or_default())?;
    if verified {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// Unix seconds: ASCII digits only (no sign, no spaces), at most 19 of them.
fn parse_seconds(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
