//! The `diff` and `diagram` commands of the `codegen` binary (their arguments and what
//! they print), and the classified summary `check` prints when a crate drifted.
//!
//! [`crate::cli`] parses and dispatches; the comparison and the renderings live in
//! [`crate::diff`] and [`crate::diagram`].
//!
//! `diff` exits 0 when nothing breaks and 3 ([`crate::diff::EXIT_BREAKING`]) when
//! something does; errors exit 1 as everywhere.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use hubspot_runtime::schema::ObjectSchema;

use crate::diff::{self, Diff};
use crate::settings::{SETTINGS_FILE, Settings};
use crate::{Error, diagram, snapshot, source};

pub use crate::generate::EMBEDDED_SNAPSHOT;

/// The snapshot name the `@generated` header shows for `generate --live`.
pub const LIVE_SNAPSHOT_NAME: &str = "live account";

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is as asked.
    Done,
    /// `check` found differences (exit 3).
    Drift,
}

/// The settings of a run: `explicit` (`--settings`), else `hubspot-codegen.toml` beside
/// `snapshot` when it exists, else none.
pub fn settings_for(explicit: Option<&Path>, snapshot: Option<&Path>) -> Result<Settings, Error> {
    let beside = || {
        let path = snapshot?.with_file_name(SETTINGS_FILE);
        path.is_file().then_some(path)
    };
    match explicit.map(Path::to_owned).or_else(beside) {
        Some(path) => crate::settings::parse::read(&path),
        None => Ok(Settings::default()),
    }
}

/// The schemas the settings select (printing their warnings on stderr).
pub fn selected_by_settings(
    schemas: &[ObjectSchema],
    settings: &Settings,
) -> Result<Vec<ObjectSchema>, Error> {
    let applied = crate::settings::apply::apply(settings, schemas)?;
    let mut stderr = std::io::stderr().lock();
    for warning in &applied.warnings {
        let _ = writeln!(stderr, "warning: {warning}");
    }
    Ok(applied.schemas)
}

/// `codegen diff`
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The snapshot the existing code was generated from
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The snapshot to compare it with
    #[arg(
        value_name = "NEW",
        required_unless_present = "live",
        conflicts_with = "live"
    )]
    pub new: Option<PathBuf>,

    /// Compare with the HubSpot account the credentials belong to
    #[arg(long)]
    pub live: bool,

    /// How to print the changes
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Generator settings applied to both sides (excluded objects and properties do
    /// not count; renames reach the Rust names); default: hubspot-codegen.toml beside
    /// OLD, when it exists
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,

    /// Settings for the OLD side only (default: --settings), to see what a settings
    /// change does to the generated names
    #[arg(long, value_name = "FILE")]
    pub old_settings: Option<PathBuf>,
}

/// `diff --format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A report for people (coloured on a terminal unless NO_COLOR is set)
    Text,
    /// A stable, versioned JSON document for CI bots
    Json,
    /// GitHub Flavored Markdown for a pull-request comment
    Markdown,
}

/// `codegen diagram`
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// The snapshot to draw
    #[arg(long, value_name = "SNAPSHOT")]
    pub from: PathBuf,

    /// The diagram syntax
    #[arg(long, value_enum, default_value_t = DiagramFormat::Mermaid)]
    pub format: DiagramFormat,

    /// Generator settings: only the objects they select are drawn; default:
    /// hubspot-codegen.toml beside the snapshot, when it exists
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

/// `diagram --format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    /// A Mermaid erDiagram (GitHub renders it in Markdown)
    Mermaid,
    /// A Graphviz DOT digraph (`dot -Tsvg`)
    Dot,
}

/// Run `codegen diff`. `live` fetches the account's schemas with the run's settings
/// (called only for `--live`).
pub fn diff(
    args: &DiffArgs,
    live: impl FnOnce(&Settings) -> Result<Vec<ObjectSchema>, Error>,
) -> Result<Outcome, Error> {
    let old = read(&args.old)?;
    let settings = settings_for(args.settings.as_deref(), Some(&args.old))?;
    let (new, new_name) = match &args.new {
        Some(path) => (read(path)?, path.display().to_string()),
        None => (live(&settings)?, LIVE_SNAPSHOT_NAME.to_owned()),
    };
    let old_name = args.old.display().to_string();
    let old_settings = match &args.old_settings {
        Some(path) => crate::settings::parse::read(path)?,
        None => settings.clone(),
    };
    let changes = diff::diff_with((&old, &old_settings), (&new, &settings))?;
    let text = match args.format {
        DiffFormat::Text => diff::to_text(&changes, &old_name, &new_name, use_color()),
        DiffFormat::Json => diff::to_json(&changes, &old_name, &new_name),
        DiffFormat::Markdown => diff::to_markdown(&changes, &old_name, &new_name),
    };
    print(&text)?;
    Ok(outcome(&changes))
}

/// Run `codegen diagram`.
pub fn diagram(args: &DiagramArgs) -> Result<Outcome, Error> {
    let schemas = read(&args.from)?;
    let settings = settings_for(args.settings.as_deref(), Some(&args.from))?;
    let schemas = selected_by_settings(&schemas, &settings)?;
    let format = match args.format {
        DiagramFormat::Mermaid => diagram::Format::Mermaid,
        DiagramFormat::Dot => diagram::Format::Dot,
    };
    print(&diagram::render(&schemas, format))?;
    Ok(Outcome::Done)
}

/// For `check` on drift: when `out` carries the snapshot it was generated from
/// ([`EMBEDDED_SNAPSHOT`]), write what changed from it to `schemas` (the `--from`
/// snapshot, restricted to `only` as generation is), classified, to `to`. Without an
/// embedded snapshot, or with one that cannot be read, write one line saying why no
/// classification is possible: the summary never turns a drift report into an error.
pub fn check_summary(
    out: &Path,
    from: &Path,
    schemas: &[ObjectSchema],
    only: &[String],
    settings: &Settings,
    to: &mut dyn std::io::Write,
) {
    let embedded = out.join(EMBEDDED_SNAPSHOT);
    if !embedded.is_file() {
        let _ = writeln!(
            to,
            "({} has no {EMBEDDED_SNAPSHOT}, so the schema changes cannot be classified; \
             run `codegen diff OLD_SNAPSHOT {}` to see them)",
            out.display(),
            from.display()
        );
        return;
    }
    // The drift verdict stands on its own: a summary that cannot be made is a note, not
    // an error that would hide it.
    let classified = read(&embedded).and_then(|old| {
        diff::diff_with(
            (&selected(&old, only), settings),
            (&selected(schemas, only), settings),
        )
    });
    let changes = match classified {
        Ok(changes) => changes,
        Err(error) => {
            let _ = writeln!(
                to,
                "(the schema changes cannot be classified: {})",
                error.report()
            );
            return;
        }
    };
    let old_name = embedded.display().to_string();
    let new_name = from.display().to_string();
    let text = if changes.is_empty() {
        format!(
            "the schemas in {old_name} and {new_name} mean the same; only the generator's \
             output differs (regenerate to update it)\n"
        )
    } else {
        diff::to_text(&changes, &old_name, &new_name, false)
    };
    let _ = to.write_all(text.as_bytes());
}

/// The schemas `only` selects, matched as generation matches them (name, fully qualified
/// name or object type id); all when `only` is empty.
fn selected(schemas: &[ObjectSchema], only: &[String]) -> Vec<ObjectSchema> {
    schemas
        .iter()
        .filter(|schema| {
            only.is_empty()
                || only.iter().any(|wanted| {
                    *wanted == schema.name
                        || schema.fully_qualified_name.as_deref() == Some(wanted.as_str())
                        || schema.object_type_id.as_deref() == Some(wanted.as_str())
                })
        })
        .cloned()
        .collect()
}

fn outcome(changes: &Diff) -> Outcome {
    if changes.is_breaking() {
        Outcome::Drift
    } else {
        Outcome::Done
    }
}

fn read(path: &Path) -> Result<Vec<ObjectSchema>, Error> {
    let mut schemas = source::read_snapshot(path)?;
    snapshot::normalize(&mut schemas);
    Ok(schemas)
}

/// Colour only for a person at a terminal, and never when `NO_COLOR` is set to
/// anything non-empty (no-color.org).
fn use_color() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// Write to stdout; a closed pipe (`codegen diff … | head`) is not an error worth a
/// report, anything else is.
fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("write to", "standard output", error))
        }
        _ => Ok(()),
    }
}
