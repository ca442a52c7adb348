//! The string that WeChat Pay API v2 signs ("stringA").

use alloc::string::String;
use alloc::vec::Vec;

use crate::ascii::{is_graphic, is_graphic_plain};
use crate::Error;

/// True when `s` can stand in a `k=v&k=v` string without changing its meaning:
/// non-empty UTF-8, and no whitespace, control character, `&` or `=`.
pub(crate) fn is_plain_token(s: &[u8]) -> bool {
    !s.is_empty()
        && (is_graphic_plain(s)
            || core::str::from_utf8(s).is_ok_and(|s| !s.contains(['&', '=']) && !has_space_or_control(s)))
}

/// Whether `s` has whitespace or a control character. Real ids and keys are graphic
/// ASCII, checked a word at a time (docs/cuts.md); other text is decoded.
pub(crate) fn has_space_or_control(s: &str) -> bool {
    if is_graphic(s.as_bytes()) {
        false
    } else if s.is_ascii() {
        true // in ASCII, exactly the space and the control characters are not graphic
    } else {
        s.chars().any(|c| c.is_whitespace() || c.is_control())
    }
}

/// One `(name, value)` parameter: a tuple of strings, or a reference to one, so
/// that arrays, `Vec`s, slices and maps of strings can all be signed as they are.
///
/// ```
/// use std::collections::BTreeMap;
/// let owned: Vec<(String, String)> = vec![("b".into(), "2".into()), ("a".into(), "1".into())];
/// let map: BTreeMap<&str, &str> = [("a", "1"), ("b", "2")].into();
/// assert_eq!(wxpay_wasm::canonical_string(&owned)?, "a=1&b=2");
/// assert_eq!(wxpay_wasm::canonical_string(&map)?, "a=1&b=2");
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub trait Param {
    /// The parameter's name.
    fn name(&self) -> &str;
    /// The parameter's value; the empty string means "not sent".
    fn value(&self) -> &str;
}

impl<K: AsRef<str>, V: AsRef<str>> Param for (K, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }
    fn value(&self) -> &str {
        self.1.as_ref()
    }
}

impl<P: Param> Param for &P {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn value(&self) -> &str {
        (**self).value()
    }
}

/// Builds stringA: the parameters with a non-empty value, except `sign`, sorted by
/// the bytes of their names (ASCII order, case-sensitive), joined as `name=value`
/// with `&`. Values go in as they are: raw UTF-8, not URL-encoded, not trimmed.
///
/// Whitespace around a value is kept, as WeChat's PHP SDK does (the Java SDK trims):
/// what you send is what you sign.
///
/// # Errors
/// [`Error::InvalidName`] for an empty name or one with whitespace, `&` or `=`;
/// [`Error::DuplicateName`] when a name appears twice.
///
/// # Example
/// ```
/// let a = wxpay_wasm::canonical_string([
///     ("body", "test"),
///     ("appid", "wxd930ea5d5a258f4f"),
///     ("device_info", ""), // empty values are left out
///     ("sign", "ANY"),     // and so is `sign`
/// ])?;
/// assert_eq!(a, "appid=wxd930ea5d5a258f4f&body=test");
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn canonical_string<I>(params: I) -> Result<String, Error>
where
    I: IntoIterator,
    I::Item: Param,
{
    let params: Vec<I::Item> = params.into_iter().collect();
    canonical_of(params.iter().map(|p| (p.name(), p.value())).collect())
}

/// The work of [`canonical_string`], once for every parameter type (it is what the
/// wasm build carries).
pub(crate) fn canonical_of(mut fields: Vec<(&str, &str)>) -> Result<String, Error> {
    if !fields.iter().all(|(name, _)| is_plain_token(name.as_bytes())) {
        return Err(Error::InvalidName);
    }
    // `str` orders by bytes, which is ASCII order for the names WeChat uses.
    heap_sort_by_name(&mut fields);
    if fields.windows(2).any(|pair| pair[0].0 == pair[1].0) {
        return Err(Error::DuplicateName);
    }
    let mut out = String::with_capacity(fields.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (name, value) in fields {
        if name == "sign" || value.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    Ok(out)
}

/// Sorts by name in O(n log n) with no allocation. Names are unique by the time it
/// matters (duplicates are refused), so stability is moot; std's sort would add
/// to the wasm module, which every mini-program downloads (docs/cuts.md).
fn heap_sort_by_name(fields: &mut [(&str, &str)]) {
    fn sift_down(fields: &mut [(&str, &str)], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= fields.len() {
                return;
            }
            if child + 1 < fields.len() && fields[child].0 < fields[child + 1].0 {
                child += 1;
            }
            if fields[root].0 >= fields[child].0 {
                return;
            }
            fields.swap(root, child);
            root = child;
        }
    }
    for root in (0..fields.len() / 2).rev() {
        sift_down(fields, root);
    }
    for end in (1..fields.len()).rev() {
        fields.swap(0, end);
        sift_down(&mut fields[..end], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_bytes_case_sensitive_and_prefix_first() {
        let a = canonical_string([("b", "1"), ("a1", "2"), ("A", "3"), ("a", "4"), ("_", "5")]).unwrap();
        assert_eq!(a, "A=3&_=5&a=4&a1=2&b=1");
    }

    #[test]
    fn leaves_out_empty_values_and_only_the_exact_sign_name() {
        let a = canonical_string([("sign", "X"), ("Sign", "Y"), ("e", ""), ("z", "0")]).unwrap();
        assert_eq!(a, "Sign=Y&z=0");
    }

    #[test]
    fn keeps_values_raw() {
        let a = canonical_string([("body", " 腾讯&a=b 😀\n")]).unwrap();
        assert_eq!(a, "body= 腾讯&a=b 😀\n");
    }

    #[test]
    fn space_or_control_agrees_with_the_unicode_rules() {
        let slow = |s: &str| s.chars().any(|c| c.is_whitespace() || c.is_control());
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("ab{c}"), format!("{c}é")] {
                assert_eq!(has_space_or_control(&s), slow(&s), "{:?}", s);
            }
        }
    }

    #[test]
    fn heap_sort_sorts_like_std() {
        let names: Vec<String> = (0..300u32).map(|i| format!("{}", (i * 7919) % 1000)).collect();
        for len in [0, 1, 2, 3, 7, 64, 300] {
            let mut fields: Vec<(&str, &str)> = names[..len].iter().map(|n| (n.as_str(), "")).collect();
            let mut expected = fields.clone();
            expected.sort();
            heap_sort_by_name(&mut fields);
            assert_eq!(fields, expected, "{len}");
        }
    }

    #[test]
    fn refuses_bad_and_duplicate_names() {
        for bad in ["", "a b", "a=b", "a&b", "a\n", "\u{7f}"] {
            assert_eq!(canonical_string([(bad, "v")]), Err(Error::InvalidName), "{bad:?}");
        }
        assert_eq!(canonical_string([("a", "1"), ("a", "")]), Err(Error::DuplicateName));
        assert_eq!(canonical_string([("sign", "1"), ("sign", "2")]), Err(Error::DuplicateName));
    }

    #[test]
    fn accepts_maps_and_owned_pairs() {
        let map: std::collections::HashMap<String, String> =
            [("b".to_string(), "2".to_string()), ("a".to_string(), "1".to_string())].into();
        assert_eq!(canonical_string(&map).unwrap(), "a=1&b=2");
        let owned = vec![("x".to_string(), 7.to_string())];
        assert_eq!(canonical_string(&owned).unwrap(), "x=7");
        assert_eq!(canonical_string(owned.as_slice()).unwrap(), "x=7");
        assert_eq!(canonical_string(owned).unwrap(), "x=7");
    }
}
