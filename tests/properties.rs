//! The core against a second, deliberately naive implementation written here
//! from the rule's wording: filter, sort names, join, append the key, hash.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use proptest::prelude::*;
use sha2::Sha256;
use wxpay_wasm::{canonical_string, sign, verify, SignType};

fn naive_sign(params: &BTreeMap<String, String>, key: &str, hmac: bool) -> String {
    let mut names: Vec<&String> = params.keys().filter(|k| *k != "sign" && !params[*k].is_empty()).collect();
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let string_a: Vec<String> = names.iter().map(|k| format!("{k}={}", params[*k])).collect();
    let temp = format!("{}&key={key}", string_a.join("&"));
    let digest = if hmac {
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
        mac.update(temp.as_bytes());
        mac.finalize().into_bytes().to_vec()
    } else {
        Md5::digest(temp.as_bytes()).to_vec()
    };
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

/// Names as WeChat uses them, plus case and prefix collisions and the literal `sign`.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,12}",
        Just("sign".to_string()),
        Just("Sign".to_string()),
        Just("a".to_string()),
        Just("a1".to_string()),
        Just("A".to_string()),
    ]
}

/// Any Unicode text, often empty, with the characters that break naive joins.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), Just("0".to_string()), "[&= \\n]{0,3}", any::<String>(), "\\PC{0,40}"]
}

fn key() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{32}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sign_matches_naive(params in prop::collection::btree_map(name(), value(), 0..12), key in key()) {
        prop_assert_eq!(sign(&params, &key, SignType::Md5).unwrap(), naive_sign(&params, &key, false));
        prop_assert_eq!(sign(&params, &key, SignType::HmacSha256).unwrap(), naive_sign(&params, &key, true));
    }

    #[test]
    fn input_order_does_not_matter(params in prop::collection::btree_map(name(), value(), 0..12), seed in any::<u64>()) {
        let mut shuffled: Vec<(String, String)> = params.clone().into_iter().collect();
        let n = shuffled.len();
        for i in (1..n).rev() {
            shuffled.swap(i, (seed.rotate_left(i as u32) % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(canonical_string(&shuffled).unwrap(), canonical_string(&params).unwrap());
    }

    #[test]
    fn verify_accepts_own_sign_and_refuses_any_other_value(
        params in prop::collection::btree_map(name(), value(), 1..8),
        key in key(),
        extra in "[a-z]{1,8}",
    ) {
        let mut signed = params.clone();
        signed.insert("sign".into(), sign(&params, &key, SignType::Md5).unwrap());
        prop_assert!(verify(&signed, &key, SignType::Md5).unwrap());
        // Appending to any signed value must break the signature.
        let victim = signed.keys().find(|k| *k != "sign" && !signed[*k].is_empty()).cloned();
        if let Some(victim) = victim {
            signed.get_mut(&victim).unwrap().push_str(&extra);
            prop_assert!(!verify(&signed, &key, SignType::Md5).unwrap());
        }
    }
}
