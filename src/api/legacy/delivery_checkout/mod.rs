//! The Delivery Checkout API (`/v1/delivery_checkout/`): sessions split into delivery groups,
//! one per shipment, each with its own selection, price and transport order.

use poem_openapi::OpenApi;

use super::shared::Backend;

pub struct DeliveryCheckoutApi {
    #[allow(dead_code)]
    backend: Backend,
}

impl DeliveryCheckoutApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }
}

#[OpenApi]
impl DeliveryCheckoutApi {}
