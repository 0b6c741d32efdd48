from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_detail_bad_request import ErrorDetailBadRequest
    from ..models.error_detail_error_info import ErrorDetailErrorInfo


T = TypeVar("T", bound="Status")


@_attrs_define
class Status:
    """
    Attributes:
        code (int): The HTTP status code.
        details (list[ErrorDetailBadRequest | ErrorDetailErrorInfo]):
        message (str): A developer-facing explanation in English.
        status (str): The canonical error code name, e.g. `INVALID_ARGUMENT`, `NOT_FOUND`, `ABORTED`.
    """

    code: int
    details: list[ErrorDetailBadRequest | ErrorDetailErrorInfo]
    message: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_detail_error_info import ErrorDetailErrorInfo  # noqa: PLC0415

        code = self.code

        details = []
        for details_item_data in self.details:
            details_item: dict[str, Any]
            if isinstance(details_item_data, ErrorDetailErrorInfo):
                details_item = details_item_data.to_dict()
            else:
                details_item = details_item_data.to_dict()

            details.append(details_item)

        message = self.message

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "details": details,
                "message": message,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail_bad_request import ErrorDetailBadRequest  # noqa: PLC0415
        from ..models.error_detail_error_info import ErrorDetailErrorInfo  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        details = []
        _details = d.pop("details")
        for details_item_data in _details:

            def _parse_details_item(data: object) -> ErrorDetailBadRequest | ErrorDetailErrorInfo:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_error_detail_type_0 = ErrorDetailErrorInfo.from_dict(data)

                    return componentsschemas_error_detail_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_detail_type_1 = ErrorDetailBadRequest.from_dict(data)

                return componentsschemas_error_detail_type_1

            details_item = _parse_details_item(details_item_data)

            details.append(details_item)

        message = d.pop("message")

        status = d.pop("status")

        status = cls(
            code=code,
            details=details,
            message=message,
            status=status,
        )

        status.additional_properties = d
        return status

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
