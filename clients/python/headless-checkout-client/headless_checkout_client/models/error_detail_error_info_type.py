from enum import StrEnum


class ErrorDetailErrorInfoType(StrEnum):
    TYPE_GOOGLEAPIS_COMGOOGLE_RPC_ERRORINFO = "type.googleapis.com/google.rpc.ErrorInfo"

    def __str__(self) -> str:
        return str(self.value)
