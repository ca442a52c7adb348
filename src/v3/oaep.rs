//! RSA-OAEP encryption (RFC 8017 §7.1.1: SHA-1, MGF1-SHA-1, empty label) with a WeChat
//! Pay public key, for sensitive fields natively: ring signs and verifies but does not
//! encrypt, and the Node host lends OpenSSL's. Only public values go through this
//! arithmetic besides the padded field, masked by a fresh random seed; no private key
//! ever does, so it is plain schoolbook arithmetic, not constant-time.

use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY as SHA1};

use super::bignum::Natural;
use super::pem::RsaPublicKey;
use crate::nonce::secure_random;

const HASH_BYTES: usize = 20;

/// `plaintext` encrypted for `key`: as many bytes as the modulus. `None` when it does not
/// fit the key or no random seed could be had.
pub(crate) fn encrypt(key: &RsaPublicKey, plaintext: &[u8]) -> Option<Vec<u8>> {
    let n = Natural::from_be(&key.n);
    let k = n.bits().div_ceil(8);
    let mut seed = [0u8; HASH_BYTES];
    secure_random(&mut seed).ok()?;
    let padded = pad(plaintext, k, &seed)?;
    Some(Natural::from_be(&padded).pow_mod(&Natural::from_be(&key.e), &n).to_be(k))
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
        let n = Natural::from_be(&public.n);
        let k = n.bits().div_ceil(8);
        let opened = Natural::from_be(&signature).pow_mod(&Natural::from_be(&public.e), &n).to_be(k);
        let digest_info: &[u8] = &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
            0x20,
        ];
        let hash = digest(&ring::digest::SHA256, b"appid\n");
        let filler = vec![0xff; k - 3 - digest_info.len() - 32];
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
