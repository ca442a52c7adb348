//! `v3::verify` and `PublicKeys::insert`: headers (any names, case, repeats, values with
//! spaces and tabs, empty values, `Wechatpay-Signature-Type`), the body, the clock, and
//! the keys (WeChat Pay public key, platform certificate, private keys, bundles, file
//! paths, escaped or indented PEM, mutated or arbitrary text, serials of every shape).
//! Starts from a verify case of tests/vectors/v3.json (TEST-ONLY keys) and changes it.
//! Checks: no panic; `insert` refuses exactly what the serial and PEM rules refuse; the
//! outcome of `verify` is the first refusal a naive reading of the rules names; it is Ok
//! only when the signed parts (timestamp, nonce, signature, body) are what the key it
//! used really signed, and it is Ok whenever they are and that key may verify.
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use wxpay_wasm::v3::{self, Algorithm, Block, Error, Header, MerchantPrivateKey, PemProblem, PublicKeys, Serial};
use wxpay_wasm_fuzz::Text;

/// The headers `verify` needs, in the order the rules check them.
const HEADERS: [(&str, Header); 4] = [
    ("Wechatpay-Serial", Header::Serial),
    ("Wechatpay-Signature", Header::Signature),
    ("Wechatpay-Timestamp", Header::Timestamp),
    ("Wechatpay-Nonce", Header::Nonce),
];
const SIGNATURE_TYPE: &str = "Wechatpay-Signature-Type";
const SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";
const PROBE: &str = "WECHATPAY/SIGNTEST/";

/// The PEM texts of v3.json's `keys`, by name. Private keys are there so that they can be
/// registered by mistake.
const PEMS: [&str; 6] = [
    "wechatpayPublicKey",
    "platformCertificate",
    "merchantPublicKey",
    "merchantPrivateKey",
    "wechatpayPrivateKey",
    "platformPrivateKey",
];
const CERTIFICATE: &str = "platformCertificate";

/// What a registered PEM text is, as far as the edits know.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A key of v3.json, maybe indented, with CRLF or blank lines around it.
    Intact(&'static str),
    /// An intact key followed by another PEM block.
    Bundle,
    /// An intact key on one line, its line breaks written as `\n`.
    Escaped,
    /// A file's path.
    Path,
    /// Anything else (a changed byte, any text).
    Other,
}

#[derive(Debug, Clone)]
struct Entry {
    serial: String,
    pem: String,
    shape: Shape,
    /// The key of v3.json this text was made from, even if changed since: a changed byte
    /// may leave the RSA key itself as it was (in a certificate's other fields).
    origin: Option<&'static str>,
}

struct Case {
    headers: Vec<(String, String)>,
    body: String,
    now: u64,
    keys: Vec<Entry>,
}

/// Verify cases whose signed parts were changed after signing.
const CHANGED_AFTER_SIGNING: [&str; 8] = [
    "tampered notification body",
    "nonce changed after signing",
    "WECHATPAY/SIGNTEST/ probe",
    "signature not base64",
    "Wechatpay-Timestamp of 20 digits",
    "a probe behind a space",
    "signature in base64 with padding bits set",
    "a header repeated in another case with another value",
];
/// Verify cases whose `Wechatpay-Serial` names another key than the one that signed.
const SENT_UNDER_ANOTHER_SERIAL: [&str; 1] = ["signed by the public key's owner, sent under the certificate's serial"];

fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(include_str!("../../tests/vectors/v3.json")).unwrap())
}

fn key(name: &str) -> &'static str {
    doc()["keys"][name].as_str().unwrap_or_else(|| panic!("no key {name:?}"))
}

/// The test certificate's first and last valid second (both included), from the verify
/// cases made on them.
fn validity() -> (u64, u64) {
    static VALIDITY: OnceLock<(u64, u64)> = OnceLock::new();
    *VALIDITY.get_or_init(|| {
        let now = |name: &str| {
            let case = doc()["verify"].as_array().unwrap().iter().find(|c| c["name"] == name);
            case.unwrap_or_else(|| panic!("no case {name:?}"))["now"].as_u64().unwrap()
        };
        (now("platform certificate on its first valid second"), now("platform certificate on its last valid second"))
    })
}

/// Which key of v3.json `text` is, whatever its whitespace (the vectors indent one).
fn known_pem(text: &str) -> Option<&'static str> {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    PEMS.into_iter().find(|name| bare(key(name)) == bare(text))
}

fn intact(name: &'static str, serial: String) -> Entry {
    Entry { serial, pem: key(name).to_owned(), shape: Shape::Intact(name), origin: Some(name) }
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let text = |v: &Value| v.as_str().unwrap().to_owned();
        let all = doc()["verify"].as_array().unwrap();
        for name in CHANGED_AFTER_SIGNING.iter().chain(&SENT_UNDER_ANOTHER_SERIAL) {
            assert!(all.iter().any(|c| c["name"] == *name), "no case {name:?}");
        }
        // An entry is a key name (under its own serial), [serial name, key name], or
        // {"serial", "pem"} given literally.
        let entry = |e: &Value| match e {
            Value::Array(pair) => {
                let name = PEMS.into_iter().find(|n| pair[1] == *n).unwrap();
                intact(name, key(pair[0].as_str().unwrap()).to_owned())
            }
            Value::Object(o) => {
                let pem = text(&o["pem"]);
                let origin = known_pem(&pem);
                let shape = origin.map_or(Shape::Other, Shape::Intact);
                Entry { serial: text(&o["serial"]), pem, shape, origin }
            }
            name if *name == "wechatpayPublicKey" => intact("wechatpayPublicKey", key("wechatpayPublicKeyId").into()),
            name if *name == CERTIFICATE => intact(CERTIFICATE, key("platformSerialNo").into()),
            other => panic!("unknown publicKeys entry {other}"),
        };
        all.iter()
            .map(|c| Case {
                headers: c["headers"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), text(v))).collect(),
                body: text(&c["body"]),
                now: c["now"].as_u64().unwrap(),
                keys: c["publicKeys"].as_array().unwrap().iter().map(entry).collect(),
            })
            .collect()
    })
}

/// What the test keys signed: (the key that signed, [signature, timestamp, nonce, body]).
fn genuine() -> &'static [(&'static str, [String; 4])] {
    static GENUINE: OnceLock<Vec<(&'static str, [String; 4])>> = OnceLock::new();
    GENUINE.get_or_init(|| {
        let mut genuine = Vec::new();
        for c in doc()["verify"].as_array().unwrap() {
            let name = c["name"].as_str().unwrap();
            if CHANGED_AFTER_SIGNING.contains(&name) || SENT_UNDER_ANOTHER_SERIAL.contains(&name) {
                continue;
            }
            let headers: Vec<(String, String)> = c["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().into()))
                .collect();
            let one = |h: &str| {
                let v = values(&headers, h);
                (v.len() == 1).then(|| v.into_iter().next().unwrap().to_owned())
            };
            // The serial the case was sent under names the key that signed.
            let signer = match one(HEADERS[0].0) {
                Some(s) if s == key("wechatpayPublicKeyId") => "wechatpayPublicKey",
                Some(s) if s.eq_ignore_ascii_case(key("platformSerialNo")) => CERTIFICATE,
                _ => {
                    assert!(c["expected"] != true, "an accepted case not read as signed: {name:?}");
                    continue;
                }
            };
            if let (Some(signature), Some(ts), Some(nonce)) = (one(HEADERS[1].0), one(HEADERS[2].0), one(HEADERS[3].0))
            {
                genuine.push((signer, [signature, ts, nonce, c["body"].as_str().unwrap().to_owned()]));
            } else {
                assert!(c["expected"] != true, "an accepted case not read as signed: {name:?}");
            }
        }
        genuine
    })
}

/// Whitespace that is trimmed (spaces, tabs) more often than whitespace that is not.
const PADDING: [char; 12] = [' ', '\t', ' ', '\t', ' ', '\t', '\u{a0}', '\r', '\n', '\u{3000}', '\u{b}', '\u{feff}'];

#[derive(Debug, Arbitrary)]
struct Pad {
    before: Vec<u8>,
    after: Vec<u8>,
}

impl Pad {
    fn around(&self, value: &str) -> String {
        let chars = |b: &[u8]| b.iter().take(3).map(|b| PADDING[usize::from(*b) % PADDING.len()]).collect::<String>();
        format!("{}{value}{}", chars(&self.before), chars(&self.after))
    }
}

#[derive(Debug, Arbitrary)]
enum TypeValue {
    Scheme,
    SchemeInLowerCase,
    OtherScheme,
    Empty,
    Any(Text),
}

/// The serials a test key has, and near misses.
#[derive(Debug, Arbitrary)]
enum SerialOf {
    PublicKeyId,
    Certificate,
    Merchant,
    /// Re-cased: bit i of the mask upper-cases letter i.
    Recased(u32),
    /// Leading zeros before the certificate's serial.
    Zeros(u8),
    /// `PUB_KEY_ID_` and any text.
    Id(Text),
    /// `n % 72` hex digits (around the limit of 64), picked by the bytes.
    Hex(u8, Vec<u8>),
    Any(Text),
}

impl SerialOf {
    fn make(&self, current: &str) -> String {
        match self {
            SerialOf::PublicKeyId => key("wechatpayPublicKeyId").into(),
            SerialOf::Certificate => key("platformSerialNo").into(),
            SerialOf::Merchant => key("merchantSerialNo").into(),
            SerialOf::Recased(mask) => recase(current, *mask),
            SerialOf::Zeros(n) => format!("{}{}", "0".repeat(usize::from(n % 4) + 1), key("platformSerialNo")),
            SerialOf::Id(t) => format!("PUB_KEY_ID_{}", t.0),
            SerialOf::Hex(n, bytes) => (0..usize::from(n % 72))
                .map(|i| {
                    // `+ i`: a single byte still gives varied digits.
                    let b = bytes.get(i % bytes.len().max(1)).copied().unwrap_or(0).wrapping_add(i as u8);
                    char::from(b"0123456789abcdefABCDEF"[usize::from(b) % 22])
                })
                .collect(),
            SerialOf::Any(t) => t.0.clone(),
        }
    }
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
    /// One more header named like a Wechatpay-* one, any value.
    Repeat(u8, Text),
    /// Header `i` once more, its name re-cased, its value the same with whitespace around it.
    Again(u8, u32, Pad),
    /// Whitespace around header `i`'s value.
    Pad(u8, Pad),
    /// Header `i`'s value emptied, or only whitespace.
    Empty(u8, Pad),
    /// A `Wechatpay-Signature-Type` header, its name re-cased.
    SignatureType(u32, TypeValue, Pad),
    /// The `Wechatpay-Signature` values made probes.
    Probe(Pad),
    /// The `Wechatpay-Timestamp` values moved by `delta`, zero-padded to `width`, maybe signed.
    Stamp(i16, u8, bool),
    /// The `Wechatpay-Serial` values replaced.
    Serial(SerialOf),
}

#[derive(Debug, Arbitrary)]
enum KeyEdit {
    /// A byte of key `i`'s PEM changed.
    Flip(u8, u16, u8),
    /// Key `i` replaced by any text.
    Any(u8, Text),
    /// Key `i` registered under another serial.
    Serial(u8, SerialOf),
    /// Key `i` replaced by a key of v3.json (a private key among them).
    Put(u8, u8),
    /// Key `i` followed by another key of v3.json in the same text.
    Bundle(u8, u8),
    /// Key `i` with its line breaks written as `\n`.
    Escape(u8),
    /// Key `i` replaced by a file's path.
    Path(u8, u8, bool),
    /// Key `i`'s lines indented, with CRLF, with blank lines around (bits of the mask).
    Reformat(u8, u8),
    /// Key `i` registered once more.
    Again(u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    case: u8,
    edits: Vec<Edit>,
    key_edits: Vec<KeyEdit>,
    body: Option<Vec<u8>>,
    now_delta: i32,
}

fn recase(s: &str, mask: u32) -> String {
    s.chars()
        .enumerate()
        .map(|(n, c)| if mask >> (n % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect()
}

/// Surrounding spaces and tabs are not part of a value; other whitespace is.
fn trimmed(value: &str) -> &str {
    value.trim_matches(|c| c == ' ' || c == '\t')
}

/// The distinct non-empty values of header `name` (its name in any case), trimmed.
fn values<'h>(headers: &'h [(String, String)], name: &str) -> BTreeSet<&'h str> {
    headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| trimmed(v))
        .filter(|v| !v.is_empty())
        .collect()
}

/// What the rules conclude before the signature itself: a refusal, or the values of the
/// four headers and the registered keys `Wechatpay-Serial` may name.
enum Naive<'h, 'k> {
    Refused(Error),
    Verify([&'h str; 4], Vec<&'k Entry>),
}

/// The rules, read plainly: each header present once (or repeated unchanged) in order,
/// the signature type, the probe, the time window, the serial.
fn naive<'h, 'k>(headers: &'h [(String, String)], registered: &'k [Entry], now: u64) -> Naive<'h, 'k> {
    let mut found = [""; 4];
    for (at, (name, header)) in HEADERS.into_iter().enumerate() {
        let v = values(headers, name);
        match v.len() {
            0 => return Naive::Refused(Error::MissingHeader(header)),
            1 => found[at] = v.into_iter().next().unwrap(),
            _ => return Naive::Refused(Error::RepeatedHeader(header)),
        }
    }
    if values(headers, SIGNATURE_TYPE).iter().any(|v| *v != SCHEME) {
        return Naive::Refused(Error::UnsupportedAlgorithm(Algorithm::SignatureType));
    }
    let [serial, signature, ts, _] = found;
    if signature.starts_with(PROBE) {
        return Naive::Refused(Error::SignatureProbe);
    }
    let digits = !ts.is_empty() && ts.len() <= 19 && ts.bytes().all(|b| b.is_ascii_digit());
    if !digits || ts.parse::<u64>().unwrap().abs_diff(now) >= 300 {
        return Naive::Refused(Error::TimestampOutOfWindow);
    }
    // A hex serial matches whatever the case of its letters. When several registered
    // serials differ only in case, the rules do not say which one wins: any may be used.
    let hex = serial.bytes().all(|b| b.is_ascii_hexdigit());
    let named: Vec<&Entry> =
        registered.iter().filter(|e| e.serial == serial || (hex && e.serial.eq_ignore_ascii_case(serial))).collect();
    if named.is_empty() {
        return Naive::Refused(Error::UnknownSerial);
    }
    Naive::Verify(found, named)
}

/// `PUB_KEY_ID_` and letters or digits, or 1 to 64 hex digits.
fn serial_allowed(serial: &str) -> bool {
    let id = serial
        .strip_prefix("PUB_KEY_ID_")
        .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    let hex = !serial.is_empty() && serial.len() <= 64 && serial.bytes().all(|b| b.is_ascii_hexdigit());
    id || hex
}

/// Whether `serial` is the test certificate's serial number in hex (any case, leading zeros).
fn is_certificate_serial(serial: &str) -> bool {
    let number = |s: &str| s.trim_start_matches('0').to_ascii_uppercase();
    serial.bytes().all(|b| b.is_ascii_hexdigit()) && number(serial) == number(key("platformSerialNo"))
}

/// The label of the first PEM block, if the text (blank lines aside) starts with one.
fn label(text: &str) -> Option<&str> {
    text.trim().strip_prefix("-----BEGIN ")?.split("-----").next()
}

/// What `insert` must answer for `entry`, checked against `got`.
fn check_insert(entry: &Entry, got: Result<(), Error>) {
    let refused = |p| Err(Error::InvalidPublicKey(p));
    if !serial_allowed(&entry.serial) {
        return assert_eq!(got, Err(Error::InvalidSerialNo(Serial::WechatPay)), "{entry:?}");
    }
    let expected = match entry.shape {
        Shape::Intact(name) if name.contains("Private") => refused(PemProblem::WrongKind(Block::PrivateKey)),
        Shape::Intact(CERTIFICATE) if !is_certificate_serial(&entry.serial) => Err(Error::CertificateSerialMismatch),
        Shape::Intact(_) => Ok(()),
        Shape::Bundle => refused(PemProblem::SeveralBlocks),
        Shape::Escaped => refused(PemProblem::EscapedNewlines),
        Shape::Path => refused(PemProblem::FilePath),
        Shape::Other => {
            let blocks = entry.pem.matches("-----BEGIN ").count();
            match got {
                Ok(()) => {
                    assert_eq!(blocks, 1, "several blocks taken: {entry:?}");
                    let taken = ["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];
                    assert!(label(&entry.pem).is_some_and(|l| taken.contains(&l)), "taken: {entry:?}");
                }
                Err(Error::CertificateSerialMismatch) => assert!(entry.pem.contains("CERTIFICATE"), "{entry:?}"),
                Err(Error::InvalidPublicKey(_)) => {}
                Err(e) => panic!("{e:?} for {entry:?}"),
            }
            return;
        }
    };
    assert_eq!(got, expected, "{entry:?}");
}

/// File paths as people pass them instead of the file's content.
const PATHS: [&str; 5] =
    ["/etc/wechatpay/pub_key.pem", "./pub_key.pem", "cert/wechatpay_cert.pem", "C:\\certs\\pub_key.pem", "pub_key.pem"];

fn edit_headers(headers: &mut Vec<(String, String)>, edits: &[Edit]) {
    // Every header named `name` (in any case).
    fn each(headers: &mut [(String, String)], name: &str, f: impl Fn(&str) -> String) {
        for (_, v) in headers.iter_mut().filter(|(k, _)| k.eq_ignore_ascii_case(name)) {
            *v = f(v);
        }
    }
    for edit in edits {
        let at = |i: &u8, len: usize| usize::from(*i) % len.max(1);
        match edit {
            Edit::Case(i, mask) if !headers.is_empty() => {
                let n = at(i, headers.len());
                headers[n].0 = recase(&headers[n].0, *mask);
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
            Edit::Repeat(i, v) => headers.push((HEADERS[usize::from(*i) % 4].0.to_ascii_lowercase(), v.0.clone())),
            Edit::Again(i, mask, pad) if !headers.is_empty() => {
                let (k, v) = headers[at(i, headers.len())].clone();
                headers.push((recase(&k, *mask), pad.around(&v)));
            }
            Edit::Pad(i, pad) if !headers.is_empty() => {
                let n = at(i, headers.len());
                headers[n].1 = pad.around(&headers[n].1);
            }
            Edit::Empty(i, pad) if !headers.is_empty() => {
                let n = at(i, headers.len());
                headers[n].1 = pad.around("");
            }
            Edit::SignatureType(mask, value, pad) => {
                let value = match value {
                    TypeValue::Scheme => SCHEME.to_owned(),
                    TypeValue::SchemeInLowerCase => SCHEME.to_ascii_lowercase(),
                    TypeValue::OtherScheme => "WECHATPAY2-SM2-WITH-SM3".to_owned(),
                    TypeValue::Empty => String::new(),
                    TypeValue::Any(t) => t.0.clone(),
                };
                headers.push((recase(SIGNATURE_TYPE, *mask), pad.around(&value)));
            }
            Edit::Probe(pad) => each(headers, HEADERS[1].0, |v| pad.around(&format!("{PROBE}{}", trimmed(v)))),
            Edit::Stamp(delta, width, sign) => each(headers, HEADERS[2].0, |v| {
                let seconds = trimmed(v).parse::<u64>().unwrap_or(0).saturating_add_signed(i64::from(*delta));
                format!("{}{seconds:0width$}", if *sign { "+" } else { "" }, width = usize::from(width % 24))
            }),
            Edit::Serial(serial) => each(headers, HEADERS[0].0, |v| serial.make(trimmed(v))),
            _ => {}
        }
    }
}

fn edit_keys(entries: &mut Vec<Entry>, edits: &[KeyEdit]) {
    let pem_of = |i: &u8| PEMS[usize::from(*i) % PEMS.len()];
    for edit in edits {
        if entries.is_empty() {
            break;
        }
        let n = match edit {
            KeyEdit::Flip(i, ..)
            | KeyEdit::Any(i, _)
            | KeyEdit::Serial(i, _)
            | KeyEdit::Put(i, _)
            | KeyEdit::Bundle(i, _)
            | KeyEdit::Escape(i)
            | KeyEdit::Path(i, ..)
            | KeyEdit::Reformat(i, _)
            | KeyEdit::Again(i) => usize::from(*i) % entries.len(),
        };
        let e = &mut entries[n];
        match edit {
            KeyEdit::Flip(_, pos, x) => {
                let mut bytes = e.pem.clone().into_bytes();
                if !bytes.is_empty() {
                    let p = usize::from(*pos) % bytes.len();
                    bytes[p] ^= x | 1;
                }
                e.pem = String::from_utf8_lossy(&bytes).into_owned();
                e.shape = Shape::Other;
            }
            KeyEdit::Any(_, t) => {
                e.pem = t.0.clone();
                (e.shape, e.origin) = (Shape::Other, None);
            }
            KeyEdit::Serial(_, serial) => e.serial = serial.make(&e.serial),
            KeyEdit::Put(_, which) => {
                let name = pem_of(which);
                (e.pem, e.shape, e.origin) = (key(name).to_owned(), Shape::Intact(name), Some(name));
            }
            // After an empty text, the second key is all there is.
            KeyEdit::Bundle(_, which) if e.pem.trim().is_empty() => {
                let name = pem_of(which);
                (e.pem, e.shape, e.origin) = (format!("{}\n{}", e.pem, key(name)), Shape::Intact(name), Some(name));
            }
            KeyEdit::Bundle(_, which) => {
                e.shape =
                    if matches!(e.shape, Shape::Intact(_) | Shape::Bundle) { Shape::Bundle } else { Shape::Other };
                e.pem = format!("{}\n{}", e.pem.trim_end(), key(pem_of(which)));
            }
            KeyEdit::Escape(_) => {
                if let Shape::Intact(name) = e.shape {
                    (e.pem, e.shape) = (key(name).trim().replace('\n', "\\n"), Shape::Escaped);
                }
            }
            KeyEdit::Path(_, which, newline) => {
                let path = PATHS[usize::from(*which) % PATHS.len()];
                e.pem = if *newline { format!("{path}\n") } else { path.to_owned() };
                (e.shape, e.origin) = (Shape::Path, None);
            }
            KeyEdit::Reformat(_, bits) => {
                if !matches!(e.shape, Shape::Intact(_) | Shape::Bundle) {
                    e.shape = Shape::Other;
                }
                let indent = ["", "  ", "\t", " \t "][usize::from(bits & 3)];
                let end = if bits & 4 != 0 { "\r\n" } else { "\n" };
                let trailing = if bits & 8 != 0 { " " } else { "" };
                let lines: String = e.pem.lines().map(|l| format!("{indent}{l}{trailing}{end}")).collect();
                e.pem = if bits & 16 != 0 { format!("\n{end}{lines}{end}") } else { lines };
            }
            KeyEdit::Again(_) => {
                let copy = e.clone();
                entries.push(copy);
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let cases = cases();
    let case = &cases[usize::from(input.case) % cases.len()];
    let mut headers = case.headers.clone();
    edit_headers(&mut headers, &input.edits);
    let mut entries = case.keys.clone();
    edit_keys(&mut entries, &input.key_edits);

    // Every text also goes through the private-key reader, which takes private keys only.
    let mut keys = PublicKeys::new();
    let mut registered: Vec<Entry> = Vec::new();
    for entry in &entries {
        let private = MerchantPrivateKey::from_pem(&entry.pem);
        match entry.shape {
            Shape::Intact(name) if name.contains("Private") => assert!(private.is_ok(), "{entry:?}"),
            _ => {
                assert!(private.is_err() || label(&entry.pem).is_some_and(|l| l.ends_with("PRIVATE KEY")), "{entry:?}")
            }
        }
        let got = keys.insert(&entry.serial, &entry.pem);
        check_insert(entry, got);
        if got.is_ok() {
            // The same serial replaces its key.
            registered.retain(|r| r.serial != entry.serial);
            registered.push(entry.clone());
        }
    }
    assert_eq!(keys.len(), registered.len());

    let body = input.body.as_deref().unwrap_or(case.body.as_bytes());
    let now = case.now.saturating_add_signed(i64::from(input.now_delta));
    let result = v3::verify(headers.iter().map(|(k, v)| (k, v)), body, &keys, now);

    let (candidates, parts) = match naive(&headers, &registered, now) {
        Naive::Refused(e) => return assert_eq!(result, Err(e), "{headers:?}"),
        Naive::Verify([_, signature, ts, nonce], candidates) => {
            (candidates, [signature, ts, nonce, std::str::from_utf8(body).unwrap_or("\u{fffd}not UTF-8")])
        }
    };
    // Which keys signed these parts, and what each candidate key is known to do.
    let signers: Vec<&str> =
        genuine().iter().filter(|(_, p)| p.iter().zip(parts).all(|(a, b)| a == b)).map(|(s, _)| *s).collect();
    let (from, until) = validity();
    let expired = |e: &Entry| e.shape == Shape::Intact(CERTIFICATE) && !(from..=until).contains(&now);
    let may_expire = |e: &Entry| expired(e) || (e.shape == Shape::Other && e.pem.contains("CERTIFICATE"));
    let verifies = |e: &Entry| matches!(e.shape, Shape::Intact(name) if signers.contains(&name)) && !expired(e);
    if candidates.iter().all(|e| expired(e)) {
        assert_eq!(result, Err(Error::CertificateExpired), "{headers:?} at {now}");
    }
    if candidates.iter().all(|e| verifies(e)) {
        assert_eq!(result, Ok(()), "a genuine signature refused: {headers:?}");
    }
    match result {
        Ok(()) => assert!(
            candidates.iter().any(|e| !expired(e) && e.origin.is_some_and(|o| signers.contains(&o))),
            "accepted what no candidate key signed: {headers:?} {candidates:?}"
        ),
        Err(Error::CertificateExpired) => assert!(candidates.iter().any(|e| may_expire(e)), "{candidates:?} at {now}"),
        Err(Error::InvalidSignature) => {}
        Err(e) => panic!("{e:?} after every rule but the signature passed: {headers:?}"),
    }
});
