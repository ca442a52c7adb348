//! The mini-program module's boundary. Every call crosses the same way: the shim
//! (`src/js/index.js`) writes the call's text as UTF-8 into the scratch, a stretch of
//! this module's memory, and passes each field's byte length as a number; the answer
//! is ASCII written right after the input, and the result is its length. A negative
//! result is an error: minus its number in [`wire`], which the shim looks up in the
//! generated `wire.js` (codes and messages stay out of the module).
//!
//! Only the core crate's public API is used here.
// The shipped build leaves std out (`--no-default-features`): the panic handler below
// then keeps core::fmt out of the module. The browser tests and the host tests of
// `wire` keep std.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// Error numbers, and the tables the page needs without the module.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod wire {
    use wxpay_wasm::{Error, KeyProblem, SignTypeProblem, TimeStampProblem};

    /// One list makes both the number of every error (an exhaustive `match`: a new
    /// variant does not compile until it has one) and the table `wire.js` is made of.
    macro_rules! numbered {
        ($($n:literal => [$($e:tt)+],)+) => {
            /// The error's number on the wire, from 1 (0 and up is a length: success).
            pub(crate) fn number(e: Error) -> i32 {
                match e {
                    $($($e)+ => $n,)+
                }
            }

            /// Every error with its number.
            #[cfg(test)]
            pub(crate) const NUMBERED: &[(i32, Error)] = &[$(($n, $($e)+)),+];
        };
    }

    numbered! {
        1 => [Error::MissingAppId],
        2 => [Error::InvalidAppId],
        3 => [Error::MissingPrepayId],
        4 => [Error::InvalidPrepayId],
        5 => [Error::InvalidKey(KeyProblem::Empty)],
        6 => [Error::InvalidKey(KeyProblem::Whitespace)],
        7 => [Error::InvalidKey(KeyProblem::Control)],
        8 => [Error::UnsupportedSignType(SignTypeProblem::Lowercase)],
        9 => [Error::UnsupportedSignType(SignTypeProblem::HmacSpelling)],
        10 => [Error::UnsupportedSignType(SignTypeProblem::Rsa)],
        11 => [Error::UnsupportedSignType(SignTypeProblem::Unknown)],
        12 => [Error::InvalidTimeStamp(TimeStampProblem::NotDigits)],
        13 => [Error::InvalidTimeStamp(TimeStampProblem::Milliseconds)],
        14 => [Error::InvalidTimeStamp(TimeStampProblem::WrongLength)],
        15 => [Error::NonceTooLong],
        16 => [Error::InvalidNonce],
        17 => [Error::InvalidName],
        18 => [Error::DuplicateName],
        19 => [Error::InvalidValue],
        20 => [Error::MissingSign],
        21 => [Error::RandomUnavailable],
        22 => [Error::InvalidKey(KeyProblem::Length)],
    }

    /// The signType of API v3, which only `requestPayment` takes (the page never signs with it).
    #[cfg(test)]
    pub(crate) const V3_SIGN_TYPE: &str = "RSA";

    /// The sizes of a merchant's RSA key (apiclient_key.pem is 2048 bits; the v3 module
    /// signs with 2048 to 4096): an API v3 paySign is the base64 of a signature this long.
    #[cfg(test)]
    pub(crate) const RSA_KEY_BITS: [usize; 3] = [2048, 3072, 4096];

    /// The core's errors that `requestPayment` reports for the five fields (it needs no
    /// module), by the name the shim looks them up with in `wire.js`.
    #[cfg(test)]
    pub(crate) const PAGE_ERRORS: &[(&str, Error)] = &[
        ("timeStampNotDigits", Error::InvalidTimeStamp(TimeStampProblem::NotDigits)),
        ("timeStampMilliseconds", Error::InvalidTimeStamp(TimeStampProblem::Milliseconds)),
        ("timeStampWrongLength", Error::InvalidTimeStamp(TimeStampProblem::WrongLength)),
        ("nonceTooLong", Error::NonceTooLong),
        ("nonceInvalid", Error::InvalidNonce),
        ("prepayIdInvalid", Error::InvalidPrepayId),
    ];

    #[cfg(test)]
    pub(crate) mod tests {
        use super::*;
        use alloc::format;
        use alloc::string::{String, ToString};
        use alloc::vec::Vec;
        use wxpay_wasm::SignType;

        #[test]
        fn numbers_are_distinct_and_positive() {
            let mut seen = Vec::new();
            for &(n, e) in NUMBERED {
                assert_eq!(number(e), n);
                assert!(n > 0 && !seen.contains(&n), "{e:?}");
                seen.push(n);
            }
        }

        #[test]
        fn v3_sign_type_is_the_one_the_core_refuses_as_v3() {
            assert_eq!(V3_SIGN_TYPE.parse::<SignType>(), Err(Error::UnsupportedSignType(SignTypeProblem::Rsa)));
        }

        /// The API v3 vectors' paySigns (made with the TEST-ONLY RSA 2048 key by the v3
        /// module and re-derived by the Python reference) have the length given for 2048 bits.
        #[test]
        fn rsa_sign_length_is_the_v3_vectors() {
            let vectors = include_str!("../../../tests/vectors/v3.json");
            let lengths: Vec<usize> = vectors
                .split("\"paySign\"")
                .skip(1)
                .map(|rest| rest.split('"').nth(1).expect("a paySign string").len())
                .collect();
            assert!(!lengths.is_empty());
            let for_2048 = 4 * (RSA_KEY_BITS[0] / 8).div_ceil(3);
            assert!(lengths.iter().all(|&n| n == for_2048), "{lengths:?}");
        }

        /// A JavaScript string literal.
        pub(crate) fn js(s: &str) -> String {
            let mut out = String::from("'");
            for c in s.chars() {
                match c {
                    '\'' | '\\' => out.extend(['\\', c]),
                    ' '..='~' => out.push(c),
                    _ => out.push_str(&format!("\\u{:04X}", c as u32)),
                }
            }
            out + "'"
        }

        /// The characters an id may not contain, as a regular expression class body,
        /// found by asking the public API about every character.
        fn not_in_token() -> String {
            let refused = |c: char| {
                let name = c.to_string();
                wxpay_wasm::canonical_string([(name.as_str(), "v")]) == Err(Error::InvalidName)
            };
            let escaped = |c: u32| format!("\\u{c:04X}");
            char_ranges(refused).iter().map(|&(c, end)| class_range(c, end, escaped)).collect()
        }

        /// The runs of characters `fits` takes, first and last, for a RegExp class (BMP only).
        pub(crate) fn char_ranges(fits: impl Fn(char) -> bool) -> Vec<(u32, u32)> {
            let mut ranges = Vec::new();
            let mut c = 0u32;
            while c <= 0x10FFFF {
                if !char::from_u32(c).is_some_and(&fits) {
                    c += 1;
                    continue;
                }
                assert!(c <= 0xFFFF, "U+{c:04X}: an astral character needs a /u class");
                let mut end = c;
                while char::from_u32(end + 1).is_some_and(&fits) {
                    end += 1;
                }
                ranges.push((c, end));
                c = end + 1;
            }
            ranges
        }

        /// One run of a RegExp class, each end written by `char`.
        pub(crate) fn class_range(c: u32, end: u32, char: impl Fn(u32) -> String) -> String {
            if end > c {
                format!("{}-{}", char(c), char(end))
            } else {
                char(c)
            }
        }

        fn wire_js() -> String {
            let sign_types = [SignType::Md5, SignType::HmacSha256];
            let package = wxpay_wasm::build_pay_params(
                &wxpay_wasm::PayRequest {
                    app_id: "wx1",
                    prepay_id: "x",
                    key: "demoKeyNotARealMerchantKey000000",
                    sign_type: SignType::Md5,
                    time_stamp: Some("1000000000"),
                    nonce_str: Some("n"),
                },
                || 0,
            )
            .unwrap()
            .package;
            let mut out = String::from(
                "// Generated from the Rust core (wasm/miniprogram/src/lib.rs, mod wire) by ./build.sh generate: do not edit.\n\
                 'use strict';\n\n",
            );
            out += "// The error numbered n (a call's result -n): [code, message].\n";
            out += "exports.ERRORS = [\n  null,\n";
            let mut numbered = NUMBERED.to_vec();
            numbered.sort_by_key(|&(n, _)| n);
            for (i, &(n, e)) in numbered.iter().enumerate() {
                assert_eq!(n as usize, i + 1, "numbers are 1, 2, 3, …");
                out += &format!("  [{}, {}],\n", js(e.code()), js(e.message()));
            }
            out += "];\n";
            out += "// The numbers of the errors requestPayment reports for the five fields.\n";
            let page: Vec<String> = PAGE_ERRORS.iter().map(|&(name, e)| format!("{name}: {}", number(e))).collect();
            out += &format!("exports.PAGE_ERRORS = {{ {} }};\n", page.join(", "));
            let names: Vec<String> = sign_types.iter().map(|t| js(t.as_str())).collect();
            out += &format!("exports.SIGN_TYPES = [{}];\n", names.join(", "));
            out += "// The hex length of a paySign of each of SIGN_TYPES.\n";
            let lengths: Vec<String> = sign_types
                .iter()
                .map(|&t| {
                    wxpay_wasm::sign([("a", "1")], "demoKeyNotARealMerchantKey000000", t).unwrap().len().to_string()
                })
                .collect();
            out += &format!("exports.SIGN_LENGTHS = [{}];\n", lengths.join(", "));
            out += &format!("exports.V3_SIGN_TYPE = {};\n", js(V3_SIGN_TYPE));
            out += "// The base64 length of an API v3 paySign, for each size of RSA key.\n";
            let rsa: Vec<String> = RSA_KEY_BITS.iter().map(|bits| (4 * (bits / 8).div_ceil(3)).to_string()).collect();
            out += &format!("exports.RSA_SIGN_LENGTHS = [{}];\n", rsa.join(", "));
            out += &format!("exports.PACKAGE_PREFIX = {};\n", js(package.strip_suffix('x').unwrap()));
            out += "// What appId, prepay_id and parameter names may not contain: Unicode White_Space, Cc, '&', '='.\n";
            out += &format!("exports.NOT_IN_TOKEN = {};\n", js(&not_in_token()));
            out += &format!("exports.MAX_NONCE_LEN = {};\n", wxpay_wasm::MAX_NONCE_LEN);
            out + &crate::merchant_transfer_wire::js() + &crate::virtual_wire::wire_js()
        }

        // Kept as long as it was: panic locations below are line numbers in the module.
        const WIRE_JS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/js/generated/wire.js");
        #[test]
        fn wire_js_is_current() {
            let committed = std::fs::read_to_string(WIRE_JS).unwrap_or_default();
            assert!(committed == wire_js(), "{WIRE_JS} is out of date: run ./build.sh generate and commit it");
        }

        #[test]
        #[ignore = "writes src/js/generated/wire.js: ./build.sh generate runs it"]
        fn write_wire_js() {
            std::fs::write(WIRE_JS, wire_js()).unwrap();
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use exports::*;

#[cfg(target_arch = "wasm32")]
mod exports {
    use alloc::vec::Vec;
    use core::cell::Cell;
    use core::num::NonZeroU32;

    use super::wire::number;
    use wasm_bindgen::prelude::*;
    use wxpay_wasm::boundary::{sign_pay_bytes, MadeFields, PayRequestBytes};
    use wxpay_wasm::{Error, SignType};

    /// A region of memory obtained from `memory.grow` for as long as the page lives.
    #[derive(Clone, Copy)]
    struct Region {
        at: usize,
        len: usize,
    }

    const PAGE: usize = 65536;

    /// `len` bytes of fresh memory, zeroed, outside the heap.
    fn grow(len: usize) -> Option<Region> {
        let pages = len.div_ceil(PAGE).max(1);
        match core::arch::wasm32::memory_grow(0, pages) {
            usize::MAX => None,
            old => Some(Region { at: old * PAGE, len: pages * PAGE }),
        }
    }

    fn bytes(r: Region) -> &'static mut [u8] {
        // SAFETY: the region came from memory.grow and belongs to this module alone; the
        // module has one thread, and each export takes the slice once per call.
        unsafe { core::slice::from_raw_parts_mut(r.at as *mut u8, r.len) }
    }

    /// A static of this single-threaded module.
    struct Shared<T>(Cell<T>);

    // SAFETY: wasm32-unknown-unknown without the `atomics` target feature has exactly
    // one thread, so a `Shared` is never reached from two threads.
    #[cfg(not(target_feature = "atomics"))]
    unsafe impl<T> Sync for Shared<T> {}

    static SCRATCH: Shared<Region> = Shared(Cell::new(Region { at: 0, len: 0 }));
    /// Secure random bytes from the shim (`wx.getRandomValues`): `POOL_LEN` of them,
    /// used from the end, each once, and wiped.
    static POOL: Shared<Region> = Shared(Cell::new(Region { at: 0, len: 0 }));
    static POOL_LEN: Shared<usize> = Shared(Cell::new(0));

    /// The scratch, at least `capacity` bytes long; its address (which growing moves).
    #[wasm_bindgen]
    pub fn scratch(capacity: u32) -> *mut u8 {
        let old = SCRATCH.0.get();
        if old.len < capacity as usize {
            match grow(capacity as usize) {
                Some(new) => SCRATCH.0.set(new),
                None => return core::ptr::null_mut(),
            }
        }
        SCRATCH.0.get().at as *mut u8
    }

    /// Runs `call` over the scratch: its first `input` bytes are the fields, the
    /// answer goes after them. Every call's heap is reset first (see [`heap`]), and the
    /// input, key included, is zeroed before the call returns, error or not.
    fn in_scratch(input: usize, call: impl FnOnce(&[u8], &mut Answer<'_>) -> Result<(), Error>) -> i32 {
        heap::reset();
        let scratch = bytes(SCRATCH.0.get());
        if input > scratch.len() {
            return -number(Error::InvalidValue);
        }
        let (fields, rest) = scratch.split_at_mut(input);
        let mut answer = Answer { out: rest, len: 0 };
        let result = call(fields, &mut answer);
        fields.fill(0);
        match result {
            Ok(()) => answer.len as i32,
            Err(e) => -number(e),
        }
    }

    /// The answer, written into the scratch after the input.
    struct Answer<'a> {
        out: &'a mut [u8],
        len: usize,
    }

    impl Answer<'_> {
        fn put(&mut self, part: &[u8]) -> Result<(), Error> {
            let end = self.len + part.len();
            self.out.get_mut(self.len..end).ok_or(Error::InvalidValue)?.copy_from_slice(part);
            self.len = end;
            Ok(())
        }
    }

    /// Splits `input` into fields of the given byte lengths (`None` for a negative one).
    fn split<const N: usize>(input: &[u8], lengths: [i32; N]) -> Result<[Option<&[u8]>; N], Error> {
        let mut out = [None; N];
        let mut at = 0;
        for (field, len) in out.iter_mut().zip(lengths) {
            if len >= 0 {
                *field = Some(input.get(at..at + len as usize).ok_or(Error::InvalidValue)?);
                at += len as usize;
            }
        }
        if at != input.len() {
            return Err(Error::InvalidValue);
        }
        Ok(out)
    }

    /// A field as text.
    fn text(field: Option<&[u8]>) -> Result<&str, Error> {
        core::str::from_utf8(field.unwrap_or_default()).map_err(|_| Error::InvalidValue)
    }

    /// `wx.requestPayment`'s parameters. The scratch holds appId, prepayId, key,
    /// signType, timeStamp and nonceStr (a negative length: absent); `now` is the clock
    /// in Unix seconds, read only when timeStamp is absent. The answer is
    /// `timeStamp&nonceStr&paySign&1`, or `…&0` when the prepayId was given as
    /// `prepay_id=…` already (then it is the package; else the package is
    /// `prepay_id=` and it).
    #[wasm_bindgen(js_name = buildPayParams)]
    pub fn build_pay_params(
        app_id: i32,
        prepay_id: i32,
        key: i32,
        sign_type: i32,
        time_stamp: i32,
        nonce_str: i32,
        now: u32,
    ) -> i32 {
        let lengths = [app_id, prepay_id, key, sign_type, time_stamp, nonce_str];
        let input = lengths.iter().map(|&n| n.max(0) as usize).sum();
        in_scratch(input, |input, answer| {
            let [app_id, prepay_id, key, sign_type, time_stamp, nonce_str] = split(input, lengths)?;
            let fields = PayRequestBytes {
                app_id: app_id.unwrap_or_default(),
                prepay_id: prepay_id.unwrap_or_default(),
                key: key.unwrap_or_default(),
                sign_type: SignType::from_name(sign_type.unwrap_or_default())?,
                time_stamp,
                nonce_str,
            };
            let mut made = MadeFields::default();
            let p = sign_pay_bytes(&fields, || u64::from(now), &mut made)?;
            let prefixed = p.prepay_id.len() == fields.prepay_id.len();
            answer.put(p.time_stamp)?;
            answer.put(b"&")?;
            answer.put(p.nonce_str)?;
            answer.put(b"&")?;
            answer.put(p.pay_sign.as_bytes())?;
            answer.put(if prefixed { b"&1" } else { b"&0" })
        })
    }

    /// The parameters of `sign` and `verify`: `count` (name, value) pairs. The scratch
    /// holds their byte lengths (`2 * count` little-endian u32), then the key, the
    /// signType and the pairs' text.
    fn with_params<R>(
        count: u32,
        key: u32,
        sign_type: u32,
        input: &[u8],
        f: impl FnOnce(Vec<(&str, &str)>, &str, SignType) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let words = 2 * count as usize;
        let (lengths, body) = input.split_at_checked(4 * words).ok_or(Error::InvalidValue)?;
        let head = body.get(..key as usize + sign_type as usize).ok_or(Error::InvalidValue)?;
        let [key, sign_type] = split(head, [key as i32, sign_type as i32])?;
        let mut pairs = Vec::with_capacity(count as usize);
        let mut at = head.len();
        let mut take = |len: &[u8]| -> Result<&str, Error> {
            let len = u32::from_le_bytes(len.try_into().map_err(|_| Error::InvalidValue)?) as usize;
            let bytes = body.get(at..at + len).ok_or(Error::InvalidValue)?;
            at += len;
            core::str::from_utf8(bytes).map_err(|_| Error::InvalidValue)
        };
        for pair in lengths.chunks_exact(8) {
            let name = take(&pair[..4])?;
            let value = take(&pair[4..])?;
            pairs.push((name, value));
        }
        if at != body.len() {
            return Err(Error::InvalidValue);
        }
        f(pairs, text(key)?, SignType::from_name(sign_type.unwrap_or_default())?)
    }

    /// The uppercase hex signature of the parameters (see [`with_params`]).
    #[wasm_bindgen]
    pub fn sign(count: u32, key: u32, sign_type: u32, input: u32) -> i32 {
        in_scratch(input as usize, |input, answer| {
            let sign = with_params(count, key, sign_type, input, |pairs, key, t| wxpay_wasm::sign(pairs, key, t))?;
            answer.put(sign.as_bytes())
        })
    }

    /// Whether the `sign` field among the parameters is right: the answer is `1` or `0`.
    #[wasm_bindgen]
    pub fn verify(count: u32, key: u32, sign_type: u32, input: u32) -> i32 {
        in_scratch(input as usize, |input, answer| {
            let ok = with_params(count, key, sign_type, input, |pairs, key, t| wxpay_wasm::verify(pairs, key, t))?;
            answer.put(if ok { b"1" } else { b"0" })
        })
    }

    /// A random `nonceStr` of `len` letters and digits, drawn from the pool.
    #[wasm_bindgen]
    pub fn nonce(len: u32) -> i32 {
        in_scratch(0, |_, answer| answer.put(wxpay_wasm::nonce(len as usize)?.as_bytes()))
    }

    /// Moves the first `len` bytes of the scratch (secure random bytes) into the pool,
    /// wiping them there; → how many the pool now holds.
    #[wasm_bindgen(js_name = addEntropy)]
    pub fn add_entropy(len: u32) -> u32 {
        heap::reset();
        let scratch = bytes(SCRATCH.0.get());
        let len = (len as usize).min(scratch.len());
        let given = &mut scratch[..len];
        let held = POOL_LEN.0.get();
        let mut pool = POOL.0.get();
        if held + given.len() > pool.len {
            let Some(bigger) = grow(2 * (held + given.len())) else { return held as u32 };
            bytes(bigger)[..held].copy_from_slice(&bytes(pool)[..held]);
            bytes(pool).fill(0);
            pool = bigger;
            POOL.0.set(pool);
        }
        bytes(pool)[held..held + given.len()].copy_from_slice(given);
        given.fill(0);
        POOL_LEN.0.set(held + given.len());
        (held + given.len()) as u32
    }

    /// How many unused random bytes the pool holds.
    #[wasm_bindgen(js_name = entropyAvailable)]
    pub fn entropy_available() -> u32 {
        POOL_LEN.0.get() as u32
    }

    /// getrandom's source on wasm32: all from the pool or, when it is short, nothing
    /// (the pool stays as it was and the caller gets `RandomUnavailable`).
    fn fill_from_pool(buf: &mut [u8]) -> Result<(), getrandom::Error> {
        let held = POOL_LEN.0.get();
        let Some(start) = held.checked_sub(buf.len()) else {
            return Err(getrandom::Error::from(POOL_EMPTY));
        };
        let taken = &mut bytes(POOL.0.get())[start..held];
        buf.copy_from_slice(taken);
        taken.fill(0);
        POOL_LEN.0.set(start);
        Ok(())
    }

    const POOL_EMPTY: NonZeroU32 = match NonZeroU32::new(getrandom::Error::CUSTOM_START) {
        Some(code) => code,
        None => unreachable!(),
    };

    getrandom::register_custom_getrandom!(fill_from_pool);

    /// Without std (the mini-program build), a panic is a trap, as it already was with
    /// `panic = "abort"`, but the message is never formatted, so core::fmt stays out of
    /// the module. Input never panics; the shim turns a trap into `Internal` and stops
    /// using the instance.
    #[cfg(not(feature = "std"))]
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        core::arch::wasm32::unreachable()
    }

    /// The heap of one call. Every export's allocations are bounded by its input and
    /// all freed when it returns (what lives longer, the scratch and the pool, comes
    /// from `memory.grow` directly), so a bump allocator that starts over at every
    /// call is enough, and much smaller than a general one.
    #[cfg(feature = "std")]
    mod heap {
        /// With std (the browser tests), std's allocator serves.
        pub(super) fn reset() {}
    }

    #[cfg(not(feature = "std"))]
    mod heap {
        use super::{grow, Region, Shared};
        use core::alloc::{GlobalAlloc, Layout};
        use core::cell::Cell;

        static ARENA: Shared<Region> = Shared(Cell::new(Region { at: 0, len: 0 }));
        static TOP: Shared<usize> = Shared(Cell::new(0));

        /// Forgets every allocation: called when an export starts, when none is live.
        pub(super) fn reset() {
            TOP.0.set(ARENA.0.get().at);
        }

        fn alloc(layout: Layout) -> *mut u8 {
            let arena = ARENA.0.get();
            let at = TOP.0.get().next_multiple_of(layout.align());
            if at >= arena.at && at + layout.size() <= arena.at + arena.len {
                TOP.0.set(at + layout.size());
                return at as *mut u8;
            }
            // A new arena, large enough and at least twice the last: the old one's
            // memory is given up (nothing in it is live across calls).
            match grow((layout.size() + layout.align()).max(2 * arena.len)) {
                Some(fresh) => {
                    ARENA.0.set(fresh);
                    TOP.0.set(fresh.at);
                    alloc(layout)
                }
                None => core::ptr::null_mut(),
            }
        }

        struct Bump;

        // SAFETY: `alloc` returns memory that no live allocation overlaps (until
        // `reset`, which runs only when none is live) with the layout's size and
        // alignment, or null.
        unsafe impl GlobalAlloc for Bump {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                alloc(layout)
            }
            unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
        }

        #[global_allocator]
        static ALLOCATOR: Bump = Bump;
    }
}

/// 商家转账's page rules for `wire.js` (`requestMerchantTransfer` needs no module). Last
/// in the file, so that no line of the module above moves.
#[cfg(test)]
mod merchant_transfer_wire {
    use crate::wire::tests::js as literal;
    use alloc::format;
    use alloc::string::String;
    use wxpay_wasm::merchant_transfer::{SheetProblem, MCH_ID_MAX_LEN, SHEET_API};

    /// The name the page wrapper looks a problem up by.
    fn name(p: SheetProblem) -> &'static str {
        match p {
            SheetProblem::MchId => "mchId",
            SheetProblem::AppId => "appId",
            SheetProblem::PackageMissing => "packageMissing",
            SheetProblem::PackageInfoField => "packageInfoField",
            SheetProblem::PackagePrepayId => "packagePrepayId",
            SheetProblem::PackageBillNo => "packageBillNo",
            SheetProblem::PackageText => "packageText",
            SheetProblem::OpenId => "openId",
            SheetProblem::Unsupported => "unsupported",
        }
    }

    /// The part of `wire.js` the page wrapper reads.
    pub(crate) fn js() -> String {
        let mut out = String::from("// requestMerchantTransfer (商家转账's sheet): [code, message] of each problem.\n");
        out += "exports.TRANSFER_ERRORS = {\n";
        for p in SheetProblem::ALL {
            out += &format!("  {}: [{}, {}],\n", name(p), literal(p.code()), literal(p.message()));
        }
        out += "};\n";
        out += &format!("exports.TRANSFER_API = {};\n", literal(SHEET_API));
        out += &format!("exports.MCH_ID_MAX_LEN = {MCH_ID_MAX_LEN};\n");
        out
    }
}

// 虚拟支付's sheet in wire.js (the page checks it without the module).
#[cfg(test)]
mod virtual_wire;
