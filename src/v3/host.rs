//! For a host that brings its own RSA and AES-GCM (the Node entry, through wasm/web):
//! every v3 rule, code and message of this module, with only the arithmetic passed in.
//! Not part of the crate's documented API.

use super::error::Error;
use super::keys::{ApiV3Key, PublicKeys};
use super::pem;
use super::resource::{decrypt_resource_with, Resource};
use super::sign::{
    app_pay_params_with, authorization_with, build_pay_params_with, AppPayParams, AppPayRequest, PayParams,
};
use super::verify::verify_with;

pub use super::pem::{PrivateKeyDer, RsaPublicKey};
pub use super::sign::{check_merchant, RequestToSign};
pub use crate::pay::UnsignedPayRequest;

/// The merchant private key's DER, every rule checked (see `MerchantPrivateKey::from_pem`).
pub fn private_key(pem_text: &str) -> Result<PrivateKeyDer, Error> {
    pem::private_key(pem_text).map_err(Error::InvalidPrivateKey)
}

/// The key registered under `serial`, for the host to make its own key object of.
pub fn public_key<'k>(keys: &'k PublicKeys, serial: &str) -> Option<&'k RsaPublicKey> {
    keys.public_key(serial)
}

/// `v3::build_pay_params`; `rsa_sign` signs the message with the merchant key.
pub fn build_pay_params(
    request: &UnsignedPayRequest<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<PayParams, Error> {
    build_pay_params_with(request, now_unix_seconds, rsa_sign)
}

/// `v3::app_pay_params`; `rsa_sign` signs the message with the merchant key.
pub fn app_pay_params(
    request: &AppPayRequest<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<AppPayParams, Error> {
    app_pay_params_with(request, now_unix_seconds, rsa_sign)
}

/// `v3::authorization`; `rsa_sign` signs the message with the merchant key.
pub fn authorization(
    request: &RequestToSign<'_>,
    now_unix_seconds: impl FnOnce() -> u64,
    rsa_sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> Result<String, Error> {
    authorization_with(request, now_unix_seconds, rsa_sign)
}

/// `v3::verify`; `rsa_verify(serial, message, signature)` checks the signature with the
/// host's key made from [`public_key`] for that serial.
pub fn verify<N, V>(
    headers: impl IntoIterator<Item = (N, V)>,
    body: &[u8],
    keys: &PublicKeys,
    now_unix_seconds: u64,
    rsa_verify: impl FnOnce(&str, &[u8], &[u8]) -> bool,
) -> Result<(), Error>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    verify_with(headers, body, keys, now_unix_seconds, |key, message, signature| {
        rsa_verify(&key.serial, message, signature)
    })
}

/// A sensitive field encrypted for WeChat Pay (see `v3::Encrypted`): with the key under
/// `serial`, or the one WeChat Pay prefers when `None`; `rsa_oaep(serial, plaintext)` is
/// RSA-OAEP (SHA-1, MGF1-SHA-1) with the host's key for that serial.
pub fn encrypt_sensitive(
    keys: &PublicKeys,
    serial: Option<&str>,
    plaintext: &str,
    now_unix_seconds: u64,
    rsa_oaep: impl FnOnce(&str, &[u8]) -> Option<Vec<u8>>,
) -> Result<super::Encrypted, Error> {
    super::sensitive::encrypt_sensitive_with(keys, serial, plaintext, now_unix_seconds, rsa_oaep)
}

/// `v3::decrypt_resource`; `open(key, nonce, associated_data, ciphertext_and_tag)` is
/// AES-256-GCM decryption, `None` when the tag does not match.
pub fn decrypt_resource(
    resource: &Resource<'_>,
    api_v3_key: &ApiV3Key,
    open: impl FnOnce(&[u8; 32], &[u8; 12], &[u8], Vec<u8>) -> Option<Vec<u8>>,
) -> Result<String, Error> {
    decrypt_resource_with(resource, api_v3_key, open)
}
