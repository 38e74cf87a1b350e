//! A bounded soak under faults: 32 concurrent tasks × 25 calls (schema list/get,
//! record create/get/update/list) through one OAuth client against the sandbox, with
//! seeded random faults injected before calls (429 of each policy, 5xx before and after
//! processing, delays beyond the client's timeout, dropped connections, expired-token
//! 401s); access tokens live 1 s, and the live one is also expired in the sandbox every
//! 100 calls.
//!
//! Then it checks:
//! - no call panicked or outlived its deadline; each ended in a value or a typed error;
//! - token refreshes are exactly those needed: one token request per issued token, and
//!   every token but the last was replaced only after it was answered 401 or when it
//!   neared its expiry (a second refresh for the same need would replace a token that
//!   was neither rejected nor old);
//! - no POST was repeated by a retry unless HubSpot refused it with a 429 (not
//!   processed), and the sandbox's create count is between the successful creates and
//!   those plus the creates that failed with `maybe_processed`;
//! - no secret (client secret, refresh token, any issued access token) appears in any
//!   error's Display or Debug or in any captured tracing line.
//!
//! The figures (calls, faults by kind, retries, refreshes, failures by kind) are
//! printed; see them with `--nocapture`. One test: it installs the process-wide tracing
//! subscriber.

mod records_common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hubspot_objects::Cars;
use hubspot_runtime::{
    Auth, AuthErrorKind, Client, Error, ListOptions, ListSchemas, OAuthCredentials, RetryPolicy,
    Write,
};
use hubspot_sandbox::{
    Fault, FaultKind, RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE, RateLimitPolicy, SCHEMA_READ_SCOPE,
    Sandbox, SandboxConfig,
};
use records_common::{CARS_PATH, CarsWrite, SCHEMAS, car};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

const TASKS: usize = 32;
const CALLS_PER_TASK: usize = 25;
const SEED: u64 = 0x50_4f_41_4b;
/// The share of calls (in percent) preceded by an injected fault.
const FAULT_PERCENT: u64 = 30;
/// The live access token is expired in the sandbox after every this many calls.
const EXPIRE_EVERY: usize = 100;
const CLIENT_TIMEOUT: Duration = Duration::from_millis(400);
/// Access tokens' lifetime (HubSpot's `expires_in` counts whole seconds): several
/// expire during the run. The client refreshes a tenth of it early.
const TOKEN_TTL: Duration = Duration::from_secs(1);
/// Beyond any call's worst case (4 attempts of 400 ms plus at most 1 s of waits and a
/// token refresh): reaching it means a hang.
const CALL_DEADLINE: Duration = Duration::from_secs(10);

const CLIENT_ID: &str = "soak-client";
const CLIENT_SECRET: &str = "SOAK-CLIENT-SECRET-9e1";
const REFRESH_TOKEN: &str = "SOAK-REFRESH-TOKEN-4c7";

/// splitmix64: a seeded generator, so a run's fault plan is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Everything the tracing subscriber writes.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

/// A fault to inject before a call, drawn from the seeded plan.
fn random_fault(rng: &mut Rng) -> FaultKind {
    let policy = match rng.below(3) {
        0 => RateLimitPolicy::TenSecondlyRolling,
        1 => RateLimitPolicy::Secondly,
        _ => RateLimitPolicy::Daily,
    };
    match rng.below(8) {
        0 | 1 => FaultKind::RateLimit {
            policy,
            // Retry-After 0, the interval header, or neither (backoff): each source
            // of the wait.
            retry_after_secs: (rng.below(3) == 0).then_some(0),
            interval_ms: (rng.below(2) == 0).then_some(20),
        },
        2 => FaultKind::Status([500, 502, 503, 504][rng.below(4) as usize]),
        3 => FaultKind::StatusAfterProcessing(502),
        4 => FaultKind::Delay(CLIENT_TIMEOUT * 2),
        5 | 6 => FaultKind::Drop,
        _ => FaultKind::ExpiredToken,
    }
}

/// The kind name a figure is counted under.
fn fault_label(kind: &FaultKind) -> String {
    match kind {
        FaultKind::Delay(_) => "Delay(beyond timeout)".to_owned(),
        other => other.name(),
    }
}

fn error_kind(error: &Error) -> String {
    match error {
        Error::Api {
            status,
            maybe_processed,
            ..
        } => format!(
            "Api({status}{})",
            if *maybe_processed {
                ", maybe processed"
            } else {
                ""
            }
        ),
        Error::RateLimited { policy, daily, .. } => format!(
            "RateLimited({}{})",
            policy.as_deref().unwrap_or("?"),
            if *daily {
                ", not retried"
            } else {
                ", retries exhausted"
            }
        ),
        Error::Transport {
            maybe_processed, ..
        } => format!(
            "Transport({})",
            if *maybe_processed {
                "maybe processed"
            } else {
                "not sent"
            }
        ),
        Error::Timeout {
            maybe_processed, ..
        } => format!(
            "Timeout({})",
            if *maybe_processed {
                "maybe processed"
            } else {
                "idempotent"
            }
        ),
        Error::Auth { kind, .. } => format!("Auth({kind:?})"),
        Error::Decode { status, .. } => format!("Decode({status})"),
        Error::MissingScopes { .. } => "MissingScopes".to_owned(),
        other => format!("other: {other}"),
    }
}

fn maybe_processed(error: &Error) -> bool {
    matches!(
        error,
        Error::Api {
            maybe_processed: true,
            ..
        } | Error::Transport {
            maybe_processed: true,
            ..
        } | Error::Timeout {
            maybe_processed: true,
            ..
        }
    )
}

/// What the tasks saw.
#[derive(Default)]
struct Tally {
    calls: usize,
    ok: usize,
    creates_ok: usize,
    creates_maybe_processed: usize,
    failures: BTreeMap<String, usize>,
    injected: BTreeMap<String, usize>,
    shown: Vec<String>,
    rejected_after_refresh: usize,
}

#[derive(Clone, Copy)]
enum Op {
    ListSchemas,
    GetSchema,
    Create,
    Get,
    Update,
    ListRecords,
}

async fn run_task(
    task: usize,
    client: Client,
    sandbox: Arc<Sandbox>,
    done: Arc<AtomicUsize>,
    tally: Arc<Mutex<Tally>>,
) {
    let mut rng = Rng(SEED ^ (task as u64).wrapping_mul(0x1000_0000_01B3));
    let cars = client.objects::<Cars>();
    let mut mine: Vec<String> = Vec::new();
    for call in 0..CALLS_PER_TASK {
        if rng.below(100) < FAULT_PERCENT {
            let kind = random_fault(&mut rng);
            *tally
                .lock()
                .unwrap()
                .injected
                .entry(fault_label(&kind))
                .or_default() += 1;
            sandbox.inject(Fault::new(kind));
        }
        let op = match rng.below(6) {
            0 => Op::ListSchemas,
            1 => Op::GetSchema,
            2 | 3 => Op::Create,
            4 if !mine.is_empty() => Op::Get,
            4 => Op::ListRecords,
            _ if !mine.is_empty() => Op::Update,
            _ => Op::ListRecords,
        };
        let vin = format!("SOAK-{task:02}-{call:02}");
        let outcome = tokio::time::timeout(CALL_DEADLINE, async {
            match op {
                Op::ListSchemas => client
                    .schemas()
                    .list(&ListSchemas::default())
                    .await
                    .map(|_| None),
                Op::GetSchema => client.schemas().get("cars").await.map(|_| None),
                Op::Create => cars
                    .create(&car(&vin, "Soak", "Runner", 2000 + call as i64))
                    .await
                    .map(|record| Some(record.id)),
                Op::Get => cars.get(&mine[call % mine.len()]).await.map(|_| None),
                Op::Update => {
                    let change = CarsWrite {
                        notes: Write::Set(format!("call {call}")),
                        ..CarsWrite::default()
                    };
                    cars.update(&mine[call % mine.len()], &change)
                        .await
                        .map(|_| None)
                }
                Op::ListRecords => cars
                    .list_page(None, &ListOptions::new().page_size(10))
                    .await
                    .map(|_| None),
            }
        })
        .await;
        let Ok(result) = outcome else {
            panic!("task {task} call {call} outlived its {CALL_DEADLINE:?} deadline");
        };
        let mut tally = tally.lock().unwrap();
        tally.calls += 1;
        match result {
            Ok(created) => {
                tally.ok += 1;
                if let Some(id) = created {
                    tally.creates_ok += 1;
                    mine.push(id);
                }
            }
            Err(error) => {
                if matches!(op, Op::Create) && maybe_processed(&error) {
                    tally.creates_maybe_processed += 1;
                }
                if matches!(
                    error,
                    Error::Auth {
                        kind: AuthErrorKind::RejectedAfterRefresh,
                        ..
                    }
                ) {
                    tally.rejected_after_refresh += 1;
                }
                *tally.failures.entry(error_kind(&error)).or_default() += 1;
                tally.shown.push(format!("{error}"));
                tally.shown.push(format!("{error:?}"));
                let mut source = std::error::Error::source(&error);
                while let Some(inner) = source {
                    tally.shown.push(format!("{inner} {inner:?}"));
                    source = inner.source();
                }
            }
        }
        drop(tally);
        // Every EXPIRE_EVERY calls, the token in use expires in HubSpot.
        if (done.fetch_add(1, Ordering::SeqCst) + 1) % EXPIRE_EVERY == 0
            && let Some(token) = sandbox.issued_access_tokens().last()
        {
            sandbox.expire_token(token);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn soak_under_random_faults() {
    let capture = Capture::default();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new("trace"))
        .with_writer(capture.clone())
        .with_ansi(false)
        .init();

    let started = Instant::now();
    let sandbox = Arc::new(
        Sandbox::start_with(SandboxConfig {
            token_ttl: TOKEN_TTL,
            ..SandboxConfig::default()
        })
        .await,
    );
    sandbox.seed_json(SCHEMAS).unwrap();
    sandbox.add_oauth_client(
        CLIENT_ID,
        CLIENT_SECRET,
        REFRESH_TOKEN,
        &[SCHEMA_READ_SCOPE, RECORDS_READ_SCOPE, RECORDS_WRITE_SCOPE],
    );
    let client = Client::builder()
        .auth(Auth::oauth(
            OAuthCredentials::new(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN)
                .token_url(sandbox.token_url()),
        ))
        .base_url(sandbox.base_url())
        // The soak's faults are independent one-offs: its DAILY 429 is not the end of
        // the account's day, which the limiter would honour by sending nothing more
        // (tests/rate_budget.rs covers the limiter).
        .no_rate_limit()
        .timeout(CLIENT_TIMEOUT)
        .retry(RetryPolicy {
            max_attempts: 4,
            max_total_wait: Duration::from_secs(1),
            base_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(40),
        })
        .build()
        .unwrap();

    // When each access token was first issued (polled), to tell a refresh near expiry
    // from one nobody needed.
    let watching = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let watcher = tokio::spawn({
        let sandbox = sandbox.clone();
        let watching = watching.clone();
        async move {
            let mut first_seen: Vec<Instant> = Vec::new();
            while watching.load(Ordering::SeqCst) {
                let issued = sandbox.issued_access_tokens().len();
                while first_seen.len() < issued {
                    first_seen.push(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            first_seen
        }
    });

    let done = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            tokio::spawn(run_task(
                task,
                client.clone(),
                sandbox.clone(),
                done.clone(),
                tally.clone(),
            ))
        })
        .collect();
    for task in tasks {
        // A panic in a task (a deadline missed, or a panic in the client) fails here.
        task.await.expect("a soak task panicked");
    }
    let elapsed = started.elapsed();
    watching.store(false, Ordering::SeqCst);
    let first_seen = watcher.await.unwrap();
    // Let delayed requests the client gave up on finish in the sandbox, so the create
    // count is final.
    tokio::time::sleep(CLIENT_TIMEOUT * 3).await;
    let tally = tally.lock().unwrap();

    // Every call ended within its deadline, in a value or a typed error.
    assert_eq!(tally.calls, TASKS * CALLS_PER_TASK);
    assert_eq!(
        tally.ok + tally.failures.values().sum::<usize>(),
        tally.calls
    );
    assert!(
        !tally.failures.keys().any(|k| k.starts_with("other")),
        "{:?}",
        tally.failures
    );

    let requests = sandbox.requests();
    let token_requests: Vec<_> = requests
        .iter()
        .filter(|r| r.path.starts_with("/oauth/"))
        .collect();
    let api_requests: Vec<_> = requests
        .iter()
        .filter(|r| !r.path.starts_with("/oauth/"))
        .collect();
    let issued = sandbox.issued_access_tokens();

    // Refreshes: one token request per issued token (none failed, none wasted), and
    // each replaced token was answered 401 or had lived to its refresh time (its
    // lifetime minus the tenth the client keeps as a margin, and 400 ms for the
    // polling on a loaded machine: a duplicate refresh comes within milliseconds).
    let rejected: BTreeSet<&str> = api_requests
        .iter()
        .filter(|r| r.status == 401)
        .filter_map(|r| r.bearer.as_deref())
        .collect();
    assert_eq!(token_requests.len(), issued.len());
    assert!(token_requests.iter().all(|r| r.status == 200));
    assert_eq!(first_seen.len(), issued.len());
    let refresh_age = TOKEN_TTL - TOKEN_TTL / 10 - Duration::from_millis(400);
    let (mut after_401, mut near_expiry) = (0, 0);
    for (generation, token) in issued.iter().enumerate().take(issued.len() - 1) {
        let lived = first_seen[generation + 1] - first_seen[generation];
        if rejected.contains(token.as_str()) {
            after_401 += 1;
        } else {
            assert!(
                lived >= refresh_age,
                "access token #{generation} was replaced after {lived:?} without being \
                 answered 401: a refresh nobody needed"
            );
            near_expiry += 1;
        }
    }
    let refreshes = issued.len() - 1;
    // A call is rejected after its refresh only when its retry got a 401 too: an
    // injected one, or a token expired meanwhile.
    let injected_401 = tally.injected.get("ExpiredToken").copied().unwrap_or(0);
    assert!(
        tally.rejected_after_refresh
            <= injected_401 + TASKS * CALLS_PER_TASK / EXPIRE_EVERY + near_expiry,
        "{} calls rejected after a refresh",
        tally.rejected_after_refresh
    );

    // No POST repeated by a retry unless refused unprocessed with a 429.
    let mut posts: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    for request in api_requests
        .iter()
        .filter(|r| r.method == "POST" && r.path == CARS_PATH)
    {
        let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        let vin = body["properties"]["vin"].as_str().unwrap().to_owned();
        posts.entry(vin).or_default().push(request.status);
    }
    for (vin, statuses) in &posts {
        let (last, earlier) = statuses.split_last().unwrap();
        assert!(
            earlier.iter().all(|s| *s == 429 || *s == 401),
            "create {vin} was sent again after {statuses:?} (last {last})"
        );
    }
    let creates = sandbox.record_creates() as usize;
    assert!(
        (tally.creates_ok..=tally.creates_ok + tally.creates_maybe_processed).contains(&creates),
        "sandbox created {creates} records; {} creates succeeded and {} may have been processed",
        tally.creates_ok,
        tally.creates_maybe_processed
    );

    // No secret anywhere.
    let log = String::from_utf8_lossy(&capture.0.lock().unwrap()).into_owned();
    assert!(
        log.contains("retrying HubSpot request"),
        "tracing captured nothing"
    );
    let mut secrets = vec![CLIENT_SECRET.to_owned(), REFRESH_TOKEN.to_owned()];
    secrets.extend(issued.iter().cloned());
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "a secret is in the tracing output"
        );
        for shown in &tally.shown {
            assert!(
                !shown.contains(secret.as_str()),
                "a secret is in an error: {shown}"
            );
        }
    }

    // The figures.
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    for request in &api_requests {
        if let Some(fault) = &request.fault {
            let label = if fault.starts_with("Delay") {
                "Delay(beyond timeout)".to_owned()
            } else {
                fault.clone()
            };
            *applied.entry(label).or_default() += 1;
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "soak: {TASKS} tasks x {CALLS_PER_TASK} calls in {elapsed:.2?} (seed {SEED:#x})"
    )
    .unwrap();
    writeln!(
        out,
        "  calls: {} ({} ok, {} failed); API requests sent: {} (retries: {})",
        tally.calls,
        tally.ok,
        tally.calls - tally.ok,
        api_requests.len(),
        api_requests.len() - tally.calls
    )
    .unwrap();
    writeln!(out, "  faults injected: {:?}", tally.injected).unwrap();
    writeln!(out, "  faults applied:  {applied:?}").unwrap();
    writeln!(
        out,
        "  still pending at the end: {}",
        sandbox.pending_faults()
    )
    .unwrap();
    writeln!(
        out,
        "  token refreshes: {refreshes} after the first token ({after_401} after a 401, \
         {near_expiry} near expiry; {} token requests, {} tokens answered 401)",
        token_requests.len(),
        rejected.len()
    )
    .unwrap();
    writeln!(
        out,
        "  creates: {} ok, {} maybe processed, {creates} in the sandbox",
        tally.creates_ok, tally.creates_maybe_processed
    )
    .unwrap();
    writeln!(out, "  failures by kind: {:?}", tally.failures).unwrap();
    assert!(elapsed < Duration::from_secs(60), "soak took {elapsed:?}");
}
