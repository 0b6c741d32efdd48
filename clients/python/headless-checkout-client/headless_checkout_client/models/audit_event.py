from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_action import AuditAction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_change import ConfigChange


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """One change to a merchant's delivery configuration or API keys: who made it, when, and
    what it changed. The trail is read from the revisions and keys themselves, so it holds
    every change they record.

        Attributes:
            action (AuditAction): What an audited change did.
            actor (str): `merchants/{merchant}/apiKeys/{key}` for a key's change; `file` for a revision seeded
                from the configuration file; `cli` for a key made or revoked on the command line.
            changes (list[ConfigChange]): For `UPDATE_DELIVERY_CONFIG`: every value the revision changed; empty otherwise.
            create_time (datetime.datetime):
            resource (str): The configuration revision stored, or the key made or revoked.
            name (str | Unset): `merchants/{merchant}/auditEvents/{audit_event}`.
    """

    action: AuditAction
    actor: str
    changes: list[ConfigChange]
    create_time: datetime.datetime
    resource: str
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        actor = self.actor

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        create_time = self.create_time.isoformat()

        resource = self.resource

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "changes": changes,
                "create_time": create_time,
                "resource": resource,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_change import ConfigChange  # noqa: PLC0415

        d = dict(src_dict)
        action = AuditAction(d.pop("action"))

        actor = d.pop("actor")

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ConfigChange.from_dict(changes_item_data)

            changes.append(changes_item)

        create_time = datetime.datetime.fromisoformat(d.pop("create_time"))

        resource = d.pop("resource")

        name = d.pop("name", UNSET)

        audit_event = cls(
            action=action,
            actor=actor,
            changes=changes,
            create_time=create_time,
            resource=resource,
            name=name,
        )

        audit_event.additional_properties = d
        return audit_event

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
