//! Decrypting the `resource` of a notification (and of the platform certificate list).

use base64ct::{Base64, Encoding};

use super::error::{Algorithm, DecryptProblem, Error};
use super::keys::ApiV3Key;

/// The only `resource.algorithm` WeChat Pay uses.
pub const ALGORITHM: &str = "AEAD_AES_256_GCM";
/// AES-GCM's tag, at the end of the decoded ciphertext.
const TAG_BYTES: usize = 16;

/// A notification's `resource` object, as received (borrowed from the parsed JSON).
#[derive(Debug, Clone, Copy)]
pub struct Resource<'a> {
    /// `AEAD_AES_256_GCM`.
    pub algorithm: &'a str,
    /// Base64 of the ciphertext with the 16-byte GCM tag at its end.
    pub ciphertext: &'a str,
    /// The 12-character nonce.
    pub nonce: &'a str,
    /// The associated data, possibly empty (absent in the JSON: pass "").
    pub associated_data: &'a str,
}

/// Decrypts a `resource` with the APIv3 key and returns the plaintext (JSON text).
///
/// # Errors
/// [`Error::DecryptFailed`] when `algorithm` is empty (the whole notification was
/// passed), [`Error::UnsupportedAlgorithm`] for another algorithm, and
/// [`Error::DecryptFailed`] when the nonce is not 12 bytes, the ciphertext is not
/// canonical base64 or is shorter than the tag, the tag does not match (changed data or
/// another key), or the plaintext is not UTF-8.
#[cfg(feature = "v3")]
pub fn decrypt_resource(resource: &Resource<'_>, api_v3_key: &ApiV3Key) -> Result<String, Error> {
    use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
    decrypt_resource_with(resource, api_v3_key, |key, nonce, aad, mut sealed| {
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).ok()?);
        let plain = key.open_in_place(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), &mut sealed).ok()?;
        let len = plain.len();
        sealed.truncate(len);
        Some(sealed)
    })
}

/// [`decrypt_resource`] with AES-256-GCM done by `open(key, nonce, associated_data,
/// ciphertext_and_tag)`, which gives the plaintext or `None` when the tag does not match.
pub(crate) fn decrypt_resource_with(
    resource: &Resource<'_>,
    api_v3_key: &ApiV3Key,
    open: impl FnOnce(&[u8; 32], &[u8; 12], &[u8], Vec<u8>) -> Option<Vec<u8>>,
) -> Result<String, Error> {
    if resource.algorithm.is_empty() {
        return Err(Error::DecryptFailed(DecryptProblem::NotAResource));
    }
    if resource.algorithm != ALGORITHM {
        return Err(Error::UnsupportedAlgorithm(Algorithm::Resource));
    }
    let nonce: &[u8; 12] =
        resource.nonce.as_bytes().try_into().map_err(|_| Error::DecryptFailed(DecryptProblem::Nonce))?;
    let sealed =
        Base64::decode_vec(resource.ciphertext).map_err(|_| Error::DecryptFailed(DecryptProblem::Ciphertext))?;
    if sealed.len() < TAG_BYTES {
        return Err(Error::DecryptFailed(DecryptProblem::Ciphertext));
    }
    let plain = open(api_v3_key.bytes(), nonce, resource.associated_data.as_bytes(), sealed)
        .ok_or(Error::DecryptFailed(DecryptProblem::Authentication))?;
    String::from_utf8(plain).map_err(|_| Error::DecryptFailed(DecryptProblem::NotUtf8))
}

#[cfg(all(test, feature = "v3"))]
mod tests {
    use super::*;
    use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};

    #[test]
    fn plaintext_that_is_not_utf8_is_refused() {
        let key = ApiV3Key::new("TestOnlyNotRealKey00000000000000").unwrap();
        let sealing = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key.bytes()).unwrap());
        let mut data = b"\xff\xfe not text".to_vec();
        let nonce = Nonce::try_assume_unique_for_key(b"0123456789ab").unwrap();
        sealing.seal_in_place_append_tag(nonce, Aad::from(b"transaction"), &mut data).unwrap();
        let ciphertext = Base64::encode_string(&data);
        let resource = Resource {
            algorithm: ALGORITHM,
            ciphertext: &ciphertext,
            nonce: "0123456789ab",
            associated_data: "transaction",
        };
        assert_eq!(decrypt_resource(&resource, &key), Err(Error::DecryptFailed(DecryptProblem::NotUtf8)));
    }
}
