//! Prints an object's pipeline and stage enums ([`PipelinesModel`]): both as open
//! enums (printed like option enums, so they decode and encode through the runtime's
//! option codecs), plus the stage table (`STAGES`, one `StageInfo` per stage) and the
//! forwarding methods of `hubspot_runtime::pipeline`'s traits. Const data, no code per
//! stage.

use quote::quote;
use syn::Item;

use super::open_enum::{Kind, Printer};
use super::{Texts, ident, lit, syntax};
use crate::Error;
use crate::model::pipelines::{PipelinesModel, StageModel};
use hubspot_runtime::TicketState;

/// The pipeline enum, the stage enum and their trait impls.
pub(super) fn items(
    model: &PipelinesModel,
    open_enums: &Printer,
    texts: &mut Texts,
) -> Result<Vec<Item>, Error> {
    let mut items = vec![
        texts.marker(open_enums.print(Kind::Pipelines, &model.pipeline_enum)?),
        texts.marker(open_enums.print(Kind::Stages, &model.stage_enum)?),
    ];
    let pipeline = ident(&model.pipeline_enum.name);
    let stage = ident(&model.stage_enum.name);
    let infos = model.stages.iter().map(stage_info);
    let file: syn::File = syntax::parse(quote! {
        impl #stage {
            /// The pipeline and metadata of each stage of `ALL`, in the same order.
            pub const STAGES: &'static [::hubspot_runtime::StageInfo] = &[ #( #infos ),* ];

            /// The pipeline this stage belongs to; `None` for `Unknown`.
            #[inline]
            pub fn pipeline(&self) -> Option<#pipeline> {
                ::hubspot_runtime::StageEnum::pipeline(self)
            }

            /// The deal probability of the stage (`metadata.probability`, 0 to 1).
            #[inline]
            pub fn probability(&self) -> Option<::hubspot_runtime::rust_decimal::Decimal> {
                ::hubspot_runtime::StageEnum::probability(self)
            }

            /// Whether records in this stage are closed (`metadata.isClosed`).
            #[inline]
            pub fn is_closed(&self) -> Option<bool> {
                ::hubspot_runtime::StageEnum::is_closed(self)
            }

            /// Whether this stage is won: `metadata.isWon`, else closed with probability 1.
            #[inline]
            pub fn is_won(&self) -> Option<bool> {
                ::hubspot_runtime::StageEnum::is_won(self)
            }

            /// The ticket state of this stage (`metadata.ticketState`).
            #[inline]
            pub fn ticket_state(&self) -> Option<::hubspot_runtime::TicketState> {
                ::hubspot_runtime::StageEnum::ticket_state(self)
            }
        }

        impl ::hubspot_runtime::StageEnum for #stage {
            type Pipeline = #pipeline;
            const STAGES: &'static [::hubspot_runtime::StageInfo] = #stage::STAGES;
        }

        impl #pipeline {
            /// The stages of this pipeline, in HubSpot's order; empty for `Unknown`.
            #[inline]
            pub fn stages(&self) -> Vec<#stage> {
                ::hubspot_runtime::PipelineEnum::stages(self)
            }
        }

        impl ::hubspot_runtime::PipelineEnum for #pipeline {
            type Stage = #stage;
        }
    })?;
    items.extend(file.items);
    Ok(items)
}

/// One `StageInfo` literal.
fn stage_info(stage: &StageModel) -> proc_macro2::TokenStream {
    let id = lit(&stage.id);
    let pipeline = lit(&stage.pipeline);
    let probability = match &stage.probability {
        Some(p) => {
            let p = lit(p);
            quote! { Some(#p) }
        }
        None => quote! { None },
    };
    let flag = |value: Option<bool>| match value {
        Some(b) => quote! { Some(#b) },
        None => quote! { None },
    };
    let (is_closed, is_won) = (flag(stage.is_closed), flag(stage.is_won));
    let ticket_state = match stage.ticket_state {
        Some(TicketState::Open) => quote! { Some(::hubspot_runtime::TicketState::Open) },
        Some(TicketState::Closed) => quote! { Some(::hubspot_runtime::TicketState::Closed) },
        None => quote! { None },
    };
    quote! {
        ::hubspot_runtime::StageInfo {
            id: #id,
            pipeline: #pipeline,
            probability: #probability,
            is_closed: #is_closed,
            is_won: #is_won,
            ticket_state: #ticket_state,
        }
    }
}
