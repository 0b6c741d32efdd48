from enum import StrEnum


class AuditAction(StrEnum):
    AUDIT_ACTION_UNSPECIFIED = "AUDIT_ACTION_UNSPECIFIED"
    CREATE_API_KEY = "CREATE_API_KEY"
    REVOKE_API_KEY = "REVOKE_API_KEY"
    UPDATE_DELIVERY_CONFIG = "UPDATE_DELIVERY_CONFIG"

    def __str__(self) -> str:
        return str(self.value)
