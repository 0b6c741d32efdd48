from enum import StrEnum


class TransportOrderState(StrEnum):
    AMENDED = "AMENDED"
    CREATED = "CREATED"
    STATE_UNSPECIFIED = "STATE_UNSPECIFIED"

    def __str__(self) -> str:
        return str(self.value)
