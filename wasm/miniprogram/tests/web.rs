//! The exported boundary (`wasm/miniprogram/src/lib.rs`) inside a real browser engine (headless
//! Chromium via `wasm-pack test --headless --chrome`), against the shared vectors.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::JsValue;
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

/// Packs pairs as the shim does: concatenated, with UTF-16 lengths.
fn pack(pairs: &[(String, String)]) -> (String, Vec<u32>) {
    let mut joined = String::new();
    let mut lengths = Vec::new();
    for (name, value) in pairs {
        for part in [name, value] {
            joined.push_str(part);
            lengths.push(part.encode_utf16().count() as u32);
        }
    }
    (joined, lengths)
}

/// buildPayParams as the shim calls it: the fields written into the module's
/// scratch, the answer read back from there. → the answer, or "Code:message".
fn pay(
    app_id: &str,
    prepay_id: &str,
    key: &str,
    sign_type: &str,
    time_stamp: Option<&str>,
    nonce_str: Option<&str>,
    now: u32,
) -> Result<String, JsValue> {
    let fields = [Some(app_id), Some(prepay_id), Some(key), Some(sign_type), time_stamp, nonce_str];
    let input: usize = fields.iter().flatten().map(|f| f.len()).sum();
    let capacity = 2 * input + 320;
    let address = wasm::pay_scratch(capacity as u32);
    // SAFETY: pay_scratch returned `capacity` bytes of this module's memory, and nothing
    // else touches them until the call below.
    let scratch = unsafe { std::slice::from_raw_parts_mut(address, capacity) };
    let mut at = 0;
    let mut lengths = [-1i32; 6];
    for (length, field) in lengths.iter_mut().zip(fields) {
        if let Some(f) = field {
            scratch[at..at + f.len()].copy_from_slice(f.as_bytes());
            *length = f.len() as i32;
            at += f.len();
        }
    }
    let [a, p, k, s, t, n] = lengths;
    let result = wasm::build_pay_params_in_scratch(a as u32, p as u32, k as u32, s as u32, t, n, now);
    let key_at = app_id.len() + prepay_id.len();
    assert!(scratch[key_at..key_at + key.len()].iter().all(|&b| b == 0), "the key is wiped, error or not");
    assert_eq!(&scratch[..app_id.len()], app_id.as_bytes(), "only the key is wiped");
    if result < 0 {
        return Err(JsValue::from(wasm::error_text((-result) as u32)));
    }
    Ok(String::from_utf8(scratch[at..at + result as usize].to_vec()).unwrap())
}

/// "Code:message" → Code.
fn code(e: JsValue) -> String {
    let text = e.as_string().expect("errors cross as strings");
    text.split(':').next().unwrap().to_owned()
}

fn fill_pool(bytes: usize) {
    let random: Vec<u8> = (0..bytes).map(|i| (i * 151 % 248) as u8).collect();
    wasm::add_entropy(&random);
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
        let (joined, lengths) = pack(&pairs);
        let key = c["key"].as_str().unwrap();
        assert_eq!(wasm::sign(&joined, &lengths, key.into(), "MD5").unwrap(), c["md5"], "{}", c["name"]);
        assert_eq!(
            wasm::sign(&joined, &lengths, key.into(), "HMAC-SHA256").unwrap(),
            c["hmac_sha256"],
            "{}",
            c["name"]
        );
    }
}

#[wasm_bindgen_test]
fn pay_vectors_through_the_boundary() {
    for c in cases(include_str!("../../../tests/vectors/pay.json")) {
        let s = |name: &str| c[name].as_str().unwrap().to_owned();
        let answer =
            pay(&s("appId"), &s("prepayId"), &s("key"), &s("signType"), Some(&s("timeStamp")), Some(&s("nonceStr")), 0)
                .unwrap();
        // timeStamp, nonceStr and paySign back to back; the shim adds package and signType.
        let e = &c["expected"];
        let expected: String = ["timeStamp", "nonceStr", "paySign"].iter().map(|f| e[*f].as_str().unwrap()).collect();
        assert_eq!(answer, expected, "{}", c["name"]);
    }
}

#[wasm_bindgen_test]
fn verify_through_the_boundary() {
    let mut pairs = vec![("return_code".to_owned(), "SUCCESS".to_owned()), ("total_fee".to_owned(), "1".to_owned())];
    let (joined, lengths) = pack(&pairs);
    let sign = wasm::sign(&joined, &lengths, DEMO_KEY.into(), "HMAC-SHA256").unwrap();
    pairs.push(("sign".to_owned(), sign));
    let (joined, lengths) = pack(&pairs);
    assert!(wasm::verify(&joined, &lengths, DEMO_KEY.into(), "HMAC-SHA256").unwrap());
    assert!(!wasm::verify(&joined, &lengths, DEMO_KEY.into(), "MD5").unwrap());
    pairs[1].1 = "100".to_owned();
    let (joined, lengths) = pack(&pairs);
    assert!(!wasm::verify(&joined, &lengths, DEMO_KEY.into(), "HMAC-SHA256").unwrap());
}

#[wasm_bindgen_test]
fn errors_cross_as_code_and_message_and_the_module_keeps_working() {
    let bad = [
        (pay("", "wx1", DEMO_KEY, "MD5", None, None, 1_700_000_000), "MissingAppId"),
        (pay("wx1", "wx1", "", "MD5", None, None, 1_700_000_000), "InvalidKey"),
        (pay("wx1", "wx1", DEMO_KEY, "md5", None, None, 1_700_000_000), "UnsupportedSignType"),
        (pay("wx1", "wx1", DEMO_KEY, "MD5", Some("1700000000000"), None, 0), "InvalidTimeStamp"),
        (pay("wx1", "wx1", DEMO_KEY, "MD5", None, Some(&"x".repeat(33)), 1_700_000_000), "NonceTooLong"),
        (wasm::sign("ab", &[1, 5], DEMO_KEY.into(), "MD5").map(|_| String::new()), "InvalidValue"),
        (wasm::sign("a=b", &[2, 1], DEMO_KEY.into(), "MD5").map(|_| String::new()), "InvalidName"),
        (wasm::verify("a1", &[1, 1], DEMO_KEY.into(), "MD5").map(|_| String::new()), "MissingSign"),
    ];
    for (result, expected) in bad {
        let e = result.expect_err(expected);
        let text = e.as_string().unwrap();
        assert!(!text.contains(DEMO_KEY), "{text}");
        assert_eq!(code(e), expected);
    }
    // Still working afterwards.
    let (joined, lengths) = pack(&[("a".to_owned(), "1".to_owned())]);
    assert_eq!(wasm::sign(&joined, &lengths, DEMO_KEY.into(), "MD5").unwrap().len(), 32);
}

#[wasm_bindgen_test]
fn nonces_come_from_the_pool_each_byte_once_and_a_dry_pool_is_an_error() {
    // Drain whatever earlier tests left.
    while wasm::entropy_available() >= 1 {
        if wasm::nonce(1).is_err() {
            break;
        }
    }
    assert_eq!(code(wasm::nonce(32).unwrap_err()), "RandomUnavailable");
    let dry = pay("wx1", "wx1", DEMO_KEY, "MD5", None, None, 1_700_000_000);
    assert_eq!(code(dry.unwrap_err()), "RandomUnavailable");

    fill_pool(64);
    let before = wasm::entropy_available();
    let n = wasm::nonce(32).unwrap();
    assert_eq!(n.len(), 32);
    assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert!(before - wasm::entropy_available() >= 32, "each character uses at least one new byte");
    // A given nonce uses no randomness.
    let left = wasm::entropy_available();
    pay("wx1", "wx1", DEMO_KEY, "MD5", None, Some("abc"), 1_700_000_000).unwrap();
    assert_eq!(wasm::entropy_available(), left);
}
