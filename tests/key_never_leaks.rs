//! No error, `Display` or `Debug` output ever contains the key, whatever goes wrong
//! and even when the key is passed in the wrong argument.

use wxpay_wasm::{build_pay_params, nonce_from, sign, verify, Error, PayRequest, SignType};

const KEY: &str = "demoKeyNotARealMerchantKey000000";

fn all_outputs(e: &Error) -> String {
    format!("{e} | {e:?} | {e:#?} | {} | {}", e.code(), e.message())
}

#[test]
fn errors_never_show_the_key() {
    let base = PayRequest {
        app_id: "wxd678efh567hg6787",
        prepay_id: "wx2017033010242291fcfe0db70013231072",
        key: KEY,
        sign_type: SignType::Md5,
        time_stamp: Some("1490840662"),
        nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
    };
    let key_nl = format!("{KEY}\n");
    let key_in_app_id = format!("{KEY} ");
    let key_as_nonce = format!("{KEY}-x");
    let failing: Vec<Result<_, Error>> = vec![
        build_pay_params(&PayRequest { key: &key_nl, ..base }, || 0).map(|_| ()),
        build_pay_params(&PayRequest { app_id: &key_in_app_id, ..base }, || 0).map(|_| ()),
        build_pay_params(&PayRequest { prepay_id: &key_in_app_id, ..base }, || 0).map(|_| ()),
        build_pay_params(&PayRequest { nonce_str: Some(&key_as_nonce), ..base }, || 0).map(|_| ()),
        build_pay_params(&PayRequest { time_stamp: Some(KEY), ..base }, || 0).map(|_| ()),
        sign([(KEY, "v")].iter().map(|&(k, v)| (format!("{k}="), v)), KEY, SignType::Md5).map(|_| ()),
        sign([("a", KEY), ("a", KEY)], KEY, SignType::Md5).map(|_| ()),
        sign([("a", "1")], &key_nl, SignType::HmacSha256).map(|_| ()),
        verify([("a", KEY)], KEY, SignType::Md5).map(|_| ()),
        KEY.parse::<SignType>().map(|_| ()),
        nonce_from(33, |_| Ok(())).map(|_| ()),
        nonce_from(8, |_| Err(Error::RandomUnavailable)).map(|_| ()),
    ];
    for result in &failing {
        let e = result.as_ref().expect_err("each case must fail");
        let shown = all_outputs(e);
        assert!(!shown.contains(KEY), "{shown}");
        assert!(!shown.contains("demoKey"), "{shown}");
    }
    // The request itself does not print the key either.
    assert!(!format!("{base:?}").contains(KEY));
}

#[test]
fn every_error_has_a_distinct_code_and_a_message_that_says_what_to_do() {
    use wxpay_wasm::{KeyProblem::*, SignTypeProblem::*, TimeStampProblem::*};
    let all = [
        Error::MissingAppId,
        Error::InvalidAppId,
        Error::MissingPrepayId,
        Error::InvalidPrepayId,
        Error::InvalidKey(Empty),
        Error::InvalidKey(Whitespace),
        Error::InvalidKey(Control),
        Error::UnsupportedSignType(Lowercase),
        Error::UnsupportedSignType(HmacSpelling),
        Error::UnsupportedSignType(Rsa),
        Error::UnsupportedSignType(Unknown),
        Error::InvalidTimeStamp(NotDigits),
        Error::InvalidTimeStamp(Milliseconds),
        Error::InvalidTimeStamp(WrongLength),
        Error::NonceTooLong,
        Error::InvalidNonce,
        Error::InvalidName,
        Error::DuplicateName,
        Error::InvalidValue,
        Error::MissingSign,
        Error::RandomUnavailable,
    ];
    // Every variant is listed: this match stops compiling when one is added.
    for e in all {
        match e {
            Error::MissingAppId
            | Error::InvalidAppId
            | Error::MissingPrepayId
            | Error::InvalidPrepayId
            | Error::InvalidKey(_)
            | Error::UnsupportedSignType(_)
            | Error::InvalidTimeStamp(_)
            | Error::NonceTooLong
            | Error::InvalidNonce
            | Error::InvalidName
            | Error::DuplicateName
            | Error::InvalidValue
            | Error::MissingSign
            | Error::RandomUnavailable => {}
        }
    }
    let mut messages = std::collections::HashSet::new();
    for e in all {
        assert!(e.code().chars().all(|c| c.is_ascii_alphanumeric()), "{e:?}");
        assert!(e.message().len() > 20, "{e:?}");
        assert!(messages.insert(e.message()), "duplicate message for {e:?}");
        assert_eq!(e.to_string(), e.message());
    }
    assert!(Error::InvalidTimeStamp(Milliseconds).message().contains("milliseconds"));
    assert!(Error::InvalidKey(Whitespace).message().contains("newline"));
    assert!(Error::UnsupportedSignType(Lowercase).message().contains("\"MD5\""));
    assert!(Error::UnsupportedSignType(HmacSpelling).message().contains("HMAC-SHA256"));
    assert!(Error::UnsupportedSignType(Rsa).message().contains("v3"));
    assert!(Error::NonceTooLong.message().contains("32"));
}

/// Nothing committed holds a key that could be real: every quoted 16+ character
/// token assigned to something named like a key is WeChat's documentation key or
/// says that it is a demo, test-only (or a deliberately wrong) key.
#[test]
fn the_repository_holds_no_real_looking_key() {
    const DOCUMENTATION_KEYS: [&str; 2] = ["192006250b4c09247ec02edce69f6a2d", "qazwsxedcrfvtgbyhnujmikolp111111"];
    let files = tracked_text_files();
    let scanned = files.len();
    for (path, text) in files {
        for line in text.lines() {
            for token in key_assignments(line) {
                let lower = token.to_ascii_lowercase();
                let says_demo = ["demo", "wrong", "forged", "notreal", "testonly"].iter().any(|w| lower.contains(w));
                assert!(
                    DOCUMENTATION_KEYS.contains(&token) || says_demo,
                    "{}: a key that does not say it is a demo key: {line}",
                    path.display()
                );
            }
        }
    }
    assert!(scanned > 50, "only {scanned} files scanned");
}

/// Every file git tracks that reads as text, with its path.
fn tracked_text_files() -> Vec<(std::path::PathBuf, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    // A scan that cannot list the files must fail, not pass having read nothing.
    let listed = match std::process::Command::new("git").args(["ls-files", "-z"]).current_dir(root).output() {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            panic!("git ls-files failed, so the repository cannot be scanned: {}", String::from_utf8_lossy(&o.stderr))
        }
        Err(e) => panic!("git cannot be run, so the repository cannot be scanned: {e}"),
    };
    let files = listed.stdout.split(|&b| b == 0).filter(|f| !f.is_empty());
    let paths = files.map(|f| std::path::Path::new(root).join(String::from_utf8_lossy(f).as_ref()));
    // Binary files do not read as text and are skipped.
    paths.filter_map(|path| std::fs::read_to_string(&path).ok().map(|text| (path, text))).collect()
}

/// Quoted tokens of 16 or more letters and digits that follow `key` and `:` or `=`.
fn key_assignments(line: &str) -> Vec<&str> {
    let lower = line.to_ascii_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices("key") {
        let rest = &line[at + 3..];
        let rest = rest.trim_start_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        let Some(rest) = rest.strip_prefix([':', '=']) else { continue };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        let body = &rest[1..];
        if let Some(end) = body.find(quote) {
            let token = &body[..end];
            if token.len() >= 16 && token.bytes().all(|b| b.is_ascii_alphanumeric()) {
                found.push(token);
            }
        }
    }
    found
}

#[test]
fn key_scanner_finds_assignments() {
    assert_eq!(key_assignments(r#"key: "abcdefDemoklmnop1234""#), ["abcdefDemoklmnop1234"]);
    assert_eq!(key_assignments(r#"{"key": "abcdefDemoklmnop1234", "x": 1}"#), ["abcdefDemoklmnop1234"]);
    assert_eq!(
        key_assignments("const apiKey = 'ABCDEFGHIJKLMNOPQRSTUVWXYZDEMO45';"),
        ["ABCDEFGHIJKLMNOPQRSTUVWXYZDEMO45"]
    );
    assert!(key_assignments(r#"key: "short""#).is_empty());
    assert!(key_assignments("monkey business").is_empty());
}

/// Each PEM private key in `text`: the text between its BEGIN line and its END line
/// without line breaks (real or JSON-escaped), quotes and commas (what stays the same
/// wherever a key is pasted), and whether the lines just before it call it a dummy,
/// demo or test-only key. Mentions of the header without a base64 body are skipped.
fn private_keys(text: &str) -> Vec<(String, bool)> {
    // Spelt in two pieces so that this file does not hold the marker it looks for.
    let begin = concat!("PRIVATE ", "KEY-----");
    let mut keys = Vec::new();
    for (at, _) in text.match_indices(begin) {
        let rest = &text[at + begin.len()..];
        let Some(end) = rest.find("-----END") else { continue };
        let body: String = rest[..end]
            .replace("\\n", "")
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | ','))
            .collect();
        let base64 = body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        if base64 && body.len() >= 100 {
            let mut from = at.saturating_sub(160);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text[from..at].to_ascii_lowercase();
            let labelled = ["dummy", "demo", "test-only", "testonly", "not-a-key"].iter().any(|w| before.contains(w));
            keys.push((body, labelled));
        }
    }
    keys
}

/// Every private key in the repository is a generated TEST-ONLY key of
/// tests/vectors/v3.json (whose comment says so) or is labelled a dummy right where it
/// stands; an unlabelled PEM private key anywhere else fails.
#[test]
fn the_repository_holds_only_labelled_test_private_keys() {
    let root = env!("CARGO_MANIFEST_DIR");
    let vectors = std::fs::read_to_string(format!("{root}/tests/vectors/v3.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&vectors).unwrap();
    assert!(doc["comment"].as_str().unwrap().starts_with("TEST-ONLY"), "v3.json must say its keys are test-only");
    let test_keys: Vec<String> = doc["keys"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|pem| private_keys(pem.as_str().unwrap()))
        .map(|(body, _)| body)
        .collect();
    assert_eq!(test_keys.len(), 3, "v3.json holds three test-only private keys");

    let files = tracked_text_files();
    let mut found = 0;
    for (path, text) in files {
        for (body, labelled) in private_keys(&text) {
            assert!(
                labelled || test_keys.contains(&body),
                "{}: a private key that is neither a TEST-ONLY key of v3.json nor labelled a dummy",
                path.display()
            );
            found += 1;
        }
    }
    assert!(found >= 3, "the scan did not even find v3.json's keys");
}

#[test]
fn private_key_scanner_finds_a_pasted_key() {
    // A made-up body, as a real key would look once pasted into a config file or a test.
    let body: String = (0..40).map(|i| ["MIIEvAIBADANBgkqhkiG9w0B", "AQEFAASC"][i % 2]).collect();
    let marker = concat!("PRIVATE ", "KEY-----");
    let pem = format!("-----BEGIN {marker}\n{}\n{}\n-----END PRIVATE KEY-----\n", &body[..64], &body[64..]);
    assert_eq!(private_keys(&pem), [(body.clone(), false)]);
    let escaped = format!("merchant_key = {}", serde_json::to_string(&pem).unwrap()); // as in a JSON file
    assert_eq!(private_keys(&escaped), [(body.clone(), false)]);
    let labelled = format!("const DUMMY_KEY = [\n  '-----BEGIN RSA {marker}',\n  '{body}',\n  '-----END RSA'");
    assert_eq!(private_keys(&labelled), [(body, true)]);
    assert!(private_keys("pass the PEM text (-----BEGIN PRIVATE KEY-----…-----END PRIVATE KEY-----)").is_empty());
}
