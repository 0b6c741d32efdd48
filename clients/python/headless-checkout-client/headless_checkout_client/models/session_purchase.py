from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

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
        total_discount (None | str | Unset): Total discount on the purchase, minor units, non-negative.
        total_value (None | str | Unset): Total value after discounts, minor units, non-negative; free-shipping rules
            compare to it.
        vouchers (list[str] | Unset):
    """

    country_code: str
    currency_code: str
    locales: list[str] | Unset = UNSET
    total_discount: None | str | Unset = UNSET
    total_value: None | str | Unset = UNSET
    vouchers: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        currency_code = self.currency_code

        locales: list[str] | Unset = UNSET
        if not isinstance(self.locales, Unset):
            locales = self.locales

        total_discount: None | str | Unset
        if isinstance(self.total_discount, Unset):
            total_discount = UNSET
        else:
            total_discount = self.total_discount

        total_value: None | str | Unset
        if isinstance(self.total_value, Unset):
            total_value = UNSET
        else:
            total_value = self.total_value

        vouchers: list[str] | Unset = UNSET
        if not isinstance(self.vouchers, Unset):
            vouchers = self.vouchers

        field_dict: dict[str, Any] = {}

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

        def _parse_total_discount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        total_discount = _parse_total_discount(d.pop("total_discount", UNSET))

        def _parse_total_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        total_value = _parse_total_value(d.pop("total_value", UNSET))

        vouchers = cast(list[str], d.pop("vouchers", UNSET))

        session_purchase = cls(
            country_code=country_code,
            currency_code=currency_code,
            locales=locales,
            total_discount=total_discount,
            total_value=total_value,
            vouchers=vouchers,
        )

        return session_purchase
