//! What fuzzing turned up, kept as tests (fuzz/ holds the targets; fuzz/README.md says
//! how to run them). The Rust core ran clean under cargo-fuzz; the inputs here are the
//! ones that showed something about the contract:
//!
//! - libFuzzer learns the error messages and builds keys and app ids out of them: a key
//!   that happens to be a piece of a fixed message is not a leak, and the key never
//!   reaches `Debug` of a request even when another field contains it;
//! - the JS boundary fuzz (tests/mp/fuzz.test.js) found `requestPayment` refusing a
//!   `package` that `build_pay_params` made (U+FEFF) and taking ones it refuses (NUL,
//!   U+0085, lone surrogates): JavaScript's `\s` is not Rust's `char::is_whitespace`.
//!   The character class the shim must use is pinned here, character by character.
#![cfg(not(target_arch = "wasm32"))]

use wxpay_wasm::{build_pay_params, canonical_string, sign, Error, PayRequest, SignType};

const KEY: &str = "demoKeyNotARealMerchantKey000000"; // a demo key, not a merchant's

fn request<'a>(app_id: &'a str, prepay_id: &'a str, key: &'a str) -> PayRequest<'a> {
    PayRequest {
        app_id,
        prepay_id,
        key,
        sign_type: SignType::Md5,
        time_stamp: Some("1490840662"),
        nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
    }
}

/// fuzz/artifacts/sign_verify (minimised): a key spelled like a piece of the
/// DuplicateName message. The error is the fixed one; nothing of the key is added.
#[test]
fn a_key_made_of_message_text_gets_the_fixed_message() {
    let key = "rameter name appears twic";
    let e = sign([("sign", ""), ("sign", "")], key, SignType::HmacSha256).unwrap_err();
    assert_eq!(e, Error::DuplicateName);
    assert_eq!(e.to_string(), "the same parameter name appears twice");
}

/// fuzz/artifacts/pay_params (minimised): the app id contains the key. The request's
/// `Debug` shows the app id (it is not secret) and still redacts the key field.
#[test]
fn debug_of_a_request_does_not_depend_on_the_key() {
    let r = request("prepay_id=jjjjjjjjjjjjjjjjjjjjjjjjjjjjt\0jjjjjjjjjjjjjjj", "prepay_id=jjjjjj", "jjjjjjjjjjjjj");
    let other = PayRequest { key: "another", ..r };
    assert_eq!(format!("{r:?}"), format!("{other:?}"));
    assert_eq!(build_pay_params(&r, || unreachable!()), Err(Error::InvalidAppId));
}

/// Exactly the characters that a name, an appId or a prepayId may not hold: Unicode
/// White_Space, the Cc controls, '&' and '='. As a JavaScript class (what the shim's
/// `requestPayment` must test `package` with, plus its lone-surrogate check):
/// `[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000&=]`.
const REFUSED: &[(u32, u32)] = &[
    (0x0000, 0x0020),
    (0x007F, 0x00A0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    ('&' as u32, '&' as u32),
    ('=' as u32, '=' as u32),
];

fn refused(c: char) -> bool {
    REFUSED.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)))
}

#[test]
fn names_refuse_exactly_whitespace_controls_ampersand_and_equals() {
    let mut wrong = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let name = format!("a{c}b");
        let got = canonical_string([(name.as_str(), "1")]);
        let expected_refused = refused(c);
        if got.is_err() != expected_refused || got.as_ref().is_err_and(|e| *e != Error::InvalidName) {
            wrong.push(format!("U+{:04X}: {got:?}", c as u32));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} characters disagree with the class: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}

#[test]
fn prepay_id_and_app_id_follow_the_same_class() {
    // Everything in the class, and the characters JavaScript's \s treats differently.
    let mut probes: Vec<char> = REFUSED.iter().flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32)).collect();
    probes.extend(['\u{FEFF}', '\u{200B}', '\u{180E}', '腾', '😀', 'a']);
    for c in probes {
        let id = format!("wx{c}1");
        let pay = build_pay_params(&request("wx1234", &id, KEY), || unreachable!());
        let app = build_pay_params(&request(&id, "wx1", KEY), || unreachable!());
        if refused(c) {
            assert_eq!(pay, Err(Error::InvalidPrepayId), "U+{:04X}", c as u32);
            assert_eq!(app, Err(Error::InvalidAppId), "U+{:04X}", c as u32);
        } else {
            let p = pay.unwrap_or_else(|e| panic!("U+{:04X}: {e:?}", c as u32));
            assert_eq!(p.package, format!("prepay_id={id}"));
            assert!(app.is_ok(), "U+{:04X}", c as u32);
        }
    }
}
