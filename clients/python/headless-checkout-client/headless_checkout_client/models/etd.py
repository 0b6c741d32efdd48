from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.etd_absolute import ETDAbsolute
    from ..models.etd_custom import ETDCustom
    from ..models.etd_relative import ETDRelative


T = TypeVar("T", bound="ETD")


@_attrs_define
class ETD:
    """Estimated time of delivery, relative, absolute, or as text.

    Attributes:
        absolute (ETDAbsolute | Unset):
        custom (ETDCustom | Unset):
        relative (ETDRelative | Unset):
    """

    absolute: ETDAbsolute | Unset = UNSET
    custom: ETDCustom | Unset = UNSET
    relative: ETDRelative | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        absolute: dict[str, Any] | Unset = UNSET
        if not isinstance(self.absolute, Unset):
            absolute = self.absolute.to_dict()

        custom: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = self.custom.to_dict()

        relative: dict[str, Any] | Unset = UNSET
        if not isinstance(self.relative, Unset):
            relative = self.relative.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if absolute is not UNSET:
            field_dict["absolute"] = absolute
        if custom is not UNSET:
            field_dict["custom"] = custom
        if relative is not UNSET:
            field_dict["relative"] = relative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.etd_absolute import ETDAbsolute  # noqa: PLC0415
        from ..models.etd_custom import ETDCustom  # noqa: PLC0415
        from ..models.etd_relative import ETDRelative  # noqa: PLC0415

        d = dict(src_dict)
        _absolute = d.pop("absolute", UNSET)
        absolute: ETDAbsolute | Unset
        if isinstance(_absolute, Unset):
            absolute = UNSET
        else:
            absolute = ETDAbsolute.from_dict(_absolute)

        _custom = d.pop("custom", UNSET)
        custom: ETDCustom | Unset
        if isinstance(_custom, Unset):
            custom = UNSET
        else:
            custom = ETDCustom.from_dict(_custom)

        _relative = d.pop("relative", UNSET)
        relative: ETDRelative | Unset
        if isinstance(_relative, Unset):
            relative = UNSET
        else:
            relative = ETDRelative.from_dict(_relative)

        etd = cls(
            absolute=absolute,
            custom=custom,
            relative=relative,
        )

        etd.additional_properties = d
        return etd

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
