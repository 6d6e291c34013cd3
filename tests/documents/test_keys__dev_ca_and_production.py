"""Dev CA and office keys are generated once into the instance folder (PKCS#12, AES-256, 0600); production reads
the configured PKCS#12 files with the passphrase from the environment and never generates a key."""
import stat

import pytest
from asn1crypto import cms, pkcs12

import documents
from documents import DocumentError, keys
from documents.offices import Office

from .factories import configure_signing
from .test_signing__validation import COUNTY, notice


def test_dev_keys_are_created_once_private_and_aes_256(tmp_path):
    configure_signing(tmp_path)
    first = keys.signer_for(COUNTY).signing_cert.dump()
    configure_signing(tmp_path)                       # a restart reads the same files
    assert keys.signer_for(COUNTY).signing_cert.dump() == first
    signing = tmp_path / "signing"
    files = [signing / "dev-root.p12", signing / "passphrase", signing / "offices" / "152201.p12"]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(signing.stat().st_mode) == 0o700
    assert _encryption_algorithms(signing / "offices" / "152201.p12") == {"aes256_cbc"}


def _encryption_algorithms(path) -> set[str]:
    """The content-encryption algorithms inside a PKCS#12 file (key bag and certificate bag)."""
    pfx = pkcs12.Pfx.load(path.read_bytes())
    found = set()
    for info in pfx.authenticated_safe:
        if info["content_type"].native == "encrypted_data":
            found.add(info["content"]["encrypted_content_info"]["content_encryption_algorithm"]
                      ["parameters"]["encryption_scheme"]["algorithm"].native)
        else:
            for bag in pkcs12.SafeContents.load(info["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    found.add(bag["bag_value"]["encryption_algorithm"]["parameters"]["encryption_scheme"]
                              ["algorithm"].native)
    assert cms  # asn1crypto.cms registers the content types used above
    return found


def test_production_uses_the_configured_pkcs12_and_trusts_only_configured_roots(tmp_path):
    dev = tmp_path / "dev"
    configure_signing(dev)
    p12 = dev / "signing" / "offices" / "152201.p12"
    keys.signer_for(COUNTY)                              # make a PKCS#12 as an external CA would hand it over
    passphrase = (dev / "signing" / "passphrase").read_text()
    prod = tmp_path / "prod"
    configure_signing(prod, key_files={"152201": str(p12)}, passphrase=passphrase,
                      trust_roots=(str(dev / "signing" / "dev-root.pem"),))
    signed = documents.sign(notice([COUNTY]), COUNTY)
    assert documents.verify(signed).is_valid
    assert not (prod / "signing").exists()               # nothing generated in production
    township = Office(2, "152201001000", "都林街道办事处", "都林救", "乌兰浩特市")
    with pytest.raises(DocumentError, match="未配置都林街道办事处的签名密钥"):
        documents.sign(notice([township]), township)


def test_a_root_that_is_not_configured_is_not_trusted(tmp_path):
    configure_signing(tmp_path / "a")
    signed = documents.sign(notice([COUNTY]), COUNTY)
    configure_signing(tmp_path / "b")                    # another installation's dev CA
    result = documents.verify(signed)
    assert not result.is_valid and result.problems == ["乌兰浩特市民政局的证书不是本系统信任的机关证书"]
