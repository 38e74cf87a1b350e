//! `codegen fetch --objects` through the sandbox with the real binary: custom and
//! standard objects with their pipelines fetched into a snapshot that generates, only
//! the standard ones with `standard`, and a token without an object's scope refused with
//! exit 1 and a message naming the scope and how to leave the object out.

use std::fs;
use std::process::Output;

use hubspot_runtime::schema::parse_schemas;
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox};

mod common;
use common::{EXAMPLE_SNAPSHOT, assert_exit, s};

async fn codegen(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = common::command(args, env);
    tokio::task::spawn_blocking(move || command.output().expect("the codegen binary runs"))
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The example account: three custom objects, contacts, companies and deals (two
/// pipelines), as the sandbox's account.
async fn example_sandbox() -> Sandbox {
    let sandbox = Sandbox::start().await;
    sandbox
        .seed_file(EXAMPLE_SNAPSHOT)
        .expect("example snapshot seeds");
    sandbox
}

fn names(snapshot_text: &str) -> Vec<String> {
    let mut names: Vec<String> = parse_schemas(snapshot_text)
        .unwrap()
        .iter()
        .map(|schema| schema.name.clone())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn custom_and_chosen_standard_objects_with_pipelines_fetch_into_a_snapshot_that_generates() {
    let sandbox = example_sandbox().await;
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("schemas.json");
    let base_url = sandbox.base_url();
    let env = [
        ("HUBSPOT_ACCESS_TOKEN", DEFAULT_TOKEN),
        ("HUBSPOT_BASE_URL", base_url.as_str()),
    ];

    let output = codegen(
        &[
            "fetch",
            "--objects",
            "custom,contacts,deals",
            "--out",
            s(&snapshot),
        ],
        &env,
    )
    .await;
    assert_exit(&output, 0);
    assert_eq!(
        text(&output.stdout),
        format!(
            "fetched 5 objects (123 properties) into {} (written)\n",
            snapshot.display()
        )
    );
    assert_eq!(text(&output.stderr), "");
    let snapshot_text = fs::read_to_string(&snapshot).unwrap();
    assert_eq!(
        names(&snapshot_text),
        ["animals", "cars", "contacts", "dealer_location", "deals"]
    );
    let json: serde_json::Value = serde_json::from_str(&snapshot_text).unwrap();
    let deals = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "deals")
        .unwrap();
    let pipelines: Vec<&str> = deals["pipelines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(pipelines, ["default", "2834565"]);
    let stage_count: usize = deals["pipelines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["stages"].as_array().unwrap().len())
        .sum();
    assert_eq!(stage_count, 11);
    // Properties and pipelines read per standard object.
    let paths: Vec<String> = sandbox.requests().iter().map(|r| r.path.clone()).collect();
    for path in [
        "/crm/v3/properties/contacts",
        "/crm/v3/properties/deals",
        "/crm/v3/pipelines/deals",
    ] {
        assert!(paths.iter().any(|p| p == path), "{path} not in {paths:?}");
    }
    assert!(
        !paths.iter().any(|p| p.ends_with("/companies")),
        "{paths:?}"
    );

    let out = temp.path().join("objects");
    let output = codegen(
        &[
            "generate",
            "--from",
            s(&snapshot),
            "--out",
            s(&out),
            "--runtime-path",
            "../runtime",
        ],
        &[],
    )
    .await;
    assert_exit(&output, 0);
    assert_eq!(
        text(&output.stdout),
        format!(
            "generated 5 objects (9 files, 9 written, 0 unchanged, 0 removed) into {}\n",
            out.display()
        )
    );
    let deals_rs = fs::read_to_string(out.join("src/deals.rs")).unwrap();
    assert!(deals_rs.contains("pub enum DealsStage {"), "no stage enum");
    assert!(
        deals_rs.contains("FleetRenewalsClosedWon,"),
        "no unique stage name"
    );
    assert!(out.join("src/contacts.rs").exists());
    assert!(!out.join("src/companies.rs").exists());

    // `standard`: every standard object the account has, no custom one.
    let only = temp.path().join("standard.json");
    let output = codegen(&["fetch", "--objects", "standard", "--out", s(&only)], &env).await;
    assert_exit(&output, 0);
    assert_eq!(text(&output.stderr), "");
    assert_eq!(
        names(&fs::read_to_string(&only).unwrap()),
        [
            "companies",
            "contacts",
            "deals",
            "line_items",
            "products",
            "tickets"
        ]
    );
}

#[tokio::test]
async fn a_token_without_the_deals_scope_is_exit_1_naming_the_scope_and_how_to_leave_deals_out() {
    let sandbox = example_sandbox().await;
    sandbox.add_token(
        "no-deals",
        &[
            "crm.schemas.custom.read",
            "crm.objects.custom.read",
            "crm.objects.contacts.read",
            "crm.schemas.contacts.read",
            // The deals' properties can be read, their pipelines cannot.
            "crm.schemas.deals.read",
        ],
    );
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("schemas.json");
    let base_url = sandbox.base_url();
    let env = [
        ("HUBSPOT_ACCESS_TOKEN", "no-deals"),
        ("HUBSPOT_BASE_URL", base_url.as_str()),
    ];
    let output = codegen(
        &[
            "fetch",
            "--objects",
            "custom,contacts,deals",
            "--out",
            s(&snapshot),
        ],
        &env,
    )
    .await;
    assert_exit(&output, 1);
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "error: reading the pipelines of deals needs the scope `crm.objects.deals.read`: \
             add it to the app's scopes (private app or OAuth app) and fetch again, or leave \
             deals out: --objects custom,contacts"
        ),
        "{stderr}"
    );
    assert!(
        lines.next().unwrap().starts_with(
            "  caused by: HubSpot refused GET /crm/v3/pipelines/deals (403 MISSING_SCOPES)"
        ),
        "{stderr}"
    );
    assert!(!snapshot.exists(), "nothing written");
    assert!(
        !text(&output.stderr).contains("no-deals"),
        "the token is never shown"
    );

    let output = codegen(
        &[
            "fetch",
            "--objects",
            "custom,contacts",
            "--out",
            s(&snapshot),
        ],
        &env,
    )
    .await;
    assert_exit(&output, 0);
    assert_eq!(
        names(&fs::read_to_string(&snapshot).unwrap()),
        ["animals", "cars", "contacts", "dealer_location"]
    );
}

#[tokio::test]
async fn a_token_without_the_custom_objects_scope_fetches_custom_objects_without_pipelines() {
    // `crm.schemas.custom.read` reads custom schemas; their pipelines need
    // `crm.objects.custom.read` too. An app set up for schemas alone (all the setup guide
    // asked for before pipelines were typed) keeps fetching, and is told what it misses.
    let sandbox = example_sandbox().await;
    sandbox.add_token(
        "standard-only",
        &[
            "crm.schemas.custom.read",
            "crm.objects.contacts.read",
            "crm.schemas.contacts.read",
            "crm.objects.deals.read",
            "crm.schemas.deals.read",
        ],
    );
    let temp = tempfile::tempdir().unwrap();
    let snapshot = temp.path().join("schemas.json");
    let base_url = sandbox.base_url();
    let env = [
        ("HUBSPOT_ACCESS_TOKEN", "standard-only"),
        ("HUBSPOT_BASE_URL", base_url.as_str()),
    ];
    let output = codegen(
        &[
            "fetch",
            "--objects",
            "custom,contacts,deals",
            "--out",
            s(&snapshot),
        ],
        &env,
    )
    .await;
    assert_exit(&output, 0);
    let stderr = text(&output.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        ["animals", "cars", "dealer_location"].map(|object| format!(
            "warning: the pipelines of {object} were not read (the token lacks \
             `crm.objects.custom.read`), so its pipeline and stage properties are generated \
             without pipeline and stage enums; add the scope to the app and fetch again to \
             type them"
        )),
        "{stderr}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&snapshot).unwrap()).unwrap();
    let results = json["results"].as_array().unwrap();
    assert_eq!(
        names(&fs::read_to_string(&snapshot).unwrap()),
        ["animals", "cars", "contacts", "dealer_location", "deals"]
    );
    for schema in results {
        let has_pipelines = schema.get("pipelines").is_some_and(|p| !p.is_null());
        assert_eq!(
            has_pipelines,
            schema["name"] == "deals",
            "{}",
            schema["name"]
        );
    }
}
