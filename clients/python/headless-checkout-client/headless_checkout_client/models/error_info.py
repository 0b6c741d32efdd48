from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_info_metadata import ErrorInfoMetadata


T = TypeVar("T", bound="ErrorInfo")


@_attrs_define
class ErrorInfo:
    """Why the error happened, as a stable machine-readable `reason` within `domain`.

    Attributes:
        domain (str):
        metadata (ErrorInfoMetadata):
        reason (str):
    """

    domain: str
    metadata: ErrorInfoMetadata
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        metadata = self.metadata.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "metadata": metadata,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_info_metadata import ErrorInfoMetadata  # noqa: PLC0415

        d = dict(src_dict)
        domain = d.pop("domain")

        metadata = ErrorInfoMetadata.from_dict(d.pop("metadata"))

        reason = d.pop("reason")

        error_info = cls(
            domain=domain,
            metadata=metadata,
            reason=reason,
        )

        error_info.additional_properties = d
        return error_info

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
