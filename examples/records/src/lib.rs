//! The typed code of the records example: the cars it writes (built with the generated
//! write type `CarsWrite`), how it prints them, and how both programs connect. `main.rs`
//! runs the cars steps, `bin/deal-stages.rs` moves a deal through its pipeline.
//!
//! A write type has a field for each writable property only, so a read-only one cannot
//! even be named. This compiles (`price` is writable):
//!
//! ```
//! use hubspot_objects::CarsWrite;
//! use hubspot_runtime::{Write, rust_decimal::Decimal};
//!
//! let write = CarsWrite { price: Write::Set(Decimal::from(5)), ..CarsWrite::default() };
//! ```
//!
//! and the same with the calculated `price_with_tax`, or HubSpot's own `hs_object_id`,
//! does not:
//!
//! ```compile_fail,E0560
//! use hubspot_objects::CarsWrite;
//! use hubspot_runtime::{Write, rust_decimal::Decimal};
//!
//! let write = CarsWrite { price_with_tax: Write::Set(Decimal::from(5)), ..CarsWrite::default() };
//! ```
//!
//! ```compile_fail,E0560
//! use hubspot_objects::CarsWrite;
//! use hubspot_runtime::{Write, rust_decimal::Decimal};
//!
//! let write = CarsWrite { hs_object_id: Write::Set(Decimal::from(5)), ..CarsWrite::default() };
//! ```

use hubspot_objects::{Cars, CarsCondition, CarsFeatures, CarsTransmission, CarsWrite};
use hubspot_runtime::jiff::civil::date;
use hubspot_runtime::rust_decimal::Decimal;
use std::error::Error;

use hubspot_runtime::{Auth, Client, Record, Write};
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox};

/// The snapshot the generated crate was made from; the sandbox serves it.
const SCHEMAS: &str = include_str!("../../schemas.json");

/// A 2019 Honda Jazz with a value for most property types.
pub fn jazz(tag: &str) -> CarsWrite {
    CarsWrite {
        vin: Write::Set(format!("JHMGE8H59{tag}0001")),
        make: Write::Set("Honda".into()),
        model: Write::Set("Jazz".into()),
        year: Write::Set(Decimal::from(2019)),
        condition: Write::Set(CarsCondition::New),
        price: Write::Set(Decimal::new(1500050, 2)),
        in_stock: Write::Set(true),
        date_received: Write::Set(date(2024, 5, 1)),
        features: Write::Set(vec![CarsFeatures::Sunroof, CarsFeatures::HeatedSeats]),
        transmission: Write::Set(CarsTransmission::Automatic),
        notes: Write::Set("Demo car, one owner".into()),
        ..CarsWrite::default()
    }
}

/// A 2008 Volvo V70, used, in stock.
pub fn volvo(tag: &str) -> CarsWrite {
    CarsWrite {
        vin: Write::Set(format!("YV1SW61R1{tag}0002")),
        make: Write::Set("Volvo".into()),
        model: Write::Set("V70".into()),
        year: Write::Set(Decimal::from(2008)),
        condition: Write::Set(CarsCondition::Used),
        price: Write::Set(Decimal::from(8000)),
        in_stock: Write::Set(true),
        ..CarsWrite::default()
    }
}

/// A 1990 Saab 900, no price, not in stock.
pub fn saab(tag: &str) -> CarsWrite {
    CarsWrite {
        vin: Write::Set(format!("YS3DD55B9{tag}0003")),
        make: Write::Set("Saab".into()),
        model: Write::Set("900".into()),
        year: Write::Set(Decimal::from(1990)),
        condition: Write::Set(CarsCondition::Cpo),
        in_stock: Write::Set(false),
        ..CarsWrite::default()
    }
}

/// `#30000000001 2019 Honda Jazz, new, 15000.50, in stock (VIN …)`.
pub fn describe(car: &Record<Cars>) -> String {
    let c = &car.properties;
    let mut text = format!("#{}", car.id);
    if let Some(year) = c.year {
        text.push_str(&format!(" {year}"));
    }
    for part in [&c.make, &c.model].into_iter().flatten() {
        text.push(' ');
        text.push_str(part);
    }
    if let Some(condition) = &c.condition {
        text.push_str(&format!(
            ", {}",
            condition.label().unwrap_or(condition.as_str())
        ));
    }
    text.push_str(&format!(", {}", money(c.price)));
    match c.in_stock {
        Some(true) => text.push_str(", in stock"),
        Some(false) => text.push_str(", not in stock"),
        None => {}
    }
    if let Some(vin) = &c.vin {
        text.push_str(&format!(" (VIN {vin})"));
    }
    text
}

/// `$4500.5`, or `no price`.
pub fn money(price: Option<Decimal>) -> String {
    price.map_or_else(|| "no price".to_owned(), |p| format!("${p}"))
}

/// A client for the account in `HUBSPOT_ACCESS_TOKEN`, or for a fresh sandbox.
pub async fn connect() -> Result<(Client, Option<Sandbox>), Box<dyn Error>> {
    if let Ok(token) = std::env::var("HUBSPOT_ACCESS_TOKEN") {
        let mut builder = Client::builder().auth(Auth::private_app(token));
        if let Ok(base_url) = std::env::var("HUBSPOT_BASE_URL") {
            builder = builder.base_url(base_url);
        }
        let client = builder.build()?;
        println!("Using the HubSpot account at {}", client.base_url());
        return Ok((client, None));
    }
    let sandbox = Sandbox::start().await;
    sandbox.seed_json(SCHEMAS)?;
    let client = Client::builder()
        .auth(Auth::private_app(DEFAULT_TOKEN))
        .base_url(sandbox.base_url())
        .build()?;
    println!(
        "Using an in-process HubSpot sandbox at {} (set HUBSPOT_ACCESS_TOKEN to use a real account)",
        sandbox.base_url()
    );
    Ok((client, Some(sandbox)))
}
