//! `unpack_fields` with any string and lengths: Ok exactly when the lengths (UTF-16
//! units, name/value alternating) cut the string at character boundaries and use all
//! of it, and then the pieces re-concatenate to the input; else `InvalidValue`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wxpay_wasm::{unpack_fields, Error};

#[derive(Debug, Arbitrary)]
enum Input {
    /// Any lengths at all.
    Raw { joined: String, lengths: Vec<u32> },
    /// Small lengths, which often fit.
    Small { joined: String, lengths: Vec<u8> },
    /// Cuts at character boundaries: must always unpack.
    Split { joined: String, cuts: Vec<u8> },
}

/// The pieces the lengths describe, from the UTF-16 offsets of the character boundaries.
fn oracle<'a>(joined: &'a str, lengths: &[u32]) -> Option<Vec<(&'a str, &'a str)>> {
    if !lengths.len().is_multiple_of(2) {
        return None;
    }
    // UTF-16 offset → byte offset, at every character boundary.
    let mut bounds = vec![(0u64, 0usize)];
    let mut units = 0u64;
    for (at, c) in joined.char_indices() {
        units += c.len_utf16() as u64;
        bounds.push((units, at + c.len_utf8()));
    }
    let byte_at = |u: u64| bounds.binary_search_by_key(&u, |&(x, _)| x).ok().map(|i| bounds[i].1);
    let mut cum = 0u64;
    let mut pieces = Vec::new();
    for &len in lengths {
        let from = byte_at(cum)?;
        cum += u64::from(len);
        let to = byte_at(cum)?;
        pieces.push(&joined[from..to]);
    }
    if cum != units {
        return None;
    }
    Some(pieces.chunks(2).map(|p| (p[0], p[1])).collect())
}

fuzz_target!(|input: Input| {
    let (joined, lengths, must_fit) = match input {
        Input::Raw { joined, lengths } => (joined, lengths, false),
        Input::Small { joined, lengths } => (joined, lengths.into_iter().map(u32::from).collect(), false),
        Input::Split { joined, cuts } => {
            let units: Vec<u32> = joined.chars().map(|c| c.len_utf16() as u32).collect();
            let mut lengths = Vec::new();
            let mut i = 0;
            for cut in cuts {
                let take = usize::from(cut % 8).min(units.len() - i);
                lengths.push(units[i..i + take].iter().sum());
                i += take;
            }
            lengths.push(units[i..].iter().sum());
            if !lengths.len().is_multiple_of(2) {
                lengths.push(0);
            }
            (joined, lengths, true)
        }
    };
    let got = unpack_fields(&joined, &lengths);
    let want = oracle(&joined, &lengths);
    match (&got, &want) {
        (Ok(p), Some(w)) => assert_eq!(p, w),
        (Err(Error::InvalidValue), None) => {}
        _ => panic!("{joined:?} {lengths:?}: got {got:?}, expected {want:?}"),
    }
    assert!(!must_fit || got.is_ok());
    if let Ok(pairs) = got {
        assert_eq!(pairs.len(), lengths.len() / 2);
        let mut again = String::new();
        for (k, (name, value)) in pairs.iter().enumerate() {
            assert_eq!(name.encode_utf16().count() as u32, lengths[2 * k]);
            assert_eq!(value.encode_utf16().count() as u32, lengths[2 * k + 1]);
            again.push_str(name);
            again.push_str(value);
        }
        assert_eq!(again, joined);
    }
});
