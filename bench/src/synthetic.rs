//! The deterministic synthetic HubSpot account the benchmarks run on: N custom objects
//! × P properties with a realistic mix of property types, an enumeration every K-th
//! property with O options, and realistic records of any of its objects.
//!
//! Deterministic by construction: every choice comes from a SplitMix64 generator seeded
//! from the spec, never from time or OS randomness, so the same spec gives the same
//! snapshot bytes and the same records on every machine and every run (benchmark
//! numbers are then comparable across runs and commits).
//!
//! This file is shared: `build.rs` includes it with `#[path]` to generate the reference
//! object's Rust type at compile time, and the library exposes it as
//! `hubspot_bench::synthetic`. It therefore uses only `std` and `serde_json`.

use serde_json::{Map, Value, json};

/// The size and shape of a synthetic account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountSpec {
    /// Number of custom objects (N).
    pub objects: usize,
    /// Properties per object (P), HubSpot's built-in `hs_*` ones included.
    pub properties: usize,
    /// Every `enum_every`-th property (K) is an enumeration: positions K, 2K, … (1-based).
    pub enum_every: usize,
    /// Options per enumeration property (O).
    pub options: usize,
    /// Seed of every other choice (names, types, labels).
    pub seed: u64,
}

impl AccountSpec {
    /// The reference account of the performance targets: 10 objects × 1,000
    /// properties, an enumeration every 5th property, 50 options each.
    pub const REFERENCE: AccountSpec = AccountSpec {
        objects: 10,
        properties: 1_000,
        enum_every: 5,
        options: 50,
        seed: 0x4855_4253_504f_5421,
    };
}

/// What a synthetic property is, which fixes its HubSpot `type` and `fieldType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `string` / `text`.
    Text,
    /// `string` / `textarea` (multi-line, quotes: JSON escapes in records).
    Textarea,
    /// `string` / `html`.
    Html,
    /// `phone_number` / `phonenumber`.
    Phone,
    /// `number` / `number`.
    Number,
    /// `number` / `calculation_equation`: calculated, read-only.
    Calculated,
    /// `bool` / `booleancheckbox`.
    Bool,
    /// `date` / `date`.
    Date,
    /// `datetime` / `date`.
    Datetime,
    /// `enumeration` / `select`: one option.
    Select,
    /// `enumeration` / `radio`: one option.
    Radio,
    /// `enumeration` / `checkbox`: several options, `;`-joined.
    Checkbox,
}

impl Kind {
    /// Every kind, for tests and reports.
    pub const ALL: [Kind; 12] = [
        Kind::Text,
        Kind::Textarea,
        Kind::Html,
        Kind::Phone,
        Kind::Number,
        Kind::Calculated,
        Kind::Bool,
        Kind::Date,
        Kind::Datetime,
        Kind::Select,
        Kind::Radio,
        Kind::Checkbox,
    ];

    /// HubSpot's `type` and `fieldType`.
    pub fn hubspot_types(self) -> (&'static str, &'static str) {
        match self {
            Kind::Text => ("string", "text"),
            Kind::Textarea => ("string", "textarea"),
            Kind::Html => ("string", "html"),
            Kind::Phone => ("phone_number", "phonenumber"),
            Kind::Number => ("number", "number"),
            Kind::Calculated => ("number", "calculation_equation"),
            Kind::Bool => ("bool", "booleancheckbox"),
            Kind::Date => ("date", "date"),
            Kind::Datetime => ("datetime", "date"),
            Kind::Select => ("enumeration", "select"),
            Kind::Radio => ("enumeration", "radio"),
            Kind::Checkbox => ("enumeration", "checkbox"),
        }
    }

    /// Whether this is an `enumeration` property.
    pub fn is_enumeration(self) -> bool {
        matches!(self, Kind::Select | Kind::Radio | Kind::Checkbox)
    }

    /// The word a property name of this kind ends with, so names read like real ones
    /// (`renewal_amount_0412`).
    fn name_words(self) -> &'static [&'static str] {
        match self {
            Kind::Text => &["name", "code", "reference", "title", "owner_name", "city"],
            Kind::Textarea => &["notes", "summary", "comments", "instructions"],
            Kind::Html => &["description_html", "body_html"],
            Kind::Phone => &["phone", "hotline", "mobile"],
            Kind::Number => &["amount", "count", "price", "score", "weight", "quantity"],
            Kind::Calculated => &["total", "margin", "ratio"],
            Kind::Bool => &["enabled", "verified", "is_active", "opted_in"],
            Kind::Date => &["date", "due_date", "start_date", "end_date"],
            Kind::Datetime => &["at", "timestamp", "last_seen_at", "synced_at"],
            Kind::Select | Kind::Radio => &["status", "stage", "tier", "category", "type"],
            Kind::Checkbox => &["tags", "features", "channels", "regions"],
        }
    }
}

/// How often each kind is drawn for a non-enumeration position, in percent (sums to
/// 100). Roughly what custom objects in the wild hold: mostly text and numbers.
pub const SCALAR_MIX: [(Kind, u64); 9] = [
    (Kind::Text, 34),
    (Kind::Number, 18),
    (Kind::Date, 10),
    (Kind::Datetime, 10),
    (Kind::Bool, 10),
    (Kind::Textarea, 6),
    (Kind::Phone, 5),
    (Kind::Html, 4),
    (Kind::Calculated, 3),
];

/// How enumeration positions split into field types, in percent (sums to 100).
pub const ENUM_MIX: [(Kind, u64); 3] =
    [(Kind::Select, 55), (Kind::Checkbox, 25), (Kind::Radio, 20)];

/// HubSpot's built-in properties every custom object has; they take the first
/// non-enumeration positions.
pub const BUILT_IN: [(&str, &str, Kind); 3] = [
    ("hs_object_id", "Record ID", Kind::Number),
    ("hs_createdate", "Object create date/time", Kind::Datetime),
    (
        "hs_lastmodifieddate",
        "Object last modified date/time",
        Kind::Datetime,
    ),
];

/// One synthetic property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticProperty {
    /// Internal name (unique in its object).
    pub name: String,
    /// Label.
    pub label: String,
    /// Type.
    pub kind: Kind,
    /// `(value, label)` of each option, for enumerations (and bools, as HubSpot does).
    pub options: Vec<(String, String)>,
    /// Description, for some properties.
    pub description: Option<String>,
    /// Whether HubSpot sets the value (built-ins and calculated properties).
    pub read_only: bool,
}

/// One synthetic custom object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticObject {
    /// Internal name.
    pub name: String,
    /// `2-<n>`.
    pub object_type_id: String,
    /// Singular label.
    pub singular: String,
    /// Properties, in generation order (position `i` is an enumeration when
    /// `(i + 1) % K == 0`).
    pub properties: Vec<SyntheticProperty>,
    /// Names of the required properties.
    pub required: Vec<String>,
}

/// A synthetic account: its objects, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticAccount {
    /// The spec it was made from.
    pub spec: AccountSpec,
    /// The objects, sorted by name (so "the first object" is the same in the account,
    /// in its snapshot and in generated code).
    pub objects: Vec<SyntheticObject>,
}

/// SplitMix64: tiny, fast, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the tiny modulo bias does not matter here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// An element of `items` (non-empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `true` with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A kind drawn from a weighted mix whose weights sum to 100.
    fn weighted(&mut self, mix: &[(Kind, u64)]) -> Kind {
        let mut roll = self.below(100);
        for &(kind, weight) in mix {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        mix[mix.len() - 1].0
    }
}

const OBJECT_NAMES: [&str; 16] = [
    "assets",
    "bookings",
    "cars",
    "deliveries",
    "equipment",
    "facilities",
    "grants",
    "hardware",
    "inspections",
    "jobs",
    "kits",
    "leases",
    "memberships",
    "news_items",
    "orders_custom",
    "projects",
];

const TOPICS: [&str; 24] = [
    "account",
    "billing",
    "contract",
    "customer",
    "delivery",
    "dealer",
    "engine",
    "fleet",
    "insurance",
    "inventory",
    "invoice",
    "lead",
    "loyalty",
    "maintenance",
    "onboarding",
    "partner",
    "renewal",
    "region",
    "service",
    "shipping",
    "support",
    "trial",
    "vehicle",
    "warranty",
];

const OPTION_WORDS: [&str; 12] = [
    "new",
    "in_progress",
    "pending_review",
    "approved",
    "rejected",
    "on_hold",
    "gold",
    "silver",
    "north_east",
    "closed_won",
    "closed_lost",
    "archived",
];

/// Generate the account `spec` describes.
///
/// # Panics
/// When `enum_every` is 0.
pub fn account(spec: &AccountSpec) -> SyntheticAccount {
    assert!(spec.enum_every > 0, "enum_every (K) must be at least 1");
    let mut rng = Rng::new(spec.seed);
    let mut objects: Vec<SyntheticObject> = (0..spec.objects)
        .map(|index| object(spec, index, &mut rng))
        .collect();
    objects.sort_by(|a, b| a.name.cmp(&b.name));
    SyntheticAccount {
        spec: *spec,
        objects,
    }
}

fn object(spec: &AccountSpec, index: usize, rng: &mut Rng) -> SyntheticObject {
    let base = OBJECT_NAMES[index % OBJECT_NAMES.len()];
    let round = index / OBJECT_NAMES.len();
    let name = if round == 0 {
        base.to_owned()
    } else {
        format!("{base}_{round}")
    };
    let mut built_ins = BUILT_IN.iter();
    let mut properties = Vec::with_capacity(spec.properties);
    for position in 0..spec.properties {
        let is_enum = (position + 1) % spec.enum_every == 0;
        // (Not a let chain: the workspace's rust-version is 1.85.)
        let built_in = if is_enum { None } else { built_ins.next() };
        if let Some(&(name, label, kind)) = built_in {
            properties.push(SyntheticProperty {
                name: name.to_owned(),
                label: label.to_owned(),
                kind,
                options: Vec::new(),
                description: None,
                read_only: true,
            });
            continue;
        }
        let kind = if is_enum {
            rng.weighted(&ENUM_MIX)
        } else {
            rng.weighted(&SCALAR_MIX)
        };
        properties.push(property(spec, kind, position, rng));
    }
    let required = properties
        .iter()
        .filter(|p| p.kind == Kind::Text)
        .take(2)
        .map(|p| p.name.clone())
        .collect();
    SyntheticObject {
        singular: title_case(name.trim_end_matches('s')),
        object_type_id: format!("2-{}", 1_000_001 + index),
        name,
        properties,
        required,
    }
}

fn property(spec: &AccountSpec, kind: Kind, position: usize, rng: &mut Rng) -> SyntheticProperty {
    let topic = rng.pick(&TOPICS);
    let word = rng.pick(kind.name_words());
    // The position keeps names unique; four digits keep them the same length, as a
    // team's naming convention would.
    let name = format!("{topic}_{word}_{position:04}");
    let label = format!("{} {}", title_case(topic), word.replace('_', " "));
    let options = match kind {
        Kind::Bool => vec![
            ("true".to_owned(), "Yes".to_owned()),
            ("false".to_owned(), "No".to_owned()),
        ],
        kind if kind.is_enumeration() => options(spec.options, rng),
        _ => Vec::new(),
    };
    let description = rng.percent(30).then(|| {
        format!(
            "The {} of the {topic}, as entered by the team.",
            word.replace('_', " ")
        )
    });
    SyntheticProperty {
        name,
        label,
        kind,
        options,
        description,
        read_only: kind == Kind::Calculated,
    }
}

/// `count` options in one of three value styles HubSpot accounts use: snake-case words
/// (most), numbers (`"1"`, `"2"`: variants get a `V` prefix), or labels as values.
fn options(count: usize, rng: &mut Rng) -> Vec<(String, String)> {
    let style = rng.below(10);
    (0..count)
        .map(|j| {
            let word = OPTION_WORDS[j % OPTION_WORDS.len()];
            let round = j / OPTION_WORDS.len();
            let label = if round == 0 {
                title_case(word)
            } else {
                format!("{} {round}", title_case(word))
            };
            let value = match style {
                0..=6 if round == 0 => word.to_owned(),
                0..=6 => format!("{word}_{round}"),
                7 | 8 => (j + 1).to_string(),
                _ => label.clone(),
            };
            (value, label)
        })
        .collect()
}

fn title_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for (i, word) in snake.split('_').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

impl SyntheticAccount {
    /// The account as a snapshot (`GET /crm-object-schemas/v3/schemas` body), compact
    /// JSON; properties in generation order (codegen sorts them).
    pub fn snapshot_json(&self) -> String {
        let results: Vec<Value> = self.objects.iter().map(object_json).collect();
        json!({ "results": results }).to_string()
    }
}

fn object_json(object: &SyntheticObject) -> Value {
    let properties: Vec<Value> = object
        .properties
        .iter()
        .enumerate()
        .map(|(order, p)| property_json(&object.name, order, p))
        .collect();
    json!({
        "id": object.object_type_id.trim_start_matches("2-"),
        "objectTypeId": object.object_type_id,
        "name": object.name,
        "fullyQualifiedName": format!("p12345678_{}", object.name),
        "labels": { "singular": object.singular, "plural": title_case(&object.name) },
        "description": format!("Synthetic {} object for benchmarks.", object.name),
        "primaryDisplayProperty": object.required.first(),
        "requiredProperties": object.required,
        "searchableProperties": object.required,
        "secondaryDisplayProperties": [],
        "archived": false,
        "createdAt": "2024-05-01T09:30:00.000Z",
        "updatedAt": "2024-06-02T16:04:11.231Z",
        "properties": properties,
        "associations": [{
            "id": object.object_type_id.trim_start_matches("2-"),
            "name": format!("{}_to_contact", object.name),
            "fromObjectTypeId": object.object_type_id,
            "toObjectTypeId": "0-1",
        }],
    })
}

fn property_json(object: &str, order: usize, p: &SyntheticProperty) -> Value {
    let (ty, field_type) = p.kind.hubspot_types();
    let options: Vec<Value> = p
        .options
        .iter()
        .enumerate()
        .map(|(i, (value, label))| {
            json!({ "value": value, "label": label, "displayOrder": i, "hidden": false })
        })
        .collect();
    let mut json = Map::new();
    json.insert("name".into(), p.name.clone().into());
    json.insert("label".into(), p.label.clone().into());
    json.insert("type".into(), ty.into());
    json.insert("fieldType".into(), field_type.into());
    json.insert(
        "description".into(),
        p.description.clone().unwrap_or_default().into(),
    );
    json.insert("groupName".into(), format!("{object}_information").into());
    json.insert("options".into(), options.into());
    json.insert("displayOrder".into(), order.into());
    json.insert("calculated".into(), (p.kind == Kind::Calculated).into());
    if p.kind == Kind::Calculated {
        json.insert("calculationFormula".into(), "amount * 1.2".into());
    }
    json.insert("externalOptions".into(), false.into());
    json.insert("hasUniqueValue".into(), false.into());
    json.insert("hidden".into(), false.into());
    json.insert("hubspotDefined".into(), p.name.starts_with("hs_").into());
    json.insert(
        "modificationMetadata".into(),
        json!({ "archivable": true, "readOnlyDefinition": p.read_only, "readOnlyValue": p.read_only }),
    );
    json.insert("formField".into(), true.into());
    Value::Object(json)
}

/// Which records to make, and how full they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSpec {
    /// Number of records.
    pub count: usize,
    /// Properties each record carries (a `properties=` request of this many), the
    /// built-ins included; at most the object's property count.
    pub properties: usize,
    /// Percent of values that are `null` or `""` (no value), as in real accounts.
    pub empty_percent: u64,
    /// Seed of the values.
    pub seed: u64,
}

impl RecordSpec {
    /// The reference records: 10,000 records carrying 100 of the object's properties
    /// each (every kind present), 15% of values empty.
    pub const REFERENCE: RecordSpec = RecordSpec {
        count: 10_000,
        properties: 100,
        empty_percent: 15,
        seed: 0x5245_434f_5244_5321,
    };
}

/// The properties a record of `object` carries under `spec`: the built-ins, then a
/// seeded sample of the rest, sorted by name (HubSpot's order in responses).
pub fn requested_properties<'a>(
    object: &'a SyntheticObject,
    spec: &RecordSpec,
) -> Vec<&'a SyntheticProperty> {
    let mut rng = Rng::new(spec.seed);
    let (mut built_in, mut rest): (Vec<&SyntheticProperty>, Vec<&SyntheticProperty>) = object
        .properties
        .iter()
        .partition(|p| BUILT_IN.iter().any(|(name, _, _)| *name == p.name));
    // Fisher–Yates, seeded.
    for i in (1..rest.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        rest.swap(i, j);
    }
    // One property of every kind the object has comes first, so even a small request
    // exercises every codec; the shuffled rest fills it up.
    for (slot, kind) in Kind::ALL.iter().enumerate() {
        if let Some(found) = rest[slot.min(rest.len())..]
            .iter()
            .position(|p| p.kind == *kind)
        {
            rest.swap(slot, slot + found);
        }
    }
    let wanted = spec.properties.min(object.properties.len());
    let take = wanted.saturating_sub(built_in.len());
    built_in.truncate(wanted);
    built_in.extend(rest.into_iter().take(take));
    built_in.sort_by(|a, b| a.name.cmp(&b.name));
    built_in
}

/// `spec.count` records of `object` as HubSpot's objects API returns them
/// (`{"id", "properties", "createdAt", "updatedAt", "archived"}`), every value a JSON
/// string or `null`, in pages of `page_size` (`RecordPage` bodies: `{"results": […],
/// "paging": {"next": {"after": …}}}`; HubSpot's maximum page size is 100).
pub fn record_pages(object: &SyntheticObject, spec: &RecordSpec, page_size: usize) -> Vec<String> {
    let requested = requested_properties(object, spec);
    let mut rng = Rng::new(spec.seed ^ 0xA5A5_A5A5_A5A5_A5A5);
    let mut pages = Vec::new();
    let mut first = 0;
    while first < spec.count {
        let last = (first + page_size.max(1)).min(spec.count);
        let results: Vec<Value> = (first..last)
            .map(|index| record(index, &requested, spec, &mut rng))
            .collect();
        let mut page = json!({ "results": results });
        if last < spec.count {
            page["paging"] = json!({ "next": { "after": last.to_string() } });
        }
        pages.push(page.to_string());
        first = last;
    }
    pages
}

fn record(
    index: usize,
    requested: &[&SyntheticProperty],
    spec: &RecordSpec,
    rng: &mut Rng,
) -> Value {
    let id = 30_000_000_001_u64 + index as u64;
    let created = 1_714_555_800_000_u64 + index as u64 * 61_000;
    let mut properties = Map::new();
    for property in requested {
        let value = match property.name.as_str() {
            "hs_object_id" => Value::String(id.to_string()),
            "hs_createdate" => Value::String(iso_millis(created)),
            "hs_lastmodifieddate" => Value::String(iso_millis(created + 86_400_000)),
            _ if rng.percent(spec.empty_percent) => {
                if rng.percent(50) {
                    Value::Null
                } else {
                    Value::String(String::new())
                }
            }
            _ => Value::String(value(property, rng)),
        };
        properties.insert(property.name.clone(), value);
    }
    json!({
        "id": id.to_string(),
        "properties": properties,
        "createdAt": iso_millis(created),
        "updatedAt": iso_millis(created + 86_400_000),
        "archived": false,
    })
}

/// A value of `property` in one of the string forms HubSpot sends.
fn value(property: &SyntheticProperty, rng: &mut Rng) -> String {
    const WORDS: [&str; 10] = [
        "Toyota", "Corolla", "north", "lot", "Müller", "premium", "blue", "Zürich", "fleet", "A4",
    ];
    match property.kind {
        Kind::Text => {
            let words = 1 + rng.below(4) as usize;
            (0..words)
                .map(|_| *rng.pick(&WORDS))
                .collect::<Vec<_>>()
                .join(" ")
        }
        // Line breaks and quotes: these arrive JSON-escaped, so they cannot be borrowed.
        Kind::Textarea => format!(
            "Called \"{}\" about the {}.\nFollow up next week.",
            rng.pick(&WORDS),
            rng.pick(&WORDS)
        ),
        Kind::Html => format!("<p>{} <b>{}</b></p>", rng.pick(&WORDS), rng.pick(&WORDS)),
        Kind::Phone => format!("+1 617 555 {:04}", rng.below(10_000)),
        Kind::Number => match rng.below(3) {
            0 => rng.below(100_000).to_string(),
            1 => format!("{}.{:02}", rng.below(100_000), rng.below(100)),
            _ => format!("-{}.5", rng.below(1_000)),
        },
        Kind::Calculated => format!("{}.{}", rng.below(1_000_000), rng.below(10)),
        Kind::Bool => if rng.percent(50) { "true" } else { "false" }.to_owned(),
        Kind::Date => {
            let day = rng.below(20_000) as i64;
            if rng.percent(70) {
                civil_date(day)
            } else {
                // Midnight UTC as epoch milliseconds, as older integrations send it.
                (day * 86_400_000).to_string()
            }
        }
        Kind::Datetime => {
            let millis = 1_600_000_000_000 + rng.below(200_000_000_000);
            if rng.percent(70) {
                iso_millis(millis)
            } else {
                millis.to_string()
            }
        }
        Kind::Select | Kind::Radio => rng.pick(&property.options).0.clone(),
        Kind::Checkbox => {
            let picks = 1 + rng.below(3) as usize;
            (0..picks)
                .map(|_| rng.pick(&property.options).0.as_str())
                .collect::<Vec<_>>()
                .join(";")
        }
    }
}

/// `days` since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian; Howard Hinnant's
/// civil-from-days algorithm, so no date crate is needed here).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Epoch milliseconds as HubSpot's `2024-05-01T09:30:00.000Z`.
fn iso_millis(millis: u64) -> String {
    let days = (millis / 86_400_000) as i64;
    let rest = millis % 86_400_000;
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        civil_date(days),
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1_000 % 60,
        rest % 1_000
    )
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use super::*;

    #[test]
    fn same_spec_same_account_snapshot_and_records() {
        let a = account(&AccountSpec::REFERENCE);
        let b = account(&AccountSpec::REFERENCE);
        assert_eq!(a, b);
        assert_eq!(a.snapshot_json(), b.snapshot_json());
        let small = RecordSpec {
            count: 250,
            ..RecordSpec::REFERENCE
        };
        assert_eq!(
            record_pages(&a.objects[0], &small, 100),
            record_pages(&b.objects[0], &small, 100)
        );
        // A different seed gives a different account: the seed is really used.
        let other = account(&AccountSpec {
            seed: 1,
            ..AccountSpec::REFERENCE
        });
        assert_ne!(a.snapshot_json(), other.snapshot_json());
    }

    #[test]
    fn reference_account_has_the_stated_shape_and_mix() {
        let account = account(&AccountSpec::REFERENCE);
        assert_eq!(account.objects.len(), 10);
        let names: Vec<&str> = account.objects.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names[0], "assets");
        assert!(names.is_sorted(), "{names:?}");
        let mut totals: BTreeMap<Kind, usize> = BTreeMap::new();
        for object in &account.objects {
            assert_eq!(object.properties.len(), 1_000, "{}", object.name);
            let unique: HashSet<&str> = object.properties.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(unique.len(), 1_000, "duplicate names in {}", object.name);
            for (position, property) in object.properties.iter().enumerate() {
                // Exactly every 5th property is an enumeration, with 50 options.
                let enum_position = (position + 1) % 5 == 0;
                assert_eq!(
                    property.kind.is_enumeration(),
                    enum_position,
                    "{}",
                    property.name
                );
                if enum_position {
                    assert_eq!(property.options.len(), 50, "{}", property.name);
                    let values: HashSet<&str> =
                        property.options.iter().map(|(v, _)| v.as_str()).collect();
                    assert_eq!(
                        values.len(),
                        50,
                        "duplicate option values in {}",
                        property.name
                    );
                }
                *totals.entry(property.kind).or_default() += 1;
            }
            for (name, _, kind) in BUILT_IN {
                let built_in = object.properties.iter().find(|p| p.name == name).unwrap();
                assert_eq!((built_in.kind, built_in.read_only), (kind, true));
            }
            assert_eq!(object.required.len(), 2);
        }
        // 2,000 enumerations; the 8,000 other properties follow the mix within a few
        // points (6 built-in datetimes/numbers aside).
        let enums: usize = ENUM_MIX.iter().map(|(k, _)| totals[k]).sum();
        assert_eq!(enums, 2_000);
        for (kind, percent) in ENUM_MIX {
            let share = totals[&kind] as f64 / 2_000.0 * 100.0;
            assert!(
                (share - percent as f64).abs() < 4.0,
                "{kind:?}: {share:.1}%"
            );
        }
        for (kind, percent) in SCALAR_MIX {
            let share = totals[&kind] as f64 / 8_000.0 * 100.0;
            assert!(
                (share - percent as f64).abs() < 2.0,
                "{kind:?}: {share:.1}%"
            );
        }
        assert_eq!(
            totals.len(),
            Kind::ALL.len(),
            "every kind occurs: {totals:?}"
        );
    }

    #[test]
    fn snapshot_is_what_codegen_reads() {
        let account = account(&AccountSpec {
            objects: 2,
            properties: 20,
            ..AccountSpec::REFERENCE
        });
        let snapshot: Value = serde_json::from_str(&account.snapshot_json()).unwrap();
        let results = snapshot["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        let first = &results[0];
        assert_eq!(first["name"], "assets");
        assert_eq!(first["objectTypeId"], "2-1000001");
        let properties = first["properties"].as_array().unwrap();
        assert_eq!(properties.len(), 20);
        let status = &properties[4];
        assert_eq!(status["type"], "enumeration");
        assert_eq!(status["options"].as_array().unwrap().len(), 50);
        assert_eq!(properties[0]["name"], "hs_object_id");
        assert_eq!(properties[0]["modificationMetadata"]["readOnlyValue"], true);
    }

    #[test]
    fn records_carry_every_kind_as_strings_in_hubspot_formats() {
        let account = account(&AccountSpec::REFERENCE);
        let object = &account.objects[0];
        let spec = RecordSpec {
            count: 205,
            ..RecordSpec::REFERENCE
        };
        let requested = requested_properties(object, &spec);
        assert_eq!(requested.len(), 100);
        let kinds: HashSet<Kind> = requested.iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), Kind::ALL.len(), "{kinds:?}");

        let pages = record_pages(object, &spec, 100);
        assert_eq!(pages.len(), 3);
        let last: Value = serde_json::from_str(&pages[2]).unwrap();
        assert_eq!(last["results"].as_array().unwrap().len(), 5);
        assert!(last.get("paging").is_none());
        let first: Value = serde_json::from_str(&pages[0]).unwrap();
        assert_eq!(first["paging"]["next"]["after"], "100");
        let record = &first["results"][0];
        assert_eq!(record["id"], "30000000001");
        assert_eq!(record["createdAt"], "2024-05-01T09:30:00.000Z");
        let properties = record["properties"].as_object().unwrap();
        assert_eq!(properties.len(), 100);
        assert_eq!(properties["hs_object_id"], "30000000001");
        for (name, value) in properties {
            assert!(value.is_string() || value.is_null(), "{name}: {value}");
        }
    }

    #[test]
    fn calendar_conversions_are_exact() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_844), "2024-05-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(iso_millis(1_714_555_800_000), "2024-05-01T09:30:00.000Z");
        assert_eq!(iso_millis(1_714_555_800_123), "2024-05-01T09:30:00.123Z");
    }
}
