"""The visible seal (电子印章) drawn by the project: a red ring, the office name along the top arc, a star, and
the seal's purpose below — rendered once per office to a small PDF that pyHanko uses as the signature's look."""
import binascii
import math
import uuid
from functools import cache
from io import BytesIO

from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle
from weasyprint import HTML

from .fetcher import BASE_URL, SafeFetcher
from .offices import Office
from .rendering import env
from .seal_glyphs import glyph, units_per_em

SIZE_MM = 40
RED = "#d7191c"


@cache
def seal_style(office: Office, is_development: bool) -> StaticStampStyle:
    pdf = _seal_pdf(office.name, "测试专用章" if is_development else "社会救助专用章")
    return StaticStampStyle(background=_PdfBytesPage(pdf), border_width=0, background_opacity=0.92,
                            background_layout=layout.SimpleBoxLayoutRule(
                                x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
                                margins=layout.Margins.uniform(0)))


def _seal_pdf(name: str, purpose: str) -> bytes:
    html = env.get_template("seal.html").render(size=SIZE_MM, red=RED, star=_star(20, 20, 6.2),
                                                letters=[*_arc(name), *_line(purpose, 20.0, 31.5, 3.4)])
    return HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher()).write_pdf()


def _arc(name: str, radius: float = 14.9, centre: float = 20.0, size: float = 5.2) -> list[tuple[str, str]]:
    """(SVG transform, path) per character along the upper arc, spread over up to 240° like a cut seal; each
    character stands on the ring facing outward."""
    span = min(240.0, 24.0 * len(name))
    step = span / max(len(name) - 1, 1)
    out = []
    for i, ch in enumerate(name):
        angle = -span / 2 + i * step          # 0° is straight up, clockwise positive
        rad = math.radians(angle)
        x, y = centre + radius * math.sin(rad), centre - radius * math.cos(rad)
        out.append(_placed(ch, f"translate({x:.3f} {y:.3f}) rotate({angle:.2f}) translate(0 {size * 0.37:.3f})",
                           size))
    return out


def _line(text: str, centre_x: float, baseline: float, size: float) -> list[tuple[str, str]]:
    widths = [glyph(ch)[1] * size for ch in text]
    x = centre_x - sum(widths) / 2
    out = []
    for ch, width in zip(text, widths):
        out.append(_placed(ch, f"translate({x + width / 2:.3f} {baseline:.3f})", size))
        x += width
    return out


def _placed(ch: str, where: str, size: float) -> tuple[str, str]:
    """Font units (y up) to millimetres (y down), horizontally centred on the origin."""
    path, advance = glyph(ch)
    scale = size / units_per_em()
    return f"{where} scale({scale:.6f} {-scale:.6f}) translate({-advance * units_per_em() / 2:.1f} 0)", path


def _star(cx: float, cy: float, r: float) -> str:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        rad = math.radians(-90 + 36 * i)
        points.append(f"{cx + radius * math.cos(rad):.3f},{cy + radius * math.sin(rad):.3f}")
    return " ".join(points)


class _PdfBytesPage(PdfContent):
    """pyHanko's ImportedPdfPage, from bytes in memory instead of a file on disk."""

    def __init__(self, pdf: bytes):
        self.pdf = pdf
        super().__init__()

    def render(self) -> bytes:
        xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(BytesIO(self.pdf)), page_ix=0)
        name = "/Seal" + binascii.hexlify(uuid.uuid4().bytes).decode()
        self.resources.xobject[name] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return name.encode() + b" Do"
