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
/// says that it is a demo (or a deliberately wrong) key.
#[test]
fn the_repository_holds_no_real_looking_key() {
    const DOCUMENTATION_KEYS: [&str; 2] = ["192006250b4c09247ec02edce69f6a2d", "qazwsxedcrfvtgbyhnujmikolp111111"];
    let root = env!("CARGO_MANIFEST_DIR");
    let listed = std::process::Command::new("git").args(["ls-files", "-z"]).current_dir(root).output();
    let listed = match listed {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            panic!("git ls-files failed, so the repository cannot be scanned: {}", String::from_utf8_lossy(&o.stderr))
        }
        Err(e) => panic!("git cannot be run, so the repository cannot be scanned: {e}"),
    };
    let mut scanned = 0;
    for file in listed.stdout.split(|&b| b == 0).filter(|f| !f.is_empty()) {
        let path = std::path::Path::new(root).join(String::from_utf8_lossy(file).as_ref());
        let Ok(text) = std::fs::read_to_string(&path) else { continue }; // binary files
        scanned += 1;
        for line in text.lines() {
            for token in key_assignments(line) {
                let lower = token.to_ascii_lowercase();
                let says_demo = ["demo", "wrong", "forged", "notreal"].iter().any(|w| lower.contains(w));
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
