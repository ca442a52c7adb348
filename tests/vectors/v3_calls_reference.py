"""API v3 calls part of reference.py: builds tests/vectors/v3_calls.json, the methods and
paths of the calls a merchant's server makes and the fields refused before sending, from
WeChat Pay's field tables alone (standard library only):

  out_trade_no    商户订单号 string[6,32]: letters, digits, _ - | *   (JSAPI下单; 查询订单)
  out_refund_no   商户退款单号 string[1,64]: letters, digits, _ - | * @  (申请退款)
  transaction_id  微信支付订单号 string[1,32]                          (查询订单)
  mchid           直连商户号 string[1,32], digits
  amount.total, amount.refund  integers in fen, above 0; refund at most total
  sub_mchid       子商户号 string[1,32], digits (服务商 calls: partner JSAPI下单, 查询订单
                  ?sp_mchid=&sub_mchid=, 关闭订单, 查询单笔退款 ?sub_mchid=)
  payer           服务商 JSAPI下单: sp_openid or sub_openid; "若传sub_openid,那sub_appid必填";
                  the page's paySign is for sub_appid with sub_openid, else sp_appid
  baseUrl         https:// and a host (or http:// to a loopback emulator), no path
  timeoutMs       whole milliseconds, 1 to 600000; 10000 when left out
  out_bill_no     商户单号 string(32): letters and digits only         (商家转账: 发起, 查询, 撤销)
  transfer_scene_id  转账场景ID string(36), e.g. "1000"
  transfer_amount    integer in fen, above 0
  transfer_remark    转账备注, at most 32 characters
  user_name          收款用户姓名, encrypted (base64 of an RSA-OAEP ciphertext: 256, 384
                     or 512 bytes); required from 2,000 yuan (200000 fen)

The inputs are written here; every `expected` is what these rules conclude.
"""
import base64
import binascii
import json
import re

COMMENT = ("Made by tests/vectors/reference.py (v3_calls_reference.py) from WeChat Pay's field "
           "tables; run by tests/v3_calls.rs and tests/node/client.test.js.")
SECTIONS = ["calls", "orders", "refunds", "partnerOrders", "transferBills", "client", "transport"]
RULES = [
    ("out_trade_no", re.compile(r"[0-9A-Za-z_\-|*]{6,32}"), "InvalidOutTradeNo"),
    ("out_refund_no", re.compile(r"[0-9A-Za-z_\-|*@]{1,64}"), "InvalidOutRefundNo"),
    ("transaction_id", re.compile(r"[0-9A-Za-z]{1,32}"), "InvalidTransactionId"),
    ("mchid", re.compile(r"[0-9]{1,32}"), "InvalidMchId"),
    ("sub_mchid", re.compile(r"[0-9]{1,32}"), "InvalidSubMchId"),
    ("out_bill_no", re.compile(r"[0-9A-Za-z]{1,32}"), "InvalidOutBillNo"),
    ("transfer_scene_id", re.compile(r"[0-9A-Za-z\-]{1,36}"), "InvalidTransferSceneId"),
]
SUB_MCH_ID = "1900000109"
DEFAULT_TIMEOUT_MS = 10000
MAX_TIMEOUT_MS = 600000
TRANSPORT = {"network": "NetworkError", "timeout": "Timeout", "answer": "UnexpectedAnswer"}
TRANSFER_BILLS = "/v3/fund-app/mch-transfer/transfer-bills"
BILL_NO = "plfk2020042013"
USER_NAME_REQUIRED_FROM_FEN = 200000
# A name as encrypting it gives: base64 of 256 bytes (RSA 2048), made up here.
SEALED_NAME = base64.b64encode(bytes(range(256))).decode()
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


def query_outcome(case, base, merchant_refusal, query):
    """查询订单 under `base` by out_trade_no or transaction_id, the merchant ids in `query`."""
    no, tid = case.get("outTradeNo"), case.get("transactionId")
    if no is None and tid is None:
        return {"error": "MissingOrderId"}
    field, value = ("out_trade_no", no) if no is not None else ("transaction_id", tid)
    error = first(refusal(field, value), merchant_refusal)
    if error:
        return {"error": error}
    path = f"out-trade-no/{no}" if no is not None else f"id/{tid}"
    return {"method": "GET", "path": f"{base}/{path}?{query}"}


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
        mch = case.get("mchId", MCH_ID)
        return query_outcome(case, "/v3/pay/transactions", refusal("mchid", mch), f"mchid={mch}")
    if call == "closeOrder":
        error = refusal("out_trade_no", case["outTradeNo"])
        return {"error": error} if error else {"method": "POST", "path": f"/v3/pay/transactions/out-trade-no/{case['outTradeNo']}/close"}
    if call == "queryRefund":
        error = refusal("out_refund_no", case["outRefundNo"])
        return {"error": error} if error else {"method": "GET", "path": f"/v3/refund/domestic/refunds/{case['outRefundNo']}"}
    if call == "partnerJsapiOrder":
        return {"method": "POST", "path": "/v3/pay/partner/transactions/jsapi"}
    if call == "partnerQueryOrder":
        sub = case["subMchId"]
        return query_outcome(case, "/v3/pay/partner/transactions", refusal("sub_mchid", sub), f"sp_mchid={MCH_ID}&sub_mchid={sub}")
    if call == "partnerCloseOrder":
        error = refusal("out_trade_no", case["outTradeNo"])
        return {"error": error} if error else {"method": "POST", "path": f"/v3/pay/partner/transactions/out-trade-no/{case['outTradeNo']}/close"}
    if call == "partnerQueryRefund":
        error = first(refusal("out_refund_no", case["outRefundNo"]), refusal("sub_mchid", case["subMchId"]))
        return {"error": error} if error else {"method": "GET", "path": f"/v3/refund/domestic/refunds/{case['outRefundNo']}?sub_mchid={case['subMchId']}"}
    if call == "transferBill":
        return {"method": "POST", "path": TRANSFER_BILLS}
    if call in ("queryTransferBill", "cancelTransferBill"):
        no = case["outBillNo"]
        error = refusal("out_bill_no", no)
        suffix = "/cancel" if call == "cancelTransferBill" else ""
        method = "POST" if call == "cancelTransferBill" else "GET"
        return {"error": error} if error else {"method": method, "path": f"{TRANSFER_BILLS}/out-bill-no/{no}{suffix}"}
    raise KeyError(call)


def partner_order_outcome(case):
    """{"appId"} the page's parameters are signed for, or {"error": code}."""
    error = first(refusal("sub_mchid", case["sub_mchid"]), refusal("out_trade_no", case["out_trade_no"]),
                  None if case["total"] > 0 else "InvalidAmount")
    if error:
        return {"error": error}
    payer = case["payer"]
    sp, sub = "sp_openid" in payer, "sub_openid" in payer
    if sp == sub:
        return {"error": "InvalidPayer"}
    if sub and "sub_appid" not in case:
        return {"error": "InvalidPayer"}
    return {"appId": case["sub_appid"] if sub else case["sp_appid"]}


def client_outcome(case):
    """{"origin", "timeoutMs"} of a client's options, or {"error": code}."""
    url = case.get("baseUrl", "https://api.mch.weixin.qq.com")
    origin = url[:-1] if url.endswith("/") else url
    m = re.fullmatch(r"(https|http)://([0-9A-Za-z\-.\[\]:]*)", origin)
    host = None
    if m:
        authority = m[2]
        host_port = authority.rsplit(":", 1)
        host = host_port[0] if len(host_port) == 2 and re.fullmatch(r"[0-9]+", host_port[1]) else authority
        loopback = host in ("localhost", "[::1]") or re.fullmatch(r"127\.[0-9.]*", host)
        if host == "" or (m[1] == "http" and not loopback):
            host = None
    if host is None:
        return {"error": "InvalidBaseUrl"}
    ms = case.get("timeoutMs", DEFAULT_TIMEOUT_MS)
    if not 1 <= ms <= MAX_TIMEOUT_MS:
        return {"error": "InvalidTimeout"}
    return {"origin": origin, "timeoutMs": ms}



def is_ciphertext(text):
    try:
        return len(base64.b64decode(text, validate=True)) in (256, 384, 512)
    except (binascii.Error, ValueError):
        return False


def transfer_bill_outcome(case):
    name, amount = case.get("user_name"), case["transfer_amount"]
    error = first(
        refusal("out_bill_no", case["out_bill_no"]),
        refusal("transfer_scene_id", case["transfer_scene_id"]),
        None if amount > 0 else "InvalidAmount",
        None if 1 <= len(case["transfer_remark"]) <= 32 else "InvalidTransferRemark",
        ("InvalidUserName" if not is_ciphertext(name) else None) if name is not None
        else ("InvalidUserName" if amount >= USER_NAME_REQUIRED_FROM_FEN else None),
    )
    return {"error": error} if error else True


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
        ("transfer bill", {"call": "transferBill"}),
        ("query a transfer bill", {"call": "queryTransferBill", "outBillNo": BILL_NO}),
        ("query a transfer bill of 32 characters", {"call": "queryTransferBill", "outBillNo": "B" * 32}),
        ("query a transfer bill of 33 characters", {"call": "queryTransferBill", "outBillNo": "B" * 33}),
        ("query a transfer bill with _", {"call": "queryTransferBill", "outBillNo": "plfk_2020"}),
        ("query a transfer bill with a slash", {"call": "queryTransferBill", "outBillNo": "bill/../x"}),
        ("query an empty out_bill_no", {"call": "queryTransferBill", "outBillNo": ""}),
        ("cancel a transfer bill", {"call": "cancelTransferBill", "outBillNo": BILL_NO}),
        ("cancel a transfer bill by a UUID with hyphens", {"call": "cancelTransferBill", "outBillNo": uuid}),
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
    calls += [
        ("partner JSAPI order", {"call": "partnerJsapiOrder"}),
        ("partner query by out_trade_no", {"call": "partnerQueryOrder", "outTradeNo": NO, "subMchId": SUB_MCH_ID}),
        ("partner query by transaction_id", {"call": "partnerQueryOrder", "transactionId": TRANSACTION_ID, "subMchId": SUB_MCH_ID}),
        ("partner query naming no order", {"call": "partnerQueryOrder", "subMchId": SUB_MCH_ID}),
        ("partner query with sub_mchid with a letter", {"call": "partnerQueryOrder", "outTradeNo": NO, "subMchId": "190000010O"}),
        ("partner query with an empty sub_mchid", {"call": "partnerQueryOrder", "outTradeNo": NO, "subMchId": ""}),
        ("partner query by a UUID with hyphens", {"call": "partnerQueryOrder", "outTradeNo": uuid, "subMchId": SUB_MCH_ID}),
        ("partner close", {"call": "partnerCloseOrder", "outTradeNo": NO}),
        ("partner close an out_trade_no with a slash", {"call": "partnerCloseOrder", "outTradeNo": "../refund"}),
        ("partner query a refund", {"call": "partnerQueryRefund", "outRefundNo": "R1", "subMchId": SUB_MCH_ID}),
        ("partner query a refund with sub_mchid of 33 digits", {"call": "partnerQueryRefund", "outRefundNo": "R1", "subMchId": "1" * 33}),
        ("partner query a refund with #", {"call": "partnerQueryRefund", "outRefundNo": "R#1", "subMchId": SUB_MCH_ID}),
    ]
    base = {"sub_mchid": SUB_MCH_ID, "out_trade_no": NO, "total": 1, "sp_appid": "wx8888888888888888"}
    sub_appid = "wxd678efh567hg6999"
    partner_orders = [
        ("paid by sp_openid: signed for sp_appid", dict(base, sub_appid=sub_appid, payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})),
        ("paid by sp_openid without sub_appid", dict(base, payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})),
        ("paid by sub_openid: signed for sub_appid", dict(base, sub_appid=sub_appid, payer={"sub_openid": "oUpF8uN95-Ptaags6E4s4C2SxAak"})),
        ("sub_openid without sub_appid", dict(base, payer={"sub_openid": "oUpF8uN95-Ptaags6E4s4C2SxAak"})),
        ("both openids", dict(base, sub_appid=sub_appid, payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "sub_openid": "oUpF8uN95-Ptaags6E4s4C2SxAak"})),
        ("no openid", dict(base, sub_appid=sub_appid, payer={})),
        ("sub_mchid with a letter", dict(base, sub_mchid="190000010O", payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})),
        ("out_trade_no of 5 characters", dict(base, out_trade_no="12345", payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})),
        ("0 fen", dict(base, total=0, payer={"sp_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})),
    ]
    client = [
        ("the defaults", {}),
        ("api2, with a trailing slash", {"baseUrl": "https://api2.mch.weixin.qq.com/"}),
        ("a loopback emulator over http", {"baseUrl": "http://127.0.0.1:8080"}),
        ("localhost over http, 1 ms", {"baseUrl": "http://localhost:3000", "timeoutMs": 1}),
        ("IPv6 loopback, the longest timeout", {"baseUrl": "http://[::1]:8080", "timeoutMs": MAX_TIMEOUT_MS}),
        ("WeChat Pay over http", {"baseUrl": "http://api.mch.weixin.qq.com"}),
        ("no scheme", {"baseUrl": "api.mch.weixin.qq.com"}),
        ("a path", {"baseUrl": "https://api.mch.weixin.qq.com/v3"}),
        ("a query", {"baseUrl": "https://api.mch.weixin.qq.com?x"}),
        ("no host", {"baseUrl": "https://"}),
        ("user info", {"baseUrl": "https://user@api.mch.weixin.qq.com"}),
        ("ftp", {"baseUrl": "ftp://127.0.0.1"}),
        ("a host that starts like the loopback", {"baseUrl": "http://127.0.0.1.example.com"}),
        ("timeout 0", {"timeoutMs": 0}),
        ("timeout negative", {"timeoutMs": -1}),
        ("timeout over ten minutes", {"timeoutMs": MAX_TIMEOUT_MS + 1}),
    ]
    transport = [
        ("no server listening", {"transport": "network"}),
        ("an answer slower than timeoutMs", {"transport": "timeout"}),
        ("a signed answer that is not the JSON expected", {"transport": "answer"}),
    ]
    bill = {"out_bill_no": BILL_NO, "transfer_scene_id": "1000", "transfer_amount": 100, "transfer_remark": "提现"}
    transfer_bills = [
        ("1 yuan, no name", bill),
        ("1 fen", {**bill, "transfer_amount": 1}),
        ("with the name encrypted", {**bill, "user_name": SEALED_NAME}),
        ("2,000 yuan with the name encrypted", {**bill, "transfer_amount": 200000, "user_name": SEALED_NAME}),
        ("1999.99 yuan, no name", {**bill, "transfer_amount": 199999}),
        ("2,000 yuan, no name", {**bill, "transfer_amount": 200000}),
        ("the name in plain text", {**bill, "user_name": "张三"}),
        ("the name in plain text that is base64", {**bill, "user_name": "emhhbmdzYW4="}),
        ("0 fen", {**bill, "transfer_amount": 0}),
        ("negative", {**bill, "transfer_amount": -100}),
        ("out_bill_no with _", {**bill, "out_bill_no": "plfk_2020"}),
        ("out_bill_no of 33 characters", {**bill, "out_bill_no": "B" * 33}),
        ("no transfer_scene_id", {**bill, "transfer_scene_id": ""}),
        ("transfer_scene_id with its name", {**bill, "transfer_scene_id": "1000 现金营销"}),
        ("an empty transfer_remark", {**bill, "transfer_remark": ""}),
        ("transfer_remark of 32 characters", {**bill, "transfer_remark": "提" * 32}),
        ("transfer_remark of 33 characters", {**bill, "transfer_remark": "提" * 33}),
    ]
    named = lambda pairs, outcome: [dict(name=name, **case, expected=outcome(case)) for name, case in pairs]
    return {"comment": COMMENT, "calls": named(calls, call_outcome), "orders": named(orders, order_outcome),
            "refunds": named(refunds, refund_outcome), "partnerOrders": named(partner_orders, partner_order_outcome),
            "transferBills": named(transfer_bills, transfer_bill_outcome), "client": named(client, client_outcome),
            "transport": named(transport, lambda c: {"error": TRANSPORT[c["transport"]]})}


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
