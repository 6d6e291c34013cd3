"""临时救助 (temporary assistance): intake, reserve fund (备用金) balances and ledger."""
from flask import Blueprint

from .controllers import NewTemporary
from .reserve import ReserveFundLedger, ReserveFunds, TopUpReserveFund

bp = Blueprint("temporary", __name__)
bp.add_url_rule("/temporary/new", view_func=NewTemporary.as_view("new"))
bp.add_url_rule("/temporary/reserve", view_func=ReserveFunds.as_view("reserve"))
bp.add_url_rule("/temporary/reserve/<int:township_id>", view_func=ReserveFundLedger.as_view("ledger"))
bp.add_url_rule("/temporary/reserve/<int:township_id>", view_func=TopUpReserveFund.as_view("top_up"))
