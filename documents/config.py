"""Where documents get their keys, trust anchors, time-stamping service and public address: set once per process."""
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    instance_path: Path                      # dev CA and dev office keys are generated here (instance/signing/)
    key_files: dict[str, str] = field(default_factory=dict)   # office region code -> PKCS#12 file (production)
    passphrase: str | None = None            # of the production PKCS#12 files, from the environment
    trust_roots: tuple[str, ...] = ()        # PEM files of further trusted roots (production CA, TSA)
    tsa_url: str | None = None               # RFC 3161 time-stamping service; none = no time stamp
    public_base_url: str = "http://127.0.0.1:5000"   # printed in the QR code: where /verify is reachable

    @property
    def is_development(self) -> bool:
        """No production keys configured: a dev CA signs, and the seal says it is a test seal."""
        return not self.key_files


_current: Settings | None = None


def configure(settings: Settings) -> None:
    global _current
    _current = settings   # documents.keys forgets the keys of the previous one when it sees this one


def settings() -> Settings:
    if _current is None:
        raise RuntimeError("documents.configure() has not been called (the web app does it in create_app)")
    return _current


def from_flask_config(config, instance_path) -> Settings:
    """DOUDI_SIGNING_KEYS='{"152201": "/etc/doudi/keys/152201.p12"}', DOUDI_SIGNING_PASSPHRASE, DOUDI_SIGNING_TRUST_ROOTS
    '["/etc/doudi/root.pem"]', DOUDI_TSA_URL, DOUDI_PUBLIC_BASE_URL (from_prefixed_env parses the JSON)."""
    passphrase = config.get("SIGNING_PASSPHRASE")
    return Settings(instance_path=Path(instance_path),
                    key_files={str(k): str(v) for k, v in (config.get("SIGNING_KEYS") or {}).items()},
                    passphrase=None if passphrase is None else str(passphrase),   # a numeric one arrives as int
                    trust_roots=tuple(config.get("SIGNING_TRUST_ROOTS") or ()),
                    tsa_url=config.get("TSA_URL") or None,
                    public_base_url=(config.get("PUBLIC_BASE_URL") or Settings.public_base_url).rstrip("/"))
