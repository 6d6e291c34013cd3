"""BPMN files saved as UTF-16, UTF-8 with BOM or a declared legacy encoding deploy as UTF-8, or are refused cleanly."""
import codecs

import pytest
from sqlalchemy import func, select

import engine
from engine.models import ProcessDefinition
from tests.engine.bpmn_factory import bundle, one_task


def with_encoding(xml: str, encoding: str, bom: bytes = b"") -> bytes:
    return bom + xml.replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(encoding)


@pytest.mark.parametrize("content", [
    with_encoding(one_task(), "UTF-16"),                                       # Python writes a BOM
    with_encoding(one_task(), "UTF-16LE", codecs.BOM_UTF16_LE),
    with_encoding(one_task(), "UTF-16BE"),                                     # no BOM, declaration only
    codecs.BOM_UTF8 + one_task().encode(),
    with_encoding(one_task(), "GBK"),
], ids=["utf16", "utf16le_bom", "utf16be_no_bom", "utf8_bom", "gbk_declared"])
def test_other_encodings_deploy_and_are_stored_as_utf8(session, clock, content):
    files = bundle(one_task())
    files["t_proc.bpmn"] = content
    [result] = engine.deploy(session, files)
    definition = session.get(ProcessDefinition, result.definition_id)
    stored = definition.files["t_proc.bpmn"]
    assert 'encoding="UTF-8"' in stored and "测试流程" in stored and "审核" in stored
    inst = engine.start(session, "t_proc", region_id=1)
    assert inst.status == "running"


def test_same_process_in_utf16_is_the_same_version(session, clock):
    engine.deploy(session, bundle(one_task()))
    files = bundle(one_task())
    files["t_proc.bpmn"] = with_encoding(one_task(), "UTF-16")
    [again] = engine.deploy(session, files)
    assert again.is_new is False and again.version == 1


@pytest.mark.parametrize("content, words", [
    (one_task().replace("测试流程", "测试").encode("utf-16-le")[2:-1], "编码|XML"),      # truncated, no BOM
    (codecs.BOM_UTF16_LE + b"\x00\xd8" + "<x/>".encode("utf-16-le"), "编码"),      # lone surrogate
    (one_task().replace('encoding="UTF-8"', 'encoding="no-such-codec"').encode(), "编码"),
    (codecs.BOM_UTF8 + b"\xff\xfe<bad", "编码"),
], ids=["truncated_utf16", "broken_utf16", "unknown_declared", "bom_then_garbage"])
def test_undecodable_files_are_refused_in_chinese(session, clock, content, words):
    files = bundle(one_task())
    files["t_proc.bpmn"] = content
    with pytest.raises(engine.DeployError, match=words) as refused:
        engine.deploy(session, files)
    assert "t_proc.bpmn" in refused.value.message
    assert session.scalar(select(func.count()).select_from(ProcessDefinition)) == 0


def test_a_doctype_hidden_in_utf16_is_still_refused(session, clock):
    xml = one_task().replace("<bpmn:definitions", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                             "<bpmn:definitions", 1)
    files = bundle(one_task())
    files["t_proc.bpmn"] = with_encoding(xml, "UTF-16")
    with pytest.raises(engine.DeployError, match="DOCTYPE"):
        engine.deploy(session, files)
