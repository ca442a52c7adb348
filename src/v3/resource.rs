//! Decrypting the `resource` of a notification (and of the platform certificate list).

use base64ct::{Base64, Encoding};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};

use super::error::{DecryptProblem, Error};
use super::keys::ApiV3Key;

/// The only `resource.algorithm` WeChat Pay uses.
pub const ALGORITHM: &str = "AEAD_AES_256_GCM";

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
/// [`Error::UnsupportedAlgorithm`], and [`Error::DecryptFailed`] when the ciphertext is
/// not base64 or shorter than the tag, the nonce is not 12 bytes, the tag does not match
/// (changed data or another key), or the plaintext is not UTF-8.
pub fn decrypt_resource(resource: &Resource<'_>, api_v3_key: &ApiV3Key) -> Result<String, Error> {
    if resource.algorithm != ALGORITHM {
        return Err(Error::UnsupportedAlgorithm);
    }
    let nonce = Nonce::try_assume_unique_for_key(resource.nonce.as_bytes())
        .map_err(|_| Error::DecryptFailed(DecryptProblem::Nonce))?;
    let mut sealed =
        Base64::decode_vec(resource.ciphertext).map_err(|_| Error::DecryptFailed(DecryptProblem::Ciphertext))?;
    if sealed.len() < AES_256_GCM.tag_len() {
        return Err(Error::DecryptFailed(DecryptProblem::Ciphertext));
    }
    let key = UnboundKey::new(&AES_256_GCM, api_v3_key.bytes()).map_err(|_| Error::InvalidApiV3Key)?;
    let plain = LessSafeKey::new(key)
        .open_in_place(nonce, Aad::from(resource.associated_data.as_bytes()), &mut sealed)
        .map_err(|_| Error::DecryptFailed(DecryptProblem::Authentication))?;
    let len = plain.len();
    sealed.truncate(len);
    String::from_utf8(sealed).map_err(|_| Error::DecryptFailed(DecryptProblem::NotUtf8))
}

#[cfg(test)]
mod tests {
    use super::*;

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
