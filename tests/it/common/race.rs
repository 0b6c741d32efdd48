//! A session store that holds readers at a gate: armed for `n`, the next `n` reads of a session
//! wait for each other before going on, so `n` concurrent requests are certain to start from
//! the same version and race for the write.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use domain::{Session, SessionId, TransportOrder, TransportOrderId};
use headless_checkout::settings::AuthSettings;
use headless_checkout::startup::{self, SessionStoreLayer};
use ports::{
    Cursor, EtagRead, IdempotencyRecord, OrderCursor, OrderFilter, OrderWrite, OutboxEvent,
    SessionFilter, SessionRepository, StoreError,
};
use tokio::sync::Barrier;

use super::{fresh_database, spawn_app_on, TestApp, MERCHANT};

#[derive(Default)]
pub struct Gate {
    armed: Mutex<Option<(usize, Arc<Barrier>)>>,
    /// Whole sessions read (document and all) since the store was built.
    documents_read: std::sync::atomic::AtomicUsize,
}

impl Gate {
    /// The next `n` session reads meet before any of them returns.
    pub fn arm(&self, n: usize) {
        *self.armed.lock().unwrap() = Some((n, Arc::new(Barrier::new(n))));
    }

    /// How many whole sessions the store has read so far.
    pub fn documents_read(&self) -> usize {
        self.documents_read
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Counts a whole session read, then holds it at the gate when the gate is armed.
    async fn document_read(&self) {
        self.documents_read
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Some(barrier) = self.ticket() {
            barrier.wait().await;
        }
    }

    fn ticket(&self) -> Option<Arc<Barrier>> {
        let mut armed = self.armed.lock().unwrap();
        let (left, barrier) = armed.as_mut()?;
        let barrier = barrier.clone();
        *left -= 1;
        if *left == 0 {
            *armed = None;
        }
        Some(barrier)
    }
}

struct Gated {
    inner: Arc<dyn SessionRepository>,
    gate: Arc<Gate>,
}

#[async_trait]
impl SessionRepository for Gated {
    async fn insert(
        &self,
        session: &Session,
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<(), StoreError> {
        self.inner.insert(session, idempotency).await
    }

    async fn revision(&self, merchant_id: &str, id: SessionId) -> Result<Option<i64>, StoreError> {
        self.inner.revision(merchant_id, id).await
    }

    async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Option<Session>, StoreError> {
        let found = self.inner.get(merchant_id, id).await;
        self.gate.document_read().await;
        found
    }

    async fn get_if_etag(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: &str,
    ) -> Result<Option<EtagRead>, StoreError> {
        let found = self.inner.get_if_etag(merchant_id, id, etag).await;
        // Only a matching read decodes the document, and only it goes on to race for the write.
        if let Ok(Some(EtagRead::Matches(_))) = found {
            self.gate.document_read().await;
        }
        found
    }

    async fn find_all(&self, id: SessionId) -> Result<Vec<Session>, StoreError> {
        self.inner.find_all(id).await
    }

    async fn replace(
        &self,
        session: &Session,
        expected_revision: i64,
        orders: &[OrderWrite],
        events: &[OutboxEvent],
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<bool, StoreError> {
        self.inner
            .replace(session, expected_revision, orders, events, idempotency)
            .await
    }

    async fn order(
        &self,
        merchant_id: &str,
        id: &TransportOrderId,
    ) -> Result<Option<TransportOrder>, StoreError> {
        self.inner.order(merchant_id, id).await
    }

    async fn list_orders(
        &self,
        merchant_id: &str,
        filter: &OrderFilter,
        after: Option<OrderCursor>,
        limit: u64,
    ) -> Result<Vec<TransportOrder>, StoreError> {
        self.inner
            .list_orders(merchant_id, filter, after, limit)
            .await
    }

    async fn list(
        &self,
        merchant_id: &str,
        filter: &SessionFilter,
        after: Option<Cursor>,
        limit: u64,
    ) -> Result<Vec<Session>, StoreError> {
        self.inner.list(merchant_id, filter, after, limit).await
    }

    async fn idempotency(
        &self,
        merchant_id: &str,
        scope: &str,
        request_id: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        self.inner.idempotency(merchant_id, scope, request_id).await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.inner.ping().await
    }
}

/// The real routes over a store whose reads can be gated.
pub async fn spawn_gated_app() -> (TestApp, Arc<Gate>) {
    let gate = Arc::new(Gate::default());
    let layer_gate = gate.clone();
    let layer: SessionStoreLayer = Box::new(move |inner| {
        Arc::new(Gated {
            inner,
            gate: layer_gate,
        })
    });
    let database = fresh_database().await;
    let core = startup::core_layered(
        &database.0,
        database.1.as_deref(),
        Arc::new(config_file::demo()),
        service::system_clock(),
        AuthSettings {
            demo_key_merchant: Some(MERCHANT.into()),
            failure_limit: 10_000,
        },
        startup::Bounds::default(),
        Some(layer),
    )
    .await
    .expect("the service starts");
    (spawn_app_on(core), gate)
}
