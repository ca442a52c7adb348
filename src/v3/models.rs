//! The bodies a merchant's server sends to WeChat Pay API v3 and the answers and
//! notifications it reads back, typed: amounts are integers in fen (分), states are enums.
//! A field WeChat Pay may leave out is an `Option`; fields not modelled here are ignored
//! when read (WeChat Pay adds fields without notice): for those, [`Client::call`] reads
//! any call's answer into your own type.
//!
//! [`Client::call`]: super::Client::call

use serde::{Deserialize, Serialize};

/// JSAPI下单's body (`POST /v3/pay/transactions/jsapi`), without `mchid`: the client adds
/// the merchant id its `Authorization` header names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JsapiOrder {
    /// The mini-program's (or official account's) AppID, bound to the merchant.
    pub appid: String,
    /// What the payer sees on the payment sheet and in their bill.
    pub description: String,
    /// The merchant's order number: 6 to 32 letters, digits, `_ - | *`.
    pub out_trade_no: String,
    /// Where WeChat Pay posts the payment notification: `https://`, no query string.
    pub notify_url: String,
    /// The amount, in fen.
    pub amount: OrderAmount,
    /// The payer: the openid of this AppID.
    pub payer: Payer,
    /// When the order stops being payable, RFC 3339 (`2018-06-08T10:34:56+08:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_expire: Option<String>,
    /// Up to 128 bytes the merchant gets back in the notification and queries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// A tag for coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
}

/// An order's amount.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderAmount {
    /// In fen (分), above 0: 1 yuan is 100.
    pub total: i64,
    /// `CNY`, WeChat Pay's default when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// Who pays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payer {
    /// The payer's openid under the order's AppID (from `wx.login` → `code2Session`).
    pub openid: String,
}

/// 申请退款's body (`POST /v3/refund/domestic/refunds`): the order by `out_trade_no` or
/// `transaction_id` (one of them), the refund's own number and its amount.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RefundRequest {
    /// The merchant's order number; or leave it out and give `transaction_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_trade_no: Option<String>,
    /// WeChat Pay's id of the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// The refund's number: 1 to 64 letters, digits, `_ - | * @`; sending it again refunds once.
    pub out_refund_no: String,
    /// Shown to the payer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where WeChat Pay posts the refund notification (`REFUND.*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// Which funds refund (`AVAILABLE`); WeChat Pay's default when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds_account: Option<String>,
    /// The refund and the order's total, in fen.
    pub amount: RefundAmount,
}

/// A refund's amount: the refund and the order's whole total, in fen, and `CNY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundAmount {
    /// In fen, above 0 and at most `total`.
    pub refund: i64,
    /// The order's whole amount in fen, as it was ordered.
    pub total: i64,
    /// `CNY`, the only currency of domestic refunds.
    pub currency: String,
}

impl Default for RefundAmount {
    /// No amount yet (refused until set), in `CNY`.
    fn default() -> Self {
        RefundAmount { refund: 0, total: 0, currency: "CNY".to_owned() }
    }
}

/// An order as 查询订单 answers it and a `TRANSACTION.SUCCESS` notification holds it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Transaction {
    /// The order's AppID (empty in 服务商 mode, whose answers name `sp_appid` and `sub_appid`).
    #[serde(default)]
    pub appid: String,
    /// The merchant id (empty in 服务商 mode: `sp_mchid`, `sub_mchid`).
    #[serde(default)]
    pub mchid: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// WeChat Pay's id of the order, once it has one.
    #[serde(default)]
    pub transaction_id: Option<String>,
    /// `JSAPI`, `NATIVE`, `APP`, …
    #[serde(default)]
    pub trade_type: Option<String>,
    /// Where the order is.
    pub trade_state: TradeState,
    /// The state in words (Chinese).
    #[serde(default)]
    pub trade_state_desc: String,
    /// The payer's bank, once paid.
    #[serde(default)]
    pub bank_type: Option<String>,
    /// The order's `attach`, as sent.
    #[serde(default)]
    pub attach: Option<String>,
    /// When it was paid, RFC 3339.
    #[serde(default)]
    pub success_time: Option<String>,
    /// The payer.
    #[serde(default)]
    pub payer: Option<Payer>,
    /// The amounts, in fen.
    #[serde(default)]
    pub amount: Option<TransactionAmount>,
}

/// A transaction's amounts, in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TransactionAmount {
    /// The order's amount.
    #[serde(default)]
    pub total: Option<i64>,
    /// What the payer paid (less coupons), once paid.
    #[serde(default)]
    pub payer_total: Option<i64>,
    /// `CNY`.
    #[serde(default)]
    pub currency: Option<String>,
    /// The payer's currency.
    #[serde(default)]
    pub payer_currency: Option<String>,
}

/// `trade_state`: where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TradeState {
    /// 支付成功: paid.
    Success,
    /// 转入退款: paid, then (partly) refunded.
    Refund,
    /// 未支付: not paid yet.
    NotPay,
    /// 已关闭: closed, never payable again.
    Closed,
    /// 已撤销 (付款码支付).
    Revoked,
    /// 用户支付中 (付款码支付).
    UserPaying,
    /// 支付失败.
    PayError,
    /// A state this version does not know.
    #[serde(other)]
    Other,
}

/// A refund as 申请退款 and 查询单笔退款 answer it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Refund {
    /// WeChat Pay's id of the refund.
    pub refund_id: String,
    /// The merchant's refund number.
    pub out_refund_no: String,
    /// WeChat Pay's id of the order.
    pub transaction_id: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// `ORIGINAL`, `BALANCE`, …
    #[serde(default)]
    pub channel: Option<String>,
    /// Where the money goes, in words (`支付用户零钱`).
    #[serde(default)]
    pub user_received_account: Option<String>,
    /// When the money moved, once `SUCCESS`.
    #[serde(default)]
    pub success_time: Option<String>,
    /// When the refund was made.
    #[serde(default)]
    pub create_time: Option<String>,
    /// Where the refund is: `PROCESSING` at first, then `SUCCESS` (or `ABNORMAL`, `CLOSED`).
    pub status: RefundStatus,
    /// The funds it came from.
    #[serde(default)]
    pub funds_account: Option<String>,
    /// The amounts, in fen.
    pub amount: RefundedAmount,
}

/// A refund's amounts, in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RefundedAmount {
    /// The order's amount.
    pub total: i64,
    /// The refund.
    pub refund: i64,
    /// What the payer paid.
    #[serde(default)]
    pub payer_total: Option<i64>,
    /// What the payer gets back.
    #[serde(default)]
    pub payer_refund: Option<i64>,
    /// `CNY`.
    #[serde(default)]
    pub currency: Option<String>,
}

/// `status` / `refund_status`: where a refund is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RefundStatus {
    /// 退款成功: the money moved.
    Success,
    /// 退款关闭.
    Closed,
    /// 退款处理中: ask again later, or wait for the notification.
    Processing,
    /// 退款异常: the payer's account could not take it; see 商户平台.
    Abnormal,
    /// A status this version does not know.
    #[serde(other)]
    Other,
}

/// A `REFUND.*` notification's resource (退款结果通知).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RefundNotice {
    /// The merchant id (empty in 服务商 mode: `sp_mchid`, `sub_mchid`).
    #[serde(default)]
    pub mchid: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// WeChat Pay's id of the order.
    pub transaction_id: String,
    /// The merchant's refund number.
    pub out_refund_no: String,
    /// WeChat Pay's id of the refund.
    pub refund_id: String,
    /// `SUCCESS`, `CLOSED` or `ABNORMAL`.
    pub refund_status: RefundStatus,
    /// When the money moved.
    #[serde(default)]
    pub success_time: Option<String>,
    /// Where the money went, in words.
    #[serde(default)]
    pub user_received_account: Option<String>,
    /// The amounts, in fen.
    pub amount: RefundedAmount,
}

/// A notification, verified and its resource decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The notification's id: the same for WeChat Pay's retries of one event.
    pub id: String,
    /// When it was made, RFC 3339.
    pub create_time: String,
    /// `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`, …
    pub event_type: String,
    /// The event in words (Chinese).
    pub summary: String,
    /// The decrypted resource, typed by `event_type`.
    pub event: Event,
}

/// What a notification says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// `TRANSACTION.*`: an order was paid.
    Transaction(Transaction),
    /// `REFUND.*`: a refund succeeded, closed or failed (its `refund_status` says which).
    Refund(RefundNotice),
    /// Another event: the decrypted resource's JSON text, verified.
    Other(String),
}

/// A platform certificate from 下载平台证书, decrypted with the APIv3 key and checked:
/// its serial number is `serial_no` and it is valid now. Add it to [`PublicKeys`].
///
/// [`PublicKeys`]: super::PublicKeys
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The certificate's serial number, as `Wechatpay-Serial` names it.
    pub serial_no: String,
    /// From when it is valid, RFC 3339.
    pub effective_time: String,
    /// Until when, RFC 3339.
    pub expire_time: String,
    /// The certificate, PEM.
    pub pem: String,
}
