from enum import StrEnum


class PriceComponentType(StrEnum):
    ADDON = "ADDON"
    DISCOUNT = "DISCOUNT"
    PRICE_COMPONENT_TYPE_UNSPECIFIED = "PRICE_COMPONENT_TYPE_UNSPECIFIED"
    SHIPPING = "SHIPPING"

    def __str__(self) -> str:
        return str(self.value)
