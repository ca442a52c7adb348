//! `canonical_string` on any list of (name, value) strings: Ok exactly when the names
//! are plain and distinct, and then equal to the rule's naive reading; else the typed
//! error. Never a panic. Every `Param` shape gives the same answer.
#![no_main]

use std::collections::{BTreeMap, HashMap};

use libfuzzer_sys::fuzz_target;
use wxpay_wasm::{canonical_string, Error};
use wxpay_wasm_fuzz::{canonical, pairs, plain, Text};

fuzz_target!(|input: Vec<(Text, Text)>| {
    let pairs = pairs(&input);
    let got = canonical_string(&pairs);
    assert_eq!(got, canonical(&pairs), "{pairs:?}");

    // Tuples of &str, owned tuples, references to them: one answer.
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(canonical_string(refs.iter()), got);
    assert_eq!(canonical_string(refs.clone()), got);
    assert_eq!(canonical_string(pairs.clone()), got);

    match &got {
        Ok(out) => {
            // Properties of the output, whatever the oracle says.
            let kept: Vec<&(String, String)> = pairs.iter().filter(|(n, v)| n != "sign" && !v.is_empty()).collect();
            let mut names: Vec<&str> = kept.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            let expected_len =
                kept.iter().map(|(n, v)| n.len() + v.len() + 1).sum::<usize>() + kept.len().saturating_sub(1);
            assert_eq!(out.len(), expected_len);
            // Walk the output: each kept name in byte order, then `=`, its value, `&`.
            let mut rest = out.as_str();
            for (i, name) in names.iter().enumerate() {
                let value = &kept.iter().find(|(n, _)| n == name).unwrap().1;
                let piece = format!("{}{name}={value}", if i == 0 { "" } else { "&" });
                assert!(rest.starts_with(&piece), "{out:?} lacks {piece:?} in order");
                rest = &rest[piece.len()..];
            }
            assert!(rest.is_empty());
            // Distinct names: maps of any kind give the same string.
            let btree: BTreeMap<&str, &str> = refs.iter().copied().collect();
            let hash: HashMap<&str, &str> = refs.iter().copied().collect();
            assert_eq!(canonical_string(&btree).as_ref(), Ok(out));
            assert_eq!(canonical_string(&hash).as_ref(), Ok(out));
            // Any order of the input gives the same string.
            let mut reversed = refs.clone();
            reversed.reverse();
            assert_eq!(canonical_string(reversed).as_ref(), Ok(out));
        }
        Err(Error::InvalidName) => assert!(pairs.iter().any(|(n, _)| !plain(n))),
        Err(Error::DuplicateName) => assert!(pairs.iter().all(|(n, _)| plain(n))),
        Err(other) => panic!("canonical_string gave {other:?}"),
    }
});
