"""Reading PDFs back the way a person's tools do: poppler's pdftotext / pdffonts / pdfsig, and pypdf."""
import subprocess
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader


def _run(args, data: bytes, tmp_path: Path, name="doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run([*args, str(path)] + (["-"] if args[0] == "pdftotext" else []),
                          capture_output=True, text=True, check=False).stdout


def pdftotext(data: bytes, tmp_path: Path) -> str:
    """The text with all white space removed: a line break may fall anywhere in a Chinese sentence."""
    return "".join(_run(["pdftotext"], data, tmp_path).split())


def pdffonts(data: bytes, tmp_path: Path) -> list[dict]:
    """[{name, type, emb, sub, uni}] per font line of `pdffonts`."""
    lines = _run(["pdffonts"], data, tmp_path).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 7:
            fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def nss_db(root_pem: Path, directory: Path) -> str:
    """An NSS database trusting the dev root, for pdfsig -nssdir."""
    directory.mkdir(exist_ok=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{directory}", "-n", "doudi-dev-root", "-t", "CT,C,C",
                    "-i", str(root_pem)], check=True, capture_output=True)
    return f"sql:{directory}"


def pdfsig(data: bytes, tmp_path: Path, nssdir: str) -> list[dict]:
    """pdfsig's verdict per signature, parsed from its text: its exit code is 0 even when a digest mismatches."""
    out = _run(["pdfsig", "-nssdir", nssdir], data, tmp_path, "sig.pdf")
    signatures = []
    for block in out.split("Signature #")[1:]:
        fields = {}
        for line in block.splitlines():
            line = line.strip().lstrip("- ")
            if ": " in line:
                key, value = line.split(": ", 1)
                fields[key] = value
            elif line:
                fields[line] = True
        signatures.append(fields)
    return signatures
