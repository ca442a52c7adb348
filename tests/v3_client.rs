//! `v3::Client` without a network: the requests it signs, the fields it refuses before
//! signing, and how it reads answers and notifications recorded in tests/vectors/v3.json
//! (signed with the TEST-ONLY WeChat Pay key at the vectors' `now`). Over real HTTP
//! against the demo's emulator: tests/consumers/axum.
#![cfg(feature = "v3")]

use serde_json::{json, Value};
use wxpay_wasm::v3::{
    ApiV3Key, Client, ClientError, Error, Event, Header, JsapiOrder, MerchantPrivateKey, OrderAmount, OrderId, Payer,
    PublicKeys, RefundAmount, RefundRequest, RefundStatus, TradeState,
};

/// The vectors' clock: every recorded signature is of this second.
const NOW: u64 = 1_764_590_400;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/v3.json")).unwrap()
}

fn test_only(name: &str) -> String {
    vectors()["keys"][name].as_str().unwrap().to_owned()
}

fn client() -> Client {
    let mut keys = PublicKeys::new();
    keys.insert(&test_only("wechatpayPublicKeyId"), &test_only("wechatpayPublicKey")).unwrap();
    keys.insert(&test_only("platformSerialNo"), &test_only("platformCertificate")).unwrap();
    let private_key = MerchantPrivateKey::from_pem(&test_only("merchantPrivateKey")).unwrap();
    let api_v3_key = ApiV3Key::new(&test_only("apiV3Key")).unwrap();
    Client::new("1900000109", &test_only("merchantSerialNo"), private_key, keys, api_v3_key).unwrap().with_clock(|| NOW)
}

/// A recorded answer or notification: its headers and body.
fn recorded(at: usize) -> (Vec<(String, String)>, String) {
    let case = &vectors()["verify"][at];
    let headers = case["headers"].as_object().unwrap().iter();
    (
        headers.map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())).collect(),
        case["body"].as_str().unwrap().to_owned(),
    )
}

fn order() -> JsapiOrder {
    JsapiOrder {
        appid: "wxd678efh567hg6787".to_owned(),
        description: "Image形象店-深圳腾大-QQ公仔".to_owned(),
        out_trade_no: "1217752501201407033233368018".to_owned(),
        notify_url: "https://www.weixin.qq.com/wxpay/pay.php".to_owned(),
        amount: OrderAmount { total: 100, currency: Some("CNY".to_owned()) },
        payer: Payer { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".to_owned() },
        ..JsapiOrder::default()
    }
}

#[test]
fn a_jsapi_order_is_signed_with_the_merchant_s_mchid_and_its_answer_gives_the_page_s_parameters() {
    let client = client();
    let pending = client.jsapi_order(&order()).unwrap();
    let request = &pending.request;
    assert_eq!(
        (request.method, request.url.as_str()),
        ("POST", "https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi")
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!((body["mchid"].as_str(), body["amount"]["total"].as_i64()), (Some("1900000109"), Some(100)));
    assert!(body.get("time_expire").is_none(), "an absent option is not sent as null");
    let names: Vec<_> = request.headers.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["Accept", "Authorization", "User-Agent", "Content-Type"]);
    let authorization = &request.headers[1].1;
    assert!(authorization.starts_with("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\","), "{authorization}");
    assert!(authorization.contains(&format!("timestamp=\"{NOW}\"")), "{authorization}");

    let (headers, body) = recorded(0); // {"prepay_id":"wx2014…"}, signed
    let answer = pending.read(200, &headers, body.as_bytes()).unwrap();
    assert_eq!(answer.prepay_id, "wx201410272009395522657a690389285100");
    assert_eq!(
        (answer.pay_params.package.as_str(), answer.pay_params.sign_type),
        ("prepay_id=wx201410272009395522657a690389285100", "RSA")
    );
    assert_eq!(answer.pay_params.time_stamp, NOW.to_string());
}

#[test]
fn the_status_is_read_before_the_signature_and_a_2xx_must_verify() {
    let client = client();
    let refusal = r#"{"code":"SIGN_ERROR","message":"签名错误"}"#.as_bytes();
    let read = client.jsapi_order(&order()).unwrap().read::<&str, &str>(401, &[("Request-ID", "08F7")], refusal);
    match read {
        Err(ClientError::Api(e)) => {
            assert_eq!((e.status, e.code.as_str(), e.request_id.as_deref()), (401, "SIGN_ERROR", Some("08F7")))
        }
        other => panic!("{other:?}"),
    }
    let (headers, body) = recorded(0);
    let unsigned = client.jsapi_order(&order()).unwrap().read::<&str, &str>(200, &[], body.as_bytes());
    assert_eq!(unsigned.map(|_| ()), Err(ClientError::Core(Error::MissingHeader(Header::Serial))));
    let tampered = body.replace("wx2014", "wx2015");
    let read = client.jsapi_order(&order()).unwrap().read(200, &headers, tampered.as_bytes());
    assert_eq!(read.map(|_| ()), Err(ClientError::Core(Error::InvalidSignature)));
    // Verified, but not a prepay_id: its own error, with the code the Node client gives it.
    let (headers, empty) = recorded(4);
    let read = client.jsapi_order(&order()).unwrap().read(200, &headers, empty.as_bytes());
    assert_eq!(read.map_err(|e| e.code()).map(|_| ()), Err("UnexpectedAnswer"));
    // The same signed 204 closes an order.
    assert_eq!(client.close_order("1217752501201407033233368018").unwrap().read(204, &headers, b""), Ok(()));
}

#[test]
fn fields_wechat_pay_would_refuse_are_refused_before_anything_is_signed() {
    let client = client();
    let refused = |order: JsapiOrder| client.jsapi_order(&order).map(|_| ()).unwrap_err();
    let uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301".to_owned();
    assert_eq!(refused(JsapiOrder { out_trade_no: uuid, ..order() }), Error::InvalidOutTradeNo);
    let free = JsapiOrder { amount: OrderAmount { total: 0, currency: None }, ..order() };
    assert_eq!(refused(free).code(), "InvalidAmount");
    let refund = RefundRequest {
        out_trade_no: Some("1217752501201407033233368018".to_owned()),
        out_refund_no: "R1".to_owned(),
        amount: RefundAmount { refund: 101, total: 100, ..RefundAmount::default() },
        ..RefundRequest::default()
    };
    assert_eq!(client.refund(&refund).map(|_| ()).unwrap_err().code(), "InvalidAmount");
    let nameless = RefundRequest { out_trade_no: None, ..refund.clone() };
    assert_eq!(client.refund(&nameless).map(|_| ()).unwrap_err(), Error::MissingOrderId);
    assert_eq!(client.query_refund("").map(|_| ()).unwrap_err(), Error::InvalidOutRefundNo);
    assert_eq!(client.close_order("../refund").map(|_| ()).unwrap_err(), Error::InvalidOutTradeNo);
    let by_id = client.query_order(OrderId::TransactionId("4200/../x")).map(|_| ());
    assert_eq!(by_id.unwrap_err(), Error::InvalidTransactionId);
    let query = client.query_order(OrderId::OutTradeNo("1217752501201407033233368018")).unwrap();
    assert_eq!((query.request.method, query.request.body.len()), ("GET", 0));
    assert!(query.request.url.ends_with("/out-trade-no/1217752501201407033233368018?mchid=1900000109"));
    assert!(query.request.headers.iter().all(|(name, _)| *name != "Content-Type"));
}

/// A notification as WeChat Pay sends it: `resource` encrypted with the APIv3 key, the
/// body signed with the TEST-ONLY WeChat Pay key at [`NOW`].
fn notification(event_type: &str, original_type: &str, resource: &Value) -> (Vec<(String, String)>, String) {
    use base64ct::{Base64, Encoding};
    use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
    use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
    let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, test_only("apiV3Key").as_bytes()).unwrap());
    let mut sealed = resource.to_string().into_bytes();
    let nonce = Nonce::assume_unique_for_key(*b"0123456789ab");
    sealing.seal_in_place_append_tag(nonce, Aad::from(original_type.as_bytes()), &mut sealed).unwrap();
    let body = json!({
        "id": "EV-2018022511223320873", "create_time": "2025-12-01T20:00:00+08:00", "resource_type": "encrypt-resource",
        "event_type": event_type, "summary": "…",
        "resource": { "original_type": original_type, "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": Base64::encode_string(&sealed), "associated_data": original_type, "nonce": "0123456789ab" },
    })
    .to_string();
    let pem = test_only("wechatpayPrivateKey");
    let der = Base64::decode_vec(&pem.lines().filter(|l| !l.starts_with("-----")).collect::<String>()).unwrap();
    let signer = RsaKeyPair::from_pkcs8(&der).unwrap();
    let mut signature = vec![0; signer.public().modulus_len()];
    let message = format!("{NOW}\nn0nce\n{body}\n");
    signer.sign(&RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), message.as_bytes(), &mut signature).unwrap();
    let headers = [
        ("Wechatpay-Serial", test_only("wechatpayPublicKeyId")),
        ("Wechatpay-Signature", Base64::encode_string(&signature)),
        ("Wechatpay-Timestamp", NOW.to_string()),
        ("Wechatpay-Nonce", "n0nce".to_owned()),
    ];
    (headers.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), body)
}

#[test]
fn a_notification_is_verified_decrypted_and_typed_by_its_event() {
    let client = client();
    let paid = json!({
        "appid": "wxd678efh567hg6787", "mchid": "1900000109", "out_trade_no": "1217752501201407033233368018",
        "transaction_id": "4200000985202103031441826014", "trade_type": "JSAPI", "trade_state": "SUCCESS",
        "trade_state_desc": "支付成功", "bank_type": "OTHERS", "success_time": "2025-12-01T20:00:00+08:00",
        "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        "amount": { "total": 100, "payer_total": 100, "currency": "CNY", "payer_currency": "CNY" },
    });
    let (headers, body) = notification("TRANSACTION.SUCCESS", "transaction", &paid);
    let read = client.parse_notification(&headers, body.as_bytes()).unwrap();
    assert_eq!((read.id.as_str(), read.event_type.as_str()), ("EV-2018022511223320873", "TRANSACTION.SUCCESS"));
    let Event::Transaction(transaction) = read.event else { panic!("{:?}", read.event) };
    assert_eq!(
        (transaction.trade_state, transaction.out_trade_no.as_str()),
        (TradeState::Success, "1217752501201407033233368018")
    );
    assert_eq!(transaction.amount.and_then(|a| a.total), Some(100));

    let refunded = json!({
        "mchid": "1900000109", "out_trade_no": "1217752501201407033233368018", "transaction_id": "4200000985202103031441826014",
        "out_refund_no": "R1", "refund_id": "50000000382019052709732678859", "refund_status": "SUCCESS",
        "success_time": "2025-12-01T20:00:00+08:00", "user_received_account": "支付用户零钱",
        "amount": { "total": 100, "refund": 100, "payer_total": 100, "payer_refund": 100 },
    });
    let (headers, body) = notification("REFUND.SUCCESS", "refund", &refunded);
    let Event::Refund(refund) = client.parse_notification(&headers, body.as_bytes()).unwrap().event else { panic!() };
    assert_eq!((refund.refund_status, refund.amount.refund), (RefundStatus::Success, 100));

    // Another event is verified and decrypted, and left as its JSON text.
    let (headers, body) = notification("MCHTRANSFER.BILL.FINISHED", "mch_payment", &json!({ "state": "SUCCESS" }));
    let other = client.parse_notification(&headers, body.as_bytes()).unwrap().event;
    assert_eq!(other, Event::Other(r#"{"state":"SUCCESS"}"#.to_owned()));

    // The body parsed and serialised again is not what WeChat Pay signed.
    let (headers, body) = notification("TRANSACTION.SUCCESS", "transaction", &paid);
    let reserialised = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
    assert_eq!(client.parse_notification(&headers, reserialised.as_bytes()), Err(Error::InvalidSignature));
    // A resource that is not a transaction: verified and decrypted, then refused by its code.
    let (headers, body) = notification("TRANSACTION.SUCCESS", "transaction", &json!({ "trade_state": "SUCCESS" }));
    let partial = client.parse_notification(&headers, body.as_bytes()).map(|_| ());
    assert_eq!(partial.map_err(|e| e.code()), Err("UnexpectedAnswer"));
}

#[test]
fn options_are_checked_and_debug_shows_no_key() {
    assert_eq!(client().with_base_url("http://api.mch.weixin.qq.com").map(|_| ()), Err(Error::InvalidBaseUrl));
    assert_eq!(client().with_timeout_ms(0).map(|_| ()), Err(Error::InvalidTimeout));
    let local = client().with_base_url("http://127.0.0.1:8788/").unwrap().with_timeout_ms(500).unwrap();
    assert_eq!(local.timeout_ms(), 500);
    assert!(local.query_refund("R1").unwrap().request.url.starts_with("http://127.0.0.1:8788/v3/"));
    let private_key = MerchantPrivateKey::from_pem(&test_only("merchantPrivateKey")).unwrap();
    let key = ApiV3Key::new(&test_only("apiV3Key")).unwrap();
    assert_eq!(Client::new("mch", "ABC", private_key, PublicKeys::new(), key).map(|_| ()), Err(Error::InvalidMchId));

    let shown = format!("{:?} {:#?}", client(), client().jsapi_order(&order()).unwrap());
    let private_key = test_only("merchantPrivateKey");
    let body_line = private_key.lines().nth(1).unwrap();
    assert!(!shown.contains(body_line) && !shown.contains(&test_only("apiV3Key")), "{shown}");
    assert!(shown.contains("<redacted>") && shown.contains("1900000109"), "{shown}");
}
