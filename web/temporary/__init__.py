"""临时救助 area: 急难登记 at the place of the emergency and the township reserve funds (备用金). The case-page
section is the programme's (assistance/programmes/temporary/case_page.py), served by web/cases."""
