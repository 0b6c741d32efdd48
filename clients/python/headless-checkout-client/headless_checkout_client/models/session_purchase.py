from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionPurchase")


@_attrs_define
class SessionPurchase:
    """What is being bought: destination country, currency, languages, totals and vouchers.

    Attributes:
        country_code (str): ISO 3166-1 alpha-2 code of the country the goods go to.
        currency_code (str): ISO 4217 code of the currency all prices are in.
        locales (list[str] | Unset): BCP 47 tags (`sv-SE`) in order of preference; names are shown in the first
            supported one.
        total_discount (str | Unset): Total discount on the purchase, minor units, non-negative.
        total_value (str | Unset): Total value after discounts, minor units, non-negative; free-shipping rules compare
            to it.
        vouchers (list[str] | Unset):
    """

    country_code: str
    currency_code: str
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
        field_dict.update(
            {
                "country_code": country_code,
                "currency_code": currency_code,
            }
        )
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
        country_code = d.pop("country_code")

        currency_code = d.pop("currency_code")

        locales = cast(list[str], d.pop("locales", UNSET))

        total_discount = d.pop("total_discount", UNSET)

        total_value = d.pop("total_value", UNSET)

        vouchers = cast(list[str], d.pop("vouchers", UNSET))

        session_purchase = cls(
            country_code=country_code,
            currency_code=currency_code,
            locales=locales,
            total_discount=total_discount,
            total_value=total_value,
            vouchers=vouchers,
        )

        session_purchase.additional_properties = d
        return session_purchase

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
