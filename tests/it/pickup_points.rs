//! A merchant's pickup points as resources: the file's points stored as the first version,
//! listed and read; imports as JSON and CSV (added, or replacing the set), conditional on the
//! set's etag, every problem named and nothing stored while there is one; quotes offering the
//! imported points once the index is swapped in, on this replica and on a second one; and a
//! configuration change keeping them.

use std::time::Duration;

use poem::http::Method;
use serde_json::{json, Value};

use crate::common::auth::call;
use crate::common::{
    core_on, reason, shared_database, spawn_app, spawn_app_on, two_merchants, violated_fields,
    TestApp,
};

const POINTS: &str = "/v1/merchants/demo/pickupPoints";
/// How many points the demo merchant's configuration holds: its file's and two inline.
const FILE_POINTS: i64 = 272;

/// An Instabox locker a few metres from the demo session's customer (Hornsgatan 90).
fn next_door(id: &str) -> Value {
    json!({
        "id": id, "carrier": "Instabox", "external_id": format!("EXT-{id}"),
        "location_type": "LOCKER", "title": format!("Locker {id}"),
        "address": {"country_code": "SE", "postal_code": "11820", "city": "Stockholm",
                    "address_lines": ["Hornsgatan 91"],
                    "coordinates": {"lat": 59.31705, "lng": 18.04605}},
        "opening_hours": {"monday": ["08:00-20:00"]}
    })
}

async fn import(app: &TestApp, query: &str, points: Vec<Value>) -> crate::common::Answer {
    app.post(
        &format!("{POINTS}:import{query}"),
        &json!({ "pickup_points": points }),
    )
    .await
}

async fn import_csv(app: &TestApp, text: &str) -> (u16, Value) {
    let resp = app
        .client
        .post(format!("{POINTS}:import"))
        .content_type("text/csv")
        .body(text.to_owned())
        .send()
        .await;
    let a = crate::common::answer(resp).await;
    (a.status, a.body)
}

/// The pickup option ids a new demo session is offered.
async fn pickup_options(app: &TestApp) -> Vec<String> {
    let (_, _, session) = app.create().await;
    session["deliveries"][0]["delivery_categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == "pickup")
        .flat_map(|c| c["delivery_options"].as_array().unwrap().clone())
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Creates sessions until `offered` holds for the pickup options, within a generous bound: the
/// index is built off the request path, so the first session after an import may precede it.
async fn until_offered(
    app: &TestApp,
    what: &str,
    offered: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let options = pickup_options(app).await;
        if offered(&options) {
            return options;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: still offered {options:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_files_points_are_the_first_version_of_the_set_paged_by_id() {
    let app = spawn_app().await;
    let first = app.get(&format!("{POINTS}?page_size=100")).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["total_size"], FILE_POINTS);
    assert!(first.body["set_etag"].is_string());
    let mut ids = Vec::new();
    let mut page = first.body;
    loop {
        for p in page["pickup_points"].as_array().unwrap() {
            let id = p["location"]["id"].as_str().unwrap().to_owned();
            assert_eq!(p["name"], format!("merchants/demo/pickupPoints/{id}"));
            ids.push(id);
        }
        let token = page["next_page_token"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
        page = app
            .get(&format!("{POINTS}?page_size=100&page_token={token}"))
            .await
            .body;
    }
    assert_eq!(ids.len() as i64, FILE_POINTS);
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, ids, "by id, each once");

    let one = app.get(&format!("{POINTS}/pn-sto-007")).await;
    assert_eq!(one.status, 200, "{}", one.body);
    assert_eq!(one.body["location"]["carrier"], "PostNord");
    assert_eq!(one.body["location"]["title"], "Demo Ombud City 7");
    let missing = app.get(&format!("{POINTS}/no-such-point")).await;
    assert_eq!(missing.status, 404, "{}", missing.body);
    let bad_token = app.get(&format!("{POINTS}?page_token=garbage")).await;
    assert_eq!(bad_token.status, 400);
    assert_eq!(violated_fields(&bad_token.body), ["page_token"]);
}

#[tokio::test]
async fn an_imported_point_is_offered_once_its_index_is_swapped_in() {
    let app = spawn_app().await;
    let before = app.get(POINTS).await.body;
    let a = import(&app, "", vec![next_door("ib-next-door")]).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["imported_count"], 1);
    assert_eq!(
        a.body["total_size"],
        FILE_POINTS + 1,
        "added to the file's points"
    );
    assert_ne!(a.body["set_etag"], before["set_etag"]);
    let options = until_offered(&app, "the imported locker", |o| {
        o.iter()
            .any(|id| id == "pickup.instabox-locker.ib-next-door")
    })
    .await;
    let instabox: Vec<&String> = options.iter().filter(|o| o.contains("instabox")).collect();
    assert_eq!(
        instabox[0], "pickup.instabox-locker.ib-next-door",
        "the nearest Instabox point first: {options:?}"
    );
    let listed = app.get(&format!("{POINTS}/ib-next-door")).await;
    assert_eq!(listed.body["location"]["external_id"], "EXT-ib-next-door");

    // A configuration change afterwards keeps the imported points.
    let changed = app
        .patch(
            "/v1/merchants/demo/deliveryConfig",
            &json!({"config": {"quote_validity_minutes": 45}}),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let options = pickup_options(&app).await;
    assert!(
        options
            .iter()
            .any(|id| id == "pickup.instabox-locker.ib-next-door"),
        "{options:?}"
    );
}

#[tokio::test]
async fn replace_makes_the_import_the_whole_set() {
    let app = spawn_app().await;
    let a = import(
        &app,
        "?mode=REPLACE",
        vec![next_door("ib-only-1"), next_door("ib-only-2")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["total_size"], 2);
    let options = until_offered(&app, "only the two lockers", |o| {
        o.len() == 2 && o.iter().all(|id| id.contains("ib-only-"))
    })
    .await;
    assert_eq!(options.len(), 2);
    let listed = app.get(POINTS).await.body;
    assert_eq!(listed["total_size"], 2);
    assert_eq!(app.get(&format!("{POINTS}/pn-sto-007")).await.status, 404);
}

#[tokio::test]
async fn every_problem_of_a_json_import_is_named_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut no_coordinates = next_door("ib-a");
    no_coordinates["address"]
        .as_object_mut()
        .unwrap()
        .remove("coordinates");
    let mut bad_hours = next_door("ib-b");
    bad_hours["opening_hours"] = json!({"monday": ["20:00-08:00"], "funday": []});
    let mut unknown_carrier = next_door("ib-c");
    unknown_carrier["carrier"] = json!("Pigeon Post");
    let mut bad_type = next_door("ib-d");
    bad_type["location_type"] = json!("CUPBOARD");
    let a = import(
        &app,
        "",
        vec![
            no_coordinates,
            bad_hours,
            unknown_carrier,
            next_door("ib-a"),
            next_door("bad id!"),
        ],
    )
    .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(reason(&a.body), "INVALID_FIELD");
    let mut fields = violated_fields(&a.body);
    fields.sort();
    assert_eq!(
        fields,
        [
            "pickup_points[0].address.coordinates",
            "pickup_points[1].opening_hours.funday",
            "pickup_points[1].opening_hours.monday[0]",
            "pickup_points[2].carrier",
            "pickup_points[3].id",
            "pickup_points[4].id",
        ]
    );
    let typed = import(&app, "", vec![bad_type]).await;
    assert_eq!(typed.status, 400);
    assert_eq!(
        violated_fields(&typed.body),
        ["pickup_points[0].location_type"]
    );
    assert_eq!(app.get(POINTS).await.body["total_size"], FILE_POINTS);
}

#[tokio::test]
async fn a_csv_import_stores_its_lines_or_names_each_bad_one() {
    let app = spawn_app().await;
    let header = "id,carrier,title,location_type,address_line,postal_code,city,country_code,lat,lng,monday,sunday\n";
    let bad = format!(
        "{header}ib-csv-1,Pigeon Post,Loft,LOCKER,Hornsgatan 1,11820,Stockholm,SE,59.31,18.04,,\n\
         ib-csv-2,Instabox,Locker,LOCKER,Hornsgatan 2,11820,Stockholm,SE,north,18.04,,\n"
    );
    let (status, body) = import_csv(&app, &bad).await;
    assert_eq!(status, 400, "{body}");
    let descriptions: Vec<String> = body["error"]["details"][1]["field_violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            assert_eq!(v["field"], "csv");
            v["description"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        descriptions.len(),
        1,
        "the line that does not parse: {descriptions:?}"
    );
    assert!(descriptions[0].starts_with("line 3: "), "{descriptions:?}");
    let unknown_carrier = format!(
        "{header}ib-csv-1,Pigeon Post,Loft,LOCKER,Hornsgatan 1,11820,Stockholm,SE,59.31,18.04,,\n"
    );
    let (status, body) = import_csv(&app, &unknown_carrier).await;
    assert_eq!(status, 400, "{body}");
    let text = body.to_string();
    assert!(text.contains("line 2: `carrier`"), "{text}");
    assert_eq!(app.get(POINTS).await.body["total_size"], FILE_POINTS);

    let good = format!(
        "{header}ib-csv-1,Instabox,\"Locker, by the park\",LOCKER,Hornsgatan 91,11820,Stockholm,SE,59.31705,18.04605,08:00-12:00 13:00-20:00,\n"
    );
    let (status, body) = import_csv(&app, &good).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["imported_count"], 1);
    let point = app.get(&format!("{POINTS}/ib-csv-1")).await.body;
    assert_eq!(point["location"]["title"], "Locker, by the park");
    assert_eq!(
        point["location"]["opening_hours"],
        json!({"monday": ["08:00-12:00", "13:00-20:00"]})
    );
    until_offered(&app, "the CSV's locker", |o| {
        o.iter().any(|id| id == "pickup.instabox-locker.ib-csv-1")
    })
    .await;
}

#[tokio::test]
async fn a_stale_etag_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let etag = app.get(POINTS).await.body["set_etag"]
        .as_str()
        .unwrap()
        .to_owned();
    let first = import(&app, &format!("?set_etag={etag}"), vec![next_door("ib-1")]).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = import(&app, &format!("?set_etag={etag}"), vec![next_door("ib-2")]).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(again.body["error"]["status"], "ABORTED");
    assert_eq!(app.get(POINTS).await.body["total_size"], FILE_POINTS + 1);
    assert_eq!(app.get(&format!("{POINTS}/ib-2")).await.status, 404);
    let current = first.body["set_etag"].as_str().unwrap();
    let third = import(
        &app,
        &format!("?set_etag={current}"),
        vec![next_door("ib-2")],
    )
    .await;
    assert_eq!(third.status, 200, "{}", third.body);
}

#[tokio::test]
async fn an_import_bigger_than_the_body_limit_of_other_requests_is_taken() {
    let app = spawn_app().await;
    // 4,000 points, about 1.6 MB of JSON: past the 1 MiB limit of every other request.
    let points: Vec<Value> = (0..4000)
        .map(|i| {
            let mut p = next_door(&format!("grid-{i:04}"));
            p["address"]["coordinates"] = json!({
                "lat": 59.0 + f64::from(i / 100) * 0.01,
                "lng": 17.5 + f64::from(i % 100) * 0.01
            });
            p["sections"] =
                json!([{"title": "About", "columns": [[{"text": "A locker of the grid"}]]}]);
            p
        })
        .collect();
    let body = json!({ "pickup_points": points });
    assert!(body.to_string().len() > 1 << 20);
    let a = import(
        &app,
        "?mode=REPLACE",
        body["pickup_points"].as_array().unwrap().clone(),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["total_size"], 4000);
    until_offered(&app, "the grid", |o| {
        o.iter().all(|id| id.contains("grid-")) && !o.is_empty()
    })
    .await;
}

#[tokio::test]
async fn only_an_admin_key_of_the_merchant_touches_its_points() {
    let app = spawn_app().await;
    let issued = app
        .post(
            "/v1/merchants/demo/apiKeys",
            &json!({"scopes": ["CHECKOUT"]}),
        )
        .await;
    let checkout = issued.body["key"].as_str().unwrap().to_owned();
    for (method, path, body) in [
        (Method::GET, POINTS.to_owned(), None),
        (Method::GET, format!("{POINTS}/pn-sto-007"), None),
        (
            Method::POST,
            format!("{POINTS}:import"),
            Some(json!({"pickup_points": [next_door("ib-x")]})),
        ),
    ] {
        let a = call(&app, method.clone(), &path, body, Some(&checkout)).await;
        assert_eq!(a.status, 403, "{method} {path}: {}", a.body);
    }
    assert_eq!(app.get(POINTS).await.body["total_size"], FILE_POINTS);
}

#[tokio::test]
async fn a_second_replica_serves_the_imported_points_after_its_poll() {
    let database = shared_database().await;
    let clock = service::system_clock();
    let a = spawn_app_on(core_on(&database, two_merchants(), clock.clone()).await);
    let b = spawn_app_on(core_on(&database, two_merchants(), clock).await);
    let done = import(&a, "", vec![next_door("ib-shared")]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let wanted = "pickup.instabox-locker.ib-shared";
    assert!(
        !pickup_options(&b).await.iter().any(|id| id == wanted),
        "the second replica has not polled yet"
    );
    assert!(
        b.core.config.sync().await.unwrap() >= 1,
        "its poll builds the new set"
    );
    assert!(pickup_options(&b).await.iter().any(|id| id == wanted));
    assert_eq!(
        b.core.config.sync().await.unwrap(),
        0,
        "nothing to build when nothing changed"
    );
}
