//! The API v3 call vectors (tests/vectors/v3_calls.json, made by reference.py from
//! WeChat Pay's field tables) run against `wxpay_wasm::v3`: each call's method and path
//! (服务商 and 商家转账 calls too), the fields of orders, refunds and transfer bills refused
//! before sending, which AppID a partner order's page parameters are for, a client's
//! options and the transport's errors.
#![cfg(feature = "v3-rules")]

use serde_json::json;

#[path = "common/calls.rs"]
mod calls;

#[test]
fn every_section() {
    let doc = calls::vectors();
    for section in calls::SECTIONS {
        let cases = doc[section].as_array().unwrap();
        assert!(!cases.is_empty(), "{section} has cases");
        for c in cases {
            let got = calls::outcome(section, c).unwrap_or_else(|e| json!({ "error": e.code() }));
            assert_eq!(got, c["expected"], "{section}/{}", c["name"]);
        }
    }
}
