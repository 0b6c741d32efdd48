from enum import StrEnum


class PickupPointImportMode(StrEnum):
    MODE_UNSPECIFIED = "MODE_UNSPECIFIED"
    REPLACE = "REPLACE"
    UPSERT = "UPSERT"

    def __str__(self) -> str:
        return str(self.value)
