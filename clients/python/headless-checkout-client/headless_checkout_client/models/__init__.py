"""Contains all the data models used in inputs/outputs"""

from .addon import Addon
from .addon_type import AddonType
from .address import Address
from .api_key import ApiKey
from .api_key_scope import ApiKeyScope
from .audit_action import AuditAction
from .audit_event import AuditEvent
from .bad_request import BadRequest
from .choose_delivery_options_body import ChooseDeliveryOptionsBody
from .complete_session_body import CompleteSessionBody
from .config_change import ConfigChange
from .contact import Contact
from .contact_phone_number import ContactPhoneNumber
from .coordinates import Coordinates
from .create_session_from_transport_order_body import CreateSessionFromTransportOrderBody
from .delivery import Delivery
from .delivery_category import DeliveryCategory
from .delivery_category_delivery_type import DeliveryCategoryDeliveryType
from .delivery_category_options_source import DeliveryCategoryOptionsSource
from .delivery_category_warehouse import DeliveryCategoryWarehouse
from .delivery_choice import DeliveryChoice
from .delivery_config import DeliveryConfig
from .delivery_config_config import DeliveryConfigConfig
from .delivery_config_revision import DeliveryConfigRevision
from .delivery_config_revision_config import DeliveryConfigRevisionConfig
from .delivery_config_update import DeliveryConfigUpdate
from .delivery_config_update_config import DeliveryConfigUpdateConfig
from .delivery_option import DeliveryOption
from .delivery_option_carrier import DeliveryOptionCarrier
from .delivery_option_carrier_meta import DeliveryOptionCarrierMeta
from .delivery_promise import DeliveryPromise
from .distance import Distance
from .error_detail_bad_request import ErrorDetailBadRequest
from .error_detail_bad_request_type import ErrorDetailBadRequestType
from .error_detail_error_info import ErrorDetailErrorInfo
from .error_detail_error_info_type import ErrorDetailErrorInfoType
from .error_info import ErrorInfo
from .error_info_metadata import ErrorInfoMetadata
from .error_response import ErrorResponse
from .etd import ETD
from .etd_absolute import ETDAbsolute
from .etd_custom import ETDCustom
from .etd_relative import ETDRelative
from .etd_time_unit import ETDTimeUnit
from .event import Event
from .event_delivery import EventDelivery
from .event_delivery_state import EventDeliveryState
from .field_violation import FieldViolation
from .fulfillment import Fulfillment
from .fulfillment_readiness import FulfillmentReadiness
from .import_pickup_points_request import ImportPickupPointsRequest
from .import_pickup_points_request_pickup_points_item import ImportPickupPointsRequestPickupPointsItem
from .import_pickup_points_response import ImportPickupPointsResponse
from .line_item import LineItem
from .line_item_dimensions import LineItemDimensions
from .list_api_keys_response import ListApiKeysResponse
from .list_audit_events_response import ListAuditEventsResponse
from .list_delivery_config_revisions_response import ListDeliveryConfigRevisionsResponse
from .list_events_response import ListEventsResponse
from .list_pickup_points_response import ListPickupPointsResponse
from .list_sessions_response import ListSessionsResponse
from .list_transport_orders_response import ListTransportOrdersResponse
from .pickup_location import PickupLocation
from .pickup_location_distances import PickupLocationDistances
from .pickup_location_operational_hours import PickupLocationOperationalHours
from .pickup_location_section import PickupLocationSection
from .pickup_location_type import PickupLocationType
from .pickup_point import PickupPoint
from .pickup_point_import_mode import PickupPointImportMode
from .pickup_point_location import PickupPointLocation
from .preview_delivery_config_body import PreviewDeliveryConfigBody
from .preview_delivery_config_body_config import PreviewDeliveryConfigBodyConfig
from .price_component import PriceComponent
from .price_component_type import PriceComponentType
from .refresh_session_body import RefreshSessionBody
from .section_column import SectionColumn
from .section_item import SectionItem
from .session import Session
from .session_purchase import SessionPurchase
from .session_purchase_update import SessionPurchaseUpdate
from .session_state import SessionState
from .session_update import SessionUpdate
from .status import Status
from .transport_order import TransportOrder
from .transport_order_category import TransportOrderCategory
from .transport_order_state import TransportOrderState
from .transport_order_version import TransportOrderVersion
from .view import View

__all__ = (
    "Addon",
    "AddonType",
    "Address",
    "ApiKey",
    "ApiKeyScope",
    "AuditAction",
    "AuditEvent",
    "BadRequest",
    "ChooseDeliveryOptionsBody",
    "CompleteSessionBody",
    "ConfigChange",
    "Contact",
    "ContactPhoneNumber",
    "Coordinates",
    "CreateSessionFromTransportOrderBody",
    "Delivery",
    "DeliveryCategory",
    "DeliveryCategoryDeliveryType",
    "DeliveryCategoryOptionsSource",
    "DeliveryCategoryWarehouse",
    "DeliveryChoice",
    "DeliveryConfig",
    "DeliveryConfigConfig",
    "DeliveryConfigRevision",
    "DeliveryConfigRevisionConfig",
    "DeliveryConfigUpdate",
    "DeliveryConfigUpdateConfig",
    "DeliveryOption",
    "DeliveryOptionCarrier",
    "DeliveryOptionCarrierMeta",
    "DeliveryPromise",
    "Distance",
    "ErrorDetailBadRequest",
    "ErrorDetailBadRequestType",
    "ErrorDetailErrorInfo",
    "ErrorDetailErrorInfoType",
    "ErrorInfo",
    "ErrorInfoMetadata",
    "ErrorResponse",
    "ETD",
    "ETDAbsolute",
    "ETDCustom",
    "ETDRelative",
    "ETDTimeUnit",
    "Event",
    "EventDelivery",
    "EventDeliveryState",
    "FieldViolation",
    "Fulfillment",
    "FulfillmentReadiness",
    "ImportPickupPointsRequest",
    "ImportPickupPointsRequestPickupPointsItem",
    "ImportPickupPointsResponse",
    "LineItem",
    "LineItemDimensions",
    "ListApiKeysResponse",
    "ListAuditEventsResponse",
    "ListDeliveryConfigRevisionsResponse",
    "ListEventsResponse",
    "ListPickupPointsResponse",
    "ListSessionsResponse",
    "ListTransportOrdersResponse",
    "PickupLocation",
    "PickupLocationDistances",
    "PickupLocationOperationalHours",
    "PickupLocationSection",
    "PickupLocationType",
    "PickupPoint",
    "PickupPointImportMode",
    "PickupPointLocation",
    "PreviewDeliveryConfigBody",
    "PreviewDeliveryConfigBodyConfig",
    "PriceComponent",
    "PriceComponentType",
    "RefreshSessionBody",
    "SectionColumn",
    "SectionItem",
    "Session",
    "SessionPurchase",
    "SessionPurchaseUpdate",
    "SessionState",
    "SessionUpdate",
    "Status",
    "TransportOrder",
    "TransportOrderCategory",
    "TransportOrderState",
    "TransportOrderVersion",
    "View",
)
