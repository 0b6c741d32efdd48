from enum import StrEnum


class ErrorDetailBadRequestType(StrEnum):
    TYPE_GOOGLEAPIS_COMGOOGLE_RPC_BADREQUEST = "type.googleapis.com/google.rpc.BadRequest"

    def __str__(self) -> str:
        return str(self.value)
