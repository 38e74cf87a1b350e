//! The `hubspot-sandbox` binary: prints where it listens and the token, serves the seed.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;

use hubspot_sandbox::DEFAULT_TOKEN;

/// Kills the child when the test ends, even on a failed assertion.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_prints_the_base_url_and_serves_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("schemas.json");
    std::fs::write(
        &seed,
        r#"{"results":[{"name":"cars","id":"77","labels":{"singular":"Car","plural":"Cars"}}]}"#,
    )
    .unwrap();

    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_hubspot-sandbox"))
            .arg("--seed")
            .arg(&seed)
            .arg("--portal-id")
            .arg("42")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let lines: Vec<String> = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .take(2)
            .map(|l| l.unwrap())
            .collect()
    })
    .await
    .unwrap();

    let base_url = lines[0]
        .strip_prefix("HUBSPOT_BASE_URL=")
        .unwrap_or_else(|| panic!("first line: {}", lines[0]));
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    assert_eq!(lines[1], format!("HUBSPOT_ACCESS_TOKEN={DEFAULT_TOKEN}"));

    let response = reqwest::Client::new()
        .get(format!("{base_url}/crm-object-schemas/v3/schemas/cars"))
        .bearer_auth(DEFAULT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let schema: serde_json::Value = response.json().await.unwrap();
    assert_eq!(schema["objectTypeId"], "2-77");
    assert_eq!(schema["fullyQualifiedName"], "p42_cars");
}

#[test]
fn binary_fails_clearly_on_a_missing_seed() {
    let output = Command::new(env!("CARGO_BIN_EXE_hubspot-sandbox"))
        .args(["--seed", "/definitely/not/here.json"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read schema snapshot /definitely/not/here.json"),
        "{stderr}"
    );
}
