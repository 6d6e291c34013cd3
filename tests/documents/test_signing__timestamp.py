"""With a TSA URL configured, each signature carries an RFC 3161 time stamp that /verify reports and trusts.
The TSA is pyHanko's test time stamper behind a small HTTP server on 127.0.0.1."""
import asyncio
import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data
from pyhanko.sign.timestamps import DummyTimeStamper

import documents

from .factories import configure_signing
from .test_signing__validation import COUNTY, notice


@pytest.fixture
def tsa(tmp_path):
    """(url, root_pem_path) of a time-stamping authority that answers on loopback for the test's duration."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)   # the test stamper is RSA-only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "测试时间戳服务")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    pem = tmp_path / "tsa.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    stamper = DummyTimeStamper(load_cert_from_pemder(str(pem)), load_private_key_from_pemder_data(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()), None))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", pem
    server.shutdown()
    server.server_close()
    thread.join()


def test_signatures_carry_a_trusted_rfc3161_timestamp_when_a_tsa_is_configured(tsa, tmp_path):
    url, root = tsa
    configure_signing(tmp_path, tsa_url=url, trust_roots=(str(root),))
    result = documents.verify(documents.sign(notice([COUNTY]), COUNTY))
    assert result.is_valid, result.problems
    stamp = result.signatures[0].timestamp_dt
    assert stamp is not None and abs(stamp - datetime.datetime.now(datetime.timezone.utc)) < datetime.timedelta(minutes=5)


def test_without_a_tsa_there_is_no_timestamp(signing):
    assert documents.verify(documents.sign(notice([COUNTY]), COUNTY)).signatures[0].timestamp_dt is None
