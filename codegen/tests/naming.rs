//! Naming: one test per rule of DESIGN § Naming (and `ident`'s module docs), with the
//! examples from there, plus property tests: any set of HubSpot names gives valid,
//! unique, deterministic identifiers, and adding a name never renames one that did not
//! collide.

use hubspot_codegen::ident::{self, Case};
use hubspot_codegen::model::{self, CrateModel, ObjectModel};
use hubspot_runtime::schema::{
    AssociationDefinition, ObjectSchema, ObjectTypeDefinitionLabels, Property, PropertyOption,
};
use proptest::prelude::*;

fn text(name: &str) -> Property {
    Property {
        name: name.to_owned(),
        r#type: "string".to_owned(),
        field_type: Some("text".to_owned()),
        ..Default::default()
    }
}

fn select(name: &str, options: &[(&str, &str)]) -> Property {
    Property {
        name: name.to_owned(),
        r#type: "enumeration".to_owned(),
        field_type: Some("select".to_owned()),
        options: Some(
            options
                .iter()
                .map(|(value, label)| PropertyOption {
                    value: (*value).to_owned(),
                    label: Some((*label).to_owned()),
                    ..Default::default()
                })
                .collect(),
        ),
        ..Default::default()
    }
}

fn object(name: &str, properties: Vec<Property>) -> ObjectSchema {
    ObjectSchema {
        name: name.to_owned(),
        properties: Some(properties),
        ..Default::default()
    }
}

fn build(schemas: &[ObjectSchema]) -> CrateModel {
    model::build(schemas, &[], "test.json").unwrap()
}

fn only_object(schemas: &[ObjectSchema]) -> ObjectModel {
    build(schemas).objects.remove(0)
}

/// HubSpot name → field identifier, for one object.
fn fields(properties: &[&str]) -> Vec<(String, String)> {
    let object = only_object(&[object("o", properties.iter().map(|p| text(p)).collect())]);
    object
        .fields
        .into_iter()
        .map(|f| (f.hubspot_name, f.field))
        .collect()
}

fn field(object: &ObjectModel, hubspot_name: &str) -> String {
    object
        .fields
        .iter()
        .find(|f| f.hubspot_name == hubspot_name)
        .unwrap()
        .field
        .clone()
}

fn variant(object: &ObjectModel, hubspot_name: &str) -> String {
    object
        .fields
        .iter()
        .find(|f| f.hubspot_name == hubspot_name)
        .unwrap()
        .variant
        .clone()
}

/// Option value → variant, for one enumeration property.
fn option_variants(options: &[(&str, &str)]) -> Vec<(String, String)> {
    let object = only_object(&[object("cars", vec![select("condition", options)])]);
    object.option_enums[0]
        .variants
        .iter()
        .map(|v| (v.value.clone(), v.ident.clone()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn object_name_gives_module_struct_and_property_enum() {
    let model = build(&[object("pet_owner", vec![]), object("cars", vec![])]);
    let names: Vec<_> = model
        .objects
        .iter()
        .map(|o| {
            (
                o.module.as_str(),
                o.struct_name.as_str(),
                o.property_enum.as_str(),
            )
        })
        .collect();
    // Sorted by name; no singularising (`cars` → `Cars`).
    assert_eq!(
        names,
        [
            ("cars", "Cars", "CarsProperty"),
            ("pet_owner", "PetOwner", "PetOwnerProperty")
        ]
    );
}

#[test]
fn property_name_gives_snake_case_field() {
    assert_eq!(
        fields(&["year", "hs_createdate", "dealerPhone"]),
        pairs(&[
            ("dealerPhone", "dealer_phone"),
            ("hs_createdate", "hs_createdate"),
            ("year", "year")
        ])
    );
}

#[test]
fn keywords_become_raw_identifiers() {
    assert_eq!(
        fields(&["abstract", "async", "gen", "try", "type", "union"]),
        pairs(&[
            ("abstract", "r#abstract"),
            ("async", "r#async"),
            ("gen", "r#gen"),
            ("try", "r#try"),
            ("type", "r#type"),
            // A weak keyword is an ordinary identifier.
            ("union", "union"),
        ])
    );
}

#[test]
fn self_super_crate_get_a_trailing_underscore_and_self_type_becomes_self_value() {
    let object = only_object(&[object(
        "self",
        vec![text("self"), text("super"), text("crate")],
    )]);
    assert_eq!(object.module, "self_");
    assert_eq!(object.struct_name, "SelfValue");
    assert_eq!(object.property_enum, "SelfProperty");
    assert_eq!(field(&object, "self"), "self_");
    assert_eq!(field(&object, "super"), "super_");
    assert_eq!(field(&object, "crate"), "crate_");
    assert_eq!(variant(&object, "self"), "SelfValue");
}

#[test]
fn leading_digit_gets_p_prefix_for_fields_and_v_prefix_for_types() {
    let object = only_object(&[object(
        "dealer_location",
        vec![
            text("2nd_lot"),
            select("lot", &[("1", "One"), ("684229", "Big")]),
        ],
    )]);
    assert_eq!(field(&object, "2nd_lot"), "p_2nd_lot");
    assert_eq!(variant(&object, "2nd_lot"), "V2ndLot");
    let variants: Vec<_> = object.option_enums[0]
        .variants
        .iter()
        .map(|v| v.ident.as_str())
        .collect();
    assert_eq!(variants, ["V1", "V684229"]);
}

#[test]
fn property_enum_variants_are_upper_camel_case() {
    let object = only_object(&[object(
        "cars",
        vec![text("hs_createdate"), text("in_stock")],
    )]);
    assert_eq!(variant(&object, "hs_createdate"), "HsCreatedate");
    assert_eq!(variant(&object, "in_stock"), "InStock");
}

#[test]
fn option_enum_is_object_then_property() {
    let object = only_object(&[object("cars", vec![select("condition", &[("new", "New")])])]);
    assert_eq!(object.option_enums[0].name, "CarsCondition");
    assert_eq!(
        object.fields[0].option_enum.as_deref(),
        Some("CarsCondition")
    );
}

#[test]
fn option_variant_from_value_else_label_else_position() {
    assert_eq!(
        option_variants(&[
            ("service-centre", "Service centre"),
            ("lot #3", "Lot #3"),
            ("a b", "ignored label"),
            ("-", "Dash"),
            ("", "(none)"),
            ("🚗", "🚙"),
        ]),
        pairs(&[
            ("service-centre", "ServiceCentre"),
            ("lot #3", "Lot3"),
            ("a b", "AB"),
            ("-", "Dash"),
            ("", "None"),
            ("🚗", "Option6"),
        ])
    );
}

#[test]
fn all_capital_names_are_written_upper_camel() {
    assert_eq!(
        option_variants(&[("a b c", "ABC"), ("ab", "AB"), ("VIN", "VIN")]),
        pairs(&[("a b c", "Abc"), ("ab", "Ab"), ("VIN", "Vin")])
    );
}

#[test]
fn unknown_is_reserved_for_the_fallback_variant() {
    assert_eq!(
        option_variants(&[
            ("Unknown", "Unknown"),
            ("unknown", "unknown"),
            ("known", "Known")
        ]),
        pairs(&[
            ("Unknown", "Unknown3"),
            ("unknown", "Unknown2"),
            ("known", "Known")
        ])
    );
}

#[test]
fn non_ascii_letters_are_folded_and_other_characters_dropped() {
    assert_eq!(
        fields(&["crème_brûlée", "straße", "日本_id"]),
        pairs(&[
            ("crème_brûlée", "creme_brulee"),
            ("straße", "strasse"),
            ("日本_id", "id")
        ])
    );
    assert_eq!(
        option_variants(&[("crème", "Crème"), ("日本", "Japan"), ("中国", "中国")]),
        pairs(&[("crème", "Creme"), ("日本", "Japan"), ("中国", "Option3")])
    );
}

#[test]
fn empty_names_fall_back_to_unnamed() {
    assert_eq!(
        fields(&["", "___", "!"]),
        pairs(&[("", "unnamed"), ("!", "unnamed_2"), ("___", "unnamed_3")])
    );
}

#[test]
fn collisions_get_suffixes_in_sorted_order_conventional_names_first() {
    assert_eq!(
        fields(&["my_prop", "my__prop", "myProp", "MyProp"]),
        pairs(&[
            ("MyProp", "my_prop_2"),
            ("myProp", "my_prop_3"),
            ("my__prop", "my_prop_4"),
            ("my_prop", "my_prop"),
        ])
    );
    // A suffix never takes a name that is some property's own candidate.
    assert_eq!(
        fields(&["my_prop", "myProp", "my_prop_2"]),
        pairs(&[
            ("myProp", "my_prop_3"),
            ("my_prop", "my_prop"),
            ("my_prop_2", "my_prop_2")
        ])
    );
}

#[test]
fn type_names_are_unique_across_the_crate() {
    let model = build(&[
        object(
            "cars",
            vec![
                select("condition", &[("new", "New")]),
                select("property", &[("p", "P")]),
            ],
        ),
        object("cars_condition", vec![]),
    ]);
    let cars = &model.objects[0];
    let cars_condition = &model.objects[1];
    assert_eq!(cars.option_enums[0].name, "CarsCondition");
    // The option enum of property `property` meets the property enum.
    assert_eq!(cars.property_enum, "CarsProperty");
    assert_eq!(cars.option_enums[1].name, "CarsProperty2");
    assert_eq!(cars_condition.struct_name, "CarsCondition2");
}

#[test]
fn prelude_type_names_are_reserved() {
    let model = build(&[object("option", vec![]), object("string", vec![])]);
    assert_eq!(model.objects[0].struct_name, "Option2");
    assert_eq!(model.objects[1].struct_name, "String2");
}

#[test]
fn module_names_with_special_files_or_crate_names_are_reserved() {
    let names = ["lib", "main", "con", "std", "hubspot_runtime"];
    let model = build(&names.map(|name| object(name, vec![])));
    let modules: Vec<_> = model.objects.iter().map(|o| o.file_stem.as_str()).collect();
    assert_eq!(
        modules,
        ["con_2", "hubspot_runtime_2", "lib_2", "main_2", "std_2"]
    );
}

#[test]
fn association_constants_are_shouty_and_avoid_crm_object_constants() {
    let association = |id: &str, name: Option<&str>| AssociationDefinition {
        id: id.to_owned(),
        from_object_type_id: "2-1".to_owned(),
        to_object_type_id: "0-1".to_owned(),
        name: name.map(str::to_owned),
        ..Default::default()
    };
    let mut cars = object("cars", vec![]);
    cars.associations = Some(vec![
        association("18", Some("name")),
        association("17", Some("cars_to_contact")),
        association("19", None),
        association("20", Some("2nd")),
    ]);
    let object = only_object(&[cars]);
    let names: Vec<_> = object
        .associations
        .iter()
        .map(|a| (a.id.as_str(), a.const_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("17", "CARS_TO_CONTACT"),
            ("18", "NAME_2"),
            ("19", "ASSOCIATION_19"),
            ("20", "A_2ND")
        ]
    );
}

#[test]
fn object_ids_and_labels_fall_back_to_the_name() {
    let mut bare = object("bare", vec![]);
    let mut fq = object("fq", vec![]);
    fq.fully_qualified_name = Some("p1_fq".to_owned());
    fq.labels = Some(ObjectTypeDefinitionLabels {
        singular: Some("Fq".to_owned()),
        ..Default::default()
    });
    bare.labels = None;
    let model = build(&[bare, fq]);
    let ids: Vec<_> = model
        .objects
        .iter()
        .map(|o| {
            (
                o.object_type_id.as_str(),
                o.fully_qualified_name.as_str(),
                o.singular_label.as_str(),
                o.plural_label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("bare", "bare", "bare", "bare"),
            ("p1_fq", "p1_fq", "Fq", "fq")
        ]
    );
}

#[test]
fn only_matches_name_fully_qualified_name_or_object_type_id() {
    let mut cars = object("cars", vec![]);
    cars.object_type_id = Some("2-1".to_owned());
    let mut boats = object("boats", vec![]);
    boats.fully_qualified_name = Some("p1_boats".to_owned());
    let schemas = [cars, boats, object("planes", vec![])];
    let selected = |only: &[&str]| -> Vec<String> {
        let only: Vec<String> = only.iter().map(|s| (*s).to_owned()).collect();
        model::build(&schemas, &only, "s.json")
            .unwrap()
            .objects
            .into_iter()
            .map(|o| o.name)
            .collect()
    };
    assert_eq!(selected(&["2-1", "p1_boats"]), ["boats", "cars"]);
    assert_eq!(selected(&["planes"]), ["planes"]);
    assert_eq!(selected(&[]), ["boats", "cars", "planes"]);
    let error = model::build(&schemas, &["trains".to_owned()], "s.json")
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "--only names \"trains\" which the snapshot does not have; available objects: boats, cars, \
         planes (match by name, fully qualified name or object type id)"
    );
}

// ---- property tests -------------------------------------------------------------

fn name_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_]{0,10}",
        "[A-Za-z0-9_ #-]{0,10}",
        "[0-9]{1,4}[a-z_]{0,3}",
        prop::sample::select(vec![
            "type", "self", "Self", "super", "crate", "gen", "async", "try", "abstract", "_", "",
            "Unknown", "unknown", "crème", "日本", "🚗", "my_prop", "myProp", "MyProp", "my__prop",
            "property", "option", "String",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

fn assert_valid(idents: &[String]) {
    for ident in idents {
        syn::parse_str::<syn::Ident>(ident)
            .unwrap_or_else(|e| panic!("{ident:?} is no identifier: {e}"));
        assert!(ident.is_ascii(), "{ident:?} is not ASCII");
        assert!(!ident.starts_with('_'), "{ident:?} starts with `_`");
        assert!(!ident.contains("__"), "{ident:?} has a double underscore");
    }
    let mut sorted = idents.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), idents.len(), "duplicates in {idents:?}");
}

fn model_of(names: &[String]) -> CrateModel {
    let options: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), n.as_str())).collect();
    let mut properties: Vec<Property> = names.iter().map(|n| text(n)).collect();
    properties.push(select("zz_enum", &options));
    let mut objects: Vec<ObjectSchema> = names.iter().map(|n| object(n, vec![])).collect();
    objects.push(object("zz_object", properties));
    build(&objects)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_names_give_valid_unique_deterministic_identifiers(names in prop::collection::vec(name_strategy(), 0..12)) {
        let model = model_of(&names);
        let modules: Vec<String> = model.objects.iter().map(|o| o.module.clone()).collect();
        assert_valid(&modules);
        let types: Vec<String> = model.objects.iter().flat_map(|o| o.type_names()).map(str::to_owned).collect();
        assert_valid(&types);
        for name in &types {
            prop_assert!(!model::RESERVED_TYPE_NAMES.contains(&name.as_str()), "{name}");
        }
        for object in &model.objects {
            assert_valid(&object.fields.iter().map(|f| f.field.clone()).collect::<Vec<_>>());
            assert_valid(&object.fields.iter().map(|f| f.variant.clone()).collect::<Vec<_>>());
            for option_enum in &object.option_enums {
                let mut variants: Vec<String> = option_enum.variants.iter().map(|v| v.ident.clone()).collect();
                variants.push(model::UNKNOWN_VARIANT.to_owned());
                assert_valid(&variants);
            }
        }
        // Same input, same output.
        prop_assert_eq!(&model, &model_of(&names));
        // Input order does not matter, except for options, which keep HubSpot's order
        // (and the positional `Option<N>` fallback depends on it by design).
        let without_options = |mut model: CrateModel| {
            for object in &mut model.objects {
                for option_enum in &mut object.option_enums {
                    option_enum.variants.clear();
                }
                for field in &mut object.fields {
                    field.facts.options.clear();
                }
            }
            model
        };
        let mut reversed = names.clone();
        reversed.reverse();
        prop_assert_eq!(without_options(model), without_options(model_of(&reversed)));
    }

    #[test]
    fn any_names_give_code_that_parses(names in prop::collection::vec(name_strategy(), 0..8)) {
        let options: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), n.as_str())).collect();
        let mut properties: Vec<Property> = names.iter().map(|n| text(n)).collect();
        properties.push(select("zz_enum", &options));
        let mut objects: Vec<ObjectSchema> = names.iter().map(|n| object(n, vec![])).collect();
        objects.push(object("zz_object", properties));
        let options = hubspot_codegen::GenerateOptions {
            crate_name: "objects".to_owned(),
            runtime: hubspot_codegen::RuntimeDependency::Version("0.1.0".to_owned()),
            only: Vec::new(),
            settings: Default::default(),
            snapshot_name: "s.json".to_owned(),
        };
        // Formatting parses every file with syn, so this checks the printed tokens too.
        let generated = hubspot_codegen::generate_crate(&objects, &options).unwrap();
        // Cargo.toml, rustfmt.toml, the embedded snapshot, src/lib.rs, one file per object.
        prop_assert_eq!(generated.files.len(), 4 + model_of(&names).objects.len());
        hubspot_codegen::generate_single_file(&objects, &options).unwrap();
    }

    #[test]
    fn adding_a_name_never_renames_one_that_did_not_collide(
        names in prop::collection::btree_set(name_strategy(), 0..12),
        extra in name_strategy(),
    ) {
        prop_assume!(!names.contains(&extra));
        for (case, candidate, reserved) in [
            (Case::Snake, ident::field_name as fn(&str) -> String, &[][..]),
            (Case::UpperCamel, ident::type_name, &["Unknown"][..]),
        ] {
            let resolve = |names: &[&str]| -> Vec<String> {
                let keyed: Vec<_> = names.iter().map(|n| (ident::name_key(n), candidate(n))).collect();
                ident::resolve(&keyed, reserved, case)
            };
            let before_names: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut after_names = before_names.clone();
            after_names.push(&extra);
            let before = resolve(&before_names);
            let after = resolve(&after_names);
            let extra_candidate = candidate(&extra);
            for (index, name) in before_names.iter().enumerate() {
                let own = candidate(name);
                let collided = reserved.contains(&own.as_str())
                    || before_names.iter().filter(|other| candidate(other) == own).count() > 1;
                if !collided && own != extra_candidate {
                    prop_assert_eq!(&before[index], &after[index], "{:?} was renamed by adding {:?}", name, extra);
                }
            }
        }
    }
}
