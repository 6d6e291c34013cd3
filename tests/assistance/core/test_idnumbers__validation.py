"""Resident ID numbers: accepted when well-formed, refused with a Chinese message naming what is wrong."""
from datetime import date

import pytest
from stdnum.cn.ric import calc_check_digit

from assistance.core.idnumbers import compose_id_number, is_valid_id_number, parse_id_number


def test_good_number_gives_birth_date_and_sex(clock):
    male = parse_id_number("152201198001011018")
    assert (male.number, male.birth_date, male.sex) == ("152201198001011018", date(1980, 1, 1), "M")
    assert parse_id_number("152201198001011026").sex == "F"


def test_surrounding_spaces_are_ignored(clock):
    assert parse_id_number(" 152201198001011018 ").number == "152201198001011018"


@pytest.mark.parametrize("raw", ["15220119850615118X", "15220119850615118x"])
def test_x_check_character_in_either_case_is_normalized_to_upper(clock, raw):
    assert parse_id_number(raw).number == "15220119850615118X"


def test_bad_checksum_is_refused(clock):
    with pytest.raises(ValueError, match="校验位"):
        parse_id_number("152201198001011019")


def test_a_wrong_x_is_a_checksum_error(clock):
    with pytest.raises(ValueError, match="校验位"):
        parse_id_number("15220119800101101X")


@pytest.mark.parametrize("raw", ["1522011980010110", "1522011980010110181", ""])
def test_wrong_length_is_refused(clock, raw):
    with pytest.raises(ValueError, match="长度"):
        parse_id_number(raw)


def test_letters_inside_the_number_are_refused(clock):
    with pytest.raises(ValueError, match="格式"):
        parse_id_number("1522011980A1011018")


def test_impossible_birth_date_is_refused_even_with_a_correct_checksum(clock):
    body = "15220119810230101"   # 30 February 1981
    with pytest.raises(ValueError, match="出生日期19810230不是有效日期"):
        parse_id_number(body + calc_check_digit(body + "0"))


def test_birth_year_before_anyone_alive_is_refused(clock):
    with pytest.raises(ValueError, match="出生日期.*不合理"):
        parse_id_number(compose_id_number("152201", date(1801, 1, 1), 101))


def test_birth_date_after_today_is_refused(clock):
    tomorrow = date(2026, 3, 3)   # the frozen clock stands on 2026-03-02
    with pytest.raises(ValueError, match="出生日期.*晚于今天"):
        parse_id_number(compose_id_number("152201", tomorrow, 101))
    assert is_valid_id_number(compose_id_number("152201", date(2026, 3, 2), 101))


def test_unknown_area_code_is_refused(clock):
    with pytest.raises(ValueError, match="地区码"):
        parse_id_number(compose_id_number("999999", date(1980, 1, 1), 101))


def test_is_valid_id_number_is_a_plain_yes_or_no(clock):
    assert is_valid_id_number("152201198001011018")
    assert not is_valid_id_number("152201198001011019")
    assert not is_valid_id_number(None)
