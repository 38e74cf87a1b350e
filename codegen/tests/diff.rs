//! The diff engine through the library: one OLD/NEW fixture pair per change kind
//! (`tests/diff_fixtures/<case>/{old,new}.json`) with its expected classification,
//! Rust items and exit code; order-insensitivity; and the three output formats for a
//! realistic drift of `examples/schemas.json` (insta snapshots).

use std::path::{Path, PathBuf};

use hubspot_codegen::diff::{self, Diff, FORMAT_VERSION};
use hubspot_codegen::source::read_snapshot;
use hubspot_runtime::schema::{ObjectSchema, Property};

const EXAMPLE_SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/schemas.json");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_fixtures")
}

fn load(case: &str) -> (Vec<ObjectSchema>, Vec<ObjectSchema>) {
    let dir = fixtures().join(case);
    (
        read_snapshot(dir.join("old.json")).unwrap(),
        read_snapshot(dir.join("new.json")).unwrap(),
    )
}

/// One change: kind, breaking, property, option, association, Rust item before, Rust
/// item after.
type Row<'a> = (
    &'static str,
    bool,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);
type Expected = Row<'static>;

fn actual(diff: &Diff) -> Vec<Row<'_>> {
    diff.changes
        .iter()
        .map(|c| {
            (
                c.kind.as_str(),
                c.breaking,
                c.property.as_deref(),
                c.option.as_deref(),
                c.association.as_deref(),
                c.rust.old.as_deref(),
                c.rust.new.as_deref(),
            )
        })
        .collect()
}

const YEAR: Option<&str> = Some("Cars::year: Option<Decimal>");
const NOTES: Option<&str> = Some("Cars::notes: Option<String>");

/// `(case, expected changes, exit code)`.
fn table() -> Vec<(&'static str, Vec<Expected>, u8)> {
    let p = Some;
    vec![
        ("identical", vec![], 0),
        ("reordered", vec![], 0),
        (
            "object_added",
            vec![(
                "object_added",
                false,
                None,
                None,
                None,
                None,
                p("struct Boats"),
            )],
            0,
        ),
        (
            "object_removed",
            vec![(
                "object_removed",
                true,
                None,
                None,
                None,
                p("struct Cars"),
                None,
            )],
            3,
        ),
        (
            "object_type_id_changed",
            vec![(
                "object_type_id_changed",
                true,
                None,
                None,
                None,
                p("Cars::OBJECT_TYPE_ID"),
                p("Cars::OBJECT_TYPE_ID"),
            )],
            3,
        ),
        (
            "pipeline_changes",
            vec![
                (
                    "stage_label_changed",
                    false,
                    None,
                    p("1"),
                    None,
                    p("CarsStage::Arrived"),
                    p("CarsStage::Received"),
                ),
                (
                    "rust_name_changed",
                    true,
                    None,
                    p("1"),
                    None,
                    p("CarsStage::Arrived"),
                    p("CarsStage::Received"),
                ),
                (
                    "stage_removed",
                    true,
                    None,
                    p("2"),
                    None,
                    p("CarsStage::ForSale"),
                    None,
                ),
                (
                    "stage_metadata_changed",
                    false,
                    None,
                    p("3"),
                    None,
                    p("CarsStage::Sold"),
                    p("CarsStage::Sold"),
                ),
                (
                    "stage_added",
                    false,
                    None,
                    p("4"),
                    None,
                    None,
                    p("CarsStage::Reserved"),
                ),
                (
                    "pipeline_id_changed",
                    true,
                    None,
                    p("75"),
                    None,
                    p("CarsPipeline::Repairs"),
                    p("CarsPipeline::Repairs"),
                ),
                (
                    "stage_id_changed",
                    true,
                    None,
                    p("76"),
                    None,
                    p("CarsStage::Waiting"),
                    p("CarsStage::Waiting"),
                ),
                (
                    "pipeline_added",
                    false,
                    None,
                    p("100"),
                    None,
                    None,
                    p("CarsPipeline::Leasing"),
                ),
            ],
            3,
        ),
        (
            "other_account",
            vec![
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    None,
                    p("Cars::OBJECT_TYPE_ID"),
                    p("Cars::OBJECT_TYPE_ID"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    None,
                    p("Cars::FULLY_QUALIFIED_NAME"),
                    p("Cars::FULLY_QUALIFIED_NAME"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    p("17"),
                    p("Cars::CARS_TO_CONTACT"),
                    p("Cars::CARS_TO_CONTACT"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    p("18"),
                    p("Cars::CAR_TO_LOT"),
                    p("Cars::CAR_TO_LOT"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    None,
                    p("Lots::OBJECT_TYPE_ID"),
                    p("Lots::OBJECT_TYPE_ID"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    None,
                    p("Lots::FULLY_QUALIFIED_NAME"),
                    p("Lots::FULLY_QUALIFIED_NAME"),
                ),
                (
                    "account_id_changed",
                    false,
                    None,
                    None,
                    p("19"),
                    p("Lots::LOT_TO_CAR"),
                    p("Lots::LOT_TO_CAR"),
                ),
            ],
            0,
        ),
        (
            "object_label_changed",
            vec![(
                "object_label_changed",
                false,
                None,
                None,
                None,
                p("struct Cars"),
                p("struct Cars"),
            )],
            0,
        ),
        (
            "object_description_changed",
            vec![(
                "object_description_changed",
                false,
                None,
                None,
                None,
                p("struct Cars"),
                p("struct Cars"),
            )],
            0,
        ),
        (
            "property_added",
            vec![(
                "property_added",
                false,
                p("color"),
                None,
                None,
                None,
                p("Cars::color: Option<String>"),
            )],
            0,
        ),
        (
            "property_added_required",
            vec![(
                "property_added",
                true,
                p("vin"),
                None,
                None,
                None,
                p("Cars::vin: Option<String>"),
            )],
            3,
        ),
        (
            "property_removed",
            vec![(
                "property_removed",
                true,
                p("notes"),
                None,
                None,
                NOTES,
                None,
            )],
            3,
        ),
        (
            "property_type_changed",
            vec![(
                "property_type_changed",
                true,
                p("year"),
                None,
                None,
                YEAR,
                p("Cars::year: Option<String>"),
            )],
            3,
        ),
        (
            "property_field_type_changed_same_rust_type",
            vec![(
                "property_type_changed",
                false,
                p("notes"),
                None,
                None,
                NOTES,
                NOTES,
            )],
            0,
        ),
        (
            "property_select_to_checkbox",
            vec![(
                "property_type_changed",
                true,
                p("condition"),
                None,
                None,
                p("Cars::condition: Option<CarsCondition>"),
                p("Cars::condition: Option<Vec<CarsCondition>>"),
            )],
            3,
        ),
        (
            "property_external_options",
            vec![(
                "property_type_changed",
                true,
                p("condition"),
                None,
                None,
                p("Cars::condition: Option<CarsCondition>"),
                p("Cars::condition: Option<String>"),
            )],
            3,
        ),
        (
            "property_now_required",
            vec![(
                "property_now_required",
                true,
                p("year"),
                None,
                None,
                YEAR,
                YEAR,
            )],
            3,
        ),
        (
            "property_no_longer_required",
            vec![(
                "property_no_longer_required",
                false,
                p("model"),
                None,
                None,
                p("Cars::model: Option<String>"),
                p("Cars::model: Option<String>"),
            )],
            0,
        ),
        (
            "property_now_read_only_calculated",
            vec![
                (
                    "property_type_changed",
                    false,
                    p("price"),
                    None,
                    None,
                    p("Cars::price: Option<Decimal>"),
                    p("Cars::price: Option<Decimal>"),
                ),
                (
                    "property_now_read_only",
                    true,
                    p("price"),
                    None,
                    None,
                    p("Cars::price: Option<Decimal>"),
                    p("Cars::price: Option<Decimal>"),
                ),
            ],
            3,
        ),
        (
            "property_now_read_only_value",
            vec![(
                "property_now_read_only",
                true,
                p("year"),
                None,
                None,
                YEAR,
                YEAR,
            )],
            3,
        ),
        (
            "property_now_writable",
            vec![
                (
                    "property_type_changed",
                    false,
                    p("price_with_tax"),
                    None,
                    None,
                    p("Cars::price_with_tax: Option<Decimal>"),
                    p("Cars::price_with_tax: Option<Decimal>"),
                ),
                (
                    "property_now_writable",
                    false,
                    p("price_with_tax"),
                    None,
                    None,
                    p("Cars::price_with_tax: Option<Decimal>"),
                    p("Cars::price_with_tax: Option<Decimal>"),
                ),
            ],
            0,
        ),
        (
            "property_archived",
            vec![(
                "property_archived",
                true,
                p("notes"),
                None,
                None,
                NOTES,
                NOTES,
            )],
            3,
        ),
        (
            "property_unarchived",
            vec![(
                "property_unarchived",
                false,
                p("notes"),
                None,
                None,
                NOTES,
                NOTES,
            )],
            0,
        ),
        (
            "property_hidden_changed",
            vec![(
                "property_hidden_changed",
                false,
                p("notes"),
                None,
                None,
                NOTES,
                NOTES,
            )],
            0,
        ),
        (
            "property_label_changed",
            vec![(
                "property_label_changed",
                false,
                p("year"),
                None,
                None,
                YEAR,
                YEAR,
            )],
            0,
        ),
        (
            "property_description_changed",
            vec![(
                "property_description_changed",
                false,
                p("year"),
                None,
                None,
                YEAR,
                YEAR,
            )],
            0,
        ),
        (
            "option_added",
            vec![(
                "option_added",
                false,
                p("condition"),
                p("salvage"),
                None,
                None,
                p("CarsCondition::Salvage"),
            )],
            0,
        ),
        (
            "option_removed",
            vec![(
                "option_removed",
                true,
                p("condition"),
                p("cpo"),
                None,
                p("CarsCondition::Cpo"),
                None,
            )],
            3,
        ),
        (
            "option_value_changed",
            vec![(
                "option_value_changed",
                true,
                p("condition"),
                p("cpo"),
                None,
                p("CarsCondition::Cpo"),
                p("CarsCondition::Certified"),
            )],
            3,
        ),
        (
            "option_label_changed",
            vec![(
                "option_label_changed",
                false,
                p("condition"),
                p("used"),
                None,
                p("CarsCondition::Used"),
                p("CarsCondition::Used"),
            )],
            0,
        ),
        (
            "option_description_changed",
            vec![(
                "option_description_changed",
                false,
                p("condition"),
                p("used"),
                None,
                p("CarsCondition::Used"),
                p("CarsCondition::Used"),
            )],
            0,
        ),
        (
            "option_hidden_changed",
            vec![(
                "option_hidden_changed",
                false,
                p("features"),
                p("heated_seats"),
                None,
                p("CarsFeatures::HeatedSeats"),
                p("CarsFeatures::HeatedSeats"),
            )],
            0,
        ),
        (
            "association_added",
            vec![(
                "association_added",
                false,
                None,
                None,
                p("21"),
                None,
                p("Cars::CARS_TO_COMPANY"),
            )],
            0,
        ),
        (
            "association_removed",
            vec![(
                "association_removed",
                true,
                None,
                None,
                p("17"),
                p("Cars::CARS_TO_CONTACT"),
                None,
            )],
            3,
        ),
        (
            "association_target_changed",
            vec![(
                "association_target_changed",
                true,
                None,
                None,
                p("17"),
                p("Cars::CARS_TO_CONTACT"),
                p("Cars::CARS_TO_CONTACT"),
            )],
            3,
        ),
        (
            "association_name_changed",
            vec![
                (
                    "association_name_changed",
                    false,
                    None,
                    None,
                    p("17"),
                    p("Cars::CARS_TO_CONTACT"),
                    p("Cars::CARS_TO_BUYER"),
                ),
                (
                    "rust_name_changed",
                    true,
                    None,
                    None,
                    p("17"),
                    p("Cars::CARS_TO_CONTACT"),
                    p("Cars::CARS_TO_BUYER"),
                ),
            ],
            3,
        ),
        (
            // `trim-level` had the field `trim_level`; the new property `trim_level` takes
            // it (an unconverted name wins its collision), so the old one is renamed.
            "rust_name_changed",
            vec![
                (
                    "rust_name_changed",
                    true,
                    p("trim-level"),
                    None,
                    None,
                    p("Cars::trim_level: Option<String>"),
                    p("Cars::trim_level_2: Option<String>"),
                ),
                (
                    "rust_name_changed",
                    true,
                    p("trim-level"),
                    None,
                    None,
                    p("CarsProperty::TrimLevel"),
                    p("CarsProperty::TrimLevel2"),
                ),
                (
                    "property_added",
                    false,
                    p("trim_level"),
                    None,
                    None,
                    None,
                    p("Cars::trim_level: Option<String>"),
                ),
            ],
            3,
        ),
    ]
}

#[test]
fn every_change_kind_is_classified_with_its_rust_item_and_exit_code() {
    let table = table();
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_dir())
        .map(|entry| entry.file_name().into_string().unwrap())
        .collect();
    cases.sort();
    let mut covered: Vec<String> = table.iter().map(|(case, ..)| case.to_string()).collect();
    covered.sort();
    assert_eq!(
        cases, covered,
        "every fixture pair has a row, and every row a fixture"
    );

    for (case, expected, exit) in table {
        let (old, new) = load(case);
        let diff = diff::diff(&old, &new).unwrap();
        assert_eq!(actual(&diff), expected, "case {case}");
        assert_eq!(diff.exit_code(), exit, "case {case}");
        // Every change renders a message and a reason; the reverse direction of a
        // fixture never reports nothing when the forward one reports something.
        for change in &diff.changes {
            // The JSON name and `as_str` agree.
            assert_eq!(
                serde_json::to_value(change.kind).unwrap(),
                change.kind.as_str()
            );
            assert!(!change.message(&|s| s.to_owned()).is_empty());
            assert!(!change.reason().is_empty());
        }
        let back = diff::diff(&new, &old).unwrap();
        assert_eq!(back.is_empty(), diff.is_empty(), "case {case} reversed");
    }
}

#[test]
fn changes_carry_old_and_new_values() {
    let (old, new) = load("property_type_changed");
    let change = &diff::diff(&old, &new).unwrap().changes[0];
    assert_eq!(change.old.as_deref(), Some("number/number"));
    assert_eq!(change.new.as_deref(), Some("string/text"));
    assert_eq!(change.object, "cars");

    let (old, new) = load("option_value_changed");
    let change = &diff::diff(&old, &new).unwrap().changes[0];
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("cpo"), Some("certified"))
    );

    let (old, new) = load("property_now_read_only_calculated");
    let changes = diff::diff(&old, &new).unwrap().changes;
    assert_eq!(changes[1].new.as_deref(), Some("read-only (calculated)"));

    let (old, new) = load("association_target_changed");
    let change = &diff::diff(&old, &new).unwrap().changes[0];
    assert_eq!(change.old.as_deref(), Some("cars → contacts"));
    assert_eq!(change.new.as_deref(), Some("cars → deals"));
}

/// A deterministic permutation (xorshift), so failures reproduce.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        items.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

#[test]
fn reordering_objects_properties_options_and_associations_changes_nothing() {
    let old = read_snapshot(EXAMPLE_SNAPSHOT).unwrap();
    for start in 1..=20u64 {
        let mut seed = start.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut new = old.clone();
        shuffle(&mut new, &mut seed);
        for schema in &mut new {
            for list in [
                &mut schema.required_properties,
                &mut schema.searchable_properties,
            ]
            .into_iter()
            .flatten()
            {
                shuffle(list, &mut seed);
            }
            if let Some(associations) = &mut schema.associations {
                shuffle(associations, &mut seed);
            }
            if let Some(properties) = &mut schema.properties {
                shuffle(properties, &mut seed);
                for property in properties {
                    if let Some(options) = &mut property.options {
                        shuffle(options, &mut seed);
                    }
                }
            }
        }
        assert_ne!(new, old, "seed {start} shuffled something");
        // Formatting does not matter either: compact JSON read back.
        let compact = serde_json::to_string(&new).unwrap();
        let new = hubspot_runtime::schema::parse_schemas(&compact).unwrap();
        let diff = diff::diff(&old, &new).unwrap();
        assert!(diff.is_empty(), "seed {start}: {:#?}", diff.changes);
        assert_eq!(diff.exit_code(), 0);
    }
}

/// The drift the README and the issue show: `cars` loses `notes` and the `cpo`
/// condition, `year` becomes text, and `color` is added.
pub fn realistic_drift() -> (Vec<ObjectSchema>, Vec<ObjectSchema>) {
    let old = read_snapshot(EXAMPLE_SNAPSHOT).unwrap();
    let mut new = old.clone();
    let cars = new.iter_mut().find(|s| s.name == "cars").unwrap();
    let properties = cars.properties.as_mut().unwrap();
    properties.retain(|p| p.name != "notes");
    let condition = properties
        .iter_mut()
        .find(|p| p.name == "condition")
        .unwrap();
    condition
        .options
        .as_mut()
        .unwrap()
        .retain(|o| o.value != "cpo");
    let year = properties.iter_mut().find(|p| p.name == "year").unwrap();
    year.r#type = "string".into();
    year.field_type = Some("text".into());
    properties.push(Property {
        name: "color".into(),
        label: Some("Color".into()),
        r#type: "string".into(),
        field_type: Some("text".into()),
        group_name: Some("car_information".into()),
        ..Default::default()
    });
    (old, new)
}

#[test]
fn realistic_drift_as_json() {
    let (old, new) = realistic_drift();
    let diff = diff::diff(&old, &new).unwrap();
    assert_eq!(diff.exit_code(), 3);
    assert_eq!((diff.breaking_count(), diff.compatible_count()), (3, 1));
    let json = diff::to_json(&diff, "schemas.json", "schemas-new.json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format_version"], FORMAT_VERSION);
    assert_eq!(value["breaking"], true);
    insta::assert_snapshot!("realistic_drift_json", json);
}

#[test]
fn realistic_drift_as_text_and_markdown() {
    let (old, new) = realistic_drift();
    let diff = diff::diff(&old, &new).unwrap();
    let text = diff::to_text(&diff, "schemas.json", "schemas-new.json", false);
    assert!(!text.contains('\x1b'), "no colour unless asked");
    insta::assert_snapshot!("realistic_drift_text", text);
    insta::assert_snapshot!(
        "realistic_drift_markdown",
        diff::to_markdown(&diff, "schemas.json", "schemas-new.json")
    );
}

#[test]
fn text_colours_breaking_red_and_compatible_green_only_when_asked() {
    let (old, new) = realistic_drift();
    let diff = diff::diff(&old, &new).unwrap();
    let coloured = diff::to_text(&diff, "a", "b", true);
    assert!(
        coloured.contains("\x1b[1;31mbreaking  \x1b[0m"),
        "{coloured}"
    );
    assert!(coloured.contains("\x1b[32mcompatible\x1b[0m"), "{coloured}");
    assert!(coloured.contains("\x1b[1mcars\x1b[0m: 3 breaking, 1 compatible"));
    // Colour is decoration only: stripping the codes gives the plain text.
    let stripped = ["\x1b[1;31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"]
        .iter()
        .fold(coloured, |text, code| text.replace(code, ""));
    assert_eq!(stripped, diff::to_text(&diff, "a", "b", false));
}

#[test]
fn no_changes_render_as_such_in_every_format() {
    let old = read_snapshot(EXAMPLE_SNAPSHOT).unwrap();
    let diff = diff::diff(&old, &old).unwrap();
    assert!(diff.is_empty());
    assert_eq!(
        diff::to_text(&diff, "a.json", "b.json", true),
        "no changes between a.json and b.json\n"
    );
    assert_eq!(
        diff::to_markdown(&diff, "a.json", "b.json"),
        "## HubSpot schema changes\n\nNo changes from `a.json` to `b.json`.\n"
    );
    let json: serde_json::Value = serde_json::from_str(&diff::to_json(&diff, "a", "b")).unwrap();
    assert_eq!(json["breaking"], false);
    assert_eq!(json["summary"]["changes"], 0);
    assert_eq!(json["changes"], serde_json::json!([]));
}

#[test]
fn markdown_keeps_hostile_option_values_inside_their_cells() {
    let (old, mut new) = load("option_added");
    let condition = new[0]
        .properties
        .as_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p.name == "condition")
        .unwrap();
    condition.options.as_mut().unwrap()[3].value = "a|b `c`\nd".into();
    let markdown = diff::to_markdown(&diff::diff(&old, &new).unwrap(), "old", "new");
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| compatible"))
        .unwrap();
    assert!(row.contains("``a\\|b `c` d``"), "{row}");
    // Four cells: the escaped pipe is not a separator.
    assert_eq!(row.matches(" | ").count(), 3, "{row}");
}

#[test]
fn readme_shows_the_current_text_output_for_the_realistic_drift() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let command = "$ codegen diff hubspot-schemas.json hubspot-schemas.new.json\n";
    let shown = readme
        .split(command)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows a diff run");
    let (old, new) = realistic_drift();
    let diff = diff::diff(&old, &new).unwrap();
    assert_eq!(
        shown,
        diff::to_text(
            &diff,
            "hubspot-schemas.json",
            "hubspot-schemas.new.json",
            false
        )
    );
}
