//! The Node and browser boundary (`wasm/web/src/lib.rs`) in a real engine, with real
//! JavaScript values, against the shared vectors: `wasm-pack test --node wasm/web`,
//! and in headless Chromium with `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome wasm/web`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, BigInt, JsString, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use wxpay_wasm_web as web;

const DEMO_KEY: &str = "demoKeyNotARealMerchantKey000000";

fn cases(json: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(json).unwrap()["cases"].as_array().unwrap().clone()
}

/// A plain JavaScript object of `pairs`.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (name, value) in pairs {
        Reflect::set(&o, &(*name).into(), value).unwrap();
    }
    o.into()
}

fn get(o: &JsValue, name: &str) -> JsValue {
    Reflect::get(o, &name.into()).unwrap()
}

fn text(o: &JsValue, name: &str) -> String {
    get(o, name).as_string().unwrap_or_else(|| panic!("{name} is a string"))
}

/// The `code` of a thrown error, which must be an `Error`.
fn code(e: JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "errors are Error objects");
    text(&e, "code")
}

fn s(v: &str) -> JsValue {
    v.into()
}

/// `payParamsLines` made into the object, as src/js/api.js makes it.
fn pay_params(request: JsValue) -> Result<JsValue, JsValue> {
    let lines = web::pay_params_lines(request)?;
    let values: Vec<&str> = lines.split('\n').collect();
    let names = ["timeStamp", "nonceStr", "package", "signType", "paySign"];
    assert_eq!(values.len(), names.len(), "one line per parameter");
    Ok(object(&names.iter().zip(values).map(|(n, v)| (*n, s(v))).collect::<Vec<_>>()))
}

#[wasm_bindgen_test]
fn sign_vectors_with_values_as_json_has_them() {
    let cases = cases(include_str!("../../../tests/vectors/sign.json"));
    assert!(cases.len() >= 20);
    for c in cases {
        let params = Object::new();
        for p in c["params"].as_array().unwrap() {
            // Numbers in the vectors go in as JavaScript numbers: integers in decimal.
            let value = match &p[1] {
                Value::String(v) => JsValue::from(v.as_str()),
                Value::Number(n) => JsValue::from(n.as_f64().unwrap()),
                other => panic!("unexpected value {other}"),
            };
            Reflect::set(&params, &p[0].as_str().unwrap().into(), &value).unwrap();
        }
        let key = s(c["key"].as_str().unwrap());
        let name = c["name"].as_str().unwrap();
        assert_eq!(web::sign(params.clone().into(), key.clone(), JsValue::UNDEFINED).unwrap(), c["md5"], "{name}");
        assert_eq!(
            web::sign(params.clone().into(), key.clone(), s("HMAC-SHA256")).unwrap(),
            c["hmac_sha256"],
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
fn pay_vectors_give_the_five_parameters() {
    for c in cases(include_str!("../../../tests/vectors/pay.json")) {
        let field = |n: &str| s(c[n].as_str().unwrap());
        let request = object(&[
            ("appId", field("appId")),
            ("prepayId", field("prepayId")),
            ("key", field("key")),
            ("signType", field("signType")),
            ("timeStamp", field("timeStamp")),
            ("nonceStr", field("nonceStr")),
        ]);
        let params = pay_params(request).unwrap();
        let keys: Vec<String> = Object::keys(params.unchecked_ref()).iter().map(|k| k.as_string().unwrap()).collect();
        assert_eq!(keys, ["timeStamp", "nonceStr", "package", "signType", "paySign"]);
        for name in keys {
            assert_eq!(text(&params, &name), c["expected"][&name], "{} {name}", c["name"]);
        }
    }
}

#[wasm_bindgen_test]
fn pay_defaults_md5_a_fresh_nonce_and_the_clock() {
    let request = object(&[("appId", s("wx1")), ("prepayId", s("wx2")), ("key", s(DEMO_KEY))]);
    let a = pay_params(request.clone()).unwrap();
    let b = pay_params(request).unwrap();
    assert_eq!(text(&a, "signType"), "MD5");
    assert_eq!(text(&a, "package"), "prepay_id=wx2");
    assert_eq!(text(&a, "timeStamp").len(), 10);
    assert!(text(&a, "timeStamp").parse::<f64>().unwrap() * 1000.0 <= js_sys::Date::now());
    assert_eq!(text(&a, "nonceStr").len(), 32);
    assert_ne!(text(&a, "nonceStr"), text(&b, "nonceStr"));
    // A time stamp may come as a number; it leaves as a string.
    let given = object(&[
        ("appId", s("wx1")),
        ("prepayId", s("wx2")),
        ("key", s(DEMO_KEY)),
        ("timeStamp", 1_700_000_000.into()),
    ]);
    assert_eq!(text(&pay_params(given).unwrap(), "timeStamp"), "1700000000");
}

#[wasm_bindgen_test]
fn values_strings_safe_integers_bigints_and_left_out_empties() {
    let sign = |params: JsValue| web::sign(params, s(DEMO_KEY), JsValue::UNDEFINED);
    let plain = sign(object(&[("total_fee", s("100")), ("body", s("x"))])).unwrap();
    assert_eq!(sign(object(&[("total_fee", 100.into()), ("body", s("x"))])).unwrap(), plain);
    assert_eq!(sign(object(&[("total_fee", BigInt::from(100).into()), ("body", s("x"))])).unwrap(), plain);
    let with_empties = object(&[
        ("total_fee", s("100")),
        ("body", s("x")),
        ("a", JsValue::NULL),
        ("b", JsValue::UNDEFINED),
        ("c", s("")),
    ]);
    assert_eq!(sign(with_empties).unwrap(), plain);
    // Object.create(null) is a plain object too.
    let bare = Object::create(&JsValue::NULL.into());
    Reflect::set(&bare, &"total_fee".into(), &s("100")).unwrap();
    Reflect::set(&bare, &"body".into(), &s("x")).unwrap();
    assert_eq!(sign(bare.into()).unwrap(), plain);
}

#[wasm_bindgen_test]
fn verify_takes_the_sign_field() {
    let mut pairs = vec![("return_code", s("SUCCESS")), ("total_fee", 1.into())];
    let sign = web::sign(object(&pairs), s(DEMO_KEY), s("HMAC-SHA256")).unwrap();
    pairs.push(("sign", s(&sign)));
    assert!(web::verify(object(&pairs), s(DEMO_KEY), s("HMAC-SHA256")).unwrap());
    assert!(!web::verify(object(&pairs), s(DEMO_KEY), JsValue::UNDEFINED).unwrap());
    pairs[1].1 = 100.into();
    assert!(!web::verify(object(&pairs), s(DEMO_KEY), s("HMAC-SHA256")).unwrap());
}

#[wasm_bindgen_test]
fn bad_input_throws_the_stable_code_and_never_the_key() {
    let lone: JsValue = JsString::from_char_code1(0xD800).into();
    let pay = |pairs: &[(&str, JsValue)]| {
        let mut all = vec![("appId", s("wx1")), ("prepayId", s("wx2")), ("key", s(DEMO_KEY))];
        for (name, value) in pairs {
            all.retain(|(n, _)| n != name);
            all.push((name, value.clone()));
        }
        pay_params(object(&all)).map(|_| ())
    };
    let sign = |params: JsValue, key: JsValue| web::sign(params, key, JsValue::UNDEFINED).map(|_| ());
    let one = |v: JsValue| object(&[("a", v)]);
    let bad = [
        (pay_params(s("wx1")).map(|_| ()), "InvalidValue"),
        (pay_params(JsValue::NULL).map(|_| ()), "InvalidValue"),
        (pay(&[("appId", JsValue::UNDEFINED)]), "MissingAppId"),
        (pay(&[("appId", 3.into())]), "InvalidAppId"),
        (pay(&[("prepayId", JsValue::NULL)]), "MissingPrepayId"),
        (pay(&[("key", s(""))]), "InvalidKey"),
        (pay(&[("key", lone.clone())]), "InvalidKey"),
        (pay(&[("signType", s("md5"))]), "UnsupportedSignType"),
        (pay(&[("signType", 5.into())]), "UnsupportedSignType"),
        (pay(&[("timeStamp", s("1700000000000"))]), "InvalidTimeStamp"),
        (pay(&[("timeStamp", 1.5.into())]), "InvalidTimeStamp"),
        (pay(&[("nonceStr", s(&"x".repeat(33)))]), "NonceTooLong"),
        (pay(&[("nonceStr", s("a-b"))]), "InvalidNonce"),
        (sign(Array::new().into(), s(DEMO_KEY)), "InvalidValue"),
        (sign(js_sys::Date::new_0().into(), s(DEMO_KEY)), "InvalidValue"),
        (sign(one(1.5.into()), s(DEMO_KEY)), "InvalidValue"),
        (sign(one(true.into()), s(DEMO_KEY)), "InvalidValue"),
        (sign(one(lone.clone()), s(DEMO_KEY)), "InvalidValue"),
        (sign(object(&[("a=b", s("1"))]), s(DEMO_KEY)), "InvalidName"),
        (sign(one(s("1")), JsValue::UNDEFINED), "InvalidKey"),
        (sign(one(s("1")), s("")), "InvalidKey"),
        (web::verify(one(s("1")), s(DEMO_KEY), JsValue::UNDEFINED).map(|_| ()), "MissingSign"),
        (web::nonce(33.into()).map(|_| ()), "NonceTooLong"),
        (web::nonce(0.into()).map(|_| ()), "InvalidNonce"),
        (web::nonce(s("8")).map(|_| ()), "InvalidNonce"),
    ];
    for (result, expected) in bad {
        let e = result.expect_err(expected);
        let message = text(&e, "message");
        assert!(!message.contains(DEMO_KEY), "{message}");
        assert!(!message.is_empty());
        assert_eq!(code(e), expected, "{message}");
    }
    // Still working afterwards.
    assert_eq!(web::sign(one(s("1")), s(DEMO_KEY), JsValue::UNDEFINED).unwrap().len(), 32);
    // A field with no value is left out before any check, even under a name that is not text.
    let signed = web::sign(one(s("1")), s(DEMO_KEY), JsValue::UNDEFINED).unwrap();
    for empty in [JsValue::UNDEFINED, JsValue::NULL, s("")] {
        let params = one(s("1"));
        Reflect::set(&params, &lone, &empty).unwrap();
        assert_eq!(web::sign(params, s(DEMO_KEY), JsValue::UNDEFINED).unwrap(), signed);
    }
    let params = one(s("1"));
    Reflect::set(&params, &lone, &s("x")).unwrap();
    assert_eq!(code(web::sign(params, s(DEMO_KEY), JsValue::UNDEFINED).unwrap_err()), "InvalidName");
}

/// An object whose `name` is a getter that throws.
fn throwing_getter(name: &str, base: &[(&str, JsValue)]) -> JsValue {
    let o = object(base);
    let descriptor = Object::new();
    let thrower = js_sys::Function::new_no_args("throw new Error('getter says no')");
    Reflect::set(&descriptor, &"get".into(), &thrower).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &true.into()).unwrap();
    Object::define_property(o.unchecked_ref(), &name.into(), &descriptor);
    o
}

#[wasm_bindgen_test]
fn throwing_getters_and_proxy_traps_are_errors_and_the_module_keeps_working() {
    let pay = |field: &str| {
        let base = [("appId", s("wx1")), ("prepayId", s("wx2")), ("key", s(DEMO_KEY))];
        pay_params(throwing_getter(field, &base)).map(|_| ()).unwrap_err()
    };
    for (field, expected) in [
        ("appId", "InvalidAppId"),
        ("prepayId", "InvalidPrepayId"),
        ("key", "InvalidKey"),
        ("signType", "UnsupportedSignType"),
        ("timeStamp", "InvalidTimeStamp"),
        ("nonceStr", "InvalidNonce"),
    ] {
        let e = pay(field);
        assert!(text(&e, "message").contains("getter says no"));
        assert_eq!(code(e), expected);
    }
    let e = web::sign(throwing_getter("total_fee", &[]), s(DEMO_KEY), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code(e), "InvalidValue");
    // A Proxy whose ownKeys trap throws, and one whose getPrototypeOf trap throws.
    for trap in ["ownKeys", "getPrototypeOf"] {
        let handler = Object::new();
        Reflect::set(&handler, &trap.into(), &js_sys::Function::new_no_args("throw new Error('trap')")).unwrap();
        let proxy = js_sys::Proxy::new(&Object::new(), &handler);
        let e = web::sign(proxy.into(), s(DEMO_KEY), JsValue::UNDEFINED).unwrap_err();
        assert_eq!(code(e), "InvalidValue", "{trap}");
    }
    // Still working afterwards.
    assert_eq!(web::sign(object(&[("a", s("1"))]), s(DEMO_KEY), JsValue::UNDEFINED).unwrap().len(), 32);
    let request = object(&[("appId", s("wx1")), ("prepayId", s("wx2")), ("key", s(DEMO_KEY))]);
    assert_eq!(text(&pay_params(request).unwrap(), "paySign").len(), 32);
}

#[wasm_bindgen_test]
fn nonces_are_letters_and_digits_of_the_asked_length_and_never_run_dry() {
    assert_eq!(web::nonce(JsValue::UNDEFINED).unwrap().len(), 32);
    for n in 1..=32u32 {
        let nonce = web::nonce(n.into()).unwrap();
        assert_eq!(nonce.len(), n as usize);
        assert!(nonce.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
    // Synchronous randomness: a burst the mini-program pool would not survive.
    let request = object(&[("appId", s("wx1")), ("prepayId", s("wx2")), ("key", s(DEMO_KEY))]);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..2000 {
        assert!(seen.insert(text(&pay_params(request.clone()).unwrap(), "nonceStr")));
    }
}

/// API v3 (the Node build's feature): the core's field rules in its order, and the
/// signature the host's RSA gives, in base64.
#[cfg(feature = "v3")]
#[wasm_bindgen_test]
fn v3_pay_params_are_the_cores_rules_in_its_order() {
    use web::v3::pay_params;
    let u = JsValue::UNDEFINED;
    let signer = js_sys::Function::new_with_args("message", "return new Uint8Array([251, 255, message.length])");
    let lines = pay_params(s("wx1"), s("prepay_id=wx2"), 1_700_000_000.into(), s("abc"), &signer).unwrap();
    // wx1\n1700000000\nabc\nprepay_id=wx2\n is 33 bytes: [251, 255, 33] in base64.
    assert_eq!(lines, "1700000000\nabc\nprepay_id=wx2\n+/8h");
    let bad = |app: JsValue, prepay: JsValue, ts: JsValue, nonce: JsValue| {
        code(pay_params(app, prepay, ts, nonce, &signer).unwrap_err())
    };
    // Types before rules; then appId, prepayId, timeStamp, nonceStr.
    assert_eq!(bad(s(""), 5.into(), s("x"), s("-")), "InvalidPrepayId");
    assert_eq!(bad(s(""), s(""), s("x"), s("-")), "MissingAppId");
    assert_eq!(bad(s("wx1"), s("prepay_id="), s("x"), s("-")), "MissingPrepayId");
    assert_eq!(bad(s("wx1"), s("wx2"), s("1700000000000"), s("-")), "InvalidTimeStamp");
    assert_eq!(bad(s("wx1"), s("wx2"), u.clone(), s("a-b")), "InvalidNonce");
    // A host signer that throws is a key OpenSSL cannot use.
    let throws = js_sys::Function::new_with_args("message", "throw new Error('no')");
    let refused = pay_params(s("wx1"), s("wx2"), u.clone(), u, &throws).unwrap_err();
    assert_eq!(code(refused), "InvalidPrivateKey");
}

/// `payParamsFromText` as src/js/api.js calls it: the fields joined in `requestTextBuffer`, each one's length in
/// UTF-16 code units or -1 when left out.
fn pay_params_from_text(fields: [Option<&str>; 6]) -> Result<Option<String>, JsValue> {
    let joined: String = fields.iter().flatten().copied().collect();
    web::request_text_buffer(joined.len()).copy_from(joined.as_bytes());
    let [a, p, k, t, ts, n] = fields.map(|f| f.map_or(-1, |f| f.encode_utf16().count() as i32));
    web::pay_params_from_text(joined.len(), a, p, k, t, ts, n)
}

#[wasm_bindgen_test]
fn a_request_of_strings_as_one_text_answers_as_the_object_does() {
    let names = ["appId", "prepayId", "key", "signType", "timeStamp", "nonceStr"];
    let mut requests: Vec<[Option<String>; 6]> = cases(include_str!("../../../tests/vectors/pay.json"))
        .iter()
        .map(|c| names.map(|n| c[n].as_str().map(str::to_owned)))
        .collect();
    let base = ["wx1", "wx2", DEMO_KEY, "MD5", "1700000000", "abc"].map(|v| Some(v.to_owned()));
    // Text that is not ASCII (2-, 3- and 4-byte UTF-8, a surrogate pair in UTF-16) moves the
    // boundaries between the fields; the rest are the core's errors, each in its place.
    for (field, value) in [
        (2, Some("密钥é😀kéy")),
        (0, Some("wx😀")),
        (1, Some("")),
        (0, Some("")),
        (2, Some("")),
        (2, Some("a\nb")),
        (3, Some("HMAC-SHA256")),
        (3, Some("md5")),
        (3, Some("")),
        (3, None),
        (4, Some("17e8")),
        (4, Some("")),
        (5, Some("a-b")),
        (5, Some("")),
        (5, Some(&"x".repeat(33))),
    ] {
        let mut request = base.clone();
        request[field] = value.map(str::to_owned);
        requests.push(request);
    }
    for request in requests {
        let fields = request.each_ref().map(Option::as_deref);
        let object = object(&names.iter().zip(fields).filter_map(|(n, v)| Some((*n, s(v?)))).collect::<Vec<_>>());
        let as_object = web::pay_params_lines(object);
        match (pay_params_from_text(fields), as_object) {
            (Ok(Some(from_text)), Ok(lines)) => assert_eq!(from_text, lines, "{fields:?}"),
            (Err(a), Err(b)) => {
                assert_eq!((code(a.clone()), text(&a, "message")), (code(b.clone()), text(&b, "message")), "{fields:?}")
            }
            (a, b) => panic!("{fields:?}: {a:?} as text, {b:?} as an object"),
        }
    }
    // U+FFFD may stand for a lone surrogate, which only the object can tell: left to it.
    let replaced = ["wx1", "wx2", "k\u{FFFD}", "MD5", "1700000000", "abc"].map(Some);
    assert_eq!(pay_params_from_text(replaced).unwrap(), None);
}
