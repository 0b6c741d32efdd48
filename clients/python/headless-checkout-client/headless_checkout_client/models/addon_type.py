from enum import StrEnum


class AddonType(StrEnum):
    ADDON_TYPE_UNSPECIFIED = "ADDON_TYPE_UNSPECIFIED"
    CALL_BEFORE_DELIVERY = "CALL_BEFORE_DELIVERY"
    CARRY_IN = "CARRY_IN"
    GIFT_WRAPPING = "GIFT_WRAPPING"
    ID_CHECK = "ID_CHECK"
    INSURANCE = "INSURANCE"
    LEAVE_AT_DOOR = "LEAVE_AT_DOOR"

    def __str__(self) -> str:
        return str(self.value)
