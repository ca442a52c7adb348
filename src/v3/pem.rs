//! Reading PEM text into the DER of an RSA key, with every rule about what a place
//! takes (one block, the right kind, RSA of the right size). No cryptography here:
//! each host hands the DER to its own RSA (ring natively, OpenSSL in Node).

use x509_cert::der::asn1::{OctetStringRef, UintRef};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{pem, Decode, Encode, Reader, SliceReader};
use x509_cert::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::bignum::Natural;
use super::error::{Block, PemProblem};

/// rsaEncryption (RFC 8017): the only key algorithm WeChat Pay uses.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// 2048 bits: WeChat Pay's keys, and the least RSA that ring and WeChat Pay accept.
const MIN_MODULUS_BYTES: usize = 256;
const MIN_MODULUS_BITS: usize = 2048;
/// 4096 bits: the most ring signs with.
const MAX_PRIVATE_MODULUS_BITS: usize = 4096;

/// The one PEM block in `text`: what it holds, its exact label's form, and its DER
/// (wiped on drop: it may be a private key).
fn block(text: &str) -> Result<(Block, bool, Zeroizing<Vec<u8>>), PemProblem> {
    let text = text.trim();
    if !text.starts_with("-----BEGIN ") {
        // Base64 has neither '.' nor '\': one line with either names a file.
        let one_line = !text.contains('\n');
        return Err(if one_line && (text.contains('.') || text.contains('\\')) && !text.is_empty() {
            PemProblem::FilePath
        } else {
            PemProblem::NotPem
        });
    }
    if text.contains("\\n") && !text.contains('\n') {
        return Err(PemProblem::EscapedNewlines);
    }
    if text.matches("-----BEGIN ").count() > 1 {
        return Err(PemProblem::SeveralBlocks);
    }
    // Indented lines (a template literal) and CRLF line ends are read as plain PEM.
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let normalized = Zeroizing::new(lines.join("\n"));
    let (label, der) = pem::decode_vec(normalized.as_bytes()).map_err(|_| PemProblem::NotPem)?;
    let der = Zeroizing::new(der);
    let (kind, pkcs1) = match label {
        "PRIVATE KEY" => (Block::PrivateKey, false),
        "RSA PRIVATE KEY" => (Block::PrivateKey, true),
        "PUBLIC KEY" => (Block::PublicKey, false),
        "RSA PUBLIC KEY" => (Block::PublicKey, true),
        "CERTIFICATE" => (Block::Certificate, false),
        _ => (Block::Other, false),
    };
    Ok((kind, pkcs1, der))
}

/// The DER of the merchant's RSA private key, checked; wiped on drop.
pub struct PrivateKeyDer {
    /// PKCS#8 `PrivateKeyInfo`, or PKCS#1 `RSAPrivateKey` when [`Self::pkcs1`].
    pub der: Zeroizing<Vec<u8>>,
    /// Whether the PEM was an `RSA PRIVATE KEY` (PKCS#1) block.
    pub pkcs1: bool,
}

/// Reads the PEM text of an RSA private key of 2048 to 4096 bits: PKCS#8 (`PRIVATE KEY`,
/// what the merchant platform gives) or PKCS#1 (`RSA PRIVATE KEY`).
pub fn private_key(text: &str) -> Result<PrivateKeyDer, PemProblem> {
    let (kind, pkcs1, der) = block(text)?;
    if kind != Block::PrivateKey {
        return Err(PemProblem::WrongKind(kind));
    }
    let rsa = if pkcs1 { Some(&der[..]) } else { pkcs8_rsa_key(&der) };
    check_rsa_private_key(rsa.ok_or(PemProblem::NotRsa2048)?)?;
    Ok(PrivateKeyDer { der, pkcs1 })
}

/// The `RSAPrivateKey` inside a PKCS#8 `PrivateKeyInfo` whose algorithm is RSA.
fn pkcs8_rsa_key(der: &[u8]) -> Option<&[u8]> {
    let mut reader = SliceReader::new(der).ok()?;
    let (algorithm, key) = reader
        .sequence(|r| {
            UintRef::decode(r)?; // version
            let algorithm = AlgorithmIdentifierRef::decode(r)?.oid;
            let key = OctetStringRef::decode(r)?.as_bytes();
            r.read_slice(r.remaining_len())?; // attributes, public key: not needed
            Ok((algorithm, key))
        })
        .ok()?;
    reader.finish(()).ok()?;
    (algorithm == RSA_ENCRYPTION).then_some(key)
}

/// The rules ring applies when it reads an RSA private key (sizes, exponent, n = p·q,
/// d, qInv), and the CRT exponents' fit with e, which ring checks only when it signs
/// and OpenSSL not at all (it quietly signs with d instead): so that every host takes,
/// or refuses, the same keys when they are read.
fn check_rsa_private_key(pkcs1: &[u8]) -> Result<(), PemProblem> {
    let [version, n, e, d, p, q, dp, dq, qinv] = rsa_private_numbers(pkcs1).ok_or(PemProblem::NotRsa2048)?;
    let n_bits = n.bits();
    let half = n_bits.div_ceil(2);
    let e_fits = e >= Natural::from_u32(65_537) && e.bits() <= 33;
    if version != Natural::from_u32(0)
        || !(MIN_MODULUS_BITS..=MAX_PRIVATE_MODULUS_BITS).contains(&n_bits)
        || !e_fits
        || half % 512 != 0
    {
        return Err(PemProblem::NotRsa2048);
    }
    let one = Natural::from_u32(1);
    let fits = p.bits() == half
        && q.bits() == half
        && p.mul(&q) == n
        && d.bits() > half
        && d < n
        && [(&p, &dp), (&q, &dq)].iter().all(|&(prime, exponent)| {
            let less_one = prime.sub(&one);
            *exponent < less_one && e.mul(exponent).rem(&less_one).is_one()
        })
        && qinv < p
        && qinv.mul(&q).rem(&p).is_one();
    if fits {
        Ok(())
    } else {
        Err(PemProblem::Inconsistent)
    }
}

/// A two-prime PKCS#1 `RSAPrivateKey`'s numbers: version, n, e, d, p, q, dP, dQ, qInv.
fn rsa_private_numbers(der: &[u8]) -> Option<[Natural; 9]> {
    let mut reader = SliceReader::new(der).ok()?;
    let numbers = reader
        .sequence(|r| {
            let mut read = || UintRef::decode(r).map(|u| Natural::from_be(u.as_bytes()));
            Ok([read()?, read()?, read()?, read()?, read()?, read()?, read()?, read()?, read()?])
        })
        .ok()?;
    reader.finish(()).ok()?;
    Some(numbers)
}

/// An RSA public key of 2048 bits or more: modulus and exponent (big-endian), and the
/// DER a host's RSA reads.
#[derive(Clone)]
pub struct RsaPublicKey {
    // Read by ring; a host with its own RSA reads `der`.
    #[cfg_attr(not(feature = "v3"), allow(dead_code))]
    pub(crate) n: Vec<u8>,
    #[cfg_attr(not(feature = "v3"), allow(dead_code))]
    pub(crate) e: Vec<u8>,
    /// `SubjectPublicKeyInfo`, or PKCS#1 `RSAPublicKey` when [`Self::pkcs1`].
    pub der: Vec<u8>,
    /// Whether [`Self::der`] is PKCS#1.
    pub pkcs1: bool,
}

impl RsaPublicKey {
    /// From a PKCS#1 `RSAPublicKey` (the bit string inside a SubjectPublicKeyInfo).
    fn from_pkcs1(pkcs1: &[u8], der: Vec<u8>, is_pkcs1: bool) -> Result<Self, PemProblem> {
        let bad = |_| PemProblem::NotRsa2048;
        let mut reader = SliceReader::new(pkcs1).map_err(bad)?;
        let (n, e) = reader.sequence(|r| Ok((UintRef::decode(r)?, UintRef::decode(r)?))).map_err(bad)?;
        reader.finish(()).map_err(bad)?;
        if n.as_bytes().len() < MIN_MODULUS_BYTES {
            return Err(PemProblem::NotRsa2048);
        }
        Ok(RsaPublicKey { n: n.as_bytes().to_vec(), e: e.as_bytes().to_vec(), der, pkcs1: is_pkcs1 })
    }

    /// From a SubjectPublicKeyInfo, which must be RSA.
    fn from_spki(spki: &SubjectPublicKeyInfoRef<'_>) -> Result<Self, PemProblem> {
        match spki.subject_public_key.as_bytes() {
            Some(bits) if spki.algorithm.oid == RSA_ENCRYPTION => {
                let der = spki.to_der().map_err(|_| PemProblem::NotRsa2048)?;
                Self::from_pkcs1(bits, der, false)
            }
            _ => Err(PemProblem::NotRsa2048),
        }
    }
}

/// What a platform certificate says of itself besides its key.
pub(crate) struct CertificateTerms {
    /// Its serial number, big-endian, without leading zero bytes.
    pub(crate) serial: Vec<u8>,
    /// Unix seconds, both ends included (X.509's notBefore and notAfter).
    pub(crate) valid: core::ops::RangeInclusive<u64>,
}

/// Reads a WeChat Pay key: the PEM text of a public key (`PUBLIC KEY`, or PKCS#1
/// `RSA PUBLIC KEY`) or of an X.509 certificate, with the certificate's terms.
pub(crate) fn public_key(text: &str) -> Result<(RsaPublicKey, Option<CertificateTerms>), PemProblem> {
    let (kind, pkcs1, der) = block(text)?;
    match (kind, pkcs1) {
        (Block::PublicKey, true) => RsaPublicKey::from_pkcs1(&der, der.to_vec(), true).map(|k| (k, None)),
        (Block::PublicKey, false) => {
            let spki = SubjectPublicKeyInfoRef::from_der(&der).map_err(|_| PemProblem::NotRsa2048)?;
            Ok((RsaPublicKey::from_spki(&spki)?, None))
        }
        (Block::Certificate, _) => {
            let tbs = Certificate::from_der(&der).map_err(|_| PemProblem::NotRsa2048)?.tbs_certificate;
            let spki = tbs.subject_public_key_info.to_der().map_err(|_| PemProblem::NotRsa2048)?;
            let key = RsaPublicKey::from_spki(
                &SubjectPublicKeyInfoRef::from_der(&spki).map_err(|_| PemProblem::NotRsa2048)?,
            )?;
            let terms = CertificateTerms {
                serial: magnitude(tbs.serial_number.as_bytes()).to_vec(),
                valid: tbs.validity.not_before.to_unix_duration().as_secs()
                    ..=tbs.validity.not_after.to_unix_duration().as_secs(),
            };
            Ok((key, Some(terms)))
        }
        (other, _) => Err(PemProblem::WrongKind(other)),
    }
}

/// `bytes` without its leading zero bytes.
fn magnitude(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}
