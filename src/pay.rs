//! The five parameters of `wx.requestPayment` (API v2 "re-sign", 再次签名).

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;

use crate::ascii::is_digits;
use crate::canonical::is_plain_token;
use crate::error::TimeStampProblem;
use crate::nonce::{check_nonce, fill_nonce, secure_random, MAX_NONCE_LEN};
use crate::sign::{check_key, sign_parts, HexSign};
use crate::{Error, SignType};

const PACKAGE_PREFIX: &str = "prepay_id=";

/// What a page knows when it is about to pay: the order's `prepay_id` and the
/// merchant's credentials. `time_stamp` and `nonce_str` are made when `None`.
#[derive(Clone, Copy)]
pub struct PayRequest<'a> {
    /// The mini-program's AppID (`appId` is signed, though wx.requestPayment does not take it).
    pub app_id: &'a str,
    /// The unified order's `prepay_id`, bare or already as `prepay_id=…`.
    pub prepay_id: &'a str,
    /// The 32-character API v2 key. Never printed, not even by `Debug`.
    pub key: &'a str,
    /// Must be the `sign_type` the unified order used.
    pub sign_type: SignType,
    /// Unix seconds as 10 digits; `None` takes the clock passed to [`build_pay_params`].
    pub time_stamp: Option<&'a str>,
    /// 1 to 32 letters and digits; `None` makes a random one of 32.
    pub nonce_str: Option<&'a str>,
}

impl fmt::Debug for PayRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PayRequest")
            .field("app_id", &self.app_id)
            .field("prepay_id", &self.prepay_id)
            .field("key", &"<redacted>")
            .field("sign_type", &self.sign_type)
            .field("time_stamp", &self.time_stamp)
            .field("nonce_str", &self.nonce_str)
            .finish()
    }
}

/// Exactly what `wx.requestPayment` takes. With the `serde` feature it serialises
/// as `{"timeStamp", "nonceStr", "package", "signType", "paySign"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct PayParams {
    /// Unix seconds, as a string.
    pub time_stamp: String,
    /// The nonce that was signed.
    pub nonce_str: String,
    /// `prepay_id=…`.
    pub package: String,
    /// `MD5` or `HMAC-SHA256`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_sign_type"))]
    pub sign_type: SignType,
    /// Uppercase hex signature over appId, nonceStr, package, signType and timeStamp.
    pub pay_sign: String,
}

#[cfg(feature = "serde")]
fn serialize_sign_type<S: serde::Serializer>(t: &SignType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.as_str())
}

/// Builds and signs the parameters of `wx.requestPayment`.
///
/// `now_unix_seconds` is asked only when `request.time_stamp` is `None`; pass a
/// clock (`SystemTime` panics on `wasm32-unknown-unknown`, so the caller chooses).
/// The nonce and time stamp that are signed are the ones returned.
///
/// # Errors
/// The input errors of [`Error`]: empty or malformed `app_id`, `prepay_id`, `key`,
/// `time_stamp` (10 digits; 13 is named as milliseconds), `nonce_str` (1..=32
/// letters and digits), and [`Error::RandomUnavailable`] when a nonce cannot be made.
///
/// # Example
/// The example of WeChat's mini-program payment document:
/// ```
/// use wxpay_wasm::{build_pay_params, PayRequest, SignType};
/// let request = PayRequest {
///     app_id: "wxd678efh567hg6787",
///     prepay_id: "wx2017033010242291fcfe0db70013231072",
///     key: "qazwsxedcrfvtgbyhnujmikolp111111", // the doc's demo key
///     sign_type: SignType::Md5,
///     time_stamp: Some("1490840662"),
///     nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
/// };
/// let params = build_pay_params(&request, || unreachable!("time_stamp is given"))?;
/// assert_eq!(params.package, "prepay_id=wx2017033010242291fcfe0db70013231072");
/// assert_eq!(params.pay_sign, "22D9B4E54AB1950F51E0649E8810ACD6");
///
/// // Usually the time stamp and nonce are made fresh:
/// let now = || std::time::SystemTime::now()
///     .duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
/// let fresh = build_pay_params(&PayRequest { time_stamp: None, nonce_str: None, ..request }, now)?;
/// assert_eq!((fresh.time_stamp.len(), fresh.nonce_str.len()), (10, 32));
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn build_pay_params<C>(request: &PayRequest<'_>, now_unix_seconds: C) -> Result<PayParams, Error>
where
    C: FnOnce() -> u64,
{
    let mut made = MadeFields::default();
    let signed = sign_pay_bytes(&PayRequestBytes::from(request), now_unix_seconds, &mut made)?;
    Ok(PayParams {
        time_stamp: text(signed.time_stamp).to_owned(),
        nonce_str: text(signed.nonce_str).to_owned(),
        package: [PACKAGE_PREFIX, text(signed.prepay_id)].concat(),
        sign_type: signed.sign_type,
        pay_sign: signed.pay_sign.as_str().to_owned(),
    })
}

/// A [`PayRequest`] as UTF-8 bytes, for bindings that hold bytes (the mini-program
/// module's boundary): [`sign_pay_bytes`] checks every field as bytes, so they need
/// not be proved UTF-8 first, and allocates nothing (docs/cuts.md).
#[derive(Clone, Copy)]
pub struct PayRequestBytes<'a> {
    /// As [`PayRequest::app_id`].
    pub app_id: &'a [u8],
    /// As [`PayRequest::prepay_id`].
    pub prepay_id: &'a [u8],
    /// As [`PayRequest::key`].
    pub key: &'a [u8],
    /// As [`PayRequest::sign_type`].
    pub sign_type: SignType,
    /// As [`PayRequest::time_stamp`].
    pub time_stamp: Option<&'a [u8]>,
    /// As [`PayRequest::nonce_str`].
    pub nonce_str: Option<&'a [u8]>,
}

impl<'a> From<&PayRequest<'a>> for PayRequestBytes<'a> {
    fn from(r: &PayRequest<'a>) -> Self {
        PayRequestBytes {
            app_id: r.app_id.as_bytes(),
            prepay_id: r.prepay_id.as_bytes(),
            key: r.key.as_bytes(),
            sign_type: r.sign_type,
            time_stamp: r.time_stamp.map(str::as_bytes),
            nonce_str: r.nonce_str.map(str::as_bytes),
        }
    }
}

/// What [`sign_pay_bytes`] computes, held without allocating: checked text (ASCII
/// but for the id, which is UTF-8). The time stamp and nonce borrow the request's or
/// the [`MadeFields`] ones.
pub struct SignedPayBytes<'a> {
    /// Unix seconds, 10 digits.
    pub time_stamp: &'a [u8],
    /// The nonce that was signed.
    pub nonce_str: &'a [u8],
    /// The prepay_id without its `prepay_id=` prefix: `package` is the prefix and this.
    pub prepay_id: &'a [u8],
    /// The signType that was signed.
    pub sign_type: SignType,
    /// The uppercase hex `paySign`.
    pub pay_sign: HexSign,
}

/// Room for the time stamp and nonce that [`sign_pay_bytes`] makes when none is given.
#[derive(Default)]
pub struct MadeFields {
    clock: [u8; 20],
    nonce: [u8; MAX_NONCE_LEN],
}

/// Checked bytes (digits, nonce letters, the UTF-8 id) as text.
fn text(bytes: &[u8]) -> &str {
    core::str::from_utf8(bytes).unwrap_or_default()
}

/// [`build_pay_params`] over bytes: checks the request, makes what is missing (in
/// `made`) and signs, all on the stack.
///
/// # Errors
/// Those of [`build_pay_params`]; bytes that are not UTF-8 are refused with the
/// field's own error.
pub fn sign_pay_bytes<'a, C>(
    request: &PayRequestBytes<'a>,
    now_unix_seconds: C,
    made: &'a mut MadeFields,
) -> Result<SignedPayBytes<'a>, Error>
where
    C: FnOnce() -> u64,
{
    let prepay_id = check_ids(request.app_id, request.prepay_id)?;
    let key = check_key(request.key)?;
    let (time_stamp, nonce_str) =
        time_stamp_and_nonce(request.time_stamp, request.nonce_str, now_unix_seconds, secure_random, made)?;

    // The five signed names are fixed and already in ASCII order.
    let sign_type = request.sign_type;
    let pay_sign = sign_parts(
        &[
            b"appId=",
            request.app_id,
            b"&nonceStr=",
            nonce_str,
            b"&package=prepay_id=",
            prepay_id,
            b"&signType=",
            sign_type.as_str().as_bytes(),
            b"&timeStamp=",
            time_stamp,
        ],
        key,
        sign_type,
    )?;
    Ok(SignedPayBytes { time_stamp, nonce_str, prepay_id, sign_type, pay_sign })
}

/// The fields of `wx.requestPayment` that API v2 and v3 sign alike, before signing:
/// what [`unsigned_pay_fields`] checks or makes for API v3. No key is involved.
#[cfg(feature = "v3-rules")]
#[derive(Clone, Copy)]
pub struct UnsignedPayRequest<'a> {
    /// As [`PayRequest::app_id`].
    pub app_id: &'a str,
    /// As [`PayRequest::prepay_id`].
    pub prepay_id: &'a str,
    /// As [`PayRequest::time_stamp`].
    pub time_stamp: Option<&'a str>,
    /// As [`PayRequest::nonce_str`].
    pub nonce_str: Option<&'a str>,
}

/// What [`unsigned_pay_fields`] returns: the checked or made `timeStamp` and `nonceStr`,
/// and `package` (`prepay_id=…`, the prefix never doubled). API v3 signs these with
/// `appId`.
#[cfg(feature = "v3-rules")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnsignedPayFields {
    /// Unix seconds, 10 digits.
    pub time_stamp: String,
    /// 1 to 32 letters and digits.
    pub nonce_str: String,
    /// `prepay_id=…`.
    pub package: String,
}

/// Checks `appId` and `prepayId`, then the time stamp and nonce (made when `None`:
/// from `now_unix_seconds`, from the random bytes `fill_random` gives, as in
/// [`nonce_from`](crate::nonce_from)), in that order: the rules and the order of API v2's
/// [`build_pay_params`] and `v3::build_pay_params`, which signs what this returns.
///
/// # Errors
/// The field errors of [`build_pay_params`] but the key's; [`Error::RandomUnavailable`]
/// from `fill_random`.
#[cfg(feature = "v3-rules")]
pub(crate) fn unsigned_pay_fields<C, F>(
    request: &UnsignedPayRequest<'_>,
    now_unix_seconds: C,
    fill_random: F,
) -> Result<UnsignedPayFields, Error>
where
    C: FnOnce() -> u64,
    F: FnMut(&mut [u8]) -> Result<(), Error>,
{
    let prepay_id = check_ids(request.app_id.as_bytes(), request.prepay_id.as_bytes())?;
    let package = [PACKAGE_PREFIX, text(prepay_id)].concat();
    let (time_stamp, nonce_str) =
        time_stamp_and_nonce_text(request.time_stamp, request.nonce_str, now_unix_seconds, fill_random)?;
    Ok(UnsignedPayFields { time_stamp, nonce_str, package })
}

// As many lines as the example it replaced: the page module's size follows panic line numbers.
#[cfg(all(test, feature = "v3-rules"))]
mod unsigned_pay_fields_tests {
    use super::*;
    #[test]
    fn checks_in_the_order_v2_does() {
        let ids = ("wxd678efh567hg6787", "prepay_id=wx2017033010242291fcfe0db70013231072");
        let request =
            UnsignedPayRequest { app_id: ids.0, prepay_id: ids.1, time_stamp: Some("1490840662"), nonce_str: None };
        let random = |b: &mut [u8]| getrandom::getrandom(b).map_err(|_| Error::RandomUnavailable);
        let fields = unsigned_pay_fields(&request, || unreachable!("time_stamp is given"), random).unwrap();
        assert_eq!((fields.package.as_str(), fields.nonce_str.len()), (ids.1, 32));
        let bad = UnsignedPayRequest { app_id: "", time_stamp: Some("1490840662000"), ..request };
        assert_eq!(unsigned_pay_fields(&bad, || 0, |_| Ok(())), Err(Error::MissingAppId), "the first rule broken");
    }
}

/// The time stamp and nonce every signature carries, as text: the given ones checked, the
/// missing ones made (as [`unsigned_pay_fields`] makes them), for API v3's `Authorization`.
#[cfg(feature = "v3-rules")]
/// # Errors
/// [`Error::InvalidTimeStamp`], [`Error::InvalidNonce`], [`Error::NonceTooLong`],
/// [`Error::RandomUnavailable`] from `fill_random`.
pub(crate) fn time_stamp_and_nonce_text<C, F>(
    time_stamp: Option<&str>,
    nonce_str: Option<&str>,
    now_unix_seconds: C,
    fill_random: F,
) -> Result<(String, String), Error>
where
    C: FnOnce() -> u64,
    F: FnMut(&mut [u8]) -> Result<(), Error>,
{
    let mut made = MadeFields::default();
    let (time_stamp, nonce_str) = time_stamp_and_nonce(
        time_stamp.map(str::as_bytes),
        nonce_str.map(str::as_bytes),
        now_unix_seconds,
        fill_random,
        &mut made,
    )?;
    Ok((text(time_stamp).to_owned(), text(nonce_str).to_owned()))
}

/// Checks `appId` and `prepayId` (the rules API v2 and v3 share) and returns the
/// prepay id without its `prepay_id=` prefix.
pub(crate) fn check_ids<'a>(app_id: &[u8], prepay_id: &'a [u8]) -> Result<&'a [u8], Error> {
    if app_id.is_empty() {
        return Err(Error::MissingAppId);
    }
    if !is_plain_token(app_id) {
        return Err(Error::InvalidAppId);
    }
    let prepay_id = prepay_id.strip_prefix(PACKAGE_PREFIX.as_bytes()).unwrap_or(prepay_id);
    if prepay_id.is_empty() {
        return Err(Error::MissingPrepayId);
    }
    if !is_plain_token(prepay_id) {
        return Err(Error::InvalidPrepayId);
    }
    Ok(prepay_id)
}

/// The time stamp and nonce to sign: the given ones checked, the missing ones made in
/// `made` (from the clock; from `fill_random`). API v2 and v3 share these rules.
fn time_stamp_and_nonce<'a, C, F>(
    time_stamp: Option<&'a [u8]>,
    nonce_str: Option<&'a [u8]>,
    now_unix_seconds: C,
    fill_random: F,
    made: &'a mut MadeFields,
) -> Result<(&'a [u8], &'a [u8]), Error>
where
    C: FnOnce() -> u64,
    F: FnMut(&mut [u8]) -> Result<(), Error>,
{
    let MadeFields { clock, nonce } = made;
    let time_stamp = match time_stamp {
        Some(given) => given,
        None => decimal(now_unix_seconds(), clock),
    };
    check_time_stamp(time_stamp)?;
    let nonce_str = match nonce_str {
        Some(given) => {
            check_nonce(given)?;
            given
        }
        None => {
            fill_nonce(nonce, fill_random)?;
            &nonce[..]
        }
    };
    Ok((time_stamp, nonce_str))
}

fn check_time_stamp(time_stamp: &[u8]) -> Result<(), Error> {
    let problem = if time_stamp.is_empty() || !is_digits(time_stamp) {
        TimeStampProblem::NotDigits
    } else if time_stamp.len() == 13 {
        TimeStampProblem::Milliseconds
    } else if time_stamp.len() != 10 {
        TimeStampProblem::WrongLength
    } else {
        return Ok(());
    };
    Err(Error::InvalidTimeStamp(problem))
}

/// `n` in decimal, written into `buf` without `core::fmt`, which the wasm build
/// leaves out.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KeyProblem;

    const KEY: &str = "demoKeyNotARealMerchantKey000000";

    fn request() -> PayRequest<'static> {
        PayRequest {
            app_id: "wxd678efh567hg6787",
            prepay_id: "wx2017033010242291fcfe0db70013231072",
            key: KEY,
            sign_type: SignType::Md5,
            time_stamp: Some("1490840662"),
            nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
        }
    }

    fn build(r: PayRequest<'_>) -> Result<PayParams, Error> {
        build_pay_params(&r, || 1_700_000_000)
    }

    /// The wasm boundary hands bytes nobody proved UTF-8: each field's own check
    /// refuses what is not, with that field's error.
    #[test]
    fn bytes_that_are_not_utf8_get_the_fields_error() {
        let bad: &[u8] = b"wx\xff\xfe1";
        let fields = PayRequestBytes::from(&request());
        let sign =
            |f: PayRequestBytes<'_>| sign_pay_bytes(&f, || 1_700_000_000, &mut MadeFields::default()).map(|_| ());
        assert_eq!(sign(PayRequestBytes { app_id: bad, ..fields }), Err(Error::InvalidAppId));
        assert_eq!(sign(PayRequestBytes { prepay_id: bad, ..fields }), Err(Error::InvalidPrepayId));
        assert_eq!(sign(PayRequestBytes { key: bad, ..fields }), Err(Error::InvalidKey(KeyProblem::Control)));
        assert_eq!(
            sign(PayRequestBytes { time_stamp: Some(b"\xff490840662"), ..fields }),
            Err(Error::InvalidTimeStamp(TimeStampProblem::NotDigits))
        );
        assert_eq!(sign(PayRequestBytes { nonce_str: Some(bad), ..fields }), Err(Error::InvalidNonce));
        assert_eq!(sign(fields), Ok(()));
    }

    #[test]
    fn pay_sign_equals_the_generic_sign_of_the_five_fields() {
        for sign_type in [SignType::Md5, SignType::HmacSha256] {
            let p = build(PayRequest { sign_type, ..request() }).unwrap();
            let expected = crate::sign(
                [
                    ("appId", "wxd678efh567hg6787"),
                    ("timeStamp", &p.time_stamp),
                    ("nonceStr", &p.nonce_str),
                    ("package", &p.package),
                    ("signType", sign_type.as_str()),
                ],
                KEY,
                sign_type,
            )
            .unwrap();
            assert_eq!(p.pay_sign, expected);
        }
    }

    #[test]
    fn clock_and_nonce_are_used_only_when_missing() {
        let p = build(PayRequest { time_stamp: None, nonce_str: None, ..request() }).unwrap();
        assert_eq!(p.time_stamp, "1700000000");
        assert_eq!(p.nonce_str.len(), 32);
        let given = build_pay_params(&request(), || panic!("clock must not be read")).unwrap();
        assert_eq!(given.time_stamp, "1490840662");
    }

    #[test]
    fn package_is_prefixed_once() {
        let bare = build(request()).unwrap();
        let prefixed =
            build(PayRequest { prepay_id: "prepay_id=wx2017033010242291fcfe0db70013231072", ..request() }).unwrap();
        assert_eq!(bare, prefixed);
        assert_eq!(bare.package, "prepay_id=wx2017033010242291fcfe0db70013231072");
    }

    #[test]
    fn input_rules() {
        let cases: [(PayRequest<'_>, Error); 17] = [
            (PayRequest { app_id: "", ..request() }, Error::MissingAppId),
            (PayRequest { app_id: "wx 1", ..request() }, Error::InvalidAppId),
            (PayRequest { app_id: "wx&1", ..request() }, Error::InvalidAppId),
            (PayRequest { prepay_id: "", ..request() }, Error::MissingPrepayId),
            (PayRequest { prepay_id: "prepay_id=", ..request() }, Error::MissingPrepayId),
            (PayRequest { prepay_id: "wx1=2", ..request() }, Error::InvalidPrepayId),
            (PayRequest { prepay_id: "prepay_id=prepay_id=wx1", ..request() }, Error::InvalidPrepayId),
            (PayRequest { prepay_id: "wx1\n", ..request() }, Error::InvalidPrepayId),
            (PayRequest { key: "", ..request() }, Error::InvalidKey(KeyProblem::Empty)),
            (PayRequest { key: "demoKey\n", ..request() }, Error::InvalidKey(KeyProblem::Whitespace)),
            (
                PayRequest { time_stamp: Some("1490840662000"), ..request() },
                Error::InvalidTimeStamp(TimeStampProblem::Milliseconds),
            ),
            (
                PayRequest { time_stamp: Some("149084066"), ..request() },
                Error::InvalidTimeStamp(TimeStampProblem::WrongLength),
            ),
            (PayRequest { time_stamp: Some(""), ..request() }, Error::InvalidTimeStamp(TimeStampProblem::NotDigits)),
            (
                PayRequest { time_stamp: Some("1490840662.5"), ..request() },
                Error::InvalidTimeStamp(TimeStampProblem::NotDigits),
            ),
            (
                PayRequest { time_stamp: Some("-149084066"), ..request() },
                Error::InvalidTimeStamp(TimeStampProblem::NotDigits),
            ),
            (PayRequest { nonce_str: Some(&"a".repeat(33)), ..request() }, Error::NonceTooLong),
            (PayRequest { nonce_str: Some("no-hyphens"), ..request() }, Error::InvalidNonce),
        ];
        for (r, expected) in cases {
            assert_eq!(build(r), Err(expected), "{r:?}");
        }
    }

    #[test]
    fn a_broken_clock_is_refused_not_signed() {
        let r = PayRequest { time_stamp: None, ..request() };
        assert_eq!(build_pay_params(&r, || 0), Err(Error::InvalidTimeStamp(TimeStampProblem::WrongLength)));
        assert_eq!(
            build_pay_params(&r, || 1_700_000_000_000),
            Err(Error::InvalidTimeStamp(TimeStampProblem::Milliseconds))
        );
    }

    #[test]
    fn decimal_formats_like_to_string() {
        for n in [0, 7, 10, 1_490_840_662, u64::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }

    #[test]
    fn debug_redacts_the_key() {
        let shown = format!("{:?} {:#?}", request(), request());
        assert!(!shown.contains(KEY));
        assert!(shown.contains("<redacted>"));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serialises_with_exactly_the_five_names() {
        let json = serde_json::to_value(build(request()).unwrap()).unwrap();
        let names: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(names, ["nonceStr", "package", "paySign", "signType", "timeStamp"]);
        assert_eq!(json["signType"], "MD5");
    }
}
