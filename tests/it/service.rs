//! The session service without HTTP: concurrent read-modify-write loses no update, and time
//! comes from the injected clock.

use std::sync::Arc;

use config_file::demo as demo_config;
use domain::{SessionDraft, SessionId};
use headless_checkout::startup;
use service::{AbortReason, ServiceError, SessionService};
use time::macros::datetime;

fn draft_of(session: &domain::Session) -> SessionDraft {
    SessionDraft {
        purchase: session.purchase.clone(),
        deliveries: session
            .deliveries
            .iter()
            .map(|d| domain::DeliveryDraft {
                id: d.id.clone(),
                line_items: d.line_items.clone(),
                fulfillments: d.fulfillments.clone(),
                recipient_contact: d.recipient_contact.clone(),
                attributes: d.attributes.clone(),
            })
            .collect(),
        search_address: session.search_address.clone(),
        external_id: session.external_id.clone(),
        checkout: None,
    }
}

async fn created(service: &SessionService) -> domain::Session {
    let app_session = {
        let app = crate::common::spawn_app().await;
        let (id, _, _) = app.create().await;
        app.service
            .get(crate::common::MERCHANT, SessionId::parse(&id).unwrap())
            .await
            .unwrap()
    };
    service
        .create(crate::common::MERCHANT, draft_of(&app_session), None, None)
        .await
        .unwrap()
}

#[tokio::test]
async fn concurrent_voucher_additions_without_etags_lose_none() {
    let service = crate::common::service().await;
    let session = created(&service).await;
    let writers = 20;
    let tasks: Vec<_> = (0..writers)
        .map(|i| {
            let service = service.clone();
            let id = session.id;
            tokio::spawn(async move {
                service
                    .update(crate::common::MERCHANT, id, None, |current| {
                        let mut draft = draft_of(current);
                        draft.purchase.vouchers.push(format!("V{i}"));
                        Ok(draft)
                    })
                    .await
                    .map(|_| ())
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let after = service
        .get(crate::common::MERCHANT, session.id)
        .await
        .unwrap();
    let mut vouchers = after.purchase.vouchers.clone();
    vouchers.sort();
    let mut expected: Vec<String> = (0..writers).map(|i| format!("V{i}")).collect();
    expected.sort();
    assert_eq!(vouchers, expected, "every concurrent addition landed");
    assert_eq!(after.revision, session.revision + writers as i64);
}

#[tokio::test]
async fn a_stale_etag_is_aborted_with_the_current_one() {
    let service = crate::common::service().await;
    let session = created(&service).await;
    let stale = session.etag();
    let updated = service
        .update(crate::common::MERCHANT, session.id, Some(&stale), |c| {
            Ok(draft_of(c))
        })
        .await
        .unwrap();
    let err = service
        .update(crate::common::MERCHANT, session.id, Some(&stale), |c| {
            Ok(draft_of(c))
        })
        .await
        .unwrap_err();
    match err {
        ServiceError::Aborted {
            reason,
            current_etag,
            ..
        } => {
            assert_eq!(reason, AbortReason::EtagMismatch);
            assert_eq!(current_etag, Some(updated.etag()));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn times_come_from_the_clock() {
    let (url, schema) = crate::common::fresh_database().await;
    let now = datetime!(2026-03-29 00:30:00 UTC);
    let service = startup::core(
        &url,
        schema.as_deref(),
        Arc::new(demo_config()),
        Arc::new(move || now),
        headless_checkout::settings::AuthSettings::demo(),
    )
    .await
    .unwrap()
    .sessions;
    let session = created(&service).await;
    assert_eq!(session.create_time, now);
    assert_eq!(session.update_time, now);
    // The demo merchant quotes for 60 minutes.
    assert_eq!(
        session.expire_time,
        Some(datetime!(2026-03-29 01:30:00 UTC))
    );
}
