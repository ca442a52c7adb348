//! Every error path of `wxpay_wasm::v3`, and no key material in any error or `Debug`
//! output, whatever goes wrong and even when a key is passed in the wrong argument.
#![cfg(feature = "v3")]

use serde_json::Value;
use wxpay_wasm::v3::{
    self, Algorithm, ApiV3Key, AuthorizationRequest, Block, DecryptProblem, Error, Header, MerchantPrivateKey,
    PayRequest, PemProblem, PublicKeys, Resource, Serial,
};

const NOW: u64 = 1_764_590_400;

fn keys() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["keys"].clone()
}

fn key(name: &str) -> String {
    keys()[name].as_str().unwrap().to_owned()
}

fn pay(private_key: &MerchantPrivateKey) -> PayRequest<'_> {
    PayRequest {
        app_id: "wxd678efh567hg6787",
        prepay_id: "wx201410272009395522657a690389285100",
        private_key,
        time_stamp: Some("1764590400"),
        nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
    }
}

fn auth(private_key: &MerchantPrivateKey) -> AuthorizationRequest<'_> {
    AuthorizationRequest {
        mch_id: "1900000109",
        serial_no: "777623E342860B917FBD110270FA1ED5A132A6FD",
        private_key,
        method: "POST",
        url: "/v3/pay/transactions/jsapi",
        body: b"{}",
        time_stamp: Some("1764590400"),
        nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
    }
}

#[test]
fn private_key_errors() {
    let private = key("merchantPrivateKey");
    let err = |pem: &str| MerchantPrivateKey::from_pem(pem).unwrap_err();
    assert_eq!(err(""), Error::InvalidPrivateKey(PemProblem::NotPem));
    assert_eq!(err("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), Error::InvalidPrivateKey(PemProblem::NotPem));
    assert_eq!(err(&private.replace('\n', "\\n")), Error::InvalidPrivateKey(PemProblem::EscapedNewlines));
    let wrong = |block| Error::InvalidPrivateKey(PemProblem::WrongKind(block));
    assert_eq!(err(&key("merchantPublicKey")), wrong(Block::PublicKey));
    assert_eq!(err(&key("platformCertificate")), wrong(Block::Certificate));
    assert_eq!(
        err("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"),
        wrong(Block::Other)
    );
    // A file's name where its content belongs.
    for path in ["/etc/wxpay/apiclient_key.pem", "./apiclient_key.pem", "C:\\certs\\apiclient_key.pem"] {
        assert_eq!(err(path), Error::InvalidPrivateKey(PemProblem::FilePath), "{path}");
    }
    // The key with its certificate (a bundle) is two blocks.
    let bundle = format!("{private}\n{}", key("platformCertificate"));
    assert_eq!(err(&bundle), Error::InvalidPrivateKey(PemProblem::SeveralBlocks));
    let header = private.lines().next().unwrap();
    let footer = private.lines().last().unwrap();
    assert_eq!(err(&format!("{header}\nAAAA\n{footer}")), Error::InvalidPrivateKey(PemProblem::NotRsa2048));
    // A broken body (one character changed) is refused, not half-read.
    assert!(MerchantPrivateKey::from_pem(&private.replacen("MII", "MIJ", 1)).is_err());
    // Surrounding whitespace, as read from a file, CRLF line ends, and every line
    // indented (a template literal) are fine.
    assert!(MerchantPrivateKey::from_pem(&format!("\n{private}\n\n")).is_ok());
    assert!(MerchantPrivateKey::from_pem(&private.replace('\n', "\r\n")).is_ok());
    let indented: String = private.lines().map(|l| format!("    {l}\n")).collect();
    assert!(MerchantPrivateKey::from_pem(&indented).is_ok());
}

#[test]
fn public_key_errors() {
    let mut keys = PublicKeys::new();
    let public = key("wechatpayPublicKey");
    let mut insert = |serial: &str, pem: &str| keys.insert(serial, pem).unwrap_err();
    // An unset variable's "undefined", and anything neither PUB_KEY_ID_… nor hex.
    for serial in ["", "PUB KEY", "a\"b", "undefined", "null", "PUB_KEY_ID_", "PUB_KEY_ID_1 ", &"A".repeat(65)] {
        assert_eq!(insert(serial, &public), Error::InvalidSerialNo(Serial::WechatPay), "{serial:?}");
    }
    assert_eq!(insert("PUB_KEY_ID_1", "not pem"), Error::InvalidPublicKey(PemProblem::NotPem));
    assert_eq!(
        insert("PUB_KEY_ID_1", &public.replace('\n', "\\n")),
        Error::InvalidPublicKey(PemProblem::EscapedNewlines)
    );
    // The merchant's private key registered as WeChat Pay's key: refused, never its public half used.
    assert_eq!(
        insert("PUB_KEY_ID_1", &key("merchantPrivateKey")),
        Error::InvalidPublicKey(PemProblem::WrongKind(Block::PrivateKey))
    );
    assert_eq!(insert("PUB_KEY_ID_1", "./pub_key.pem"), Error::InvalidPublicKey(PemProblem::FilePath));
    // A certificate chain: each certificate goes under its own serial.
    let chain = format!("{}\n{}", key("platformCertificate"), key("platformCertificate"));
    assert_eq!(insert(&key("platformSerialNo"), &chain), Error::InvalidPublicKey(PemProblem::SeveralBlocks));
    let header = public.lines().next().unwrap();
    let footer = public.lines().last().unwrap();
    assert_eq!(
        insert("PUB_KEY_ID_1", &format!("{header}\nAAAA\n{footer}")),
        Error::InvalidPublicKey(PemProblem::NotRsa2048)
    );
    // A certificate goes under its own serial number only (hex, any case, leading zeros).
    let (certificate, serial) = (key("platformCertificate"), key("platformSerialNo"));
    let last = serial.chars().last().unwrap();
    let changed = format!("{}{}", &serial[..serial.len() - 1], if last == '0' { '1' } else { '0' });
    for wrong in ["PUB_KEY_ID_1", &key("merchantSerialNo"), &changed, &format!("{serial}0"), &serial[1..], "0"] {
        assert_eq!(insert(wrong, &certificate), Error::CertificateSerialMismatch, "{wrong}");
    }
    assert!(keys.is_empty(), "a refused key is not added");
    for right in [serial.to_ascii_lowercase(), format!("00{serial}")] {
        keys.insert(&right, &certificate).unwrap();
    }
    assert_eq!(keys.len(), 2);
    let mut keys = PublicKeys::new();
    keys.insert(&serial, &public).unwrap();
    keys.insert(&serial, &certificate).unwrap();
    assert_eq!(keys.len(), 1, "the same serial replaces its key");
    // Rotation: the public key beside the certificate, then the certificate retired.
    keys.insert(&key("wechatpayPublicKeyId"), &public).unwrap();
    assert_eq!(keys.serials().collect::<Vec<_>>(), [serial.as_str(), &key("wechatpayPublicKeyId")]);
    // A serial registered exactly wins over one that differs only in case.
    let mut cased = PublicKeys::new();
    cased.insert(&serial.to_ascii_lowercase(), &public).unwrap();
    cased.insert(&serial, &certificate).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = doc["verify"].as_array().unwrap().iter().find(|c| c["name"] == "answer, platform certificate").unwrap();
    let headers = case["headers"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap()));
    assert_eq!(
        v3::verify(headers, case["body"].as_str().unwrap().as_bytes(), &cased, case["now"].as_u64().unwrap()),
        Ok(())
    );
    assert!(keys.remove(&serial));
    assert!(!keys.remove(&serial), "removed once");
    assert_eq!(keys.serials().collect::<Vec<_>>(), [key("wechatpayPublicKeyId")]);
}

#[test]
fn pay_params_share_the_v2_field_rules() {
    use wxpay_wasm::{Error as V2, TimeStampProblem};
    let private = MerchantPrivateKey::from_pem(&key("merchantPrivateKey")).unwrap();
    let base = pay(&private);
    let build = |r: PayRequest<'_>| v3::build_pay_params(&r, || NOW).unwrap_err();
    assert_eq!(build(PayRequest { app_id: "", ..base }), Error::Field(V2::MissingAppId));
    assert_eq!(build(PayRequest { app_id: "wx a", ..base }), Error::Field(V2::InvalidAppId));
    assert_eq!(build(PayRequest { prepay_id: "prepay_id=", ..base }), Error::Field(V2::MissingPrepayId));
    assert_eq!(build(PayRequest { prepay_id: "prepay_id=prepay_id=wx1", ..base }), Error::Field(V2::InvalidPrepayId));
    let ms = build(PayRequest { time_stamp: Some("1764590400000"), ..base });
    assert_eq!(ms, Error::Field(V2::InvalidTimeStamp(TimeStampProblem::Milliseconds)));
    assert_eq!(ms.code(), "InvalidTimeStamp");
    let uuid = Some("0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(build(PayRequest { nonce_str: uuid, ..base }).code(), "NonceTooLong");
    assert_eq!(build(PayRequest { nonce_str: Some("a-b"), ..base }).code(), "InvalidNonce");
    // Made when missing: 10 digits from the clock, 32 random letters and digits.
    let fresh = v3::build_pay_params(&PayRequest { time_stamp: None, nonce_str: None, ..base }, || NOW).unwrap();
    assert_eq!((fresh.time_stamp.as_str(), fresh.nonce_str.len()), ("1764590400", 32));
    assert_eq!(fresh.package, "prepay_id=wx201410272009395522657a690389285100");
}

#[test]
fn authorization_errors() {
    let private = MerchantPrivateKey::from_pem(&key("merchantPrivateKey")).unwrap();
    let base = auth(&private);
    let sign = |r: AuthorizationRequest<'_>| v3::authorization(&r, || NOW).unwrap_err();
    assert_eq!(sign(AuthorizationRequest { mch_id: "", ..base }), Error::InvalidMchId);
    assert_eq!(sign(AuthorizationRequest { mch_id: "19000001O9", ..base }), Error::InvalidMchId);
    assert_eq!(sign(AuthorizationRequest { serial_no: "", ..base }), Error::InvalidSerialNo(Serial::Merchant));
    assert_eq!(
        sign(AuthorizationRequest { serial_no: "7776\",x=\"1", ..base }),
        Error::InvalidSerialNo(Serial::Merchant)
    );
    assert_eq!(sign(AuthorizationRequest { method: "post", ..base }), Error::InvalidMethod);
    assert_eq!(sign(AuthorizationRequest { method: "", ..base }), Error::InvalidMethod);
    assert_eq!(sign(AuthorizationRequest { method: "GET ", ..base }), Error::InvalidMethod);
    let long_mch_id = "1".repeat(33);
    assert_eq!(sign(AuthorizationRequest { mch_id: &long_mch_id, ..base }), Error::InvalidMchId);
    let long_serial = "A".repeat(65);
    assert_eq!(
        sign(AuthorizationRequest { serial_no: &long_serial, ..base }),
        Error::InvalidSerialNo(Serial::Merchant)
    );
    assert_eq!(
        sign(AuthorizationRequest { serial_no: "PUB_KEY_ID_0114", ..base }),
        Error::InvalidSerialNo(Serial::Merchant)
    );
    assert_eq!(sign(AuthorizationRequest { method: "HEAD", ..base }), Error::InvalidMethod);
    for url in
        ["https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi", "v3/pay", "", "/v3/a b", "/v3/\n", "/v3/商户"]
    {
        assert_eq!(sign(AuthorizationRequest { url, ..base }), Error::InvalidUrl, "{url:?}");
    }
    assert_eq!(sign(AuthorizationRequest { time_stamp: Some("17645904"), ..base }).code(), "InvalidTimeStamp");
    // The clock and a random nonce fill what is not given.
    let made = v3::authorization(&AuthorizationRequest { time_stamp: None, nonce_str: None, ..base }, || NOW).unwrap();
    assert!(made.starts_with("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\""), "{made}");
    assert!(made.contains(",timestamp=\"1764590400\","), "{made}");
}

/// An answer signed with the TEST-ONLY WeChat Pay key, as the vectors hold it.
fn signed_answer() -> (Vec<(String, String)>, String, PublicKeys) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = &doc["verify"][0];
    assert_eq!(case["expected"], true);
    let headers = case["headers"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()));
    let mut keys = PublicKeys::new();
    keys.insert(&key("wechatpayPublicKeyId"), &key("wechatpayPublicKey")).unwrap();
    (headers.collect(), case["body"].as_str().unwrap().to_owned(), keys)
}

#[test]
fn verify_errors() {
    let (headers, body, keys) = signed_answer();
    let verify =
        |h: &[(String, String)], now: u64| v3::verify(h.iter().map(|(k, v)| (k, v)), body.as_bytes(), &keys, now);
    assert_eq!(verify(&headers, NOW), Ok(()));
    for (i, header) in Header::ALL.into_iter().enumerate() {
        let without: Vec<_> = headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case(header.name())).cloned().collect();
        assert_eq!(without.len(), headers.len() - 1);
        assert_eq!(verify(&without, NOW), Err(Error::MissingHeader(header)), "{i}");
    }
    let with = |name: &str, value: &str| -> Vec<(String, String)> {
        headers.iter().map(|(k, v)| (k.clone(), if k == name { value.to_owned() } else { v.clone() })).collect()
    };
    for stamp in ["+1764590400", "1764590400.0", "-1", "99999999999999999999", "１７６４５９０４００", "1 764590400"]
    {
        assert_eq!(verify(&with("Wechatpay-Timestamp", stamp), NOW), Err(Error::TimestampOutOfWindow), "{stamp:?}");
    }
    assert_eq!(verify(&headers, 0), Err(Error::TimestampOutOfWindow));
    assert_eq!(verify(&headers, u64::MAX), Err(Error::TimestampOutOfWindow));
    assert_eq!(verify(&with("Wechatpay-Signature", "WECHATPAY/SIGNTEST/x"), NOW), Err(Error::SignatureProbe));
    assert_eq!(verify(&with("Wechatpay-Serial", "PUB_KEY_ID_0"), NOW), Err(Error::UnknownSerial));
    // Values as HTTP delivers them: spaces and tabs around a value are not part of it,
    // and an empty value is no value (a probe behind a space is still a probe).
    for (name, header) in [
        ("Wechatpay-Serial", Header::Serial),
        ("Wechatpay-Signature", Header::Signature),
        ("Wechatpay-Timestamp", Header::Timestamp),
        ("Wechatpay-Nonce", Header::Nonce),
    ] {
        let value = &headers.iter().find(|(k, _)| k == name).unwrap().1;
        assert_eq!(verify(&with(name, &format!(" \t{value} ")), NOW), Ok(()), "{name}");
        assert_eq!(verify(&with(name, ""), NOW), Err(Error::MissingHeader(header)), "{name}");
        assert_eq!(verify(&with(name, "  "), NOW), Err(Error::MissingHeader(header)), "{name}");
    }
    assert_eq!(verify(&with("Wechatpay-Signature", " WECHATPAY/SIGNTEST/x"), NOW), Err(Error::SignatureProbe));
    // A repeated header: the same value counts once; two values are refused, whichever is first.
    let signature = headers.iter().find(|(k, _)| k == "Wechatpay-Signature").cloned().unwrap();
    let mut same = headers.clone();
    same.push(("WECHATPAY-SIGNATURE".into(), signature.1.clone()));
    assert_eq!(verify(&same, NOW), Ok(()));
    let mut repeated = headers.clone();
    repeated.push(("wechatpay-signature".into(), "WECHATPAY/SIGNTEST/x".into()));
    assert_eq!(verify(&repeated, NOW), Err(Error::RepeatedHeader(Header::Signature)));
    let mut first_bad = with("Wechatpay-Signature", "AAAA");
    first_bad.push(signature);
    assert_eq!(verify(&first_bad, NOW), Err(Error::RepeatedHeader(Header::Signature)));
    // Wechatpay-Signature-Type, when sent, is WeChat Pay's one scheme.
    let mut typed = headers.clone();
    typed.push(("Wechatpay-Signature-Type".into(), "WECHATPAY2-SHA256-RSA2048".into()));
    assert_eq!(verify(&typed, NOW), Ok(()));
    typed.push(("wechatpay-signature-type".into(), "WECHATPAY2-SM2-WITH-SM3".into()));
    assert_eq!(verify(&typed, NOW), Err(Error::UnsupportedAlgorithm(Algorithm::SignatureType)));
    // Base64 that decodes but is not canonical (non-zero padding bits) is not a signature.
    assert_eq!(verify(&with("Wechatpay-Signature", "AAAA"), NOW), Err(Error::InvalidSignature));
    assert_eq!(verify(&with("Wechatpay-Signature", "AB=="), NOW), Err(Error::InvalidSignature));
    // No key at all: every serial is unknown.
    assert_eq!(
        v3::verify(headers.iter().map(|(k, v)| (k, v)), body.as_bytes(), &PublicKeys::new(), NOW),
        Err(Error::UnknownSerial)
    );
}

#[test]
fn decrypt_errors() {
    assert_eq!(ApiV3Key::new("").unwrap_err(), Error::InvalidApiV3Key);
    assert_eq!(ApiV3Key::new("TestOnlyNotRealKey0000000000000").unwrap_err(), Error::InvalidApiV3Key); // 31
    assert_eq!(ApiV3Key::new("TestOnlyNotRealKey000000000000000").unwrap_err(), Error::InvalidApiV3Key); // 33
    assert_eq!(ApiV3Key::new("TestOnlyNotRealKey0000000000000é").unwrap_err(), Error::InvalidApiV3Key); // 32 chars, 33 bytes
    let key = ApiV3Key::new(&key("apiV3Key")).unwrap();
    let ok = Resource {
        algorithm: "AEAD_AES_256_GCM",
        ciphertext: "AAAAAAAAAAAAAAAAAAAAAA==",
        nonce: "0123456789ab",
        associated_data: "",
    };
    let decrypt = |r: Resource<'_>| v3::decrypt_resource(&r, &key).unwrap_err();
    assert_eq!(
        decrypt(Resource { algorithm: "aead_aes_256_gcm", ..ok }),
        Error::UnsupportedAlgorithm(Algorithm::Resource)
    );
    // No algorithm: the whole notification was passed where its resource belongs.
    assert_eq!(decrypt(Resource { algorithm: "", ..ok }), Error::DecryptFailed(DecryptProblem::NotAResource));
    assert_eq!(decrypt(Resource { nonce: "0123456789a", ..ok }), Error::DecryptFailed(DecryptProblem::Nonce));
    assert_eq!(decrypt(Resource { nonce: "", ..ok }), Error::DecryptFailed(DecryptProblem::Nonce));
    assert_eq!(decrypt(Resource { nonce: "0123456789abc", ..ok }), Error::DecryptFailed(DecryptProblem::Nonce));
    assert_eq!(decrypt(Resource { ciphertext: "", ..ok }), Error::DecryptFailed(DecryptProblem::Ciphertext));
    assert_eq!(decrypt(Resource { ciphertext: "AAAA", ..ok }), Error::DecryptFailed(DecryptProblem::Ciphertext));
    assert_eq!(decrypt(Resource { ciphertext: "AAAA AAAA", ..ok }), Error::DecryptFailed(DecryptProblem::Ciphertext));
    // Exactly a tag's worth of bytes, the wrong tag.
    assert_eq!(decrypt(ok), Error::DecryptFailed(DecryptProblem::Authentication));
}

/// Pieces of every secret in v3.json that must never show: 24 characters from the middle
/// of each private key's PEM body and the APIv3 key itself.
fn secrets() -> Vec<String> {
    let keys = keys();
    let mut pieces: Vec<String> = ["merchantPrivateKey", "wechatpayPrivateKey", "platformPrivateKey"]
        .iter()
        .flat_map(|name| {
            let body: String = keys[name].as_str().unwrap().lines().filter(|l| !l.starts_with("-----")).collect();
            (0..body.len() - 24).step_by(97).map(move |at| body[at..at + 24].to_owned())
        })
        .collect();
    pieces.push(keys["apiV3Key"].as_str().unwrap().to_owned());
    pieces.push(keys["apiV3Key"].as_str().unwrap()[8..].to_owned()); // after "TestOnly"
    pieces
}

fn assert_clean(shown: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(!shown.contains(secret.as_str()), "key material shown: {shown}");
    }
}

#[test]
fn no_error_or_debug_output_holds_key_material() {
    let secrets = secrets();
    let private_pem = key("merchantPrivateKey");
    let api_v3 = key("apiV3Key");
    let api_v3_long = format!("{api_v3}x");
    let private = MerchantPrivateKey::from_pem(&private_pem).unwrap();
    let one_line: String = private_pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut failures: Vec<Error> = vec![
        MerchantPrivateKey::from_pem(&private_pem.replace('\n', "\\n")).unwrap_err(),
        MerchantPrivateKey::from_pem(&one_line).unwrap_err(),
        MerchantPrivateKey::from_pem(&private_pem.replacen("MII", "MIJ", 1)).unwrap_err(),
        PublicKeys::new().insert("PUB_KEY_ID_1", &private_pem).unwrap_err(),
        PublicKeys::new().insert(&one_line, &key("wechatpayPublicKey")).unwrap_err(),
        PublicKeys::new().insert(&api_v3, &private_pem).unwrap_err(),
        ApiV3Key::new(&format!("{api_v3}\n")).unwrap_err(),
        ApiV3Key::new(&private_pem).unwrap_err(),
        v3::build_pay_params(&PayRequest { app_id: &one_line, ..pay(&private) }, || NOW).unwrap_err(),
        v3::build_pay_params(&PayRequest { nonce_str: Some(&api_v3_long), ..pay(&private) }, || NOW).unwrap_err(),
        v3::build_pay_params(&PayRequest { time_stamp: Some(&api_v3[..]), ..pay(&private) }, || NOW).unwrap_err(),
        v3::authorization(&AuthorizationRequest { mch_id: &api_v3, ..auth(&private) }, || NOW).unwrap_err(),
        v3::authorization(&AuthorizationRequest { serial_no: &one_line, ..auth(&private) }, || NOW).unwrap_err(),
        v3::authorization(&AuthorizationRequest { url: &private_pem, ..auth(&private) }, || NOW).unwrap_err(),
        v3::authorization(&AuthorizationRequest { method: &api_v3, ..auth(&private) }, || NOW).unwrap_err(),
    ];
    let (headers, body, keys) = signed_answer();
    let with_secret =
        headers.iter().map(|(k, v)| (k.as_str(), if k == "Wechatpay-Signature" { api_v3.as_str() } else { v }));
    failures.push(v3::verify(with_secret, body.as_bytes(), &keys, NOW).unwrap_err());
    let resource = Resource { algorithm: &api_v3, ciphertext: &one_line, nonce: &api_v3, associated_data: &api_v3 };
    failures.push(v3::decrypt_resource(&resource, &ApiV3Key::new(&api_v3).unwrap()).unwrap_err());
    let resource = Resource { algorithm: v3::ALGORITHM, ..resource };
    failures.push(v3::decrypt_resource(&resource, &ApiV3Key::new(&api_v3).unwrap()).unwrap_err());
    for e in &failures {
        assert_clean(&format!("{e} | {e:?} | {e:#?} | {} | {}", e.code(), e.message()), &secrets);
    }
    let api_key = ApiV3Key::new(&api_v3).unwrap();
    let request = pay(&private);
    let auth_request = auth(&private);
    let shown = format!("{private:?} {private:#?} {api_key:?} {api_key:#?} {keys:?} {request:?} {auth_request:#?}");
    assert_clean(&shown, &secrets);
    assert!(shown.contains("<redacted>"));
}
