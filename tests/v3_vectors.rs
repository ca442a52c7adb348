//! The shared API v3 vectors (tests/vectors/v3.json, made and checked by reference.py
//! with Python's `cryptography`), run against `wxpay_wasm::v3`.
#![cfg(feature = "v3")]

use serde_json::Value;
use wxpay_wasm::v3::{self, ApiV3Key, AuthorizationRequest, MerchantPrivateKey, PayRequest, PublicKeys, Resource};

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

/// The outcome as the vectors write it: the value, or `{"error": code}`.
fn outcome<T: Into<Value>>(result: Result<T, v3::Error>) -> Value {
    match result {
        Ok(value) => value.into(),
        Err(e) => serde_json::json!({ "error": e.code() }),
    }
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

/// `publicKeys` names which of `keys` are known, each under its serial.
/// A case's `publicKeys`: key names, each under its own serial, or `[serial name, key name]`.
fn known_keys(doc: &Value, entries: &Value) -> Result<PublicKeys, v3::Error> {
    let mut keys = PublicKeys::new();
    for entry in entries.as_array().unwrap() {
        let (serial, name) = match entry {
            Value::Array(pair) => (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()),
            Value::String(name) if name == "wechatpayPublicKey" => ("wechatpayPublicKeyId", name.as_str()),
            Value::String(name) if name == "platformCertificate" => ("platformSerialNo", name.as_str()),
            other => panic!("unknown key entry {other}"),
        };
        keys.insert(s(&doc["keys"], serial), s(&doc["keys"], name))?;
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
        assert_eq!(outcome(result.map(|()| true)), c["expected"], "{}", c["name"]);
        if let Some(code) = c["expected"]["error"].as_str() {
            refused.insert(code);
        }
    }
    // Every way to refuse is exercised by the shared vectors.
    let all = [
        "CertificateExpired",
        "CertificateSerialMismatch",
        "InvalidSignature",
        "MissingHeader",
        "SignatureProbe",
        "TimestampOutOfWindow",
        "UnknownSerial",
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
        let resource = Resource {
            algorithm: s(r, "algorithm"),
            ciphertext: s(r, "ciphertext"),
            nonce: s(r, "nonce"),
            associated_data: r["associated_data"].as_str().unwrap_or(""),
        };
        let key = c["apiV3Key"].as_str().unwrap_or_else(|| s(&doc["keys"], "apiV3Key"));
        let result = ApiV3Key::new(key).and_then(|key| v3::decrypt_resource(&resource, &key));
        assert_eq!(outcome(result), c["expected"], "{}", c["name"]);
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
        assert_eq!(outcome(result), c["expected"], "{}", c["name"]);
    }
    for c in auth {
        let request = authorization_request(c, &key);
        assert_eq!(outcome(v3::authorization(&request, || unreachable!())), c["expected"], "{}", c["name"]);
    }
}
