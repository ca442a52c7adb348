//! The exported boundary (`wasm/miniprogram/src/lib.rs`) inside a real browser engine (headless
//! Chromium via `wasm-pack test --headless --chrome`), against the shared vectors.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::*;
use wxpay_wasm_miniprogram as wasm;

wasm_bindgen_test_configure!(run_in_browser);

const DEMO_KEY: &str = "demoKeyNotARealMerchantKey000000";

fn cases(json: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(json).unwrap()["cases"].as_array().unwrap().clone()
}

fn value_text(v: &Value) -> String {
    v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())
}

/// The scratch, `len` bytes of it.
fn scratch(len: usize) -> &'static mut [u8] {
    let address = wasm::scratch(len as u32);
    // SAFETY: scratch returned at least `len` bytes of this module's memory, and nothing
    // else touches them until the next call, which this test makes itself.
    unsafe { std::slice::from_raw_parts_mut(address, len) }
}

/// A call's result as the shim reads it: the ASCII answer at `at`, or the error's code
/// from the generated wire.js (its n-th entry is error n).
fn answer(result: i32, at: usize) -> Result<String, String> {
    if result < 0 {
        let wire = include_str!("../../../src/js/generated/wire.js");
        let entries: Vec<&str> = wire.lines().filter(|l| l.starts_with("  ['")).collect();
        let entry = entries[(-result) as usize - 1];
        return Err(entry[4..].split('\'').next().unwrap().to_owned());
    }
    Ok(String::from_utf8(scratch(at + result as usize)[at..].to_vec()).unwrap())
}

/// buildPayParams as the shim calls it. → `timeStamp&nonceStr&paySign&<1: prefixed>`, or the code.
fn pay(
    app_id: &str,
    prepay_id: &str,
    key: &str,
    sign_type: &str,
    time_stamp: Option<&str>,
    nonce_str: Option<&str>,
    now: u32,
) -> Result<String, String> {
    let fields = [Some(app_id), Some(prepay_id), Some(key), Some(sign_type), time_stamp, nonce_str];
    let input: usize = fields.iter().flatten().map(|f| f.len()).sum();
    let buf = scratch(input + 256);
    let mut at = 0;
    let mut lengths = [-1i32; 6];
    for (length, field) in lengths.iter_mut().zip(fields) {
        if let Some(f) = field {
            buf[at..at + f.len()].copy_from_slice(f.as_bytes());
            *length = f.len() as i32;
            at += f.len();
        }
    }
    let [a, p, k, s, t, n] = lengths;
    let result = wasm::build_pay_params(a, p, k, s, t, n, now);
    assert!(scratch(at)[..at].iter().all(|&b| b == 0), "the input, key included, is wiped, error or not");
    answer(result, at)
}

/// sign or verify as the shim calls them: the pairs' byte lengths, key, signType, the pairs.
fn signed(
    export: fn(u32, u32, u32, u32) -> i32,
    pairs: &[(String, String)],
    key: &str,
    sign_type: &str,
) -> Result<String, String> {
    let mut input: Vec<u8> = Vec::new();
    for (name, value) in pairs {
        input.extend((name.len() as u32).to_le_bytes());
        input.extend((value.len() as u32).to_le_bytes());
    }
    input.extend(key.as_bytes());
    input.extend(sign_type.as_bytes());
    for (name, value) in pairs {
        input.extend(name.as_bytes());
        input.extend(value.as_bytes());
    }
    scratch(input.len() + 256)[..input.len()].copy_from_slice(&input);
    let result = export(pairs.len() as u32, key.len() as u32, sign_type.len() as u32, input.len() as u32);
    assert!(scratch(input.len()).iter().all(|&b| b == 0), "the input, key included, is wiped");
    answer(result, input.len())
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|&(n, v)| (n.to_owned(), v.to_owned())).collect()
}

fn fill_pool(bytes: usize) {
    let random: Vec<u8> = (0..bytes).map(|i| (i * 151 % 248) as u8).collect();
    scratch(bytes).copy_from_slice(&random);
    wasm::add_entropy(bytes as u32);
}

fn nonce(len: u32) -> Result<String, String> {
    answer(wasm::nonce(len), 0)
}

#[wasm_bindgen_test]
fn sign_vectors_through_the_boundary() {
    let cases = cases(include_str!("../../../tests/vectors/sign.json"));
    assert!(cases.len() >= 20);
    for c in cases {
        let pairs: Vec<(String, String)> = c["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_owned(), value_text(&p[1])))
            .collect();
        let key = c["key"].as_str().unwrap();
        assert_eq!(signed(wasm::sign, &pairs, key, "MD5").unwrap(), c["md5"], "{}", c["name"]);
        assert_eq!(signed(wasm::sign, &pairs, key, "HMAC-SHA256").unwrap(), c["hmac_sha256"], "{}", c["name"]);
    }
}

#[wasm_bindgen_test]
fn pay_vectors_through_the_boundary() {
    for c in cases(include_str!("../../../tests/vectors/pay.json")) {
        let s = |name: &str| c[name].as_str().unwrap().to_owned();
        let answer =
            pay(&s("appId"), &s("prepayId"), &s("key"), &s("signType"), Some(&s("timeStamp")), Some(&s("nonceStr")), 0)
                .unwrap();
        // timeStamp&nonceStr&paySign&(1: package is prepay_id= and the id; 0: the id is the package).
        let e = &c["expected"];
        let prefixed = if e["package"] == c["prepayId"] { "0" } else { "1" };
        let expected = [
            e["timeStamp"].as_str().unwrap(),
            e["nonceStr"].as_str().unwrap(),
            e["paySign"].as_str().unwrap(),
            prefixed,
        ]
        .join("&");
        assert_eq!(answer, expected, "{}", c["name"]);
    }
}

#[wasm_bindgen_test]
fn verify_through_the_boundary() {
    let mut pairs = owned(&[("return_code", "SUCCESS"), ("total_fee", "1")]);
    let sign = signed(wasm::sign, &pairs, DEMO_KEY, "HMAC-SHA256").unwrap();
    pairs.push(("sign".to_owned(), sign));
    assert_eq!(signed(wasm::verify, &pairs, DEMO_KEY, "HMAC-SHA256").unwrap(), "1");
    assert_eq!(signed(wasm::verify, &pairs, DEMO_KEY, "MD5").unwrap(), "0");
    pairs[1].1 = "100".to_owned();
    assert_eq!(signed(wasm::verify, &pairs, DEMO_KEY, "HMAC-SHA256").unwrap(), "0");
}

#[wasm_bindgen_test]
fn errors_cross_as_numbers_of_wire_js_and_the_module_keeps_working() {
    let bad = [
        (pay("", "wx1", DEMO_KEY, "MD5", None, None, 1_700_000_000), "MissingAppId"),
        (pay("wx1", "wx1", "", "MD5", None, None, 1_700_000_000), "InvalidKey"),
        (pay("wx1", "wx1", DEMO_KEY, "md5", None, None, 1_700_000_000), "UnsupportedSignType"),
        (pay("wx1", "wx1", DEMO_KEY, "MD5", Some("1700000000000"), None, 0), "InvalidTimeStamp"),
        (pay("wx1", "wx1", DEMO_KEY, "MD5", None, Some(&"x".repeat(33)), 1_700_000_000), "NonceTooLong"),
        (answer(wasm::sign(1, 0, 3, 12), 12), "InvalidValue"), // lengths that do not fit
        (signed(wasm::sign, &owned(&[("a=b", "1")]), DEMO_KEY, "MD5"), "InvalidName"),
        (signed(wasm::verify, &owned(&[("a", "1")]), DEMO_KEY, "MD5"), "MissingSign"),
    ];
    for (result, expected) in bad {
        assert_eq!(result.expect_err(expected), expected);
    }
    // Still working afterwards.
    assert_eq!(signed(wasm::sign, &owned(&[("a", "1")]), DEMO_KEY, "MD5").unwrap().len(), 32);
}

#[wasm_bindgen_test]
fn nonces_come_from_the_pool_each_byte_once_and_a_dry_pool_is_an_error() {
    // Drain whatever earlier tests left.
    while wasm::entropy_available() >= 1 {
        if nonce(1).is_err() {
            break;
        }
    }
    assert_eq!(nonce(32).unwrap_err(), "RandomUnavailable");
    let dry = pay("wx1", "wx1", DEMO_KEY, "MD5", None, None, 1_700_000_000);
    assert_eq!(dry.unwrap_err(), "RandomUnavailable");

    fill_pool(64);
    let before = wasm::entropy_available();
    let n = nonce(32).unwrap();
    assert_eq!(n.len(), 32);
    assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert!(before - wasm::entropy_available() >= 32, "each character uses at least one new byte");
    // A given nonce uses no randomness.
    let left = wasm::entropy_available();
    pay("wx1", "wx1", DEMO_KEY, "MD5", None, Some("abc"), 1_700_000_000).unwrap();
    assert_eq!(wasm::entropy_available(), left);
}
