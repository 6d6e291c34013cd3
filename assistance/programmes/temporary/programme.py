"""The registry entry of 临时救助: its process (started by 急难登记, not the generic form), its decision and documents,
the case-page section, the links to intake and the reserve funds, parameters, script functions and tables."""
from pathlib import Path

from assistance.programmes.registry import CaseSection, DocumentKind, NavLink, Process, Programme
from assistance.programmes.temporary import access, approval, case_page, document_facts, parameters, scripts

PROGRAMME = Programme(
    key="temporary",
    label="临时救助",
    case_prefix="LS",
    processes={"temporary_assistance": Process("临时救助", is_offered=False)},   # web/temporary's intake starts it
    decision_documents={approval.KIND: ("temporary_approval", "temporary_refusal")},
    document_kinds=(
        DocumentKind("temporary_approval", "临时救助审批决定书", "temporary_approval", document_facts.temporary_context),
        DocumentKind("temporary_refusal", "临时救助不予救助告知书", "temporary_refusal",
                     document_facts.temporary_context),
    ),
    section=CaseSection("temporary/_case.html", case_page.section_context),
    nav_links=(NavLink("急难登记", "temporary.new", access.can_start_temporary),
               NavLink("备用金", "temporary.reserve", access.can_view_reserve_funds)),
    params=parameters.DEFAULTS,
    script_functions=scripts.FUNCTIONS,
    model_modules=("assistance.programmes.temporary.models",),
    access=access,
    template_folder=Path(__file__).parent / "templates",
)
