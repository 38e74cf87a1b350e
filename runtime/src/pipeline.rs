//! Pipelines and their stages: the traits generated pipeline and stage enums implement,
//! and the per-stage metadata table they carry.
//!
//! For every object with pipelines (deals, tickets, custom objects with pipelines) the
//! generator writes two open enums: `<Obj>Pipeline` over the object's pipelines and
//! `<Obj>Stage` over the stages of all of them, both keyed by HubSpot's ids (the values
//! records carry in `pipeline`/`dealstage` or `hs_pipeline`/`hs_pipeline_stage`). Both
//! are [`OptionEnum`]s, so they decode and encode through the same codecs as option
//! enums, and keep ids added in HubSpot after generation as `Unknown`.
//!
//! Generated code stays small: a stage enum holds one const [`StageInfo`] per stage
//! (its pipeline and metadata, decided by the generator from the Pipelines API), and
//! every method lives here as a default method of [`StageEnum`]; the generated
//! inherent methods only forward to them, so users need no trait import.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::object::OptionEnum;

/// A ticket stage's state (`metadata.ticketState`): whether tickets in it are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TicketState {
    /// `OPEN`.
    Open,
    /// `CLOSED`.
    Closed,
}

impl TicketState {
    /// HubSpot's value: `"OPEN"` or `"CLOSED"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TicketState::Open => "OPEN",
            TicketState::Closed => "CLOSED",
        }
    }
}

/// One stage of a generated stage enum, as the snapshot's Pipelines API data gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageInfo {
    /// The stage id (`"appointmentscheduled"`, `"93476205"`): the record value.
    pub id: &'static str,
    /// The id of the pipeline the stage belongs to (`"default"`).
    pub pipeline: &'static str,
    /// `metadata.probability` as a decimal string (`"0.2"`); deals only.
    pub probability: Option<&'static str>,
    /// `metadata.isClosed`.
    pub is_closed: Option<bool>,
    /// Whether the stage is won: `metadata.isWon` when HubSpot sent it, else closed with
    /// probability 1 (a closed stage with another probability is lost, an open stage is
    /// not won); `None` when the metadata does not say.
    pub is_won: Option<bool>,
    /// `metadata.ticketState`; tickets only.
    pub ticket_state: Option<TicketState>,
}

/// A generated open enum of an object's pipelines (`DealsPipeline`).
pub trait PipelineEnum: OptionEnum {
    /// The object's stage enum.
    type Stage: StageEnum<Pipeline = Self>;

    /// The stages of this pipeline, in HubSpot's order; empty for `Unknown`.
    fn stages(&self) -> Vec<Self::Stage> {
        Self::Stage::ALL
            .iter()
            .zip(Self::Stage::STAGES)
            .filter(|(_, info)| info.pipeline == self.as_str())
            .map(|(stage, _)| stage.clone())
            .collect()
    }
}

/// A generated open enum of an object's pipeline stages (`DealsStage`): every stage of
/// every pipeline, with its pipeline and metadata.
pub trait StageEnum: OptionEnum {
    /// The object's pipeline enum.
    type Pipeline: OptionEnum;

    /// One entry per stage of [`OptionEnum::ALL`], in the same order.
    const STAGES: &'static [StageInfo];

    /// This stage's entry of [`STAGES`](Self::STAGES); `None` for `Unknown`.
    fn info(&self) -> Option<&'static StageInfo> {
        Self::STAGES.get(self.position()?)
    }

    /// The pipeline this stage belongs to; `None` for `Unknown` (a stage added in
    /// HubSpot after generation).
    fn pipeline(&self) -> Option<Self::Pipeline> {
        self.info()
            .map(|info| Self::Pipeline::from_value(info.pipeline))
    }

    /// The deal probability of the stage (`metadata.probability`, 0 to 1).
    fn probability(&self) -> Option<Decimal> {
        self.info()?
            .probability
            .and_then(|text| Decimal::from_str(text).ok())
    }

    /// Whether records in this stage are closed (`metadata.isClosed`).
    fn is_closed(&self) -> Option<bool> {
        self.info()?.is_closed
    }

    /// Whether this stage is won (see [`StageInfo::is_won`]).
    fn is_won(&self) -> Option<bool> {
        self.info()?.is_won
    }

    /// The ticket state of this stage (`metadata.ticketState`).
    fn ticket_state(&self) -> Option<TicketState> {
        self.info()?.ticket_state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A hand-written pair, as the generator writes them.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Pipe {
        Sales,
        Renewals,
        Unknown(String),
    }

    impl OptionEnum for Pipe {
        const ALL: &'static [Self] = &[Pipe::Sales, Pipe::Renewals];
        fn from_value(value: &str) -> Self {
            match value {
                "default" => Pipe::Sales,
                "42" => Pipe::Renewals,
                other => Pipe::Unknown(other.to_owned()),
            }
        }
        fn as_str(&self) -> &str {
            match self {
                Pipe::Sales => "default",
                Pipe::Renewals => "42",
                Pipe::Unknown(value) => value,
            }
        }
        fn label(&self) -> Option<&'static str> {
            None
        }
    }

    impl PipelineEnum for Pipe {
        type Stage = Stage;
    }

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Stage {
        Won,
        Open,
        RenewalsWon,
        Unknown(String),
    }

    const fn info(
        id: &'static str,
        pipeline: &'static str,
        probability: &'static str,
        closed: bool,
        won: bool,
    ) -> StageInfo {
        StageInfo {
            id,
            pipeline,
            probability: Some(probability),
            is_closed: Some(closed),
            is_won: Some(won),
            ticket_state: None,
        }
    }

    impl OptionEnum for Stage {
        const ALL: &'static [Self] = &[Stage::Won, Stage::Open, Stage::RenewalsWon];
        fn from_value(value: &str) -> Self {
            match value {
                "closedwon" => Stage::Won,
                "open" => Stage::Open,
                "7" => Stage::RenewalsWon,
                other => Stage::Unknown(other.to_owned()),
            }
        }
        fn as_str(&self) -> &str {
            match self {
                Stage::Won => "closedwon",
                Stage::Open => "open",
                Stage::RenewalsWon => "7",
                Stage::Unknown(value) => value,
            }
        }
        fn label(&self) -> Option<&'static str> {
            None
        }
    }

    impl StageEnum for Stage {
        type Pipeline = Pipe;
        const STAGES: &'static [StageInfo] = &[
            info("closedwon", "default", "1.0", true, true),
            info("open", "default", "0.2", false, false),
            info("7", "42", "1", true, true),
        ];
    }

    #[test]
    fn stages_know_their_pipeline_and_metadata() {
        assert_eq!(Stage::Won.pipeline(), Some(Pipe::Sales));
        assert_eq!(Stage::RenewalsWon.pipeline(), Some(Pipe::Renewals));
        assert_eq!(Stage::Open.probability(), Some(Decimal::new(2, 1)));
        assert_eq!(Stage::Won.probability(), Some(Decimal::ONE));
        assert_eq!(Stage::Open.is_closed(), Some(false));
        assert_eq!(Stage::RenewalsWon.is_won(), Some(true));
        assert_eq!(Stage::Won.ticket_state(), None);
        assert_eq!(Pipe::Renewals.stages(), [Stage::RenewalsWon]);
        assert_eq!(Pipe::Sales.stages(), [Stage::Won, Stage::Open]);
    }

    #[test]
    fn unknown_stages_and_pipelines_know_nothing() {
        let unknown = Stage::from_value("99");
        assert_eq!(unknown.pipeline(), None);
        assert_eq!(unknown.probability(), None);
        assert_eq!(unknown.is_won(), None);
        assert_eq!(Pipe::from_value("x").stages(), []);
        assert_eq!(TicketState::Closed.as_str(), "CLOSED");
    }
}
