//! The COS API (`/v1/cos/`): sessions with choices, shipping categories and options, the result
//! of the selection, pickup-location search and transport-order re-opening.

use poem_openapi::OpenApi;

use super::shared::Backend;

pub struct CosApi {
    #[allow(dead_code)]
    backend: Backend,
}

impl CosApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }
}

#[OpenApi]
impl CosApi {}
