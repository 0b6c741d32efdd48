//! Reading transport orders: one by id, or a page of a merchant's.

use domain::{TransportOrder, TransportOrderId};
use ports::{OrderCursor, OrderFilter};

use crate::error::ServiceError;
use crate::paging::{split_page, MAX_PAGE_SIZE};
use crate::SessionService;

impl SessionService {
    /// # Errors
    /// `NotFound` for an order that does not exist or belongs to another merchant.
    pub async fn order(
        &self,
        merchant_id: &str,
        id: &TransportOrderId,
    ) -> Result<TransportOrder, ServiceError> {
        self.repo
            .order(merchant_id, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound {
                resource: "transport order",
                name: id.resource_name(),
            })
    }

    /// A page of the merchant's orders matching `filter`, newest first, with where the next
    /// page starts.
    ///
    /// # Errors
    /// `Unavailable` when the store cannot be read.
    pub async fn list_orders(
        &self,
        merchant_id: &str,
        filter: &OrderFilter,
        after: Option<OrderCursor>,
        page_size: u64,
    ) -> Result<(Vec<TransportOrder>, Option<OrderCursor>), ServiceError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE);
        let rows = self
            .repo
            .list_orders(merchant_id, filter, after, size + 1)
            .await?;
        Ok(split_page(rows, size, |o| OrderCursor {
            create_time: o.create_time,
            id: o.id.clone(),
        }))
    }
}
