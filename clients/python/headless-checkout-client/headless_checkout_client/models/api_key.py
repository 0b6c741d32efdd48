from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.api_key_scope import ApiKeyScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKey")


@_attrs_define
class ApiKey:
    """One of the merchant's API keys. The secret is shown once, in the answer that creates it.

    Attributes:
        scopes (list[ApiKeyScope]):
        create_time (datetime.datetime | Unset):
        creator (str | Unset): The key that created it (`merchants/{merchant}/apiKeys/{key_id}`); absent for a key
            made with the command line.
        key (str | Unset): The whole key (`hck_{key_id}_{secret}`, or `hck_test_{key_id}_{secret}` for a test
            key): only in the answer of the create.
        name (str | Unset): `merchants/{merchant}/apiKeys/{key_id}`; the key id is the key's public part.
        revoke_time (datetime.datetime | Unset): When it was revoked; requests with it fail from then on.
        revoker (str | Unset): The key that revoked it; absent while it is active or when the command line did.
        test (bool | Unset): A test key works on the merchant's test sessions, transport orders and events only, a
            live key on its live ones only; the configuration serves both. Set on create, by default
            to the mode of the key that creates it; a test key creates test keys only.
    """

    scopes: list[ApiKeyScope]
    create_time: datetime.datetime | Unset = UNSET
    creator: str | Unset = UNSET
    key: str | Unset = UNSET
    name: str | Unset = UNSET
    revoke_time: datetime.datetime | Unset = UNSET
    revoker: str | Unset = UNSET
    test: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        create_time: str | Unset = UNSET
        if not isinstance(self.create_time, Unset):
            create_time = self.create_time.isoformat()

        creator = self.creator

        key = self.key

        name = self.name

        revoke_time: str | Unset = UNSET
        if not isinstance(self.revoke_time, Unset):
            revoke_time = self.revoke_time.isoformat()

        revoker = self.revoker

        test = self.test

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scopes": scopes,
            }
        )
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if creator is not UNSET:
            field_dict["creator"] = creator
        if key is not UNSET:
            field_dict["key"] = key
        if name is not UNSET:
            field_dict["name"] = name
        if revoke_time is not UNSET:
            field_dict["revoke_time"] = revoke_time
        if revoker is not UNSET:
            field_dict["revoker"] = revoker
        if test is not UNSET:
            field_dict["test"] = test

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = ApiKeyScope(scopes_item_data)

            scopes.append(scopes_item)

        _create_time = d.pop("create_time", UNSET)
        create_time: datetime.datetime | Unset
        if isinstance(_create_time, Unset):
            create_time = UNSET
        else:
            create_time = datetime.datetime.fromisoformat(_create_time)

        creator = d.pop("creator", UNSET)

        key = d.pop("key", UNSET)

        name = d.pop("name", UNSET)

        _revoke_time = d.pop("revoke_time", UNSET)
        revoke_time: datetime.datetime | Unset
        if isinstance(_revoke_time, Unset):
            revoke_time = UNSET
        else:
            revoke_time = datetime.datetime.fromisoformat(_revoke_time)

        revoker = d.pop("revoker", UNSET)

        test = d.pop("test", UNSET)

        api_key = cls(
            scopes=scopes,
            create_time=create_time,
            creator=creator,
            key=key,
            name=name,
            revoke_time=revoke_time,
            revoker=revoker,
            test=test,
        )

        return api_key
