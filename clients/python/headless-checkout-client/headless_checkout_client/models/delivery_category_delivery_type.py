from enum import StrEnum


class DeliveryCategoryDeliveryType(StrEnum):
    DELIVERY = "DELIVERY"
    DELIVERY_TYPE_UNSPECIFIED = "DELIVERY_TYPE_UNSPECIFIED"
    INSTORE = "INSTORE"
    MAILBOX = "MAILBOX"
    PICKUP = "PICKUP"

    def __str__(self) -> str:
        return str(self.value)
