"""低保 actions from the case page: record an objection to the public notice, extend the time limit. The section
itself is the programme's (assistance/programmes/dibao/case_page.py), served by web/cases."""
