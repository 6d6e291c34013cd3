"""A task's JSON Schema as HTML form fields: widgets, Chinese labels, browser-side constraints, values and errors.

The browser constraints (required, min, maxlength, pattern…) give feedback while typing; they are a convenience
only — the submission is always coerced and validated on the server with engine.forms.
"""
from dataclasses import dataclass, field
from decimal import Decimal

RADIO_MAX_OPTIONS = 4   # more choices than this read better as a drop-down


@dataclass
class Field:
    name: str
    label: str
    widget: str          # text, textarea, number, integer, date, checkbox, radio, select, checkboxes
    required: bool
    value: object = ""   # str, or list[str] for checkboxes
    error: str | None = None
    description: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)   # (value, label)
    attrs: dict = field(default_factory=dict)                      # HTML constraint attributes


def fields(schema: dict, values: dict, errors: dict) -> list[Field]:
    required = set(schema.get("required") or ())
    out = []
    for name, prop in (schema.get("properties") or {}).items():
        widget, options = _widget(prop)
        out.append(Field(name=name, label=prop.get("title") or name, widget=widget, required=name in required,
                         value=_display(values.get(name, prop.get("default")), widget),
                         error=_error_for(name, errors), description=prop.get("description"),
                         options=options, attrs=_constraints(prop, widget)))
    return out


def submitted(schema: dict, form) -> dict:
    """The raw submission, shaped as engine.forms.coerce expects: strings, lists for arrays, absent when unticked."""
    raw = {}
    for name, prop in (schema.get("properties") or {}).items():
        if prop.get("type") == "array":
            raw[name] = form.getlist(name)
        elif name in form:
            raw[name] = form.get(name)
    return raw


def _options(prop: dict) -> list[tuple[str, str]]:
    if "enum" in prop:
        return [(str(v), str(v)) for v in prop["enum"]]
    choices = prop.get("oneOf") or prop.get("anyOf") or []
    return [(str(c["const"]), c.get("title") or str(c["const"])) for c in choices if "const" in c]


def _widget(prop: dict) -> tuple[str, list]:
    kind, hint = prop.get("type"), prop.get("x-widget")
    if kind == "array":
        return "checkboxes", _options(prop.get("items") or {})
    options = _options(prop)
    if options:
        if hint in ("radio", "select"):
            return hint, options
        return ("radio" if len(options) <= RADIO_MAX_OPTIONS else "select"), options
    if kind == "boolean":
        return "checkbox", []
    if kind in ("number", "integer"):
        return kind, []
    if prop.get("format") == "date":
        return "date", []
    return ("textarea" if hint == "textarea" else "text"), []


def _constraints(prop: dict, widget: str) -> dict:
    attrs = {}
    if widget in ("number", "integer"):
        attrs["step"] = prop.get("x-step") or ("1" if widget == "integer" else "0.01")   # money: 元 to the 分
        attrs.update({html: prop[key] for key, html in (("minimum", "min"), ("maximum", "max")) if key in prop})
    if widget in ("text", "textarea"):
        attrs.update({html: prop[key] for key, html in (("minLength", "minlength"), ("maxLength", "maxlength"),
                                                         ("pattern", "pattern")) if key in prop})
    return attrs


def _display(value, widget: str):
    if widget == "checkboxes":
        return [str(v) for v in value or []]
    if widget == "checkbox":
        return "true" if value in (True, "true", "on", "1") else ""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _error_for(name: str, errors: dict) -> str | None:
    """The message for the field, or for one of its items ('tags.0')."""
    return errors.get(name) or next((msg for path, msg in errors.items() if path.startswith(f"{name}.")), None)
