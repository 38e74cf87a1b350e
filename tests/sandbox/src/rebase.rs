//! Moving a schema snapshot to another account ([`rebase`]): the same names,
//! properties and options under another portal's ids, as a production account holds
//! what a developer sandbox was built from.
//!
//! Every custom object (`objectTypeId` `2-…`) gets a fresh id (`id + offset`, and
//! `2-<new id>`) and the fully qualified name `p<portal id>_<name>`; every association
//! touching a custom object gets a fresh association type id (`id + offset`) and its
//! ends follow the moved object type ids. Standard objects and associations between
//! standard objects keep HubSpot's ids, which are the same in every account. Pipeline
//! and stage ids are left as they are.

use std::collections::HashMap;

use serde_json::Value;

/// `snapshot_body` (`{"results":[…]}` or a bare array) as the account `portal_id`
/// would hold it, with custom object and association ids moved by `id_offset`.
pub fn rebase(snapshot_body: &str, portal_id: u64, id_offset: u64) -> Result<String, String> {
    let mut body: Value =
        serde_json::from_str(snapshot_body).map_err(|e| format!("invalid schema snapshot: {e}"))?;
    let schemas = match &mut body {
        Value::Array(schemas) => schemas,
        Value::Object(map) => match map.get_mut("results") {
            Some(Value::Array(schemas)) => schemas,
            _ => return Err("invalid schema snapshot: no `results` array".to_owned()),
        },
        _ => return Err("invalid schema snapshot: neither an array nor an object".to_owned()),
    };
    let moved = move_object_ids(schemas, portal_id, id_offset)?;
    for schema in schemas.iter_mut() {
        let Some(Value::Array(associations)) = schema.get_mut("associations") else {
            continue;
        };
        for association in associations {
            move_association(association, &moved, id_offset)?;
        }
    }
    serde_json::to_string_pretty(&body).map_err(|e| e.to_string())
}

/// Move every custom object's `id`, `objectTypeId` and `fullyQualifiedName`; returns
/// old object type id → new.
fn move_object_ids(
    schemas: &mut [Value],
    portal_id: u64,
    id_offset: u64,
) -> Result<HashMap<String, String>, String> {
    let mut moved = HashMap::new();
    for schema in schemas {
        let Some(old_type_id) = schema.get("objectTypeId").and_then(Value::as_str) else {
            continue;
        };
        let Some(number) = old_type_id.strip_prefix("2-") else {
            continue;
        };
        let old_type_id = old_type_id.to_owned();
        let new_id = shifted(number, id_offset, "objectTypeId")?;
        let name = schema
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("schema {old_type_id} has no name"))?
            .to_owned();
        let new_type_id = format!("2-{new_id}");
        schema["id"] = Value::String(new_id);
        schema["objectTypeId"] = Value::String(new_type_id.clone());
        schema["fullyQualifiedName"] = Value::String(format!("p{portal_id}_{name}"));
        moved.insert(old_type_id, new_type_id);
    }
    Ok(moved)
}

fn move_association(
    association: &mut Value,
    moved: &HashMap<String, String>,
    id_offset: u64,
) -> Result<(), String> {
    let mut custom = false;
    for end in ["fromObjectTypeId", "toObjectTypeId"] {
        if let Some(new) = association
            .get(end)
            .and_then(Value::as_str)
            .and_then(|old| moved.get(old))
        {
            association[end] = Value::String(new.clone());
            custom = true;
        }
    }
    if !custom {
        return Ok(());
    }
    if let Some(id) = association.get("id").and_then(Value::as_str) {
        association["id"] = Value::String(shifted(id, id_offset, "association id")?);
    }
    Ok(())
}

fn shifted(number: &str, id_offset: u64, what: &str) -> Result<String, String> {
    let value: u64 = number
        .parse()
        .map_err(|_| format!("{what} {number:?} is not a number; cannot move it"))?;
    value
        .checked_add(id_offset)
        .map(|v| v.to_string())
        .ok_or_else(|| format!("{what} {number} + offset {id_offset} overflows"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_move_standard_ids_stay() {
        let body = r#"{"results":[
            {"name":"cars","id":"100","objectTypeId":"2-100","fullyQualifiedName":"p1_cars",
             "associations":[
                {"id":"17","name":"car_to_contact","fromObjectTypeId":"2-100","toObjectTypeId":"0-1"},
                {"id":"18","name":"car_to_lot","fromObjectTypeId":"2-100","toObjectTypeId":"2-200"}]},
            {"name":"lot","id":"200","objectTypeId":"2-200","fullyQualifiedName":"p1_lot"},
            {"name":"contacts","objectTypeId":"0-1",
             "associations":[{"id":"1","name":"contact_to_company","fromObjectTypeId":"0-1","toObjectTypeId":"0-2"}]}
        ]}"#;
        let rebased: Value = serde_json::from_str(&rebase(body, 99, 1000).unwrap()).unwrap();
        let cars = &rebased["results"][0];
        assert_eq!(cars["id"], "1100");
        assert_eq!(cars["objectTypeId"], "2-1100");
        assert_eq!(cars["fullyQualifiedName"], "p99_cars");
        assert_eq!(cars["associations"][0]["id"], "1017");
        assert_eq!(cars["associations"][0]["toObjectTypeId"], "0-1");
        assert_eq!(cars["associations"][1]["id"], "1018");
        assert_eq!(cars["associations"][1]["toObjectTypeId"], "2-1200");
        assert_eq!(rebased["results"][1]["objectTypeId"], "2-1200");
        let contacts = &rebased["results"][2];
        assert_eq!(contacts["objectTypeId"], "0-1");
        assert_eq!(contacts["associations"][0]["id"], "1");
    }

    #[test]
    fn bad_snapshots_are_named() {
        assert!(
            rebase("{", 1, 1)
                .unwrap_err()
                .contains("invalid schema snapshot")
        );
        assert!(rebase("{}", 1, 1).unwrap_err().contains("results"));
        let bad = r#"[{"name":"x","objectTypeId":"2-x"}]"#;
        assert!(rebase(bad, 1, 1).unwrap_err().contains("not a number"));
    }
}
