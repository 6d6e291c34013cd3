"""The programmes (救助项目), one folder each, and the registry every layer reads (registry.py).

Adding a programme is adding its folder, with its entry PROGRAMME = registry.Programme(...) in programme.py, and
listing that entry in built_in() below; nothing in web/ or documents/ changes.
"""
from assistance.programmes import registry


def built_in() -> list[registry.Programme]:
    """The programmes this system runs, in the order the navigation and the new-case form list them."""
    from assistance.programmes.dibao.programme import PROGRAMME as dibao
    from assistance.programmes.temporary.programme import PROGRAMME as temporary
    return [dibao, temporary]


def register_built_in() -> None:
    """Register every built-in programme (again: a no-op)."""
    for programme in built_in():
        registry.register(programme)
