from enum import StrEnum


class PickupLocationType(StrEnum):
    LOCATION_TYPE_UNSPECIFIED = "LOCATION_TYPE_UNSPECIFIED"
    LOCKER = "LOCKER"
    POST_OFFICE = "POST_OFFICE"
    SERVICE_POINT = "SERVICE_POINT"
    STORE = "STORE"

    def __str__(self) -> str:
        return str(self.value)
