//! Large inputs sign like small ones: 10,000 parameters, a 1 MB value (ASCII and
//! multi-byte), through the public API and through the packed form the wasm boundary
//! unpacks, compared with a naive computation written here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;
use wxpay_wasm::{build_pay_params, canonical_string, sign, verify, Error, KeyProblem, PayRequest, SignType};

const KEY: &str = "demoKeyNotARealMerchantKey000000"; // a demo key, not a merchant's

fn naive(params: &BTreeMap<String, String>, key: &str, sign_type: SignType) -> String {
    // BTreeMap<String, _> iterates in byte order of the names.
    let string_a = params
        .iter()
        .filter(|(k, v)| *k != "sign" && !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let temp = format!("{string_a}&key={key}");
    let bytes = match sign_type {
        SignType::Md5 => Md5::digest(temp.as_bytes()).to_vec(),
        SignType::HmacSha256 => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
            mac.update(temp.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
    };
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// 10,000 names in an order that is not theirs, values of every kind (some empty).
fn ten_thousand() -> Vec<(String, String)> {
    (0..10_000u32)
        .map(|i| {
            let j = i.wrapping_mul(7919) % 10_000; // a permutation of 0..10,000
            let name = format!("p{j:05}_{}", if j % 3 == 0 { "A" } else { "a" });
            let value = match j % 5 {
                0 => String::new(),
                1 => j.to_string(),
                2 => format!("腾讯{j}😀"),
                3 => format!(" a&b=c {j}\n"),
                _ => "x".repeat((j % 97) as usize + 1),
            };
            (name, value)
        })
        .collect()
}

fn check_all_ways(params: Vec<(String, String)>) {
    let map: BTreeMap<String, String> = params.iter().cloned().collect();
    assert_eq!(map.len(), params.len(), "distinct names");
    for sign_type in [SignType::Md5, SignType::HmacSha256] {
        let expected = naive(&map, KEY, sign_type);
        assert_eq!(sign(&params, KEY, sign_type).unwrap(), expected, "{sign_type:?}");
        assert_eq!(sign(&map, KEY, sign_type).unwrap(), expected, "{sign_type:?} from a map");
        let mut signed = params.clone();
        signed.push(("sign".into(), expected));
        assert!(verify(&signed, KEY, sign_type).unwrap());
    }
}

#[test]
fn ten_thousand_params_sign_like_the_naive_computation() {
    let params = ten_thousand();
    let string_a = canonical_string(&params).unwrap();
    assert_eq!(string_a.matches("&p").count() + 1, 8_000, "the 2,000 empty values are left out");
    check_all_ways(params);
}

#[test]
fn a_one_megabyte_ascii_value_signs_like_the_naive_computation() {
    let big: String = (0..1 << 20).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    assert_eq!(big.len(), 1 << 20);
    check_all_ways(vec![("body".into(), big), ("appid".into(), "wxd930ea5d5a258f4f".into())]);
}

#[test]
fn a_one_megabyte_multibyte_value_signs_like_the_naive_computation() {
    // 3-byte (1 UTF-16 unit) and 4-byte (2 units) characters: the packed lengths differ
    // from the byte lengths everywhere.
    let big: String = "腾讯😀&=\n".repeat((1 << 20) / 13 + 1);
    assert!(big.len() >= 1 << 20);
    check_all_ways(vec![("detail".into(), big.clone()), ("attach".into(), big), ("total_fee".into(), "1".into())]);
}

#[test]
fn ten_thousand_params_with_a_one_megabyte_value() {
    let mut params = ten_thousand();
    params[1234].1 = "v".repeat(1 << 20);
    check_all_ways(params);
}

#[test]
fn a_one_megabyte_prepay_id_and_app_id_sign_like_the_naive_computation() {
    let prepay = format!("wx{}", "1".repeat(1 << 20));
    let app_id = format!("wx{}", "f".repeat(1 << 20));
    for sign_type in [SignType::Md5, SignType::HmacSha256] {
        let p = build_pay_params(
            &PayRequest {
                app_id: &app_id,
                prepay_id: &prepay,
                key: KEY,
                sign_type,
                time_stamp: Some("1490840662"),
                nonce_str: Some("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
            },
            || unreachable!(),
        )
        .unwrap();
        let five: BTreeMap<String, String> = [
            ("appId", app_id.as_str()),
            ("timeStamp", "1490840662"),
            ("nonceStr", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
            ("package", p.package.as_str()),
            ("signType", sign_type.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(p.pay_sign, naive(&five, KEY, sign_type));
    }
}

#[test]
fn a_one_megabyte_key_is_refused_as_not_an_api_key() {
    // Every v2 key is 32 bytes: a long one is another secret, named before any hashing.
    let key = "K".repeat(1 << 20);
    let params: BTreeMap<String, String> = [("a".to_owned(), "1".to_owned())].into();
    for sign_type in [SignType::Md5, SignType::HmacSha256] {
        assert_eq!(sign(&params, &key, sign_type), Err(Error::InvalidKey(KeyProblem::Length)));
    }
}
