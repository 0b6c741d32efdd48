//! The SIW API (`/v1/siw/`): sessions with the selected shipping option, its price and the
//! result of the selection, and the HTML snippet that embeds the shipping selector.

use poem_openapi::OpenApi;

use super::shared::Backend;

pub struct SiwApi {
    #[allow(dead_code)]
    backend: Backend,
}

impl SiwApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }
}

#[OpenApi]
impl SiwApi {}
