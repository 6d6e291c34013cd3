"""The registry entry of 最低生活保障 (低保): the application process and its demo, the confirmation decision and its
documents, the case-page section, parameters, script functions and tables."""
from pathlib import Path

from assistance.programmes.dibao import (
    access,
    assessment_scripts,
    case_page,
    document_facts,
    parameters,
    procedure,
    scripts,
)
from assistance.programmes.registry import CaseSection, DocumentKind, Process, Programme

PROGRAMME = Programme(
    key="dibao",
    label="最低生活保障",
    case_prefix="DB",
    processes={"dibao_application": Process("最低生活保障申请"),
               # a simplified 低保 application for demonstrations: it records none of the section's facts
               "demo_application": Process("演示：救助申请", has_section=False)},
    decision_documents={"dibao_confirmation": ("dibao_approval", "dibao_refusal")},
    document_kinds=(
        DocumentKind("dibao_approval", "最低生活保障审核确认决定书", "dibao_approval", document_facts.decision_context),
        DocumentKind("dibao_refusal", "最低生活保障不予确认告知书", "dibao_refusal", document_facts.decision_context),
        DocumentKind("public_notice", "最低生活保障审核确认公示", "public_notice", document_facts.notice_context),
    ),
    section=CaseSection("dibao/_case.html", case_page.section_context),
    params=parameters.DEFAULTS,
    script_functions={**scripts.FUNCTIONS, **assessment_scripts.FUNCTIONS},
    model_modules=("assistance.programmes.dibao.models",),
    access=access,
    template_folder=Path(__file__).parent / "templates",
    install=procedure.install,
)
