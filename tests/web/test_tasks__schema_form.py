"""JSON Schema -> form fields: every supported widget, its browser constraints, values and error placement."""
from decimal import Decimal

from werkzeug.datastructures import MultiDict

from engine import forms
from web.tasks import schema_form

SCHEMA = {
    "type": "object",
    "required": ["name", "decision"],
    "properties": {
        "name": {"type": "string", "title": "姓名", "minLength": 2, "maxLength": 20, "pattern": "^[^0-9]+$"},
        "note": {"type": "string", "title": "备注", "x-widget": "textarea"},
        "amount": {"type": "number", "title": "金额（元）", "minimum": 0, "maximum": 99999},
        "people": {"type": "integer", "title": "人数", "minimum": 1},
        "is_disabled": {"type": "boolean", "title": "是否残疾"},
        "decision": {"type": "string", "title": "结论", "oneOf": [{"const": "yes", "title": "同意"},
                                                                {"const": "no", "title": "不同意"}]},
        "county": {"type": "string", "title": "旗县", "enum": ["甲", "乙", "丙", "丁", "戊"]},
        "visited": {"type": "string", "title": "入户日期", "format": "date"},
        "hardships": {"type": "array", "title": "困难类型", "minItems": 1,
                      "items": {"type": "string", "enum": ["疾病", "残疾", "失业"]}},
    },
}


def by_name(fields):
    return {f.name: f for f in fields}


def test_widgets_labels_and_constraints():
    f = by_name(schema_form.fields(SCHEMA, {}, {}))
    assert [f[n].widget for n in SCHEMA["properties"]] == [
        "text", "textarea", "number", "integer", "checkbox", "radio", "select", "date", "checkboxes"]
    assert f["name"].label == "姓名" and f["name"].required and not f["note"].required
    assert f["name"].attrs == {"minlength": 2, "maxlength": 20, "pattern": "^[^0-9]+$"}
    assert f["amount"].attrs == {"step": "0.01", "min": 0, "max": 99999}
    assert f["people"].attrs == {"step": "1", "min": 1}
    assert f["decision"].options == [("yes", "同意"), ("no", "不同意")]
    assert f["hardships"].options == [("疾病", "疾病"), ("残疾", "残疾"), ("失业", "失业")]


def test_values_are_prefilled_as_form_strings():
    values = {"amount": Decimal("12.50"), "is_disabled": True, "hardships": ["残疾"], "people": 3}
    f = by_name(schema_form.fields(SCHEMA, values, {}))
    assert (f["amount"].value, f["is_disabled"].value, f["hardships"].value, f["people"].value) == \
        ("12.50", "true", ["残疾"], "3")


def test_submission_round_trip_and_errors_on_their_fields():
    form = MultiDict([("name", "张1"), ("amount", "-1"), ("people", "2"), ("decision", "yes"), ("hardships", "疾病"),
                      ("hardships", "失业"), ("visited", "2026-02-30")])
    raw = schema_form.submitted(SCHEMA, form)
    data = forms.coerce(SCHEMA, raw)
    assert data["people"] == 2 and data["amount"] == Decimal("-1") and data["is_disabled"] is False
    assert data["hardships"] == ["疾病", "失业"]
    errors = forms.validate(SCHEMA, data)
    f = by_name(schema_form.fields(SCHEMA, raw, errors))
    assert f["name"].error == "格式不正确" and f["amount"].error == "不能小于 0" and f["visited"].error == "格式不正确"
    assert f["name"].value == "张1" and f["hardships"].value == ["疾病", "失业"]   # what was typed comes back
    assert f["decision"].error is None


def test_array_item_errors_show_on_the_array():
    errors = forms.validate(SCHEMA, {"name": "张三", "decision": "yes", "hardships": ["别的"]})
    assert by_name(schema_form.fields(SCHEMA, {}, errors))["hardships"].error == "请从选项中选择"


def test_rendered_html_carries_the_constraints(app):
    from flask import render_template_string
    with app.test_request_context():
        html = render_template_string('{% from "tasks/_fields.html" import render_field %}'
                                      '{% for f in fields %}{{ render_field(f) }}{% endfor %}',
                                      fields=schema_form.fields(SCHEMA, {"decision": "no"}, {"people": "不能小于 1"}))
    assert 'minlength="2"' in html and 'pattern="^[^0-9]+$"' in html and 'required' in html
    assert 'type="date"' in html and 'type="checkbox" name="hardships" value="失业"' in html
    assert '<option value="戊">戊</option>' in html and 'value="no" checked' in html
    assert 'aria-invalid="true"' in html and "不能小于 1" in html
