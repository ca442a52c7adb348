//! `build_pay_params` with any strings and any clock: Ok with a 10-digit time stamp, a
//! valid nonce, `prepay_id=…` and the naive paySign of the five fields; or the typed
//! error the rules name, in their order. The clock is read only when it is needed.
#![no_main]

use std::cell::Cell;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wxpay_wasm::{build_pay_params, Error, PayParams, PayRequest, SignType, TimeStampProblem};
use wxpay_wasm_fuzz::{alnum, assert_no_key, digest, is_sign_hex, key_problem, plain, sign_type, Key, Text};

#[derive(Debug, Arbitrary)]
enum Id {
    Good(Vec<u8>),
    Prefixed(Text),
    Any(Text),
}

impl Id {
    fn text(&self, head: &str) -> String {
        match self {
            Id::Good(b) => format!("{head}{}", alnum(b, b.len().clamp(1, 40))),
            Id::Prefixed(t) => format!("prepay_id={}", t.0),
            Id::Any(t) => t.0.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum TimeStamp {
    Seconds(u32),
    Digits(u64),
    Any(Text),
}

impl TimeStamp {
    fn text(&self) -> String {
        match self {
            TimeStamp::Seconds(s) => (1_000_000_000 + u64::from(*s) % 9_000_000_000).to_string(),
            TimeStamp::Digits(n) => n.to_string(),
            TimeStamp::Any(t) => t.0.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Nonce {
    Alnum(Vec<u8>),
    Any(Text),
}

#[derive(Debug, Arbitrary)]
enum Clock {
    Now(u32),
    Any(u64),
}

#[derive(Debug, Arbitrary)]
struct Input {
    app_id: Id,
    prepay_id: Id,
    key: Key,
    hmac: bool,
    time_stamp: Option<TimeStamp>,
    nonce_str: Option<Nonce>,
    clock: Clock,
}

fn time_stamp_problem(s: &str) -> Option<TimeStampProblem> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        Some(TimeStampProblem::NotDigits)
    } else if s.len() == 13 {
        Some(TimeStampProblem::Milliseconds)
    } else if s.len() != 10 {
        Some(TimeStampProblem::WrongLength)
    } else {
        None
    }
}

/// The rules in their documented order; the nonce is `None` when it is to be made.
fn expected(app_id: &str, prepay_id: &str, key: &str, time_stamp: &str, nonce: Option<&str>) -> Result<(), Error> {
    if app_id.is_empty() {
        return Err(Error::MissingAppId);
    }
    if !plain(app_id) {
        return Err(Error::InvalidAppId);
    }
    let bare = prepay_id.strip_prefix("prepay_id=").unwrap_or(prepay_id);
    if bare.is_empty() {
        return Err(Error::MissingPrepayId);
    }
    if !plain(bare) {
        return Err(Error::InvalidPrepayId);
    }
    if let Some(e) = key_problem(key) {
        return Err(e);
    }
    if let Some(p) = time_stamp_problem(time_stamp) {
        return Err(Error::InvalidTimeStamp(p));
    }
    if let Some(n) = nonce {
        // Too long is named for ASCII only: there bytes are characters.
        if n.is_ascii() && n.len() > 32 {
            return Err(Error::NonceTooLong);
        }
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::InvalidNonce);
        }
    }
    Ok(())
}

fuzz_target!(|input: Input| {
    let app_id = input.app_id.text("wx");
    let prepay_id = input.prepay_id.text("wx");
    let key = input.key.0.as_str();
    let t: SignType = sign_type(input.hmac);
    let time_stamp = input.time_stamp.as_ref().map(TimeStamp::text);
    let nonce_str = input.nonce_str.as_ref().map(|n| match n {
        Nonce::Alnum(b) => alnum(b, b.len()),
        Nonce::Any(t) => t.0.clone(),
    });
    let now = match input.clock {
        Clock::Now(s) => 1_000_000_000 + u64::from(s) % 9_000_000_000,
        Clock::Any(n) => n,
    };
    let request = PayRequest {
        app_id: &app_id,
        prepay_id: &prepay_id,
        key,
        sign_type: t,
        time_stamp: time_stamp.as_deref(),
        nonce_str: nonce_str.as_deref(),
    };
    let clock_reads = Cell::new(0u32);
    let got = build_pay_params(&request, || {
        clock_reads.set(clock_reads.get() + 1);
        now
    });
    let effective_ts = time_stamp.clone().unwrap_or_else(|| now.to_string());
    let want = expected(&app_id, &prepay_id, key, &effective_ts, nonce_str.as_deref());
    if time_stamp.is_some() {
        assert_eq!(clock_reads.get(), 0, "the clock was read though timeStamp was given");
    }
    assert!(clock_reads.get() <= 1);
    // The Debug of the request does not depend on the key.
    assert_eq!(format!("{request:?}"), format!("{:?}", PayRequest { key: "other", ..request }));

    match (got, want) {
        (Err(e), Err(w)) => {
            assert_eq!(e, w, "{request:?}");
            assert_no_key(&e, key);
        }
        (Err(e), Ok(())) => panic!("{request:?}: refused with {e:?}"),
        (Ok(p), Err(w)) => panic!("{request:?}: accepted, should be {w:?}: {p:?}"),
        (Ok(p), Ok(())) => check(&p, &app_id, &prepay_id, key, t, &effective_ts, nonce_str.as_deref()),
    }
});

fn check(p: &PayParams, app_id: &str, prepay_id: &str, key: &str, t: SignType, ts: &str, nonce: Option<&str>) {
    assert_eq!(p.time_stamp, ts);
    assert!(p.time_stamp.len() == 10 && p.time_stamp.bytes().all(|b| b.is_ascii_digit()));
    match nonce {
        Some(n) => assert_eq!(p.nonce_str, n),
        None => assert!(p.nonce_str.len() == 32 && p.nonce_str.bytes().all(|b| b.is_ascii_alphanumeric())),
    }
    let bare = prepay_id.strip_prefix("prepay_id=").unwrap_or(prepay_id);
    assert_eq!(p.package, format!("prepay_id={bare}"));
    assert_eq!(p.sign_type, t);
    assert!(is_sign_hex(&p.pay_sign, t), "{}", p.pay_sign);
    let string_a = format!(
        "appId={app_id}&nonceStr={}&package={}&signType={}&timeStamp={}",
        p.nonce_str,
        p.package,
        t.as_str(),
        p.time_stamp
    );
    assert_eq!(p.pay_sign, digest(&string_a, key, t));
    // The generic sign of the five fields agrees.
    let five = [
        ("appId", app_id),
        ("timeStamp", p.time_stamp.as_str()),
        ("nonceStr", p.nonce_str.as_str()),
        ("package", p.package.as_str()),
        ("signType", t.as_str()),
    ];
    assert_eq!(wxpay_wasm::sign(five, key, t).as_ref(), Ok(&p.pay_sign));
}
