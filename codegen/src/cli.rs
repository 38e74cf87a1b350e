//! The `codegen` command line: argument parsing (clap derive), the three commands
//! (`fetch`, `generate`, `check`), exit codes and what is printed.
//!
//! Exit codes: 0 success, 1 error (auth, network, refused URL, bad input), 2 usage
//! (clap's own), 3 drift (`check` found the crate out of date).
//!
//! Output: results (the one-line summary, `check`'s list of differences) go to stdout;
//! progress goes to stderr and only when stderr is a terminal; errors go to stderr as
//! `error: …` followed by `caused by:` lines. Nothing printed ever holds a credential.
//!
//! `generate` takes the no-op fast path ([`crate::fingerprint`]) when the output
//! directory's manifest shows it already holds what these inputs generate: it then
//! prints the same summary as a full run that writes nothing, without generating.
//! Diagnostics (which path was taken, and why not the fast one) go to stderr when
//! [`ENV_LOG`] is set, e.g. `HUBSPOT_CODEGEN_LOG=debug`.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use hubspot_runtime::schema::ObjectSchema;

use crate::cli_diff::{selected_by_settings, settings_for};
use crate::config::{self, ENV_BASE_URL, LiveSettings};
use crate::fingerprint::{self, Fingerprint, Mode, selected_objects};
use crate::generate::{GenerateOptions, RuntimeDependency, generate_crate};
use crate::object_selection::ObjectSelection;
use crate::settings::Settings;
use crate::write;
use crate::{Error, snapshot, source};

/// Exit code when `check` finds the output directory out of date.
pub const EXIT_DRIFT: u8 = 3;
/// Exit code of every error that is not a usage error.
pub const EXIT_ERROR: u8 = 1;

// Owned by the lower `cli_diff` (which needs them too), so imports run one way.
pub use crate::cli_diff::{LIVE_SNAPSHOT_NAME, Outcome};

/// The environment variable that turns on diagnostics on stderr, in tracing's filter
/// syntax (`debug`, `hubspot_codegen=debug,hubspot_runtime=info`). Unset: none, so
/// stderr holds only progress (on a terminal) and errors.
pub const ENV_LOG: &str = "HUBSPOT_CODEGEN_LOG";

/// Typed Rust for HubSpot CRM custom objects.
///
/// Credentials come only from the environment (HUBSPOT_ACCESS_TOKEN, or
/// HUBSPOT_CLIENT_ID + HUBSPOT_CLIENT_SECRET + HUBSPOT_REFRESH_TOKEN, and optionally
/// HUBSPOT_TOKEN_URL) or from a --config file; never from arguments.
#[derive(Debug, Parser)]
#[command(name = "codegen", version, max_term_width = 100)]
#[command(after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 drift (check) or breaking (diff).")]
pub struct Cli {
    /// The HubSpot API root, e.g. a local sandbox's `http://127.0.0.1:PORT`
    /// [default: `https://api.hubapi.com`]
    #[arg(long, global = true, env = ENV_BASE_URL, hide_env_values = true, value_name = "URL")]
    #[arg(help_heading = "Live account (fetch, generate --live, diff --live)")]
    pub base_url: Option<String>,

    /// A TOML file with access_token (or client_id, client_secret, refresh_token),
    /// base_url and token_url; environment variables take precedence
    #[arg(long, global = true, value_name = "FILE")]
    #[arg(help_heading = "Live account (fetch, generate --live, diff --live)")]
    pub config: Option<PathBuf>,

    /// The objects to read, comma-separated: `custom` (every custom object), `standard`
    /// (contacts, companies, deals, tickets, products, line_items), standard objects by
    /// objects API name (`contacts,deals,quotes`), custom objects by name; default: the
    /// settings' `[fetch] objects`, else `custom`
    #[arg(long, global = true, value_name = "LIST", value_parser = parse_objects)]
    #[arg(help_heading = "Live account (fetch, generate --live, diff --live)")]
    pub objects: Option<ObjectSelection>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--objects`: an [`ObjectSelection`], or clap's usage error with the reason.
fn parse_objects(list: &str) -> Result<ObjectSelection, String> {
    list.parse().map_err(|e: Error| e.to_string())
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Download every custom object schema of the account into a snapshot file
    /// (normalized: sorted, lossless, pretty-printed)
    Fetch(FetchArgs),
    /// Write a crate of typed objects from a snapshot or from the live account
    Generate(GenerateArgs),
    /// Exit 3 when DIR is not exactly what `generate` would write, listing the files
    Check(CheckArgs),
    /// Compare two snapshots (or one with the live account) and classify each change as
    /// breaking or compatible for code generated from OLD; exit 3 when something breaks
    Diff(crate::cli_diff::DiffArgs),
    /// Draw the custom objects and their associations as Mermaid or Graphviz DOT
    Diagram(crate::cli_diff::DiagramArgs),
}

/// `codegen fetch`
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The snapshot file to write
    #[arg(long, value_name = "FILE", default_value = "hubspot-schemas.json")]
    pub out: PathBuf,

    /// Fetch the archived custom object types instead of the live ones (properties are
    /// always the live ones; standard objects are never archived)
    #[arg(long)]
    pub archived: bool,

    /// Generator settings, for `[fetch] objects`; default: hubspot-codegen.toml beside
    /// --out, when it exists
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

/// `codegen generate`
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Where the schemas come from.
    #[command(flatten)]
    pub source: SourceArgs,

    /// The crate directory to write (created if missing; an existing one must be a
    /// crate generated by this tool)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// What to generate.
    #[command(flatten)]
    pub crate_options: CrateArgs,
}

/// `--from SNAPSHOT | --live`: exactly one is required.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct SourceArgs {
    /// Read schemas from this snapshot file (as written by `codegen fetch`)
    #[arg(long, value_name = "SNAPSHOT")]
    pub from: Option<PathBuf>,

    /// Read schemas from the HubSpot account the credentials belong to
    #[arg(long)]
    pub live: bool,
}

/// `codegen check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The snapshot the crate should be generated from
    #[arg(long, value_name = "SNAPSHOT")]
    pub from: PathBuf,

    /// The generated crate directory to compare
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The options `generate` was run with.
    #[command(flatten)]
    pub crate_options: CrateArgs,
}

/// The options shaping the generated crate, shared by `generate` and `check`.
#[derive(Debug, Args)]
pub struct CrateArgs {
    /// The generated crate's package name
    #[arg(long, value_name = "NAME", default_value = "hubspot-objects", value_parser = parse_crate_name)]
    pub crate_name: String,

    /// Depend on hubspot-runtime by this path (written as given, relative to the crate)
    /// instead of by version
    #[arg(long, value_name = "PATH")]
    pub runtime_path: Option<String>,

    /// Generate only these objects (name, fully qualified name or object type id)
    #[arg(long, value_name = "NAME,…", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Generator settings (objects, properties, renames, derives); default:
    /// hubspot-codegen.toml beside the snapshot, when it exists
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

impl CrateArgs {
    /// The options of this run; `snapshot` (none for a live account) is where the
    /// settings file is looked for when `--settings` is not given.
    fn options(
        &self,
        snapshot_name: String,
        snapshot: Option<&Path>,
    ) -> Result<GenerateOptions, Error> {
        Ok(GenerateOptions {
            crate_name: self.crate_name.clone(),
            runtime: match &self.runtime_path {
                Some(path) => RuntimeDependency::Path(path.clone()),
                None => RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned()),
            },
            only: self
                .only
                .iter()
                .map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty())
                .collect(),
            snapshot_name,
            settings: settings_for(self.settings.as_deref(), snapshot)?,
        })
    }
}

/// A cargo package name: ASCII letters, digits, `-` and `_`, starting with a letter.
fn parse_crate_name(name: &str) -> Result<String, String> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err("a crate name is ASCII letters, digits, `-` and `_`, starting with a letter".into())
    }
}

/// The binary's `main`: parse arguments (clap exits 2 on usage errors), run, print
/// errors, map to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(&cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Drift) => ExitCode::from(EXIT_DRIFT),
        Err(error) => {
            eprintln!("error: {}", error.report());
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Diagnostics on stderr when [`ENV_LOG`] is set; a filter that does not parse is
/// reported once and ignored rather than failing the command.
fn init_logging() {
    let Some(spec) = std::env::var_os(ENV_LOG) else {
        return;
    };
    let filter = spec
        .to_str()
        .ok_or_else(|| "it is not UTF-8".to_owned())
        .and_then(|spec| tracing_subscriber::EnvFilter::try_new(spec).map_err(|e| e.to_string()));
    match filter {
        Ok(filter) => {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal())
                .without_time()
                .try_init();
        }
        Err(reason) => eprintln!("warning: ignoring {ENV_LOG}: {reason}"),
    }
}

/// Run one parsed command line.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let progress = Progress::new();
    match &cli.command {
        Command::Fetch(args) => fetch(cli, args, &progress),
        Command::Generate(args) => generate(cli, args, &progress),
        Command::Check(args) => check(args, &progress),
        Command::Diff(args) => {
            crate::cli_diff::diff(args, |settings| fetch_live(cli, false, settings, &progress))
        }
        Command::Diagram(args) => crate::cli_diff::diagram(args),
    }
}

fn fetch(cli: &Cli, args: &FetchArgs, progress: &Progress) -> Result<Outcome, Error> {
    let settings = settings_for(args.settings.as_deref(), Some(&args.out))?;
    let schemas = fetch_live(cli, args.archived, &settings, progress)?;
    let text = snapshot::to_snapshot_string(&schemas);
    let written = write::write_file_if_changed(&args.out, text.as_bytes())?;
    let properties: usize = schemas
        .iter()
        .map(|schema| schema.properties.as_ref().map_or(0, Vec::len))
        .sum();
    // writeln!, not println!: a closed pipe (`codegen fetch | head -0`) is not a panic.
    let _ = writeln!(
        std::io::stdout(),
        "fetched {} ({}) into {} ({})",
        count(
            schemas.len(),
            if args.archived {
                "archived object"
            } else {
                "object"
            }
        ),
        count(properties, "property"),
        args.out.display(),
        if written { "written" } else { "unchanged" },
    );
    Ok(Outcome::Done)
}

fn generate(cli: &Cli, args: &GenerateArgs, progress: &Progress) -> Result<Outcome, Error> {
    match &args.source.from {
        Some(path) => {
            let options = args
                .crate_options
                .options(snapshot_name(path), Some(path))?;
            progress.step(format_args!("reading {}", path.display()));
            // Hashing the file is all the fast path needs of it.
            let quick = Fingerprint::of_snapshot_file(Mode::Crate, path, &options)?;
            if fast_path(&args.out, &quick) {
                return Ok(Outcome::Done);
            }
            // The manifest records the fingerprint of the bytes actually parsed, in case
            // the file changed since it was hashed.
            let bytes = fingerprint::read_snapshot_bytes(path)?;
            let fingerprint = Fingerprint::new(Mode::Crate, &bytes, &options);
            let schemas = fingerprint::parse_snapshot_bytes(&bytes, path)?;
            drop(bytes);
            full_run(&schemas, &options, fingerprint, &args.out, progress)
        }
        None => {
            let options = args
                .crate_options
                .options(LIVE_SNAPSHOT_NAME.to_owned(), None)?;
            let schemas = fetch_live(cli, false, &options.settings, progress)?;
            // An account has no file; its normalized snapshot text stands in for one.
            let text = snapshot::to_snapshot_string(&schemas);
            let fingerprint = Fingerprint::new(Mode::Crate, text.as_bytes(), &options);
            if fast_path(&args.out, &fingerprint) {
                return Ok(Outcome::Done);
            }
            full_run(&schemas, &options, fingerprint, &args.out, progress)
        }
    }
}

/// When `out` already holds what `fingerprint`'s inputs generate (by its manifest),
/// print the summary of a run that wrote nothing and return true.
fn fast_path(out: &Path, fingerprint: &Fingerprint) -> bool {
    match fingerprint::crate_is_current(out, fingerprint) {
        Ok(manifest) => {
            let files = manifest.files.len();
            tracing::debug!(
                "no-op fast path: {} already holds what these inputs generate (manifest \
                 fingerprint {fingerprint}, {files} files checked); nothing generated or \
                 written",
                out.display(),
            );
            print_generated(manifest.objects, files, 0, files, 0, out);
            true
        }
        Err(reason) => {
            tracing::debug!("full run: {reason}");
            false
        }
    }
}

/// Generate the crate and write it with its manifest.
fn full_run(
    schemas: &[ObjectSchema],
    options: &GenerateOptions,
    fingerprint: Fingerprint,
    out: &Path,
    progress: &Progress,
) -> Result<Outcome, Error> {
    let objects = selected_objects(
        &selected_by_settings(schemas, &options.settings)?,
        &options.only,
    );
    progress.step(format_args!("generating {}", count(objects, "object")));
    let krate = generate_crate(schemas, options)?;
    progress.step(format_args!("writing {}", out.display()));
    let report = write::write_crate_and_manifest(&krate, fingerprint, objects, out)?;
    print_generated(
        objects,
        krate.files.len(),
        report.written.len(),
        report.unchanged.len(),
        report.removed.len(),
        out,
    );
    Ok(Outcome::Done)
}

/// `generate`'s one-line summary, the same whichever path the run took.
fn print_generated(
    objects: usize,
    files: usize,
    written: usize,
    unchanged: usize,
    removed: usize,
    out: &Path,
) {
    if objects == 0 {
        // An empty crate is legal, but never silent: say why it is empty.
        let _ = writeln!(
            std::io::stderr(),
            "warning: no objects selected: the snapshot holds no objects (an account without \
             custom objects, fetched without `--objects`), so the generated crate is empty; \
             select standard objects with `codegen fetch --objects contacts,deals --out …`"
        );
    }
    // writeln!, not println!: a closed pipe is not a panic.
    let _ = writeln!(
        std::io::stdout(),
        "generated {} ({}, {written} written, {unchanged} unchanged, {removed} removed) \
         into {}",
        count(objects, "object"),
        count(files, "file"),
        out.display(),
    );
}

fn check(args: &CheckArgs, progress: &Progress) -> Result<Outcome, Error> {
    let schemas = read(&args.from, progress)?;
    let options = args
        .crate_options
        .options(snapshot_name(&args.from), Some(&args.from))?;
    let krate = generate_crate(&schemas, &options)?;
    let drift = write::check_crate(&krate, &args.out)?;
    let selected = selected_by_settings(&schemas, &options.settings)?;
    let mut stdout = std::io::stdout().lock();
    if drift.is_empty() {
        let _ = writeln!(
            stdout,
            "{} is up to date ({}, {})",
            args.out.display(),
            count(selected_objects(&selected, &options.only), "object"),
            count(krate.files.len(), "file"),
        );
        return Ok(Outcome::Done);
    }
    for item in &drift {
        let _ = writeln!(stdout, "{item}");
    }
    crate::cli_diff::check_summary(
        &args.out,
        &args.from,
        &schemas,
        &options.only,
        &options.settings,
        &mut stdout,
    );
    let _ = writeln!(
        stdout,
        "{} is out of date: {} differ{} from what {} generates; run `codegen generate` with \
         the same options to update it",
        args.out.display(),
        count(drift.len(), "file"),
        if drift.len() == 1 { "s" } else { "" },
        args.from.display(),
    );
    Ok(Outcome::Drift)
}

/// Read and normalize a snapshot file.
fn read(path: &Path, progress: &Progress) -> Result<Vec<ObjectSchema>, Error> {
    progress.step(format_args!("reading {}", path.display()));
    let mut schemas = source::read_snapshot(path)?;
    snapshot::normalize(&mut schemas);
    Ok(schemas)
}

/// Fetch (and normalize) the account's schemas with the configured credentials: the
/// objects of `--objects`, else of the settings' `[fetch] objects`, else `custom`.
fn fetch_live(
    cli: &Cli,
    archived: bool,
    settings: &Settings,
    progress: &Progress,
) -> Result<Vec<ObjectSchema>, Error> {
    let objects = match &cli.objects {
        Some(objects) => objects.clone(),
        None if settings.fetch.objects.is_empty() => ObjectSelection::default(),
        None => ObjectSelection::from_entries(settings.fetch.objects.iter().map(|o| &o.value))?,
    };
    let live = config::resolve_live(cli.base_url.as_deref(), cli.config.as_deref(), &|name| {
        std::env::var(name).ok()
    })?;
    let client = client_for(&live)?;
    progress.step(format_args!(
        "fetching objects {} from {}",
        objects, live.base_url
    ));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("start the async runtime for", "the HTTP client", e))?;
    let events = |event: crate::fetch::FetchEvent<'_>| match event {
        crate::fetch::FetchEvent::Step(line) => progress.step(format_args!("{line}")),
        // Warnings print whether or not a person watches: they change what is generated.
        crate::fetch::FetchEvent::Warning(message) => eprintln!("warning: {message}"),
    };
    let mut schemas = runtime.block_on(crate::fetch::fetch_selected(
        &client, &objects, archived, &events,
    ))?;
    snapshot::normalize(&mut schemas);
    Ok(schemas)
}

/// The runtime client for resolved settings (the runtime refuses bad URLs here).
fn client_for(settings: &LiveSettings) -> Result<hubspot_runtime::Client, Error> {
    use hubspot_runtime::{Auth, OAuthCredentials};
    let auth = match &settings.credentials {
        config::Credentials::AccessToken(token) => Auth::private_app(token.clone()),
        config::Credentials::OAuth {
            client_id,
            client_secret,
            refresh_token,
            token_url,
        } => Auth::oauth(
            OAuthCredentials::new(
                client_id.clone(),
                client_secret.clone(),
                refresh_token.clone(),
            )
            .token_url(token_url.clone()),
        ),
    };
    Ok(hubspot_runtime::Client::builder()
        .auth(auth)
        .base_url(settings.base_url.clone())
        .build()?)
}

/// The snapshot's file name for the `@generated` header (no directories, so output does
/// not depend on where the command ran).
fn snapshot_name(path: &Path) -> String {
    crate::builder::snapshot_file_name(path)
}

/// `1 object`, `3 objects`, `2 properties`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

/// Progress lines on stderr, only when a person is watching (stderr is a terminal), so
/// logs and pipes get just the summary.
struct Progress {
    enabled: bool,
}

impl Progress {
    fn new() -> Self {
        Progress {
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn step(&self, message: std::fmt::Arguments<'_>) {
        if self.enabled {
            eprintln!("  {message} …");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn counts_are_plural_aware() {
        assert_eq!(count(1, "object"), "1 object");
        assert_eq!(count(0, "object"), "0 objects");
        assert_eq!(count(2, "property"), "2 properties");
        assert_eq!(count(1, "property"), "1 property");
    }

    #[test]
    fn crate_names_are_checked() {
        assert!(parse_crate_name("hubspot-objects").is_ok());
        assert!(parse_crate_name("my_objects2").is_ok());
        for bad in ["", "2objects", "my objects", "../x", "ünïcode"] {
            assert!(parse_crate_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn only_is_comma_separated_and_trimmed() {
        let cli = Cli::try_parse_from([
            "codegen",
            "generate",
            "--from",
            "s.json",
            "--out",
            "d",
            "--only",
            "cars, 2-1,,",
        ])
        .unwrap();
        let Command::Generate(args) = &cli.command else {
            panic!("not generate")
        };
        let options = args.crate_options.options("s.json".into(), None).unwrap();
        assert_eq!(options.only, ["cars", "2-1"]);
        assert_eq!(
            options.runtime,
            RuntimeDependency::Version(env!("CARGO_PKG_VERSION").into())
        );
    }

    #[test]
    fn objects_default_to_custom_and_apply_to_every_live_command() {
        let fetch = Cli::try_parse_from(["codegen", "fetch"]).unwrap();
        // Unset: the settings' `[fetch] objects` decide, else `custom` (fetch_live).
        assert_eq!(fetch.objects, None);
        let fetch =
            Cli::try_parse_from(["codegen", "fetch", "--objects", "custom,standard,quotes"])
                .unwrap();
        assert!(fetch.objects.as_ref().unwrap().all_custom());
        assert_eq!(fetch.objects.as_ref().unwrap().standard().len(), 7);
        let generate = Cli::try_parse_from([
            "codegen",
            "generate",
            "--live",
            "--out",
            "d",
            "--objects",
            "deals,cars",
        ])
        .unwrap();
        assert_eq!(generate.objects.unwrap().to_string(), "deals,cars");
        let diff = Cli::try_parse_from([
            "codegen",
            "diff",
            "old.json",
            "--live",
            "--objects",
            "tickets",
        ])
        .unwrap();
        assert_eq!(diff.objects.unwrap().to_string(), "tickets");
    }

    #[test]
    fn bad_objects_are_a_usage_error_listing_the_standard_objects() {
        let error = Cli::try_parse_from(["codegen", "fetch", "--objects", "0-999"]).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::ValueValidation);
        let text = error.to_string();
        assert!(
            text.contains("--objects cannot select \"0-999\", a standard object type id"),
            "{text}"
        );
        assert!(
            text.contains("contacts, companies, deals, tickets"),
            "{text}"
        );
    }

    #[test]
    fn from_and_live_are_exclusive_and_one_is_required() {
        let both = Cli::try_parse_from([
            "codegen", "generate", "--from", "s.json", "--live", "--out", "d",
        ]);
        assert_eq!(
            both.unwrap_err().kind(),
            clap::error::ErrorKind::ArgumentConflict
        );
        let neither = Cli::try_parse_from(["codegen", "generate", "--out", "d"]);
        assert_eq!(
            neither.unwrap_err().kind(),
            clap::error::ErrorKind::MissingRequiredArgument
        );
    }
}
