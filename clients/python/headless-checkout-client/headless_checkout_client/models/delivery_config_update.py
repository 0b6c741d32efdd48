from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_config_update_config import DeliveryConfigUpdateConfig


T = TypeVar("T", bound="DeliveryConfigUpdate")


@_attrs_define
class DeliveryConfigUpdate:
    """The body of a configuration update. `update_mask` names what to write, as paths under
    `config` (`config.categories`, `config.quote_validity_minutes`, or `*`); without it the
    members present in `config` are written. Lists are replaced whole.

        Attributes:
            author (str | Unset):
            config (DeliveryConfigUpdateConfig | Unset):
            etag (str | Unset): The version the update applies to: a stale etag is refused with ABORTED (409).
            name (str | Unset):
            revision (str | Unset):
            revision_name (str | Unset):
            update_time (datetime.datetime | Unset):
    """

    author: str | Unset = UNSET
    config: DeliveryConfigUpdateConfig | Unset = UNSET
    etag: str | Unset = UNSET
    name: str | Unset = UNSET
    revision: str | Unset = UNSET
    revision_name: str | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        etag = self.etag

        name = self.name

        revision = self.revision

        revision_name = self.revision_name

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if author is not UNSET:
            field_dict["author"] = author
        if config is not UNSET:
            field_dict["config"] = config
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
        from ..models.delivery_config_update_config import DeliveryConfigUpdateConfig  # noqa: PLC0415

        d = dict(src_dict)
        author = d.pop("author", UNSET)

        _config = d.pop("config", UNSET)
        config: DeliveryConfigUpdateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = DeliveryConfigUpdateConfig.from_dict(_config)

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

        delivery_config_update = cls(
            author=author,
            config=config,
            etag=etag,
            name=name,
            revision=revision,
            revision_name=revision_name,
            update_time=update_time,
        )

        return delivery_config_update
