//! Loads the shared vectors in `tests/vectors/`, which `reference.py` derives
//! independently (Python's hashlib/hmac).
#![allow(dead_code)] // each test crate uses a part of this module

use serde_json::Value;

pub struct SignCase {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub key: String,
    pub canonical: String,
    pub md5: String,
    pub hmac_sha256: String,
}

pub struct PayCase {
    pub name: String,
    pub fields: Value,
    pub expected: Value,
}

fn load(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path);
    doc["cases"].as_array().expect("cases").clone()
}

fn text(v: &Value) -> String {
    v.as_str().expect("string").to_owned()
}

/// A JSON integer goes in as its decimal string, as the JS package and WeChat do.
fn param_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        other => panic!("vector value must be a string or an integer: {other}"),
    }
}

pub fn sign_cases() -> Vec<SignCase> {
    load("sign.json")
        .iter()
        .map(|c| SignCase {
            name: text(&c["name"]),
            params: c["params"]
                .as_array()
                .expect("params")
                .iter()
                .map(|pair| (text(&pair[0]), param_value(&pair[1])))
                .collect(),
            key: text(&c["key"]),
            canonical: text(&c["canonical"]),
            md5: text(&c["md5"]),
            hmac_sha256: text(&c["hmac_sha256"]),
        })
        .collect()
}

pub fn pay_cases() -> Vec<PayCase> {
    load("pay.json")
        .iter()
        .map(|c| PayCase { name: text(&c["name"]), fields: c.clone(), expected: c["expected"].clone() })
        .collect()
}
