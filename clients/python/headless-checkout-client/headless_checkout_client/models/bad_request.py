from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_violation import FieldViolation


T = TypeVar("T", bound="BadRequest")


@_attrs_define
class BadRequest:
    """Every invalid field of the request.

    Attributes:
        field_violations (list[FieldViolation]):
    """

    field_violations: list[FieldViolation]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_violations = []
        for field_violations_item_data in self.field_violations:
            field_violations_item = field_violations_item_data.to_dict()
            field_violations.append(field_violations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field_violations": field_violations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_violation import FieldViolation  # noqa: PLC0415

        d = dict(src_dict)
        field_violations = []
        _field_violations = d.pop("field_violations")
        for field_violations_item_data in _field_violations:
            field_violations_item = FieldViolation.from_dict(field_violations_item_data)

            field_violations.append(field_violations_item)

        bad_request = cls(
            field_violations=field_violations,
        )

        bad_request.additional_properties = d
        return bad_request

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
