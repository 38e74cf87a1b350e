//! The deal-stages program runs against its in-process sandbox and prints each stage
//! of the Sales Pipeline with its probability and state, then finds the deal by stage.

use std::process::Command;

#[test]
fn the_deal_moves_through_every_sales_stage_and_is_found_by_stage() {
    let output = Command::new(env!("CARGO_BIN_EXE_deal-stages"))
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
    let created = lines
        .iter()
        .find(|l| l.starts_with("created deal #"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let id = created["created deal #".len()..].split(' ').next().unwrap();
    assert!(
        created.ends_with(
            "in Sales Pipeline at Appointment Scheduled (appointmentscheduled): probability 0.2, open"
        ),
        "{stdout}"
    );
    let moves: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("->"))
        .copied()
        .collect();
    assert_eq!(
        moves,
        [
            "-> Qualified To Buy (qualifiedtobuy): probability 0.4, open",
            "-> Presentation Scheduled (presentationscheduled): probability 0.6, open",
            "-> Decision Maker Bought-In (decisionmakerboughtin): probability 0.8, open",
            "-> Contract Sent (contractsent): probability 0.9, open",
            "-> Closed Won (closedwon): probability 1, closed, won",
        ],
        "{stdout}"
    );
    assert!(lines.contains(&"in Contract Sent: 0 deals"), "{stdout}");
    assert!(
        lines.contains(&format!("in Closed Won: 1 deal #{id}").as_str()),
        "{stdout}"
    );
    assert!(
        lines.contains(&format!("archived deal #{id}").as_str()),
        "{stdout}"
    );
}
