//! The API v3 calls a merchant's server makes (order, query, close, refund), their
//! methods and paths built here only, and the fields WeChat Pay would refuse checked
//! before anything is sent: a refusal after sending costs a round trip and, for a
//! refund, leaves the merchant unsure whether money moved. Also the options of a
//! client (origin, timeout) and the errors of the transport a host lends.

use super::error::{Amount, Error, PayerProblem};

/// WeChat Pay API v3's origin.
pub const BASE_URL: &str = "https://api.mch.weixin.qq.com";

/// How long a client waits for an answer when not told: WeChat Pay answers within
/// seconds, and a caller waiting on a page should hear back before its user gives up.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// The longest timeout a client takes: beyond it, a hung connection is never noticed.
pub const MAX_TIMEOUT_MS: u32 = 600_000;

/// A call to WeChat Pay API v3, with the identifiers its path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call<'a> {
    /// JSAPI下单 (mini-programs and official accounts).
    JsapiOrder,
    /// 查询订单, by the merchant's order number or WeChat Pay's transaction id.
    QueryOrder {
        /// The order.
        order: OrderId<'a>,
        /// The merchant id, which this query names in its query string.
        mch_id: &'a str,
    },
    /// 关闭订单.
    CloseOrder {
        /// The merchant's order number.
        out_trade_no: &'a str,
    },
    /// 申请退款.
    Refund,
    /// 下载平台证书: the platform certificates, each encrypted with the APIv3 key.
    Certificates,
    /// 查询单笔退款.
    QueryRefund {
        /// The merchant's refund number.
        out_refund_no: &'a str,
    },
    /// 服务商 JSAPI下单: an order for a sub-merchant (`sp_mchid`, `sub_mchid` in the body).
    PartnerJsapiOrder,
    /// 服务商 查询订单: the 服务商's and the sub-merchant's ids in the query string.
    PartnerQueryOrder {
        /// The order.
        order: OrderId<'a>,
        /// The 服务商's merchant id, the one the Authorization header names.
        sp_mch_id: &'a str,
        /// The sub-merchant's id.
        sub_mch_id: &'a str,
    },
    /// 服务商 关闭订单 (`sp_mchid`, `sub_mchid` in the body).
    PartnerCloseOrder {
        /// The merchant's order number.
        out_trade_no: &'a str,
    },
    /// 服务商 查询单笔退款: the sub-merchant's id in the query string. (A partner's
    /// refund is [`Call::Refund`] with `sub_mchid` in the body.)
    PartnerQueryRefund {
        /// The merchant's refund number.
        out_refund_no: &'a str,
        /// The sub-merchant's id.
        sub_mch_id: &'a str,
    },
    /// 商家转账: 发起转账, a transfer bill the user then confirms on the page.
    TransferBill,
    /// 商户单号查询转账单.
    QueryTransferBill {
        /// The merchant's bill number.
        out_bill_no: &'a str,
    },
    /// 撤销转账, before the user confirms.
    CancelTransferBill {
        /// The merchant's bill number.
        out_bill_no: &'a str,
    },
}

impl Call<'_> {
    /// The HTTP method WeChat Pay takes for this call.
    pub fn method(&self) -> &'static str {
        match self {
            Call::QueryOrder { .. }
            | Call::QueryRefund { .. }
            | Call::Certificates
            | Call::PartnerQueryOrder { .. }
            | Call::PartnerQueryRefund { .. }
            | Call::QueryTransferBill { .. } => "GET",
            Call::JsapiOrder
            | Call::CloseOrder { .. }
            | Call::Refund
            | Call::PartnerJsapiOrder
            | Call::PartnerCloseOrder { .. }
            | Call::TransferBill
            | Call::CancelTransferBill { .. } => "POST",
        }
    }

    /// The path and query to send and sign, its identifiers checked. They need no
    /// percent-encoding: WeChat Pay's rules leave only characters a URL path keeps as they are.
    pub fn path(&self) -> Result<String, Error> {
        Ok(match *self {
            Call::JsapiOrder => "/v3/pay/transactions/jsapi".to_owned(),
            Call::QueryOrder { order, mch_id } => {
                let path = order.query_path("/v3/pay/transactions", &format!("mchid={mch_id}"))?;
                super::sign::check_mch_id(mch_id)?;
                path
            }
            Call::CloseOrder { out_trade_no } => close_path("/v3/pay/transactions", out_trade_no)?,
            Call::Refund => "/v3/refund/domestic/refunds".to_owned(),
            Call::Certificates => "/v3/certificates".to_owned(),
            Call::QueryRefund { out_refund_no } => {
                check_out_refund_no(out_refund_no)?;
                format!("/v3/refund/domestic/refunds/{out_refund_no}")
            }
            Call::PartnerJsapiOrder => "/v3/pay/partner/transactions/jsapi".to_owned(),
            Call::PartnerQueryOrder { order, sp_mch_id, sub_mch_id } => {
                let ids = format!("sp_mchid={sp_mch_id}&sub_mchid={sub_mch_id}");
                let path = order.query_path("/v3/pay/partner/transactions", &ids)?;
                super::sign::check_mch_id(sp_mch_id)?;
                check_sub_mch_id(sub_mch_id)?;
                path
            }
            Call::PartnerCloseOrder { out_trade_no } => close_path("/v3/pay/partner/transactions", out_trade_no)?,
            Call::PartnerQueryRefund { out_refund_no, sub_mch_id } => {
                check_out_refund_no(out_refund_no)?;
                check_sub_mch_id(sub_mch_id)?;
                format!("/v3/refund/domestic/refunds/{out_refund_no}?sub_mchid={sub_mch_id}")
            }
            Call::TransferBill => TRANSFER_BILLS.to_owned(),
            Call::QueryTransferBill { out_bill_no } => {
                super::transfer::check_out_bill_no(out_bill_no)?;
                format!("{TRANSFER_BILLS}/out-bill-no/{out_bill_no}")
            }
            Call::CancelTransferBill { out_bill_no } => {
                super::transfer::check_out_bill_no(out_bill_no)?;
                format!("{TRANSFER_BILLS}/out-bill-no/{out_bill_no}/cancel")
            }
        })
    }
}

/// 商家转账's transfer bills (the API of 2025-01-15).
const TRANSFER_BILLS: &str = "/v3/fund-app/mch-transfer/transfer-bills";

/// Whether `s` has `min` to `max` characters, each a letter, a digit or one of `marks`.
fn made_of(s: &str, min: usize, max: usize, marks: &[u8]) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || marks.contains(&b))
}

/// `out_trade_no`: 6 to 32 letters, digits, `_ - | *` (JSAPI下单's field table,
/// pay.weixin.qq.com apiv3 "商户订单号 string[6,32]"; WeChat Pay's answer on
/// developers.weixin.qq.com community doc 00024486c3c4d044fa17bccba53c00 adds `|`).
pub fn check_out_trade_no(out_trade_no: &str) -> Result<(), Error> {
    made_of(out_trade_no, 6, 32, b"_-|*").then_some(()).ok_or(Error::InvalidOutTradeNo)
}

/// `out_refund_no`: 1 to 64 letters, digits, `_ - | * @` (申请退款's field table,
/// "商户退款单号 string[1,64] 只能是数字、大小写字母_-|*@", as also quoted by
/// developer.work.weixin.qq.com/document/path/97352).
pub fn check_out_refund_no(out_refund_no: &str) -> Result<(), Error> {
    made_of(out_refund_no, 1, 64, b"_-|*@").then_some(()).ok_or(Error::InvalidOutRefundNo)
}

/// `transaction_id`: WeChat Pay's id of the order, 1 to 32 letters and digits
/// ("微信支付订单号 string[1,32]").
pub fn check_transaction_id(transaction_id: &str) -> Result<(), Error> {
    made_of(transaction_id, 1, 32, b"").then_some(()).ok_or(Error::InvalidTransactionId)
}

/// An amount in fen: above 0. Hosts with floating-point numbers refuse a fraction as
/// the same error, before it gets here.
pub fn check_amount(amount: Amount, fen: i64) -> Result<(), Error> {
    (fen > 0).then_some(()).ok_or(Error::InvalidAmount(amount))
}

/// A JSAPI order's fields that a mistake in the merchant's code gets wrong most.
pub fn check_order(out_trade_no: &str, total: i64) -> Result<(), Error> {
    check_out_trade_no(out_trade_no)?;
    check_amount(Amount::Total, total)
}

/// The order a refund or a query is about: the merchant's number or WeChat Pay's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderId<'a> {
    /// `out_trade_no`, the merchant's.
    OutTradeNo(&'a str),
    /// `transaction_id`, WeChat Pay's.
    TransactionId(&'a str),
}

impl<'a> OrderId<'a> {
    /// The order a caller named: `out_trade_no` when given, else `transaction_id`.
    pub fn either(out_trade_no: Option<&'a str>, transaction_id: Option<&'a str>) -> Result<OrderId<'a>, Error> {
        match (out_trade_no, transaction_id) {
            (Some(no), _) => Ok(OrderId::OutTradeNo(no)),
            (None, Some(id)) => Ok(OrderId::TransactionId(id)),
            (None, None) => Err(Error::MissingOrderId),
        }
    }

    fn check(self) -> Result<(), Error> {
        match self {
            OrderId::OutTradeNo(no) => check_out_trade_no(no),
            OrderId::TransactionId(id) => check_transaction_id(id),
        }
    }

    /// 查询订单's path under `base` (the merchant's or the 服务商's), the merchant ids in `query`.
    fn query_path(self, base: &str, query: &str) -> Result<String, Error> {
        self.check()?;
        Ok(match self {
            OrderId::OutTradeNo(no) => format!("{base}/out-trade-no/{no}?{query}"),
            OrderId::TransactionId(id) => format!("{base}/id/{id}?{query}"),
        })
    }
}

/// 关闭订单's path under `base`.
fn close_path(base: &str, out_trade_no: &str) -> Result<String, Error> {
    check_out_trade_no(out_trade_no)?;
    Ok(format!("{base}/out-trade-no/{out_trade_no}/close"))
}

/// A refund's fields: the order, the refund's number, the refund and the order's
/// total in fen, the refund at most the total.
pub fn check_refund(order: OrderId<'_>, out_refund_no: &str, refund: i64, total: i64) -> Result<(), Error> {
    order.check()?;
    check_out_refund_no(out_refund_no)?;
    check_amount(Amount::Refund, refund)?;
    check_amount(Amount::Total, total)?;
    (refund <= total).then_some(()).ok_or(Error::InvalidAmount(Amount::RefundOverTotal))
}

/// A client's origin without a trailing `/`: `https://` and a host, or `http://` to a
/// loopback host (a local emulator), since anything else would carry signed requests
/// and WeChat Pay's answers in the clear.
pub fn check_base_url(base_url: &str) -> Result<&str, Error> {
    let origin = base_url.strip_suffix('/').unwrap_or(base_url);
    let (scheme, authority) = origin.split_once("://").ok_or(Error::InvalidBaseUrl)?;
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b);
    let loopback = host == "localhost"
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    let allowed = match scheme {
        "https" => true,
        "http" => loopback,
        _ => false,
    };
    (allowed && !host.is_empty() && authority.bytes().all(plain)).then_some(origin).ok_or(Error::InvalidBaseUrl)
}

/// A client's timeout: whole milliseconds, 1 to [`MAX_TIMEOUT_MS`].
pub fn check_timeout_ms(ms: i64) -> Result<u32, Error> {
    u32::try_from(ms).ok().filter(|ms| (1..=MAX_TIMEOUT_MS).contains(ms)).ok_or(Error::InvalidTimeout)
}

/// `sub_mchid`: the sub-merchant's id (子商户号), 1 to 32 digits like any merchant id.
pub fn check_sub_mch_id(sub_mch_id: &str) -> Result<(), Error> {
    let digits = (1..=32).contains(&sub_mch_id.len()) && sub_mch_id.bytes().all(|b| b.is_ascii_digit());
    digits.then_some(()).ok_or(Error::InvalidSubMchId)
}

/// A 服务商 JSAPI order's fields a mistake gets wrong most: the sub-merchant, the order
/// number and the amount.
pub fn check_partner_order(sub_mch_id: &str, out_trade_no: &str, total: i64) -> Result<(), Error> {
    check_sub_mch_id(sub_mch_id)?;
    check_order(out_trade_no, total)
}

/// The AppID a 服务商 order's page parameters are signed for: `sp_appid` when the payer
/// is `sp_openid` (the user under the 服务商's AppID), `sub_appid` when it is
/// `sub_openid` (JSAPI下单, 服务商: "若传sub_openid,那sub_appid必填"). The page calls
/// wx.requestPayment in that AppID's mini-program, which checks paySign against it.
pub fn partner_pay_app_id<'a>(
    sp_appid: &'a str,
    sub_appid: Option<&'a str>,
    sp_openid: Option<&str>,
    sub_openid: Option<&str>,
) -> Result<&'a str, Error> {
    match (sp_openid, sub_openid) {
        (Some(_), None) => Ok(sp_appid),
        (None, Some(_)) => sub_appid.ok_or(Error::InvalidPayer(PayerProblem::SubOpenIdWithoutSubAppId)),
        (None, None) | (Some(_), Some(_)) => Err(Error::InvalidPayer(PayerProblem::NotOneOpenId)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_calls_name_both_merchants() {
        let (sp_mch_id, sub_mch_id) = ("1230000109", "1900000109");
        let no = OrderId::OutTradeNo("1217752501201407033233368018");
        let cases = [
            (Call::PartnerJsapiOrder, "POST", "/v3/pay/partner/transactions/jsapi".to_owned()),
            (
                Call::PartnerQueryOrder { order: no, sp_mch_id, sub_mch_id },
                "GET",
                "/v3/pay/partner/transactions/out-trade-no/1217752501201407033233368018?sp_mchid=1230000109&sub_mchid=1900000109"
                    .to_owned(),
            ),
            (
                Call::PartnerQueryOrder { order: OrderId::TransactionId("4200"), sp_mch_id, sub_mch_id },
                "GET",
                "/v3/pay/partner/transactions/id/4200?sp_mchid=1230000109&sub_mchid=1900000109".to_owned(),
            ),
            (
                Call::PartnerCloseOrder { out_trade_no: "123456" },
                "POST",
                "/v3/pay/partner/transactions/out-trade-no/123456/close".to_owned(),
            ),
            (
                Call::PartnerQueryRefund { out_refund_no: "R1", sub_mch_id },
                "GET",
                "/v3/refund/domestic/refunds/R1?sub_mchid=1900000109".to_owned(),
            ),
        ];
        for (call, method, path) in cases {
            assert_eq!((call.method(), call.path().unwrap()), (method, path));
        }
        let bad_sub = Call::PartnerQueryOrder { order: no, sp_mch_id, sub_mch_id: "19000001O9" };
        assert_eq!(bad_sub.path(), Err(Error::InvalidSubMchId));
        let bad_refund = Call::PartnerQueryRefund { out_refund_no: "R1", sub_mch_id: "" };
        assert_eq!(bad_refund.path(), Err(Error::InvalidSubMchId));
        assert_eq!(check_partner_order("1900000109", "123456", 1), Ok(()));
        assert_eq!(check_partner_order("x", "123456", 1), Err(Error::InvalidSubMchId));
        assert_eq!(check_partner_order("1900000109", "12345", 1), Err(Error::InvalidOutTradeNo));
    }

    #[test]
    fn a_partner_order_is_signed_for_the_payer_s_app_id() {
        assert_eq!(partner_pay_app_id("wxsp", Some("wxsub"), Some("o-sp"), None), Ok("wxsp"));
        assert_eq!(partner_pay_app_id("wxsp", Some("wxsub"), None, Some("o-sub")), Ok("wxsub"));
        assert_eq!(partner_pay_app_id("wxsp", None, Some("o-sp"), None), Ok("wxsp"));
        let no_sub_app = Err(Error::InvalidPayer(PayerProblem::SubOpenIdWithoutSubAppId));
        assert_eq!(partner_pay_app_id("wxsp", None, None, Some("o-sub")), no_sub_app);
        let not_one = Err(Error::InvalidPayer(PayerProblem::NotOneOpenId));
        assert_eq!(partner_pay_app_id("wxsp", Some("wxsub"), None, None), not_one);
        assert_eq!(partner_pay_app_id("wxsp", Some("wxsub"), Some("o-sp"), Some("o-sub")), not_one);
    }

    #[test]
    fn paths_are_built_from_checked_ids() {
        let mch_id = "1230000109";
        let cases = [
            (Call::JsapiOrder, "POST", "/v3/pay/transactions/jsapi"),
            (
                Call::QueryOrder { order: OrderId::OutTradeNo("1217752501201407033233368018"), mch_id },
                "GET",
                "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109",
            ),
            (
                Call::QueryOrder { order: OrderId::TransactionId("4200000985202103031441826014"), mch_id },
                "GET",
                "/v3/pay/transactions/id/4200000985202103031441826014?mchid=1230000109",
            ),
            (
                Call::CloseOrder { out_trade_no: "A_b-c|d*e" },
                "POST",
                "/v3/pay/transactions/out-trade-no/A_b-c|d*e/close",
            ),
            (Call::Refund, "POST", "/v3/refund/domestic/refunds"),
            (Call::Certificates, "GET", "/v3/certificates"),
            (Call::QueryRefund { out_refund_no: "r@1" }, "GET", "/v3/refund/domestic/refunds/r@1"),
            (Call::TransferBill, "POST", "/v3/fund-app/mch-transfer/transfer-bills"),
            (
                Call::QueryTransferBill { out_bill_no: "plfk2020042013" },
                "GET",
                "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/plfk2020042013",
            ),
            (
                Call::CancelTransferBill { out_bill_no: "plfk2020042013" },
                "POST",
                "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/plfk2020042013/cancel",
            ),
        ];
        for (call, method, path) in cases {
            assert_eq!((call.method(), call.path().unwrap().as_str()), (method, path));
        }
        let refused = [
            (Call::QueryOrder { order: OrderId::OutTradeNo("12345"), mch_id }, Error::InvalidOutTradeNo),
            (Call::QueryOrder { order: OrderId::OutTradeNo("order/../x"), mch_id }, Error::InvalidOutTradeNo),
            (Call::QueryOrder { order: OrderId::OutTradeNo("123456"), mch_id: "abc" }, Error::InvalidMchId),
            (Call::QueryOrder { order: OrderId::TransactionId("42?x=1"), mch_id }, Error::InvalidTransactionId),
            (Call::CloseOrder { out_trade_no: "订单123456" }, Error::InvalidOutTradeNo),
            (Call::QueryRefund { out_refund_no: "" }, Error::InvalidOutRefundNo),
            (Call::QueryTransferBill { out_bill_no: "bill/../x" }, Error::InvalidOutBillNo),
            (Call::CancelTransferBill { out_bill_no: "bill_1" }, Error::InvalidOutBillNo),
        ];
        for (call, error) in refused {
            assert_eq!(call.path(), Err(error), "{call:?}");
        }
    }

    #[test]
    fn order_numbers_follow_wechat_pay_s_rules() {
        for ok in ["123456", "ABCdef_-|*", &"9".repeat(32)] {
            assert_eq!(check_out_trade_no(ok), Ok(()), "{ok}");
        }
        let uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        for bad in ["12345", &"9".repeat(33), uuid, "abc 123", "abc@123", "abc/123", "１２３４５６"] {
            assert_eq!(check_out_trade_no(bad), Err(Error::InvalidOutTradeNo), "{bad}");
        }
        for ok in ["1", "refund@2024|a*b_c-d", &"r".repeat(64)] {
            assert_eq!(check_out_refund_no(ok), Ok(()), "{ok}");
        }
        for bad in ["", &"r".repeat(65), "r#1", "r 1"] {
            assert_eq!(check_out_refund_no(bad), Err(Error::InvalidOutRefundNo), "{bad}");
        }
        assert_eq!(check_transaction_id("4200000985202103031441826014"), Ok(()));
        assert_eq!(check_transaction_id("4200-1"), Err(Error::InvalidTransactionId));
    }

    #[test]
    fn amounts_are_fen_above_zero_and_a_refund_is_at_most_the_total() {
        assert_eq!(check_order("123456", 1), Ok(()));
        assert_eq!(check_order("123456", 0), Err(Error::InvalidAmount(Amount::Total)));
        assert_eq!(check_order("123456", -100), Err(Error::InvalidAmount(Amount::Total)));
        let order = OrderId::OutTradeNo("123456");
        assert_eq!(check_refund(order, "r1", 100, 100), Ok(()));
        assert_eq!(check_refund(OrderId::TransactionId("4200"), "r1", 1, 100), Ok(()));
        assert_eq!(check_refund(OrderId::TransactionId("42-0"), "r1", 1, 100), Err(Error::InvalidTransactionId));
        assert_eq!(check_refund(order, "r1", 0, 100), Err(Error::InvalidAmount(Amount::Refund)));
        assert_eq!(check_refund(order, "r1", 1, 0), Err(Error::InvalidAmount(Amount::Total)));
        assert_eq!(check_refund(order, "r1", 101, 100), Err(Error::InvalidAmount(Amount::RefundOverTotal)));
    }

    #[test]
    fn an_order_is_named_by_either_id() {
        assert_eq!(OrderId::either(Some("123456"), Some("4200")), Ok(OrderId::OutTradeNo("123456")));
        assert_eq!(OrderId::either(None, Some("4200")), Ok(OrderId::TransactionId("4200")));
        assert_eq!(OrderId::either(None, None), Err(Error::MissingOrderId));
    }

    #[test]
    fn the_origin_is_https_or_a_loopback_emulator() {
        assert_eq!(check_base_url(BASE_URL), Ok(BASE_URL));
        assert_eq!(check_base_url("https://api2.mch.weixin.qq.com/"), Ok("https://api2.mch.weixin.qq.com"));
        assert_eq!(check_base_url("http://127.0.0.1:8080"), Ok("http://127.0.0.1:8080"));
        assert_eq!(check_base_url("http://[::1]:8080"), Ok("http://[::1]:8080"));
        for bad in [
            "http://api.mch.weixin.qq.com",
            "api.mch.weixin.qq.com",
            "https://api.mch.weixin.qq.com/v3",
            "https://api.mch.weixin.qq.com?x",
            "https://",
            "https://user@api.mch.weixin.qq.com",
            "ftp://127.0.0.1",
            "http://127.0.0.1.example.com",
        ] {
            assert_eq!(check_base_url(bad), Err(Error::InvalidBaseUrl), "{bad}");
        }
    }

    #[test]
    fn the_timeout_is_whole_milliseconds_in_range() {
        assert_eq!(check_timeout_ms(1), Ok(1));
        assert_eq!(check_timeout_ms(i64::from(MAX_TIMEOUT_MS)), Ok(MAX_TIMEOUT_MS));
        for bad in [0, -1, i64::from(MAX_TIMEOUT_MS) + 1, i64::MAX] {
            assert_eq!(check_timeout_ms(bad), Err(Error::InvalidTimeout), "{bad}");
        }
    }
}
