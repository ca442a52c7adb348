//! Parameters as they cross from JavaScript: every name and value concatenated
//! into one string, plus each one's length in UTF-16 code units (JavaScript's
//! `.length`). One string and one array cross the boundary instead of an array of
//! strings, whatever the number of parameters.

use alloc::vec::Vec;

use crate::Error;

/// Splits `joined` back into `(name, value)` pairs. `lengths` alternates name and
/// value lengths in UTF-16 code units and must account for every character.
///
/// # Errors
/// [`Error::InvalidValue`] when the lengths do not fit the string.
///
/// ```
/// // "😀" is two UTF-16 code units.
/// let pairs = wxpay_wasm::unpack_fields("body😀total_fee1", &[4, 2, 9, 1])?;
/// assert_eq!(pairs, [("body", "😀"), ("total_fee", "1")]);
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn unpack_fields<'a>(joined: &'a str, lengths: &[u32]) -> Result<Vec<(&'a str, &'a str)>, Error> {
    if lengths.len() % 2 != 0 {
        return Err(Error::InvalidValue);
    }
    let mut chars = joined.char_indices();
    let mut start = 0;
    let mut take = |units: u32| -> Result<&'a str, Error> {
        let mut left = units as usize;
        let mut end = start;
        while left > 0 {
            let (at, c) = chars.next().ok_or(Error::InvalidValue)?;
            // A length that ends inside a surrogate pair does not describe this text.
            left = left.checked_sub(c.len_utf16()).ok_or(Error::InvalidValue)?;
            end = at + c.len_utf8();
        }
        let piece = joined.get(start..end).ok_or(Error::InvalidValue)?;
        start = end;
        Ok(piece)
    };
    let mut pairs = Vec::with_capacity(lengths.len() / 2);
    for pair in lengths.chunks_exact(2) {
        let name = take(pair[0])?;
        let value = take(pair[1])?;
        pairs.push((name, value));
    }
    if start != joined.len() {
        return Err(Error::InvalidValue);
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_by_utf16_lengths() {
        // "腾" is 1 UTF-16 unit (3 bytes), "😀" is 2 units (4 bytes).
        let joined = "body腾讯😀a=&b";
        assert_eq!(unpack_fields(joined, &[4, 4, 0, 4]).unwrap(), [("body", "腾讯😀"), ("", "a=&b")]);
        assert_eq!(unpack_fields("", &[]).unwrap(), []);
    }

    #[test]
    fn refuses_lengths_that_do_not_fit() {
        assert_eq!(unpack_fields("ab", &[1]), Err(Error::InvalidValue)); // odd count
        assert_eq!(unpack_fields("ab", &[1, 2]), Err(Error::InvalidValue)); // too long
        assert_eq!(unpack_fields("abc", &[1, 1]), Err(Error::InvalidValue)); // text left over
        assert_eq!(unpack_fields("a😀", &[2, 1]), Err(Error::InvalidValue)); // ends inside a pair
        assert_eq!(unpack_fields("a", &[u32::MAX, 0]), Err(Error::InvalidValue));
    }
}
