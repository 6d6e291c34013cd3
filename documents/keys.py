"""Signing keys per office and the roots /verify trusts.

Development: a CA and one key per office are generated on first use into instance/signing/ (PKCS#12, AES-256,
mode 0600, never committed). Production: Settings.key_files names one PKCS#12 file per office code, opened with
the passphrase from the environment; no key is ever generated then.
"""
import datetime
import os
import secrets
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign.signers import SimpleSigner

from .config import settings
from .errors import DocumentError
from .offices import Office

DEV_ORG = "兜底（开发测试，非正式）"
KDF_ROUNDS = 100_000
_cached_for = None   # the Settings the caches below were filled under


def _forget_if_reconfigured() -> None:
    """After documents.configure() the keys and trust anchors cached under the previous configuration are
    forgotten, so they never leak into this one."""
    global _cached_for
    if settings() is not _cached_for:
        _signer_for.cache_clear()
        _trust_roots.cache_clear()
        _cached_for = settings()


def signing_dir() -> Path:
    path = settings().instance_path / "signing"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def signer_for(office: Office) -> SimpleSigner:
    _forget_if_reconfigured()
    return _signer_for(office)


@cache
def _signer_for(office: Office) -> SimpleSigner:
    s = settings()
    if not s.is_development:
        if office.code not in s.key_files:
            raise DocumentError(f"未配置{office.name}的签名密钥：SIGNING_KEYS 中没有地区代码 {office.code}")
        data, passphrase = Path(s.key_files[office.code]).read_bytes(), (s.passphrase or "").encode()
    else:
        data, passphrase = _dev_office_p12(office), _dev_passphrase()
    return SimpleSigner.load_pkcs12_data(data, [], passphrase=passphrase or None)


def trust_roots() -> tuple:
    """asn1crypto certificates: the dev root (development only) and every configured root."""
    _forget_if_reconfigured()
    return _trust_roots()


@cache
def _trust_roots() -> tuple:
    s = settings()
    paths = [dev_root_pem()] if s.is_development else []
    return tuple(load_cert_from_pemder(str(p)) for p in [*paths, *s.trust_roots])


def dev_root_pem() -> Path:
    """The dev CA's certificate (public): put it in pdfsig's NSS database or a PDF reader to trust dev documents."""
    _dev_root()
    return signing_dir() / "dev-root.pem"


def _dev_passphrase() -> bytes:
    path = signing_dir() / "passphrase"
    _write_once(path, secrets.token_urlsafe(32).encode())
    return path.read_bytes()


def _dev_root():
    p12 = signing_dir() / "dev-root.p12"
    if not p12.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = _name("兜底开发测试根证书")
        cert = _certificate(name, name, key.public_key(), key, is_ca=True, years=20)
        _write_once(p12, _pkcs12("dev-root", key, cert, []))
    key, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), _dev_passphrase())
    _write_once(signing_dir() / "dev-root.pem", cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def _dev_office_p12(office: Office) -> bytes:
    path = signing_dir() / "offices" / f"{office.code}.p12"
    if not path.exists():
        path.parent.mkdir(mode=0o700, exist_ok=True)
        root_key, root = _dev_root()
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _certificate(_name(office.name), root.subject, key.public_key(), root_key, is_ca=False, years=10)
        _write_once(path, _pkcs12(office.code, key, cert, [root]))
    return path.read_bytes()


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEV_ORG),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, signing_key, *, is_ca: bool, years: int) -> x509.Certificate:
    # Real time, not the engine clock: a demo clock moved forward must not mint certificates from the future.
    now = datetime.datetime.now(datetime.timezone.utc)
    usage = dict(digital_signature=not is_ca, content_commitment=not is_ca, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=is_ca, crl_sign=is_ca,
                 encipher_only=False, decipher_only=False)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=365 * years))
               .add_extension(x509.BasicConstraints(ca=is_ca, path_length=0 if is_ca else None), critical=True)
               .add_extension(x509.KeyUsage(**usage), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))
    if not is_ca:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _pkcs12(label: str, key, cert, cas) -> bytes:
    encryption = (serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(KDF_ROUNDS)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256())
                  .build(_dev_passphrase()))
    return pkcs12.serialize_key_and_certificates(label.encode(), key, cert, cas, encryption)


def _write_once(path: Path, data: bytes) -> None:
    """Create path (mode 0600) atomically unless it exists: two workers starting together keep the same key."""
    if path.exists():
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    try:
        os.link(tmp, path)   # fails if another process got there first; its file wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
