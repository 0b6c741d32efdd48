from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_category_delivery_type import DeliveryCategoryDeliveryType
from ..models.delivery_category_options_source import DeliveryCategoryOptionsSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.addon import Addon
    from ..models.delivery_category_warehouse import DeliveryCategoryWarehouse
    from ..models.delivery_option import DeliveryOption


T = TypeVar("T", bound="DeliveryCategory")


@_attrs_define
class DeliveryCategory:
    """A group of options of one delivery type, e.g. "Pickup point".

    Attributes:
        addons (list[Addon]):
        chosen (bool):
        delivery_options (list[DeliveryOption]):
        delivery_type (DeliveryCategoryDeliveryType):
        display_name (str): In the session's preferred locale.
        id (str):
        options_source (DeliveryCategoryOptionsSource):
        preselected (bool):
        sort_order (int):
        external_id (str | Unset):
        warehouse (DeliveryCategoryWarehouse | Unset): The warehouse this category ships from.
    """

    addons: list[Addon]
    chosen: bool
    delivery_options: list[DeliveryOption]
    delivery_type: DeliveryCategoryDeliveryType
    display_name: str
    id: str
    options_source: DeliveryCategoryOptionsSource
    preselected: bool
    sort_order: int
    external_id: str | Unset = UNSET
    warehouse: DeliveryCategoryWarehouse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        addons = []
        for addons_item_data in self.addons:
            addons_item = addons_item_data.to_dict()
            addons.append(addons_item)

        chosen = self.chosen

        delivery_options = []
        for delivery_options_item_data in self.delivery_options:
            delivery_options_item = delivery_options_item_data.to_dict()
            delivery_options.append(delivery_options_item)

        delivery_type = self.delivery_type.value

        display_name = self.display_name

        id = self.id

        options_source = self.options_source.value

        preselected = self.preselected

        sort_order = self.sort_order

        external_id = self.external_id

        warehouse: dict[str, Any] | Unset = UNSET
        if not isinstance(self.warehouse, Unset):
            warehouse = self.warehouse.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "addons": addons,
                "chosen": chosen,
                "delivery_options": delivery_options,
                "delivery_type": delivery_type,
                "display_name": display_name,
                "id": id,
                "options_source": options_source,
                "preselected": preselected,
                "sort_order": sort_order,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if warehouse is not UNSET:
            field_dict["warehouse"] = warehouse

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.addon import Addon  # noqa: PLC0415
        from ..models.delivery_category_warehouse import DeliveryCategoryWarehouse  # noqa: PLC0415
        from ..models.delivery_option import DeliveryOption  # noqa: PLC0415

        d = dict(src_dict)
        addons = []
        _addons = d.pop("addons")
        for addons_item_data in _addons:
            addons_item = Addon.from_dict(addons_item_data)

            addons.append(addons_item)

        chosen = d.pop("chosen")

        delivery_options = []
        _delivery_options = d.pop("delivery_options")
        for delivery_options_item_data in _delivery_options:
            delivery_options_item = DeliveryOption.from_dict(delivery_options_item_data)

            delivery_options.append(delivery_options_item)

        delivery_type = DeliveryCategoryDeliveryType(d.pop("delivery_type"))

        display_name = d.pop("display_name")

        id = d.pop("id")

        options_source = DeliveryCategoryOptionsSource(d.pop("options_source"))

        preselected = d.pop("preselected")

        sort_order = d.pop("sort_order")

        external_id = d.pop("external_id", UNSET)

        _warehouse = d.pop("warehouse", UNSET)
        warehouse: DeliveryCategoryWarehouse | Unset
        if isinstance(_warehouse, Unset):
            warehouse = UNSET
        else:
            warehouse = DeliveryCategoryWarehouse.from_dict(_warehouse)

        delivery_category = cls(
            addons=addons,
            chosen=chosen,
            delivery_options=delivery_options,
            delivery_type=delivery_type,
            display_name=display_name,
            id=id,
            options_source=options_source,
            preselected=preselected,
            sort_order=sort_order,
            external_id=external_id,
            warehouse=warehouse,
        )

        delivery_category.additional_properties = d
        return delivery_category

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
