"""The CJK faces documents are set in, named explicitly, and a check that fontconfig really has them.

Debian's fonts-noto-cjk ships .ttc collections whose face 0 is the Japanese one; naming the SC family makes
fontconfig pick the Simplified Chinese face (its own index in the collection) instead of silently falling back.
"""
import shutil
import subprocess
from functools import cache

from .errors import DocumentError

SERIF = "Noto Serif CJK SC"    # body text
SANS = "Noto Sans CJK SC"      # headings, tables, the seal
REQUIRED = (SERIF, SANS)


@cache
def require_fonts() -> None:
    """DocumentError (in Chinese, with the fix) when a face is missing: a PDF with tofu must never be issued."""
    if shutil.which("fc-list") is None:
        raise DocumentError("找不到 fontconfig（fc-list）：请安装 fontconfig 与 fonts-noto-cjk")
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = [face for face in REQUIRED if face not in families]
    if missing:
        raise DocumentError(f"缺少字体 {'、'.join(missing)}：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）")


@cache
def face_file(pattern: str) -> tuple[str, int]:
    """(file, index in the collection) fontconfig resolves a pattern like 'Noto Sans CJK SC:bold' to."""
    require_fonts()
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", pattern], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    return found[0], int(found[1] or 0)
