from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionPurchaseUpdate")


@_attrs_define
class SessionPurchaseUpdate:
    """The purchase members an update writes, each on its own; `update_mask=purchase` writes the
    whole purchase and then needs the country and currency codes.

        Attributes:
            country_code (str | Unset):
            currency_code (str | Unset):
            locales (list[str] | None | Unset): `null` removes every locale.
            total_discount (None | str | Unset): `null` removes it.
            total_value (None | str | Unset): `null` removes it.
            vouchers (list[str] | None | Unset): `null` removes every voucher.
    """

    country_code: str | Unset = UNSET
    currency_code: str | Unset = UNSET
    locales: list[str] | None | Unset = UNSET
    total_discount: None | str | Unset = UNSET
    total_value: None | str | Unset = UNSET
    vouchers: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        currency_code = self.currency_code

        locales: list[str] | None | Unset
        if isinstance(self.locales, Unset):
            locales = UNSET
        elif isinstance(self.locales, list):
            locales = self.locales

        else:
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

        vouchers: list[str] | None | Unset
        if isinstance(self.vouchers, Unset):
            vouchers = UNSET
        elif isinstance(self.vouchers, list):
            vouchers = self.vouchers

        else:
            vouchers = self.vouchers

        field_dict: dict[str, Any] = {}

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

        def _parse_locales(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                locales_type_0 = cast(list[str], data)

                return locales_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        locales = _parse_locales(d.pop("locales", UNSET))

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

        def _parse_vouchers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                vouchers_type_0 = cast(list[str], data)

                return vouchers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        vouchers = _parse_vouchers(d.pop("vouchers", UNSET))

        session_purchase_update = cls(
            country_code=country_code,
            currency_code=currency_code,
            locales=locales,
            total_discount=total_discount,
            total_value=total_value,
            vouchers=vouchers,
        )

        return session_purchase_update
