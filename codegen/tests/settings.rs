//! Generator settings (`hubspot-codegen.toml`, `Builder`'s settings methods): each key
//! at the model level, the generated code (insta), the file and the methods agreeing,
//! the errors for bad settings (exact messages), warnings, the fingerprint and `diff`.

use std::path::PathBuf;

use hubspot_codegen::diff;
use hubspot_codegen::fingerprint::{Fingerprint, Mode};
use hubspot_codegen::model::{self, CrateModel, ObjectModel};
use hubspot_codegen::settings::{ItemKind, Settings, apply, parse};
use hubspot_codegen::{Builder, GenerateOptions, RuntimeDependency, generate_single_file};
use hubspot_runtime::schema::{ObjectSchema, parse_schemas};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn schemas() -> Vec<ObjectSchema> {
    parse_schemas(&std::fs::read_to_string(fixture("settings-deals.json")).unwrap()).unwrap()
}

fn settings(text: &str) -> Settings {
    parse::parse(text, "hubspot-codegen.toml").unwrap()
}

fn error(text: &str) -> String {
    parse::parse(text, "hubspot-codegen.toml")
        .unwrap_err()
        .to_string()
}

/// The model of the fixture under `text`'s settings, and the warnings.
fn model_with(text: &str) -> (CrateModel, Vec<String>) {
    let settings = settings(text);
    let applied = apply::apply(&settings, &schemas()).unwrap();
    let model = model::build_with(&applied.schemas, &[], "s.json", &settings).unwrap();
    (model, applied.warnings)
}

fn object<'a>(model: &'a CrateModel, name: &str) -> &'a ObjectModel {
    model.objects.iter().find(|o| o.name == name).unwrap()
}

fn fields(object: &ObjectModel) -> Vec<&str> {
    object.fields.iter().map(|f| f.field.as_str()).collect()
}

fn options(settings: Settings) -> GenerateOptions {
    GenerateOptions {
        crate_name: "hubspot-objects".to_owned(),
        runtime: RuntimeDependency::Version("0.1.0".to_owned()),
        only: Vec::new(),
        snapshot_name: "settings-deals.json".to_owned(),
        settings,
    }
}

#[test]
fn no_settings_change_nothing() {
    let (with_empty, warnings) = model_with("");
    assert_eq!(with_empty, model::build(&schemas(), &[], "s.json").unwrap());
    assert!(warnings.is_empty());
}

#[test]
fn objects_include_and_exclude_by_name_or_glob() {
    let (model, _) = model_with("[objects]\ninclude = [\"d*\"]\n");
    assert_eq!(
        model.objects.iter().map(|o| &o.name).collect::<Vec<_>>(),
        ["deals"]
    );
    let (model, _) = model_with("[objects]\nexclude = [\"deals\"]\n");
    assert_eq!(
        model.objects.iter().map(|o| &o.name).collect::<Vec<_>>(),
        ["cars"]
    );
    // By fully qualified name or object type id too.
    let (model, _) = model_with("[objects]\ninclude = [\"2-100\"]\n");
    assert_eq!(
        model.objects.iter().map(|o| &o.name).collect::<Vec<_>>(),
        ["cars"]
    );
}

#[test]
fn properties_include_and_exclude_by_name_and_glob() {
    let (model, warnings) = model_with(
        "[object.deals.properties]\nexclude = [\"hs_date_entered_*\", \"hs_time_in_*\"]\n",
    );
    assert_eq!(
        fields(object(&model, "deals")),
        [
            "amount",
            "dealname",
            "dealtype",
            "hs_internal_score",
            "partner_code",
            "renewal_risk"
        ]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let (model, _) = model_with("[object.deals.properties]\ninclude = [\"amount\"]\n");
    // dealname is required and the primary display property: always kept.
    assert_eq!(fields(object(&model, "deals")), ["amount", "dealname"]);
    // Other objects are untouched.
    assert_eq!(fields(object(&model, "cars")), ["model", "year"]);
}

#[test]
fn properties_by_group() {
    let (model, _) =
        model_with("[object.deals.properties]\ninclude_groups = [\"account_fields\"]\n");
    assert_eq!(
        fields(object(&model, "deals")),
        ["dealname", "partner_code", "renewal_risk"]
    );
    let (model, _) = model_with(
        "[object.deals.properties]\nexclude_groups = [\"deal_activity\", \"dealinformation\"]\n",
    );
    assert_eq!(
        fields(object(&model, "deals")),
        ["dealname", "partner_code", "renewal_risk"]
    );
}

#[test]
fn properties_hubspot_defined_or_the_accounts_own_plus_named_ones() {
    let (model, _) = model_with("[object.deals.properties]\nhubspot_defined = false\n");
    assert_eq!(
        fields(object(&model, "deals")),
        ["dealname", "partner_code", "renewal_risk"]
    );
    let (model, _) =
        model_with("[object.deals.properties]\nhubspot_defined = false\ninclude = [\"amount\"]\n");
    assert_eq!(
        fields(object(&model, "deals")),
        ["amount", "dealname", "partner_code", "renewal_risk"]
    );
    let (model, _) = model_with("[object.cars.properties]\nhubspot_defined = true\n");
    assert_eq!(fields(object(&model, "cars")), ["model"]);
}

#[test]
fn properties_hidden_or_not() {
    let (model, _) = model_with("[object.deals.properties]\nhidden = false\n");
    assert!(!fields(object(&model, "deals")).contains(&"hs_internal_score"));
    let (model, _) = model_with("[object.deals.properties]\nhidden = true\n");
    assert_eq!(
        fields(object(&model, "deals")),
        ["dealname", "hs_internal_score"]
    );
}

#[test]
fn required_and_primary_display_properties_are_kept_with_a_warning() {
    let (model, warnings) = model_with("[object.deals.properties]\nexclude = [\"deal*\"]\n");
    assert!(fields(object(&model, "deals")).contains(&"dealname"));
    assert!(!fields(object(&model, "deals")).contains(&"dealtype"));
    assert_eq!(
        warnings,
        [
            "settings: object.deals.properties would drop dealname of `deals`, which are kept \
          (required or the primary display property)"
        ]
    );
}

#[test]
fn a_pattern_that_matches_nothing_is_a_warning_with_its_position() {
    let (_, warnings) = model_with(
        "[objects]\ninclude = [\"deals\", \"tickets\"]\n\n[object.deals.properties]\nexclude = [\"hs_nothing_*\"]\n",
    );
    assert_eq!(
        warnings,
        [
            "hubspot-codegen.toml:2:21: objects.include: \"tickets\" matches nothing in the snapshot",
            "hubspot-codegen.toml:5:12: object.deals.properties.exclude: \"hs_nothing_*\" matches \
             nothing in the snapshot",
        ]
    );
}

#[test]
fn renames_of_object_property_and_option() {
    let (model, _) = model_with(
        "[object.deals]\nrename = \"Deal\"\n[object.deals.rename_properties]\ndealname = \"name\"\n\
         [object.deals.rename_options.dealtype]\nnewbusiness = \"New\"\n",
    );
    let deals = object(&model, "deals");
    assert_eq!(
        [
            &deals.struct_name,
            &deals.property_enum,
            &deals.write_struct
        ],
        ["Deal", "DealProperty", "DealWrite"]
    );
    let name = deals
        .fields
        .iter()
        .find(|f| f.hubspot_name == "dealname")
        .unwrap();
    assert_eq!(
        (name.field.as_str(), name.variant.as_str()),
        ("name", "Name")
    );
    let dealtype = deals
        .option_enums
        .iter()
        .find(|e| e.name == "DealDealtype")
        .unwrap();
    let variants: Vec<_> = dealtype.variants.iter().map(|v| v.ident.as_str()).collect();
    assert_eq!(variants, ["New", "Existingbusiness"]);
    // The module keeps HubSpot's name: files do not move when a type is renamed.
    assert_eq!(deals.module, "deals");
}

#[test]
fn the_example_settings_generate_this_code() {
    let settings = parse::read(&fixture("settings-deals.toml")).unwrap();
    let code = generate_single_file(&schemas(), &options(settings)).unwrap();
    insta::assert_snapshot!("settings__example_single_file", code);
}

#[test]
fn extra_derives_and_attributes_land_on_their_kind_of_item() {
    let settings = parse::read(&fixture("settings-deals.toml")).unwrap();
    let code = generate_single_file(&schemas(), &options(settings)).unwrap();
    // Modules are inline in the single file: compare without indentation.
    let code: String = code
        .lines()
        .map(|l| format!("{}\n", l.trim_start()))
        .collect();
    let before = |item: &str| {
        let at = code
            .find(item)
            .unwrap_or_else(|| panic!("{item} missing:\n{code}"));
        let start = code[..at].rfind("///").unwrap();
        code[start..at].to_owned()
    };
    assert!(
        before("pub struct Deal {")
            .ends_with("#[derive(Debug, Clone, PartialEq, Default)]\n#[derive(Eq)]\n")
    );
    assert!(
        before("pub struct DealWrite {")
            .ends_with("#[derive(Debug, Clone, PartialEq, Default)]\n#[must_use]\n")
    );
    assert!(
        before("pub enum DealDealtype {").ends_with(
            "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[derive(PartialOrd, Ord)]\n"
        )
    );
    assert!(
        before("pub enum DealProperty {")
            .ends_with("#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]\n")
    );
}

#[test]
fn builder_methods_and_the_settings_file_generate_the_same_code() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = dir.path().join("settings-deals.json");
    std::fs::copy(fixture("settings-deals.json"), &snapshot).unwrap();
    let by_file = Builder::new()
        .snapshot(&snapshot)
        .settings_file(fixture("settings-deals.toml"))
        .emit_rerun_if_changed(false)
        .generate_string()
        .unwrap();
    let by_methods = Builder::new()
        .snapshot(&snapshot)
        .emit_rerun_if_changed(false)
        .exclude_objects(["cars"])
        .derive(ItemKind::Struct, "Eq")
        .rename_object("deals", "Deal")
        .hubspot_defined("deals", false)
        .include_properties("deals", ["amount", "dealtype"])
        .exclude_properties("deals", ["hs_date_entered_*", "hs_time_in_*"])
        .rename_property("deals", "dealname", "name")
        .rename_option("deals", "dealtype", "newbusiness", "New")
        .object_derive("deals", ItemKind::OptionEnum, "PartialOrd")
        .object_derive("deals", ItemKind::OptionEnum, "Ord")
        .object_attribute("deals", ItemKind::WriteStruct, "must_use")
        .generate_string()
        .unwrap();
    assert_eq!(by_file, by_methods);
    assert!(by_file.contains("pub struct Deal {"));
    // Discovered beside the snapshot without being named.
    std::fs::copy(
        fixture("settings-deals.toml"),
        dir.path().join("hubspot-codegen.toml"),
    )
    .unwrap();
    let discovered = Builder::new()
        .snapshot(&snapshot)
        .emit_rerun_if_changed(false)
        .generate_string()
        .unwrap();
    assert_eq!(discovered, by_file);
}

#[test]
fn unknown_keys_are_errors_with_file_line_column_and_key() {
    assert_eq!(
        error("[object.deals.properties]\ninclud = [\"amount\"]\n"),
        "hubspot-codegen.toml:2:1: unknown field `includ`, expected one of `include`, \
         `exclude`, `include_groups`, `exclude_groups`, `hubspot_defined`, `hidden`"
    );
    assert_eq!(
        error("[derive]\nstructs = [\"Eq\"]\n"),
        "hubspot-codegen.toml:1:2: unknown field `derive`, expected one of `objects`, \
         `derives`, `attributes`, `object`, `fetch`"
    );
}

#[test]
fn credentials_are_refused() {
    assert_eq!(
        error("[objects]\ninclude = [\"deals\"]\naccess_token = \"pat-na1-secret\"\n"),
        "hubspot-codegen.toml:3:1: `access_token` looks like a credential; credentials never \
         go in the committed settings file: use HUBSPOT_ACCESS_TOKEN (or the OAuth variables) \
         or the --config file"
    );
    assert!(!error("client_secret = \"s3cr3t\"").contains("s3cr3t"));
}

#[test]
fn renames_to_keywords_non_identifiers_or_the_wrong_case_are_errors() {
    assert_eq!(
        error("[object.deals.rename_properties]\ndealname = \"type\"\n"),
        "hubspot-codegen.toml:2:12: object.deals.rename_properties.dealname: the rename \
         \"type\" is a Rust keyword; use a snake_case identifier such as `deal_name`"
    );
    assert_eq!(
        error("[object.deals]\nrename = \"Self\"\n"),
        "hubspot-codegen.toml:2:10: object.deals.rename: the rename \"Self\" is a Rust \
         keyword; use an UpperCamelCase identifier such as `Deal`"
    );
    assert_eq!(
        error("[object.deals]\nrename = \"My Deal\"\n"),
        "hubspot-codegen.toml:2:10: object.deals.rename: the rename \"My Deal\" is not a Rust \
         identifier; use an UpperCamelCase identifier such as `Deal`"
    );
    assert_eq!(
        error("[object.deals.rename_options.dealtype]\nnewbusiness = \"new_business\"\n"),
        "hubspot-codegen.toml:2:15: object.deals.rename_options.dealtype.newbusiness: the \
         rename \"new_business\" is not in the generated code's case; use an UpperCamelCase \
         identifier such as `Deal`"
    );
}

#[test]
fn renames_onto_an_existing_name_are_errors() {
    let collide = |text: &str| {
        let settings = settings(text);
        apply::apply(&settings, &schemas()).unwrap_err().to_string()
    };
    assert_eq!(
        collide("[object.deals.rename_properties]\ndealname = \"amount\"\n"),
        "hubspot-codegen.toml:2:12: object.deals.rename_properties.dealname: \"amount\" is \
         already the field name of property `amount`; choose another name"
    );
    assert_eq!(
        collide("[object.deals]\nrename = \"Cars\"\n"),
        "hubspot-codegen.toml:2:10: object.deals.rename: \"Cars\" is already the struct name \
         of object `cars`; choose another name"
    );
    assert_eq!(
        collide("[object.deals.rename_options.dealtype]\nnewbusiness = \"Existingbusiness\"\n"),
        "hubspot-codegen.toml:2:15: object.deals.rename_options.dealtype.newbusiness: \
         \"Existingbusiness\" is already the variant of option \"existingbusiness\"; choose \
         another name"
    );
}

#[test]
fn a_derive_that_is_not_a_path_is_an_error() {
    assert_eq!(
        error("[derives]\nstructs = [\"Eq\", \"#[derive(Hash)]\"]\n"),
        "hubspot-codegen.toml:2:18: derives.structs: \"#[derive(Hash)]\" is not a path; write \
         a derive as `Eq` or `serde::Serialize`"
    );
    assert_eq!(
        error("[object.deals.attributes]\nstructs = [\"= 1\"]\n"),
        "hubspot-codegen.toml:2:12: object.deals.attributes.structs: \"= 1\" is not an \
         attribute; write what goes inside `#[…]`, such as `serde(rename_all = \"camelCase\")`"
    );
}

#[test]
fn builder_settings_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = dir.path().join("s.json");
    std::fs::copy(fixture("settings-deals.json"), &snapshot).unwrap();
    let error = Builder::new()
        .snapshot(&snapshot)
        .emit_rerun_if_changed(false)
        .rename_property("deals", "dealname", "fn")
        .generate_string()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "object.deals.rename_properties.dealname: the rename \"fn\" is a Rust keyword; use a \
         snake_case identifier such as `deal_name`"
    );
}

#[test]
fn a_settings_change_changes_the_fingerprint_and_none_keeps_it() {
    let snapshot = std::fs::read(fixture("settings-deals.json")).unwrap();
    let none = Fingerprint::new(Mode::Crate, &snapshot, &options(Settings::default()));
    let empty = Fingerprint::new(Mode::Crate, &snapshot, &options(settings("")));
    assert_eq!(none, empty);
    let a = Fingerprint::new(
        Mode::Crate,
        &snapshot,
        &options(settings("[objects]\nexclude = [\"cars\"]\n")),
    );
    let b = Fingerprint::new(
        Mode::Crate,
        &snapshot,
        &options(settings("[objects]\nexclude = [\"deals\"]\n")),
    );
    let c = Fingerprint::new(
        Mode::Crate,
        &snapshot,
        &options(settings("[derives]\nstructs = [\"Eq\"]\n")),
    );
    assert_ne!(none, a);
    assert_ne!(a, b);
    assert_ne!(a, c);
}

#[test]
fn diff_ignores_excluded_properties_and_shows_renames() {
    let old = schemas();
    let mut new = schemas();
    let deals = new.iter_mut().find(|s| s.name == "deals").unwrap();
    // HubSpot adds a stage: a new per-stage analytics property, excluded by the settings.
    let mut added = deals.properties.as_ref().unwrap()[3].clone();
    added.name = "hs_date_entered_appointmentscheduled".to_owned();
    deals.properties.as_mut().unwrap().push(added);
    let trimmed = settings("[object.deals.properties]\nexclude = [\"hs_date_entered_*\"]\n");
    let changes = diff::diff_with((&old, &trimmed), (&new, &trimmed)).unwrap();
    assert!(changes.is_empty(), "{changes:?}");
    assert!(!diff::diff(&old, &new).unwrap().is_empty());

    let renamed = settings("[object.deals.rename_properties]\ndealname = \"name\"\n");
    let changes = diff::diff_with((&old, &Settings::default()), (&old, &renamed)).unwrap();
    let json = diff::to_json(&changes, "old", "new");
    assert!(json.contains("\"rust_name_changed\""), "{json}");
    assert!(
        json.contains("Deals::dealname") && json.contains("Deals::name"),
        "{json}"
    );
}

#[test]
fn fetch_objects_are_checked_like_the_objects_flag() {
    let settings = settings("[fetch]\nobjects = [\"custom\", \"deals\"]\n");
    let objects: Vec<_> = settings
        .fetch
        .objects
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    assert_eq!(objects, ["custom", "deals"]);
    let error = error("[fetch]\nobjects = [\"deals\", \"my deals\"]\n");
    assert!(
        error.starts_with(
            "hubspot-codegen.toml:2:21: fetch.objects: --objects cannot select \"my deals\", \
             which is not an object name (letters, digits, `_`, `-`); use `custom`"
        ),
        "{error}"
    );
}
