//! No error, `Display` or `Debug` output ever contains the key, whatever goes wrong
//! and even when the key is passed in the wrong argument. (That no committed file holds a
//! real-looking key is a repository lint: tools/lint/keys.test.js.)

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
        Error::InvalidKey(Length),
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
