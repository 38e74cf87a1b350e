//! Where the CLI's live settings come from: the base URL and the credentials.
//!
//! Credentials come from the environment or from a `--config` TOML file, never from a
//! command-line argument (arguments show in `ps` and in shell history). The rules:
//!
//! - Credentials: the environment first, then the config file.
//!   - `HUBSPOT_ACCESS_TOKEN` (a private app's token), else all three of
//!     `HUBSPOT_CLIENT_ID`, `HUBSPOT_CLIENT_SECRET`, `HUBSPOT_REFRESH_TOKEN` (OAuth).
//!   - In the file: `access_token`, else `client_id`, `client_secret`, `refresh_token`.
//!   - Empty values count as unset. Half an OAuth set is an error naming what is missing.
//! - Base URL: `--base-url` / `HUBSPOT_BASE_URL`, else the file's `base_url`, else
//!   `https://api.hubapi.com`.
//! - OAuth token URL: `HUBSPOT_TOKEN_URL`, else the file's `token_url`, else
//!   `<base url>/oauth/v1/token` (so a sandbox base URL brings its own token endpoint).
//!
//! ```toml
//! # hubspot.toml — keep it out of version control
//! access_token = "pat-na1-…"
//! # or: client_id = "…", client_secret = "…", refresh_token = "…"
//! base_url = "https://api.hubapi.com"
//! token_url = "https://api.hubapi.com/oauth/v1/token"
//! ```

use std::fmt;
use std::path::Path;

use secrecy::SecretString;
use serde::Deserialize;

use crate::Error;

/// HubSpot's API host, used when no base URL is configured.
pub const DEFAULT_BASE_URL: &str = "https://api.hubapi.com";

/// Environment variable holding a private app's access token.
pub const ENV_ACCESS_TOKEN: &str = "HUBSPOT_ACCESS_TOKEN";
/// Environment variable holding an OAuth app's client id.
pub const ENV_CLIENT_ID: &str = "HUBSPOT_CLIENT_ID";
/// Environment variable holding an OAuth app's client secret.
pub const ENV_CLIENT_SECRET: &str = "HUBSPOT_CLIENT_SECRET";
/// Environment variable holding an OAuth refresh token.
pub const ENV_REFRESH_TOKEN: &str = "HUBSPOT_REFRESH_TOKEN";
/// Environment variable overriding the OAuth token endpoint.
pub const ENV_TOKEN_URL: &str = "HUBSPOT_TOKEN_URL";
/// Environment variable (and `--base-url`'s fallback) pointing at another API host.
pub const ENV_BASE_URL: &str = "HUBSPOT_BASE_URL";

/// How to authenticate. `Debug` never shows a secret (they are [`SecretString`]s).
#[derive(Debug, Clone)]
pub enum Credentials {
    /// A private app's access token, sent as `Authorization: Bearer`.
    AccessToken(SecretString),
    /// An OAuth app's refresh-token grant.
    OAuth {
        /// The app's client id (not secret).
        client_id: String,
        /// The app's client secret.
        client_secret: SecretString,
        /// A refresh token the account granted the app.
        refresh_token: SecretString,
        /// The token endpoint.
        token_url: String,
    },
}

/// Everything a live command needs to reach HubSpot.
#[derive(Debug, Clone)]
pub struct LiveSettings {
    /// The API base URL, without a trailing slash.
    pub base_url: String,
    /// How to authenticate.
    pub credentials: Credentials,
}

/// A parsed `--config` file. Secrets are wrapped as soon as they are read.
#[derive(Clone, Default)]
pub struct ConfigFile {
    /// `access_token`
    pub access_token: Option<SecretString>,
    /// `client_id`
    pub client_id: Option<String>,
    /// `client_secret`
    pub client_secret: Option<SecretString>,
    /// `refresh_token`
    pub refresh_token: Option<SecretString>,
    /// `base_url`
    pub base_url: Option<String>,
    /// `token_url`
    pub token_url: Option<String>,
}

// Hand-written so a secret can never be printed: only whether each one is set.
impl fmt::Debug for ConfigFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |present: bool| if present { "<set>" } else { "<unset>" };
        f.debug_struct("ConfigFile")
            .field("access_token", &set(self.access_token.is_some()))
            .field("client_id", &self.client_id)
            .field("client_secret", &set(self.client_secret.is_some()))
            .field("refresh_token", &set(self.refresh_token.is_some()))
            .field("base_url", &self.base_url)
            .field("token_url", &self.token_url)
            .finish()
    }
}

/// The file as TOML sees it. No `Debug`: it holds secrets as plain strings for the
/// moment between parsing and wrapping.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    access_token: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    refresh_token: Option<String>,
    base_url: Option<String>,
    token_url: Option<String>,
}

impl ConfigFile {
    /// Read and parse a config file.
    pub fn read(path: &Path) -> Result<ConfigFile, Error> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io("read config file", path, e))?;
        Self::parse(&text, path)
    }

    /// Parse config text; `path` only names the file in errors. Errors give the line and
    /// column and toml's description, never the offending line (it may hold a secret).
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, Error> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let position = e
                .span()
                .map(|span| {
                    let (line, column) = line_column(text, span.start);
                    format!("{line}:{column}: ")
                })
                .unwrap_or_default();
            Error::Config {
                path: path.to_owned(),
                message: format!(
                    "{position}{}; the keys are access_token, or client_id, client_secret \
                     and refresh_token, and optionally base_url and token_url, all strings",
                    e.message().trim_end()
                ),
            }
        })?;
        let secret = |value: Option<String>| non_empty(value).map(SecretString::from);
        Ok(ConfigFile {
            access_token: secret(raw.access_token),
            client_id: non_empty(raw.client_id),
            client_secret: secret(raw.client_secret),
            refresh_token: secret(raw.refresh_token),
            base_url: non_empty(raw.base_url),
            token_url: non_empty(raw.token_url),
        })
    }
}

/// Resolve the settings of a live command.
///
/// `base_url_flag` is `--base-url` (clap already fell back to `HUBSPOT_BASE_URL`);
/// `config_path` is `--config`; `env` looks up an environment variable (a parameter so
/// tests need not mutate the process environment).
pub fn resolve_live(
    base_url_flag: Option<&str>,
    config_path: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<LiveSettings, Error> {
    let file = match config_path {
        Some(path) => ConfigFile::read(path)?,
        None => ConfigFile::default(),
    };
    let base_url = non_empty(base_url_flag.map(str::to_owned))
        .or_else(|| file.base_url.clone())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    let base_url = base_url.trim_end_matches('/').to_owned();
    let token_url = non_empty(env(ENV_TOKEN_URL))
        .or_else(|| file.token_url.clone())
        .unwrap_or_else(|| format!("{base_url}/oauth/v1/token"));
    let env = |name: &str| non_empty(env(name));

    let credentials = if let Some(token) = env(ENV_ACCESS_TOKEN) {
        Credentials::AccessToken(token.into())
    } else if let Some(credentials) = oauth_from(
        [ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_REFRESH_TOKEN],
        env(ENV_CLIENT_ID),
        env(ENV_CLIENT_SECRET).map(SecretString::from),
        env(ENV_REFRESH_TOKEN).map(SecretString::from),
        &token_url,
        "the environment",
    )? {
        credentials
    } else if let Some(token) = file.access_token.clone() {
        Credentials::AccessToken(token)
    } else if let Some(credentials) = oauth_from(
        ["client_id", "client_secret", "refresh_token"],
        file.client_id.clone(),
        file.client_secret.clone(),
        file.refresh_token.clone(),
        &token_url,
        "the config file",
    )? {
        credentials
    } else {
        return Err(Error::Credentials(missing_credentials_message(config_path)));
    };
    Ok(LiveSettings {
        base_url,
        credentials,
    })
}

/// OAuth credentials when all three parts are present, `None` when none is, and an
/// error naming the missing ones when only some are.
fn oauth_from(
    names: [&str; 3],
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    refresh_token: Option<SecretString>,
    token_url: &str,
    what: &str,
) -> Result<Option<Credentials>, Error> {
    match (client_id, client_secret, refresh_token) {
        (None, None, None) => Ok(None),
        (Some(client_id), Some(client_secret), Some(refresh_token)) => {
            Ok(Some(Credentials::OAuth {
                client_id,
                client_secret,
                refresh_token,
                token_url: token_url.to_owned(),
            }))
        }
        (client_id, client_secret, refresh_token) => {
            let present = [
                client_id.is_some(),
                client_secret.is_some(),
                refresh_token.is_some(),
            ];
            let missing: Vec<&str> = names
                .iter()
                .zip(present)
                .filter(|(_, present)| !present)
                .map(|(name, _)| *name)
                .collect();
            Err(Error::Credentials(format!(
                "incomplete OAuth credentials in {what}: {} also needed (OAuth needs all \
                 of {}); or use a private app token instead",
                missing.join(" and "),
                names.join(", "),
            )))
        }
    }
}

/// The message for a live command without any credentials.
fn missing_credentials_message(config_path: Option<&Path>) -> String {
    let config = match config_path {
        Some(path) => format!(
            "{} has none either (access_token, or client_id, client_secret and \
             refresh_token)",
            path.display()
        ),
        None => "or put them in a file passed with --config hubspot.toml".to_owned(),
    };
    format!(
        "no HubSpot credentials: set {ENV_ACCESS_TOKEN} to a private app's access token \
         (scope crm.schemas.custom.read), or set {ENV_CLIENT_ID}, {ENV_CLIENT_SECRET} and \
         {ENV_REFRESH_TOKEN} for an OAuth app; {config}. Credentials are never taken from \
         command-line arguments"
    )
}

/// `None` for a missing or empty (after trimming) value.
fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|value| !value.trim().is_empty())
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret as _;
    use std::collections::HashMap;
    use std::path::PathBuf;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn config(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hubspot.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn access_token_from_env_and_default_base_url() {
        let settings =
            resolve_live(None, None, &env_of(&[(ENV_ACCESS_TOKEN, "pat-secret")])).unwrap();
        assert_eq!(settings.base_url, "https://api.hubapi.com");
        match &settings.credentials {
            Credentials::AccessToken(token) => assert_eq!(token.expose_secret(), "pat-secret"),
            other => panic!("{other:?}"),
        }
        assert!(!format!("{settings:?}").contains("pat-secret"));
    }

    #[test]
    fn oauth_from_env_derives_token_url_from_base_url() {
        let env = env_of(&[
            (ENV_CLIENT_ID, "id-1"),
            (ENV_CLIENT_SECRET, "shh"),
            (ENV_REFRESH_TOKEN, "refresh-me"),
        ]);
        let settings = resolve_live(Some("http://127.0.0.1:9/"), None, &env).unwrap();
        assert_eq!(settings.base_url, "http://127.0.0.1:9");
        match &settings.credentials {
            Credentials::OAuth {
                client_id,
                client_secret,
                refresh_token,
                token_url,
            } => {
                assert_eq!(client_id, "id-1");
                assert_eq!(client_secret.expose_secret(), "shh");
                assert_eq!(refresh_token.expose_secret(), "refresh-me");
                assert_eq!(token_url, "http://127.0.0.1:9/oauth/v1/token");
            }
            other => panic!("{other:?}"),
        }
        let debug = format!("{settings:?}");
        assert!(
            !debug.contains("shh") && !debug.contains("refresh-me"),
            "{debug}"
        );
    }

    #[test]
    fn token_url_env_wins() {
        let env = env_of(&[
            (ENV_CLIENT_ID, "id"),
            (ENV_CLIENT_SECRET, "s"),
            (ENV_REFRESH_TOKEN, "r"),
            (ENV_TOKEN_URL, "https://api.hubapi.com/oauth/2026-03/token"),
        ]);
        let Credentials::OAuth { token_url, .. } =
            resolve_live(None, None, &env).unwrap().credentials
        else {
            panic!("not oauth")
        };
        assert_eq!(token_url, "https://api.hubapi.com/oauth/2026-03/token");
    }

    #[test]
    fn partial_oauth_env_names_the_missing_variables() {
        let env = env_of(&[(ENV_CLIENT_ID, "id"), (ENV_REFRESH_TOKEN, "")]);
        let message = resolve_live(None, None, &env).unwrap_err().to_string();
        assert_eq!(
            message,
            "incomplete OAuth credentials in the environment: HUBSPOT_CLIENT_SECRET and \
             HUBSPOT_REFRESH_TOKEN also needed (OAuth needs all of HUBSPOT_CLIENT_ID, \
             HUBSPOT_CLIENT_SECRET, HUBSPOT_REFRESH_TOKEN); or use a private app token instead"
        );
    }

    #[test]
    fn no_credentials_names_every_variable() {
        let message = resolve_live(None, None, &env_of(&[]))
            .unwrap_err()
            .to_string();
        for name in [
            ENV_ACCESS_TOKEN,
            ENV_CLIENT_ID,
            ENV_CLIENT_SECRET,
            ENV_REFRESH_TOKEN,
            "--config",
        ] {
            assert!(message.contains(name), "{name} missing from {message}");
        }
    }

    #[test]
    fn config_file_supplies_credentials_and_urls_env_still_wins() {
        let (_dir, path) = config(
            "client_id = \"file-id\"\nclient_secret = \"file-secret\"\n\
             refresh_token = \"file-refresh\"\nbase_url = \"http://localhost:1\"\n\
             token_url = \"http://localhost:1/oauth/2026-03/token\"\n",
        );
        let settings = resolve_live(None, Some(&path), &env_of(&[])).unwrap();
        assert_eq!(settings.base_url, "http://localhost:1");
        let Credentials::OAuth {
            client_id,
            token_url,
            ..
        } = &settings.credentials
        else {
            panic!("not oauth")
        };
        assert_eq!(client_id, "file-id");
        assert_eq!(token_url, "http://localhost:1/oauth/2026-03/token");

        let settings = resolve_live(
            Some("http://127.0.0.1:2"),
            Some(&path),
            &env_of(&[(ENV_ACCESS_TOKEN, "env-token")]),
        )
        .unwrap();
        assert_eq!(settings.base_url, "http://127.0.0.1:2");
        assert!(matches!(settings.credentials, Credentials::AccessToken(_)));
    }

    #[test]
    fn config_errors_give_position_but_never_the_line() {
        let (_dir, path) = config("access_token = \"pat-very-secret\"\nacess_tokn = 1\n");
        let message = resolve_live(None, Some(&path), &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("hubspot.toml: 2:1: unknown field `acess_tokn`"),
            "{message}"
        );
        assert!(!message.contains("pat-very-secret"), "{message}");

        let (_dir, path) = config("access_token = \"pat-very-secret\" oops\n");
        let message = resolve_live(None, Some(&path), &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(message.contains("hubspot.toml: 1:"), "{message}");
        assert!(!message.contains("pat-very-secret"), "{message}");
    }

    #[test]
    fn config_debug_hides_secrets() {
        let file = ConfigFile::parse(
            "access_token = \"t0ken\"\nclient_secret = \"s3cret\"\n",
            Path::new("x"),
        )
        .unwrap();
        let debug = format!("{file:?}");
        assert!(
            !debug.contains("t0ken") && !debug.contains("s3cret"),
            "{debug}"
        );
        assert!(debug.contains("access_token: \"<set>\""), "{debug}");
    }
}
