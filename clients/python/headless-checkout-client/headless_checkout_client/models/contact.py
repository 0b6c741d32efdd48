from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.contact_phone_number import ContactPhoneNumber


T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """
    Attributes:
        address (Address):
        email (None | str | Unset):
        phone_number (ContactPhoneNumber | Unset):
    """

    address: Address
    email: None | str | Unset = UNSET
    phone_number: ContactPhoneNumber | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone_number: dict[str, Any] | Unset = UNSET
        if not isinstance(self.phone_number, Unset):
            phone_number = self.phone_number.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if phone_number is not UNSET:
            field_dict["phone_number"] = phone_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.contact_phone_number import ContactPhoneNumber  # noqa: PLC0415

        d = dict(src_dict)
        address = Address.from_dict(d.pop("address"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        _phone_number = d.pop("phone_number", UNSET)
        phone_number: ContactPhoneNumber | Unset
        if isinstance(_phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = ContactPhoneNumber.from_dict(_phone_number)

        contact = cls(
            address=address,
            email=email,
            phone_number=phone_number,
        )

        return contact
