from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pickup_location_type import PickupLocationType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.pickup_location_distances import PickupLocationDistances
    from ..models.pickup_location_operational_hours import PickupLocationOperationalHours
    from ..models.pickup_location_section import PickupLocationSection


T = TypeVar("T", bound="PickupLocation")


@_attrs_define
class PickupLocation:
    """
    Attributes:
        external_id (str):
        id (str):
        sections (list[PickupLocationSection]):
        title (str):
        delivery_contact (Contact | Unset):
        distances (PickupLocationDistances | Unset):
        location_type (PickupLocationType | Unset):
        operational_hours (PickupLocationOperationalHours | Unset): Opening intervals per weekday as `HH:MM-HH:MM`; an
            empty day is closed.
        visiting_contact (Contact | Unset):
    """

    external_id: str
    id: str
    sections: list[PickupLocationSection]
    title: str
    delivery_contact: Contact | Unset = UNSET
    distances: PickupLocationDistances | Unset = UNSET
    location_type: PickupLocationType | Unset = UNSET
    operational_hours: PickupLocationOperationalHours | Unset = UNSET
    visiting_contact: Contact | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        id = self.id

        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)

        title = self.title

        delivery_contact: dict[str, Any] | Unset = UNSET
        if not isinstance(self.delivery_contact, Unset):
            delivery_contact = self.delivery_contact.to_dict()

        distances: dict[str, Any] | Unset = UNSET
        if not isinstance(self.distances, Unset):
            distances = self.distances.to_dict()

        location_type: str | Unset = UNSET
        if not isinstance(self.location_type, Unset):
            location_type = self.location_type.value

        operational_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.operational_hours, Unset):
            operational_hours = self.operational_hours.to_dict()

        visiting_contact: dict[str, Any] | Unset = UNSET
        if not isinstance(self.visiting_contact, Unset):
            visiting_contact = self.visiting_contact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "external_id": external_id,
                "id": id,
                "sections": sections,
                "title": title,
            }
        )
        if delivery_contact is not UNSET:
            field_dict["delivery_contact"] = delivery_contact
        if distances is not UNSET:
            field_dict["distances"] = distances
        if location_type is not UNSET:
            field_dict["location_type"] = location_type
        if operational_hours is not UNSET:
            field_dict["operational_hours"] = operational_hours
        if visiting_contact is not UNSET:
            field_dict["visiting_contact"] = visiting_contact

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.pickup_location_distances import PickupLocationDistances  # noqa: PLC0415
        from ..models.pickup_location_operational_hours import PickupLocationOperationalHours  # noqa: PLC0415
        from ..models.pickup_location_section import PickupLocationSection  # noqa: PLC0415

        d = dict(src_dict)
        external_id = d.pop("external_id")

        id = d.pop("id")

        sections = []
        _sections = d.pop("sections")
        for sections_item_data in _sections:
            sections_item = PickupLocationSection.from_dict(sections_item_data)

            sections.append(sections_item)

        title = d.pop("title")

        _delivery_contact = d.pop("delivery_contact", UNSET)
        delivery_contact: Contact | Unset
        if isinstance(_delivery_contact, Unset):
            delivery_contact = UNSET
        else:
            delivery_contact = Contact.from_dict(_delivery_contact)

        _distances = d.pop("distances", UNSET)
        distances: PickupLocationDistances | Unset
        if isinstance(_distances, Unset):
            distances = UNSET
        else:
            distances = PickupLocationDistances.from_dict(_distances)

        _location_type = d.pop("location_type", UNSET)
        location_type: PickupLocationType | Unset
        if isinstance(_location_type, Unset):
            location_type = UNSET
        else:
            location_type = PickupLocationType(_location_type)

        _operational_hours = d.pop("operational_hours", UNSET)
        operational_hours: PickupLocationOperationalHours | Unset
        if isinstance(_operational_hours, Unset):
            operational_hours = UNSET
        else:
            operational_hours = PickupLocationOperationalHours.from_dict(_operational_hours)

        _visiting_contact = d.pop("visiting_contact", UNSET)
        visiting_contact: Contact | Unset
        if isinstance(_visiting_contact, Unset):
            visiting_contact = UNSET
        else:
            visiting_contact = Contact.from_dict(_visiting_contact)

        pickup_location = cls(
            external_id=external_id,
            id=id,
            sections=sections,
            title=title,
            delivery_contact=delivery_contact,
            distances=distances,
            location_type=location_type,
            operational_hours=operational_hours,
            visiting_contact=visiting_contact,
        )

        pickup_location.additional_properties = d
        return pickup_location

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
