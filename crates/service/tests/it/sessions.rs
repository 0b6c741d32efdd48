//! The commands, one rule at a time: what each writes, what it refuses, and how each write
//! condition meets a concurrent writer.

use std::sync::atomic::Ordering;

use domain::{
    AddressDraft, CartSplit, DeliveryChoice, Money, OptionRef, SessionState, TransportOrderId,
};
use service::{
    AbortReason, AddressFields, AddressPatch, CheckoutChange, Complete, Condition, CreateFromOrder,
    CreateSession, DeliveryRef, Expect, NewSession, Pick, Selection, ServiceError, SessionChange,
    SessionPatch, ShipFrom, UpdateSession,
};
use time::macros::datetime;

use super::*;

async fn create_draft(service: &SessionService) -> domain::Session {
    service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Draft(draft()),
                request: None,
            },
        )
        .await
        .unwrap()
}

async fn create_cart(service: &SessionService, split: CartSplit) -> domain::Session {
    let items = vec![
        cart_item("A", 10_000, Some("sto-central")),
        cart_item("B", 20_000, Some("gbg-west")),
    ];
    service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Cart(checkout(cart(items), split)),
                request: None,
            },
        )
        .await
        .unwrap()
}

fn patch(p: SessionPatch) -> UpdateSession {
    UpdateSession {
        change: SessionChange::Patch(p),
        picks: vec![],
    }
}

fn checkout_change(c: CheckoutChange) -> UpdateSession {
    UpdateSession {
        change: SessionChange::Checkout(c),
        picks: vec![],
    }
}

#[tokio::test]
async fn a_cart_ships_as_one_delivery_or_as_groups_by_site() {
    let (service, _) = service();
    let single = create_cart(&service, CartSplit::Single).await;
    assert_eq!(single.deliveries.len(), 1);
    assert_eq!(single.deliveries[0].id, "main");
    assert_eq!(single.deliveries[0].line_items.len(), 2);
    assert_eq!(single.purchase.total_value, Some(Money::from_minor(45_000)));
    assert_eq!(
        single
            .checkout
            .cart
            .as_ref()
            .and_then(|c| c.currency.clone()),
        Some("SEK".parse().unwrap()),
        "the stored cart carries the purchase currency"
    );
    let groups = create_cart(&service, CartSplit::BySiteAndDate).await;
    assert_eq!(groups.deliveries.len(), 2);
    assert!(groups.deliveries.iter().all(|d| d.id.starts_with("dg-")));
    assert!(groups.deliveries[1]
        .attributes
        .contains(&"warehouse:gbg-west".to_owned()));
    assert!(!groups.deliveries[0].delivery_categories.is_empty());
}

#[tokio::test]
async fn a_cart_in_another_currency_is_refused_with_the_surfaces_findings() {
    let (service, repo) = service();
    let mut input = cart(vec![cart_item("A", 1, None)]);
    input.cart.currency = Some("EUR".parse().unwrap());
    input.problems = vec![domain::FieldViolation::new("cart.cart_id", "is required")];
    let err = service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Cart(checkout(input, CartSplit::Single)),
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["cart.cart_id", "cart.currency"]);
    assert_eq!(repo.inserts.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_customer_becomes_every_recipient_and_a_search_address_defaults_to_the_purchase_country()
{
    let (service, _) = service();
    let s = create_cart(&service, CartSplit::BySiteAndDate).await;
    let change = CheckoutChange {
        customer: Some(customer()),
        search_address: Some(AddressDraft {
            country_code: None,
            postal_code: Some("41304".into()),
            ..AddressDraft::from(domain::Address::in_country(sweden()))
        }),
        external_id: Some(Some("order-9".into())),
        ..Default::default()
    };
    let updated = service
        .update(MERCHANT, s.id, Condition::AsRead, checkout_change(change))
        .await
        .unwrap();
    for d in &updated.deliveries {
        assert_eq!(d.recipient_contact.address, stockholm());
        assert_eq!(
            d.recipient_contact.email.as_deref(),
            Some("kund@example.com")
        );
    }
    let search = updated.search_address.unwrap();
    assert_eq!(search.country_code, sweden());
    assert_eq!(search.postal_code.as_deref(), Some("41304"));
    assert_eq!(updated.external_id.as_deref(), Some("order-9"));
    assert_eq!(updated.checkout.customer, Some(customer()));
}

#[tokio::test]
async fn a_patch_writes_only_what_it_names_and_a_goods_change_drops_the_stored_cart() {
    let (service, _) = service();
    let s = create_cart(&service, CartSplit::Single).await;
    let vouchers = service
        .update(
            MERCHANT,
            s.id,
            Condition::Unconditional,
            patch(SessionPatch {
                vouchers: Some(vec!["WELCOME10".into()]),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(vouchers.purchase.vouchers, ["WELCOME10"]);
    assert_eq!(vouchers.purchase.country_code, s.purchase.country_code);
    assert!(
        vouchers.checkout.cart.is_none(),
        "the cart no longer describes the purchase"
    );
    let address = service
        .update(
            MERCHANT,
            s.id,
            Condition::Unconditional,
            patch(SessionPatch {
                search_address: Some(AddressPatch::Fields(AddressFields {
                    postal_code: Some(Some("41304".into())),
                    ..Default::default()
                })),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let a = address.search_address.unwrap();
    assert_eq!(a.postal_code.as_deref(), Some("41304"));
    assert_eq!(a.country_code, sweden(), "fields not named stay");
}

#[tokio::test]
async fn a_field_patch_of_a_missing_search_address_needs_its_country() {
    let (service, _) = service();
    let s = create_draft(&service).await;
    let err = service
        .update(
            MERCHANT,
            s.id,
            Condition::Unconditional,
            patch(SessionPatch {
                search_address: Some(AddressPatch::Fields(AddressFields {
                    city: Some(Some("Göteborg".into())),
                    ..Default::default()
                })),
                ..Default::default()
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["search_address.country_code"]);
}

#[tokio::test]
async fn a_choice_by_carrier_product_is_made_on_the_recomputed_offer() {
    let (service, _) = service();
    let s = create_cart(&service, CartSplit::Single).await;
    let option = &s.deliveries[0].delivery_categories[1].delivery_options[0];
    let pick = Pick {
        at: "user_choice".into(),
        selection: Selection::ByRef {
            delivery: DeliveryRef::First,
            option: OptionRef {
                shipping_method: option.carrier.product_id.clone(),
                location_ref: None,
                time_slot_ref: Some(option.time_slot_id()),
                category_ref: None,
            },
        },
    };
    let chosen = service
        .update(
            MERCHANT,
            s.id,
            Condition::AsRead,
            UpdateSession {
                change: SessionChange::Checkout(CheckoutChange::default()),
                picks: vec![pick],
            },
        )
        .await
        .unwrap();
    assert_eq!(
        chosen.deliveries[0]
            .choice
            .as_ref()
            .map(|c| c.option_id.as_str()),
        Some(option.id.as_str())
    );
    let stale = Pick {
        at: "user_choice".into(),
        selection: Selection::ByRef {
            delivery: DeliveryRef::First,
            option: OptionRef {
                shipping_method: option.carrier.product_id.clone(),
                location_ref: None,
                time_slot_ref: Some("not-a-slot".into()),
                category_ref: None,
            },
        },
    };
    let err = service
        .choose(MERCHANT, s.id, Condition::AsRead, &[stale])
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["user_choice.time_slot_ref"]);
}

#[tokio::test]
async fn as_read_answers_a_concurrent_write_with_aborted_and_writes_nothing() {
    let (service, repo) = service();
    let s = create_draft(&service).await;
    repo.interfere_once();
    let err = service
        .refresh(MERCHANT, s.id, Condition::AsRead)
        .await
        .unwrap_err();
    match err {
        ServiceError::Aborted { reason, .. } => {
            assert_eq!(reason, AbortReason::ConcurrentModification)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(repo.writes.load(Ordering::SeqCst), 0);
    // Unconditional writes ride the same race out.
    repo.interfere_once();
    let refreshed = service
        .refresh(MERCHANT, s.id, Condition::Unconditional)
        .await
        .unwrap();
    // The two interfering writes, then this one.
    assert_eq!(refreshed.revision, s.revision + 3);
}

#[tokio::test]
async fn a_stale_etag_is_aborted_with_the_current_one() {
    let (service, _) = service();
    let s = create_draft(&service).await;
    let stale = Condition::Etag(s.etag());
    let updated = service
        .refresh(MERCHANT, s.id, stale.clone())
        .await
        .unwrap();
    match service.refresh(MERCHANT, s.id, stale).await.unwrap_err() {
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
async fn concurrent_unconditional_writers_all_land() {
    let (service, _) = service();
    let s = create_draft(&service).await;
    let writers = 20;
    let tasks: Vec<_> = (0..writers)
        .map(|i| {
            let service = service.clone();
            tokio::spawn(async move {
                service
                    .update(
                        MERCHANT,
                        s.id,
                        Condition::Unconditional,
                        UpdateSession {
                            change: SessionChange::Checkout(CheckoutChange {
                                external_id: Some(Some(format!("w{i}"))),
                                ..Default::default()
                            }),
                            picks: vec![],
                        },
                    )
                    .await
                    .map(|_| ())
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let after = service.get(MERCHANT, s.id).await.unwrap();
    assert_eq!(after.revision, s.revision + writers, "every writer landed");
}

#[tokio::test]
async fn completing_orders_every_delivery_and_freezes_the_session() {
    let (service, repo) = service();
    let s = create_cart(&service, CartSplit::BySiteAndDate).await;
    let complete = Complete {
        customer: Some(customer()),
        ..Complete::default()
    };
    let done = service
        .complete(MERCHANT, s.id, Condition::AsRead, complete)
        .await
        .unwrap();
    assert_eq!(done.state, SessionState::Completed);
    assert!(done.deliveries.iter().all(|d| d.transport_order.is_some()));
    assert!(done
        .deliveries
        .iter()
        .all(|d| d.completed_with_preselection));
    assert_eq!(repo.orders().len(), 2);
    assert_eq!(
        repo.events().len(),
        3,
        "session.completed and one per order"
    );
    let again = service
        .complete(MERCHANT, s.id, Condition::AsRead, Complete::default())
        .await
        .unwrap_err();
    assert!(matches!(
        again,
        ServiceError::FailedPrecondition {
            reason: "SESSION_COMPLETED",
            ..
        }
    ));
    // A pull answers a completed session as it is.
    assert_eq!(service.pull(MERCHANT, s.id).await.unwrap(), done);
}

#[tokio::test]
async fn a_completion_refuses_an_unknown_warehouse_and_an_unexpected_session() {
    let (service, repo) = service();
    let s = create_draft(&service).await;
    let unknown = Complete {
        ship_from: Some(ShipFrom {
            warehouse: "nowhere".into(),
            field: "warehouse_id",
        }),
        ..Complete::default()
    };
    let err = service
        .complete(MERCHANT, s.id, Condition::AsRead, unknown)
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["warehouse_id"]);
    let reopened = Complete {
        expect: Expect::ReopenedOrder { tos_id: None },
        ..Complete::default()
    };
    let err = service
        .complete(MERCHANT, s.id, Condition::AsRead, reopened)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        ServiceError::FailedPrecondition {
            reason: "NOT_FROM_ORDER",
            ..
        }
    ));
    assert_eq!(repo.writes.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn ship_from_moves_every_delivery_to_that_warehouse() {
    let (service, _) = service();
    let s = create_draft(&service).await;
    let complete = Complete {
        ship_from: Some(ShipFrom {
            warehouse: "gbg-west".into(),
            field: "warehouse_id",
        }),
        ..Complete::default()
    };
    let done = service
        .complete(MERCHANT, s.id, Condition::AsRead, complete)
        .await
        .unwrap();
    let d = &done.deliveries[0];
    assert!(d.attributes.contains(&"warehouse:gbg-west".to_owned()));
    let (category, _) = d
        .find_option(&d.choice.as_ref().unwrap().option_id)
        .unwrap();
    assert_eq!(category.warehouse.as_ref().unwrap().id, "gbg-west");
}

#[tokio::test]
async fn a_session_from_an_order_is_one_insert_with_its_locales_and_reference() {
    let (service, repo) = service();
    let s = create_draft(&service).await;
    let pick = Pick {
        at: "delivery_choices[0]".into(),
        selection: Selection::Exact(DeliveryChoice {
            delivery_id: "d1".into(),
            option_id: "home.budbee-home".into(),
            addon_ids: vec![],
        }),
    };
    let done = service
        .complete(
            MERCHANT,
            s.id,
            Condition::Unconditional,
            Complete {
                picks: vec![pick],
                ..Complete::default()
            },
        )
        .await
        .unwrap();
    let order = done.deliveries[0].transport_order.clone().unwrap();
    let inserts = repo.inserts.load(Ordering::SeqCst);
    let writes = repo.writes.load(Ordering::SeqCst);
    let reopened = service
        .create_from_order(
            MERCHANT,
            CreateFromOrder {
                order: order.clone(),
                locales: Some(vec!["en".parse().unwrap()]),
                external_id: Some("amend-1".into()),
                request: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(repo.inserts.load(Ordering::SeqCst), inserts + 1);
    assert_eq!(
        repo.writes.load(Ordering::SeqCst),
        writes,
        "no second write"
    );
    assert_eq!(reopened.source_order_id, Some(order.clone()));
    assert_eq!(reopened.purchase.locales, ["en".parse().unwrap()]);
    assert_eq!(reopened.external_id.as_deref(), Some("amend-1"));
    assert_eq!(
        reopened.deliveries[0]
            .choice
            .as_ref()
            .map(|c| c.option_id.as_str()),
        Some("home.budbee-home")
    );
    let missing = service
        .create_from_order(
            MERCHANT,
            CreateFromOrder {
                order: TransportOrderId::parse("01JD0000000000000000000000").unwrap(),
                locales: None,
                external_id: None,
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(missing, ServiceError::NotFound { .. }));
}

#[tokio::test]
async fn readiness_at_the_end_of_the_calendar_is_refused_by_its_path() {
    let (service, repo) = service();
    let mut d = draft();
    d.deliveries[0].fulfillments[0].ready_earliest = datetime!(9999-12-30 08:00 UTC);
    let err = service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Draft(d),
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        fields(&err),
        ["deliveries[0].fulfillments[0].readiness.earliest_time"]
    );
    assert_eq!(repo.inserts.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn money_that_does_not_fit_is_refused_by_its_path() {
    let (service, _) = service();
    let mut d = draft();
    d.deliveries[0].line_items = vec![pot(3, 9_223_372_036_854_775_000)];
    let err = service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Draft(d),
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["deliveries[0].line_items[0].price"]);
    let mut d = draft();
    d.deliveries[0].line_items = vec![pot(1, i64::MAX), pot(1, i64::MAX)];
    let err = service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Draft(d),
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["deliveries[0].line_items"]);
    let mut input = cart(vec![cart_item("A", 9_223_372_036_854_775_000, None)]);
    input.cart.items[0].quantity = 3;
    let err = service
        .create(
            MERCHANT,
            CreateSession {
                id: None,
                content: NewSession::Cart(checkout(input, CartSplit::Single)),
                request: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["cart.items[0].price"]);
}

#[tokio::test]
async fn times_come_from_the_clock() {
    let now = datetime!(2026-03-29 00:30:00 UTC);
    let (service, _) = service_at(now);
    let s = create_draft(&service).await;
    assert_eq!(s.create_time, now);
    assert_eq!(s.update_time, now);
    // The demo merchant quotes for 60 minutes.
    assert_eq!(s.expire_time, Some(datetime!(2026-03-29 01:30:00 UTC)));
}
