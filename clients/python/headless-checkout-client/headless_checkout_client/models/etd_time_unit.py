from enum import StrEnum


class ETDTimeUnit(StrEnum):
    DAY = "DAY"
    HOUR = "HOUR"
    MINUTE = "MINUTE"
    TIME_UNIT_UNSPECIFIED = "TIME_UNIT_UNSPECIFIED"
    WEEK = "WEEK"

    def __str__(self) -> str:
        return str(self.value)
