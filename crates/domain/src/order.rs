//! Transport orders: what a warehouse books and ships from, one per completed delivery, with the
//! history of every version a re-opened checkout wrote.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::ids::{SessionId, TransportOrderId};
use super::money::Money;
use super::session::{
    Addon, Address, DeliveryDraft, DeliveryOption, DeliveryType, Purchase, Warehouse,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderState {
    /// Created by the completion of a checkout.
    Created,
    /// Changed since by the completion of a checkout re-opened from it.
    Amended,
}

impl OrderState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "CREATED",
            Self::Amended => "AMENDED",
        }
    }
}

/// The category an order ships in, as the customer saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderCategory {
    pub id: String,
    pub external_id: Option<String>,
    pub display_name: String,
    pub delivery_type: DeliveryType,
}

/// Everything a completion decided for one delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderContent {
    /// The session whose completion wrote this version.
    pub session_id: SessionId,
    pub purchase: Purchase,
    /// The goods, the recipient and readiness, as the session described the delivery.
    pub delivery: DeliveryDraft,
    pub search_address: Option<Address>,
    pub external_id: Option<String>,
    pub category: OrderCategory,
    /// The chosen option with its carrier, pickup location, price breakdown and promises.
    pub option: DeliveryOption,
    pub addons: Vec<Addon>,
    /// The sender.
    pub warehouse: Option<Warehouse>,
}

impl OrderContent {
    /// Shipping plus the chosen addons; `None` when the sum does not fit.
    pub fn total_price(&self) -> Option<Money> {
        Money::checked_sum(
            std::iter::once(self.option.price).chain(self.addons.iter().map(|a| a.price)),
        )
    }
}

/// An earlier version of an order, kept when a re-opened checkout replaced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderVersion {
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub time: OffsetDateTime,
    pub content: OrderContent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransportOrder {
    /// The `tos_id` of the legacy surfaces.
    pub id: TransportOrderId,
    pub merchant_id: String,
    pub state: OrderState,
    /// 1 on creation, one more for each amendment.
    pub version: i64,
    pub content: OrderContent,
    /// Earlier versions, oldest first.
    pub history: Vec<OrderVersion>,
    #[serde(with = "time::serde::rfc3339")]
    pub create_time: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub update_time: OffsetDateTime,
    /// Counts committed writes; compared-and-swapped like a session's.
    pub revision: i64,
}

impl TransportOrder {
    /// A new order from a completion.
    pub fn new(
        id: TransportOrderId,
        merchant_id: String,
        content: OrderContent,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            merchant_id,
            state: OrderState::Created,
            version: 1,
            content,
            history: Vec::new(),
            create_time: now,
            update_time: now,
            revision: 1,
        }
    }

    /// This order amended by a re-opened checkout: the current content moves to the history.
    pub fn amended(&self, content: OrderContent, now: OffsetDateTime) -> Self {
        let mut next = self.clone();
        next.history.push(OrderVersion {
            version: self.version,
            time: self.update_time,
            content: self.content.clone(),
        });
        next.content = content;
        next.version += 1;
        next.state = OrderState::Amended;
        next.update_time = now.max(self.update_time);
        next.revision += 1;
        next
    }

    pub fn resource_name(&self) -> String {
        self.id.resource_name()
    }

    /// The AIP-154 etag, derived like a session's from the id and revision.
    pub fn etag(&self) -> String {
        super::session::etag_of(self.id.as_str().as_bytes(), self.revision)
    }
}
