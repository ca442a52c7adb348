//! The shared vectors, run against the Rust core.

mod common;

use wxpay_wasm::{build_pay_params, canonical_string, sign, verify, PayRequest, SignType};

#[test]
fn sign_vectors() {
    let cases = common::sign_cases();
    assert!(cases.len() >= 20, "only {} sign vectors", cases.len());
    for c in &cases {
        assert_eq!(canonical_string(&c.params).unwrap(), c.canonical, "{}", c.name);
        assert_eq!(sign(&c.params, &c.key, SignType::Md5).unwrap(), c.md5, "{}", c.name);
        assert_eq!(sign(&c.params, &c.key, SignType::HmacSha256).unwrap(), c.hmac_sha256, "{}", c.name);
    }
}

#[test]
fn verify_accepts_every_vector_and_refuses_a_changed_one() {
    for c in common::sign_cases() {
        for (sign_type, expected) in [(SignType::Md5, &c.md5), (SignType::HmacSha256, &c.hmac_sha256)] {
            let mut signed: Vec<(String, String)> = c.params.iter().filter(|(k, _)| k != "sign").cloned().collect();
            signed.push(("sign".into(), expected.clone()));
            assert!(verify(&signed, &c.key, sign_type).unwrap(), "{}", c.name);
            signed.push(("zz_extra".into(), "1".into()));
            assert!(!verify(&signed, &c.key, sign_type).unwrap(), "{}", c.name);
        }
    }
}

#[test]
fn pay_vectors() {
    let cases = common::pay_cases();
    assert!(cases.len() >= 6);
    for c in &cases {
        let f = &c.fields;
        let s = |name: &str| f[name].as_str().unwrap();
        let request = PayRequest {
            app_id: s("appId"),
            prepay_id: s("prepayId"),
            key: s("key"),
            sign_type: s("signType").parse().unwrap(),
            time_stamp: Some(s("timeStamp")),
            nonce_str: Some(s("nonceStr")),
        };
        let params = build_pay_params(&request, || unreachable!()).unwrap();
        assert_eq!(serde_json::to_value(&params).unwrap(), c.expected, "{}", c.name);
    }
}

/// wx.requestVirtualPayment's signatures (virtual_payment.json, computed by reference.py).
#[cfg(feature = "v3-rules")]
#[test]
fn virtual_payment_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/virtual_payment.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for c in cases {
        let text = |field: &str| c[field].as_str().unwrap();
        let signed = wxpay_wasm::virtual_payment::sign(text("signData"), text("appKey"), text("sessionKey")).unwrap();
        assert_eq!(signed.sign_data, text("signData"));
        assert_eq!(
            (signed.pay_sig.as_str(), signed.signature.as_str()),
            (text("paySig"), text("signature")),
            "{}",
            text("name")
        );
    }
}
