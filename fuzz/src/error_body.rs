//! HubSpot error answers: any status, body and wait headers reach the real client over
//! loopback and come back as a typed [`Error`] (or a value), never a panic or a hang.
//!
//! The error-body parser is private to the runtime, so the target drives it the way
//! users do: a `GET /schemas/{objectType}` against a tiny HTTP server that answers
//! with the fuzzer's status, headers and body.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use hubspot_runtime::{Auth, Client, Error, RetryPolicy};

const TOKEN: &str = "fuzz-private-app-token-5b1e";

/// The raw answer the server sends next.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

struct Harness {
    runtime: tokio::runtime::Runtime,
    client: Client,
    answer: &'static Mutex<Answer>,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let answer: &'static Mutex<Answer> = Box::leak(Box::new(Mutex::new(Answer {
            status: 200,
            headers: Vec::new(),
            body: Vec::new(),
        })));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // A GET without a body: the request ends at the blank line.
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    line.clear();
                }
                let answer = answer.lock().unwrap_or_else(|e| e.into_inner());
                let mut head = format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    answer.status,
                    answer.body.len()
                );
                for (name, value) in &answer.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let mut stream = &stream;
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&answer.body);
            }
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let client = Client::builder()
            .auth(Auth::private_app(TOKEN))
            .base_url(format!("http://{addr}"))
            .timeout(Duration::from_secs(5))
            // One quick retry, so the retry decision sees every answer too.
            .retry(RetryPolicy {
                max_attempts: 2,
                max_total_wait: Duration::from_millis(2),
                base_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(1),
            })
            .build()
            .expect("client");
        Harness {
            runtime,
            client,
            answer,
        }
    })
}

/// Statuses a server may answer a GET with (1xx are not final; 204, 205 and 304 have
/// no body by definition).
fn status(u: &mut Unstructured<'_>) -> arbitrary::Result<u16> {
    let status = u.int_in_range(200..=599u16)?;
    Ok(match status {
        204 | 205 | 304 => 200,
        other => other,
    })
}

/// A header value made of visible ASCII, so it can be sent as is.
fn header_value(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let raw = String::arbitrary(u)?;
    Ok(raw
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .collect::<String>()
        .trim()
        .to_owned())
}

pub fn error_body(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(status) = status(&mut u) else {
        return;
    };
    let mut headers = Vec::new();
    for name in ["Retry-After", "X-HubSpot-RateLimit-Interval-Milliseconds"] {
        if u.arbitrary::<bool>().unwrap_or(false) {
            match header_value(&mut u) {
                Ok(value) if !value.is_empty() => headers.push((name, value)),
                _ => {}
            }
        }
    }
    let body = u.take_rest().to_vec();

    let harness = harness();
    *harness.answer.lock().unwrap_or_else(|e| e.into_inner()) = Answer {
        status,
        headers,
        body: body.clone(),
    };
    let result = harness
        .runtime
        .block_on(harness.client.schemas().get("cars"));
    let Err(error) = result else {
        assert!(
            (200..300).contains(&status),
            "{status} answered with a value"
        );
        return;
    };
    // Every answer is an error of that status (a 2xx one that does not decode too).
    assert_eq!(error.status(), Some(status), "{error:?}");
    let shown = error.to_string();
    let _ = format!("{error:?}");
    if !String::from_utf8_lossy(&body).contains(TOKEN) {
        assert!(!shown.contains(TOKEN), "token in error: {shown}");
    }
    match &error {
        Error::Api {
            snippet: Some(snippet),
            ..
        } => assert!(snippet.chars().count() <= 201, "{snippet:?}"),
        Error::Decode { snippet, .. } => assert!(snippet.chars().count() <= 201, "{snippet:?}"),
        Error::RateLimited { .. } => assert_eq!(status, 429),
        Error::MissingScopes { scopes, .. } => {
            assert_eq!(status, 403);
            assert!(!scopes.is_empty());
        }
        _ => {}
    }
}
