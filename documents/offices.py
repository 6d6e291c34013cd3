"""Issuing offices (发文机关): the county civil-affairs bureau or the township government of a region."""
from dataclasses import dataclass

from assistance.core.models import Region, RegionLevel


@dataclass(frozen=True)
class Office:
    region_id: int
    code: str          # the region's code: names the office's key and its signature field
    name: str          # 乌兰浩特市民政局 / 都林街道办事处 / 义勒力特镇人民政府
    prefix: str        # 发文机关代字 of the document number: 乌民救〔2026〕1号
    county: str        # whose people's government hears an administrative reconsideration (行政复议)

    @property
    def field_name(self) -> str:
        return f"seal_{self.code}"


def office_of(region: Region) -> Office:
    if region.level == RegionLevel.COUNTY:
        return Office(region.id, region.code, f"{region.name}民政局", f"{region.name[0]}民救", region.name)
    if region.level == RegionLevel.TOWNSHIP:
        suffix = "办事处" if region.name.endswith("街道") else "人民政府"
        county = region.parent.name if region.parent is not None else region.name
        return Office(region.id, region.code, region.name + suffix, f"{region.name[:2]}救", county)
    raise ValueError(f"{region.name}不是县级或乡镇级地区，不能作为发文机关")


def township_of(region: Region) -> Region:
    """The township (苏木/乡镇/街道) a village belongs to; a township is its own."""
    node = region
    while node is not None and node.level > RegionLevel.TOWNSHIP:
        node = node.parent
    if node is None or node.level != RegionLevel.TOWNSHIP:
        raise ValueError(f"{region.name}不属于任何乡镇")
    return node


def county_of(region: Region) -> Region:
    node = region
    while node is not None and node.level > RegionLevel.COUNTY:
        node = node.parent
    if node is None or node.level != RegionLevel.COUNTY:
        raise ValueError(f"{region.name}不属于任何县级地区")
    return node
