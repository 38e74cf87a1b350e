//! The example program runs against its in-process sandbox and prints each step's
//! outcome: what it created, listed, found, changed and archived.

use std::process::Command;

#[test]
fn the_example_runs_every_step_against_the_sandbox() {
    let output = Command::new(env!("CARGO_BIN_EXE_records-example"))
        // Never a real account from a test.
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .env_remove("HUBSPOT_BASE_URL")
        .output()
        .expect("the example starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().map(str::trim).collect();
    assert!(lines[0].starts_with("Using an in-process HubSpot sandbox at http://127.0.0.1:"));
    let has = |start: &str| lines.iter().filter(|l| l.starts_with(start)).count();
    assert_eq!(has("created #"), 3, "{stdout}");
    assert_eq!(has("#"), 3 + 2, "three listed, two found: {stdout}");
    assert!(lines.contains(&"2 matches"), "{stdout}");
    assert!(lines.contains(&"price $15000.50 -> $13990.00"), "{stdout}");
    assert!(
        lines.contains(&"notes Some(\"Demo car, one owner\") -> None"),
        "{stdout}"
    );
    assert!(
        lines.contains(&"make  Some(\"Honda\") (unchanged)"),
        "{stdout}"
    );
    assert!(lines.contains(&"archived 3 records"), "{stdout}");
    assert!(lines.contains(&"0 of them still listed"), "{stdout}");
}
