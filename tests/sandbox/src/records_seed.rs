//! Seeding many records at once for tests and benchmarks ([`Sandbox::seed_records`]):
//! the values are checked as a create checks them, without a request per record.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::Sandbox;
use crate::errors::ApiError;
use crate::records::{checked, resolve};
use crate::records_rules::WriteKind;
use crate::state::now_iso;

impl Sandbox {
    /// Store `count` records of `object_type` (name, fully qualified name or type id),
    /// the `i`-th with the property values `properties(i)` returns (a JSON object),
    /// checked as a create checks them except for uniqueness (not checked, so seeding
    /// stays linear). Returns the new ids in order, or the first error's message.
    pub fn seed_records(
        &self,
        object_type: &str,
        count: usize,
        mut properties: impl FnMut(usize) -> Value,
    ) -> Result<Vec<String>, String> {
        let message = |e: ApiError| e.body["message"].as_str().unwrap_or_default().to_owned();
        let mut state = self.app.lock();
        let (schema, type_id) = resolve(&state, object_type).map_err(message)?;
        let now = now_iso();
        let mut ids = Vec::with_capacity(count);
        for i in 0..count {
            let input: BTreeMap<String, Value> =
                serde_json::from_value(properties(i)).map_err(|e| {
                    format!("record {i}: properties must be a JSON object of values: {e}")
                })?;
            let values = checked(&schema, &input, WriteKind::Create, None)
                .map_err(|e| format!("record {i}: {}", message(e)))?;
            ids.push(state.records.insert(&type_id, values, &now).to_string());
        }
        Ok(ids)
    }
}
