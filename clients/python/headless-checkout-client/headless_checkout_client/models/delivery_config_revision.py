from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_change import ConfigChange
    from ..models.delivery_config_revision_config import DeliveryConfigRevisionConfig


T = TypeVar("T", bound="DeliveryConfigRevision")


@_attrs_define
class DeliveryConfigRevision:
    """One stored revision of a merchant's delivery configuration, with who made it and what it
    changed: the configuration's audit trail. Roll back by updating the configuration with an
    earlier revision's `config`.

        Attributes:
            author (str): `apiKeys/{key_id}`, or `file` for the configuration file's.
            changes (list[ConfigChange]): What this revision changed from the one before; empty for the first.
            config (DeliveryConfigRevisionConfig):
            revision (str):
            create_time (datetime.datetime | Unset):
            name (str | Unset): `merchants/{merchant}/deliveryConfig/revisions/{revision}`.
    """

    author: str
    changes: list[ConfigChange]
    config: DeliveryConfigRevisionConfig
    revision: str
    create_time: datetime.datetime | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        config = self.config.to_dict()

        revision = self.revision

        create_time: str | Unset = UNSET
        if not isinstance(self.create_time, Unset):
            create_time = self.create_time.isoformat()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "changes": changes,
                "config": config,
                "revision": revision,
            }
        )
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_change import ConfigChange  # noqa: PLC0415
        from ..models.delivery_config_revision_config import DeliveryConfigRevisionConfig  # noqa: PLC0415

        d = dict(src_dict)
        author = d.pop("author")

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ConfigChange.from_dict(changes_item_data)

            changes.append(changes_item)

        config = DeliveryConfigRevisionConfig.from_dict(d.pop("config"))

        revision = d.pop("revision")

        _create_time = d.pop("create_time", UNSET)
        create_time: datetime.datetime | Unset
        if isinstance(_create_time, Unset):
            create_time = UNSET
        else:
            create_time = datetime.datetime.fromisoformat(_create_time)

        name = d.pop("name", UNSET)

        delivery_config_revision = cls(
            author=author,
            changes=changes,
            config=config,
            revision=revision,
            create_time=create_time,
            name=name,
        )

        delivery_config_revision.additional_properties = d
        return delivery_config_revision

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
