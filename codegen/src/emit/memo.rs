//! A process-wide memo of printed layouts. The text printers ask prettyplease for an
//! item's layout once per key (kind, name lengths, depth) — a layout depends on nothing
//! else — and every object of every run in the process reuses it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// Values made once per key, shared between threads.
pub struct Memo<K, V>(LazyLock<Mutex<HashMap<K, Arc<V>>>>);

impl<K: Eq + Hash, V> Memo<K, V> {
    /// An empty memo, for a `static`.
    pub const fn new() -> Self {
        Self(LazyLock::new(Default::default))
    }

    /// The value of `key`, made by `make` the first time. The lock is not held while
    /// `make` runs; two threads may both make a value, and either is kept (they are
    /// equal). A panic elsewhere cannot leave a value half made, so a poisoned lock
    /// is used as it is.
    pub fn get_or_make<E>(&self, key: K, make: impl FnOnce() -> Result<V, E>) -> Result<Arc<V>, E> {
        let cached = self.lock().get(&key).cloned();
        if let Some(value) = cached {
            return Ok(value);
        }
        let value = Arc::new(make()?);
        self.lock().insert(key, Arc::clone(&value));
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
