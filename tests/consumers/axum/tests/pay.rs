//! The axum backend of src/lib.rs against the demo's WeChat Pay API v3 emulator
//! (miniprogram-demo/server/emulator-v3.js, started here on the loopback and stopped
//! here), over real HTTP: order, pay, notification, query, refund, refund notification;
//! then faults, each ending in its own typed error with nothing booked.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use consumer_axum::{order, send, wechat_pay_notification, Shop};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use wxpay_wasm::v3::{
    ApiV3Key, Client, ClientError, Error, Header, MerchantPrivateKey, OrderId, PublicKeys, RefundAmount, RefundRequest,
    RefundStatus, TradeState, Transport,
};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

/// The emulator (a Node child process) and the shop's axum server in front of it.
struct Running {
    emulator: Child,
    emulator_url: String,
    emulator_said: Value,
    shop: Arc<Shop>,
    http: reqwest::Client,
}

impl Running {
    async fn start() -> Running {
        Running::start_with(&[]).await
    }

    async fn start_with(emulator_args: &[&str]) -> Running {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("emulator.js");
        let mut emulator = Command::new("node")
            .arg(script)
            .args(emulator_args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the emulator");
        let stdout = emulator.stdout.take().unwrap();
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first).await.unwrap();
        let said: Value = serde_json::from_str(&first).expect("the emulator prints its URL and keys");
        let text = |name: &str| said["keys"][name].as_str().unwrap().to_owned();
        let emulator_url = said["url"].as_str().unwrap().to_owned();

        // The shop's server, on the loopback, so that the emulator can post notifications to it.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let notify_url = format!("http://{}/wechatpay/notify", listener.local_addr().unwrap());
        let wechat_pay = client(&said, &emulator_url, 2000);
        let shop = Arc::new(Shop {
            http: http_client(u64::from(wechat_pay.timeout_ms())),
            wechat_pay,
            app_id: said["appId"].as_str().unwrap().to_owned(),
            notify_url,
            books: Mutex::new(HashMap::new()),
        });
        let app = Router::new().route("/wechatpay/notify", post(wechat_pay_notification)).with_state(shop.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        assert_eq!(text("merchantSerialNo").len(), 40);
        Running { emulator, emulator_url, emulator_said: said, shop, http: http_client(5000) }
    }

    /// Another client of the same merchant (another timeout).
    fn client(&self, timeout_ms: i64) -> Client {
        client(&self.emulator_said, &self.emulator_url, timeout_ms)
    }

    /// POST a test hook or the wx.requestPayment stand-in of the emulator.
    async fn post(&self, path: &str, body: Value) -> Value {
        let request = self.http.post(format!("{}{path}", self.emulator_url));
        let answer = request.header("Content-Type", "application/json").body(body.to_string()).send().await.unwrap();
        serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap()
    }

    /// What the page's wx.requestPayment does with the parameters.
    async fn pay(&self, pay_params: &wxpay_wasm::v3::PayParams) -> Value {
        self.post("/pay/confirm", serde_json::to_value(pay_params).unwrap()).await
    }

    async fn fault(&self, name: &str) {
        assert_eq!(self.post("/test/v3-fault", json!({ "fault": name })).await["fault"], name);
    }

    fn booked(&self, out_trade_no: &str) -> Option<&'static str> {
        self.shop.books.lock().unwrap().get(out_trade_no).copied()
    }

    /// Waits for the notification's effect on the books (a notification comes after the answer).
    async fn until_booked(&self, out_trade_no: &str, entry: &str) {
        for _ in 0..250 {
            if self.booked(out_trade_no) == Some(entry) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("{out_trade_no} was never booked {entry}");
    }

    async fn stop(mut self) {
        drop(self.emulator.stdin.take()); // the emulator closes and exits
        let status = self.emulator.wait().await.unwrap();
        assert!(status.success(), "{status}");
    }
}

fn client(said: &Value, url: &str, timeout_ms: i64) -> Client {
    let text = |name: &str| said["keys"][name].as_str().unwrap().to_owned();
    let mut keys = PublicKeys::new();
    keys.insert(&text("wechatpayPublicKeyId"), &text("wechatpayPublicKey")).unwrap();
    let private_key = MerchantPrivateKey::from_pem(&text("merchantPrivateKey")).unwrap();
    let api_v3_key = ApiV3Key::new(&text("apiV3Key")).unwrap();
    Client::new(said["mchId"].as_str().unwrap(), &text("merchantSerialNo"), private_key, keys, api_v3_key)
        .and_then(|c| c.with_base_url(url))
        .and_then(|c| c.with_timeout_ms(timeout_ms))
        .unwrap()
}

fn http_client(timeout_ms: u64) -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_millis(timeout_ms)).build().unwrap()
}

/// The code of a call refused before anything was sent.
fn refused<T>(result: Result<T, Error>) -> Option<&'static str> {
    result.err().map(|e| e.code())
}

fn out_trade_no(tag: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("R{tag}{nanos}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pays_is_notified_queries_refunds_and_is_notified_of_the_refund() {
    let run = Running::start().await;
    let shop = &run.shop;
    let no = out_trade_no("pay");

    let ordered = order(shop, &no, 100, OPENID).await.unwrap();
    assert!(ordered.prepay_id.starts_with("wx"), "{}", ordered.prepay_id);
    assert_eq!(ordered.pay_params.package, format!("prepay_id={}", ordered.prepay_id));
    assert_eq!((ordered.pay_params.sign_type, ordered.pay_params.pay_sign.len()), ("RSA", 344));
    let unpaid = send(&shop.http, shop.wechat_pay.query_order(OrderId::OutTradeNo(&no)).unwrap()).await.unwrap();
    assert_eq!(unpaid.trade_state, TradeState::NotPay);

    assert_eq!(run.pay(&ordered.pay_params).await["errMsg"], "requestPayment:ok");
    run.until_booked(&no, "PAID").await;
    let paid = send(&shop.http, shop.wechat_pay.query_order(OrderId::OutTradeNo(&no)).unwrap()).await.unwrap();
    assert_eq!((paid.trade_state, paid.amount.as_ref().and_then(|a| a.total)), (TradeState::Success, Some(100)));
    let transaction_id = paid.transaction_id.clone().unwrap();
    let by_id = shop.wechat_pay.query_order(OrderId::TransactionId(&transaction_id)).unwrap();
    assert_eq!(send(&shop.http, by_id).await.unwrap(), paid);

    let out_refund_no = format!("F{no}");
    let refund = RefundRequest {
        out_trade_no: Some(no.clone()),
        out_refund_no: out_refund_no.clone(),
        reason: Some("consumer test".to_owned()),
        notify_url: Some(shop.notify_url.clone()),
        amount: RefundAmount { refund: 100, total: 100, ..RefundAmount::default() },
        ..RefundRequest::default()
    };
    let refunding = send(&shop.http, shop.wechat_pay.refund(&refund).unwrap()).await.unwrap();
    assert_eq!((refunding.status, refunding.amount.refund), (RefundStatus::Processing, 100));
    run.until_booked(&no, "REFUNDED").await;
    let refunded = send(&shop.http, shop.wechat_pay.query_refund(&out_refund_no).unwrap()).await.unwrap();
    assert_eq!(refunded.status, RefundStatus::Success);
    let after = send(&shop.http, shop.wechat_pay.query_order(OrderId::OutTradeNo(&no)).unwrap()).await.unwrap();
    assert_eq!(after.trade_state, TradeState::Refund);

    // The emulator saw the handler answer 204 to both notifications.
    let seen = run.http.get(format!("{}/test/orders/{no}", run.emulator_url)).send().await.unwrap();
    let seen: Value = serde_json::from_slice(&seen.bytes().await.unwrap()).unwrap();
    let statuses: Vec<_> = seen["notifications"].as_array().unwrap().iter().map(|n| n["httpStatus"].clone()).collect();
    assert_eq!(statuses, [json!(204), json!(204)]);

    // Closing an unpaid order: 204, read as ().
    let unpaid = out_trade_no("close");
    order(shop, &unpaid, 1, OPENID).await.unwrap();
    send(&shop.http, shop.wechat_pay.close_order(&unpaid).unwrap()).await.unwrap();
    let closed = send(&shop.http, shop.wechat_pay.query_order(OrderId::OutTradeNo(&unpaid)).unwrap()).await.unwrap();
    assert_eq!(closed.trade_state, TradeState::Closed);

    // A merchant on the WeChat Pay public key has no platform certificates: WeChat Pay's 404.
    let certificates = send(&shop.http, shop.wechat_pay.download_certificates().unwrap()).await;
    match certificates {
        Err(ClientError::Api(e)) => assert_eq!((e.status, e.code.as_str()), (404, "RESOURCE_NOT_EXISTS")),
        other => panic!("{other:?}"),
    }
    run.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fault_ends_in_its_own_typed_error_and_nothing_is_booked() {
    let run = Running::start().await;
    let shop = &run.shop;
    let no = out_trade_no("fault");
    let ordered = order(shop, &no, 100, OPENID).await.unwrap();
    let query = || shop.wechat_pay.query_order(OrderId::OutTradeNo(&no)).unwrap();

    run.fault("sign-error").await;
    match send(&shop.http, query()).await {
        Err(ClientError::Api(e)) => {
            assert_eq!((e.status, e.code.as_str()), (401, "SIGN_ERROR"));
            assert!(e.to_string().contains("serialNo"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let cases = [
        ("tampered", Error::InvalidSignature),
        ("unsigned", Error::MissingHeader(Header::Serial)),
        ("stale", Error::TimestampOutOfWindow),
        ("unknown-serial", Error::UnknownSerial),
    ];
    for (fault, expected) in cases {
        run.fault(fault).await;
        assert_eq!(send(&shop.http, query()).await, Err(ClientError::Core(expected)), "{fault}");
    }
    let quick = run.client(300);
    let quick_http = http_client(u64::from(quick.timeout_ms()));
    run.fault("hang").await;
    let hung = send(&quick_http, quick.query_order(OrderId::OutTradeNo(&no)).unwrap()).await;
    assert_eq!(hung.map_err(|e| e.code()), Err("Timeout"));
    assert_eq!(Error::Transport(Transport::Timeout).code(), "Timeout");

    // Each fault was for one answer: the order is still unpaid, and verifies again.
    assert_eq!(send(&shop.http, query()).await.unwrap().trade_state, TradeState::NotPay);

    // A forged notification (a byte changed after signing) is answered 400 and not booked.
    assert_eq!(run.pay(&ordered.pay_params).await["errMsg"], "requestPayment:ok");
    run.until_booked(&no, "PAID").await;
    shop.books.lock().unwrap().remove(&no);
    let forged = run.post("/test/forge-notify", json!({ "orderId": no, "variant": "tampered" })).await;
    assert_eq!(
        (forged["httpStatus"].clone(), forged["answer"]["message"].clone()),
        (json!(400), json!("InvalidSignature"))
    );
    assert_eq!(run.booked(&no), None);

    // Fields WeChat Pay would refuse are refused before anything is signed or sent.
    let uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    assert_eq!(order(shop, uuid, 100, OPENID).await.map(|_| ()), Err(ClientError::Core(Error::InvalidOutTradeNo)));
    let zero = order(shop, &out_trade_no("zero"), 0, OPENID).await.map(|_| ());
    assert_eq!(zero.map_err(|e| e.code()), Err("InvalidAmount"));
    run.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encrypts_a_payee_s_name_that_wechat_pay_decrypts() {
    let run = Running::start().await;
    let shop = &run.shop;
    let sealed = shop.wechat_pay.encrypt_sensitive("张三", None).unwrap();
    assert_eq!(sealed.serial, run.emulator_said["keys"]["wechatpayPublicKeyId"].as_str().unwrap());
    let bill = |no: &str, user_name: &str| {
        json!({
            "appid": run.emulator_said["appId"], "out_bill_no": no, "transfer_scene_id": "1000", "openid": OPENID,
            "user_name": user_name, "transfer_amount": 3000, "transfer_remark": "consumer test",
        })
        .to_string()
    };
    let path = "/v3/fund-app/mch-transfer/transfer-bills";
    let transfer =
        shop.wechat_pay.request::<Value>("POST", path, Some(&bill("B1", &sealed.ciphertext)), Some(&sealed.serial));
    let answer = send(&shop.http, transfer.unwrap()).await.unwrap();
    assert_eq!(answer["state"], "WAIT_USER_CONFIRM");
    // The emulator decrypts with WeChat Pay's private key: the name in the clear is refused.
    let clear = shop.wechat_pay.request::<Value>("POST", path, Some(&bill("B2", "张三")), Some(&sealed.serial));
    match send(&shop.http, clear.unwrap()).await {
        Err(ClientError::Api(e)) => {
            assert_eq!((e.status, e.message.as_str()), (400, "请确认待处理的消息是否为加密后的密文"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(refused(shop.wechat_pay.encrypt_sensitive("", None)), Some("InvalidSensitiveField"));
    assert_eq!(refused(shop.wechat_pay.encrypt_sensitive("张三", Some("PUB_KEY_ID_0000"))), Some("UnknownSerial"));
    assert_eq!(refused(shop.wechat_pay.request::<Value>("get", path, None, None)), Some("InvalidMethod"));
    let serial = shop.wechat_pay.request::<Value>("POST", path, Some("{}"), Some("PUB_KEY_ID_0000"));
    assert_eq!(refused(serial), Some("UnknownSerial"));
    run.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_platform_certificates_checked_and_decrypted() {
    let run = Running::start_with(&["--platform-certificate"]).await;
    let vectors: Value = serde_json::from_str(include_str!("../../../vectors/v3.json")).unwrap();
    let serial = vectors["keys"]["platformSerialNo"].as_str().unwrap();
    let mut wechat_pay = run.client(2000);
    let certificates = send(&run.shop.http, wechat_pay.download_certificates().unwrap()).await.unwrap();
    assert_eq!(certificates.iter().map(|c| c.serial_no.as_str()).collect::<Vec<_>>(), [serial]);
    assert!(certificates[0].pem.starts_with("-----BEGIN CERTIFICATE-----"));
    wechat_pay.public_keys_mut().insert(serial, &certificates[0].pem).unwrap();
    assert_eq!(wechat_pay.public_keys().len(), 2);
    assert_eq!(wechat_pay.encrypt_sensitive("张三", Some(serial)).unwrap().serial, serial);

    // Another merchant's APIv3 key does not open them: nothing is returned.
    let mut said = run.emulator_said.clone();
    said["keys"]["apiV3Key"] = json!("TestOnlyNotThisMerchantsKey00000");
    let other = client(&said, &run.emulator_url, 2000);
    let opened = send(&run.shop.http, other.download_certificates().unwrap()).await;
    assert_eq!(opened.map_err(|e| e.code()), Err("DecryptFailed"));
    run.stop().await;
}
