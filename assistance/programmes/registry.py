"""The programme registry (救助项目): one entry per programme, read by every layer instead of lists of its own.

A programme is a folder under assistance/programmes/ whose entry (PROGRAMME = Programme(...)) says everything the
rest of the system needs: its processes and case-number prefix, its decisions' documents, its case-page section, its
navigation links, its parameters, script functions, tables and templates. register() hands the core what it may not
import (parameters, case-number prefixes, the processes an application may start) and the engine its script functions.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import jinja2

from assistance.core import applications, households, params
from engine import scripts


class NotRegistered(KeyError):
    """No registered programme has that key, process, decision kind or document kind: a bug, never a default."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Process:
    """A process the programme starts: its 办理事项 name, and where it is started from."""
    label: str
    is_offered: bool = True     # on the generic new-case form (cases/new); False: the programme's own page starts it
    has_section: bool = True    # its cases show the programme's case-page section (a demo process keeps none of it)


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its title, its template ('dibao_approval' -> dibao_approval.html) and its facts."""
    code: str
    title: str
    template: str
    context: Callable   # (session, DocumentRequest) -> the template's own facts


@dataclass(frozen=True)
class CaseSection:
    """The programme's part of the case page, loaded by htmx from /cases/<id>/<programme key>."""
    template: str
    context: Callable   # (session, case, user) -> the template's variables; engine.NotFound when the case has none


@dataclass(frozen=True)
class NavLink:
    """A link in the navigation bar, shown to the users the predicate allows."""
    label: str
    endpoint: str                   # a Flask endpoint without arguments, e.g. 'temporary.new'
    is_shown: Callable              # (user) -> bool


@dataclass(frozen=True)
class Programme:
    """Everything the rest of the system needs to know of a programme; defined once, in its folder's programme.py."""
    key: str                                            # 'dibao': the folder, the URL of its case section
    label: str                                          # 最低生活保障
    case_prefix: str                                    # DB: case numbers DB-2026-000123
    processes: Mapping[str, Process]                    # process key -> how it is started
    # Decision.kind -> (document kind when approved, when refused)
    decision_documents: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    document_kinds: tuple[DocumentKind, ...] = ()
    section: CaseSection | None = None
    nav_links: tuple[NavLink, ...] = ()
    params: Mapping[str, tuple] = field(default_factory=dict)   # key -> (default, kind, source), as params.DEFAULTS
    script_functions: Mapping[str, Callable] = field(default_factory=dict)
    model_modules: tuple[str, ...] = ()                 # dotted names of the modules whose tables it owns
    access: ModuleType | None = None                    # its access rules (can_* predicates) for its pages
    template_folder: Path | None = None                 # its templates: case section, document templates
    install: Callable[[], None] | None = None           # subscribes its event handlers (idempotent)


_programmes: dict[str, Programme] = {}


def register(programme: Programme) -> None:
    """Add a programme; registering the same entry again is a no-op, a clash with another entry a ValueError."""
    if _programmes.get(programme.key) is programme:
        return
    _check_clashes(programme)
    _programmes[programme.key] = programme
    # core imports no programme: it is handed what it needs to know of this one
    params.DEFAULTS.update(programme.params)
    households.CASE_PREFIXES.update(dict.fromkeys(programme.processes, programme.case_prefix))
    applications.OFFERED_PROCESSES.update({key: p.label for key, p in programme.processes.items() if p.is_offered})
    for name, fn in programme.script_functions.items():
        scripts.register(name, fn)
    if programme.install is not None:
        programme.install()


def unregister(key: str) -> None:
    """Remove a programme (tests). Its script functions and event handlers stay with the engine, which cannot forget
    them; nothing calls them once its processes are gone."""
    programme = _programmes.pop(key)
    for name in programme.params:
        params.DEFAULTS.pop(name, None)
    for process in programme.processes:
        households.CASE_PREFIXES.pop(process, None)
        applications.OFFERED_PROCESSES.pop(process, None)


def all() -> list[Programme]:   # shadows the builtin inside this module: registry.all() reads best outside
    """The registered programmes, in registration order."""
    return list(_programmes.values())


def by_key(key: str) -> Programme:
    try:
        return _programmes[key]
    except KeyError:
        raise NotRegistered(f"no registered programme {key!r}") from None


def for_process(process_key: str) -> Programme:
    """The programme a process (Case.programme holds its key) belongs to."""
    for programme in _programmes.values():
        if process_key in programme.processes:
            return programme
    raise NotRegistered(f"no registered programme starts process {process_key!r}")


def for_decision_kind(kind: str) -> Programme:
    """The programme whose decisions of this kind it issues documents for; no fallback to another programme's."""
    for programme in _programmes.values():
        if kind in programme.decision_documents:
            return programme
    raise NotRegistered(f"no registered programme issues documents for decisions of kind {kind!r}")


def document_kind(code: str) -> DocumentKind:
    for programme in _programmes.values():
        for kind in programme.document_kinds:
            if kind.code == code:
                return kind
    raise NotRegistered(f"no registered programme has documents of kind {code!r}")


def offered_processes() -> dict[str, str]:
    """process key -> 办理事项, of every process the generic new-case form offers."""
    return {key: p.label for programme in _programmes.values() for key, p in programme.processes.items()
            if p.is_offered}


def nav_links(user) -> list[NavLink]:
    """The programmes' navigation links this user may see."""
    return [link for programme in _programmes.values() for link in programme.nav_links if link.is_shown(user)]


class TemplateLoader(jinja2.BaseLoader):
    """Finds a template in the registered programmes' template folders, asked at each load so that a programme
    registered after the Jinja environment was made is found too. Web and documents both chain it after their own."""

    def get_source(self, environment, template):
        for programme in all():
            if programme.template_folder is None:
                continue
            try:
                return jinja2.FileSystemLoader(programme.template_folder).get_source(environment, template)
            except jinja2.TemplateNotFound:
                continue
        raise jinja2.TemplateNotFound(template)


def _check_clashes(programme: Programme) -> None:
    others = [p for p in _programmes.values() if p.key != programme.key]
    if programme.key in _programmes:
        raise ValueError(f"programme {programme.key!r} is already registered with another entry")
    taken = {
        "process": {k for p in others for k in p.processes},
        "decision kind": {k for p in others for k in p.decision_documents},
        "document kind": {k.code for p in others for k in p.document_kinds},
        "parameter": {k for p in others for k in p.params} | set(params.DEFAULTS),
    }
    mine = {"process": set(programme.processes), "decision kind": set(programme.decision_documents),
            "document kind": {k.code for k in programme.document_kinds}, "parameter": set(programme.params)}
    for what, names in mine.items():
        if clash := sorted(names & taken[what]):
            raise ValueError(f"programme {programme.key!r}: {what} {', '.join(clash)} already registered")
    codes = {k.code for k in programme.document_kinds}
    if missing := sorted({code for pair in programme.decision_documents.values() for code in pair} - codes):
        raise ValueError(f"programme {programme.key!r}: decision documents {', '.join(missing)} are not its kinds")
