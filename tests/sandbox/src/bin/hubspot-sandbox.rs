//! `hubspot-sandbox`: run a HubSpot sandbox on loopback until Ctrl-C, for trying the
//! CLI or a generated crate by hand. Prints `HUBSPOT_BASE_URL=…` and
//! `HUBSPOT_ACCESS_TOKEN=…` lines that a shell can `eval`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use hubspot_sandbox::{DEFAULT_TOKEN, Sandbox, SandboxConfig};

/// Serve an in-memory HubSpot account (CRM Schemas API v3 + OAuth token endpoint) on
/// 127.0.0.1.
#[derive(Debug, Parser)]
#[command(name = "hubspot-sandbox", version)]
struct Args {
    /// Load schemas from this snapshot (`{"results":[…]}` or a bare array).
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Account id used in fully qualified names (`p<portal id>_<name>`).
    #[arg(long, default_value_t = SandboxConfig::default().portal_id)]
    portal_id: u64,
    /// Move the seeded custom object and association ids by this much (and their
    /// fully qualified names to --portal-id), as another account holds the same
    /// schemas.
    #[arg(long, default_value_t = 0, requires = "seed")]
    id_offset: u64,
    /// Lifetime in seconds of OAuth access tokens the token endpoint issues.
    #[arg(long, default_value_t = SandboxConfig::default().token_ttl.as_secs())]
    token_ttl_secs: u64,
    /// Issue a new refresh token on each refresh and invalidate the old one.
    #[arg(long)]
    rotate_refresh_tokens: bool,
    /// Longest request line in bytes; longer requests get 414 URI Too Long.
    #[arg(long, default_value_t = SandboxConfig::default().max_request_line)]
    max_request_line: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = SandboxConfig {
        portal_id: args.portal_id,
        token_ttl: Duration::from_secs(args.token_ttl_secs),
        rotate_refresh_tokens: args.rotate_refresh_tokens,
        max_request_line: args.max_request_line,
    };
    let sandbox = match Sandbox::start_on_port(config, args.port).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!(
                "hubspot-sandbox: cannot listen on 127.0.0.1:{}: {e}; pick another --port \
                 or 0 for a free one",
                args.port
            );
            return ExitCode::FAILURE;
        }
    };
    if let Some(seed) = &args.seed {
        let seeded = if args.id_offset == 0 {
            sandbox.seed_file(seed)
        } else {
            std::fs::read_to_string(seed)
                .map_err(|e| format!("cannot read schema snapshot {}: {e}", seed.display()))
                .and_then(|body| sandbox.seed_rebased(&body, args.id_offset))
        };
        match seeded {
            Ok(count) => eprintln!(
                "hubspot-sandbox: loaded {count} schema(s) from {}",
                seed.display()
            ),
            Err(e) => {
                eprintln!("hubspot-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("HUBSPOT_BASE_URL={}", sandbox.base_url());
    println!("HUBSPOT_ACCESS_TOKEN={DEFAULT_TOKEN}");
    eprintln!("hubspot-sandbox: serving until Ctrl-C");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("hubspot-sandbox: cannot wait for Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
