#!/usr/bin/env python3
"""Independent reference for the WeChat Pay API v2 signature test vectors.

Standard library only. Implements the rules of the v2 "签名算法" doc (chapter 4_3):

  stringA        = "&".join(f"{name}={value}") over every parameter whose value is
                   non-empty and whose name is not exactly "sign", sorted by the
                   UTF-8 bytes of the name; values raw (no URL-encoding, no trim);
                   JSON integers become decimal strings (0 -> "0", kept).
  stringSignTemp = stringA + "&key=" + KEY
  MD5            = upper(hex(md5(stringSignTemp)))
  HMAC-SHA256    = upper(hex(hmac_sha256(key=KEY, msg=stringSignTemp)))

Virtual payment (virtual_payment.json, wx.requestVirtualPayment): paySig =
hex(hmac_sha256(appKey, "requestVirtualPayment&" + signData)), signature =
hex(hmac_sha256(sessionKey, signData)), signData signed as the page sends it.

Mini-program re-sign (wx.requestPayment): package = "prepay_id=" + prepayId
(not prefixed twice); paySign signs exactly appId, nonceStr, package, signType,
timeStamp.

API v3 (v3.json; needs the `cryptography` package): the cases are built by
`v3_vectors` from the TEST-ONLY keys stored in v3.json, and every verify and
decrypt case is also run through `v3_verify` / `v3_decrypt`, which know nothing
of how the case was made. RSA PKCS#1 v1.5 and AES-GCM with a given nonce are
deterministic, so the whole file is re-derived.

  paySign        = base64(RSA-SHA256(merchant key, appId\ntimeStamp\nnonceStr\npackage\n))
  Authorization  = WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",signature="..",
                   timestamp="..",serial_no=".." over METHOD\nURL\ntimestamp\nnonce\nbody\n
  verify         = RSA-SHA256 over Wechatpay-Timestamp\nWechatpay-Nonce\nbody\n with the key
                   named by Wechatpay-Serial; |now - timestamp| >= 300 s refused;
                   a signature starting with WECHATPAY/SIGNTEST/ refused
  resource       = AES-256-GCM(APIv3 key, 12-byte nonce, associated_data), tag at the end

API v3 calls (v3_calls.json, standard library): methods, paths and the fields refused
before sending, from WeChat Pay's field tables (v3_calls_reference.py).

  python3 reference.py --check     verify every expected value (and every
                                   hand-entered `official` value); exit 1 on mismatch
  python3 reference.py --write     recompute expected fields from the inputs
                                   (v3.json: every case, from its stored keys)
  python3 reference.py --new-keys  generate new TEST-ONLY v3 keys, then --write
"""
import argparse
import hashlib
import hmac
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIGN_FILE = HERE / "sign.json"
PAY_FILE = HERE / "pay.json"
V3_FILE = HERE / "v3.json"
VIRTUAL_PAYMENT_FILE = HERE / "virtual_payment.json"
V3_CALLS_FILE = HERE / "v3_calls.json"
SIGN_TYPES = ("MD5", "HMAC-SHA256")


# ---------------------------------------------------------------- the algorithm

def value_text(value):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"value must be a string or an integer, got {value!r}")
    return str(value)  # str(int) is plain decimal


def string_a(params):
    """params: list of (name, value) pairs."""
    kept = [(n, value_text(v)) for n, v in params if n != "sign" and value_text(v) != ""]
    kept.sort(key=lambda pair: pair[0].encode("utf-8"))
    return "&".join(f"{n}={v}" for n, v in kept)


def sign(params, key, sign_type):
    if len(key.encode("utf-8")) != 32:
        raise ValueError("the key must be 32 bytes: every API v2 key is")
    temp = (string_a(params) + "&key=" + key).encode("utf-8")
    if sign_type == "MD5":
        return hashlib.md5(temp).hexdigest().upper()
    if sign_type == "HMAC-SHA256":
        return hmac.new(key.encode("utf-8"), temp, hashlib.sha256).hexdigest().upper()
    raise ValueError(f"unknown signType {sign_type!r}")


def pay_params(case):
    prepay = case["prepayId"]
    package = prepay if prepay.startswith("prepay_id=") else "prepay_id=" + prepay
    signed = [
        ("appId", case["appId"]),
        ("nonceStr", case["nonceStr"]),
        ("package", package),
        ("signType", case["signType"]),
        ("timeStamp", case["timeStamp"]),
    ]
    return {
        "timeStamp": case["timeStamp"],
        "nonceStr": case["nonceStr"],
        "package": package,
        "signType": case["signType"],
        "paySign": sign(signed, case["key"], case["signType"]),
    }


# ---------------------------------------------------------------- per-case logic

def validate_sign_inputs(case):
    names = [p[0] for p in case["params"]]
    for p in case["params"]:
        if not (isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)):
            raise ValueError(f"param must be [name, value], got {p!r}")
        value_text(p[1])
    if len(set(names)) != len(names):
        raise ValueError("duplicate parameter name")


def computed_sign(case):
    validate_sign_inputs(case)
    return {
        "canonical": string_a(case["params"]),
        "md5": sign(case["params"], case["key"], "MD5"),
        "hmac_sha256": sign(case["params"], case["key"], "HMAC-SHA256"),
    }


def computed_pay(case):
    if case["signType"] not in SIGN_TYPES:
        raise ValueError(f"signType must be one of {SIGN_TYPES}")
    for field in ("appId", "prepayId", "key", "timeStamp", "nonceStr"):
        if not isinstance(case[field], str):
            raise ValueError(f"{field} must be a string")
    return {"expected": pay_params(case)}


def official_problems(case, computed):
    """Compare hand-entered official values with what we computed."""
    problems = []
    if "expected" in computed:  # pay case
        actual = computed["expected"]
    else:
        actual = computed
    for field, want in case.get("official", {}).items():
        got = actual.get(field)
        if got != want:
            problems.append(f"official {field}: doc says {want!r}, computed {got!r}")
    return problems


def computed_virtual_payment(case):
    """wx.requestVirtualPayment: paySig with the AppKey over 'requestVirtualPayment&' + signData,
    signature with the session_key over signData; both lowercase hex HMAC-SHA256."""
    data = case["signData"].encode("utf-8")
    if not isinstance(json.loads(case["signData"]), dict):
        raise ValueError("signData must be the JSON text of an object")
    return {
        "paySig": hmac.new(case["appKey"].encode("utf-8"), b"requestVirtualPayment&" + data, hashlib.sha256).hexdigest(),
        "signature": hmac.new(case["sessionKey"].encode("utf-8"), data, hashlib.sha256).hexdigest(),
    }


# ---------------------------------------------------------------- file handling

SIGN_ORDER = ["name", "params", "key", "canonical", "md5", "hmac_sha256", "official"]
VIRTUAL_PAYMENT_ORDER = ["name", "signData", "appKey", "sessionKey", "paySig", "signature"]
PAY_ORDER = ["name", "appId", "prepayId", "key", "signType", "timeStamp", "nonceStr",
             "expected", "official"]


def ordered(case, order):
    out = {k: case[k] for k in order if k in case}
    out.update({k: v for k, v in case.items() if k not in out})
    return out


def dump(doc):
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    # keep each [name, value] pair on one line
    string = r'"(?:[^"\\]|\\.)*"'
    text = re.sub(r"\[\s*(" + string + r"),\s*(" + string + r"|-?\d+)\s*\]", r"[\1, \2]", text)
    return text + "\n"


def process(path, compute, order, write):
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    official_count = 0
    for i, case in enumerate(doc["cases"]):
        label = f"{path.name}[{i}] {case.get('name', '?')!r}"
        try:
            computed = compute(case)
        except (KeyError, ValueError) as exc:
            problems.append(f"{label}: bad input: {exc!r}")
            continue
        for field, value in computed.items():
            if write:
                case[field] = value
            elif case.get(field) != value:
                problems.append(f"{label}: {field}: file has {case.get(field)!r}, computed {value!r}")
        official = official_problems(case, computed)
        problems += [f"{label}: {p}" for p in official]
        if not official:
            official_count += len(case.get("official", {}))
        doc["cases"][i] = ordered(case, order)
    names = [c.get("name") for c in doc["cases"]]
    if len(set(names)) != len(names):
        problems.append(f"{path.name}: case names are not unique")
    if write:
        path.write_text(dump(doc), encoding="utf-8")
    return len(doc["cases"]), official_count, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="verify the JSON files")
    mode.add_argument("--write", action="store_true", help="regenerate expected fields")
    mode.add_argument("--new-keys", action="store_true",
                      help="generate new TEST-ONLY v3 keys, then regenerate (changes every v3 vector)")
    args = parser.parse_args()
    write = args.write or args.new_keys

    n_sign, off_sign, p_sign = process(SIGN_FILE, computed_sign, SIGN_ORDER, write)
    n_pay, off_pay, p_pay = process(PAY_FILE, computed_pay, PAY_ORDER, write)
    n_virtual, _, p_virtual = process(VIRTUAL_PAYMENT_FILE, computed_virtual_payment, VIRTUAL_PAYMENT_ORDER, write)
    import v3_reference  # needs `cryptography`; the v2 part above is standard library only
    v3_counts, p_v3 = v3_reference.process(V3_FILE, write, args.new_keys)
    import v3_calls_reference
    calls_counts, p_calls = v3_calls_reference.process(V3_CALLS_FILE, write)
    problems = p_sign + p_pay + p_virtual + p_v3 + p_calls
    for p in problems:
        print("MISMATCH " + p, file=sys.stderr)
    if problems:
        print(f"vectors: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    verb = "written" if write else "checked"
    print(f"vectors: {n_sign} sign cases, {n_pay} pay cases, {n_virtual} virtual payment cases {verb}; "
          f"{off_sign + off_pay} official doc values matched")
    print(f"v3 vectors: {v3_counts} {verb}, each verify/decrypt outcome confirmed independently")
    print(f"v3 call vectors: {calls_counts} {verb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
