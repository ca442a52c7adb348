//! `nonceStr`: random letters and digits, as many as WeChat allows.

use alloc::string::String;

use crate::ascii::is_alphanumeric;
use crate::Error;

/// WeChat's limit for `nonceStr`, and the length [`nonce`] is usually asked for.
pub const MAX_NONCE_LEN: usize = 32;

const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// The largest multiple of 62 that fits a byte: bytes from here up are thrown
/// away, so that every character is equally likely (no modulo bias).
const ACCEPT_BELOW: u8 = 248;

/// A random `nonceStr` of `len` characters (1..=32) from `[A-Za-z0-9]`, using the
/// system's secure random source (in the mini-program package: a pool filled from
/// `wx.getRandomValues`).
///
/// # Errors
/// [`Error::InvalidNonce`] for `len == 0`, [`Error::NonceTooLong`] above 32,
/// [`Error::RandomUnavailable`] when there are no secure random bytes.
///
/// # Example
/// ```
/// let n = wxpay_wasm::nonce(32)?;
/// assert_eq!(n.len(), 32);
/// assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn nonce(len: usize) -> Result<String, Error> {
    nonce_from(len, secure_random)
}

/// [`nonce`] with the random bytes taken from `fill`, which must fill the whole buffer
/// with secure random bytes or fail. Each byte is used at most once.
///
/// # Example
/// ```
/// // A fixed source, for illustration only: real nonces need secure randomness.
/// let n = wxpay_wasm::nonce_from(3, |buf| { buf.fill(0); Ok(()) })?;
/// assert_eq!(n, "AAA");
/// # Ok::<(), wxpay_wasm::Error>(())
/// ```
pub fn nonce_from<F>(len: usize, fill: F) -> Result<String, Error>
where
    F: FnMut(&mut [u8]) -> Result<(), Error>,
{
    let mut buf = [0u8; MAX_NONCE_LEN];
    let out = buf.get_mut(..len).ok_or(Error::NonceTooLong)?;
    fill_nonce(out, fill)?;
    Ok(out.iter().map(|&b| char::from(b)).collect())
}

/// Fills `out` (1 to 32 bytes) with nonce characters, without allocating.
pub(crate) fn fill_nonce<F>(out: &mut [u8], mut fill: F) -> Result<(), Error>
where
    F: FnMut(&mut [u8]) -> Result<(), Error>,
{
    if out.is_empty() {
        return Err(Error::InvalidNonce);
    }
    if out.len() > MAX_NONCE_LEN {
        return Err(Error::NonceTooLong);
    }
    let mut random = [0u8; MAX_NONCE_LEN];
    let mut done = 0;
    while done < out.len() {
        // Ask only for what is still missing: a pool-backed source runs dry slower.
        let chunk = &mut random[..out.len() - done];
        fill(chunk)?;
        for &b in chunk.iter().filter(|&&b| b < ACCEPT_BELOW) {
            out[done] = ALPHABET[usize::from(b % 62)];
            done += 1;
        }
    }
    Ok(())
}

/// The system's secure random source (in the mini-program package: the pool).
pub(crate) fn secure_random(buf: &mut [u8]) -> Result<(), Error> {
    getrandom::getrandom(buf).map_err(|_| Error::RandomUnavailable)
}

/// Checks a caller-supplied `nonceStr`: 1 to 32 ASCII letters and digits.
pub(crate) fn check_nonce(nonce_str: &[u8]) -> Result<(), Error> {
    // Too long is the likelier mistake (a UUID) and the better message, but only for
    // ASCII, where bytes are characters.
    if nonce_str.len() > MAX_NONCE_LEN && nonce_str.is_ascii() {
        Err(Error::NonceTooLong)
    } else if nonce_str.is_empty() || !is_alphanumeric(nonce_str) {
        Err(Error::InvalidNonce)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits() {
        assert_eq!(nonce(0), Err(Error::InvalidNonce));
        assert_eq!(nonce(33), Err(Error::NonceTooLong));
        for len in 1..=MAX_NONCE_LEN {
            assert_eq!(nonce(len).unwrap().len(), len);
        }
    }

    #[test]
    fn rejects_biased_bytes_and_uses_each_byte_once() {
        // 248..=255 are thrown away; 0, 61, 62, 247 map to A, 9, A, 9.
        let mut source = [250u8, 0, 255, 61, 62, 247].into_iter();
        let mut served = 0;
        let n = nonce_from(4, |buf| {
            for b in buf.iter_mut() {
                *b = source.next().ok_or(Error::RandomUnavailable)?;
                served += 1;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(n, "A9A9");
        assert_eq!(served, 6);
    }

    #[test]
    fn every_byte_below_248_maps_uniformly() {
        let mut counts = [0u32; 62];
        for b in 0..ACCEPT_BELOW {
            let c = nonce_from(1, |buf| {
                buf[0] = b;
                Ok(())
            })
            .unwrap();
            counts[ALPHABET.iter().position(|&a| a == c.as_bytes()[0]).unwrap()] += 1;
        }
        assert!(counts.iter().all(|&c| c == 4), "{counts:?}");
    }

    #[test]
    fn source_failure_is_an_error() {
        assert_eq!(nonce_from(8, |_| Err(Error::RandomUnavailable)), Err(Error::RandomUnavailable));
    }

    #[test]
    fn nonces_differ_and_cover_the_alphabet() {
        let mut seen = std::collections::HashSet::new();
        let mut chars = std::collections::HashSet::new();
        for _ in 0..2000 {
            let n = nonce(32).unwrap();
            chars.extend(n.bytes());
            assert!(seen.insert(n));
        }
        assert_eq!(chars.len(), 62);
    }

    #[test]
    fn supplied_nonce_rules() {
        assert_eq!(check_nonce("5K8264ILTKCH16CQ2502SI8ZNMTM67VS".as_bytes()), Ok(()));
        assert_eq!(check_nonce("a".as_bytes()), Ok(()));
        assert_eq!(check_nonce("".as_bytes()), Err(Error::InvalidNonce));
        assert_eq!(check_nonce("123e4567-e89b-12d3-a456-426614174000".as_bytes()), Err(Error::NonceTooLong));
        assert_eq!(check_nonce("abc-def".as_bytes()), Err(Error::InvalidNonce));
        assert_eq!(check_nonce("abc def".as_bytes()), Err(Error::InvalidNonce));
        assert_eq!(check_nonce("随机".as_bytes()), Err(Error::InvalidNonce));
        assert_eq!(check_nonce("随".repeat(11).as_bytes()), Err(Error::InvalidNonce));
        // 33 bytes, 11 characters
    }
}
