//! Errors of the use cases, free of any transport: each surface maps them to its wire format.

use domain::FieldViolation;
use ports::StoreError;

/// Why an operation did not happen. Every variant carries enough for a client to act on it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ServiceError {
    #[error("{message}")]
    InvalidArgument {
        message: String,
        violations: Vec<FieldViolation>,
    },
    #[error("{resource} `{name}` was not found")]
    NotFound {
        resource: &'static str,
        name: String,
    },
    #[error("{message}")]
    AlreadyExists { message: String, name: String },
    /// The etag the client sent is not the current one, or concurrent writers kept winning.
    #[error("{message}")]
    Aborted {
        reason: AbortReason,
        message: String,
        current_etag: Option<String>,
    },
    #[error("{message}")]
    FailedPrecondition {
        reason: &'static str,
        message: String,
    },
    /// No credential, or one that is not valid.
    #[error("{message}")]
    Unauthenticated { message: String },
    /// A valid credential that may not do this (a session token on a merchant method).
    #[error("{message}")]
    PermissionDenied { message: String },
    #[error("{message}")]
    ResourceExhausted {
        message: String,
        retry_after_secs: u64,
    },
    /// The store cannot be reached now; a retry later may succeed. The detail (the driver's
    /// words) is for the log, never for the client.
    #[error("the database is unavailable; retry shortly")]
    Unavailable(String),
    /// A fault of this service. The detail is for the log, never for the client.
    #[error("an internal error occurred")]
    Internal(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbortReason {
    EtagMismatch,
    ConcurrentModification,
}

impl AbortReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EtagMismatch => "ETAG_MISMATCH",
            Self::ConcurrentModification => "CONCURRENT_MODIFICATION",
        }
    }
}

impl ServiceError {
    pub fn invalid(field: impl Into<String>, description: impl Into<String>) -> Self {
        let violation = FieldViolation::new(field, description);
        Self::InvalidArgument {
            message: violation.to_string(),
            violations: vec![violation],
        }
    }

    pub fn invalid_all(violations: Vec<FieldViolation>) -> Self {
        let message = match violations.as_slice() {
            [one] => one.to_string(),
            many => format!(
                "{} invalid fields: {}",
                many.len(),
                many.iter()
                    .map(|v| v.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Self::InvalidArgument {
            message,
            violations,
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::AlreadyExists => ServiceError::AlreadyExists {
                message: "the resource already exists".into(),
                name: String::new(),
            },
            StoreError::Corrupt(m) => ServiceError::Internal(format!("stored data: {m}")),
            StoreError::Refused(m) => ServiceError::Internal(format!("database refused: {m}")),
            StoreError::Unavailable(m) => ServiceError::Unavailable(m),
        }
    }
}
