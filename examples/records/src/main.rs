//! Typed record code against the generated `hubspot-objects` crate: create cars with
//! typed values, list them, search with a typed filter, update one (clearing a
//! property), batch-archive them.
//!
//! By default it runs against a HubSpot sandbox started in this process and seeded from
//! `examples/schemas.json`. With `HUBSPOT_ACCESS_TOKEN` set it uses that account instead
//! (`HUBSPOT_BASE_URL` overrides the API root); the account needs the `cars` object of
//! the snapshot, and the program archives every record it created.
//!
//! ```text
//! cargo run -p records-example
//! ```

use std::error::Error;

use futures::TryStreamExt;
use hubspot_objects::{Cars, CarsProperty, CarsWrite};
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{Filter, ListOptions, Objects, Record, Search, Write};
use records_example::{connect, describe, jazz, money, saab, volvo};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Keep the sandbox alive for the whole run (dropping it stops the server).
    let (client, _sandbox) = connect().await?;
    let cars = client.objects::<Cars>();
    // VINs are unique in the schema: a random tag keeps reruns on a real account apart.
    let tag = format!("{:04X}", fastrand::u16(..));

    println!("\n1. Create cars with typed values");
    let jazz = cars.create(&jazz(&tag)).await?;
    println!("   created {}", describe(&jazz));
    let more = cars
        .batch_create(&[volvo(&tag), saab(&tag)])
        .await?
        .into_result()?;
    for car in &more {
        println!("   created {} (batch)", describe(car));
    }
    let ids: Vec<String> = std::iter::once(jazz.id.clone())
        .chain(more.iter().map(|c| c.id.clone()))
        .collect();

    println!("\n2. List cars (a stream over every page)");
    let listed: Vec<Record<Cars>> = cars
        .list_with(ListOptions::new().page_size(2).properties(LISTED))
        .try_filter(|car| futures::future::ready(ids.contains(&car.id)))
        .try_collect()
        .await?;
    for car in &listed {
        println!("   {}", describe(car));
    }

    println!("\n3. Search: in stock AND year >= 2005, most expensive first");
    let search = Search::new()
        .filter(Filter::eq(CarsProperty::InStock, true))
        .filter(Filter::gte(CarsProperty::Year, 2005))
        .filter(Filter::contains_token(
            CarsProperty::Vin,
            &format!("*{tag}*"),
        ))
        .sort_descending(CarsProperty::Price)
        .properties(LISTED);
    let found = cars.search(&search).await?;
    println!(
        "   {} match{}",
        found.total.unwrap_or(0),
        if found.total == Some(1) { "" } else { "es" }
    );
    for car in &found.results {
        println!("   {}", describe(car));
    }

    println!("\n4. Update the Jazz: new price, clear its notes, leave the rest");
    let before = &jazz.properties;
    let update = CarsWrite {
        price: Write::Set(Decimal::new(1399000, 2)),
        notes: Write::Clear,
        ..CarsWrite::default()
    };
    let after = cars.update(&jazz.id, &update).await?.properties;
    println!("   price {} -> {}", money(before.price), money(after.price));
    println!("   notes {:?} -> {:?}", before.notes, after.notes);
    println!("   make  {:?} (unchanged)", after.make);

    println!("\n5. Batch-archive the cars created above");
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let archived = cars.batch_archive(&id_refs).await?.into_result()?;
    println!("   archived {} records", archived.len());
    let left = remaining(&cars, &ids).await?;
    println!("   {left} of them still listed");
    Ok(())
}

/// The properties the listing shows.
const LISTED: [CarsProperty; 7] = [
    CarsProperty::Vin,
    CarsProperty::Year,
    CarsProperty::Make,
    CarsProperty::Model,
    CarsProperty::Condition,
    CarsProperty::Price,
    CarsProperty::InStock,
];

/// How many of `ids` a fresh list still returns.
async fn remaining(cars: &Objects<Cars>, ids: &[String]) -> Result<usize, Box<dyn Error>> {
    let listed: Vec<Record<Cars>> = cars
        .list_with(ListOptions::new().properties([CarsProperty::Vin]))
        .try_collect()
        .await?;
    Ok(listed.iter().filter(|c| ids.contains(&c.id)).count())
}
