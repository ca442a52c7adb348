//! `sign` then `verify`: sign equals the naive digest or fails with the typed error the
//! rules name; a signature verifies with the same key and type, and no longer does
//! after any signed value, the signature, the key or the type changes. The sign type
//! comes in as text, as it does from JavaScript: only the two exact names parse.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wxpay_wasm::{sign, verify, Error, SignType, SignTypeProblem};
use wxpay_wasm_fuzz::{assert_no_key, canonical, change_one_char, digest, is_sign_hex, key_problem, pairs, Key, Text};

/// The sign type as text: the two names, their usual misspellings, or anything.
#[derive(Debug, Arbitrary)]
enum TypeName {
    Exact(bool),
    Near(u8),
    Any(Text),
}

const NEAR: &[&str] = &[
    "md5",
    "Md5",
    "mD5",
    "hmac-sha256",
    "Hmac-Sha256",
    "HMAC_SHA256",
    "hmac_sha256",
    "HMACSHA256",
    "HMAC SHA256",
    "HMAC-SHA-256",
    "HMAC_SHA_256",
    "RSA",
    "rsa",
    "MD5 ",
    " MD5",
    "MD5\0",
    "SHA256",
    "HMAC-SHA1",
    "",
    "ＭＤ５",
];

impl TypeName {
    fn text(&self) -> String {
        match self {
            TypeName::Exact(true) => "HMAC-SHA256".to_owned(),
            TypeName::Exact(false) => "MD5".to_owned(),
            TypeName::Near(i) => NEAR[usize::from(*i) % NEAR.len()].to_owned(),
            TypeName::Any(t) => t.0.clone(),
        }
    }
}

/// What the error names for a refused sign type (docs/miniprogram.md: `"md5"`, `"HMAC_SHA256"`, `RSA`).
fn type_problem(s: &str) -> SignTypeProblem {
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        "md5" | "hmac-sha256" => SignTypeProblem::Lowercase,
        "hmac_sha256" | "hmacsha256" | "hmac sha256" | "hmac-sha-256" | "hmac_sha_256" => SignTypeProblem::HmacSpelling,
        "rsa" => SignTypeProblem::Rsa,
        _ => SignTypeProblem::Unknown,
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    params: Vec<(Text, Text)>,
    key: Key,
    sign_type: TypeName,
    /// Which value or signature character to change.
    at: u16,
    /// A `sign` value to verify the params as they are (not signed by us).
    given: Option<Text>,
}

fn expected_sign(pairs: &[(String, String)], key: &str, t: SignType) -> Result<String, Error> {
    let a = canonical(pairs)?;
    match key_problem(key) {
        Some(e) => Err(e),
        None => Ok(digest(&a, key, t)),
    }
}

fn expected_verify(pairs: &[(String, String)], key: &str, t: SignType) -> Result<bool, Error> {
    let a = canonical(pairs)?;
    let given = pairs.iter().find(|(n, _)| n == "sign").map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
    let given = given.ok_or(Error::MissingSign)?;
    match key_problem(key) {
        Some(e) => Err(e),
        None => Ok(digest(&a, key, t) == given),
    }
}

fuzz_target!(|input: Input| {
    let mut pairs = pairs(&input.params);
    let key = input.key.0.as_str();
    let name = input.sign_type.text();
    let t = match name.parse::<SignType>() {
        Ok(t) => {
            assert!(name == "MD5" || name == "HMAC-SHA256", "{name:?} parsed");
            assert_eq!(t.as_str(), name);
            t
        }
        Err(e) => {
            assert!(name != "MD5" && name != "HMAC-SHA256");
            assert_eq!(e, Error::UnsupportedSignType(type_problem(&name)), "{name:?}");
            return;
        }
    };
    let other = if t == SignType::Md5 { SignType::HmacSha256 } else { SignType::Md5 };

    let got = sign(&pairs, key, t);
    assert_eq!(got, expected_sign(&pairs, key, t), "{pairs:?}");
    if let Err(e) = &got {
        assert_no_key(e, key);
    }

    // Verify on the params as given (with whatever `sign` they carry, or one added).
    let mut given_pairs = pairs.clone();
    if let Some(s) = &input.given {
        given_pairs.push(("sign".to_owned(), s.0.clone()));
    }
    let v = verify(&given_pairs, key, t);
    assert_eq!(v, expected_verify(&given_pairs, key, t), "{given_pairs:?}");
    if let Err(e) = &v {
        assert_no_key(e, key);
    }

    let Ok(signature) = got else { return };
    assert!(is_sign_hex(&signature, t), "{signature}");

    // Our own signature verifies, replacing whatever `sign` was there.
    pairs.retain(|(n, _)| n != "sign");
    pairs.push(("sign".to_owned(), signature.clone()));
    assert_eq!(verify(&pairs, key, t), Ok(true));
    assert_eq!(verify(&pairs, key, other), Ok(false), "the other sign type");
    let other_key = format!("{key}0");
    assert_eq!(verify(&pairs, &other_key, t), Ok(false), "another key");

    let last = pairs.len() - 1;
    // One changed character of the signature.
    let mut forged = pairs.clone();
    let i = usize::from(input.at) % signature.len();
    let mut bytes = signature.clone().into_bytes();
    bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
    forged[last].1 = String::from_utf8(bytes).unwrap();
    assert_eq!(verify(&forged, key, t), Ok(false));
    // Lowercase hex is refused: WeChat signs in uppercase.
    if signature.bytes().any(|b| b.is_ascii_alphabetic()) {
        forged[last].1 = signature.to_ascii_lowercase();
        assert_eq!(verify(&forged, key, t), Ok(false));
    }
    // One changed character of any signed value.
    let signed: Vec<usize> = (0..last).filter(|&j| !pairs[j].1.is_empty()).collect();
    if !signed.is_empty() {
        let j = signed[usize::from(input.at) % signed.len()];
        let mut changed = pairs.clone();
        changed[j].1 = change_one_char(&changed[j].1, usize::from(input.at));
        assert_eq!(verify(&changed, key, t), Ok(false), "{:?} changed", pairs[j]);
        // A signed value left out.
        let mut dropped = pairs.clone();
        dropped[j].1.clear();
        assert_eq!(verify(&dropped, key, t), Ok(false), "{:?} emptied", pairs[j]);
    }
    // A value added under a new name.
    if !pairs.iter().any(|(n, _)| n == "zz_extra") {
        let mut added = pairs.clone();
        added.push(("zz_extra".to_owned(), "1".to_owned()));
        assert_eq!(verify(&added, key, t), Ok(false));
    }
});
