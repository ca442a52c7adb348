//! A Rust backend's WeChat Pay, as docs/server-rust.md shows it: wxpay-wasm's sans-IO
//! v3 client driven by reqwest, and an axum handler for WeChat Pay's notifications.
//! tests/pay.rs runs it against the demo's WeChat Pay emulator over real HTTP.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use wxpay_wasm::v3::{
    Client, ClientError, Error, Event, HttpRequest, JsapiOrder, JsapiOrderAnswer, OrderAmount, Payer, Pending,
    RefundStatus, TradeState, Transport,
};

/// The merchant's server: its WeChat Pay client, made once, and its own books.
pub struct Shop {
    /// The API v3 client (keys read once at start-up).
    pub wechat_pay: Client,
    /// The HTTP client that sends what `wechat_pay` signs.
    pub http: reqwest::Client,
    /// The mini-program's AppID.
    pub app_id: String,
    /// Where WeChat Pay posts notifications: this server's `wechat_pay_notification`.
    pub notify_url: String,
    /// out_trade_no → `PAID` or `REFUNDED`, changed only by a verified notification.
    pub books: Mutex<HashMap<String, &'static str>>,
}

/// Sends a signed request with reqwest and reads WeChat Pay's answer: status, then
/// signature, then the typed body.
pub async fn send<T>(http: &reqwest::Client, pending: Pending<'_, T>) -> Result<T, ClientError> {
    let HttpRequest { method, url, headers, body } = &pending.request;
    let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|_| Error::InvalidMethod)?;
    let mut request = http.request(method, url).body(body.clone());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let failed =
        |e: reqwest::Error| Error::Transport(if e.is_timeout() { Transport::Timeout } else { Transport::Network });
    let answer = request.send().await.map_err(failed)?;
    let status = answer.status().as_u16();
    let headers: Vec<(String, String)> = answer
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
        .collect();
    let body = answer.bytes().await.map_err(failed)?;
    pending.read(status, &headers, &body)
}

/// JSAPI下单 for a payer, and the parameters the page passes to `wx.requestPayment`.
pub async fn order(
    shop: &Shop,
    out_trade_no: &str,
    total_fen: i64,
    openid: &str,
) -> Result<JsapiOrderAnswer, ClientError> {
    let order = JsapiOrder {
        appid: shop.app_id.clone(),
        description: "wxpay-wasm 演示".to_owned(),
        out_trade_no: out_trade_no.to_owned(),
        notify_url: shop.notify_url.clone(),
        amount: OrderAmount { total: total_fen, currency: None },
        payer: Payer { openid: openid.to_owned() },
        ..JsapiOrder::default()
    };
    send(&shop.http, shop.wechat_pay.jsapi_order(&order)?).await
}

/// POST notify_url: the raw body (never axum's `Json`, which re-serialises it) and the
/// headers, verified and decrypted; 204 once booked, else a 4xx that WeChat Pay retries.
pub async fn wechat_pay_notification(State(shop): State<Arc<Shop>>, headers: HeaderMap, body: Bytes) -> Response {
    let headers: Vec<(&str, &str)> =
        headers.iter().filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?))).collect();
    let notification = match shop.wechat_pay.parse_notification(&headers, &body) {
        Ok(notification) => notification,
        Err(e) => {
            let refusal = serde_json::json!({ "code": "FAIL", "message": e.code() }).to_string();
            return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], refusal).into_response();
        }
    };
    let mut books = shop.books.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match notification.event {
        Event::Transaction(paid) if paid.trade_state == TradeState::Success => {
            books.insert(paid.out_trade_no, "PAID");
        }
        Event::Refund(refund) if refund.refund_status == RefundStatus::Success => {
            books.insert(refund.out_trade_no, "REFUNDED");
        }
        _ => {}
    }
    StatusCode::NO_CONTENT.into_response()
}
