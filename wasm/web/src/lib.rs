//! The WebAssembly boundary for Node and browsers, the idiomatic wasm-bindgen way:
//! JavaScript values in (read with js-sys; `buildPayParams`' usual request, all strings,
//! as one UTF-8 text: [`pay_params_from_text`]), checked text out, and
//! random bytes through getrandom's `js` feature (browsers' `crypto.getRandomValues`;
//! on Node the `crypto` module, with or without a global `crypto`), so every call is
//! synchronous and never runs dry.
//!
//! The API, its defaults, result shapes and error codes are the mini-program
//! module's (`src/js/index.js`); an error is a `WxPayError` carrying the core's
//! [`Error::code`] and message, thrown from here. The hand-written wrapper
//! (`src/js/api.js`) adds `init()` and `requestPayment()` and hands in the
//! `WxPayError` class ([`set_error_class`]).
//!
//! Not for mini-programs: they have no global `crypto` (random bytes come from the
//! asynchronous `wx.getRandomValues`), and the jitless iPhone engine wants the
//! lean module's narrow boundary (`wasm/miniprogram`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use js_sys::{Array, BigInt, Function, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wxpay_wasm::{Error, KeyProblem, PayRequest, SignType, SignTypeProblem, TimeStampProblem, MAX_NONCE_LEN};

#[cfg(feature = "v3")]
pub mod v3;

thread_local! {
    /// `WxPayError`, from the wrapper: `new WxPayError(code, message)`.
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// Random bytes from getrandom, drawn a block at a time: a call into the host's
    /// crypto costs more than the rest of a nonce, and a nonce wants 32 bytes or a few more.
    static RANDOM: RefCell<Random> = const { RefCell::new(Random { bytes: [0; RANDOM_BLOCK], used: RANDOM_BLOCK }) };
}

const RANDOM_BLOCK: usize = 256;

struct Random {
    bytes: [u8; RANDOM_BLOCK],
    used: usize,
}

/// Fills `out` with secure random bytes, each used once and wiped once handed out.
fn secure_random(out: &mut [u8]) -> Result<(), Error> {
    RANDOM.with(|r| {
        let r = &mut *r.borrow_mut();
        let mut done = 0;
        while done < out.len() {
            if r.used == RANDOM_BLOCK {
                getrandom::getrandom(&mut r.bytes).map_err(|_| Error::RandomUnavailable)?;
                r.used = 0;
            }
            let n = (out.len() - done).min(RANDOM_BLOCK - r.used);
            let taken = &mut r.bytes[r.used..r.used + n];
            out[done..done + n].copy_from_slice(taken);
            taken.fill(0);
            r.used += n;
            done += n;
        }
        Ok(())
    })
}

/// Makes `new ctor(code, message)` the error every function here throws.
#[wasm_bindgen(js_name = setErrorClass)]
pub fn set_error_class(ctor: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(ctor));
}

/// A `WxPayError` with `code` and `message` (a plain `Error` with a `code` before
/// [`set_error_class`]).
fn wx_error(code: &str, message: &str) -> JsValue {
    let args = Array::of2(&code.into(), &message.into());
    let made = ERROR_CLASS.with(|c| c.borrow().as_ref().and_then(|ctor| Reflect::construct(ctor, &args).ok()));
    made.unwrap_or_else(|| {
        let e = js_sys::Error::new(message);
        let _ = Reflect::set(&e, &"code".into(), &code.into());
        e.into()
    })
}

/// The core's error as a `WxPayError`: its stable code and message.
fn core_error(e: Error) -> JsValue {
    wx_error(e.code(), e.message())
}

/// How the mini-program shim names a value's type in messages.
fn type_name(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if is_array(v) {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_object() {
        "an object"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_bigint() {
        "a bigint"
    } else {
        "a symbol"
    }
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// An error whose code a boundary message carries: the v2 [`Error`], or (feature `v3`) the server's.
trait Code: Copy {
    fn code(self) -> &'static str;
}

impl Code for Error {
    fn code(self) -> &'static str {
        Error::code(&self)
    }
}

#[cfg(feature = "v3")]
impl Code for wxpay_wasm::v3::Error {
    fn code(self) -> &'static str {
        wxpay_wasm::v3::Error::code(&self)
    }
}

#[cfg(feature = "v3")]
impl Code for wxpay_wasm::virtual_payment::Error {
    fn code(self) -> &'static str {
        wxpay_wasm::virtual_payment::Error::code(&self)
    }
}

/// `v` as Rust text if it is a string of valid Unicode; else a `WxPayError` with `error`'s code.
fn text(v: &JsValue, error: impl Code, what: &str) -> Result<String, JsValue> {
    text_or_absent(v, error, what)?.ok_or_else(|| not_a_string(v, error, what))
}

/// [`text`], but `None` for null and undefined. The string is asked for first: a given
/// field, the usual case, then costs one crossing, not three.
fn text_or_absent(v: &JsValue, error: impl Code, what: &str) -> Result<Option<String>, JsValue> {
    let Some(s) = v.as_string() else {
        return if absent(v) { Ok(None) } else { Err(not_a_string(v, error, what)) };
    };
    // A lone surrogate arrives as U+FFFD: only then is the original asked.
    if s.contains('\u{FFFD}') && !v.unchecked_ref::<JsString>().is_valid_utf16() {
        let message = format!("{what} contains a lone UTF-16 surrogate, which is not valid Unicode text");
        return Err(wx_error(error.code(), &message));
    }
    Ok(Some(s))
}

fn not_a_string(v: &JsValue, error: impl Code, what: &str) -> JsValue {
    wx_error(error.code(), &format!("{what} must be a string, not {}", type_name(v)))
}

/// `signType`: "MD5" when left out.
fn sign_type(v: &JsValue) -> Result<SignType, JsValue> {
    match text_or_absent(v, Error::UnsupportedSignType(SignTypeProblem::Unknown), "signType")? {
        Some(name) => name.parse().map_err(core_error),
        None => Ok(SignType::Md5),
    }
}

fn key(v: &JsValue) -> Result<String, JsValue> {
    text(v, Error::InvalidKey(KeyProblem::Control), "key")
}

/// Unix seconds given as a number leave as a string, as wx wants them.
fn safe_integer(v: &JsValue) -> Option<i64> {
    let n = v.as_f64()?;
    js_sys::Number::is_safe_integer(v).then_some(n as i64)
}

// User code (getters, Proxy traps) runs only in imports marked `catch`: an exception
// that crossed wasm frames would leave the module's state unknown (the wrapper then
// stops using it), so each becomes a `WxPayError` here instead.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray`, which throws for a revoked Proxy (counted as one here, as the shim does).
fn is_array(v: &JsValue) -> bool {
    array_is_array(v).unwrap_or(true)
}

/// The fields of `buildPayParams`' request, in the order they are read, each with the
/// error whose code a throwing getter gets.
const FIELDS: [(&str, Error); 6] = [
    ("appId", Error::InvalidAppId),
    ("prepayId", Error::InvalidPrepayId),
    ("key", Error::InvalidKey(KeyProblem::Control)),
    ("signType", Error::UnsupportedSignType(SignTypeProblem::Unknown)),
    ("timeStamp", Error::InvalidTimeStamp(TimeStampProblem::NotDigits)),
    ("nonceStr", Error::InvalidNonce),
];

thread_local! {
    /// The names of [`FIELDS`] as JavaScript strings, made once: a call's cost is mostly
    /// its crossings, and making a JS string from Rust text is among the dearest (docs/cuts.md).
    static FIELD_NAMES: Vec<JsValue> = FIELDS.iter().map(|&(name, _)| JsValue::from_str(name)).collect();
}

/// The values of [`FIELDS`] in `request`; a throw becomes a `WxPayError` with the field's code.
fn read_fields(request: &JsValue) -> Result<[JsValue; 6], JsValue> {
    FIELD_NAMES.with(|names| {
        let mut values: [JsValue; 6] = Default::default();
        for ((value, name), (shown, error)) in values.iter_mut().zip(names).zip(FIELDS) {
            *value = Reflect::get(request, name).map_err(|e| {
                wx_error(error.code(), &format!("buildPayParams: reading {shown} threw: {}", describe(&e)))
            })?;
        }
        Ok(values)
    })
}

/// A required field: left out is '' (→ MissingAppId, MissingPrepayId, InvalidKey).
fn required_text(v: &JsValue, error: impl Code, what: &str) -> Result<String, JsValue> {
    text_or_absent(v, error, what).map(Option::unwrap_or_default)
}

/// `timeStamp`, if given: text, or Unix seconds as a number (sent as a string, as wx wants).
fn time_stamp_text(v: &JsValue) -> Result<Option<String>, JsValue> {
    match safe_integer(v).filter(|&n| n >= 0) {
        Some(seconds) => Ok(Some(seconds.to_string())),
        None => text_or_absent(v, Error::InvalidTimeStamp(TimeStampProblem::NotDigits), "timeStamp"),
    }
}

/// `nonceStr`, if given, as text.
fn nonce_text(v: &JsValue) -> Result<Option<String>, JsValue> {
    text_or_absent(v, Error::InvalidNonce, "nonceStr")
}

/// Checked values, one per line, for the JavaScript wrapper to make a plain object of:
/// one text crossing and an object literal cost less than an object built from here
/// (docs/cuts.md). None of them can hold a newline: the core refuses control characters
/// in ids, and time stamps, nonces, sign types and signatures are letters and digits.
fn lines(values: &[&str]) -> String {
    debug_assert!(values.iter().all(|v| !v.contains('\n')));
    values.join("\n")
}

fn now_unix_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// `buildPayParams({appId, prepayId, key, signType = 'MD5', timeStamp?, nonceStr?})`
/// → `timeStamp`, `nonceStr`, `package`, `signType` and `paySign` as [`lines`], from which
/// `src/js/api.js` makes the object `wx.requestPayment` takes.
#[wasm_bindgen(js_name = payParamsLines)]
pub fn pay_params_lines(request: JsValue) -> Result<String, JsValue> {
    let takes_one_object = || {
        let message = "buildPayParams({appId, prepayId, key, signType, timeStamp?, nonceStr?}) takes one object";
        wx_error(Error::InvalidValue.code(), message)
    };
    if !request.is_object() || request.is_function() {
        return Err(takes_one_object());
    }
    let [app_id, prepay_id, key_value, sign_type_value, time_stamp, nonce_str] = read_fields(&request)?;
    let app_id = required_text(&app_id, Error::InvalidAppId, "appId")?;
    let prepay_id = required_text(&prepay_id, Error::InvalidPrepayId, "prepayId")?;
    let key = required_text(&key_value, Error::InvalidKey(KeyProblem::Control), "key")?;
    let sign_type = sign_type(&sign_type_value)?;
    let time_stamp = time_stamp_text(&time_stamp)?;
    let nonce_str = nonce_text(&nonce_str)?;
    pay_params(&app_id, &prepay_id, &key, sign_type, time_stamp.as_deref(), nonce_str)
}

thread_local! {
    /// Where the wrapper writes a request's text for [`pay_params_from_text`].
    static REQUEST_TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// `requestTextBuffer(capacity)`: a view of `capacity` bytes of this module's memory into
/// which `src/js/api.js` writes a request's text with `TextEncoder.encodeInto` (one call
/// of the host's encoder, where wasm-bindgen's own string passing copies character by
/// character in JavaScript). Good until the next call into the module.
#[wasm_bindgen(js_name = requestTextBuffer)]
pub fn request_text_buffer(capacity: usize) -> js_sys::Uint8Array {
    REQUEST_TEXT.with(|text| {
        let mut text = text.borrow_mut();
        if text.len() < capacity {
            text.resize(capacity, 0);
        }
        // SAFETY: the view covers bytes the buffer owns; memory can move only when it
        // grows, which happens inside calls into the module, after the wrapper is done.
        unsafe { js_sys::Uint8Array::view_mut_raw(text.as_mut_ptr(), capacity) }
    })
}

/// The first `written` bytes of [`request_text_buffer`]'s text, as text, given to `read`;
/// `None` when they are not UTF-8 or hold U+FFFD, which may stand for a lone surrogate.
/// The bytes are wiped afterwards: they may hold a key.
pub(crate) fn with_request_text<R>(written: usize, read: impl FnOnce(Option<&str>) -> R) -> R {
    REQUEST_TEXT.with(|text| {
        let mut text = text.borrow_mut();
        let joined =
            text.get(..written).and_then(|bytes| std::str::from_utf8(bytes).ok()).filter(|t| !t.contains('\u{FFFD}'));
        let answer = read(joined);
        let end = written.min(text.len());
        text[..end].fill(0);
        answer
    })
}

/// [`pay_params_lines`] for the usual request, whose fields `src/js/api.js` has read
/// and found to be strings (`signType`, `timeStamp` and `nonceStr` possibly left out):
/// all six, joined, as the first `written` bytes of [`request_text_buffer`]'s text
/// instead of six strings passed one by one, followed by each field's length in UTF-16
/// code units, as JavaScript counts it, or -1 for one left out. `None` when the text
/// holds U+FFFD, which may stand for a lone surrogate: the wrapper then takes
/// [`pay_params_lines`], which tells the two apart.
#[wasm_bindgen(js_name = payParamsFromText)]
pub fn pay_params_from_text(
    written: usize,
    app_id: i32,
    prepay_id: i32,
    key: i32,
    sign_type: i32,
    time_stamp: i32,
    nonce_str: i32,
) -> Result<Option<String>, JsValue> {
    let lengths = [app_id, prepay_id, key, sign_type, time_stamp, nonce_str];
    with_request_text(written, |joined| joined.map_or(Ok(None), |joined| pay_params_from_joined(joined, lengths)))
}

fn pay_params_from_joined(joined: &str, lengths: [i32; 6]) -> Result<Option<String>, JsValue> {
    let mut rest = joined;
    let mut field = [None; 6];
    for (value, length) in field.iter_mut().zip(lengths) {
        if let Ok(units) = usize::try_from(length) {
            let (head, tail) = rest.split_at(utf8_len(rest, units));
            *value = Some(head);
            rest = tail;
        }
    }
    let [Some(app_id), Some(prepay_id), Some(key), sign_type_text, time_stamp, nonce_str] = field else {
        return Ok(None);
    };
    let sign_type = match sign_type_text {
        Some(name) => name.parse().map_err(core_error)?,
        None => SignType::Md5,
    };
    pay_params(app_id, prepay_id, key, sign_type, time_stamp, nonce_str.map(str::to_owned)).map(Some)
}

/// The byte length of the first `units` UTF-16 code units of `text` (all of it if shorter).
pub(crate) fn utf8_len(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (at, c) in text.char_indices() {
        if counted >= units {
            return at;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// The five parameters of checked fields, as [`lines`]; a missing nonce is made here.
fn pay_params(
    app_id: &str,
    prepay_id: &str,
    key: &str,
    sign_type: SignType,
    time_stamp: Option<&str>,
    nonce_str: Option<String>,
) -> Result<String, JsValue> {
    let nonce_str = match nonce_str {
        Some(given) => given,
        None => wxpay_wasm::nonce_from(MAX_NONCE_LEN, secure_random).map_err(core_error)?,
    };
    let request = PayRequest { app_id, prepay_id, key, sign_type, time_stamp, nonce_str: Some(&nonce_str) };
    let params = wxpay_wasm::build_pay_params(&request, now_unix_seconds).map_err(core_error)?;
    Ok(lines(&[&params.time_stamp, &params.nonce_str, &params.package, params.sign_type.as_str(), &params.pay_sign]))
}

/// A parameter name as messages show it: at most 40 characters.
fn shown(name: &str) -> String {
    match name.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_owned(),
    }
}

/// The parameters of a plain object as (name, value) text: strings as they are, safe
/// integers and BigInts in decimal; null, undefined and '' left out (not sent, not signed).
fn fields(params: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if !is_plain_object(params) {
        let message = format!(
            "params must be a plain object of name → value ({{}} or Object.create(null)), not {}",
            type_name(params)
        );
        return Err(wx_error(Error::InvalidValue.code(), &message));
    }
    let object: &Object = params.unchecked_ref();
    let mut pairs = Vec::new();
    let names = object_keys(object).map_err(|e| {
        let message = format!("the names of params could not be read: {}", describe(&e));
        wx_error(Error::InvalidValue.code(), &message)
    })?;
    for name in names.iter() {
        let value = Reflect::get(object, &name).map_err(|e| {
            let what = name.as_string().map(|n| shown(&n)).unwrap_or_default();
            let message = format!("reading params.{what} threw: {}", describe(&e));
            wx_error(Error::InvalidValue.code(), &message)
        })?;
        // Left out before any check, whatever its name: a field with no value is not sent.
        if absent(&value) || value.as_string().is_some_and(|s| s.is_empty()) {
            continue;
        }
        let name = text(&name, Error::InvalidName, "a parameter name")?;
        let what = || format!("params.{}", shown(&name));
        let value = if value.as_f64().is_some() {
            match safe_integer(&value) {
                Some(n) => n.to_string(),
                None => {
                    let message = format!(
                        "{} is not an integer: amounts are integers in fen (分), other numbers go in as strings",
                        what()
                    );
                    return Err(wx_error(Error::InvalidValue.code(), &message));
                }
            }
        } else if let Some(n) = value.dyn_ref::<BigInt>() {
            String::from(n.to_string(10).map_err(|e| wx_error("Internal", &describe(&e)))?)
        } else if value.is_string() {
            text(&value, Error::InvalidValue, &what())?
        } else {
            let message = format!("{} must be a string or an integer, not {}", what(), type_name(&value));
            return Err(wx_error(Error::InvalidValue.code(), &message));
        };
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// `{}` or `Object.create(null)` from any realm: not a Map, Date, array or class
/// instance, whose own keys are not the parameters someone meant to sign.
fn is_plain_object(v: &JsValue) -> bool {
    if !v.is_object() || is_array(v) {
        return false;
    }
    match Reflect::get_prototype_of(v) {
        Ok(proto) if proto.is_null() => true,
        Ok(proto) => Reflect::get_prototype_of(&proto).is_ok_and(|p| p.is_null()),
        Err(_) => false,
    }
}

/// Text for a thrown value, for messages.
fn describe(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "a value that cannot be shown".to_owned())
}

/// `sign(params, key, signType = 'MD5')`: the uppercase hex WeChat Pay v2 signature.
#[wasm_bindgen]
pub fn sign(params: JsValue, key: JsValue, sign_type: JsValue) -> Result<String, JsValue> {
    let pairs = fields(&params)?;
    let key = self::key(&key)?;
    wxpay_wasm::sign(&pairs, &key, self::sign_type(&sign_type)?).map_err(core_error)
}

/// `verify(paramsWithSign, key, signType = 'MD5')`: whether its `sign` is right.
#[wasm_bindgen]
pub fn verify(params: JsValue, key: JsValue, sign_type: JsValue) -> Result<bool, JsValue> {
    let pairs = fields(&params)?;
    let key = self::key(&key)?;
    wxpay_wasm::verify(&pairs, &key, self::sign_type(&sign_type)?).map_err(core_error)
}

/// `nonce(length = MAX_NONCE_LEN)`: random letters and digits.
#[wasm_bindgen]
pub fn nonce(length: JsValue) -> Result<String, JsValue> {
    let max = MAX_NONCE_LEN as f64;
    let n = if length.is_undefined() { Some(max) } else { length.as_f64() };
    match n {
        Some(n) if n.fract() == 0.0 && (1.0..=max).contains(&n) => {
            wxpay_wasm::nonce_from(n as usize, secure_random).map_err(core_error)
        }
        Some(n) if n.fract() == 0.0 && n > max => {
            let message = format!("nonce(length): WeChat allows at most {MAX_NONCE_LEN} characters");
            Err(wx_error(Error::NonceTooLong.code(), &message))
        }
        _ => {
            let message = format!("nonce(length): length must be an integer from 1 to {MAX_NONCE_LEN}");
            Err(wx_error(Error::InvalidNonce.code(), &message))
        }
    }
}
