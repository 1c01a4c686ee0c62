"""The station's names, built from their parts so that no prefix is printed twice.

A station may be entered as 「广州市××街社工服务站」, 「海珠区××街社工服务站」 or plain 「××街社工服务站」,
and its district as 「海珠区」 or 「广州市海珠区」. The title puts the district before the station's
own name (「海珠区××街社工服务站」); the first mention declares the short form 「社工站」, which the
report then uses as the seeds do; the named short form 「××街社工站」 is kept for where the station
stands beside other named parties (docs/report-template.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._model import StationInfo

# A city as Guangzhou's bodies write it at the head of their names: 广州市海珠区民政局 → 广州市.
CITY = re.compile(r"^[^\s市区县]{2,3}市")


@dataclass(frozen=True)
class StationNames:
    city: str  # 广州市; "" when no name in the data states it
    district: str  # 海珠区
    station: str  # 示例街社工服务站: the station's own name, without city or district
    short: str  # 示例街社工站

    @property
    def titled(self) -> str:
        """海珠区示例街社工服务站: as report titles and the 结语 write it."""
        return self.district + self.station


def _city(*names: str) -> str:
    for name in names:
        if m := CITY.match(name):
            return m.group(0)
    return ""


def station_names(info: StationInfo) -> StationNames:
    city = _city(info.supervisor, info.purchaser, info.district, info.station)
    district = info.district.removeprefix(city) if city else info.district
    station = info.station
    # Either order: 广州市海珠区… and 海珠区… (a name never repeats a prefix, so two passes do)
    for _ in range(2):
        if city and station.startswith(city) and len(station) > len(city):
            station = station.removeprefix(city)
        if district and station.startswith(district) and len(station) > len(district):
            station = station.removeprefix(district)
    return StationNames(city, district, station, station.replace("社工服务站", "社工站"))
