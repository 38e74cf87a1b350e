//! Records as HubSpot returns them, read into the example crate's generated types
//! (`Contacts`, `Companies`, `Deals`) with no non-empty value lost.
//!
//! The fixtures (`fixtures/records/*.json`, this project's own files) are list pages
//! shaped like real portals' answers: `null` and `""` values, doubles printed in full
//! (`hs_deal_stage_probability` = `"0.90000000000000002220446049250313080847263336181640625"`),
//! 17-digit doubles, exponent forms, `-0`, subnormal and huge magnitudes, epoch-ms and
//! ISO dates, options added in HubSpot after generation, archived properties, and
//! properties the snapshot does not know.
//!
//! For every non-empty input value the test checks that either the typed field holds it
//! (its encoded form is the same value: equal text, the same number, instant, date or
//! set of options) or the property is one the schema does not list — generated types
//! drop those by design (read them with an untyped `Record<BTreeMap<…>>`), and the test
//! names each of them exactly, so a property silently dropped is a failure.

use std::collections::{BTreeMap, BTreeSet};

use hubspot_objects::{
    Companies, CompaniesDealerNetworkTier, Contacts, ContactsFavoriteCarMake, Deals,
    DealsFinancingType, DealsStage,
};
use hubspot_runtime::jiff::Timestamp;
use hubspot_runtime::jiff::civil::Date;
use hubspot_runtime::jiff::tz::TimeZone;
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::serde::de::DeserializeOwned;
use hubspot_runtime::{CrmObject, PropertyName, RecordPage};
use serde_json::Value;

const DEALS: &str = include_str!("fixtures/records/deals.json");
const CONTACTS: &str = include_str!("fixtures/records/contacts.json");
const COMPANIES: &str = include_str!("fixtures/records/companies.json");

fn as_f64(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn as_instant(text: &str) -> Option<Timestamp> {
    match text.parse::<i64>() {
        Ok(ms) => Timestamp::from_millisecond(ms).ok(),
        Err(_) => text.parse().ok(),
    }
}

fn as_date(text: &str) -> Option<Date> {
    match text.parse::<i64>() {
        Ok(ms) => Timestamp::from_millisecond(ms)
            .ok()
            .map(|t| TimeZone::UTC.to_datetime(t).date()),
        Err(_) => text.parse().ok(),
    }
}

/// Whether `encoded` (what the typed field writes back) is the value `input` held.
fn same_value(input: &str, encoded: &str) -> bool {
    if input == encoded {
        return true;
    }
    if let (Some(a), Some(b)) = (as_f64(input), as_f64(encoded)) {
        // Numbers read as the nearest Decimal (28 fractional digits at most): the same
        // double, or within Decimal's resolution for magnitudes below 1e-28.
        return a == b || (a - b).abs() <= 1e-28 || ((a - b) / a).abs() <= 1e-15;
    }
    if let (Some(a), Some(b)) = (as_instant(input), as_instant(encoded)) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (as_date(input), as_date(encoded)) {
        return a == b;
    }
    let options = |s: &str| s.split(';').map(str::to_owned).collect::<BTreeSet<_>>();
    options(input) == options(encoded)
}

/// Decode `fixture` as a page of `T` and check every non-empty value survived; returns
/// the page and, per record, the properties the schema does not know.
fn read_losslessly<T: CrmObject + DeserializeOwned>(
    fixture: &str,
) -> (RecordPage<T>, Vec<Vec<String>>) {
    let raw: Value = serde_json::from_str(fixture).unwrap();
    let page: RecordPage<T> = serde_json::from_str(fixture)
        .unwrap_or_else(|e| panic!("{} page does not decode: {e}", T::NAME));
    let mut unknown_per_record = Vec::new();
    for (record, raw) in page.results.iter().zip(raw["results"].as_array().unwrap()) {
        assert_eq!(record.id, raw["id"].as_str().unwrap());
        let mut encoded = BTreeMap::new();
        record.properties.encode_properties(&mut |property, value| {
            encoded.insert(property.as_str(), value);
        });
        let mut unknown = Vec::new();
        for (name, value) in raw["properties"].as_object().unwrap() {
            let Some(input) = value.as_str().filter(|v| !v.is_empty()) else {
                continue;
            };
            match <T::Property as PropertyName>::from_name(name) {
                Some(property) => {
                    let typed = encoded.get(property.as_str()).unwrap_or_else(|| {
                        panic!(
                            "{}.{name} = {input:?} was lost (record {})",
                            T::NAME,
                            record.id
                        )
                    });
                    assert!(
                        same_value(input, typed),
                        "{}.{name}: read {input:?}, holds {typed:?} (record {})",
                        T::NAME,
                        record.id
                    );
                }
                None => unknown.push(name.clone()),
            }
        }
        unknown_per_record.push(unknown);
    }
    (page, unknown_per_record)
}

#[test]
fn deals_keep_every_value_long_doubles_stages_and_unknown_options_included() {
    let (page, unknown) = read_losslessly::<Deals>(DEALS);
    assert_eq!(
        unknown,
        [
            vec![
                "hs_num_target_accounts",
                "hs_projected_amount",
                "hs_v2_date_entered_contractsent"
            ],
            vec!["hs_deal_amount_calculation_preference"],
            vec![],
        ]
    );
    let first = &page.results[0].properties;
    assert_eq!(
        first.hs_deal_stage_probability,
        Some("0.9000000000000000222044604925".parse::<Decimal>().unwrap())
    );
    assert_eq!(first.dealstage, Some(DealsStage::ContractSent));
    assert_eq!(
        first.financing_type,
        Some(DealsFinancingType::Unknown("balloon_payment".into()))
    );
    assert_eq!(first.trade_in_value, Some(Decimal::from(3500)));
    assert_eq!(first.closed_won_reason, None, "\"\" reads as no value");
    assert_eq!(first.closed_lost_reason, None, "null reads as no value");
    assert_eq!(
        first.hs_createdate,
        Some(Timestamp::from_millisecond(1_710_148_364_870).unwrap())
    );

    let second = &page.results[1].properties;
    assert_eq!(second.dealstage, Some(DealsStage::FleetRenewalsClosedWon));
    assert_eq!(second.amount, Some(Decimal::ZERO));
    assert_eq!(
        second.trade_in_value,
        Some(Decimal::ZERO),
        "subnormal rounds to 0"
    );
    assert_eq!(
        second.hs_forecast_probability,
        Some("0.9999999999999998889776975375".parse::<Decimal>().unwrap())
    );
    assert_eq!(
        second.hs_deal_score,
        Some("0.0000001".parse::<Decimal>().unwrap())
    );
    assert_eq!(
        second.hs_time_in_closedwon,
        Some(Decimal::from(12_345_678_901_234_567_i64))
    );
    assert_eq!(
        page.results[1].updated_at,
        Some(Timestamp::from_millisecond(1_719_590_400_123).unwrap())
    );

    let third = &page.results[2];
    assert!(third.archived);
    assert_eq!(third.properties.amount, Some(Decimal::from(750)));
    assert_eq!(
        third.properties.hs_mrr,
        Some("-0.0015".parse::<Decimal>().unwrap())
    );
    assert_eq!(third.properties.dealstage, Some(DealsStage::ClosedLost));
}

#[test]
fn contacts_keep_every_value_archived_properties_and_new_options_included() {
    let (page, unknown) = read_losslessly::<Contacts>(CONTACTS);
    assert_eq!(
        unknown,
        [
            vec![
                "hs_marketable_status",
                "hs_sequences_actively_enrolled_count",
                "ip_city"
            ],
            vec![],
        ]
    );
    let maria = &page.results[0].properties;
    assert_eq!(
        maria.twitterhandle.as_deref(),
        Some("@mlopez"),
        "archived property"
    );
    assert_eq!(
        maria.favorite_car_make,
        Some(ContactsFavoriteCarMake::Unknown("rivian".into()))
    );
    assert_eq!(maria.loyalty_points, Some(Decimal::from(12_000)));
    assert_eq!(maria.firstname.as_deref(), Some("María"));
    let other = &page.results[1].properties;
    assert_eq!(other.firstname, None);
    assert_eq!(other.lastname, None);
    assert_eq!(other.hs_email_optout, None);
    assert_eq!(other.hs_predictivecontactscore_v2, Some(Decimal::ZERO));
    assert_eq!(
        other.hs_time_in_lead,
        Some(Decimal::from(17_000_000_000_i64))
    );
}

#[test]
fn companies_keep_every_value_dates_from_epoch_ms_and_large_numbers_included() {
    let (page, unknown) = read_losslessly::<Companies>(COMPANIES);
    assert_eq!(
        unknown,
        [vec!["hs_pipeline", "hs_target_account_probability"], vec![]]
    );
    let acme = &page.results[0].properties;
    assert_eq!(
        acme.dealer_network_tier,
        Some(CompaniesDealerNetworkTier::Unknown("platinum".into()))
    );
    assert_eq!(acme.numberofemployees, Some(Decimal::from(2500)));
    let tiny = &page.results[1].properties;
    assert_eq!(
        tiny.fleet_contract_renewal,
        Some("2024-12-31".parse::<Date>().unwrap())
    );
    assert_eq!(tiny.annualrevenue, Some(Decimal::ZERO));
    assert_eq!(
        tiny.total_revenue,
        Some("99999999999999990000000".parse::<Decimal>().unwrap())
    );
}
