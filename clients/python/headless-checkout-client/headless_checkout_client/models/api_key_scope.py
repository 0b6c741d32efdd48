from enum import StrEnum


class ApiKeyScope(StrEnum):
    ADMIN = "ADMIN"
    CHECKOUT = "CHECKOUT"
    SCOPE_UNSPECIFIED = "SCOPE_UNSPECIFIED"

    def __str__(self) -> str:
        return str(self.value)
