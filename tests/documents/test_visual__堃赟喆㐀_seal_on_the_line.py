"""Visual check of every template with real case data (names with 堃 赟 喆 㐀): each signed document is rendered to
PNG in test-artifacts/documents/ for a person to look at, and the seal is checked to sit on the "（盖章）" line."""
import subprocess
from io import BytesIO
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from assistance.core.models import DecisionOutcome
from assistance.steps.public_notice import notice as public_notice
from documents import Document, issue_for_decision, request_roster

from .pdf_tools import pdffonts

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
DPI = 100


def test_every_template_renders_堃赟喆㐀_with_the_seal_on_the_盖章_line(decision_factory, session, run_worker,
                                                                           tmp_path):
    approved = decision_factory()
    refused = decision_factory(outcome=DecisionOutcome.REFUSED, serial_base=10,
                               reasons="家庭月人均收入高于当地最低生活保障标准；家庭成员名下有非营运机动车辆")
    for i in range(1, 46):   # a roster long enough to break across pages
        decision_factory(serial_base=10 + 5 * i, amount=f"{300 + i}.00")
    issue_for_decision(session, approved)
    issue_for_decision(session, refused)
    public_notice.open_public_notice(session, approved.case)
    request_roster(session, approved.case.region, approved.effective_month)
    session.commit()
    assert run_worker() == 4

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for document in session.scalars(select(Document).order_by(Document.id)):
        png = _to_png(document.content, ARTIFACTS / document.kind)
        text = _words(document.content, tmp_path)
        assert {f["name"].split("+")[1] for f in pdffonts(document.content, tmp_path)} == {
            "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}, document.kind
        for name in ("王堃",) if document.kind != "village_roster" else ("王堃", "1522**********"):
            assert name in text, (document.kind, name)
        seals = _seal_rects(document.content)
        assert len(seals) == (2 if document.kind == "public_notice" else 1)
        for page_index, rect in seals:
            with Image.open(png.with_name(f"{png.name}-{page_index + 1}.png")) as page:
                _assert_seal_on_the_line(document, page, page_index, rect, tmp_path)


def _to_png(pdf: bytes, stem: Path) -> Path:
    for old in stem.parent.glob(stem.name + "*.png"):
        old.unlink()
    path = stem.with_suffix(".pdf")
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(stem)], check=True)   # stem-1.png, …
    return stem


def _words(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "w.pdf"
    path.write_bytes(pdf)
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


def _seal_rects(pdf: bytes):
    reader = PdfReader(BytesIO(pdf))
    rects = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                rects.append((index, tuple(float(v) for v in annot["/Rect"])))
    return rects


def _assert_seal_on_the_line(document, image: Image.Image, page_index, rect, tmp_path):
    """The widget is centred on the "（盖章）" characters (pdftotext -bbox) and the PNG is red there."""
    x1, y1, x2, y2 = rect
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    page_height = float(PdfReader(BytesIO(document.content)).pages[page_index].mediabox.height)
    path = tmp_path / "b.pdf"
    path.write_bytes(document.content)
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page_index + 1), "-l", str(page_index + 1), str(path), "-"],
                          capture_output=True, text=True).stdout
    lines = [line for line in html.splitlines() if "（盖章）" in line]
    assert lines, document.kind
    boxes = []
    for line in lines:
        attrs = dict(part.split("=") for part in line.strip().split(">")[0].split()[1:])
        word = line.split(">")[1].split("<")[0]
        xmin, xmax = float(attrs["xMin"].strip('"')), float(attrs["xMax"].strip('"'))
        ymin, ymax = float(attrs["yMin"].strip('"')), float(attrs["yMax"].strip('"'))
        start = xmin + (xmax - xmin) * word.index("（盖章）") / len(word)
        boxes.append((start, xmax, page_height - ymax, page_height - ymin))
    assert any(a - 2 <= cx <= b + 2 and c - 2 <= cy <= d + 2 for a, b, c, d in boxes), (document.kind, cx, cy, boxes)
    scale = DPI / 72
    px, py, r = cx * scale, (page_height - cy) * scale, (x2 - x1) / 2 * scale
    crop = image.convert("RGB").crop((int(px - r), int(py - r), int(px + r), int(py + r)))
    rgb = crop.tobytes()
    red = sum(1 for r_, g_, b_ in zip(rgb[0::3], rgb[1::3], rgb[2::3]) if r_ > 180 and g_ < 110 and b_ < 110)
    assert red > 0.05 * crop.width * crop.height, (document.kind, red)
