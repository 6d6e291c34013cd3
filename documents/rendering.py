"""render(template, context) -> PDF/A-2b bytes: Jinja -> HTML -> WeasyPrint, with an empty signature field over
every "（盖章）" anchor, so that signing later only fills fields and never moves anything on the page."""
import jinja2
import pydyf
import segno
from weasyprint import HTML

from assistance.programmes import registry

from . import fonts
from .fetcher import BASE_URL, SafeFetcher
from .filters import FILTERS

SEAL_SIZE = 40 / 25.4 * 72     # a 40 mm round seal, in PDF points
PX_TO_PT = 0.75                 # WeasyPrint lays out in CSS px (96/in); PDF user space is in points (72/in)
SEAL_ANCHOR = "seal-"           # id="seal-<office code>" on the "（盖章）" element

# documents' own templates (the frame base.html, the roster, the minutes, the seal), then every registered programme's
env = jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.PackageLoader("documents", "templates"),
                                                     registry.TemplateLoader()]),
                         autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
env.filters.update(FILTERS)


def render(template: str, context: dict) -> bytes:
    """The document as PDF/A-2b with fonts embedded; context['verify_url'], when given, becomes the QR code."""
    fonts.require_fonts()
    html = env.get_template(f"{template}.html").render(**context, qr=_qr(context.get("verify_url")))
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SafeFetcher()).render()
    return document.write_pdf(pdf_variant="pdf/a-2b", finisher=_add_seal_fields)


def _qr(url: str | None) -> str | None:
    return segno.make(url, error="m").svg_data_uri(border=0, scale=4) if url else None


def _add_seal_fields(document, pdf: pydyf.PDF) -> None:
    """One empty signature field per seal anchor, centred on it, in document order (the order offices sign in)."""
    pages = [obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page"]
    fields = pydyf.Array()
    for page, pdf_page in zip(document.pages, pages):
        for name, (x1, y1, x2, y2) in page.anchors.items():
            if not name.startswith(SEAL_ANCHOR):
                continue
            cx, cy = (x1 + x2) / 2 * PX_TO_PT, (page.height - (y1 + y2) / 2) * PX_TO_PT
            half = SEAL_SIZE / 2
            # PDF/A wants an appearance for every widget: an empty one until the office signs
            blank = pydyf.Stream([], {"Type": "/XObject", "Subtype": "/Form",
                                      "BBox": pydyf.Array([0, 0, SEAL_SIZE, SEAL_SIZE])})
            pdf.add_object(blank)
            field = pydyf.Dictionary({
                "FT": "/Sig", "T": pydyf.String("seal_" + name[len(SEAL_ANCHOR):]), "Type": "/Annot",
                "Subtype": "/Widget", "F": 4, "P": pdf_page.reference,
                "Rect": pydyf.Array([cx - half, cy - half, cx + half, cy + half]),
                "AP": pydyf.Dictionary({"N": blank.reference})})
            pdf.add_object(field)
            pdf_page.setdefault("Annots", pydyf.Array()).append(field.reference)
            fields.append(field.reference)
    if fields:
        pdf.catalog["AcroForm"] = pydyf.Dictionary({"Fields": fields})

