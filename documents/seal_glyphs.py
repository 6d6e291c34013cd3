"""The seal's characters as outlines (SVG paths) taken from the Noto Sans CJK SC bold face with fontTools.

Outlines, not text: the seal embeds no font (documents stay small), and pdftotext / copy-paste never mix the
seal's words into the sentences it is stamped over.
"""
from functools import cache

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from .fonts import SANS, face_file


@cache
def _face() -> TTFont:
    path, index = face_file(f"{SANS}:bold")
    return TTFont(path, fontNumber=index, lazy=True)


@cache
def glyph(ch: str) -> tuple[str, float]:
    """(SVG path in font units, y up; advance width as a fraction of the em)."""
    face = _face()
    name = face.getBestCmap().get(ord(ch), ".notdef")
    glyphs = face.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[name].draw(pen)
    return pen.getCommands(), glyphs[name].width / face["head"].unitsPerEm


def units_per_em() -> int:
    return _face()["head"].unitsPerEm
