from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.fulfillment_readiness import FulfillmentReadiness


T = TypeVar("T", bound="Fulfillment")


@_attrs_define
class Fulfillment:
    """
    Attributes:
        readiness (FulfillmentReadiness): When the goods are ready to ship; delivery promises count from here.
    """

    readiness: FulfillmentReadiness

    def to_dict(self) -> dict[str, Any]:
        readiness = self.readiness.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "readiness": readiness,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fulfillment_readiness import FulfillmentReadiness  # noqa: PLC0415

        d = dict(src_dict)
        readiness = FulfillmentReadiness.from_dict(d.pop("readiness"))

        fulfillment = cls(
            readiness=readiness,
        )

        return fulfillment
