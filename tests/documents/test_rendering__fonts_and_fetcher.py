"""Rendering: PDF/A-2b with the Simplified Chinese faces embedded (never the .ttc's Japanese face 0), and a URL
fetcher that refuses file: and foreign URLs."""
import re
from datetime import date
from io import BytesIO

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint import HTML

from documents.fetcher import BASE_URL, STATIC_URL, RefusedURL, SafeFetcher

from .pdf_tools import pdffonts
from .test_signing__validation import COUNTY, notice


@pytest.fixture
def pdf(signing):
    return notice([COUNTY])


def test_only_noto_cjk_sc_faces_are_embedded_and_subset(pdf, tmp_path):
    fonts = pdffonts(pdf, tmp_path)
    # body in the serif, headings in the sans bold: two faces only (each subset costs ~150 KB)
    assert {re.sub(r"^[A-Z]{6}\+", "", f["name"]) for f in fonts} == {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts)


def test_the_embedded_font_programs_are_the_sc_faces_with_the_rare_characters(pdf):
    """The font's own name table says which face of the collection it is; its cmap has 堃 赟 喆 㐀 䶮."""
    reader = PdfReader(BytesIO(pdf))
    names = set()
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        face = TTFont(BytesIO(descriptor["/FontFile3"].get_object().get_data()))
        names.add(face["name"].getDebugName(6))
    assert names and all(re.fullmatch(r"Noto(Serif|Sans)CJKsc-\w+", n) for n in names), names
    full_sc = TTFont("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", fontNumber=_sc_index())
    assert all(ord(ch) in full_sc.getBestCmap() for ch in "堃赟喆㐀䶮")


def _sc_index() -> int:
    for i in range(10):
        if TTFont("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", fontNumber=i)[
                "name"].getDebugName(6) == "NotoSerifCJKsc-Regular":
            return i
    raise AssertionError("no SC face")


def test_output_is_pdf_a_2b(pdf):
    reader = PdfReader(BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[^0-9]{1,3}2", xmp) and re.search(r"pdfaid:conformance[^A-Z]{1,3}B", xmp)
    assert "/OutputIntents" in reader.trailer["/Root"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/logo.png", "https://127.0.0.1/x.css",
                                 STATIC_URL + "../fetcher.py", STATIC_URL + "missing.css", BASE_URL + "x.css"])
def test_the_fetcher_refuses_files_foreign_urls_and_escapes_from_static(url):
    with pytest.raises(RefusedURL):
        SafeFetcher().fetch(url)


def test_the_fetcher_serves_own_static_assets_and_data_urls():
    assert b"Noto Serif CJK SC" in SafeFetcher().fetch(STATIC_URL + "document.css").read()
    assert SafeFetcher().fetch("data:text/plain,hi").read() == b"hi"


def test_a_template_asking_for_a_file_url_stops_rendering():
    with pytest.raises(RefusedURL):
        HTML(string='<img src="file:///etc/hostname">', base_url=BASE_URL, url_fetcher=SafeFetcher()).write_pdf()


def test_money_in_capitals():
    from documents.filters import cn_date, rmb_upper
    assert rmb_upper("1234.50") == "壹仟贰佰叁拾肆元伍角" and rmb_upper("100500") == "壹拾万零伍佰元整"
    assert rmb_upper("830.05") == "捌佰叁拾元零伍分" and cn_date(date(2026, 3, 2)) == "2026年3月2日"
