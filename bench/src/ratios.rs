//! Side-by-side comparison for one bench run: the contenders run interleaved (A, B, C,
//! A, B, C, …) so machine noise hits them alike, and the medians are printed with
//! throughput and each one's speed relative to the first.

use std::time::{Duration, Instant};

/// Rounds of the interleaved comparison (each runs every contender once).
/// How many interleaved runs each comparison takes (the median is reported).
const ROUNDS: usize = 15;

/// One contender: a name and the work, which returns a count so it is not optimized
/// away.
pub struct Contender<'a> {
    name: &'a str,
    run: Box<dyn FnMut() -> usize + 'a>,
    times: Vec<Duration>,
}

impl<'a> Contender<'a> {
    /// A contender called `name` doing `run`.
    pub fn new(name: &'a str, run: impl FnMut() -> usize + 'a) -> Self {
        Contender {
            name,
            run: Box::new(run),
            times: Vec::with_capacity(ROUNDS),
        }
    }

    /// The median time of the recorded runs.
    pub fn median(&self) -> Duration {
        let mut times = self.times.clone();
        times.sort_unstable();
        times[times.len() / 2]
    }
}

/// Whether this bench run should print the comparison: not under `cargo test
/// --benches` (`--test`), not when listing or profiling.
pub fn should_compare() -> bool {
    !std::env::args()
        .skip(1)
        .any(|a| a == "--test" || a == "--list" || a == "--profile-time")
}

/// Run every contender 15 times, interleaved, and print the medians, records
/// per second (`records` per run), MB/s of `bytes` (the JSON processed per run), and
/// speed relative to the first contender. Returns the medians in contender order.
pub fn compare(
    title: &str,
    records: usize,
    bytes: usize,
    contenders: &mut [Contender<'_>],
) -> Vec<Duration> {
    // One untimed round: caches, allocator, page faults.
    for contender in contenders.iter_mut() {
        std::hint::black_box((contender.run)());
    }
    for _ in 0..ROUNDS {
        for contender in contenders.iter_mut() {
            let start = Instant::now();
            std::hint::black_box((contender.run)());
            contender.times.push(start.elapsed());
        }
    }
    let medians: Vec<Duration> = contenders.iter().map(Contender::median).collect();
    println!(
        "\n{title}: median of {ROUNDS} interleaved runs, {:.1} MB of JSON per run",
        bytes as f64 / 1e6
    );
    for (contender, median) in contenders.iter().zip(&medians) {
        let seconds = median.as_secs_f64();
        println!(
            "  {:<34} {:>9.2} ms  {:>10.0} records/s  {:>7.1} MB/s  {:>5.2}x vs {}",
            contender.name,
            seconds * 1e3,
            records as f64 / seconds,
            bytes as f64 / 1e6 / seconds,
            medians[0].as_secs_f64() / seconds,
            contenders[0].name,
        );
    }
    medians
}
