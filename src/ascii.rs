//! Byte-class checks eight bytes at a time. Ids, keys and nonces are ASCII, and
//! iPhones interpret the wasm module instruction by instruction (no JIT,
//! docs/runtime.md), so these look at a word (`u64`, one `i64.load` in wasm) at a
//! time; docs/cuts.md says what that buys. The tricks are the
//! "determine if a word has a byte less than n" family of Sean Eron Anderson's Bit
//! Twiddling Hacks; each answers "is there any such byte" exactly.

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = ONES * 0x80;

/// Whether some byte of `x` is below `n` (`n` ≤ 0x80).
const fn any_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONES * n as u64) & !x & HIGHS != 0
}

/// Whether some byte of `x` is 0x7F (DEL) or above (not ASCII). A carry out of a
/// byte happens only from 0xFF, which is caught by its own high bit.
const fn any_del_or_above(x: u64) -> bool {
    (x.wrapping_add(ONES) | x) & HIGHS != 0
}

/// Whether some byte of `x` is `b`.
const fn any_equal(x: u64, b: u8) -> bool {
    any_below(x ^ (ONES * b as u64), 1)
}

/// Per byte of `x`, whose bytes are ASCII (below 0x80): 0x80 where the byte is in
/// `lo..=hi`, else 0. Neither subtraction borrows across bytes: `x | 0x80 ≥ lo` and
/// `0x80 + hi > x` hold in every byte.
const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    (x | HIGHS).wrapping_sub(ONES * lo as u64) & (ONES * (0x80 + hi as u64)).wrapping_sub(x) & HIGHS
}

/// Whether every byte satisfies `byte_ok`, with `word_ok` telling the same of eight
/// bytes at once. From eight bytes on, the bytes after the last whole word are
/// checked as the last eight bytes, overlapping that word: no byte-at-a-time tail.
fn all_bytes(s: &[u8], word_ok: impl Fn(u64) -> bool, byte_ok: impl Fn(u8) -> bool) -> bool {
    let word = |w: &[u8]| <[u8; 8]>::try_from(w).is_ok_and(|w| word_ok(u64::from_le_bytes(w)));
    match s.len().checked_sub(8) {
        None => s.iter().all(|&b| byte_ok(b)),
        Some(last) => s.chunks_exact(8).all(word) && word(&s[last..]),
    }
}

/// Whether every byte is a graphic ASCII character, `!` to `~`: no space, no
/// control character, nothing outside ASCII.
pub(crate) fn is_graphic(s: &[u8]) -> bool {
    all_bytes(s, |w| !any_below(w, b'!') && !any_del_or_above(w), |b| b.is_ascii_graphic())
}

/// [`is_graphic`] without `&` and `=`, which would change the meaning of a `k=v&k=v` string.
pub(crate) fn is_graphic_plain(s: &[u8]) -> bool {
    all_bytes(
        s,
        |w| !any_below(w, b'!') && !any_del_or_above(w) && !any_equal(w, b'&') && !any_equal(w, b'='),
        |b| b.is_ascii_graphic() && b != b'&' && b != b'=',
    )
}

/// Whether every byte is an ASCII digit.
pub(crate) fn is_digits(s: &[u8]) -> bool {
    all_bytes(s, |w| w & HIGHS == 0 && in_range(w, b'0', b'9') == HIGHS, |b| b.is_ascii_digit())
}

/// Whether every byte is an ASCII letter or digit (`| 0x20` folds capitals onto
/// small letters, and nothing else onto `a..=z`).
pub(crate) fn is_alphanumeric(s: &[u8]) -> bool {
    all_bytes(
        s,
        |w| w & HIGHS == 0 && (in_range(w, b'0', b'9') | in_range(w | (ONES * 0x20), b'a', b'z')) == HIGHS,
        |b| b.is_ascii_alphanumeric(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every one of the eight places of a word (and in the tail),
    /// among graphic neighbours, against the byte-at-a-time rule.
    #[test]
    fn word_checks_agree_with_the_byte_rules() {
        for place in 0..11 {
            for b in 0..=255u8 {
                let mut s = *b"Ab9~!zZ0xyz";
                s[place] = b;
                let graphic = b.is_ascii_graphic();
                assert_eq!(is_graphic(&s), graphic, "{b:#x} at {place}");
                assert_eq!(is_graphic_plain(&s), graphic && b != b'&' && b != b'=', "{b:#x} at {place}");
                let mut digits = *b"01234567890";
                digits[place] = b;
                assert_eq!(is_digits(&digits), b.is_ascii_digit(), "{b:#x} at {place}");
                let mut alnum = *b"Ab9zZ0aQ5mN";
                alnum[place] = b;
                assert_eq!(is_alphanumeric(&alnum), b.is_ascii_alphanumeric(), "{b:#x} at {place}");
            }
        }
    }

    /// Two odd bytes in one word: a borrow or carry out of one must not hide or fake the other.
    #[test]
    fn pairs_of_bytes_in_one_word() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let s = [b'a', a, b'b', b'c', b, b'd', b'e', b'f'];
                assert_eq!(is_graphic(&s), a.is_ascii_graphic() && b.is_ascii_graphic(), "{a:#x} {b:#x}");
                let alnum = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
                assert_eq!(is_alphanumeric(&s), alnum, "{a:#x} {b:#x}");
                let digits = [b'1', a, b'2', b'3', b, b'4', b'5', b'6'];
                assert_eq!(is_digits(&digits), a.is_ascii_digit() && b.is_ascii_digit(), "{a:#x} {b:#x}");
            }
        }
    }

    /// A bad byte is found at every place of every length: whole words, the
    /// overlapping last word, and the byte-at-a-time path below eight bytes.
    #[test]
    fn every_place_of_every_length() {
        for len in 1..=25 {
            let good = vec![b'7'; len];
            assert!(is_graphic(&good) && is_graphic_plain(&good) && is_digits(&good) && is_alphanumeric(&good));
            for place in 0..len {
                let mut bad = good.clone();
                bad[place] = b' ';
                assert!(!is_graphic(&bad) && !is_graphic_plain(&bad) && !is_digits(&bad) && !is_alphanumeric(&bad));
                bad[place] = b'=';
                assert!(is_graphic(&bad) && !is_graphic_plain(&bad) && !is_digits(&bad) && !is_alphanumeric(&bad));
                bad[place] = b'x';
                assert!(is_graphic_plain(&bad) && !is_digits(&bad) && is_alphanumeric(&bad), "{len} {place}");
            }
        }
    }

    #[test]
    fn empty_is_vacuously_true() {
        assert!(is_graphic(b"") && is_graphic_plain(b"") && is_digits(b"") && is_alphanumeric(b""));
    }
}
