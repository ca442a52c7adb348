"""API v3 calls part of reference.py: builds tests/vectors/v3_calls.json, the methods and
paths of the calls a merchant's server makes and the fields refused before sending, from
WeChat Pay's field tables alone (standard library only):

  out_trade_no    商户订单号 string[6,32]: letters, digits, _ - | *   (JSAPI下单; 查询订单)
  out_refund_no   商户退款单号 string[1,64]: letters, digits, _ - | * @  (申请退款)
  transaction_id  微信支付订单号 string[1,32]                          (查询订单)
  mchid           直连商户号 string[1,32], digits
  amount.total, amount.refund  integers in fen, above 0; refund at most total

The inputs are written here; every `expected` is what these rules conclude.
"""
import json
import re

COMMENT = ("Made by tests/vectors/reference.py (v3_calls_reference.py) from WeChat Pay's field "
           "tables; run by tests/v3_calls.rs and tests/node/client.test.js.")
SECTIONS = ["calls", "orders", "refunds"]
RULES = [
    ("out_trade_no", re.compile(r"[0-9A-Za-z_\-|*]{6,32}"), "InvalidOutTradeNo"),
    ("out_refund_no", re.compile(r"[0-9A-Za-z_\-|*@]{1,64}"), "InvalidOutRefundNo"),
    ("transaction_id", re.compile(r"[0-9A-Za-z]{1,32}"), "InvalidTransactionId"),
    ("mchid", re.compile(r"[0-9]{1,32}"), "InvalidMchId"),
]
MCH_ID = "1230000109"
NO = "1217752501201407033233368018"
TRANSACTION_ID = "4200000985202103031441826014"


def refusal(field, value):
    """The code refusing `value` as `field`, or None."""
    for name, pattern, code in RULES:
        if name == field:
            return None if pattern.fullmatch(value) else code
    raise KeyError(field)


def first(*refusals):
    return next((r for r in refusals if r is not None), None)


def call_outcome(case):
    """{"method", "path"} of a call, or {"error": code}."""
    call = case["call"]
    if call == "jsapiOrder":
        return {"method": "POST", "path": "/v3/pay/transactions/jsapi"}
    if call == "refund":
        return {"method": "POST", "path": "/v3/refund/domestic/refunds"}
    if call == "certificates":
        return {"method": "GET", "path": "/v3/certificates"}
    if call == "queryOrder":
        no, tid, mch = case.get("outTradeNo"), case.get("transactionId"), case.get("mchId", MCH_ID)
        if no is None and tid is None:
            return {"error": "MissingOrderId"}
        field, value = ("out_trade_no", no) if no is not None else ("transaction_id", tid)
        error = first(refusal(field, value), refusal("mchid", mch))
        if error:
            return {"error": error}
        path = f"out-trade-no/{no}" if no is not None else f"id/{tid}"
        return {"method": "GET", "path": f"/v3/pay/transactions/{path}?mchid={mch}"}
    if call == "closeOrder":
        error = refusal("out_trade_no", case["outTradeNo"])
        return {"error": error} if error else {"method": "POST", "path": f"/v3/pay/transactions/out-trade-no/{case['outTradeNo']}/close"}
    if call == "queryRefund":
        error = refusal("out_refund_no", case["outRefundNo"])
        return {"error": error} if error else {"method": "GET", "path": f"/v3/refund/domestic/refunds/{case['outRefundNo']}"}
    raise KeyError(call)


def order_outcome(case):
    error = first(refusal("out_trade_no", case["out_trade_no"]), None if case["total"] > 0 else "InvalidAmount")
    return {"error": error} if error else True


def refund_outcome(case):
    no, tid = case.get("out_trade_no"), case.get("transaction_id")
    if no is None and tid is None:
        return {"error": "MissingOrderId"}
    field, value = ("out_trade_no", no) if no is not None else ("transaction_id", tid)
    error = first(
        refusal(field, value),
        refusal("out_refund_no", case["out_refund_no"]),
        None if case["refund"] > 0 else "InvalidAmount",
        None if case["total"] > 0 else "InvalidAmount",
        None if case["refund"] <= case["total"] else "InvalidAmount",
    )
    return {"error": error} if error else True


def cases():
    uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    calls = [
        ("JSAPI order", {"call": "jsapiOrder"}),
        ("refund", {"call": "refund"}),
        ("platform certificates", {"call": "certificates"}),
        ("query by out_trade_no", {"call": "queryOrder", "outTradeNo": NO}),
        ("query by out_trade_no of every mark", {"call": "queryOrder", "outTradeNo": "A_b-c|d*e"}),
        ("query by out_trade_no of 6 characters", {"call": "queryOrder", "outTradeNo": "123456"}),
        ("query by out_trade_no of 32 characters", {"call": "queryOrder", "outTradeNo": "9" * 32}),
        ("query by transaction_id", {"call": "queryOrder", "transactionId": TRANSACTION_ID}),
        ("query by both: out_trade_no is used", {"call": "queryOrder", "outTradeNo": NO, "transactionId": TRANSACTION_ID}),
        ("query naming no order", {"call": "queryOrder"}),
        ("query by out_trade_no of 5 characters", {"call": "queryOrder", "outTradeNo": "12345"}),
        ("query by out_trade_no of 33 characters", {"call": "queryOrder", "outTradeNo": "9" * 33}),
        ("query by a UUID with hyphens", {"call": "queryOrder", "outTradeNo": uuid}),
        ("query by out_trade_no with a slash", {"call": "queryOrder", "outTradeNo": "order/../refunds"}),
        ("query by out_trade_no with a question mark", {"call": "queryOrder", "outTradeNo": "123456?mchid=1"}),
        ("query by out_trade_no with a space", {"call": "queryOrder", "outTradeNo": "123 456"}),
        ("query by out_trade_no with @", {"call": "queryOrder", "outTradeNo": "123456@1"}),
        ("query by out_trade_no in Chinese", {"call": "queryOrder", "outTradeNo": "订单123456"}),
        ("query by out_trade_no of full-width digits", {"call": "queryOrder", "outTradeNo": "１２３４５６"}),
        ("query by transaction_id with a hyphen", {"call": "queryOrder", "transactionId": "4200-0001"}),
        ("query by transaction_id of 33 characters", {"call": "queryOrder", "transactionId": "4" * 33}),
        ("query with mchId with a letter", {"call": "queryOrder", "outTradeNo": NO, "mchId": "123000010O"}),
        ("close", {"call": "closeOrder", "outTradeNo": NO}),
        ("close an out_trade_no with a slash", {"call": "closeOrder", "outTradeNo": "../refund"}),
        ("close an empty out_trade_no", {"call": "closeOrder", "outTradeNo": ""}),
        ("query a refund", {"call": "queryRefund", "outRefundNo": NO + "@1|*_-"}),
        ("query a refund of 1 character", {"call": "queryRefund", "outRefundNo": "R"}),
        ("query a refund of 64 characters", {"call": "queryRefund", "outRefundNo": "R" * 64}),
        ("query a refund of 65 characters", {"call": "queryRefund", "outRefundNo": "R" * 65}),
        ("query a refund with #", {"call": "queryRefund", "outRefundNo": "R#1"}),
        ("query an empty out_refund_no", {"call": "queryRefund", "outRefundNo": ""}),
    ]
    orders = [
        ("1 fen", {"out_trade_no": NO, "total": 1}),
        ("100 yuan", {"out_trade_no": NO, "total": 10000}),
        ("0 fen", {"out_trade_no": NO, "total": 0}),
        ("negative", {"out_trade_no": NO, "total": -100}),
        ("a UUID with hyphens", {"out_trade_no": uuid, "total": 1}),
        ("out_trade_no of 5 characters", {"out_trade_no": "12345", "total": 1}),
    ]
    refunds = [
        ("all of it", {"out_trade_no": NO, "out_refund_no": "R1", "refund": 100, "total": 100}),
        ("part of it, by transaction_id", {"transaction_id": TRANSACTION_ID, "out_refund_no": "R1", "refund": 1, "total": 100}),
        ("more than the total", {"out_trade_no": NO, "out_refund_no": "R1", "refund": 101, "total": 100}),
        ("0 fen", {"out_trade_no": NO, "out_refund_no": "R1", "refund": 0, "total": 100}),
        ("a total of 0 fen", {"out_trade_no": NO, "out_refund_no": "R1", "refund": 1, "total": 0}),
        ("no order named", {"out_refund_no": "R1", "refund": 1, "total": 100}),
        ("out_refund_no with #", {"out_trade_no": NO, "out_refund_no": "R#1", "refund": 1, "total": 100}),
        ("transaction_id with a hyphen", {"transaction_id": "4200-1", "out_refund_no": "R1", "refund": 1, "total": 100}),
    ]
    named = lambda pairs, outcome: [dict(name=name, **case, expected=outcome(case)) for name, case in pairs]
    return {"comment": COMMENT, "calls": named(calls, call_outcome), "orders": named(orders, order_outcome),
            "refunds": named(refunds, refund_outcome)}


def process(path, write):
    built = cases()
    problems = []
    for section in SECTIONS:
        names = [c["name"] for c in built[section]]
        if len(set(names)) != len(names):
            problems.append(f"v3_calls.json {section}: case names are not unique")
        outcomes = {c["expected"] if c["expected"] is True else c["expected"].get("error", "path") for c in built[section]}
        if len(outcomes) < 2:
            problems.append(f"v3_calls.json {section}: every case has the same outcome")
    text = json.dumps(built, indent=2, ensure_ascii=False) + "\n"
    if write:
        if not problems:
            path.write_text(text, encoding="utf-8")
    elif not path.exists() or path.read_text(encoding="utf-8") != text:
        problems.append("v3_calls.json differs from what the reference computes (run --write)")
    return ", ".join(f"{len(built[s])} {s}" for s in SECTIONS), problems
