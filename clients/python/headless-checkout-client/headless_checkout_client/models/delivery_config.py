from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_config_config import DeliveryConfigConfig


T = TypeVar("T", bound="DeliveryConfig")


@_attrs_define
class DeliveryConfig:
    """A merchant's delivery configuration (a singleton, `merchants/{merchant}/deliveryConfig`):
    warehouses, carrier products, categories with prices, addons, vouchers, webhooks and rate
    providers. Each accepted update is a new revision, served at once by every replica.

        Attributes:
            config (DeliveryConfigConfig):
            author (str | Unset): Who stored this revision: `apiKeys/{key_id}`, or `file` for the configuration file's.
            etag (str | Unset): Send it back on update to make the change conditional: a stale etag is refused with
                ABORTED (409) and nothing is stored.
            name (str | Unset): `merchants/{merchant}/deliveryConfig`.
            revision (str | Unset): The stored revision this is: 1 for the first, one more for each accepted change.
            revision_name (str | Unset): The revision's resource name, `merchants/{merchant}/deliveryConfig/revisions/{n}`.
            update_time (datetime.datetime | Unset):
    """

    config: DeliveryConfigConfig
    author: str | Unset = UNSET
    etag: str | Unset = UNSET
    name: str | Unset = UNSET
    revision: str | Unset = UNSET
    revision_name: str | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config = self.config.to_dict()

        author = self.author

        etag = self.etag

        name = self.name

        revision = self.revision

        revision_name = self.revision_name

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "config": config,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if etag is not UNSET:
            field_dict["etag"] = etag
        if name is not UNSET:
            field_dict["name"] = name
        if revision is not UNSET:
            field_dict["revision"] = revision
        if revision_name is not UNSET:
            field_dict["revision_name"] = revision_name
        if update_time is not UNSET:
            field_dict["update_time"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_config_config import DeliveryConfigConfig  # noqa: PLC0415

        d = dict(src_dict)
        config = DeliveryConfigConfig.from_dict(d.pop("config"))

        author = d.pop("author", UNSET)

        etag = d.pop("etag", UNSET)

        name = d.pop("name", UNSET)

        revision = d.pop("revision", UNSET)

        revision_name = d.pop("revision_name", UNSET)

        _update_time = d.pop("update_time", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        delivery_config = cls(
            config=config,
            author=author,
            etag=etag,
            name=name,
            revision=revision,
            revision_name=revision_name,
            update_time=update_time,
        )

        delivery_config.additional_properties = d
        return delivery_config

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
