//! RSA-OAEP encryption (RFC 8017 §7.1.1: SHA-1, MGF1-SHA-1, empty label) with a WeChat
//! Pay public key, for sensitive fields natively: ring signs and verifies but does not
//! encrypt, and the Node host lends OpenSSL's. Only public values go through this
//! arithmetic besides the padded field, masked by a fresh random seed; no private key
//! ever does, so it is plain schoolbook arithmetic, not constant-time.

use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY as SHA1};

use super::pem::RsaPublicKey;
use crate::nonce::secure_random;

const HASH_BYTES: usize = 20;

/// `plaintext` encrypted for `key`: as many bytes as the modulus. `None` when it does not
/// fit the key or no random seed could be had.
pub(crate) fn encrypt(key: &RsaPublicKey, plaintext: &[u8]) -> Option<Vec<u8>> {
    let n = strip_zeros(&key.n);
    let k = n.len();
    let mut seed = [0u8; HASH_BYTES];
    secure_random(&mut seed).ok()?;
    let padded = pad(plaintext, k, &seed)?;
    let modulus = limbs(n, k.div_ceil(4));
    let sealed = mod_pow(&limbs(&padded, modulus.len()), strip_zeros(&key.e), &modulus);
    Some(bytes(&sealed, k))
}

fn strip_zeros(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    &be[first..]
}

/// EM = 0x00 ‖ maskedSeed ‖ maskedDB, DB = SHA-1("") ‖ 0x00… ‖ 0x01 ‖ M, for a `k`-byte modulus.
fn pad(message: &[u8], k: usize, seed: &[u8; HASH_BYTES]) -> Option<Vec<u8>> {
    let db_len = k.checked_sub(HASH_BYTES + 1)?;
    let zeros = db_len.checked_sub(HASH_BYTES + 1 + message.len())?;
    let mut db = Vec::with_capacity(db_len);
    db.extend_from_slice(digest(&SHA1, b"").as_ref());
    db.resize(HASH_BYTES + zeros, 0);
    db.push(1);
    db.extend_from_slice(message);
    xor_mask(&mut db, seed);
    let mut masked_seed = *seed;
    xor_mask(&mut masked_seed, &db);
    Some([&[0u8][..], &masked_seed, &db].concat())
}

/// `data` XOR MGF1-SHA-1(`seed`, its length).
fn xor_mask(data: &mut [u8], seed: &[u8]) {
    for (counter, chunk) in (0u32..).zip(data.chunks_mut(HASH_BYTES)) {
        let block = digest(&SHA1, &[seed, &counter.to_be_bytes()].concat());
        chunk.iter_mut().zip(block.as_ref()).for_each(|(d, m)| *d ^= m);
    }
}

/// Big-endian bytes as `len` little-endian 32-bit limbs.
fn limbs(be: &[u8], len: usize) -> Vec<u32> {
    let mut out = vec![0u32; len];
    for (i, &b) in be.iter().rev().enumerate() {
        out[i / 4] |= u32::from(b) << (8 * (i % 4));
    }
    out
}

/// Little-endian limbs as `len` big-endian bytes.
fn bytes(limbs: &[u32], len: usize) -> Vec<u8> {
    (0..len).rev().map(|i| limbs.get(i / 4).map_or(0, |l| (l >> (8 * (i % 4))) as u8)).collect()
}

/// `base`^`exponent` mod `n` (`base` < `n`), square-and-multiply over the public exponent's bits.
fn mod_pow(base: &[u32], exponent: &[u8], n: &[u32]) -> Vec<u32> {
    let mut result = vec![0u32; n.len()];
    result[0] = 1;
    for byte in exponent {
        for bit in (0..8).rev() {
            result = mul_mod(&result, &result, n);
            if byte >> bit & 1 == 1 {
                result = mul_mod(&result, base, n);
            }
        }
    }
    result
}

/// `a` × `b` mod `n`: the full product, then reduced a bit at a time.
fn mul_mod(a: &[u32], b: &[u32], n: &[u32]) -> Vec<u32> {
    let mut wide = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = u64::from(x) * u64::from(y) + u64::from(wide[i + j]) + carry;
            wide[i + j] = t as u32;
            carry = t >> 32;
        }
        wide[i + b.len()] = carry as u32;
    }
    // r < n before each step, so 2r + 1 < 2n: one subtraction keeps r < n.
    let mut r = vec![0u32; n.len() + 1];
    for i in (0..wide.len() * 32).rev() {
        let mut carry = (wide[i / 32] >> (i % 32)) & 1;
        for limb in r.iter_mut() {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if !below(&r, n) {
            let mut borrow = 0i64;
            for (limb, &m) in r.iter_mut().zip(n.iter().chain(core::iter::once(&0))) {
                let t = i64::from(*limb) - i64::from(m) - borrow;
                *limb = t as u32;
                borrow = i64::from(t < 0);
            }
        }
    }
    r.truncate(n.len());
    r
}

/// Whether `r` (one limb longer) is below `n`.
fn below(r: &[u32], n: &[u32]) -> bool {
    let top = r[n.len()];
    top == 0 && r[..n.len()].iter().rev().cmp(n.iter().rev()) == core::cmp::Ordering::Less
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v3::keys::MerchantPrivateKey;

    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../../tests/vectors/v3.json")).unwrap()
    }

    /// The arithmetic, checked against ring: a signature raised to the public exponent
    /// is PKCS#1 v1.5's encoding of the message's SHA-256.
    #[test]
    fn the_public_operation_opens_a_ring_signature() {
        let doc = vectors();
        let key = MerchantPrivateKey::from_pem(doc["keys"]["merchantPrivateKey"].as_str().unwrap()).unwrap();
        let (public, _) = crate::v3::pem::public_key(doc["keys"]["merchantPublicKey"].as_str().unwrap()).unwrap();
        let signature = key.sign(b"appid\n").unwrap();
        let n = strip_zeros(&public.n);
        let modulus = limbs(n, n.len().div_ceil(4));
        let opened = bytes(&mod_pow(&limbs(&signature, modulus.len()), &public.e, &modulus), n.len());
        let digest_info: &[u8] = &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
            0x20,
        ];
        let hash = digest(&ring::digest::SHA256, b"appid\n");
        let filler = vec![0xff; n.len() - 3 - digest_info.len() - 32];
        let expected = [&[0u8, 1][..], &filler, &[0], digest_info, hash.as_ref()].concat();
        assert_eq!(opened, expected);
    }

    /// The padding undone as RFC 8017's decryption does it gives the message back.
    #[test]
    fn the_padding_unmasks_to_the_message() {
        let seed = [7u8; HASH_BYTES];
        let em = pad("张三".as_bytes(), 256, &seed).unwrap();
        assert_eq!((em.len(), em[0]), (256, 0));
        let (mut masked_seed, mut db) = (em[1..=HASH_BYTES].to_vec(), em[HASH_BYTES + 1..].to_vec());
        xor_mask(&mut masked_seed, &db);
        assert_eq!(masked_seed, seed);
        xor_mask(&mut db, &seed);
        assert_eq!(&db[..HASH_BYTES], digest(&SHA1, b"").as_ref());
        let one = db[HASH_BYTES..].iter().position(|&b| b != 0).unwrap() + HASH_BYTES;
        assert_eq!((db[one], &db[one + 1..]), (1, "张三".as_bytes()));
        assert_eq!(pad(&[b'a'; 214], 256, &seed).map(|em| em.len()), Some(256));
        assert_eq!(pad(&[b'a'; 215], 256, &seed), None);
    }
}
