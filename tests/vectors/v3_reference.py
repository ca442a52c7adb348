"""API v3 part of reference.py: builds tests/vectors/v3.json from its TEST-ONLY keys
and checks every case independently with the `cryptography` package.

Two halves that share nothing but the keys:
  v3_vectors(keys)      how each case is made (signing with the test keys)
  v3_verify / v3_decrypt what a receiver must conclude from a case's data alone
--check requires both: the file equals v3_vectors(its keys), and each verify /
decrypt case's `expected` equals what v3_verify / v3_decrypt conclude.

The keys are generated once (--new-keys) for this project. They are TEST-ONLY:
published here, so they protect nothing and must never be used by a merchant.
"""
import base64
import datetime
import json
import re
import secrets

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

COMMENT = ("TEST-ONLY keys generated for wxpay-wasm by tests/vectors/reference.py --new-keys; "
           "never a merchant's or WeChat Pay's. They are public, so they protect nothing: "
           "never configure them anywhere real.")
SCHEME = "WECHATPAY2-SHA256-RSA2048"
PROBE_PREFIX = "WECHATPAY/SIGNTEST/"
WINDOW_SECONDS = 300  # |now - Wechatpay-Timestamp| >= this is refused
ALGORITHM = "AEAD_AES_256_GCM"
SECTIONS = ["payParams", "authorization", "verify", "decrypt", "payParamsRefused", "authorizationRefused", "privateKeys",
            "appPayParams"]
NOW = 1764590400  # 2025-12-01T12:00:00Z: the `now` of every verify case
KEY_ORDER = ["merchantPrivateKey", "merchantPublicKey", "merchantSerialNo", "wechatpayPublicKeyId",
             "wechatpayPublicKey", "platformSerialNo", "platformCertificate", "apiV3Key",
             "wechatpayPrivateKey", "platformPrivateKey"]
# Which stored key signs for which public key (the last two keys exist only to make
# the answers and notifications that verify).
# (Pairs, not dict literals: tests/key_never_leaks.rs reads `"…Key": "…"` as a key assignment.)
SIGNER = dict([("wechatpayPublicKey", "wechatpayPrivateKey"), ("platformCertificate", "platformPrivateKey")])
SERIAL = dict([("wechatpayPublicKey", "wechatpayPublicKeyId"), ("platformCertificate", "platformSerialNo")])


# ---------------------------------------------------------------- keys (once)

def new_keys():
    def private_pem(key):
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()

    def public_pem(key):
        return key.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    merchant, wechatpay, platform = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                                     for _ in range(3))
    serial = secrets.randbits(155) | (1 << 156)  # 40 hex digits, positive, first digit 1
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "wxpay-wasm TEST-ONLY"),
        x509.NameAttribute(NameOID.COMMON_NAME, "TEST-ONLY WeChat Pay platform certificate stand-in"),
    ])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(platform.public_key()).serial_number(serial)
            .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=3650))
            .sign(platform, hashes.SHA256()))
    alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return {
        "merchantPrivateKey": private_pem(merchant),
        "merchantPublicKey": public_pem(merchant),
        "merchantSerialNo": secrets.token_hex(20).upper(),
        "wechatpayPublicKeyId": "PUB_KEY_ID_" + "".join(secrets.choice("0123456789") for _ in range(32)),
        "wechatpayPublicKey": public_pem(wechatpay),
        "platformSerialNo": format(serial, "040X"),
        "platformCertificate": cert.public_bytes(serialization.Encoding.PEM).decode(),
        # 32 ASCII characters that say what they are (the key scan accepts "TestOnly").
        "apiV3Key": "TestOnly" + "".join(secrets.choice(alnum) for _ in range(24)),
        "wechatpayPrivateKey": private_pem(wechatpay),
        "platformPrivateKey": private_pem(platform),
    }


# ---------------------------------------------------------------- the algorithms

def load_private(pem):
    return serialization.load_pem_private_key(pem.encode(), password=None)


def rsa_sign(private_pem, message):
    signature = load_private(private_pem).sign(message.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(signature).decode()


def pay_params(keys, case):
    prepay = case["prepayId"]
    package = prepay if prepay.startswith("prepay_id=") else "prepay_id=" + prepay
    message = f"{case['appId']}\n{case['timeStamp']}\n{case['nonceStr']}\n{package}\n"
    return {"timeStamp": case["timeStamp"], "nonceStr": case["nonceStr"], "package": package,
            "signType": "RSA", "paySign": rsa_sign(keys["merchantPrivateKey"], message)}


def app_pay_params(keys, case):
    """APP支付's PayReq: sign over appid\ntimestamp\nnoncestr\nprepayid\n, the prepay_id bare."""
    prepay = case["prepayId"]
    prepay = prepay[len("prepay_id="):] if prepay.startswith("prepay_id=") else prepay
    message = f"{case['appId']}\n{case['timeStamp']}\n{case['nonceStr']}\n{prepay}\n"
    return {"appid": case["appId"], "partnerid": case["mchId"], "prepayid": prepay, "package": "Sign=WXPay",
            "noncestr": case["nonceStr"], "timestamp": case["timeStamp"],
            "sign": rsa_sign(keys["merchantPrivateKey"], message)}


def authorization(keys, case):
    message = f"{case['method']}\n{case['url']}\n{case['timeStamp']}\n{case['nonceStr']}\n{case['body']}\n"
    signature = rsa_sign(keys["merchantPrivateKey"], message)
    return (f'{SCHEME} mchid="{case["mchId"]}",nonce_str="{case["nonceStr"]}",signature="{signature}",'
            f'timestamp="{case["timeStamp"]}",serial_no="{case["serialNo"]}"')


# ---------------------------------------------------------------- input rules
# The field rules v3 shares with v2 (appId, prepayId, timeStamp, nonceStr) and the
# Authorization rules, as the error code of the first broken one (None: all pass).

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def plain(text):
    return text != "" and not any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c in "&=" for c in text)


def time_stamp_nonce_refusal(case):
    stamp, nonce = case["timeStamp"], case["nonceStr"]
    if not (stamp.isascii() and stamp.isdigit()) or len(stamp) != 10:
        return "InvalidTimeStamp"
    if len(nonce) > 32 and nonce.isascii():
        return "NonceTooLong"
    if not (nonce.isascii() and nonce.isalnum()) or not 1 <= len(nonce) <= 32:
        return "InvalidNonce"
    return None


def pay_refusal(case):
    prepay = case["prepayId"]
    prepay = prepay[len("prepay_id="):] if prepay.startswith("prepay_id=") else prepay
    if case["appId"] == "":
        return "MissingAppId"
    if not plain(case["appId"]):
        return "InvalidAppId"
    if prepay == "":
        return "MissingPrepayId"
    if not plain(prepay):
        return "InvalidPrepayId"
    return time_stamp_nonce_refusal(case)


def authorization_refusal(case):
    if not re.fullmatch(r"[0-9]{1,32}", case["mchId"]):
        return "InvalidMchId"
    if not re.fullmatch(r"[0-9A-Fa-f]{1,64}", case["serialNo"]):
        return "InvalidSerialNo"
    if case["method"] not in METHODS:
        return "InvalidMethod"
    if not case["url"].startswith("/") or not all(0x21 <= ord(c) <= 0x7E for c in case["url"]):
        return "InvalidUrl"
    return time_stamp_nonce_refusal(case)


def public_key_of(pem):
    if "BEGIN CERTIFICATE" in pem:
        return x509.load_pem_x509_certificate(pem.encode()).public_key()
    return serialization.load_pem_public_key(pem.encode())


def normalized_pem(text):
    """PEM as every reader here takes it: surrounding blank lines, indentation and CRLF aside."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def canonical_base64(text):
    """The bytes of `text` if it is base64 exactly as it would be written (padding bits zero)."""
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:
        raise ValueError("not canonical base64")
    return raw


def registration_refusal(serial, pem):
    """The code refusing `pem` registered as WeChat Pay's key under `serial`, or None."""
    if not (re.fullmatch(r"PUB_KEY_ID_[0-9A-Za-z]+", serial) or re.fullmatch(r"[0-9A-Fa-f]{1,64}", serial)):
        return "InvalidSerialNo"
    text = normalized_pem(pem)
    if not text.startswith("-----BEGIN ") or text.count("-----BEGIN ") != 1 or "PRIVATE KEY" in text.split("\n")[0]:
        return "InvalidPublicKey"
    try:
        key = public_key_of(text)
    except ValueError:
        return "InvalidPublicKey"
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        return "InvalidPublicKey"
    if "BEGIN CERTIFICATE" in text and not (re.fullmatch(r"[0-9A-Fa-f]+", serial)
                                           and int(serial, 16) == x509.load_pem_x509_certificate(text.encode()).serial_number):
        return "CertificateSerialMismatch"
    return None


def known_keys(keys, case):
    """A case's publicKeys as (serial, PEM): a key name under its own serial,
    [serial name, key name], or {"serial": …, "pem": …} given literally."""
    for entry in case["publicKeys"]:
        if isinstance(entry, dict):
            yield entry["serial"], entry["pem"]
        elif isinstance(entry, list):
            yield keys[entry[0]], keys[entry[1]]
        else:
            yield keys[SERIAL[entry]], keys[entry]


def v3_verify(keys, case):
    """What a receiver concludes: True or {"error": code}. Knows nothing of how the case was made."""
    # Every key is registered (and checked) before any header is read.
    known = {}
    for serial, pem in known_keys(keys, case):
        refusal = registration_refusal(serial, pem)
        if refusal:
            return {"error": refusal}
        known[serial] = normalized_pem(pem)
    # Names in any case; values trimmed of spaces and tabs; empty is absent; one value a name.
    values, repeated, other_type = {}, set(), False
    for name, value in case["headers"].items():
        name, value = name.lower(), value.strip(" \t")
        if name == "wechatpay-signature-type":
            other_type |= value not in ("", SCHEME)
        elif value and values.setdefault(name, value) != value:
            repeated.add(name)
    for name in ["wechatpay-serial", "wechatpay-signature", "wechatpay-timestamp", "wechatpay-nonce"]:
        if name not in values:
            return {"error": "MissingHeader"}
        if name in repeated:
            return {"error": "RepeatedHeader"}
    if other_type:
        return {"error": "UnsupportedAlgorithm"}
    signature = values["wechatpay-signature"]
    if signature.startswith(PROBE_PREFIX):
        return {"error": "SignatureProbe"}
    timestamp = values["wechatpay-timestamp"]
    # Unix seconds: at most 19 ASCII digits (what 64 bits hold), no sign or spaces.
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 19) or abs(case["now"] - int(timestamp)) >= WINDOW_SECONDS:
        return {"error": "TimestampOutOfWindow"}
    # A certificate's hex serial matches in any case.
    named = values["wechatpay-serial"]
    # The serial exactly as registered first, then a certificate's in another case.
    serial = named if named in known else next(
        (s for s in known if re.fullmatch(r"[0-9A-Fa-f]+", named) and s.lower() == named.lower()), None)
    if serial is None:
        return {"error": "UnknownSerial"}
    pem = known[serial]
    if "BEGIN CERTIFICATE" in pem:
        cert = x509.load_pem_x509_certificate(pem.encode())
        if not cert.not_valid_before_utc.timestamp() <= case["now"] <= cert.not_valid_after_utc.timestamp():
            return {"error": "CertificateExpired"}
    message = f"{timestamp}\n{values['wechatpay-nonce']}\n{case['body']}\n".encode("utf-8")
    try:
        public_key_of(pem).verify(canonical_base64(signature), message, padding.PKCS1v15(), hashes.SHA256())
    except (ValueError, InvalidSignature):
        return {"error": "InvalidSignature"}
    return True


def changed_character(pem):
    """`pem` with one base64 character in the middle of its body changed: still DER, but
    one of the key's numbers is another (what a copy that lost or changed a character gives)."""
    lines = pem.split("\n")
    at = len(lines) // 2
    line = lines[at]
    lines[at] = line[:40] + ("/" if line[40] != "/" else "A") + line[41:]
    return "\n".join(lines)


def private_key_refusal(pem):
    """None if `pem` is a merchant private key the readers take, else the code."""
    text = normalized_pem(pem)
    if not text.startswith("-----BEGIN ") or text.count("-----BEGIN ") != 1 or "PRIVATE KEY" not in text.split("\n")[0]:
        return "InvalidPrivateKey"
    try:
        key = load_private(text)
    except ValueError:
        return "InvalidPrivateKey"
    if not isinstance(key, rsa.RSAPrivateKey) or not 2048 <= key.key_size <= 4096:
        return "InvalidPrivateKey"
    return None


def encrypt_resource(key, plaintext, nonce, associated_data):
    sealed = AESGCM(key.encode()).encrypt(nonce.encode(), plaintext.encode("utf-8"), associated_data.encode())
    return {"algorithm": ALGORITHM, "ciphertext": base64.b64encode(sealed).decode(),
            "nonce": nonce, "associated_data": associated_data}


def v3_decrypt(keys, case):
    """What a receiver concludes: the plaintext or {"error": code}."""
    resource = case["resource"]
    key = case.get("apiV3Key", keys["apiV3Key"]).encode("utf-8")
    if len(key) != 32:
        return {"error": "InvalidApiV3Key"}
    if not resource.get("algorithm"):  # the whole notification, not its resource
        return {"error": "DecryptFailed"}
    if resource["algorithm"] != ALGORITHM:
        return {"error": "UnsupportedAlgorithm"}
    nonce = resource["nonce"].encode("utf-8")
    if len(nonce) != 12:
        return {"error": "DecryptFailed"}
    try:
        sealed = canonical_base64(resource["ciphertext"])
        plain = AESGCM(key).decrypt(nonce, sealed, resource.get("associated_data", "").encode("utf-8"))
        return plain.decode("utf-8")
    except (ValueError, InvalidTag):
        return {"error": "DecryptFailed"}


# ---------------------------------------------------------------- the cases

def loose_base64(text):
    """`text` (base64 ending in padding) with a padding bit set: the same bytes to a
    lenient decoder, not base64 as any encoder writes it."""
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = text.rstrip("=")
    assert body != text, "no padding"
    return body[:-1] + digits[digits.index(body[-1]) | 1] + text[len(body):]


def flip_base64(text, at):
    """The base64 text with one decoded byte changed (still valid base64)."""
    raw = bytearray(base64.b64decode(text))
    raw[at] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def v3_vectors(keys):
    pay = [
        {"name": "bare prepay_id", "appId": "wxd678efh567hg6787",
         "prepayId": "wx201410272009395522657a690389285100", "timeStamp": "1414561699",
         "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"},
        {"name": "prepay_id= already given", "appId": "wxd678efh567hg6787",
         "prepayId": "prepay_id=wx201410272009395522657a690389285100", "timeStamp": "1414561699",
         "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"},
        {"name": "short nonce", "appId": "wx8888888888888888",
         "prepayId": "wx2025120112000012345678901234567890", "timeStamp": "1764590400", "nonceStr": "a1"},
        {"name": "another app and time", "appId": "wx1234567890abcdef",
         "prepayId": "up_wx21201855730335ac86f8c43d1889123400", "timeStamp": "2000000000",
         "nonceStr": "593BEC0C930BF1AFEB40B4A08C8FB242"},
    ]
    for case in pay:
        case["expected"] = pay_params(keys, case)

    mch = {"mchId": "1900000109", "serialNo": keys["merchantSerialNo"]}
    order = ('{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"Image形象店-深圳腾大-QQ公仔",'
             '"out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php",'
             '"amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}')
    auth = [
        {"name": "GET with a query, empty body", **mch, "method": "GET",
         "url": "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109",
         "body": "", "timeStamp": "1764590400", "nonceStr": "593BEC0C930BF1AFEB40B4A08C8FB242"},
        {"name": "POST JSON order with Chinese in the body", **mch, "method": "POST",
         "url": "/v3/pay/transactions/jsapi", "body": order, "timeStamp": "1764590401",
         "nonceStr": "ZqR3wY8kP2mN5vB7xC1dF4gH6jK9lL0A"},
        {"name": "POST close order", **mch, "method": "POST",
         "url": "/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close",
         "body": '{"mchid":"1900000109"}', "timeStamp": "1764590402", "nonceStr": "c5ac7061fccab6bf3e254dcf98995b8c"},
    ]
    for case in auth:
        case["expected"] = authorization(keys, case)

    # Refused inputs: each case breaks one rule; `expected` is the code its name means,
    # which pay_refusal / authorization_refusal must agree with (see process).
    good_pay = {"appId": "wxd678efh567hg6787", "prepayId": "wx201410272009395522657a690389285100",
                "timeStamp": "1764590400", "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"}
    pay_refused = [
        ("empty appId", {"appId": ""}, "MissingAppId"),
        ("appId with a trailing newline", {"appId": "wxd678efh567hg6787\n"}, "InvalidAppId"),
        ("prepayId only prepay_id=", {"prepayId": "prepay_id="}, "MissingPrepayId"),
        ("prepay_id= twice", {"prepayId": "prepay_id=prepay_id=wx201410272009395522657a690389285100"},
         "InvalidPrepayId"),
        ("timeStamp in milliseconds", {"timeStamp": "1764590400000"}, "InvalidTimeStamp"),
        ("timeStamp not digits", {"timeStamp": "2025-12-01"}, "InvalidTimeStamp"),
        ("UUID nonceStr", {"nonceStr": "0f8fad5b-d9cb-469f-a165-70867728950e"}, "NonceTooLong"),
        ("nonceStr with a hyphen", {"nonceStr": "5K8264IL-TKCH16"}, "InvalidNonce"),
        ("empty nonceStr", {"nonceStr": ""}, "InvalidNonce"),
        # Several bad fields: the first rule in pay_refusal's order is the one reported.
        ("empty appId and timeStamp in milliseconds", {"appId": "", "timeStamp": "1764590400000"}, "MissingAppId"),
        ("appId with a space and prepay_id= twice", {"appId": "wx d678", "prepayId": "prepay_id=prepay_id=wx1"},
         "InvalidAppId"),
        ("empty prepayId and UUID nonceStr", {"prepayId": "", "nonceStr": "0f8fad5b-d9cb-469f-a165-70867728950e"},
         "MissingPrepayId"),
        ("prepay_id= twice and timeStamp not digits", {"prepayId": "prepay_id=prepay_id=wx1", "timeStamp": "now"},
         "InvalidPrepayId"),
        ("timeStamp in milliseconds and UUID nonceStr",
         {"timeStamp": "1764590400000", "nonceStr": "0f8fad5b-d9cb-469f-a165-70867728950e"}, "InvalidTimeStamp"),
        ("every field bad", {"appId": "wx\n", "prepayId": "", "timeStamp": "", "nonceStr": "-"}, "InvalidAppId"),
    ]
    pay_refused = [{"name": n, **good_pay, **change, "expected": {"error": code}} for n, change, code in pay_refused]
    good_auth = {**mch, "method": "POST", "url": "/v3/pay/transactions/jsapi", "body": "{}",
                 "timeStamp": "1764590400", "nonceStr": "593BEC0C930BF1AFEB40B4A08C8FB242"}
    auth_refused = [
        ("empty mchId", {"mchId": ""}, "InvalidMchId"),
        ("mchId with a letter O", {"mchId": "19000001O9"}, "InvalidMchId"),
        ("mchId of 33 digits", {"mchId": "1" * 33}, "InvalidMchId"),
        ("serialNo empty", {"serialNo": ""}, "InvalidSerialNo"),
        ("serialNo a WeChat Pay public key id", {"serialNo": keys["wechatpayPublicKeyId"]}, "InvalidSerialNo"),
        ("serialNo of 65 hex digits", {"serialNo": "A" * 65}, "InvalidSerialNo"),
        ("method in lower case", {"method": "post"}, "InvalidMethod"),
        ("method HEAD", {"method": "HEAD"}, "InvalidMethod"),
        ("url with the host", {"url": "https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi"}, "InvalidUrl"),
        ("url without the leading slash", {"url": "v3/pay/transactions/jsapi"}, "InvalidUrl"),
        ("url with a space", {"url": "/v3/pay/transactions/out-trade-no/a b"}, "InvalidUrl"),
        ("url with unencoded Chinese", {"url": "/v3/marketing/favor/stocks?name=立减"}, "InvalidUrl"),
        ("timeStamp in milliseconds", {"timeStamp": "1764590400000"}, "InvalidTimeStamp"),
        ("UUID nonceStr", {"nonceStr": "0f8fad5b-d9cb-469f-a165-70867728950e"}, "NonceTooLong"),
        # Several bad fields: the first rule in authorization_refusal's order is the one reported.
        ("empty mchId, serialNo, method and url", {"mchId": "", "serialNo": "", "method": "post", "url": ""},
         "InvalidMchId"),
        ("serialNo a public key id and method HEAD", {"serialNo": keys["wechatpayPublicKeyId"], "method": "HEAD"},
         "InvalidSerialNo"),
        ("method in lower case and url with the host",
         {"method": "get", "url": "https://api.mch.weixin.qq.com/v3/certificates"}, "InvalidMethod"),
        ("url with a space and timeStamp in milliseconds", {"url": "/v3/a b", "timeStamp": "1764590400000"},
         "InvalidUrl"),
        ("timeStamp not digits and nonceStr with a hyphen", {"timeStamp": "now", "nonceStr": "a-b"}, "InvalidTimeStamp"),
    ]
    auth_refused = [{"name": n, **good_auth, **change, "expected": {"error": code}} for n, change, code in auth_refused]

    answer = '{"prepay_id":"wx201410272009395522657a690389285100"}'
    notice_resource = encrypt_resource(keys["apiV3Key"], '{"trade_state":"SUCCESS","trade_state_desc":"支付成功"}',
                                       "fdasflkja484", "transaction")
    notification = json.dumps({
        "id": "EV-2018022511223320873", "create_time": "2025-12-01T20:00:00+08:00",
        "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
        "resource": {**notice_resource, "original_type": "transaction"},
    }, ensure_ascii=False, separators=(",", ":"))

    def signed(name, body, by, ts=None, now=NOW, nonce="c5ac7061fccab6bf3e254dcf98995b8c", known=None,
               serial=None, names=("Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp",
                                   "Wechatpay-Nonce"), expected=True):
        ts = now if ts is None else ts
        signature = rsa_sign(keys[SIGNER[by]], f"{ts}\n{nonce}\n{body}\n")
        values = [serial or keys[SERIAL[by]], signature, str(ts), nonce]
        return {"name": name, "headers": dict(zip(names, values)), "body": body, "now": now,
                "publicKeys": list(known or [by]), "expected": expected}

    # The platform certificate's validity, both ends included.
    cert = x509.load_pem_x509_certificate(keys["platformCertificate"].encode())
    valid_from = int(cert.not_valid_before_utc.timestamp())
    valid_until = int(cert.not_valid_after_utc.timestamp())

    both = ["wechatpayPublicKey", "platformCertificate"]
    verify = [
        signed("answer, WeChat Pay public key", answer, "wechatpayPublicKey"),
        signed("answer, platform certificate", answer, "platformCertificate"),
        signed("notification, public key, both known (migration)", notification, "wechatpayPublicKey", known=both),
        signed("notification, certificate, both known (migration)", notification, "platformCertificate", known=both),
        signed("empty body (204 No Content)", "", "wechatpayPublicKey"),
        signed("header names in lower case", answer, "wechatpayPublicKey",
               names=("wechatpay-serial", "wechatpay-signature", "wechatpay-timestamp", "wechatpay-nonce")),
        signed("header names in upper case", answer, "platformCertificate",
               names=("WECHATPAY-SERIAL", "WECHATPAY-SIGNATURE", "WECHATPAY-TIMESTAMP", "WECHATPAY-NONCE")),
        signed("299 s old: inside the window", answer, "wechatpayPublicKey", ts=NOW - 299),
        signed("299 s ahead: inside the window", answer, "wechatpayPublicKey", ts=NOW + 299),
        signed("300 s old: stale", answer, "wechatpayPublicKey", ts=NOW - 300,
               expected={"error": "TimestampOutOfWindow"}),
        signed("300 s ahead: refused", answer, "wechatpayPublicKey", ts=NOW + 300,
               expected={"error": "TimestampOutOfWindow"}),
        signed("signed by the public key's owner, sent under the certificate's serial", answer,
               "wechatpayPublicKey", known=both, serial=keys["platformSerialNo"],
               expected={"error": "InvalidSignature"}),
        signed("serial of a key we do not hold", answer, "platformCertificate", known=["wechatpayPublicKey"],
               expected={"error": "UnknownSerial"}),
        signed("merchant's own serial (a common mix-up)", answer, "wechatpayPublicKey",
               serial=keys["merchantSerialNo"], expected={"error": "UnknownSerial"}),
        signed("platform certificate registered under the merchant's serial", answer, "platformCertificate",
               serial=keys["merchantSerialNo"], known=[["merchantSerialNo", "platformCertificate"]],
               expected={"error": "CertificateSerialMismatch"}),
        signed("a certificate under the merchant's serial beside the key that signed", answer, "wechatpayPublicKey",
               known=["wechatpayPublicKey", ["merchantSerialNo", "platformCertificate"]],
               expected={"error": "CertificateSerialMismatch"}),
        signed("platform certificate on its last valid second", answer, "platformCertificate", now=valid_until),
        signed("platform certificate on its first valid second", answer, "platformCertificate", now=valid_from),
        signed("platform certificate expired a second ago", answer, "platformCertificate", now=valid_until + 1,
               expected={"error": "CertificateExpired"}),
        signed("platform certificate not valid yet", answer, "platformCertificate", now=valid_from - 1,
               expected={"error": "CertificateExpired"}),
        signed("WeChat Pay public key: no validity period", answer, "wechatpayPublicKey", now=valid_until + 1),
    ]
    tampered = signed("tampered notification body", notification, "wechatpayPublicKey",
                      expected={"error": "InvalidSignature"})
    tampered["body"] = notification.replace('"summary":"支付成功"', '"summary":"支付失败"')
    changed_nonce = signed("nonce changed after signing", answer, "platformCertificate",
                           expected={"error": "InvalidSignature"})
    changed_nonce["headers"]["Wechatpay-Nonce"] = "c5ac7061fccab6bf3e254dcf98995b8d"
    probe = signed("WECHATPAY/SIGNTEST/ probe", notification, "wechatpayPublicKey",
                   expected={"error": "SignatureProbe"})
    probe["headers"]["Wechatpay-Signature"] = PROBE_PREFIX + probe["headers"]["Wechatpay-Signature"]
    no_signature = signed("no Wechatpay-Signature header", answer, "wechatpayPublicKey",
                          expected={"error": "MissingHeader"})
    del no_signature["headers"]["Wechatpay-Signature"]
    no_serial = signed("no Wechatpay-Serial header", answer, "wechatpayPublicKey",
                       expected={"error": "MissingHeader"})
    del no_serial["headers"]["Wechatpay-Serial"]
    ms = signed("Wechatpay-Timestamp in milliseconds", answer, "wechatpayPublicKey", ts=NOW * 1000,
                expected={"error": "TimestampOutOfWindow"})
    not_base64 = signed("signature not base64", answer, "wechatpayPublicKey", expected={"error": "InvalidSignature"})
    not_base64["headers"]["Wechatpay-Signature"] = "not base64!"
    verify += [tampered, changed_nonce, probe, no_signature, no_serial, ms, not_base64]

    # One answer for what hosts once read differently: header names and values as HTTP
    # delivers them, the signature type, base64 spelling, and keys registered wrongly.
    def changed(case, name, headers=None, publicKeys=None, expected=True):
        case = {**case, "name": name, "headers": {**case["headers"], **(headers or {})}, "expected": expected}
        if publicKeys is not None:
            case["publicKeys"] = publicKeys
        return case

    good = signed("good", answer, "wechatpayPublicKey")
    by_cert = signed("good", answer, "platformCertificate")
    h = good["headers"]
    signature = h["Wechatpay-Signature"]
    loose = loose_base64(signature)
    cert = keys["platformCertificate"]
    public = keys["wechatpayPublicKey"]
    verify += [
        changed(good, "a header repeated in another case with another value",
                {"wechatpay-nonce": "c5ac7061fccab6bf3e254dcf98995b8d"}, expected={"error": "RepeatedHeader"}),
        changed(good, "a header repeated in another case with the same value", {"WECHATPAY-NONCE": h["Wechatpay-Nonce"]}),
        changed(good, "values with spaces and tabs around them",
                {k: f" \t{v} " for k, v in h.items()}),
        changed(good, "empty Wechatpay-Serial", {"Wechatpay-Serial": ""}, expected={"error": "MissingHeader"}),
        changed(good, "empty Wechatpay-Timestamp", {"Wechatpay-Timestamp": " "}, expected={"error": "MissingHeader"}),
        changed(good, "Wechatpay-Signature-Type WECHATPAY2-SHA256-RSA2048", {"Wechatpay-Signature-Type": SCHEME}),
        changed(good, "Wechatpay-Signature-Type of another scheme", {"Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3"},
                expected={"error": "UnsupportedAlgorithm"}),
        changed(good, "Wechatpay-Timestamp of 20 digits", {"Wechatpay-Timestamp": "0" * 10 + str(NOW)},
                expected={"error": "TimestampOutOfWindow"}),
        changed(good, "a probe behind a space", {"Wechatpay-Signature": " " + PROBE_PREFIX + signature},
                expected={"error": "SignatureProbe"}),
        changed(good, "signature in base64 with padding bits set", {"Wechatpay-Signature": loose},
                expected={"error": "InvalidSignature"}),
        changed(good, "the merchant private key registered as WeChat Pay's public key",
                publicKeys=[{"serial": keys["wechatpayPublicKeyId"], "pem": keys["merchantPrivateKey"]}],
                expected={"error": "InvalidPublicKey"}),
        changed(by_cert, "a certificate chain registered under one serial",
                publicKeys=[{"serial": keys["platformSerialNo"], "pem": cert + cert}], expected={"error": "InvalidPublicKey"}),
        changed(by_cert, "a certificate with every line indented",
                publicKeys=[{"serial": keys["platformSerialNo"], "pem": "".join("    " + l + "\n" for l in cert.splitlines())}]),
        changed(good, "a public key with its line breaks written as \\n",
                publicKeys=[{"serial": keys["wechatpayPublicKeyId"], "pem": public.strip().replace("\n", "\\n")}],
                expected={"error": "InvalidPublicKey"}),
        changed(good, "a public key's file path where its content belongs",
                publicKeys=[{"serial": keys["wechatpayPublicKeyId"], "pem": "/etc/wechatpay/pub_key.pem"}],
                expected={"error": "InvalidPublicKey"}),
        changed(good, "a key registered under 'undefined' (an unset variable)",
                publicKeys=[{"serial": "undefined", "pem": public}], expected={"error": "InvalidSerialNo"}),
        changed(by_cert, "a certificate registered under its lower-case serial",
                publicKeys=[{"serial": keys["platformSerialNo"].lower(), "pem": cert}]),
    ]

    key = keys["apiV3Key"]
    ok = encrypt_resource(key, '{"mchid":"1900000109","trade_state":"SUCCESS","trade_state_desc":"支付成功"}',
                          "fdasflkja484", "transaction")
    # 15 bytes and the tag: base64 with "==", whose last digit carries padding bits.
    padded = encrypt_resource(key, '{"mchid":"190"}', "fdasflkja484", "transaction")
    decrypt = [
        {"name": "notification resource", "resource": ok},
        {"name": "empty associated_data",
         "resource": encrypt_resource(key, '{"refund_status":"SUCCESS"}', "0123456789ab", "")},
        {"name": "the notification in the verify cases", "resource": notice_resource},
        {"name": "tampered ciphertext", "resource": {**ok, "ciphertext": flip_base64(ok["ciphertext"], 3)}},
        {"name": "tampered tag", "resource": {**ok, "ciphertext": flip_base64(ok["ciphertext"], -1)}},
        {"name": "other associated_data", "resource": {**ok, "associated_data": "certificate"}},
        {"name": "nonce of 16 characters", "resource": {**ok, "nonce": "fdasflkja4840000"}},
        {"name": "ciphertext not base64", "resource": {**ok, "ciphertext": "not base64!"}},
        {"name": "ciphertext shorter than the tag", "resource": {**ok, "ciphertext": "AAAA"}},
        {"name": "APIv3 key of 16 characters (wrong length)", "resource": ok, "apiV3Key": "wrongLength16chr"},
        {"name": "APIv3 key of another merchant (wrong key)", "resource": ok,
         "apiV3Key": "wrongKeyOfAnotherMerchantTestOnl"},
        {"name": "algorithm AEAD_AES_128_GCM", "resource": {**ok, "algorithm": "AEAD_AES_128_GCM"}},
        {"name": "the whole notification where its resource belongs",
         "resource": {"id": "EV-2018022511223320873", "event_type": "TRANSACTION.SUCCESS", "resource": ok}},
        {"name": "nonce of 11 characters", "resource": {**ok, "nonce": "fdasflkja48"}},
        {"name": "ciphertext in base64 with padding bits set",
         "resource": {**padded, "ciphertext": loose_base64(padded["ciphertext"])}},
    ]
    for case in decrypt:
        case["expected"] = v3_decrypt(keys, case)  # cross-checked against the names in check_intent
    # APP支付 (the OpenSDK's PayReq) for the same merchant: WeChat's example, and a prefixed prepay_id.
    app_pay = [{"name": "WeChat's APP example", "appId": "wx8888888888888888", "mchId": "1900000109",
                "prepayId": "WX1217752501201407033233368018", "timeStamp": "1414561699",
                "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"},
               {"name": "prepay_id= given: the app signs the bare id", "appId": "wx8888888888888888",
                "mchId": "1900000109", "prepayId": "prepay_id=wx201410272009395522657a690389285100",
                "timeStamp": "1764590400", "nonceStr": "593BEC0C930BF1AFEB40B4A08C8FB242"}]
    for case in app_pay:
        case["expected"] = app_pay_params(keys, case)

    # The merchant private key as people paste it, and what they paste instead.
    private = keys["merchantPrivateKey"]
    pkcs1 = load_private(private).private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                                serialization.NoEncryption()).decode()
    refused = {"error": "InvalidPrivateKey"}
    private_keys = [
        {"name": "apiclient_key.pem (PKCS#8)", "pem": private, "expected": True},
        {"name": "the TEST-ONLY key as PKCS#1 (RSA PRIVATE KEY)", "pem": pkcs1, "expected": True},
        {"name": "CRLF line ends", "pem": private.replace("\n", "\r\n"), "expected": True},
        {"name": "every line indented", "pem": "".join("  " + l + "\n" for l in private.splitlines()), "expected": True},
        {"name": "line breaks written as \\n", "pem": private.strip().replace("\n", "\\n"), "expected": refused},
        {"name": "a file path", "pem": "./cert/apiclient_key.pem", "expected": refused},
        {"name": "the certificate instead", "pem": keys["platformCertificate"], "expected": refused},
        {"name": "a public key instead", "pem": keys["merchantPublicKey"], "expected": refused},
        {"name": "the key and a certificate in one text", "pem": private + keys["platformCertificate"], "expected": refused},
        {"name": "empty", "pem": "", "expected": refused},
        {"name": "the TEST-ONLY key with one character changed: its numbers no longer fit", "pem": changed_character(private), "expected": refused},
    ]
    return {"comment": COMMENT, "keys": {k: keys[k] for k in KEY_ORDER},
            "payParams": pay, "authorization": auth, "verify": verify, "decrypt": decrypt,
            "payParamsRefused": pay_refused, "authorizationRefused": auth_refused, "privateKeys": private_keys,
            "appPayParams": app_pay}


# What each decrypt case must come to, from its name alone: v3_decrypt is not its own oracle.
DECRYPT_INTENT = {
    "notification resource": '{"mchid":"1900000109","trade_state":"SUCCESS","trade_state_desc":"支付成功"}',
    "empty associated_data": '{"refund_status":"SUCCESS"}',
    "the notification in the verify cases": '{"trade_state":"SUCCESS","trade_state_desc":"支付成功"}',
    "tampered ciphertext": {"error": "DecryptFailed"},
    "tampered tag": {"error": "DecryptFailed"},
    "other associated_data": {"error": "DecryptFailed"},
    "nonce of 16 characters": {"error": "DecryptFailed"},
    "ciphertext not base64": {"error": "DecryptFailed"},
    "ciphertext shorter than the tag": {"error": "DecryptFailed"},
    "APIv3 key of 16 characters (wrong length)": {"error": "InvalidApiV3Key"},
    "APIv3 key of another merchant (wrong key)": {"error": "DecryptFailed"},
    "algorithm AEAD_AES_128_GCM": {"error": "UnsupportedAlgorithm"},
    "the whole notification where its resource belongs": {"error": "DecryptFailed"},
    "nonce of 11 characters": {"error": "DecryptFailed"},
    "ciphertext in base64 with padding bits set": {"error": "DecryptFailed"},
}


# ---------------------------------------------------------------- file handling

def check_keys(keys):
    problems = []
    if len(keys.get("apiV3Key", "").encode()) != 32 or not keys["apiV3Key"].startswith("TestOnly"):
        problems.append("apiV3Key must be 32 ASCII characters starting with TestOnly")
    for private, public in [("merchantPrivateKey", "merchantPublicKey"),
                            ("wechatpayPrivateKey", "wechatpayPublicKey"),
                            ("platformPrivateKey", "platformCertificate")]:
        key = load_private(keys[private])
        if key.key_size != 2048 or key.public_key().public_numbers() != public_key_of(keys[public]).public_numbers():
            problems.append(f"{private} is not RSA 2048 or not the key of {public}")
    cert = x509.load_pem_x509_certificate(keys["platformCertificate"].encode())
    if format(cert.serial_number, "040X") != keys["platformSerialNo"]:
        problems.append("platformSerialNo is not the certificate's serial number")
    if not keys["wechatpayPublicKeyId"].startswith("PUB_KEY_ID_"):
        problems.append("wechatpayPublicKeyId must start with PUB_KEY_ID_")
    return problems


def process(path, write, new):
    if new:
        keys = new_keys()
    else:
        keys = json.loads(path.read_text(encoding="utf-8"))["keys"]
    built = v3_vectors(keys)
    problems = [f"v3.json keys: {p}" for p in check_keys(keys)]
    for case in built["verify"]:
        got = v3_verify(keys, case)
        if got != case["expected"]:
            problems.append(f"v3.json verify {case['name']!r}: made to be {case['expected']!r}, verifies as {got!r}")
    for case in built["privateKeys"]:
        got = private_key_refusal(case["pem"])
        if (True if got is None else {"error": got}) != case["expected"]:
            problems.append(f"v3.json privateKeys {case['name']!r}: meant {case['expected']!r}, the reference reads {got!r}")
    for case in built["decrypt"]:
        if DECRYPT_INTENT.get(case["name"]) != case["expected"]:
            problems.append(f"v3.json decrypt {case['name']!r}: meant {DECRYPT_INTENT.get(case['name'])!r}, "
                            f"decrypts as {case['expected']!r}")
    for section, refusal in [("payParamsRefused", pay_refusal), ("authorizationRefused", authorization_refusal)]:
        for case in built[section]:
            got = refusal(case)
            if {"error": got} != case["expected"]:
                problems.append(f"v3.json {section} {case['name']!r}: meant {case['expected']!r}, the rules give {got!r}")
    for case in built["payParams"] + built["authorization"]:
        refusal = pay_refusal if "appId" in case else authorization_refusal
        if refusal(case) is not None:
            problems.append(f"v3.json {case['name']!r}: a signed case breaks the rule {refusal(case)!r}")
    for section in SECTIONS:
        names = [c["name"] for c in built[section]]
        if len(set(names)) != len(names):
            problems.append(f"v3.json {section}: case names are not unique")
    text = json.dumps(built, indent=2, ensure_ascii=False) + "\n"
    if write:
        if not problems:
            path.write_text(text, encoding="utf-8")
    elif path.read_text(encoding="utf-8") != text:
        on_file = json.loads(path.read_text(encoding="utf-8"))
        for section in ["comment", *SECTIONS]:
            if on_file.get(section) != built[section]:
                problems.append(f"v3.json {section}: differs from what the reference computes (run --write)")
        if not problems:
            problems.append("v3.json: formatting differs from --write's")
    counts = ", ".join(f"{len(built[s])} {s}" for s in SECTIONS)
    return counts, problems
