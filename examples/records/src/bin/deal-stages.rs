//! A typed deal through its pipeline with the generated `Deals` types: create it in the
//! Sales Pipeline, move it stage by stage with the `DealsStage` enum (printing each
//! stage's probability and whether it is closed and won, from the Pipelines API data the
//! generator read), search deals by stage, then archive it.
//!
//! Like the cars program it runs against an in-process sandbox seeded from
//! `examples/schemas.json`, or against the account in `HUBSPOT_ACCESS_TOKEN` (which needs
//! the Sales Pipeline's stages and `crm.objects.deals.read`/`.write`).
//!
//! ```text
//! cargo run -p records-example --bin deal-stages
//! ```

use std::error::Error;

use hubspot_objects::{Deals, DealsPipeline, DealsProperty, DealsStage, DealsWrite};
use hubspot_runtime::rust_decimal::Decimal;
use hubspot_runtime::{Filter, Search, Write};
use records_example::connect;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, _sandbox) = connect().await?;
    let deals = client.objects::<Deals>();
    let name = format!("Fleet order {:04X}", fastrand::u16(..));

    println!("\n1. Create a deal in the Sales Pipeline");
    let pipeline = DealsPipeline::SalesPipeline;
    let stages = pipeline.stages();
    let deal = deals
        .create(&DealsWrite {
            dealname: Write::Set(name.clone()),
            amount: Write::Set(Decimal::from(48_500)),
            pipeline: Write::Set(pipeline.clone()),
            dealstage: Write::Set(stages[0].clone()),
            ..DealsWrite::default()
        })
        .await?;
    println!(
        "   created deal #{} {name:?} in {} at {}",
        deal.id,
        pipeline.label().unwrap_or("?"),
        describe(&stages[0])
    );

    println!("\n2. Move it stage by stage until it is won");
    for stage in stages.iter().skip(1) {
        let moved = deals
            .update(
                &deal.id,
                &DealsWrite {
                    dealstage: Write::Set(stage.clone()),
                    ..DealsWrite::default()
                },
            )
            .await?;
        let now = moved
            .properties
            .dealstage
            .unwrap_or(DealsStage::Unknown(String::new()));
        println!("   -> {}", describe(&now));
        if now.is_won() == Some(true) {
            break;
        }
    }

    println!("\n3. Search deals by stage");
    for stage in [DealsStage::ContractSent, DealsStage::ClosedWon] {
        let found = deals
            .search(
                &Search::new()
                    .filter(Filter::eq(DealsProperty::Dealstage, stage.clone()))
                    .filter(Filter::eq(DealsProperty::Dealname, name.as_str()))
                    .properties([DealsProperty::Dealname, DealsProperty::Dealstage]),
            )
            .await?;
        let ids: String = found
            .results
            .iter()
            .map(|d| format!(" #{}", d.id))
            .collect();
        let count = found.results.len();
        let noun = if count == 1 { "deal" } else { "deals" };
        println!(
            "   in {}: {count} {noun}{ids}",
            stage.label().unwrap_or("?")
        );
    }

    println!("\n4. Clean up");
    deals.archive(&deal.id).await?;
    println!("   archived deal #{}", deal.id);
    Ok(())
}

/// `Contract Sent (contractsent): probability 0.9, open`.
fn describe(stage: &DealsStage) -> String {
    let probability = stage
        .probability()
        .map_or_else(|| "unknown".to_owned(), |p| p.normalize().to_string());
    let state = match (stage.is_closed(), stage.is_won()) {
        (Some(true), Some(true)) => "closed, won",
        (Some(true), _) => "closed, lost",
        (Some(false), _) => "open",
        (None, _) => "state unknown",
    };
    format!(
        "{} ({}): probability {probability}, {state}",
        stage.label().unwrap_or("unknown stage"),
        stage.as_str()
    )
}
