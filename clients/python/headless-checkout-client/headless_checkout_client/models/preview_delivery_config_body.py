from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preview_delivery_config_body_config import PreviewDeliveryConfigBodyConfig
    from ..models.session import Session


T = TypeVar("T", bound="PreviewDeliveryConfigBody")


@_attrs_define
class PreviewDeliveryConfigBody:
    """Body of `deliveryConfig:preview`: a session as create takes it, quoted with `config` (or
    the current configuration when absent). Nothing is stored.

        Attributes:
            session (Session): A checkout session: the purchase, its deliveries and what each delivery is offered.
            config (PreviewDeliveryConfigBodyConfig | Unset): A whole draft configuration, checked as an update would check
                it.
    """

    session: Session
    config: PreviewDeliveryConfigBodyConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        session = self.session.to_dict()

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "session": session,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_delivery_config_body_config import PreviewDeliveryConfigBodyConfig  # noqa: PLC0415
        from ..models.session import Session  # noqa: PLC0415

        d = dict(src_dict)
        session = Session.from_dict(d.pop("session"))

        _config = d.pop("config", UNSET)
        config: PreviewDeliveryConfigBodyConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = PreviewDeliveryConfigBodyConfig.from_dict(_config)

        preview_delivery_config_body = cls(
            session=session,
            config=config,
        )

        return preview_delivery_config_body
