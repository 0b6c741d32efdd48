//! An in-memory session repository with the store's semantics (compare-and-swap on the
//! revision, orders and idempotency records in the same write), and a way to make another
//! writer win the next race.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use domain::{Session, SessionId, TransportOrder, TransportOrderId};
use ports::{
    Cursor, EtagRead, IdempotencyRecord, OrderCursor, OrderFilter, OrderWrite, OutboxEvent,
    SessionFilter, SessionRepository, StoreError,
};

/// Sessions by (merchant, id), as the store keys them: ids are unique per merchant only.
type SessionKey = (String, SessionId);

fn key_of(session: &Session) -> SessionKey {
    (session.merchant_id.clone(), session.id)
}

#[derive(Default)]
struct State {
    sessions: HashMap<SessionKey, Session>,
    orders: HashMap<TransportOrderId, TransportOrder>,
    records: HashMap<(String, String, String), IdempotencyRecord>,
    events: Vec<OutboxEvent>,
}

#[derive(Default)]
pub struct Memory {
    state: Mutex<State>,
    /// Writes that committed.
    pub writes: AtomicUsize,
    /// Inserts that committed.
    pub inserts: AtomicUsize,
    /// When set, the next read is followed by a write of another request (a revision bump).
    interfere: Mutex<bool>,
}

impl Memory {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Another request writes the session right after the next read.
    pub fn interfere_once(&self) {
        *self.interfere.lock().unwrap() = true;
    }

    /// The session with this id, of whichever merchant (the tests here use one per id).
    pub fn stored(&self, id: SessionId) -> Option<Session> {
        self.state
            .lock()
            .unwrap()
            .sessions
            .values()
            .find(|s| s.id == id)
            .cloned()
    }

    pub fn events(&self) -> Vec<OutboxEvent> {
        self.state.lock().unwrap().events.clone()
    }

    pub fn orders(&self) -> Vec<TransportOrder> {
        self.state
            .lock()
            .unwrap()
            .orders
            .values()
            .cloned()
            .collect()
    }
}

#[async_trait]
impl SessionRepository for Memory {
    async fn insert(
        &self,
        session: &Session,
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<(), StoreError> {
        let mut state = self.state.lock().unwrap();
        if state.sessions.contains_key(&key_of(session)) {
            return Err(StoreError::AlreadyExists);
        }
        if let Some(r) = idempotency {
            let key = (r.merchant_id.clone(), r.scope.clone(), r.request_id.clone());
            if state.records.contains_key(&key) {
                return Err(StoreError::AlreadyExists);
            }
            state.records.insert(key, r.clone());
        }
        state.sessions.insert(key_of(session), session.clone());
        self.inserts.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    async fn revision(&self, merchant_id: &str, id: SessionId) -> Result<Option<i64>, StoreError> {
        let state = self.state.lock().unwrap();
        Ok(state
            .sessions
            .get(&(merchant_id.to_owned(), id))
            .map(|s| s.revision))
    }

    async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Option<Session>, StoreError> {
        let mut state = self.state.lock().unwrap();
        let key = (merchant_id.to_owned(), id);
        let found = state.sessions.get(&key).cloned();
        let mut interfere = self.interfere.lock().unwrap();
        if *interfere {
            *interfere = false;
            if let Some(s) = state.sessions.get_mut(&key) {
                s.revision += 1;
            }
        }
        Ok(found)
    }

    async fn get_if_etag(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: &str,
    ) -> Result<Option<EtagRead>, StoreError> {
        Ok(self.get(merchant_id, id).await?.map(|s| {
            if s.etag() == etag {
                EtagRead::Matches(Box::new(s))
            } else {
                EtagRead::Stale {
                    revision: s.revision,
                }
            }
        }))
    }

    async fn find_all(&self, id: SessionId) -> Result<Vec<Session>, StoreError> {
        Ok(self
            .state
            .lock()
            .unwrap()
            .sessions
            .values()
            .filter(|s| s.id == id)
            .cloned()
            .collect())
    }

    async fn replace(
        &self,
        session: &Session,
        expected_revision: i64,
        orders: &[OrderWrite],
        events: &[OutboxEvent],
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<bool, StoreError> {
        let mut state = self.state.lock().unwrap();
        let current = state.sessions.get(&key_of(session)).map(|s| s.revision);
        if current != Some(expected_revision) {
            return Ok(false);
        }
        for write in orders {
            if let OrderWrite::Amend {
                order,
                expected_revision,
            } = write
            {
                let stored = state
                    .orders
                    .get(&order.id)
                    .filter(|o| o.merchant_id == order.merchant_id);
                if stored.map(|o| o.revision) != Some(*expected_revision) {
                    return Ok(false);
                }
            }
        }
        if let Some(r) = idempotency {
            let key = (r.merchant_id.clone(), r.scope.clone(), r.request_id.clone());
            if state.records.contains_key(&key) {
                return Err(StoreError::AlreadyExists);
            }
            state.records.insert(key, r.clone());
        }
        for write in orders {
            let order = match write {
                OrderWrite::Insert(o) => o.clone(),
                OrderWrite::Amend {
                    order,
                    expected_revision,
                } => {
                    let mut o = order.clone();
                    o.revision = expected_revision + 1;
                    o
                }
            };
            state.orders.insert(order.id.clone(), order);
        }
        state.events.extend(events.iter().cloned());
        let mut stored = session.clone();
        stored.revision = expected_revision + 1;
        state.sessions.insert(key_of(&stored), stored);
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(true)
    }

    async fn order(
        &self,
        merchant_id: &str,
        id: &TransportOrderId,
    ) -> Result<Option<TransportOrder>, StoreError> {
        Ok(self
            .state
            .lock()
            .unwrap()
            .orders
            .get(id)
            .filter(|o| o.merchant_id == merchant_id)
            .cloned())
    }

    async fn list_orders(
        &self,
        _merchant_id: &str,
        _filter: &OrderFilter,
        _after: Option<OrderCursor>,
        _limit: u64,
    ) -> Result<Vec<TransportOrder>, StoreError> {
        Ok(Vec::new())
    }

    async fn list(
        &self,
        _merchant_id: &str,
        _filter: &SessionFilter,
        _after: Option<Cursor>,
        _limit: u64,
    ) -> Result<Vec<Session>, StoreError> {
        Ok(Vec::new())
    }

    async fn idempotency(
        &self,
        merchant_id: &str,
        scope: &str,
        request_id: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        let key = (
            merchant_id.to_owned(),
            scope.to_owned(),
            request_id.to_owned(),
        );
        Ok(self.state.lock().unwrap().records.get(&key).cloned())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
