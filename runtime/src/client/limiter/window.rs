//! One rolling-window budget: at most `max` requests whose slots overlap any
//! `interval`, handed out first come, first served.
//!
//! A slot is taken when a request is about to be sent. HubSpot counts a request from
//! when it arrives, which is after we sent it and before its answer came back; we
//! take the earlier of the answer and the send plus the arrival margin (default the
//! larger of 50 ms and 1/20 of the interval: 500 ms of a 10 s window, 50 ms of a
//! search second) as its arrival, and free the slot one `interval` after that. So a slow answer (a search HubSpot works on for a
//! while) does not hold its slot longer than HubSpot does, and our count never frees a
//! slot before HubSpot's unless a request takes longer than the margin to arrive.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// What the window knows of its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    /// Not known yet: one request at a time goes out to learn it from the answer's
    /// headers.
    Probe,
    /// No budget was announced: requests are not paced.
    Unlimited,
    /// `max` requests per rolling `interval`.
    Known { max: u32, interval: Duration },
}

#[derive(Debug)]
struct Slot {
    id: u64,
    /// When HubSpot counted the request at the latest: the answer's arrival, or
    /// the send plus the arrival margin while the request is in flight (a `None`
    /// margin while the budget is unknown: until the answer).
    counted: Option<Instant>,
}

/// The time a request may take to reach HubSpot unless configured: the larger of
/// 50 ms and 1/20 of the interval.
pub(super) fn default_margin(interval: Duration) -> Duration {
    (interval / 20).max(Duration::from_millis(50))
}

#[derive(Debug)]
struct Slots {
    limit: Limit,
    /// Set from configuration: answers' headers do not change the budget.
    fixed: bool,
    /// The configured arrival margin; `None`: [`default_margin`].
    margin: Option<Duration>,
    slots: Vec<Slot>,
    next_id: u64,
}

impl Slots {
    fn interval(&self) -> Duration {
        match self.limit {
            Limit::Known { interval, .. } => interval,
            _ => Duration::ZERO,
        }
    }

    fn prune(&mut self, now: Instant) {
        let interval = self.interval();
        self.slots
            .retain(|s| s.counted.is_none_or(|counted| counted + interval > now));
    }

    /// Take a slot when there is room; else `Err(Some(t))`: a slot frees at `t`, or
    /// `Err(None)`: every slot is in flight.
    fn try_take(&mut self, now: Instant) -> Result<Option<u64>, Option<Instant>> {
        self.prune(now);
        let room = match self.limit {
            Limit::Unlimited => return Ok(None),
            Limit::Probe => self.slots.is_empty(),
            Limit::Known { max, .. } => self.slots.len() < max as usize,
        };
        if room {
            let id = self.next_id;
            self.next_id += 1;
            // Not sent yet: held until `SlotGuard::sent`.
            self.slots.push(Slot { id, counted: None });
            return Ok(Some(id));
        }
        let interval = self.interval();
        Err(self
            .slots
            .iter()
            .filter_map(|s| s.counted)
            .min()
            .map(|counted| counted + interval))
    }

    fn available(&self) -> Option<u32> {
        match self.limit {
            Limit::Known { max, .. } => Some(max.saturating_sub(self.slots.len() as u32)),
            _ => None,
        }
    }
}

/// A rolling-window budget shared by every request that draws from it.
#[derive(Debug)]
pub(super) struct Window {
    /// The queue: whoever holds it is next to get a slot (tokio's mutex is fair).
    turn: tokio::sync::Mutex<()>,
    slots: Mutex<Slots>,
    /// Signalled when a slot's request completes or the budget changes.
    freed: Notify,
}

impl Window {
    pub(super) fn new(limit: Limit, fixed: bool, margin: Option<Duration>) -> Window {
        Window {
            turn: tokio::sync::Mutex::new(()),
            slots: Mutex::new(Slots {
                limit,
                fixed,
                margin,
                slots: Vec::new(),
                next_id: 0,
            }),
            freed: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn limit(&self) -> Limit {
        self.lock().limit
    }

    /// Wait for a slot, in arrival order.
    pub(super) async fn acquire(self: &Arc<Window>) -> SlotGuard {
        let _turn = self.turn.lock().await;
        loop {
            let next = self.lock().try_take(Instant::now());
            match next {
                Ok(id) => {
                    return SlotGuard {
                        window: Arc::clone(self),
                        id,
                    };
                }
                Err(Some(at)) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {}
                        () = self.freed.notified() => {}
                    }
                }
                Err(None) => self.freed.notified().await,
            }
        }
    }

    /// Learn the budget from an answer's `max`/`interval` (unless configured) and never
    /// count more free slots than HubSpot's `remaining` says.
    pub(super) fn observe(
        &self,
        max: Option<u32>,
        interval: Option<Duration>,
        remaining: Option<u32>,
    ) {
        let mut slots = self.lock();
        if !slots.fixed
            && let (Some(max), Some(interval)) = (max, interval)
            && max > 0
            && !interval.is_zero()
        {
            slots.limit = Limit::Known { max, interval };
        }
        if let (Some(remaining), Some(ours)) = (remaining, slots.available())
            && ours > remaining
        {
            // Someone else (another program with this token) used the difference:
            // count it as used now, so it frees a whole interval from now.
            let now = Instant::now();
            for _ in remaining..ours {
                let id = slots.next_id;
                slots.next_id += 1;
                slots.slots.push(Slot {
                    id,
                    counted: Some(now),
                });
            }
        }
        drop(slots);
        self.freed.notify_one();
    }

    /// The request of slot `id` goes out now: HubSpot counts it within the margin.
    fn sent(&self, id: u64) {
        let mut slots = self.lock();
        let margin = match slots.limit {
            Limit::Known { interval, .. } => {
                slots.margin.unwrap_or_else(|| default_margin(interval))
            }
            // While the budget is unknown the slot is held until the answer.
            _ => return,
        };
        if let Some(slot) = slots.slots.iter_mut().find(|s| s.id == id) {
            slot.counted = Some(Instant::now() + margin);
        }
    }

    fn release(&self, id: u64) {
        let mut slots = self.lock();
        if slots.limit == Limit::Probe {
            // The probe's answer announced no budget.
            slots.limit = Limit::Unlimited;
        }
        let now = Instant::now();
        if let Some(slot) = slots.slots.iter_mut().find(|s| s.id == id) {
            slot.counted = Some(slot.counted.map_or(now, |margin| margin.min(now)));
        }
        drop(slots);
        self.freed.notify_one();
    }

    #[cfg(test)]
    pub(super) fn in_use(&self) -> usize {
        let mut slots = self.lock();
        slots.prune(Instant::now());
        slots.slots.len()
    }
}

/// A taken slot; dropping it marks its request done (answer read, or given up).
#[derive(Debug)]
pub(super) struct SlotGuard {
    window: Arc<Window>,
    /// `None` when the window is not pacing.
    id: Option<u64>,
}

impl SlotGuard {
    /// Mark the request as sent now (after every slot it needs was taken).
    pub(super) fn sent(&self) {
        if let Some(id) = self.id {
            self.window.sent(id);
        }
    }
}

impl Drop for SlotGuard {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            self.window.release(id);
        }
    }
}
