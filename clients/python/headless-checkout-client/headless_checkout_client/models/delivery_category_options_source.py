from enum import StrEnum


class DeliveryCategoryOptionsSource(StrEnum):
    ADDRESS = "ADDRESS"
    OPTIONS_SOURCE_UNSPECIFIED = "OPTIONS_SOURCE_UNSPECIFIED"
    PLACEHOLDER = "PLACEHOLDER"
    PROVIDER = "PROVIDER"

    def __str__(self) -> str:
        return str(self.value)
