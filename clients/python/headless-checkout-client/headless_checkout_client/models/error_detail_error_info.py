from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_detail_error_info_type import ErrorDetailErrorInfoType

if TYPE_CHECKING:
    from ..models.error_info_metadata import ErrorInfoMetadata


T = TypeVar("T", bound="ErrorDetailErrorInfo")


@_attrs_define
class ErrorDetailErrorInfo:
    """A typed detail, discriminated by `@type` as in google.protobuf.Any.

    Attributes:
        domain (str):
        metadata (ErrorInfoMetadata):
        reason (str):
        type_ (ErrorDetailErrorInfoType):  Example: type.googleapis.com/google.rpc.ErrorInfo.
    """

    domain: str
    metadata: ErrorInfoMetadata
    reason: str
    type_: ErrorDetailErrorInfoType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        metadata = self.metadata.to_dict()

        reason = self.reason

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "metadata": metadata,
                "reason": reason,
                "@type": type_,
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

        type_ = ErrorDetailErrorInfoType(d.pop("@type"))

        error_detail_error_info = cls(
            domain=domain,
            metadata=metadata,
            reason=reason,
            type_=type_,
        )

        error_detail_error_info.additional_properties = d
        return error_detail_error_info

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
