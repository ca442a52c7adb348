//! The shared API v3 vectors (tests/vectors/v3.json, made and checked by reference.py
//! with Python's `cryptography`), run against `wxpay_wasm::v3`; the message of every
//! refused case is the contract in tests/vectors/v3_messages.json, which the Node
//! package's tests hold to as well. `./build.sh generate` rewrites that file from these
//! outcomes (WXPAY_WRITE_MESSAGES=1); otherwise a message that differs from it fails.
#![cfg(feature = "v3")]

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::Value;
use wxpay_wasm::v3::{
    self, ApiV3Key, AppPayRequest, AuthorizationRequest, MerchantPrivateKey, PayRequest, PublicKeys, Resource,
};

#[path = "common/calls.rs"]
mod calls;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap_or_else(|| panic!("{field} is not a string in {v}"))
}

fn merchant_key(doc: &Value) -> MerchantPrivateKey {
    MerchantPrivateKey::from_pem(s(&doc["keys"], "merchantPrivateKey")).unwrap()
}

/// A payParams case as a request, its time stamp and nonce given.
fn pay_request<'a>(c: &'a Value, key: &'a MerchantPrivateKey) -> PayRequest<'a> {
    PayRequest {
        app_id: s(c, "appId"),
        prepay_id: s(c, "prepayId"),
        private_key: key,
        time_stamp: Some(s(c, "timeStamp")),
        nonce_str: Some(s(c, "nonceStr")),
    }
}

/// An authorization case as a request, its time stamp and nonce given.
fn authorization_request<'a>(c: &'a Value, key: &'a MerchantPrivateKey) -> AuthorizationRequest<'a> {
    AuthorizationRequest {
        mch_id: s(c, "mchId"),
        serial_no: s(c, "serialNo"),
        private_key: key,
        method: s(c, "method"),
        url: s(c, "url"),
        body: s(c, "body").as_bytes(),
        time_stamp: Some(s(c, "timeStamp")),
        nonce_str: Some(s(c, "nonceStr")),
    }
}

/// Each refused case's message, by "section/name", as this run found them.
static MESSAGES: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());

/// The outcome as the vectors write it: the value, or `{"error": code}`; a refusal's
/// message is checked against v3_messages.json.
fn outcome<T: Into<Value>>(section: &str, case: &Value, result: Result<T, v3::Error>) -> Value {
    match result {
        Ok(value) => value.into(),
        Err(e) => {
            let name = format!("{section}/{}", s(case, "name"));
            MESSAGES.lock().unwrap().insert(name.clone(), e.message().to_owned());
            if std::env::var_os("WXPAY_WRITE_MESSAGES").is_none() {
                let on_file = &messages_on_file()[&name];
                assert_eq!(
                    on_file.as_str(),
                    Some(e.message()),
                    "{name}: run ./build.sh generate if the message changed"
                );
            }
            serde_json::json!({ "error": e.code() })
        }
    }
}

const MESSAGES_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3_messages.json");

fn messages_on_file() -> Value {
    let text = std::fs::read_to_string(MESSAGES_PATH).expect("tests/vectors/v3_messages.json: run ./build.sh generate");
    serde_json::from_str::<Value>(&text).unwrap()["messages"].clone()
}

#[test]
fn pay_params() {
    let doc = vectors();
    let key = merchant_key(&doc);
    let cases = doc["payParams"].as_array().unwrap();
    assert!(cases.len() >= 4);
    for c in cases {
        let request = pay_request(c, &key);
        let params = v3::build_pay_params(&request, || unreachable!("the time stamp is given")).unwrap();
        assert_eq!(serde_json::to_value(&params).unwrap(), c["expected"], "{}", c["name"]);
        assert_eq!(params.pay_sign.len(), 344, "RSA 2048 signature in base64");
    }
}

#[test]
fn app_pay_params() {
    let doc = vectors();
    let key = merchant_key(&doc);
    let cases = doc["appPayParams"].as_array().unwrap();
    assert!(cases.len() >= 2);
    for c in cases {
        let request = AppPayRequest {
            app_id: s(c, "appId"),
            mch_id: s(c, "mchId"),
            prepay_id: s(c, "prepayId"),
            time_stamp: Some(s(c, "timeStamp")),
            nonce_str: Some(s(c, "nonceStr")),
        };
        let params = v3::app_pay_params(&request, &key, || unreachable!("the time stamp is given")).unwrap();
        assert_eq!(serde_json::to_value(&params).unwrap(), c["expected"], "{}", c["name"]);
    }
}

#[test]
fn authorization_headers() {
    let doc = vectors();
    let key = merchant_key(&doc);
    let cases = doc["authorization"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for c in cases {
        let request = authorization_request(c, &key);
        assert_eq!(v3::authorization(&request, || unreachable!()).unwrap(), s(c, "expected"), "{}", c["name"]);
    }
}

/// A case's `publicKeys`: key names, each under its own serial, `[serial name, key
/// name]`, or `{"serial": …, "pem": …}` given literally.
fn known_keys(doc: &Value, entries: &Value) -> Result<PublicKeys, v3::Error> {
    let mut keys = PublicKeys::new();
    let named = |name: &str| s(&doc["keys"], name);
    for entry in entries.as_array().unwrap() {
        let (serial, pem) = match entry {
            Value::Object(_) => (s(entry, "serial"), s(entry, "pem")),
            Value::Array(pair) => (named(pair[0].as_str().unwrap()), named(pair[1].as_str().unwrap())),
            Value::String(name) if name == "wechatpayPublicKey" => (named("wechatpayPublicKeyId"), named(name)),
            Value::String(name) if name == "platformCertificate" => (named("platformSerialNo"), named(name)),
            other => panic!("unknown key entry {other}"),
        };
        keys.insert(serial, pem)?;
    }
    Ok(keys)
}

#[test]
fn verify_answers_and_notifications() {
    let doc = vectors();
    let cases = doc["verify"].as_array().unwrap();
    assert!(cases.len() >= 15);
    let mut refused = std::collections::BTreeSet::new();
    for c in cases {
        let headers = c["headers"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap()));
        let result = known_keys(&doc, &c["publicKeys"])
            .and_then(|keys| v3::verify(headers, s(c, "body").as_bytes(), &keys, c["now"].as_u64().unwrap()));
        assert_eq!(outcome("verify", c, result.map(|()| true)), c["expected"], "{}", c["name"]);
        if let Some(code) = c["expected"]["error"].as_str() {
            refused.insert(code);
        }
    }
    // Every way to refuse is exercised by the shared vectors.
    let all = [
        "CertificateExpired",
        "CertificateSerialMismatch",
        "InvalidPublicKey",
        "InvalidSerialNo",
        "InvalidSignature",
        "MissingHeader",
        "RepeatedHeader",
        "SignatureProbe",
        "TimestampOutOfWindow",
        "UnknownSerial",
        "UnsupportedAlgorithm",
    ];
    assert_eq!(refused.into_iter().collect::<Vec<_>>(), all);
}

#[test]
fn decrypt_resources() {
    let doc = vectors();
    let cases = doc["decrypt"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for c in cases {
        let r = &c["resource"];
        // A field left out is empty (the whole notification has none of them).
        let field = |name: &str| r[name].as_str().unwrap_or("");
        let resource = Resource {
            algorithm: field("algorithm"),
            ciphertext: field("ciphertext"),
            nonce: field("nonce"),
            associated_data: field("associated_data"),
        };
        let key = c["apiV3Key"].as_str().unwrap_or_else(|| s(&doc["keys"], "apiV3Key"));
        let result = ApiV3Key::new(key).and_then(|key| v3::decrypt_resource(&resource, &key));
        assert_eq!(outcome("decrypt", c, result), c["expected"], "{}", c["name"]);
    }
}

/// Each refused case breaks one rule and gets that rule's code (the same as Node's).
#[test]
fn refused_inputs() {
    let doc = vectors();
    let key = merchant_key(&doc);
    let pay = doc["payParamsRefused"].as_array().unwrap();
    let auth = doc["authorizationRefused"].as_array().unwrap();
    assert!(pay.len() >= 8 && auth.len() >= 12);
    for c in pay {
        let request = pay_request(c, &key);
        let result = v3::build_pay_params(&request, || unreachable!()).map(|_| Value::Null);
        assert_eq!(outcome("payParamsRefused", c, result), c["expected"], "{}", c["name"]);
    }
    for c in auth {
        let request = authorization_request(c, &key);
        let result = v3::authorization(&request, || unreachable!());
        assert_eq!(outcome("authorizationRefused", c, result), c["expected"], "{}", c["name"]);
    }
}

#[test]
fn private_keys() {
    let doc = vectors();
    let cases = doc["privateKeys"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for c in cases {
        let result = MerchantPrivateKey::from_pem(s(c, "pem")).map(|_| true);
        assert_eq!(outcome("privateKeys", c, result), c["expected"], "{}", c["name"]);
    }
}

/// The refusals of the call vectors (v3_calls.json: fields checked before sending, a
/// client's options, the transport), whose messages the Node client gives too. Their
/// outcomes are tests/v3_calls.rs's; here only the messages are recorded.
#[test]
fn client_refusals() {
    let doc = calls::vectors();
    for section in calls::SECTIONS {
        for c in doc[section].as_array().unwrap() {
            outcome(&format!("v3_calls/{section}"), c, calls::outcome(section, c));
        }
    }
}

/// Runs after every other test of this file has recorded its messages (tests run in
/// parallel: this one runs them itself, then compares or writes the whole file).
#[test]
fn messages_file_is_every_refusal_of_the_vectors() {
    pay_params();
    app_pay_params();
    authorization_headers();
    verify_answers_and_notifications();
    decrypt_resources();
    refused_inputs();
    private_keys();
    client_refusals();
    let messages = MESSAGES.lock().unwrap().clone();
    let doc = serde_json::json!({
        "comment": "Generated by ./build.sh generate from the Rust core (tests/v3_vectors.rs); do not edit. \
                    The message of every refused case of v3.json, by section/name, and of v3_calls.json, by \
                    v3_calls/section/name: Rust and Node give exactly these.",
        "messages": messages,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    if std::env::var_os("WXPAY_WRITE_MESSAGES").is_some() {
        std::fs::write(MESSAGES_PATH, text).unwrap();
    } else {
        let on_file = std::fs::read_to_string(MESSAGES_PATH).unwrap_or_default();
        assert!(
            on_file == text,
            "tests/vectors/v3_messages.json is not every refusal's message: run ./build.sh generate"
        );
    }
}
