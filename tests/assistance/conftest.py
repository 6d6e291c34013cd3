"""Factories for the domain tests: a small jurisdiction tree, staff users, valid ID numbers."""
from datetime import date

import pytest
from werkzeug.security import generate_password_hash

from assistance.idnumbers import compose_id_number
from assistance.models import RegionLevel, User
from assistance.regions import create_region


@pytest.fixture
def tree(session):
    """兴安盟 > 乌兰浩特市 > 都林街道 > 和平社区 / 胜利社区, and 兴安盟 > 科右前旗 > 科尔沁镇 > 平安村."""
    league = create_region(session, code="152200", name="兴安盟", level=RegionLevel.LEAGUE)
    city = create_region(session, code="152201", name="乌兰浩特市", level=RegionLevel.COUNTY, parent=league)
    dulin = create_region(session, code="152201001000", name="都林街道", level=RegionLevel.TOWNSHIP, parent=city)
    heping = create_region(session, code="152201001001", name="和平社区", level=RegionLevel.VILLAGE, parent=dulin)
    shengli = create_region(session, code="152201001002", name="胜利社区", level=RegionLevel.VILLAGE, parent=dulin)
    qianqi = create_region(session, code="152221", name="科尔沁右翼前旗", level=RegionLevel.COUNTY, parent=league)
    keerqin = create_region(session, code="152221100000", name="科尔沁镇", level=RegionLevel.TOWNSHIP, parent=qianqi)
    pingan = create_region(session, code="152221100201", name="平安村", level=RegionLevel.VILLAGE, parent=keerqin)
    return dict(league=league, city=city, dulin=dulin, heping=heping, shengli=shengli, qianqi=qianqi,
                keerqin=keerqin, pingan=pingan)


@pytest.fixture
def make_user(session):
    def make(username, role, region, *, is_enabled=True):
        user = User(username=username, display_name=username, role=role, region_id=region.id,
                    password_hash=generate_password_hash("x", "pbkdf2:sha256:1"), is_enabled=is_enabled)
        session.add(user)
        session.flush()
        return user
    return make


@pytest.fixture
def id_number():
    """id_number(born=date(1980, 1, 1), serial=101, area='152201') -> a checksum-correct number."""
    def make(born=date(1980, 1, 1), serial=101, area="152201"):
        return compose_id_number(area, born, serial)
    return make
