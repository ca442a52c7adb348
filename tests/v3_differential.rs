//! Rust and Node, side by side on inputs nobody wrote down: the cases of
//! tests/vectors/v3.json, each mutated at random (seeded) the ways integrations get
//! them wrong — header names in another case, repeated or padded values, timestamps at
//! and past the window, serials and signatures altered by a character, re-serialised
//! bodies, PEM text from .env files and chains, resources with another nonce or
//! non-canonical base64. This test gives each mutant the core's outcome (value, or code
//! and message); tests/node/v3-differential.test.js runs this test with
//! WXPAY_DIFFERENTIAL_OUT set, then gives Node the same mutants and wants the same
//! outcomes, byte for byte.
#![cfg(feature = "v3")]

use serde_json::{json, Map, Value};
use wxpay_wasm::v3::{self, ApiV3Key, MerchantPrivateKey, PublicKeys, Resource};

/// SplitMix64: the same mutants on every run and machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// `text` with the character at a random position replaced by `with`.
fn replace_char(r: &mut Random, text: &str, with: &[char]) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return with[0].to_string();
    }
    let at = r.below(chars.len());
    chars.iter().enumerate().map(|(i, &c)| if i == at { *r.pick(with) } else { c }).collect()
}

/// A name in another case: all lower, all upper, or mixed.
fn recase(r: &mut Random, name: &str) -> String {
    match r.below(3) {
        0 => name.to_lowercase(),
        1 => name.to_uppercase(),
        _ => name
            .chars()
            .map(|c| if r.below(2) == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect(),
    }
}

const BASE64_CHARS: &[char] = &['A', 'B', 'Z', 'a', 'z', '0', '9', '+', '/', '-', '_', '=', ' ', '\n'];

/// Ways a base64 value (signature, ciphertext) arrives changed.
fn mutate_base64(r: &mut Random, value: &str) -> String {
    match r.below(9) {
        0 => replace_char(r, value, BASE64_CHARS),
        1 => value.trim_end_matches('=').to_owned(),
        2 => format!("{value}="),
        3 => value.replace('+', "-").replace('/', "_"),
        4 => {
            // The last character before the padding with its unused bits set: not canonical.
            let body = value.trim_end_matches('=');
            let pad = &value[body.len()..];
            match body.chars().last() {
                Some(last) => format!("{}{}{pad}", &body[..body.len() - 1], if last == 'A' { 'B' } else { 'A' }),
                None => value.to_owned(),
            }
        }
        5 => format!("{}\n{}", &value[..value.len() / 2], &value[value.len() / 2..]),
        6 => String::new(),
        7 => value[..value.len() / 3].to_owned(),
        _ => format!(" {value} "),
    }
}

fn mutate_pem(r: &mut Random, pem: &str, others: &[&str]) -> String {
    match r.below(12) {
        0 => pem.replace('\n', "\r\n"),
        1 => pem.lines().map(|l| format!("  {l}\n")).collect(),
        2 => pem.replace('\n', "\\n"),
        3 => format!("\n\n{pem}  \n"),
        4 => pem.trim_end().to_owned(),
        5 => format!("{pem}{}", r.pick(others)),
        6 => (*r.pick(others)).to_owned(),
        7 => {
            let lines: Vec<&str> = pem.lines().collect();
            let at = 1 + r.below(lines.len().saturating_sub(2).max(1));
            lines.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, l)| format!("{l}\n")).collect()
        }
        8 => {
            let lines: Vec<&str> = pem.lines().collect();
            let at = 1 + r.below(lines.len().saturating_sub(2).max(1));
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[at] = replace_char(r, &out[at], BASE64_CHARS);
            out.join("\n") + "\n"
        }
        9 => (*r.pick(&["./apiclient_key.pem", "/etc/wechatpay/cert.pem", "", "undefined", "-----BEGIN"])).to_owned(),
        10 => pem.replacen("-----BEGIN ", "-----BEGIN RSA ", 1),
        _ => pem.to_owned(),
    }
}

/// A verify case's headers as (name, value) pairs, in order.
fn header_pairs(case: &Value) -> Vec<(String, String)> {
    case["headers"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())).collect()
}

fn mutate_headers(r: &mut Random, headers: &mut Vec<(String, String)>, now: u64) {
    let i = r.below(headers.len().max(1)).min(headers.len().saturating_sub(1));
    match r.below(13) {
        0 => headers[i].0 = recase(r, &headers[i].0),
        1 => {
            let copy = (recase(r, &headers[i].0), headers[i].1.clone());
            headers.push(copy);
        }
        2 => {
            let changed = replace_char(r, &headers[i].1, &['0', 'a', 'Z']);
            let copy = (recase(r, &headers[i].0), changed);
            headers.push(copy);
        }
        3 => {
            headers[i].1 =
                format!("{}{}{}", r.pick(&["", " ", "\t", "  "]), headers[i].1, r.pick(&["", " ", "\t", "\r\n"]))
        }
        4 => headers[i].1 = (*r.pick(&["", " ", "\t"])).to_owned(),
        5 => {
            headers.remove(i);
        }
        6 => {
            let stamp = now as i64;
            let value = match r.below(8) {
                0 => (stamp + *r.pick(&[-301, -300, -299, 0, 299, 300, 301, 3600, 2_592_000])).to_string(),
                1 => format!("0{stamp}"),
                2 => format!("{stamp}000"),
                3 => (*r.pick(&["-1", "1.5e9", "", "abc", "99999999999999999999", "9999999999999999999"])).to_owned(),
                4 => "１７６４５９０４００".to_owned(),
                5 => format!("{stamp} "),
                6 => format!("+{stamp}"),
                _ => stamp.to_string(),
            };
            set_header(headers, "Wechatpay-Timestamp", value);
        }
        7 => {
            set_header(headers, "Wechatpay-Nonce", (*r.pick(&["", "n", "随机串", "a b", &"x".repeat(300)])).to_owned())
        }
        8 => {
            let serial = header(headers, "Wechatpay-Serial").unwrap_or_default();
            let value = match r.below(6) {
                0 => serial.to_lowercase(),
                1 => serial.to_uppercase(),
                2 => replace_char(r, &serial, &['0', 'F', 'g']),
                3 => "undefined".to_owned(),
                4 => "PUB_KEY_ID_".to_owned(),
                _ => format!("{serial} "),
            };
            set_header(headers, "Wechatpay-Serial", value);
        }
        9 => {
            let signature = header(headers, "Wechatpay-Signature").unwrap_or_default();
            let value = match r.below(4) {
                0 => format!("WECHATPAY/SIGNTEST/{signature}"),
                1 => format!(" WECHATPAY/SIGNTEST/{signature}"),
                _ => mutate_base64(r, &signature),
            };
            set_header(headers, "Wechatpay-Signature", value);
        }
        10 => {
            let kind =
                *r.pick(&["WECHATPAY2-SHA256-RSA2048", "wechatpay2-sha256-rsa2048", "WECHATPAY2-SM2-WITH-SM3", ""]);
            headers.push((recase(r, "Wechatpay-Signature-Type"), kind.to_owned()));
        }
        11 => headers.push(("Request-ID".to_owned(), "08F78BB5AF0610D302".to_owned())),
        _ => headers.reverse(),
    }
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
}

fn set_header(headers: &mut [(String, String)], name: &str, value: String) {
    if let Some(pair) = headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        pair.1 = value;
    }
}

fn mutate_body(r: &mut Random, body: &str) -> String {
    match r.below(7) {
        0 => replace_char(r, body, &['"', '1', ' ', '中']),
        1 => format!("{body}\n"),
        2 => format!(" {body}"),
        3 => serde_json::from_str::<Value>(body).map(|v| serde_json::to_string_pretty(&v).unwrap()).unwrap_or_default(),
        4 => serde_json::from_str::<Value>(body).map(|v| v.to_string()).unwrap_or_default(),
        5 => String::new(),
        _ => body.replace("prepay_id", "prepay_Id"),
    }
}

/// The outcome as the vectors write it, with the refusal's message (Node must give it verbatim).
fn outcome(result: Result<Value, v3::Error>) -> Value {
    match result {
        Ok(value) => value,
        Err(e) => json!({ "error": e.code(), "message": e.message() }),
    }
}

/// The key set of `{serial, pem}` entries, or the first entry's refusal.
fn key_set(entries: &[Value]) -> Result<PublicKeys, v3::Error> {
    let mut keys = PublicKeys::new();
    for entry in entries {
        keys.insert(entry["serial"].as_str().unwrap(), entry["pem"].as_str().unwrap())?;
    }
    Ok(keys)
}

/// A vectors case's `publicKeys` with every entry written out as `{serial, pem}`.
fn literal_keys(doc: &Value, entries: &Value) -> Vec<Value> {
    let k = &doc["keys"];
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| match entry {
            Value::Object(_) => entry.clone(),
            Value::Array(pair) => {
                json!({ "serial": k[pair[0].as_str().unwrap()], "pem": k[pair[1].as_str().unwrap()] })
            }
            Value::String(name) if name == "wechatpayPublicKey" => {
                json!({ "serial": k["wechatpayPublicKeyId"], "pem": k[name] })
            }
            Value::String(name) => json!({ "serial": k["platformSerialNo"], "pem": k[name.as_str()] }),
            other => panic!("unknown key entry {other}"),
        })
        .collect()
}

fn verify_mutants(doc: &Value, r: &mut Random, count: usize) -> Vec<Value> {
    let bases: Vec<&Value> = doc["verify"].as_array().unwrap().iter().collect();
    let accepted: Vec<&Value> = bases.iter().copied().filter(|c| c["expected"] == true).collect();
    let k = &doc["keys"];
    let pems = [
        k["wechatpayPublicKey"].as_str().unwrap(),
        k["platformCertificate"].as_str().unwrap(),
        k["merchantPrivateKey"].as_str().unwrap(),
        k["merchantPublicKey"].as_str().unwrap(),
    ];
    let mut out = Vec::new();
    for n in 0..count {
        let base = if r.below(10) < 7 { *r.pick(&accepted) } else { *r.pick(&bases) };
        let mut headers = header_pairs(base);
        let mut body = base["body"].as_str().unwrap().to_owned();
        let mut now = base["now"].as_u64().unwrap();
        let mut keys = literal_keys(doc, &base["publicKeys"]);
        for _ in 0..1 + r.below(3) {
            match r.below(10) {
                0..=5 => mutate_headers(r, &mut headers, now),
                6 => body = mutate_body(r, &body),
                7 => now = (now as i64 + *r.pick(&[-301i64, -300, 300, 301, 86_400])) as u64,
                8 if !keys.is_empty() => {
                    let i = r.below(keys.len());
                    let pem = mutate_pem(r, keys[i]["pem"].as_str().unwrap(), &pems);
                    keys[i]["pem"] = pem.into();
                }
                _ if !keys.is_empty() => {
                    let i = r.below(keys.len());
                    let serial = keys[i]["serial"].as_str().unwrap();
                    keys[i]["serial"] = match r.below(3) {
                        0 => serial.to_lowercase(),
                        1 => format!(" {serial}"),
                        _ => "undefined".to_owned(),
                    }
                    .into();
                }
                _ => {}
            }
        }
        // A JSON object holds each name once: a repeat under the very same name is one header.
        let mut object = Map::new();
        for (name, value) in &headers {
            object.entry(name.clone()).or_insert_with(|| value.clone().into());
        }
        let result = key_set(&keys).and_then(|set| {
            let pairs = object.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap()));
            v3::verify(pairs, body.as_bytes(), &set, now).map(|()| Value::Bool(true))
        });
        out.push(json!({
            "name": format!("verify #{n} from {}", base["name"].as_str().unwrap()),
            "headers": object,
            "body": body,
            "now": now,
            "publicKeys": keys,
            "expected": outcome(result),
        }));
    }
    out
}

fn decrypt_mutants(doc: &Value, r: &mut Random, count: usize) -> Vec<Value> {
    let bases: Vec<&Value> = doc["decrypt"].as_array().unwrap().iter().filter(|c| c["expected"].is_string()).collect();
    let api_v3_key = doc["keys"]["apiV3Key"].as_str().unwrap();
    let mut out = Vec::new();
    for n in 0..count {
        let base = *r.pick(&bases);
        let mut resource = base["resource"].as_object().unwrap().clone();
        let mut key = base["apiV3Key"].as_str().unwrap_or(api_v3_key).to_owned();
        // None, one or two changes; extra fields (original_type) are WeChat Pay's own and harmless.
        resource.insert("original_type".to_owned(), "transaction".into());
        for _ in 0..r.below(3) {
            let field = *r.pick(&["algorithm", "ciphertext", "nonce", "associated_data", "key"]);
            let value = match (field, r.below(4)) {
                ("key", 0) => format!("{key}\n"),
                ("key", 1) => key[..31].to_owned(),
                ("key", 2) => format!("{key}0"),
                ("key", _) => replace_char(r, &key, &['é', '0']),
                ("algorithm", _) => {
                    (*r.pick(&["aead_aes_256_gcm", "", "AEAD_AES_256_GCM ", "AEAD_CHACHA20_POLY1305"])).to_owned()
                }
                ("nonce", _) => {
                    (*r.pick(&["fdasflkja48", "fdasflkja4845", "fdasflkja48é", "", "123456789012"])).to_owned()
                }
                ("ciphertext", _) => {
                    mutate_base64(r, resource.get("ciphertext").and_then(Value::as_str).unwrap_or("AAAA"))
                }
                (_, _) => (*r.pick(&["", "transaction ", "refund", "certificate"])).to_owned(),
            };
            match field {
                "key" => key = value,
                _ if r.below(8) == 0 => {
                    resource.remove(field);
                }
                _ => {
                    resource.insert(field.to_owned(), value.into());
                }
            }
        }
        let field = |name: &str| resource.get(name).and_then(Value::as_str).unwrap_or("");
        let given = Resource {
            algorithm: field("algorithm"),
            ciphertext: field("ciphertext"),
            nonce: field("nonce"),
            associated_data: field("associated_data"),
        };
        let result = ApiV3Key::new(&key).and_then(|key| v3::decrypt_resource(&given, &key)).map(Value::String);
        out.push(json!({
            "name": format!("decrypt #{n} from {}", base["name"].as_str().unwrap()),
            "resource": resource,
            "apiV3Key": key,
            "expected": outcome(result),
        }));
    }
    out
}

fn private_key_mutants(doc: &Value, r: &mut Random, count: usize) -> Vec<Value> {
    let k = &doc["keys"];
    let key = k["merchantPrivateKey"].as_str().unwrap();
    let others = [
        k["platformCertificate"].as_str().unwrap(),
        k["merchantPublicKey"].as_str().unwrap(),
        k["wechatpayPrivateKey"].as_str().unwrap(),
    ];
    (0..count)
        .map(|n| {
            let pem = mutate_pem(r, key, &others);
            let result = MerchantPrivateKey::from_pem(&pem).map(|_| Value::Bool(true));
            json!({ "name": format!("privateKeys #{n}"), "pem": pem, "expected": outcome(result) })
        })
        .collect()
}

#[test]
fn mutants_of_the_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut r = Random(0x7778_7061_7977_6173);
    let mutants = json!({
        "comment": "Made by tests/v3_differential.rs (the Rust core's outcomes); Node must give the same.",
        "keys": doc["keys"],
        "verify": verify_mutants(&doc, &mut r, 1500),
        "decrypt": decrypt_mutants(&doc, &mut r, 600),
        "privateKeys": private_key_mutants(&doc, &mut r, 200),
    });
    // Mutants that all pass or all fail would prove little: each section needs both.
    for section in ["verify", "decrypt", "privateKeys"] {
        let cases = mutants[section].as_array().unwrap();
        let refused = cases.iter().filter(|c| c["expected"]["error"].is_string()).count();
        assert!(
            refused > cases.len() / 10 && refused < cases.len() * 9 / 10,
            "{section}: {refused} of {} refused",
            cases.len()
        );
    }
    if let Some(out) = std::env::var_os("WXPAY_DIFFERENTIAL_OUT") {
        std::fs::write(out, serde_json::to_string(&mutants).unwrap()).unwrap();
    }
}
