//! What the fuzz targets share: input shapes that reach the interesting cases often
//! (colliding names, `sign`, the characters that break naive joins, keys and time
//! stamps that pass their checks) and oracles written from the rules' wording,
//! independently of `src/`.

use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Result, Unstructured};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;
use wxpay_wasm::{Error, KeyProblem, SignType};

/// Names that collide with each other or have a meaning (`sign`), and a few bad ones.
const NAMES: &[&str] = &[
    "sign",
    "Sign",
    "SIGN",
    "a",
    "A",
    "a1",
    "_",
    "b",
    "appid",
    "appId",
    "mch_id",
    "nonce_str",
    "body",
    "total_fee",
    "sign_type",
    "key",
    "",
    "a b",
    "a=b",
    "a&b",
    "a\n",
    "名",
];

/// Characters with a role in the rules: separators, every kind of whitespace and
/// control (Unicode's, not only ASCII's), look-alikes that are neither, non-ASCII.
const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    '9',
    '_',
    '-',
    '&',
    '=',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{0}',
    '\u{1f}',
    '\u{7f}',
    '\u{85}',
    '\u{9f}',
    '\u{a0}',
    '\u{1680}',
    '\u{2000}',
    '\u{200a}',
    '\u{200b}',
    '\u{2028}',
    '\u{2029}',
    '\u{202f}',
    '\u{205f}',
    '\u{3000}',
    '\u{feff}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10ffff}',
    '腾',
    '讯',
    '😀',
    'é',
    '\u{301}',
];

/// Text that is often a dictionary name, often built from [`CHARS`], otherwise any UTF-8.
#[derive(Debug, Clone)]
pub struct Text(pub String);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Text(match u.int_in_range(0u8..=9)? {
            0..=3 => NAMES[u.choose_index(NAMES.len())?].to_owned(),
            4..=5 => tricky(u)?,
            _ => String::arbitrary(u)?,
        }))
    }
}

/// A short string of [`CHARS`].
pub fn tricky(u: &mut Unstructured<'_>) -> Result<String> {
    let len = u.int_in_range(0usize..=8)?;
    (0..len).map(|_| Ok(CHARS[u.choose_index(CHARS.len())?])).collect()
}

/// `len` letters and digits picked by `bytes`.
pub fn alnum(bytes: &[u8], len: usize) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..len).map(|i| char::from(A[usize::from(bytes.get(i).copied().unwrap_or(7)) % A.len()])).collect()
}

/// An API key: usually one that passes the checks, sometimes anything.
#[derive(Debug, Clone)]
pub struct Key(pub String);

impl<'a> Arbitrary<'a> for Key {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Key(match u.int_in_range(0u8..=5)? {
            0 => "demoKeyNotARealMerchantKey000000".to_owned(),
            1..=2 => {
                let len = u.int_in_range(1usize..=80)?;
                let bytes: Vec<u8> = (0..len).map(|_| u8::arbitrary(u)).collect::<Result<_>>()?;
                alnum(&bytes, len)
            }
            3 => tricky(u)?,
            _ => String::arbitrary(u)?,
        }))
    }
}

pub fn sign_type(hmac: bool) -> SignType {
    if hmac {
        SignType::HmacSha256
    } else {
        SignType::Md5
    }
}

/// Params as the fuzz input gives them.
pub fn pairs(input: &[(Text, Text)]) -> Vec<(String, String)> {
    input.iter().map(|(n, v)| (n.0.clone(), v.0.clone())).collect()
}

/// "Can stand in `k=v&k=v`": non-empty, no whitespace, control character, `&` or `=`
/// (whitespace and control in Unicode's sense).
pub fn plain(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '&' || c == '=')
}

/// stringA from the rule's wording: names checked, no name twice, then the pairs with a
/// non-empty value except `sign`, sorted by name bytes, `k=v` joined with `&`.
pub fn canonical(pairs: &[(String, String)]) -> std::result::Result<String, Error> {
    if pairs.iter().any(|(n, _)| !plain(n)) {
        return Err(Error::InvalidName);
    }
    let distinct: BTreeSet<&[u8]> = pairs.iter().map(|(n, _)| n.as_bytes()).collect();
    if distinct.len() != pairs.len() {
        return Err(Error::DuplicateName);
    }
    let mut kept: Vec<&(String, String)> = pairs.iter().filter(|(n, v)| n != "sign" && !v.is_empty()).collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(kept.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("&"))
}

/// What is wrong with a key, if anything.
pub fn key_problem(key: &str) -> Option<Error> {
    if key.is_empty() {
        Some(Error::InvalidKey(KeyProblem::Empty))
    } else if key.chars().any(char::is_whitespace) {
        Some(Error::InvalidKey(KeyProblem::Whitespace))
    } else if key.chars().any(char::is_control) {
        Some(Error::InvalidKey(KeyProblem::Control))
    } else if key.len() != 32 {
        Some(Error::InvalidKey(KeyProblem::Length))
    } else {
        None
    }
}

/// Uppercase hex of MD5(`string_a&key=KEY`) or HMAC-SHA256 keyed by the key.
pub fn digest(string_a: &str, key: &str, sign_type: SignType) -> String {
    let temp = format!("{string_a}&key={key}");
    let bytes = match sign_type {
        SignType::Md5 => Md5::digest(temp.as_bytes()).to_vec(),
        SignType::HmacSha256 => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any length");
            mac.update(temp.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
    };
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Uppercase hex of the right length for the sign type.
pub fn is_sign_hex(s: &str, sign_type: SignType) -> bool {
    let len = if sign_type == SignType::Md5 { 32 } else { 64 };
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

/// An error must not show the key, in its code, message, `Display` or `Debug`. The
/// fuzzer learns the messages and makes keys out of them, so a key that is a piece of
/// the fixed texts (which no input can change) does not count.
pub fn assert_no_key(e: &Error, key: &str) {
    for shown in [e.code().to_owned(), e.message().to_owned(), e.to_string(), format!("{e:?}")] {
        if shown.contains(key) {
            // An `Error` holds no input (its texts are `&'static str`), so this is a fixed text.
            let fixed = [e.code(), e.message()].iter().any(|t| t.contains(key)) || format!("{e:?}").contains(key);
            assert!(fixed, "the key shows in {shown:?}");
        }
    }
}

/// The same text with one character changed (so the canonical string changes).
pub fn change_one_char(s: &str, at: usize) -> String {
    let n = s.chars().count();
    let at = at % n.max(1);
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if i == at {
                if c == 'a' {
                    'b'
                } else {
                    'a'
                }
            } else {
                c
            }
        })
        .collect()
}
