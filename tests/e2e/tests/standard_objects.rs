//! Standard objects end to end through the sandbox with the real client: a typed deal
//! (the example crate's `Deals`) created in the Sales Pipeline, moved stage by stage with
//! the generated `DealsStage` enum and searched by stage; a stage of another pipeline
//! refused; the records API's `MISSING_SCOPES` naming the object's own scope; and a
//! 1,000-property object through every records operation with no request line past the
//! sandbox's 8 KiB limit.

mod records_common;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use futures::TryStreamExt;
use hubspot_objects::{Deals, DealsPipeline, DealsProperty, DealsStage, DealsWrite};
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::value::ValueError;
use hubspot_runtime::{
    AssociationDef, Auth, Changes, Client, CrmObject, Error, Filter, ListOptions, PropertyName,
    Search, Write,
};
use hubspot_sandbox::{DEFAULT_MAX_REQUEST_LINE, Sandbox};
use records_common::*;
use serde_json::{Value, json};

const DEALS_PATH: &str = "/crm/v3/objects/deals";

fn deal(name: &str, stage: DealsStage) -> DealsWrite {
    DealsWrite {
        dealname: Write::Set(name.to_owned()),
        pipeline: Write::Set(stage.pipeline().expect("a known stage has a pipeline")),
        dealstage: Write::Set(stage),
        amount: Write::Set(Decimal::from(1250)),
        ..DealsWrite::default()
    }
}

#[tokio::test]
async fn a_typed_deal_moves_through_the_sales_pipeline_and_is_found_by_stage() {
    let sandbox = sandbox().await;
    let deals = client(&sandbox).objects::<Deals>();

    let created = deals
        .create(&deal("Fleet order", DealsStage::AppointmentScheduled))
        .await
        .unwrap();
    let sent = seen(&sandbox, "POST", DEALS_PATH);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        body(&sent[0])["properties"],
        json!({
            "amount": "1250",
            "dealname": "Fleet order",
            "dealstage": "appointmentscheduled",
            "pipeline": "default"
        })
    );
    assert_eq!(
        created.properties.dealstage,
        Some(DealsStage::AppointmentScheduled)
    );
    assert_eq!(
        created.properties.pipeline,
        Some(DealsPipeline::SalesPipeline)
    );

    // Stage by stage in HubSpot's order, up to Closed Won (Closed Lost comes after it).
    let stages = DealsPipeline::SalesPipeline.stages();
    let won = stages
        .iter()
        .position(|s| *s == DealsStage::ClosedWon)
        .unwrap();
    assert_eq!(
        stages[..=won],
        [
            DealsStage::AppointmentScheduled,
            DealsStage::QualifiedToBuy,
            DealsStage::PresentationScheduled,
            DealsStage::DecisionMakerBoughtIn,
            DealsStage::ContractSent,
            DealsStage::ClosedWon,
        ]
    );
    for stage in &stages[1..=won] {
        let write = DealsWrite {
            dealstage: Write::Set(stage.clone()),
            ..DealsWrite::default()
        };
        let moved = deals.update(&created.id, &write).await.unwrap();
        assert_eq!(moved.properties.dealstage.as_ref(), Some(stage));
        let stored = sandbox.record_values("deals", &created.id).unwrap();
        assert_eq!(stored["dealstage"], stage.as_str());
    }
    let read = deals.get(&created.id).await.unwrap();
    let stage = read.properties.dealstage.unwrap();
    assert_eq!(stage, DealsStage::ClosedWon);
    assert_eq!(stage.probability(), Some(Decimal::ONE));
    assert_eq!(
        (stage.is_closed(), stage.is_won()),
        (Some(true), Some(true))
    );

    // A second deal stays open; the search by stage finds only the won one.
    let open = deals
        .create(&deal("Spare parts", DealsStage::QualifiedToBuy))
        .await
        .unwrap();
    let by_stage = |stage: DealsStage| {
        Search::new()
            .filter(Filter::eq(DealsProperty::Dealstage, stage))
            .properties([DealsProperty::Dealname, DealsProperty::Dealstage])
    };
    let found = deals
        .search(&by_stage(DealsStage::ClosedWon))
        .await
        .unwrap();
    let ids: Vec<&str> = found.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [created.id.as_str()]);
    assert_eq!(
        found.results[0].properties.dealname.as_deref(),
        Some("Fleet order")
    );
    let found = deals
        .search(&by_stage(DealsStage::QualifiedToBuy))
        .await
        .unwrap();
    let ids: Vec<&str> = found.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [open.id.as_str()]);
    let search = seen(&sandbox, "POST", "/crm/v3/objects/deals/search");
    assert_eq!(
        body(&search[0])["filterGroups"],
        json!([{"filters": [{"propertyName": "dealstage", "operator": "EQ", "value": "closedwon"}]}])
    );

    // A stage of another pipeline is refused by HubSpot (the sandbox validates it too),
    // and the stored stage is unchanged.
    let wrong = DealsWrite {
        dealstage: Write::Set(DealsStage::RenewalDue),
        ..DealsWrite::default()
    };
    let error = deals.update(&open.id, &wrong).await.unwrap_err();
    assert_eq!(error.status(), Some(400), "{error}");
    assert_eq!(
        sandbox.record_values("deals", &open.id).unwrap()["dealstage"],
        "qualifiedtobuy"
    );
}

#[tokio::test]
async fn the_records_api_names_the_deals_scope_a_token_lacks() {
    let sandbox = sandbox().await;
    sandbox.add_token("contacts-only", &["crm.objects.contacts.read"]);
    let client = Client::builder()
        .auth(Auth::private_app("contacts-only"))
        .base_url(sandbox.base_url())
        .retry(fast_retry())
        .build()
        .unwrap();
    let error = client.objects::<Deals>().get("1").await.unwrap_err();
    let message = error.to_string();
    match error {
        Error::MissingScopes { scopes, .. } => assert_eq!(scopes, ["crm.objects.deals.read"]),
        other => panic!("expected MissingScopes, got {other:?}"),
    }
    assert!(message.contains("crm.objects.deals.read"), "{message}");
}

// ---- a 1,000-property object ---------------------------------------------------------

const WIDE_COUNT: usize = 1000;
const WIDE_TYPE_ID: &str = "2-9900001";
const WIDE_PATH: &str = "/crm/v3/objects/2-9900001";

/// `hs_object_id` plus 999 custom properties with names of a realistic length: about
/// 30 KiB of names, four times the request-line limit.
static WIDE_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    std::iter::once("hs_object_id".to_owned())
        .chain((1..WIDE_COUNT).map(|i| format!("fleet_inspection_checkpoint_{i:04}")))
        .collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct WideProperty(usize);

impl PropertyName for WideProperty {
    const ALL: &'static [Self] = &{
        let mut all = [WideProperty(0); WIDE_COUNT];
        let mut i = 0;
        while i < WIDE_COUNT {
            all[i] = WideProperty(i);
            i += 1;
        }
        all
    };
    fn as_str(self) -> &'static str {
        WIDE_NAMES[self.0].as_str()
    }
    fn label(self) -> &'static str {
        "Checkpoint"
    }
    fn from_name(name: &str) -> Option<Self> {
        WIDE_NAMES.iter().position(|n| n == name).map(WideProperty)
    }
}

/// The 1,000-property object, holding each value as HubSpot sent it.
#[derive(Debug, Clone, PartialEq, Default)]
struct Wide {
    values: BTreeMap<usize, String>,
}

impl CrmObject for Wide {
    const NAME: &'static str = "inspections";
    const OBJECT_TYPE_ID: &'static str = WIDE_TYPE_ID;
    const FULLY_QUALIFIED_NAME: &'static str = "p12345678_inspections";
    const SINGULAR_LABEL: &'static str = "Inspection";
    const PLURAL_LABEL: &'static str = "Inspections";
    type Property = WideProperty;
    const REQUIRED_PROPERTIES: &'static [WideProperty] = &[];
    const READ_ONLY_PROPERTIES: &'static [WideProperty] = &[WideProperty(0)];
    const ASSOCIATIONS: &'static [AssociationDef] = &[AssociationDef {
        id: "1",
        name: Some("inspection_to_contact"),
        from_object_type_id: WIDE_TYPE_ID,
        to_object_type_id: "0-1",
    }];

    fn decode_property(&mut self, property: WideProperty, raw: &str) -> Result<(), ValueError> {
        self.values.insert(property.0, raw.to_owned());
        Ok(())
    }

    fn write_properties(&self, sink: &mut dyn FnMut(WideProperty, &str)) {
        for (index, value) in &self.values {
            sink(WideProperty(*index), value);
        }
    }
}

impl<'de> hubspot_runtime::serde::Deserialize<'de> for Wide {
    fn deserialize<D: hubspot_runtime::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        hubspot_runtime::value::deserialize_object(d)
    }
}

/// Values for every writable property, tagged so each record's values differ.
fn wide_values(tag: &str) -> Changes<Wide> {
    let values = (1..WIDE_COUNT).map(|i| (i, format!("{tag}-{i}"))).collect();
    Changes::set(Wide { values })
}

/// The example account plus the wide object, built from the example's `cars` schema.
fn wide_account() -> String {
    let mut snapshot: Value = serde_json::from_str(SCHEMAS).unwrap();
    let results = snapshot["results"].as_array_mut().unwrap();
    let mut wide = results
        .iter()
        .find(|s| s["name"] == "cars")
        .unwrap()
        .clone();
    let template = wide["properties"][0].clone();
    let properties: Vec<Value> = WIDE_NAMES[1..]
        .iter()
        .map(|name| {
            let mut property = template.clone();
            property["name"] = json!(name);
            property["label"] = json!(format!("Checkpoint {name}"));
            property["fieldType"] = json!("text");
            property
        })
        .collect();
    wide["id"] = json!("9900001");
    wide["objectTypeId"] = json!(WIDE_TYPE_ID);
    wide["name"] = json!("inspections");
    wide["fullyQualifiedName"] = json!("p12345678_inspections");
    wide["labels"] = json!({"singular": "Inspection", "plural": "Inspections"});
    wide["requiredProperties"] = json!([WIDE_NAMES[1]]);
    wide["searchableProperties"] = json!([WIDE_NAMES[1]]);
    wide["primaryDisplayProperty"] = json!(WIDE_NAMES[1]);
    wide["secondaryDisplayProperties"] = json!([]);
    wide["pipelines"] = json!([]);
    wide["associations"] = json!([{
        "id": "1", "fromObjectTypeId": WIDE_TYPE_ID, "toObjectTypeId": "0-1",
        "name": "inspection_to_contact",
        "createdAt": "2024-03-05T10:15:22.100Z", "updatedAt": "2024-03-05T10:15:22.100Z"
    }]);
    wide["properties"] = json!(properties);
    results.push(wide);
    snapshot.to_string()
}

/// Every request line the sandbox saw (`METHOD path?query HTTP/1.1`), none past 8 KiB.
fn assert_request_lines_fit(sandbox: &Sandbox) -> usize {
    let requests = sandbox.requests();
    for request in &requests {
        let line = match &request.query {
            Some(query) => format!("{} {}?{query} HTTP/1.1", request.method, request.path),
            None => format!("{} {} HTTP/1.1", request.method, request.path),
        };
        assert!(
            line.len() <= DEFAULT_MAX_REQUEST_LINE,
            "{} bytes: {}…",
            line.len(),
            &line[..200]
        );
    }
    requests.len()
}

fn assert_all_values(record: &Wide, tag: &str) {
    for i in 1..WIDE_COUNT {
        assert_eq!(
            record.values.get(&i).map(String::as_str),
            Some(format!("{tag}-{i}").as_str()),
            "property {}",
            WIDE_NAMES[i]
        );
    }
    assert!(record.values.contains_key(&0), "hs_object_id is read");
}

#[tokio::test]
async fn a_thousand_property_object_through_every_records_operation_under_8_kib() {
    let sandbox = Sandbox::start().await;
    sandbox
        .seed_json(&wide_account())
        .expect("wide account seeds");
    let client = client(&sandbox);
    let wide = client.objects::<Wide>();
    let names_bytes: usize = WIDE_NAMES.iter().map(|n| n.len() + 3).sum();
    assert!(names_bytes > 3 * DEFAULT_MAX_REQUEST_LINE, "{names_bytes}");

    // create, get (every property), update, get again
    let created = wide.create(&wide_values("a")).await.unwrap();
    assert_all_values(&created.properties, "a");
    let got = wide.get(&created.id).await.unwrap();
    assert_all_values(&got.properties, "a");
    let updated = wide.update(&created.id, &wide_values("b")).await.unwrap();
    assert_all_values(&updated.properties, "b");
    assert_all_values(&wide.get(&created.id).await.unwrap().properties, "b");

    // batch create / read / update
    let inputs = [wide_values("c"), wide_values("d"), wide_values("e")];
    let batch = wide.batch_create(&inputs).await.unwrap();
    assert!(batch.is_complete(), "{:?}", batch.failures);
    let mut ids: Vec<String> = batch.results.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let read = wide.batch_read(&id_refs, None, None).await.unwrap();
    assert!(read.is_complete(), "{:?}", read.failures);
    let mut tags: Vec<String> = read
        .results
        .iter()
        .map(|r| {
            r.properties.values[&1]
                .split('-')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    tags.sort();
    assert_eq!(tags, ["c", "d", "e"]);
    let updates: Vec<(&str, Changes<Wide>)> =
        id_refs.iter().map(|id| (*id, wide_values("f"))).collect();
    let changed = wide.batch_update(&updates).await.unwrap();
    assert!(changed.is_complete(), "{:?}", changed.failures);
    for record in &changed.results {
        assert_all_values(&record.properties, "f");
    }

    // list (every property of every record) and search (every property returned)
    let listed: Vec<_> = wide
        .list_with(ListOptions::default().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed.len(), 4);
    let mut listed_ids: Vec<&str> = listed.iter().map(|r| r.id.as_str()).collect();
    listed_ids.sort();
    let mut all_ids = id_refs.clone();
    all_ids.push(&created.id);
    all_ids.sort();
    assert_eq!(listed_ids, all_ids);
    for record in &listed {
        assert_eq!(record.properties.values.len(), WIDE_COUNT, "{}", record.id);
    }
    let found = wide
        .search(&Search::new().filter(Filter::eq(WideProperty(1), "b-1")))
        .await
        .unwrap();
    assert_eq!(found.results.len(), 1);
    assert_eq!(found.results[0].id, created.id);
    assert_all_values(&found.results[0].properties, "b");

    // associations
    let contacts = client.objects::<hubspot_objects::Contacts>();
    let contact = contacts
        .create(&hubspot_objects::ContactsWrite {
            email: Write::Set("inspector@example.com".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    wide.associate(&created.id, Wide::ASSOCIATIONS[0], &contact.id)
        .await
        .unwrap();
    wide.remove_association(&created.id, Wide::ASSOCIATIONS[0], &contact.id)
        .await
        .unwrap();

    // archive one, batch-archive the rest
    wide.archive(&created.id).await.unwrap();
    let archived = wide.batch_archive(&id_refs).await.unwrap();
    assert!(archived.is_complete());
    assert_eq!(wide.list().try_collect::<Vec<_>>().await.unwrap().len(), 0);

    // Every operation went through, no request line past 8 KiB, none answered 414.
    let seen = assert_request_lines_fit(&sandbox);
    assert!(seen >= 15, "{seen} requests");
    let wide_requests = seen_all(&sandbox, WIDE_PATH);
    assert!(
        wide_requests
            .iter()
            .any(|r| r.method == "POST" && r.path == format!("{WIDE_PATH}/batch/read")),
        "wide reads go through batch read"
    );
}

fn seen_all(sandbox: &Sandbox, prefix: &str) -> Vec<hubspot_sandbox::SeenRequest> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with(prefix))
        .collect()
}
