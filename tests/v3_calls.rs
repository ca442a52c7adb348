//! The API v3 call vectors (tests/vectors/v3_calls.json, made by reference.py from
//! WeChat Pay's field tables) run against `wxpay_wasm::v3`: each call's method and path,
//! and the fields of orders, refunds and transfer bills refused before sending.
#![cfg(feature = "v3-rules")]

use serde_json::{json, Value};
use wxpay_wasm::v3::{self, Call, OrderId};

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/v3_calls.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cases<'a>(doc: &'a Value, section: &str) -> &'a [Value] {
    let cases = doc[section].as_array().unwrap();
    assert!(!cases.is_empty(), "{section} has cases");
    cases
}

/// The outcome as the vectors write it: `ok`'s value, or `{"error": code}`.
fn outcome(result: Result<Value, v3::Error>) -> Value {
    result.unwrap_or_else(|e| json!({ "error": e.code() }))
}

fn order_id<'a>(c: &'a Value, no: &str, id: &str) -> Result<OrderId<'a>, v3::Error> {
    OrderId::either(c[no].as_str(), c[id].as_str())
}

fn text<'a>(c: &'a Value, field: &str) -> &'a str {
    c[field].as_str().unwrap_or_else(|| panic!("{field} in {c}"))
}

#[test]
fn calls() {
    for c in cases(&vectors(), "calls") {
        let mch_id = c["mchId"].as_str().unwrap_or("1230000109");
        let call = match text(c, "call") {
            "jsapiOrder" => Ok(Call::JsapiOrder),
            "refund" => Ok(Call::Refund),
            "certificates" => Ok(Call::Certificates),
            "queryOrder" => order_id(c, "outTradeNo", "transactionId").map(|order| Call::QueryOrder { order, mch_id }),
            "closeOrder" => Ok(Call::CloseOrder { out_trade_no: text(c, "outTradeNo") }),
            "queryRefund" => Ok(Call::QueryRefund { out_refund_no: text(c, "outRefundNo") }),
            "transferBill" => Ok(Call::TransferBill),
            "queryTransferBill" => Ok(Call::QueryTransferBill { out_bill_no: text(c, "outBillNo") }),
            "cancelTransferBill" => Ok(Call::CancelTransferBill { out_bill_no: text(c, "outBillNo") }),
            other => panic!("no call {other}"),
        };
        let got = outcome(call.and_then(|call| Ok(json!({ "method": call.method(), "path": call.path()? }))));
        assert_eq!(got, c["expected"], "{}", c["name"]);
    }
}

#[test]
fn orders() {
    for c in cases(&vectors(), "orders") {
        let got = outcome(v3::check_order(text(c, "out_trade_no"), c["total"].as_i64().unwrap()).map(|()| json!(true)));
        assert_eq!(got, c["expected"], "{}", c["name"]);
    }
}

#[test]
fn refunds() {
    for c in cases(&vectors(), "refunds") {
        let [refund, total] = ["refund", "total"].map(|k| c[k].as_i64().unwrap());
        let got = outcome(
            order_id(c, "out_trade_no", "transaction_id")
                .and_then(|order| v3::check_refund(order, text(c, "out_refund_no"), refund, total))
                .map(|()| json!(true)),
        );
        assert_eq!(got, c["expected"], "{}", c["name"]);
    }
}

#[test]
fn transfer_bills() {
    for c in cases(&vectors(), "transferBills") {
        let bill = v3::TransferBill {
            out_bill_no: text(c, "out_bill_no"),
            transfer_scene_id: text(c, "transfer_scene_id"),
            transfer_amount: c["transfer_amount"].as_i64().unwrap(),
            transfer_remark: text(c, "transfer_remark"),
            user_name: c["user_name"].as_str(),
        };
        let got = outcome(v3::check_transfer_bill(&bill).map(|()| json!(true)));
        assert_eq!(got, c["expected"], "{}", c["name"]);
    }
}
