from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionPurchaseUpdate")


@_attrs_define
class SessionPurchaseUpdate:
    """The purchase members an update writes, each on its own; `update_mask=purchase` writes the
    whole purchase and then needs the country and currency codes.

        Attributes:
            country_code (str | Unset):
            currency_code (str | Unset):
            locales (list[str] | Unset): `null` removes every locale.
            total_discount (str | Unset): `null` removes it.
            total_value (str | Unset): `null` removes it.
            vouchers (list[str] | Unset): `null` removes every voucher.
    """

    country_code: str | Unset = UNSET
    currency_code: str | Unset = UNSET
    locales: list[str] | Unset = UNSET
    total_discount: str | Unset = UNSET
    total_value: str | Unset = UNSET
    vouchers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        currency_code = self.currency_code

        locales: list[str] | Unset = UNSET
        if not isinstance(self.locales, Unset):
            locales = self.locales

        total_discount = self.total_discount

        total_value = self.total_value

        vouchers: list[str] | Unset = UNSET
        if not isinstance(self.vouchers, Unset):
            vouchers = self.vouchers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if currency_code is not UNSET:
            field_dict["currency_code"] = currency_code
        if locales is not UNSET:
            field_dict["locales"] = locales
        if total_discount is not UNSET:
            field_dict["total_discount"] = total_discount
        if total_value is not UNSET:
            field_dict["total_value"] = total_value
        if vouchers is not UNSET:
            field_dict["vouchers"] = vouchers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country_code = d.pop("country_code", UNSET)

        currency_code = d.pop("currency_code", UNSET)

        locales = cast(list[str], d.pop("locales", UNSET))

        total_discount = d.pop("total_discount", UNSET)

        total_value = d.pop("total_value", UNSET)

        vouchers = cast(list[str], d.pop("vouchers", UNSET))

        session_purchase_update = cls(
            country_code=country_code,
            currency_code=currency_code,
            locales=locales,
            total_discount=total_discount,
            total_value=total_value,
            vouchers=vouchers,
        )

        session_purchase_update.additional_properties = d
        return session_purchase_update

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
