"""JSON Schema forms: turn submitted strings into typed values, validate, and report errors per field in Chinese."""
from decimal import Decimal, InvalidOperation

from jsonschema import Draft202012Validator, FormatChecker

MESSAGES = {
    "required": "此项必填",
    "minimum": "不能小于 {limit}",
    "exclusiveMinimum": "必须大于 {limit}",
    "maximum": "不能大于 {limit}",
    "exclusiveMaximum": "必须小于 {limit}",
    "minLength": "至少 {limit} 个字符",
    "maxLength": "最多 {limit} 个字符",
    "pattern": "格式不正确",
    "enum": "请从选项中选择",
    "type": "类型不正确",
    "format": "格式不正确",
    "minItems": "至少需要 {limit} 项",
    "const": "此项必须确认",
}


def resolve(schema: dict, data: dict) -> dict:
    """Fill choices that depend on the case: {"x-options-from": "member_names"} becomes an enum of that variable."""
    if isinstance(schema, dict):
        out = {k: resolve(v, data) for k, v in schema.items()}
        if "x-options-from" in schema:   # a list of values, or of {"const", "title"} choices
            options = list(data.get(schema["x-options-from"]) or [])
            if options and isinstance(options[0], dict):
                out["oneOf"] = options
            else:
                out["enum"] = options
        return out
    if isinstance(schema, list):
        return [resolve(v, data) for v in schema]
    return schema


def coerce(schema: dict, raw: dict) -> dict:
    """Typed data from form strings: integers, Decimal for numbers (money is never float), booleans, arrays."""
    out = {}
    for name, prop in (schema.get("properties") or {}).items():
        if name not in raw:
            if prop.get("type") == "boolean":
                out[name] = False
            continue
        value, kind = raw[name], prop.get("type")
        if kind == "array":
            out[name] = value if isinstance(value, list) else [value]
            continue
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
            try:
                if kind == "integer":
                    value = int(value)
                elif kind == "number":
                    value = Decimal(value)
                    if not value.is_finite():
                        raise InvalidOperation
                elif kind == "boolean":
                    value = value.lower() in ("1", "true", "on", "yes", "是")
            except (ValueError, InvalidOperation):
                pass   # left as a string; validation reports the type error on this field
        out[name] = value
    return out


def validate(schema: dict, data: dict) -> dict[str, str]:
    """Field path -> Chinese message; empty when the data satisfies the schema."""
    errors: dict[str, str] = {}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        field = ".".join(str(p) for p in err.path)
        if err.validator == "required":
            field = ".".join([*(str(p) for p in err.path), err.message.split("'")[1]]).lstrip(".")
        custom = (_subschema(schema, field) or {}).get("errorMessage")
        text = custom or MESSAGES.get(err.validator, "内容不正确").format(limit=err.validator_value)
        errors.setdefault(field or "_form", text)
    return errors


def _subschema(schema, field):
    node = schema
    for part in field.split(".") if field else []:
        node = (node.get("properties") or {}).get(part) if isinstance(node, dict) else None
    return node
