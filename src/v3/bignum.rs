//! Schoolbook arithmetic on natural numbers (little-endian 32-bit limbs): the few
//! operations the core needs where no host lends its RSA — checking that a private key's
//! numbers fit together, and RSA-OAEP's public operation natively (ring has none). Not
//! constant-time: it runs on a private key only once, when the key is read.

use core::cmp::Ordering;

/// A natural number, least significant limb first, without high zero limbs.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Natural(Vec<u32>);

impl Natural {
    /// The number whose big-endian bytes are `be`.
    pub(crate) fn from_be(be: &[u8]) -> Self {
        let mut limbs = vec![0u32; be.len().div_ceil(4)];
        for (i, &b) in be.iter().rev().enumerate() {
            limbs[i / 4] |= u32::from(b) << (8 * (i % 4));
        }
        Self::trimmed(limbs)
    }

    pub(crate) fn from_u32(n: u32) -> Self {
        Self::trimmed(vec![n])
    }

    fn trimmed(mut limbs: Vec<u32>) -> Self {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        Natural(limbs)
    }

    /// The number as `len` big-endian bytes (its low bytes when it is longer).
    #[cfg(any(feature = "v3", test))] // RSA-OAEP's, natively
    pub(crate) fn to_be(&self, len: usize) -> Vec<u8> {
        (0..len).rev().map(|i| self.0.get(i / 4).map_or(0, |l| (l >> (8 * (i % 4))) as u8)).collect()
    }

    pub(crate) fn bits(&self) -> usize {
        self.0.last().map_or(0, |top| 32 * self.0.len() - top.leading_zeros() as usize)
    }

    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    pub(crate) fn is_one(&self) -> bool {
        self.0 == [1]
    }

    pub(crate) fn mul(&self, other: &Natural) -> Natural {
        let mut wide = vec![0u32; self.0.len() + other.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &y) in other.0.iter().enumerate() {
                let t = u64::from(x) * u64::from(y) + u64::from(wide[i + j]) + carry;
                wide[i + j] = t as u32;
                carry = t >> 32;
            }
            wide[i + other.0.len()] = carry as u32;
        }
        Self::trimmed(wide)
    }

    /// `self` − `other`, which must not be larger.
    pub(crate) fn sub(&self, other: &Natural) -> Natural {
        let mut out = self.0.clone();
        let mut borrow = 0i64;
        for (i, limb) in out.iter_mut().enumerate() {
            let t = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = t as u32;
            borrow = i64::from(t < 0);
        }
        Self::trimmed(out)
    }

    /// `self` mod `m` (`m` > 0), a bit at a time in one buffer a limb wider than `m`:
    /// r < m before each step, so 2r + 1 < 2m and one subtraction brings it below m.
    pub(crate) fn rem(&self, m: &Natural) -> Natural {
        let width = m.0.len();
        let mut r = vec![0u32; width + 1];
        for i in (0..self.bits()).rev() {
            let mut carry = u32::from(self.bit(i));
            for limb in r.iter_mut() {
                let next = *limb >> 31;
                *limb = (*limb << 1) | carry;
                carry = next;
            }
            let below = r[width] == 0 && r[..width].iter().rev().cmp(m.0.iter().rev()) == Ordering::Less;
            if !below {
                let mut borrow = 0i64;
                for (limb, &d) in r.iter_mut().zip(m.0.iter().chain(core::iter::once(&0))) {
                    let t = i64::from(*limb) - i64::from(d) - borrow;
                    *limb = t as u32;
                    borrow = i64::from(t < 0);
                }
            }
        }
        Self::trimmed(r)
    }

    /// `self`^`exponent` mod `m`, square and multiply over the exponent's bits.
    #[cfg(any(feature = "v3", test))] // RSA-OAEP's, natively
    pub(crate) fn pow_mod(&self, exponent: &Natural, m: &Natural) -> Natural {
        let mut result = Natural::from_u32(1).rem(m);
        for i in (0..exponent.bits()).rev() {
            result = result.mul(&result).rem(m);
            if exponent.bit(i) {
                result = result.mul(self).rem(m);
            }
        }
        result
    }
}

// Private keys' numbers pass through here: wiped when dropped.
impl Drop for Natural {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: u128) -> Natural {
        Natural::from_be(&v.to_be_bytes())
    }

    #[test]
    fn arithmetic_agrees_with_u128() {
        let samples =
            [0u128, 1, 2, 0xFFFF_FFFF, 0x1_0000_0000, 0xDEAD_BEEF_CAFE_F00D, u64::MAX as u128, 12_345_678_901_234_567];
        for &a in &samples {
            for &b in &samples {
                let (x, y) = (a & u64::MAX as u128, b & u64::MAX as u128);
                assert!(n(x).mul(&n(y)) == n(x * y), "{x} * {y}");
                if y != 0 {
                    assert!(n(a).rem(&n(y)) == n(a % y), "{a} mod {y}");
                    assert!(n(x).pow_mod(&n(65537), &n(y)).to_be(16) == n(mod_pow_u128(x, 65537, y)).to_be(16));
                }
                assert_eq!(n(a).cmp(&n(b)), a.cmp(&b));
                if a >= b {
                    assert!(n(a).sub(&n(b)) == n(a - b));
                }
            }
            assert_eq!(n(a).bits(), 128 - a.leading_zeros() as usize);
            assert_eq!(n(a).to_be(16), a.to_be_bytes());
        }
    }

    fn mod_pow_u128(base: u128, mut e: u128, m: u128) -> u128 {
        // Factors stay below 2^64, so their products fit.
        let (mut result, mut b) = (1 % m, base % m);
        while e > 0 {
            if e & 1 == 1 {
                result = result * b % m;
            }
            b = b * b % m;
            e >>= 1;
        }
        result
    }
}
