//! `sign` and `verify` for WeChat Pay API v2 (MD5 and HMAC-SHA256).

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::str::FromStr;

use hmac::digest::KeyInit;
use hmac::HmacCore;
use md5::Md5Core;
use sha2::Sha256;

use crate::blocks::Blocks;

use crate::ascii::is_graphic;
use crate::canonical::{canonical_of, has_space_or_control};
use crate::error::{KeyProblem, SignTypeProblem};
use crate::{canonical_string, Error, Param};

/// The two signature types of API v2. It must be the `sign_type` the unified order used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignType {
    /// `"MD5"`, WeChat's default.
    #[default]
    Md5,
    /// `"HMAC-SHA256"`.
    HmacSha256,
}

impl SignType {
    /// The exact spelling WeChat expects: `"MD5"` or `"HMAC-SHA256"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignType::Md5 => "MD5",
            SignType::HmacSha256 => "HMAC-SHA256",
        }
    }
}

impl FromStr for SignType {
    type Err = Error;

    /// Accepts exactly `"MD5"` and `"HMAC-SHA256"`; the error names the usual mistakes.
    ///
    /// ```
    /// use wxpay_wasm::SignType;
    /// assert_eq!("HMAC-SHA256".parse::<SignType>(), Ok(SignType::HmacSha256));
    /// assert!("md5".parse::<SignType>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        SignType::from_name(s.as_bytes())
    }
}

impl SignType {
    /// [`SignType::from_str`] of a name given as UTF-8 bytes.
    ///
    /// # Errors
    /// [`Error::UnsupportedSignType`], naming the usual mistakes.
    pub fn from_name(name: &[u8]) -> Result<Self, Error> {
        match name {
            b"MD5" => Ok(SignType::Md5),
            b"HMAC-SHA256" => Ok(SignType::HmacSha256),
            _ => Err(Error::UnsupportedSignType(
                core::str::from_utf8(name).map_or(SignTypeProblem::Unknown, sign_type_problem),
            )),
        }
    }
}

/// Names the usual misspelling. Compares `s` uppercased and without `-`, `_` and
/// spaces, on the stack: short code, with no allocation, for the wasm build.
#[cold]
fn sign_type_problem(s: &str) -> SignTypeProblem {
    let mut squeezed = [0u8; 12];
    let mut len = 0;
    for b in s.bytes().filter(|b| !matches!(b, b'-' | b'_' | b' ')) {
        match squeezed.get_mut(len) {
            Some(slot) => *slot = b.to_ascii_uppercase(),
            None => return SignTypeProblem::Unknown,
        }
        len += 1;
    }
    match &squeezed[..len] {
        b"MD5" if s.len() == 3 => SignTypeProblem::Lowercase,
        b"HMACSHA256" if s.eq_ignore_ascii_case("HMAC-SHA256") => SignTypeProblem::Lowercase,
        b"HMACSHA256" => SignTypeProblem::HmacSpelling,
        b"RSA" if s.len() == 3 => SignTypeProblem::Rsa,
        _ => SignTypeProblem::Unknown,
    }
}

/// Checks what can be checked of an API key without knowing it: every v2 key (and
/// sandbox key) is 32 bytes, so another length is a different secret or a truncated
/// one, which WeChat would answer with 签名错误. Whitespace and control characters are
/// named first: a trailing newline is the usual reason a key is 33 bytes. Bytes that
/// are not UTF-8 (only the wasm boundary could pass them) count as control characters.
pub(crate) fn check_key(key: &[u8]) -> Result<CheckedKey<'_>, Error> {
    if key.is_empty() {
        return Err(Error::InvalidKey(KeyProblem::Empty));
    }
    if !is_graphic(key) {
        match core::str::from_utf8(key) {
            Ok(text) if !has_space_or_control(text) => {}
            Ok(key) if key.chars().any(char::is_whitespace) => return Err(Error::InvalidKey(KeyProblem::Whitespace)),
            _ => return Err(Error::InvalidKey(KeyProblem::Control)),
        }
    }
    if key.len() == KEY_BYTES {
        Ok(CheckedKey(key))
    } else {
        Err(Error::InvalidKey(KeyProblem::Length))
    }
}

/// The length of every API v2 key.
const KEY_BYTES: usize = 32;

/// A key that passed [`check_key`]: what [`sign_parts`] takes, so that the check
/// runs once per signature.
#[derive(Clone, Copy)]
pub(crate) struct CheckedKey<'a>(&'a [u8]);

/// An uppercase hex signature, held without allocating: 32 characters for MD5, 64
/// for HMAC-SHA256.
pub struct HexSign {
    digits: [u8; 64],
    len: usize,
}

impl HexSign {
    /// `digest` (16 or 32 bytes) in uppercase hex.
    fn of(digest: &[u8]) -> Self {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut digits = [0u8; 64];
        for (pair, byte) in digits.chunks_exact_mut(2).zip(digest) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0xF)];
        }
        HexSign { digits, len: 2 * digest.len().min(32) }
    }

    /// The digits.
    pub fn as_bytes(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or_default()
    }

    /// The digits as text.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or_default() // hex digits: always ASCII
    }
}

/// Signs stringA given in `parts`: hashes `stringA&key=KEY`, feeding the pieces to
/// the hash one by one, so that no string holding the key is ever built.
pub(crate) fn sign_parts(
    parts: &[&[u8]],
    CheckedKey(key): CheckedKey<'_>,
    sign_type: SignType,
) -> Result<HexSign, Error> {
    let tail = [b"&key=".as_slice(), key];
    let pieces = parts.iter().chain(&tail);
    Ok(match sign_type {
        SignType::Md5 => {
            let mut md5 = Blocks::new(Md5Core::default());
            pieces.for_each(|p| md5.write(p));
            HexSign::of(&md5.finish())
        }
        SignType::HmacSha256 => {
            // HMAC takes keys of any length, so this cannot fail.
            let core = HmacCore::<Sha256>::new_from_slice(key).map_err(|_| Error::InvalidKey(KeyProblem::Empty))?;
            let mut mac = Blocks::new(core);
            pieces.for_each(|p| mac.write(p));
            HexSign::of(&mac.finish())
        }
    })
}

/// Signs parameters the WeChat Pay API v2 way and returns the uppercase hex `sign`.
///
/// The parameters are any `(name, value)` pairs of strings ([`Param`]): an array,
/// a `Vec` or a slice of tuples, a `&HashMap` or a `&BTreeMap`. Integers go in as decimal strings (`0` is a value).
///
/// # Errors
/// [`Error::InvalidKey`] for an empty key or one with whitespace or control
/// characters, and the name errors of [`canonical_string`].
///
/// # Example
/// The official example of WeChat's signature document:
/// ```
/// use wxpay_wasm::{sign, SignType};
/// let params = [
///     ("appid", "wxd930ea5d5a258f4f"),
///     ("mch_id", "10000100"),
///     ("device_info", "1000"),
///     ("body", "test"),
///     ("nonce_str", "ibuaiVcKdpRxkhJA"),
/// ];
/// let key = "192006250b4c09247ec02edce69f6a2d"; // the doc's demo key
/// assert_eq!(sign(params, key, SignType::Md5)?, "9A0A8659F005D6984697E2CA0A9CF3B7");
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn sign<I>(params: I, key: &str, sign_type: SignType) -> Result<String, Error>
where
    I: IntoIterator,
    I::Item: Param,
{
    let string_a = canonical_string(params)?;
    Ok(sign_parts(&[string_a.as_bytes()], check_key(key.as_bytes())?, sign_type)?.as_str().to_owned())
}

/// Checks the `sign` field of parameters received from WeChat (a unified order
/// answer, a payment notification). The comparison takes the same time wherever
/// the signatures differ, and is exact: WeChat signs in uppercase hex.
///
/// # Errors
/// [`Error::MissingSign`] when there is no non-empty `sign`, and the errors of [`sign`].
///
/// # Example
/// ```
/// use wxpay_wasm::{verify, SignType};
/// let key = "192006250b4c09247ec02edce69f6a2d"; // the doc's demo key
/// let mut params = vec![("return_code", "SUCCESS"), ("prepay_id", "wx201410272009395522657a690389285100")];
/// let sign = wxpay_wasm::sign(params.clone(), key, SignType::Md5)?;
/// params.push(("sign", &sign));
/// assert!(verify(params.clone(), key, SignType::Md5)?);
/// params[0].1 = "FAIL";
/// assert!(!verify(params, key, SignType::Md5)?);
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn verify<I>(params: I, key: &str, sign_type: SignType) -> Result<bool, Error>
where
    I: IntoIterator,
    I::Item: Param,
{
    let params: Vec<I::Item> = params.into_iter().collect();
    verify_of(params.iter().map(|p| (p.name(), p.value())).collect(), key, sign_type)
}

/// The work of [`verify`], once for every parameter type.
pub(crate) fn verify_of(fields: Vec<(&str, &str)>, key: &str, sign_type: SignType) -> Result<bool, Error> {
    let given = fields.iter().find(|(name, _)| *name == "sign").map(|&(_, value)| value);
    let string_a = canonical_of(fields)?;
    let given = given.filter(|v| !v.is_empty()).ok_or(Error::MissingSign)?;
    let expected = sign_parts(&[string_a.as_bytes()], check_key(key.as_bytes())?, sign_type)?;
    Ok(constant_time_eq(expected.as_bytes(), given.as_bytes()))
}

/// Compares without an early exit, so the time taken does not tell an attacker
/// how many leading characters of a forged signature were right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    core::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_type_parses_exactly_and_names_the_mistake() {
        assert_eq!("MD5".parse(), Ok(SignType::Md5));
        assert_eq!("HMAC-SHA256".parse(), Ok(SignType::HmacSha256));
        let problem = |s: &str| match s.parse::<SignType>() {
            Err(Error::UnsupportedSignType(p)) => p,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(problem("md5"), SignTypeProblem::Lowercase);
        assert_eq!(problem("Md5"), SignTypeProblem::Lowercase);
        assert_eq!(problem("hmac-sha256"), SignTypeProblem::Lowercase);
        assert_eq!(problem("HMAC_SHA256"), SignTypeProblem::HmacSpelling);
        assert_eq!(problem("HMACSHA256"), SignTypeProblem::HmacSpelling);
        assert_eq!(problem("hmac_sha_256"), SignTypeProblem::HmacSpelling);
        assert_eq!(problem("HMAC SHA256"), SignTypeProblem::HmacSpelling);
        assert_eq!(problem("M-D5"), SignTypeProblem::Unknown);
        assert_eq!(problem("HMAC-SHA256-HMAC-SHA256"), SignTypeProblem::Unknown);
        assert_eq!(problem("RSA"), SignTypeProblem::Rsa);
        assert_eq!(problem(""), SignTypeProblem::Unknown);
        assert_eq!(problem("SHA256"), SignTypeProblem::Unknown);
        assert_eq!(SignType::from_name(b"MD\xff"), Err(Error::UnsupportedSignType(SignTypeProblem::Unknown)));
        assert_eq!(SignType::HmacSha256.as_str(), "HMAC-SHA256");
        assert_eq!(SignType::default(), SignType::Md5);
    }

    #[test]
    fn key_rules() {
        assert_eq!(check_key("".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Empty)));
        assert_eq!(check_key("abc\n".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Whitespace)));
        assert_eq!(check_key(" abc".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Whitespace)));
        assert_eq!(check_key("a\u{3000}b".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Whitespace)));
        assert_eq!(check_key("a\u{0}b".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Control)));
        assert_eq!(check_key("demo".as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Length)));
        assert_eq!(check_key(&[b'k'; 33]).err(), Some(Error::InvalidKey(KeyProblem::Length)));
        assert_eq!(check_key("a\u{3000}b".repeat(8).as_bytes()).err(), Some(Error::InvalidKey(KeyProblem::Whitespace)));
        assert!(check_key(&[b'k'; 32]).is_ok());
    }

    #[test]
    fn key_is_checked_before_signing() {
        assert_eq!(sign([("a", "1")], "k\n", SignType::Md5), Err(Error::InvalidKey(KeyProblem::Whitespace)));
    }

    #[test]
    fn hex_is_uppercase_and_complete() {
        assert_eq!(HexSign::of(&[0x00, 0x0f, 0xa0, 0xff]).as_str(), "000FA0FF");
        assert_eq!(HexSign::of(&[0xab; 32]).as_str(), "AB".repeat(32));
    }

    #[test]
    fn constant_time_eq_compares_everything() {
        assert!(constant_time_eq(b"ABC", b"ABC"));
        assert!(!constant_time_eq(b"ABC", b"ABD"));
        assert!(!constant_time_eq(b"ABC", b"XBC"));
        assert!(!constant_time_eq(b"ABC", b"ABCD"));
        assert!(!constant_time_eq(b"ABC", b"abc"));
    }

    #[test]
    fn verify_needs_a_sign() {
        let key = "demoKeyNotARealMerchantKey000000";
        assert_eq!(verify([("a", "1")], key, SignType::Md5), Err(Error::MissingSign));
        assert_eq!(verify([("a", "1"), ("sign", "")], key, SignType::Md5), Err(Error::MissingSign));
        assert_eq!(verify([("a", "1"), ("sign", "x"), ("sign", "y")], key, SignType::Md5), Err(Error::DuplicateName));
    }

    #[test]
    fn verify_is_exact_and_type_bound() {
        let key = "demoKeyNotARealMerchantKey000000";
        let good = sign([("a", "1")], key, SignType::Md5).unwrap();
        assert!(verify([("a", "1"), ("sign", good.as_str())], key, SignType::Md5).unwrap());
        assert!(!verify([("a", "1"), ("sign", good.to_lowercase().as_str())], key, SignType::Md5).unwrap());
        assert!(!verify([("a", "1"), ("sign", good.as_str())], key, SignType::HmacSha256).unwrap());
        assert!(
            !verify([("a", "1"), ("sign", good.as_str())], "otherDemoKeyNotARealMerchantKey0", SignType::Md5).unwrap()
        );
    }
}
