//! The HTTP surfaces. Each translates its wire format onto the shared service; `common` holds
//! what they share (error envelope, request ids, custom-method routing).

pub mod common;
pub mod demo;
pub mod examples;
pub mod headless;
pub mod legacy;
pub mod widget;
