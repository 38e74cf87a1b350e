//! Records through the generated-code contract: a `cars` object written by hand exactly
//! in the shape `hubspot-codegen` generates (struct, property enum, open option enums,
//! `CrmObject` impl delegating to `hubspot_runtime::value`), read from a records page
//! and written back in HubSpot's formats.

use std::collections::HashMap;

use hubspot_runtime::jiff::Timestamp;
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::record::{AssociatedId, Associations, NextPage, Paging, RecordPage};
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::value::UnknownProperty;
use hubspot_runtime::{CrmObject, OptionEnum, PropertyName, Record};

const PAGE: &str = include_str!("fixtures/cars-records-page.json");

mod cars {
    //! What `codegen generate` writes for the `cars` object (abridged docs).

    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct Cars {
        pub brochure: Option<String>,
        pub condition: Option<CarsCondition>,
        pub date_received: Option<::hubspot_runtime::jiff::civil::Date>,
        pub dealer_phone: Option<String>,
        pub description_html: Option<String>,
        pub features: Option<Vec<CarsFeatures>>,
        pub hs_createdate: Option<::hubspot_runtime::jiff::Timestamp>,
        pub hs_lastmodifieddate: Option<::hubspot_runtime::jiff::Timestamp>,
        pub hs_object_id: Option<::hubspot_runtime::rust_decimal::Decimal>,
        pub in_stock: Option<bool>,
        pub last_service_at: Option<::hubspot_runtime::jiff::Timestamp>,
        pub make: Option<String>,
        pub model: Option<String>,
        pub notes: Option<String>,
        pub price: Option<::hubspot_runtime::rust_decimal::Decimal>,
        pub price_with_tax: Option<::hubspot_runtime::rust_decimal::Decimal>,
        pub transmission: Option<CarsTransmission>,
        pub vin: Option<String>,
        pub year: Option<::hubspot_runtime::rust_decimal::Decimal>,
    }

    impl ::hubspot_runtime::serde::Serialize for Cars {
        fn serialize<S: ::hubspot_runtime::serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            ::hubspot_runtime::value::serialize_object(self, serializer)
        }
    }

    impl<'de> ::hubspot_runtime::serde::Deserialize<'de> for Cars {
        fn deserialize<D: ::hubspot_runtime::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            ::hubspot_runtime::value::deserialize_object(deserializer)
        }

        fn deserialize_in_place<D: ::hubspot_runtime::serde::Deserializer<'de>>(
            deserializer: D,
            place: &mut Self,
        ) -> Result<(), D::Error> {
            ::hubspot_runtime::value::deserialize_object_in_place(deserializer, place)
        }
    }

    impl ::hubspot_runtime::CrmObject for Cars {
        const NAME: &'static str = "cars";
        const OBJECT_TYPE_ID: &'static str = "2-2468013";
        const FULLY_QUALIFIED_NAME: &'static str = "p12345678_cars";
        const SINGULAR_LABEL: &'static str = "Car";
        const PLURAL_LABEL: &'static str = "Cars";
        type Property = CarsProperty;
        const REQUIRED_PROPERTIES: &'static [CarsProperty] = &[
            CarsProperty::Make,
            CarsProperty::Model,
            CarsProperty::Vin,
            CarsProperty::Year,
        ];
        const READ_ONLY_PROPERTIES: &'static [CarsProperty] = &[
            CarsProperty::HsCreatedate,
            CarsProperty::HsLastmodifieddate,
            CarsProperty::HsObjectId,
            CarsProperty::PriceWithTax,
        ];
        const ASSOCIATIONS: &'static [::hubspot_runtime::AssociationDef] = &[
            ::hubspot_runtime::AssociationDef {
                id: "17",
                name: Some("cars_to_contact"),
                from_object_type_id: "2-2468013",
                to_object_type_id: "0-1",
            },
            ::hubspot_runtime::AssociationDef {
                id: "18",
                name: Some("car_to_dealer_location"),
                from_object_type_id: "2-2468013",
                to_object_type_id: "2-2468099",
            },
        ];

        fn decode_property(
            &mut self,
            property: CarsProperty,
            raw: &str,
        ) -> Result<(), ::hubspot_runtime::value::ValueError> {
            match property {
                CarsProperty::Brochure => self.brochure = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::Condition => self.condition = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::DateReceived => {
                    self.date_received = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::DealerPhone => {
                    self.dealer_phone = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::DescriptionHtml => {
                    self.description_html = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::Features => self.features = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::HsCreatedate => {
                    self.hs_createdate = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::HsLastmodifieddate => {
                    self.hs_lastmodifieddate = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::HsObjectId => {
                    self.hs_object_id = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::InStock => self.in_stock = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::LastServiceAt => {
                    self.last_service_at = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::Make => self.make = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::Model => self.model = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::Notes => self.notes = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::Price => self.price = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::PriceWithTax => {
                    self.price_with_tax = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::Transmission => {
                    self.transmission = ::hubspot_runtime::value::decode(raw)?
                }
                CarsProperty::Vin => self.vin = ::hubspot_runtime::value::decode(raw)?,
                CarsProperty::Year => self.year = ::hubspot_runtime::value::decode(raw)?,
            }
            Ok(())
        }

        fn write_properties(&self, sink: &mut dyn FnMut(CarsProperty, &str)) {
            let mut buffer = String::new();
            macro_rules! put {
                ($field:ident, $property:ident) => {
                    if let Some(value) = &self.$field {
                        sink(
                            CarsProperty::$property,
                            ::hubspot_runtime::value::encode_in(value, &mut buffer),
                        );
                    }
                };
            }
            cars_fields!(put);
        }
    }

    /// Calls `$put!(field, Property)` for every field, in property name order
    /// (generated code spells each one out).
    macro_rules! cars_fields {
        ($put:ident) => {
            $put!(brochure, Brochure);
            $put!(condition, Condition);
            $put!(date_received, DateReceived);
            $put!(dealer_phone, DealerPhone);
            $put!(description_html, DescriptionHtml);
            $put!(features, Features);
            $put!(hs_createdate, HsCreatedate);
            $put!(hs_lastmodifieddate, HsLastmodifieddate);
            $put!(hs_object_id, HsObjectId);
            $put!(in_stock, InStock);
            $put!(last_service_at, LastServiceAt);
            $put!(make, Make);
            $put!(model, Model);
            $put!(notes, Notes);
            $put!(price, Price);
            $put!(price_with_tax, PriceWithTax);
            $put!(transmission, Transmission);
            $put!(vin, Vin);
            $put!(year, Year);
        };
    }
    use cars_fields;

    /// Generates the property enum: variants, `ALL`, `as_str`, `label`, `FromStr`,
    /// `Display`, `PropertyName` (generated code spells all of this out).
    macro_rules! property_enum {
        ($($variant:ident = $name:literal, $label:literal;)*) => {
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub enum CarsProperty { $($variant,)* }

            impl CarsProperty {
                pub const ALL: &'static [CarsProperty] = &[$(CarsProperty::$variant,)*];

                pub const fn as_str(self) -> &'static str {
                    match self { $(CarsProperty::$variant => $name,)* }
                }

                pub const fn label(self) -> &'static str {
                    match self { $(CarsProperty::$variant => $label,)* }
                }
            }

            impl ::core::str::FromStr for CarsProperty {
                type Err = ::hubspot_runtime::value::UnknownProperty;

                fn from_str(name: &str) -> Result<Self, Self::Err> {
                    match name {
                        $($name => Ok(CarsProperty::$variant),)*
                        other => Err(::hubspot_runtime::value::UnknownProperty::new(other)),
                    }
                }
            }

            impl ::core::fmt::Display for CarsProperty {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::hubspot_runtime::PropertyName for CarsProperty {
                const ALL: &'static [Self] = CarsProperty::ALL;

                fn as_str(self) -> &'static str {
                    CarsProperty::as_str(self)
                }

                fn label(self) -> &'static str {
                    CarsProperty::label(self)
                }

                fn from_name(name: &str) -> Option<Self> {
                    match name {
                        $($name => Some(CarsProperty::$variant),)*
                        _ => None,
                    }
                }
            }
        };
    }

    property_enum! {
        Brochure = "brochure", "Brochure";
        Condition = "condition", "Condition";
        DateReceived = "date_received", "Date received";
        DealerPhone = "dealer_phone", "Dealer phone";
        DescriptionHtml = "description_html", "Rich description";
        Features = "features", "Features";
        HsCreatedate = "hs_createdate", "Object create date/time";
        HsLastmodifieddate = "hs_lastmodifieddate", "Object last modified date/time";
        HsObjectId = "hs_object_id", "Record ID";
        InStock = "in_stock", "In stock";
        LastServiceAt = "last_service_at", "Last service at";
        Make = "make", "Make";
        Model = "model", "Model";
        Notes = "notes", "Notes";
        Price = "price", "Price";
        PriceWithTax = "price_with_tax", "Price with tax";
        Transmission = "transmission", "Transmission";
        Vin = "vin", "VIN";
        Year = "year", "Year";
    }

    /// Generates one open option enum: unit variants, `Unknown(String)`, `ALL`,
    /// `from_value`, `as_str`, `label`, `OptionEnum`, `Display`, serde.
    macro_rules! option_enum {
        ($enum:ident { $($(#[$doc:meta])* $variant:ident = $value:literal, $label:literal;)* }) => {
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            pub enum $enum {
                $($(#[$doc])* $variant,)*
                /// A value HubSpot sent that was not an option when this code was generated.
                Unknown(String),
            }

            impl $enum {
                pub const ALL: &'static [$enum] = &[$($enum::$variant,)*];

                pub fn from_value(value: &str) -> Self {
                    match value {
                        $($value => $enum::$variant,)*
                        other => $enum::Unknown(other.to_owned()),
                    }
                }

                pub fn as_str(&self) -> &str {
                    match self {
                        $($enum::$variant => $value,)*
                        $enum::Unknown(value) => value,
                    }
                }

                pub fn label(&self) -> Option<&'static str> {
                    match self {
                        $($enum::$variant => Some($label),)*
                        $enum::Unknown(_) => None,
                    }
                }
            }

            impl ::hubspot_runtime::OptionEnum for $enum {
                const ALL: &'static [Self] = $enum::ALL;

                fn from_value(value: &str) -> Self {
                    $enum::from_value(value)
                }

                fn as_str(&self) -> &str {
                    $enum::as_str(self)
                }

                fn label(&self) -> Option<&'static str> {
                    $enum::label(self)
                }
            }

            impl ::core::fmt::Display for $enum {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::hubspot_runtime::serde::Serialize for $enum {
                fn serialize<S: ::hubspot_runtime::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    ::hubspot_runtime::value::serialize_option(self, serializer)
                }
            }

            impl<'de> ::hubspot_runtime::serde::Deserialize<'de> for $enum {
                fn deserialize<D: ::hubspot_runtime::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Self, D::Error> {
                    ::hubspot_runtime::value::deserialize_option(deserializer)
                }
            }
        };
    }

    option_enum!(CarsCondition {
        New = "new", "New";
        Used = "used", "Used";
        Cpo = "cpo", "Certified pre-owned";
    });

    option_enum!(CarsFeatures {
        Sunroof = "sunroof", "Sunroof";
        HeatedSeats = "heated_seats", "Heated seats";
        /// Hidden in HubSpot's forms.
        TowPackage = "tow_package", "Tow package";
    });

    option_enum!(CarsTransmission {
        Automatic = "automatic", "Automatic";
        Manual = "manual", "Manual";
    });
}

use cars::{Cars, CarsCondition, CarsFeatures, CarsProperty, CarsTransmission};

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// The three records of the fixture page, every value typed.
fn expected_cars() -> [Cars; 3] {
    [
        Cars {
            hs_object_id: Some(dec("512")),
            hs_createdate: Some(ts("2024-05-01T09:30:00Z")),
            hs_lastmodifieddate: Some(Timestamp::from_millisecond(1_717_344_251_231).unwrap()),
            vin: some("1HGCM82633A004352"),
            make: some("Honda"),
            model: some("Accord"),
            year: Some(dec("2003")),
            price: Some(Decimal::new(45005, 1)),
            condition: Some(CarsCondition::Used),
            features: Some(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]),
            transmission: Some(CarsTransmission::Automatic),
            in_stock: Some(true),
            date_received: Some(date(2024, 5, 1)),
            last_service_at: Some(ts("2024-04-28T13:45:00Z")),
            notes: some("Line one\nLine two"),
            dealer_phone: some("+1 555 010 0199"),
            price_with_tax: Some(dec("5400.6")),
            brochure: None,
            description_html: None,
        },
        Cars {
            hs_object_id: Some(dec("513")),
            hs_createdate: Some(ts("2024-05-03T12:00:00Z")),
            hs_lastmodifieddate: Some(ts("2024-05-03T12:00:00Z")),
            vin: some("5YJ3E1EA7KF317000"),
            make: some("Tesla"),
            model: some("Model 3"),
            year: Some(dec("2019")),
            // null
            price: None,
            condition: Some(CarsCondition::Cpo),
            // "": no option selected
            features: None,
            transmission: None,
            in_stock: Some(false),
            // midnight-UTC epoch milliseconds
            date_received: Some(date(2024, 5, 3)),
            last_service_at: None,
            notes: None,
            // missing
            dealer_phone: None,
            price_with_tax: None,
            brochure: None,
            description_html: None,
        },
        Cars {
            hs_object_id: Some(dec("514")),
            hs_createdate: Some(ts("2024-05-20T08:15:00Z")),
            hs_lastmodifieddate: Some(ts("2024-05-21T08:15:00.500Z")),
            vin: some("WVWZZZ1JZXW000001"),
            make: some("Volkswagen"),
            model: some("Golf"),
            year: Some(dec("1999")),
            price: Some(Decimal::ZERO),
            // added in HubSpot after generation: kept
            condition: Some(CarsCondition::Unknown("salvage".to_owned())),
            features: Some(vec![
                CarsFeatures::TowPackage,
                CarsFeatures::Unknown("roof_rack".to_owned()),
                CarsFeatures::Sunroof,
            ]),
            transmission: Some(CarsTransmission::Manual),
            in_stock: None,
            // leap day, as epoch milliseconds
            date_received: Some(date(2024, 2, 29)),
            last_service_at: Some(ts("2024-05-20T08:15:00Z")),
            notes: None,
            brochure: some("https://example.com/brochures/golf.pdf"),
            description_html: some("<p>Runs \"fine\"</p>"),
            price_with_tax: Some(Decimal::new(0, 2)),
            dealer_phone: None,
        },
    ]
}

#[test]
fn decodes_a_records_page_into_typed_records() {
    let page: RecordPage<Cars> = serde_json::from_str(PAGE).unwrap();
    assert_eq!(page.results.len(), 3);
    for (record, expected) in page.results.iter().zip(expected_cars()) {
        assert_eq!(record.properties, expected, "record {}", record.id);
    }
    let ids: Vec<&str> = page.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["512", "513", "514"]);

    let first = &page.results[0];
    assert_eq!(first.created_at, Some(ts("2024-05-01T09:30:00Z")));
    assert_eq!(first.updated_at, Some(ts("2024-06-02T16:04:11.231Z")));
    assert_eq!(first.archived_at, None);
    assert!(!first.archived);
    assert!(first.associations.is_empty());

    let third = &page.results[2];
    assert_eq!(third.updated_at, Some(ts("2024-05-21T08:15:00.5Z")));
    assert_eq!(
        third.associations["contacts"],
        Associations {
            results: vec![AssociatedId {
                id: "201".to_owned(),
                association_type: "cars_to_contact".to_owned(),
            }],
            paging: None,
        }
    );

    assert_eq!(page.next_after(), Some("515"));
    assert_eq!(
        page.paging,
        Some(Paging {
            next: Some(NextPage {
                after: "515".to_owned(),
                link: Some(
                    "https://api.hubapi.com/crm/v3/objects/2-2468013?after=515&limit=3".to_owned()
                ),
            }),
            prev: None,
        })
    );
    assert_eq!(page.total, None);
}

#[test]
fn decodes_the_same_from_a_reader() {
    // A reader cannot lend borrowed strings: every value takes the owned path.
    let page: RecordPage<Cars> = serde_json::from_reader(PAGE.as_bytes()).unwrap();
    let properties: Vec<Cars> = page.results.into_iter().map(|r| r.properties).collect();
    assert_eq!(properties, expected_cars());
}

#[test]
fn decodes_a_single_record() {
    let page: serde_json::Value = serde_json::from_str(PAGE).unwrap();
    let body = serde_json::to_string(&page["results"][1]).unwrap();
    let record: Record<Cars> = serde_json::from_str(&body).unwrap();
    assert_eq!(record.id, "513");
    assert_eq!(record.properties, expected_cars()[1]);
}

#[test]
fn decodes_in_place_as_by_value_resetting_what_the_input_lacks() {
    use hubspot_runtime::serde::Deserialize;

    let mut cars = expected_cars()[0].clone();
    let mut deserializer = serde_json::Deserializer::from_str(r#"{"vin": "X", "year": "2001"}"#);
    Cars::deserialize_in_place(&mut deserializer, &mut cars).unwrap();
    assert_eq!(
        cars,
        Cars {
            vin: some("X"),
            year: Some(dec("2001")),
            ..Cars::default()
        }
    );

    // A page decodes each record in place; a record decoded in place over another
    // is the record decoded by value.
    let page: RecordPage<Cars> = serde_json::from_str(PAGE).unwrap();
    let value: serde_json::Value = serde_json::from_str(PAGE).unwrap();
    let second = serde_json::to_string(&value["results"][1]).unwrap();
    let mut record = page.results[2].clone();
    let mut deserializer = serde_json::Deserializer::from_str(&second);
    Record::deserialize_in_place(&mut deserializer, &mut record).unwrap();
    assert_eq!(record, page.results[1]);
    assert_eq!(
        record,
        serde_json::from_str::<Record<Cars>>(&second).unwrap()
    );
}

#[test]
fn untyped_properties_read_the_same_page() {
    let page: RecordPage<HashMap<String, Option<String>>> = serde_json::from_str(PAGE).unwrap();
    let second = &page.results[1].properties;
    assert_eq!(second["price"], None);
    assert_eq!(second["features"].as_deref(), Some(""));
    assert!(!second.contains_key("dealer_phone"));

    assert_eq!(page.results[0].properties["hs_merged_object_ids"], None);
    assert_eq!(
        page.results[0].properties["hs_pipeline"].as_deref(),
        Some("default")
    );

    let page: RecordPage<serde_json::Value> = serde_json::from_str(PAGE).unwrap();
    assert_eq!(page.results[0].properties["hs_pipeline"], "default");
    assert_eq!(page.results[2].id, "514");
}

#[test]
fn lenient_json_numbers_and_bools() {
    let cars: Cars = serde_json::from_str(
        r#"{"year": 2003, "price": 4500.5, "hs_object_id": 18446744073709551615,
            "in_stock": true, "date_received": 1714694400000, "vin": 12}"#,
    )
    .unwrap();
    assert_eq!(
        cars,
        Cars {
            year: Some(dec("2003")),
            price: Some(dec("4500.5")),
            hs_object_id: Some(dec("18446744073709551615")),
            in_stock: Some(true),
            date_received: Some(date(2024, 5, 3)),
            vin: some("12"),
            ..Cars::default()
        }
    );
}

#[test]
fn unknown_properties_are_ignored_whatever_their_value() {
    let cars: Cars = serde_json::from_str(
        r#"{"hs_all_owner_ids": {"nested": [1, "x", null]}, "hs_tags": ["a"], "vin": "V"}"#,
    )
    .unwrap();
    assert_eq!(
        cars,
        Cars {
            vin: some("V"),
            ..Cars::default()
        }
    );
}

#[test]
fn a_bad_value_names_object_property_and_value() {
    let error = serde_json::from_str::<Cars>(r#"{"vin": "V", "year": "abc"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cars.year: invalid number value \"abc\": expected a decimal number such as \"4500.5\", \
         \"-3\" or \"1e3\"; the snapshot may be stale: run `codegen fetch` and `codegen \
         generate` to regenerate at line 1 column 27"
    );

    let error = serde_json::from_str::<RecordPage<Cars>>(
        &PAGE.replace(r#""in_stock": "false""#, r#""in_stock": "no""#),
    )
    .unwrap_err();
    assert!(
        error.to_string().starts_with(
            "cars.in_stock: invalid bool value \"no\": expected \"true\" or \"false\"; \
             the snapshot may be stale: run `codegen fetch` and `codegen generate` to regenerate at line "
        ),
        "{error}"
    );

    let error = serde_json::from_str::<Cars>(r#"{"date_received": "1714723200000"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cars.date_received: invalid date value \"1714723200000\": it is the instant \
         2024-05-03T08:00:00.000Z, not midnight UTC; a date property holds midnight UTC of its \
         day; the snapshot may be stale: run `codegen fetch` and `codegen generate` to \
         regenerate at line 1 column 34"
    );

    let error = serde_json::from_str::<Cars>(r#"{"features": ["sunroof"]}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cars.features: expected a string value (or null), found a list; the snapshot may be \
         stale: run `codegen fetch` and `codegen generate` to regenerate at line 1 column 25"
    );

    let error = serde_json::from_str::<Cars>(r#"["vin"]"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid type: sequence, expected a map of cars property names to values at line 1 column 0"
    );
}

#[test]
fn encodes_hubspot_formats_leaving_none_out() {
    let [first, second, third] = expected_cars();
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        concat!(
            r#"{"condition":"used","date_received":"2024-05-01","dealer_phone":"+1 555 010 0199","#,
            r#""features":"sunroof;heated_seats","hs_createdate":"2024-05-01T09:30:00.000Z","#,
            r#""hs_lastmodifieddate":"2024-06-02T16:04:11.231Z","hs_object_id":"512","#,
            r#""in_stock":"true","last_service_at":"2024-04-28T13:45:00.000Z","make":"Honda","#,
            r#""model":"Accord","notes":"Line one\nLine two","price":"4500.5","#,
            r#""price_with_tax":"5400.6","transmission":"automatic","vin":"1HGCM82633A004352","#,
            r#""year":"2003"}"#
        )
    );
    assert_eq!(
        serde_json::to_string(&second).unwrap(),
        concat!(
            r#"{"condition":"cpo","date_received":"2024-05-03","#,
            r#""hs_createdate":"2024-05-03T12:00:00.000Z","hs_lastmodifieddate":"2024-05-03T12:00:00.000Z","#,
            r#""hs_object_id":"513","in_stock":"false","make":"Tesla","model":"Model 3","#,
            r#""vin":"5YJ3E1EA7KF317000","year":"2019"}"#
        )
    );
    let third_json: serde_json::Value = serde_json::to_value(&third).unwrap();
    assert_eq!(third_json["condition"], "salvage");
    assert_eq!(third_json["features"], "tow_package;roof_rack;sunroof");
    assert_eq!(third_json["date_received"], "2024-02-29");
    assert_eq!(third_json["last_service_at"], "2024-05-20T08:15:00.000Z");
    assert_eq!(third_json["price"], "0");
    assert_eq!(third_json["price_with_tax"], "0.00");
    assert_eq!(serde_json::to_string(&Cars::default()).unwrap(), "{}");
    // An empty multi-select is HubSpot's "none selected".
    let cleared = Cars {
        features: Some(vec![]),
        ..Cars::default()
    };
    assert_eq!(
        serde_json::to_string(&cleared).unwrap(),
        r#"{"features":""}"#
    );
}

#[test]
fn write_properties_hands_over_what_encode_properties_does() {
    for cars in expected_cars().iter().chain([&Cars::default()]) {
        let mut encoded: Vec<(CarsProperty, String)> = Vec::new();
        cars.encode_properties(&mut |property, value| encoded.push((property, value)));
        let mut written: Vec<(CarsProperty, String)> = Vec::new();
        cars.write_properties(&mut |property, value| written.push((property, value.to_owned())));
        assert_eq!(written, encoded);
    }
}

#[test]
fn a_failing_writer_stops_serializing_with_its_error() {
    /// Takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }
    impl std::io::Write for Full {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if bytes.len() > self.room {
                return Err(std::io::Error::other("disk full"));
            }
            self.room -= bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let [first, ..] = expected_cars();
    let error = serde_json::to_writer(Full { room: 40 }, &first).unwrap_err();
    assert_eq!(error.to_string(), "disk full");
    serde_json::to_writer(Full { room: 4_000 }, &first).unwrap();
}

#[test]
fn records_round_trip_through_json() {
    let page: RecordPage<Cars> = serde_json::from_str(PAGE).unwrap();
    let written = serde_json::to_string(&page).unwrap();
    let again: RecordPage<Cars> = serde_json::from_str(&written).unwrap();
    assert_eq!(again, page);
}

#[test]
fn option_enums_serialize_as_their_value() {
    assert_eq!(
        serde_json::to_string(&CarsCondition::Cpo).unwrap(),
        r#""cpo""#
    );
    assert_eq!(
        serde_json::to_string(&CarsCondition::Unknown("salvage".to_owned())).unwrap(),
        r#""salvage""#
    );
    assert_eq!(
        serde_json::from_str::<CarsCondition>(r#""new""#).unwrap(),
        CarsCondition::New
    );
    assert_eq!(
        serde_json::from_str::<CarsCondition>(r#""New""#).unwrap(),
        CarsCondition::Unknown("New".to_owned())
    );
    assert_eq!(
        serde_json::from_str::<Vec<CarsFeatures>>(r#"["heated_seats", "x"]"#).unwrap(),
        [
            CarsFeatures::HeatedSeats,
            CarsFeatures::Unknown("x".to_owned())
        ]
    );
    assert_eq!(
        serde_json::from_str::<CarsCondition>("3")
            .unwrap_err()
            .to_string(),
        "invalid type: integer `3`, expected an option value string at line 1 column 1"
    );
    assert_eq!(CarsCondition::Cpo.label(), Some("Certified pre-owned"));
    assert_eq!(<CarsFeatures as OptionEnum>::ALL.len(), 3);
}

#[test]
fn property_enum_parses_names_and_reports_unknown_ones() {
    assert_eq!(
        "price_with_tax".parse::<CarsProperty>(),
        Ok(CarsProperty::PriceWithTax)
    );
    let error: UnknownProperty = "vinn".parse::<CarsProperty>().unwrap_err();
    assert_eq!(error.name(), "vinn");
    assert_eq!(
        error.to_string(),
        "no property named \"vinn\" (property names are HubSpot internal names such as \
         \"hs_object_id\"; if the property was added in HubSpot after the code was generated, \
         run `codegen fetch` and `codegen generate` again)"
    );
    // ALL is sorted by name, as serialize_object's output is.
    let names: Vec<&str> = <CarsProperty as PropertyName>::ALL
        .iter()
        .map(|p| p.as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert_eq!(Cars::REQUIRED_PROPERTIES.len(), 4);
}

proptest::proptest! {
    /// Any string for any property: a typed value or an error about that property,
    /// never a panic.
    #[test]
    fn any_property_value_decodes_or_names_the_property(
        index in 0..CarsProperty::ALL.len(),
        raw in proptest::prelude::any::<String>(),
    ) {
        let property = CarsProperty::ALL[index];
        let body = serde_json::json!({ property.as_str(): raw }).to_string();
        match serde_json::from_str::<Cars>(&body) {
            Ok(cars) => {
                let written = serde_json::to_value(&cars).unwrap();
                proptest::prop_assert_eq!(written.get(property.as_str()).is_none(), raw.is_empty());
            }
            Err(error) => {
                let prefix = format!("cars.{property}: invalid ");
                proptest::prop_assert!(error.to_string().starts_with(&prefix), "{}", error);
            }
        }
    }
}
