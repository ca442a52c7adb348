//! The call vectors (tests/vectors/v3_calls.json, made by reference.py from WeChat Pay's
//! field tables) as `wxpay_wasm::v3` answers each case: run by tests/v3_calls.rs, and by
//! tests/v3_vectors.rs, which writes every refusal's message to v3_messages.json.

use serde_json::{json, Value};
use wxpay_wasm::v3::{self, Call, OrderId, Transport};

/// The sections of v3_calls.json.
pub const SECTIONS: [&str; 7] = ["calls", "orders", "refunds", "partnerOrders", "transferBills", "client", "transport"];

pub fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3_calls.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn order_id<'a>(c: &'a Value, no: &str, id: &str) -> Result<OrderId<'a>, v3::Error> {
    OrderId::either(c[no].as_str(), c[id].as_str())
}

fn text<'a>(c: &'a Value, field: &str) -> &'a str {
    c[field].as_str().unwrap_or_else(|| panic!("{field} in {c}"))
}

fn call<'a>(c: &'a Value) -> Result<Call<'a>, v3::Error> {
    let mch_id = c["mchId"].as_str().unwrap_or("1230000109");
    Ok(match text(c, "call") {
        "jsapiOrder" => Call::JsapiOrder,
        "refund" => Call::Refund,
        "certificates" => Call::Certificates,
        "queryOrder" => Call::QueryOrder { order: order_id(c, "outTradeNo", "transactionId")?, mch_id },
        "closeOrder" => Call::CloseOrder { out_trade_no: text(c, "outTradeNo") },
        "queryRefund" => Call::QueryRefund { out_refund_no: text(c, "outRefundNo") },
        "partnerJsapiOrder" => Call::PartnerJsapiOrder,
        "partnerQueryOrder" => Call::PartnerQueryOrder {
            order: order_id(c, "outTradeNo", "transactionId")?,
            sp_mch_id: mch_id,
            sub_mch_id: text(c, "subMchId"),
        },
        "partnerCloseOrder" => Call::PartnerCloseOrder { out_trade_no: text(c, "outTradeNo") },
        "partnerQueryRefund" => {
            Call::PartnerQueryRefund { out_refund_no: text(c, "outRefundNo"), sub_mch_id: text(c, "subMchId") }
        }
        "transferBill" => Call::TransferBill,
        "queryTransferBill" => Call::QueryTransferBill { out_bill_no: text(c, "outBillNo") },
        "cancelTransferBill" => Call::CancelTransferBill { out_bill_no: text(c, "outBillNo") },
        other => panic!("no call {other}"),
    })
}

/// The case's outcome: the value its `expected` holds when the core accepts it.
pub fn outcome(section: &str, c: &Value) -> Result<Value, v3::Error> {
    let fen = |k: &str| c[k].as_i64().unwrap();
    match section {
        "calls" => call(c).and_then(|call| Ok(json!({ "method": call.method(), "path": call.path()? }))),
        "orders" => v3::check_order(text(c, "out_trade_no"), fen("total")).map(|()| json!(true)),
        "refunds" => order_id(c, "out_trade_no", "transaction_id")
            .and_then(|order| v3::check_refund(order, text(c, "out_refund_no"), fen("refund"), fen("total")))
            .map(|()| json!(true)),
        "partnerOrders" => {
            v3::check_partner_order(text(c, "sub_mchid"), text(c, "out_trade_no"), fen("total"))?;
            let payer = &c["payer"];
            let app_id = v3::partner_pay_app_id(
                text(c, "sp_appid"),
                c["sub_appid"].as_str(),
                payer["sp_openid"].as_str(),
                payer["sub_openid"].as_str(),
            )?;
            Ok(json!({ "appId": app_id }))
        }
        "transferBills" => v3::check_transfer_bill(&v3::TransferBill {
            out_bill_no: text(c, "out_bill_no"),
            transfer_scene_id: text(c, "transfer_scene_id"),
            transfer_amount: fen("transfer_amount"),
            transfer_remark: text(c, "transfer_remark"),
            user_name: c["user_name"].as_str(),
        })
        .map(|()| json!(true)),
        "client" => {
            let origin = v3::check_base_url(c["baseUrl"].as_str().unwrap_or(v3::BASE_URL))?;
            let timeout_ms = c["timeoutMs"].as_i64().map_or(Ok(v3::DEFAULT_TIMEOUT_MS), v3::check_timeout_ms)?;
            Ok(json!({ "origin": origin, "timeoutMs": timeout_ms }))
        }
        "transport" => Err(v3::Error::Transport(match text(c, "transport") {
            "network" => Transport::Network,
            "timeout" => Transport::Timeout,
            "answer" => Transport::UnexpectedAnswer,
            other => panic!("no transport fault {other}"),
        })),
        other => panic!("no section {other}"),
    }
}
