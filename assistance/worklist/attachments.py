"""Uploaded files: checked against an allow-list by their actual bytes (not the name a browser sends), then stored
outside the database, content-addressed, in a folder on disk (instance/uploads by default)."""
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024   # a scanned certificate is a few MB; a larger file is almost certainly a mistake


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    magic: tuple[bytes, ...]      # any of these leading bytes; () means plain UTF-8 text


ZIP, OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
TYPES = {
    ".pdf": FileType("application/pdf", "PDF", (b"%PDF-",)),
    ".jpg": FileType("image/jpeg", "JPG", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("image/jpeg", "JPG", (b"\xff\xd8\xff",)),
    ".png": FileType("image/png", "PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", ZIP),
    ".xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", ZIP),
    ".doc": FileType("application/msword", "Word", OLE),
    ".xls": FileType("application/vnd.ms-excel", "Excel", OLE),
    ".ofd": FileType("application/ofd", "OFD", ZIP),      # 国家版式文档, how Chinese e-certificates arrive
    ".txt": FileType("text/plain; charset=utf-8", "TXT", ()),
}
ALLOWED_LABELS = "、".join(dict.fromkeys(t.label for t in TYPES.values()))


class FileRefused(ValueError):
    pass


def check(filename: str, data: bytes, max_bytes: int = MAX_BYTES) -> FileType:
    """The file's type when it is allowed; FileRefused with a Chinese message when it is not."""
    if len(data) > max_bytes:
        raise FileRefused(f"「{filename}」超过 {max_bytes // (1024 * 1024)} MB 上限")
    if not data:
        raise FileRefused(f"「{filename}」是空文件")
    kind = TYPES.get(Path(filename).suffix.lower())
    if kind is None:
        raise FileRefused(f"「{filename}」的类型不允许上传（允许：{ALLOWED_LABELS}）")
    if kind.magic and not data.startswith(kind.magic):
        raise FileRefused(f"「{filename}」的内容与扩展名不符")
    if not kind.magic and (b"\0" in data or not _is_utf8(data)):
        raise FileRefused(f"「{filename}」不是纯文本文件")
    return kind


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def safe_name(filename: str) -> str:
    """The name shown and offered on download: no folders, no control characters, at most 120 characters."""
    name = Path(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"') or "附件"
    stem, suffix = os.path.splitext(name)
    return stem[: 120 - len(suffix)] + suffix


class FileStore:
    """Files by their SHA-256 under root/ab/abcdef…; identical uploads share one file. A file written for a
    transaction that then rolls back stays as an unreferenced blob, which is harmless."""

    def __init__(self, root):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def save(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(f".{os.getpid()}.part")
            temporary.write_bytes(data)
            os.replace(temporary, target)   # atomic: a reader never sees half a file
        return sha256

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
