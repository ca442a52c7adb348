//! `v3::verify`'s parsing: headers (any names, case, repeats, values), the body, the clock,
//! and the PEM text of the keys (WeChat Pay public key, platform certificate, mutated or
//! arbitrary). Starts from a verify case of tests/vectors/v3.json (TEST-ONLY keys) and
//! changes it. Checks: no panic; the outcome is the first failure a naive reading of the
//! rules names (missing header, probe, time window, unknown serial, the test certificate
//! outside its validity); and it is Ok only when the signed parts (timestamp, nonce,
//! signature, body) are the case's own.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wxpay_wasm::v3::{self, Error, Header, MerchantPrivateKey, PublicKeys};
use wxpay_wasm_fuzz::Text;

const HEADERS: [&str; 4] = ["Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce"];

struct Case {
    headers: Vec<(String, String)>,
    body: String,
    now: u64,
    /// (serial, PEM) of the keys the case knows.
    keys: Vec<(String, String)>,
    /// Whether its signature, timestamp, nonce and body are what a test key signed
    /// (refused or not: a stale case turns good when the clock moves).
    genuine: bool,
}

/// The test certificate's first and last valid second, from the verify cases that hold them.
const VALIDITY_CASES: [&str; 2] =
    ["platform certificate on its first valid second", "platform certificate on its last valid second"];

/// The verify cases whose signed parts were changed after signing.
const CHANGED_AFTER_SIGNING: [&str; 4] =
    ["tampered notification body", "nonce changed after signing", "WECHATPAY/SIGNTEST/ probe", "signature not base64"];

fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(include_str!("../../tests/vectors/v3.json")).unwrap())
}

/// The test platform certificate's PEM and its validity (both ends included), read once.
fn certificate() -> (&'static str, u64, u64) {
    static CERTIFICATE: OnceLock<(&'static str, u64, u64)> = OnceLock::new();
    *CERTIFICATE.get_or_init(|| {
        let doc = doc();
        let now = |name: &str| {
            let case = doc["verify"].as_array().unwrap().iter().find(|c| c["name"] == name);
            case.unwrap_or_else(|| panic!("no case {name:?}"))["now"].as_u64().unwrap()
        };
        (doc["keys"]["platformCertificate"].as_str().unwrap(), now(VALIDITY_CASES[0]), now(VALIDITY_CASES[1]))
    })
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let doc = doc();
        let keys = &doc["keys"];
        let text = |v: &Value| v.as_str().unwrap().to_owned();
        for name in CHANGED_AFTER_SIGNING {
            assert!(doc["verify"].as_array().unwrap().iter().any(|c| c["name"] == name), "no case {name:?}");
        }
        doc["verify"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Case {
                headers: c["headers"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), text(v))).collect(),
                body: text(&c["body"]),
                now: c["now"].as_u64().unwrap(),
                // A key name is registered under its own serial; [serial name, key name] under another.
                keys: c["publicKeys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|entry| match entry {
                        Value::Array(pair) => (text(&keys[text(&pair[0])]), text(&keys[text(&pair[1])])),
                        name if name == "wechatpayPublicKey" => {
                            (text(&keys["wechatpayPublicKeyId"]), text(&keys[text(name)]))
                        }
                        name => (text(&keys["platformSerialNo"]), text(&keys[text(name)])),
                    })
                    .collect(),
                genuine: !CHANGED_AFTER_SIGNING.contains(&c["name"].as_str().unwrap()),
            })
            .collect()
    })
}

#[derive(Debug, Arbitrary)]
enum Edit {
    /// Header `i`'s name in another case (bit mask over its letters).
    Case(u8, u32),
    /// Header `i` removed.
    Remove(u8),
    /// Header `i`'s value replaced.
    Value(u8, Text),
    /// Header `i`'s value with one byte changed (kept only when still UTF-8).
    Flip(u8, u16, u8),
    /// One more header, anywhere.
    Insert(u8, Text, Text),
    /// One more header named like a Wechatpay-* one.
    Repeat(u8, Text),
}

#[derive(Debug, Arbitrary)]
enum KeyEdit {
    /// A byte of key `i`'s PEM changed.
    Flip(u8, u16, u8),
    /// Key `i` replaced by any text.
    Any(u8, Text),
    /// Key `i` registered under another serial.
    Serial(u8, Text),
}

#[derive(Debug, Arbitrary)]
struct Input {
    case: u8,
    edits: Vec<Edit>,
    key_edits: Vec<KeyEdit>,
    body: Option<Vec<u8>>,
    now_delta: i32,
}

/// The refusal the rules give before the signature itself is checked, if any: missing
/// header, probe, time window, unknown serial, the test certificate outside its validity,
/// in that order. `accepted`: the registered serials and their PEM text.
fn naive_refusal(headers: &[(String, String)], accepted: &[(String, String)], now: u64) -> Option<Error> {
    if let Some(e) = missing_header(headers) {
        return Some(e);
    }
    let find =
        |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).unwrap();
    let [serial, signature, ts, _] = HEADERS.map(find);
    if signature.starts_with("WECHATPAY/SIGNTEST/") {
        return Some(Error::SignatureProbe);
    }
    let in_window = !ts.is_empty()
        && ts.len() <= 19
        && ts.bytes().all(|b| b.is_ascii_digit())
        && ts.parse::<u64>().is_ok_and(|t| t.abs_diff(now) < 300);
    if !in_window {
        return Some(Error::TimestampOutOfWindow);
    }
    let Some((_, pem)) = accepted.iter().find(|(s, _)| s == serial) else {
        return Some(Error::UnknownSerial);
    };
    let (certificate, from, until) = certificate();
    if pem == certificate && !(from..=until).contains(&now) {
        return Some(Error::CertificateExpired);
    }
    None
}

/// What a case's signature covers: (signature, timestamp, nonce, body).
fn signed_parts(case: &Case) -> [&str; 4] {
    let find =
        |name: &str| case.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str());
    [find(HEADERS[1]), find(HEADERS[2]), find(HEADERS[3]), case.body.as_str()]
}

fn missing_header(headers: &[(String, String)]) -> Option<Error> {
    HEADERS
        .iter()
        .zip(Header::ALL)
        .find(|(name, _)| !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(_, h)| Error::MissingHeader(h))
}

fuzz_target!(|input: Input| {
    let cases = cases();
    let case = &cases[usize::from(input.case) % cases.len()];
    let mut headers = case.headers.clone();
    for edit in &input.edits {
        let at = |i: &u8, len: usize| usize::from(*i) % len.max(1);
        match edit {
            Edit::Case(i, mask) if !headers.is_empty() => {
                let n = at(i, headers.len());
                let h = &mut headers[n];
                h.0 =
                    h.0.chars()
                        .enumerate()
                        .map(
                            |(n, c)| {
                                if mask >> (n % 32) & 1 == 1 {
                                    c.to_ascii_uppercase()
                                } else {
                                    c.to_ascii_lowercase()
                                }
                            },
                        )
                        .collect();
            }
            Edit::Remove(i) if !headers.is_empty() => {
                headers.remove(at(i, headers.len()));
            }
            Edit::Value(i, v) if !headers.is_empty() => {
                let n = at(i, headers.len());
                headers[n].1 = v.0.clone();
            }
            Edit::Flip(i, pos, x) if !headers.is_empty() => {
                let n = at(i, headers.len());
                let mut bytes = headers[n].1.clone().into_bytes();
                if !bytes.is_empty() {
                    let p = usize::from(*pos) % bytes.len();
                    bytes[p] ^= x | 1;
                }
                if let Ok(s) = String::from_utf8(bytes) {
                    headers[n].1 = s;
                }
            }
            Edit::Insert(i, k, v) => {
                let n = at(i, headers.len() + 1);
                headers.insert(n.min(headers.len()), (k.0.clone(), v.0.clone()));
            }
            Edit::Repeat(i, v) => headers.push((HEADERS[usize::from(*i) % 4].to_ascii_lowercase(), v.0.clone())),
            _ => {}
        }
    }

    // The keys: the case's, edited. Every PEM also goes through the private-key reader.
    let mut pems = case.keys.clone();
    for edit in &input.key_edits {
        let at = |i: &u8| usize::from(*i) % pems.len().max(1);
        match edit {
            KeyEdit::Flip(i, pos, x) if !pems.is_empty() => {
                let n = at(i);
                let mut bytes = pems[n].1.clone().into_bytes();
                if !bytes.is_empty() {
                    let p = usize::from(*pos) % bytes.len();
                    bytes[p] ^= x | 1;
                }
                pems[n].1 = String::from_utf8_lossy(&bytes).into_owned();
            }
            KeyEdit::Any(i, t) if !pems.is_empty() => {
                let n = at(i);
                pems[n].1 = t.0.clone();
            }
            KeyEdit::Serial(i, t) if !pems.is_empty() => {
                let n = at(i);
                pems[n].0 = t.0.clone();
            }
            _ => {}
        }
    }
    let mut keys = PublicKeys::new();
    let mut accepted: Vec<(String, String)> = Vec::new();
    let platform_serial = doc()["keys"]["platformSerialNo"].as_str().unwrap();
    for (serial, pem) in &pems {
        let _ = MerchantPrivateKey::from_pem(pem).map(|_| panic!("a public key or certificate read as a private key"));
        match keys.insert(serial, pem) {
            Ok(()) => {
                accepted.retain(|(s, _)| s != serial);
                accepted.push((serial.clone(), pem.clone()));
            }
            Err(Error::InvalidSerialNo) => {
                assert!(serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
            }
            Err(Error::CertificateSerialMismatch) => {
                assert!(pem.contains("CERTIFICATE"), "a public key refused for its serial");
                assert!(
                    !(pem == certificate().0 && serial == platform_serial),
                    "the test certificate under its own serial"
                );
            }
            Err(e) => assert_eq!(e.code(), "InvalidPublicKey", "{e:?}"),
        }
    }
    assert_eq!(keys.len(), accepted.len());

    let body = input.body.as_deref().unwrap_or(case.body.as_bytes());
    let now = case.now.saturating_add_signed(i64::from(input.now_delta));
    let result = v3::verify(headers.iter().map(|(k, v)| (k, v)), body, &keys, now);

    match (naive_refusal(&headers, &accepted, now), &result) {
        (Some(e), _) => assert_eq!(result, Err(e), "{headers:?}"),
        (None, Ok(())) => {
            // Accepted: what was verified is something the test keys really signed.
            let find =
                |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str());
            let body = std::str::from_utf8(body).unwrap_or("\u{fffd}not UTF-8");
            let parts = [find(HEADERS[1]), find(HEADERS[2]), find(HEADERS[3]), body];
            assert!(
                cases.iter().filter(|c| c.genuine).any(|c| signed_parts(c) == parts),
                "accepted what no test key signed: {headers:?}"
            );
        }
        // An edited certificate may still parse, with other dates.
        (None, Err(Error::CertificateExpired)) => {
            let serial = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(HEADERS[0])).map(|(_, v)| v).unwrap();
            let (_, pem) = accepted.iter().find(|(s, _)| s == serial).unwrap();
            assert!(pem.contains("CERTIFICATE") && pem != certificate().0, "CertificateExpired for {serial:?}");
        }
        (None, Err(e)) => assert_eq!(*e, Error::InvalidSignature),
    }
});
