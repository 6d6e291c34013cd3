"""ID numbers in lists and public notices show the first 4 and last 4 characters only."""
from assistance.core.idnumbers import mask_id


def test_keeps_first_four_and_last_four():
    assert mask_id("152201198001011234") == "1522**********1234"


def test_keeps_a_trailing_x():
    assert mask_id("15220119850615118X") == "1522**********118X"


def test_short_or_missing_values_reveal_nothing():
    assert mask_id("12345678") == "********"
    assert mask_id(None) == ""
