//! The live commands (`codegen fetch`, `codegen generate --live`) end to end: the real
//! binary, over HTTP, against the HubSpot sandbox on loopback (seeded from the example
//! account's custom objects, `tests/fixtures/custom-objects.json`), with a private-app
//! token and with OAuth.
//!
//! The binary runs as a child process (`CARGO_BIN_EXE_codegen`) with the environment a
//! user would set; the sandbox records every request it received, so the tests check
//! what was sent as well as what was written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use hubspot_codegen::fingerprint::MANIFEST_FILE;
use hubspot_codegen::snapshot;
use hubspot_runtime::schema::parse_schemas;
use hubspot_sandbox::{DEFAULT_TOKEN, SCHEMA_READ_SCOPE, Sandbox};

mod common;
use common::{CUSTOM_OBJECTS_SNAPSHOT, assert_exit, s};

const SCHEMAS_PATH: &str = "/crm-object-schemas/v3/schemas";

/// Run the binary off the async runtime (the sandbox serves on it meanwhile), with only
/// the given HubSpot variables set.
async fn codegen(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = common::command(args, env);
    tokio::task::spawn_blocking(move || command.output().expect("the codegen binary runs"))
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn seeded_sandbox() -> Sandbox {
    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.seed_file(CUSTOM_OBJECTS_SNAPSHOT), Ok(3));
    sandbox
}

fn bearer_env(sandbox: &Sandbox) -> Vec<(&'static str, String)> {
    vec![
        ("HUBSPOT_ACCESS_TOKEN", DEFAULT_TOKEN.to_owned()),
        ("HUBSPOT_BASE_URL", sandbox.base_url()),
    ]
}

fn borrow<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

const LONG_AGO: Duration = Duration::from_secs(1_000_000_000);

fn age_all(dir: &Path) {
    for relative in common::tree_text(dir).keys() {
        fs::File::options()
            .write(true)
            .open(dir.join(relative))
            .unwrap()
            .set_modified(SystemTime::UNIX_EPOCH + LONG_AGO)
            .unwrap();
    }
}

fn all_aged(dir: &Path) -> bool {
    common::tree_text(dir).keys().all(|relative| {
        fs::metadata(dir.join(relative))
            .unwrap()
            .modified()
            .unwrap()
            == SystemTime::UNIX_EPOCH + LONG_AGO
    })
}

/// Assert `snapshot_text` is the normalized form of the sandbox's schemas.
fn assert_is_normalized_account(snapshot_text: &str, sandbox: &Sandbox) {
    let fetched = parse_schemas(snapshot_text).unwrap();
    // Normalized: writing it again changes no byte (sorted, pretty, trailing newline).
    assert_eq!(snapshot::to_snapshot_string(&fetched), snapshot_text);
    let names: Vec<&str> = fetched.iter().map(|schema| schema.name.as_str()).collect();
    assert_eq!(names, ["animals", "cars", "dealer_location"]);
    for schema in &fetched {
        let properties: Vec<&str> = schema
            .properties
            .iter()
            .flatten()
            .map(|p| p.name.as_str())
            .collect();
        let mut sorted = properties.clone();
        sorted.sort();
        assert_eq!(properties, sorted, "{} properties unsorted", schema.name);
    }
    // Lossless: exactly what the account holds.
    let mut account = sandbox.schemas();
    snapshot::normalize(&mut account);
    assert_eq!(fetched, account);
}

#[tokio::test]
async fn fetch_with_a_private_app_token_writes_the_normalized_snapshot() {
    let sandbox = seeded_sandbox().await;
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("hubspot-schemas.json");
    let env = bearer_env(&sandbox);

    let output = codegen(&["fetch", "--out", s(&out)], &borrow(&env)).await;
    assert_exit(&output, 0);
    let snapshot_text = fs::read_to_string(&out).unwrap();
    let properties: usize = parse_schemas(&snapshot_text)
        .unwrap()
        .iter()
        .map(|schema| schema.properties.as_ref().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        text(&output.stdout),
        format!(
            "fetched 3 objects ({properties} properties) into {} (written)\n",
            out.display()
        )
    );
    assert_eq!(text(&output.stderr), "");
    assert_is_normalized_account(&snapshot_text, &sandbox);

    // One list call, authenticated, with everything included and live objects only,
    // then one pipelines read per custom object (objects without pipelines have none).
    let requests = sandbox.requests();
    assert_eq!(requests.len(), 4, "{requests:?}");
    let mut pipeline_paths: Vec<&str> = requests[1..].iter().map(|r| r.path.as_str()).collect();
    pipeline_paths.sort_unstable();
    let mut expected: Vec<String> = sandbox
        .schemas()
        .iter()
        .map(|schema| {
            format!(
                "/crm/v3/pipelines/{}",
                schema.object_type_id.as_deref().unwrap()
            )
        })
        .collect();
    expected.sort_unstable();
    assert_eq!(pipeline_paths, expected);
    let request = &requests[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", SCHEMAS_PATH)
    );
    assert_eq!(request.bearer.as_deref(), Some(DEFAULT_TOKEN));
    let query = request.query.clone().unwrap_or_default();
    for pair in [
        "archived=false",
        "includeAssociationDefinitions=true",
        "includeAuditMetadata=true",
        "includePropertyDefinitions=true",
    ] {
        assert!(query.split('&').any(|p| p == pair), "{pair} not in {query}");
    }

    // Fetching an unchanged account again leaves the file alone.
    age_all(temp.path());
    let output = codegen(&["fetch", "--out", s(&out)], &borrow(&env)).await;
    assert_exit(&output, 0);
    assert!(
        text(&output.stdout).ends_with("(unchanged)\n"),
        "{}",
        text(&output.stdout)
    );
    assert!(all_aged(temp.path()));
}

#[tokio::test]
async fn generate_live_equals_generate_from_the_fetched_snapshot_and_reruns_touch_nothing() {
    let sandbox = seeded_sandbox().await;
    let temp = tempfile::tempdir().unwrap();
    let snapshot_file = temp.path().join("hubspot-schemas.json");
    let from_snapshot = temp.path().join("from-snapshot");
    let from_live = temp.path().join("from-live");
    let env = bearer_env(&sandbox);
    let env = borrow(&env);

    assert_exit(
        &codegen(&["fetch", "--out", s(&snapshot_file)], &env).await,
        0,
    );
    let generate_from = [
        "generate",
        "--from",
        s(&snapshot_file),
        "--out",
        s(&from_snapshot),
    ];
    assert_exit(&codegen(&generate_from, &[]).await, 0);
    let generate_live = ["generate", "--live", "--out", s(&from_live)];
    let output = codegen(&generate_live, &env).await;
    assert_exit(&output, 0);
    assert_eq!(
        text(&output.stdout),
        format!(
            "generated 3 objects (7 files, 7 written, 0 unchanged, 0 removed) into {}\n",
            from_live.display()
        )
    );

    // Same code; only the snapshot name in the headers differs.
    // (The fast path's manifests differ: they hash different inputs.)
    let without_manifest = |(path, _): &(String, String)| path != MANIFEST_FILE;
    let expected: BTreeMap<String, String> = common::tree_text(&from_snapshot)
        .into_iter()
        .filter(without_manifest)
        .map(|(path, contents)| {
            (
                path,
                contents.replace("hubspot-schemas.json", "live account"),
            )
        })
        .collect();
    let live: BTreeMap<String, String> = common::tree_text(&from_live)
        .into_iter()
        .filter(without_manifest)
        .collect();
    assert_eq!(live, expected);
    assert!(
        live["src/cars.rs"].starts_with("// @generated by hubspot-codegen from live account."),
        "{}",
        &live["src/cars.rs"][..80]
    );

    // Re-running against the unchanged account writes nothing.
    age_all(&from_live);
    let output = codegen(&generate_live, &env).await;
    assert_exit(&output, 0);
    assert_eq!(
        text(&output.stdout),
        format!(
            "generated 3 objects (7 files, 0 written, 7 unchanged, 0 removed) into {}\n",
            from_live.display()
        )
    );
    assert!(all_aged(&from_live), "a re-run changed an mtime");
}

#[tokio::test]
async fn fetch_and_generate_with_oauth_refresh_token_credentials() {
    let sandbox = seeded_sandbox().await;
    sandbox.add_oauth_client(
        "cli-app",
        "cli-app-secret",
        "cli-refresh-token",
        &[SCHEMA_READ_SCOPE],
    );
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("hubspot-schemas.json");
    let base_url = sandbox.base_url();
    // No HUBSPOT_TOKEN_URL: the token endpoint is derived from the base URL.
    let env = [
        ("HUBSPOT_BASE_URL", base_url.as_str()),
        ("HUBSPOT_CLIENT_ID", "cli-app"),
        ("HUBSPOT_CLIENT_SECRET", "cli-app-secret"),
        ("HUBSPOT_REFRESH_TOKEN", "cli-refresh-token"),
    ];

    let output = codegen(&["fetch", "--out", s(&out)], &env).await;
    assert_exit(&output, 0);
    assert_is_normalized_account(&fs::read_to_string(&out).unwrap(), &sandbox);
    // The app holds the schema scope alone: custom objects' pipelines are skipped, said.
    assert!(
        text(&output.stderr).contains(
            "warning: the pipelines of cars were not read (the token lacks \
             `crm.objects.custom.read`), so its pipeline and stage properties are generated \
             without pipeline and stage enums; add the scope to the app and fetch again to \
             type them"
        ),
        "{}",
        text(&output.stderr)
    );

    let requests = sandbox.requests();
    let token_calls: Vec<_> = requests
        .iter()
        .filter(|r| r.path == "/oauth/v1/token")
        .collect();
    assert_eq!(token_calls.len(), 1, "{requests:?}");
    let form = &token_calls[0].body;
    for pair in [
        "grant_type=refresh_token",
        "client_id=cli-app",
        "client_secret=cli-app-secret",
        "refresh_token=cli-refresh-token",
    ] {
        assert!(
            form.split('&').any(|p| p == pair),
            "{pair} not in the token request"
        );
    }
    let list = requests.iter().find(|r| r.path == SCHEMAS_PATH).unwrap();
    let issued = sandbox.issued_access_tokens();
    assert_eq!(issued.len(), 1);
    assert_eq!(list.bearer.as_deref(), Some(issued[0].as_str()));

    // generate --live with the same credentials.
    let crate_dir = temp.path().join("objects");
    let output = codegen(&["generate", "--live", "--out", s(&crate_dir)], &env).await;
    assert_exit(&output, 0);
    assert!(crate_dir.join("src/cars.rs").is_file());

    // Secrets appear in nothing the command printed.
    for secret in ["cli-app-secret", "cli-refresh-token", issued[0].as_str()] {
        assert!(!text(&output.stdout).contains(secret));
        assert!(!text(&output.stderr).contains(secret));
    }
}

#[tokio::test]
async fn a_config_file_supplies_oauth_credentials_and_the_sandbox_url() {
    let sandbox = seeded_sandbox().await;
    sandbox.add_oauth_client(
        "file-app",
        "file-secret",
        "file-refresh",
        &[SCHEMA_READ_SCOPE],
    );
    let temp = tempfile::tempdir().unwrap();
    let config = temp.path().join("hubspot.toml");
    fs::write(
        &config,
        format!(
            "client_id = \"file-app\"\nclient_secret = \"file-secret\"\n\
             refresh_token = \"file-refresh\"\nbase_url = \"{}\"\ntoken_url = \"{}\"\n",
            sandbox.base_url(),
            sandbox.token_url()
        ),
    )
    .unwrap();
    let out = temp.path().join("s.json");
    let output = codegen(&["--config", s(&config), "fetch", "--out", s(&out)], &[]).await;
    assert_exit(&output, 0);
    assert_is_normalized_account(&fs::read_to_string(&out).unwrap(), &sandbox);
    assert!(
        sandbox
            .requests()
            .iter()
            .any(|r| r.path == "/oauth/v1/token")
    );
}

#[tokio::test]
async fn fetch_archived_lists_only_archived_object_types() {
    let sandbox = seeded_sandbox().await;
    let client = hubspot_runtime::Client::builder()
        .auth(hubspot_runtime::Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    client.schemas().archive("animals").await.unwrap();
    let temp = tempfile::tempdir().unwrap();
    let env = bearer_env(&sandbox);
    let env = borrow(&env);

    let archived = temp.path().join("archived.json");
    let output = codegen(&["fetch", "--archived", "--out", s(&archived)], &env).await;
    assert_exit(&output, 0);
    assert!(
        text(&output.stdout).starts_with("fetched 1 archived object ("),
        "{}",
        text(&output.stdout)
    );
    let names: Vec<String> = parse_schemas(&fs::read_to_string(&archived).unwrap())
        .unwrap()
        .into_iter()
        .map(|schema| schema.name)
        .collect();
    assert_eq!(names, ["animals"]);

    let live = temp.path().join("live.json");
    assert_exit(&codegen(&["fetch", "--out", s(&live)], &env).await, 0);
    let names: Vec<String> = parse_schemas(&fs::read_to_string(&live).unwrap())
        .unwrap()
        .into_iter()
        .map(|schema| schema.name)
        .collect();
    assert_eq!(names, ["cars", "dealer_location"]);
    let list = sandbox
        .requests()
        .into_iter()
        .rfind(|r| r.path == SCHEMAS_PATH)
        .unwrap();
    let query = list.query.unwrap();
    assert!(query.contains("archived=false"), "{query}");
}

#[tokio::test]
async fn rejected_credentials_are_exit_1_without_the_token_in_the_message() {
    let sandbox = seeded_sandbox().await;
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("s.json");
    let base_url = sandbox.base_url();
    let output = codegen(
        &["fetch", "--out", s(&out)],
        &[
            ("HUBSPOT_ACCESS_TOKEN", "pat-na1-not-a-real-token"),
            ("HUBSPOT_BASE_URL", base_url.as_str()),
        ],
    )
    .await;
    assert_exit(&output, 1);
    let message = text(&output.stderr);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("401"), "{message}");
    assert!(!message.contains("pat-na1-not-a-real-token"), "{message}");
    assert!(!out.exists(), "nothing may be written after a failed fetch");
}

#[tokio::test]
async fn a_non_loopback_http_base_url_is_refused_and_nothing_is_sent() {
    let sandbox = seeded_sandbox().await;
    let temp = tempfile::tempdir().unwrap();
    let out: PathBuf = temp.path().join("objects");
    // The sandbox's port on a non-loopback address: plain http would expose the token.
    let port = sandbox.base_url().rsplit(':').next().unwrap().to_owned();
    let remote = format!("http://192.0.2.10:{port}");
    for args in [
        vec!["fetch", "--out", s(&out)],
        vec!["generate", "--live", "--out", s(&out)],
    ] {
        let output = codegen(
            &args,
            &[
                ("HUBSPOT_ACCESS_TOKEN", DEFAULT_TOKEN),
                ("HUBSPOT_BASE_URL", remote.as_str()),
            ],
        )
        .await;
        assert_exit(&output, 1);
        let message = text(&output.stderr);
        assert!(message.contains("http://192.0.2.10"), "{message}");
        assert!(!message.contains(DEFAULT_TOKEN), "{message}");
    }
    assert!(sandbox.requests().is_empty());
    assert!(!out.exists());
}
