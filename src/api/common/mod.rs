//! What every surface shares: the google.rpc.Status error envelope, the JSON body extractor that
//! names the failing field, custom-method (`:verb`) routing, request tracing and page tokens.

pub mod error;
pub mod json;
pub mod page_token;
pub mod routing;
pub mod trace;

pub use error::{ApiError, ErrorStatus};
pub use json::JsonBody;
