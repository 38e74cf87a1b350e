//! Which URLs the client may send credentials to: `https://` anywhere, plain
//! `http://` only to a loopback host (a local sandbox), checked before any connection.

use std::net::IpAddr;

use url::{Host, Url};

use crate::Error;

/// Parse and check a URL that credentials will be sent to; `what` names it in errors
/// (`"base URL"`, `"OAuth token URL"`).
pub(crate) fn checked(what: &'static str, raw: &str) -> Result<Url, Error> {
    let url = Url::parse(raw.trim()).map_err(|e| Error::Config {
        message: format!(
            "The {what} {raw:?} is not a valid URL ({e}); use one like https://api.hubapi.com."
        ),
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(Error::Config {
            message: format!(
                "The {what} {:?} holds a user name or password; remove it and pass credentials with ClientBuilder::auth.",
                shown.as_str()
            ),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config {
            message: format!(
                "The {what} {raw:?} has a query or fragment; give the URL without them."
            ),
        });
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(url.host()) => Ok(url),
        "http" => Err(Error::InsecureUrl {
            what,
            url: url.as_str().to_owned(),
        }),
        other => Err(Error::Config {
            message: format!("The {what} {raw:?} uses the scheme {other:?}; use https://."),
        }),
    }
}

/// 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and `localhost`.
pub(crate) fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => match ip.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4).is_loopback(),
            None => ip.is_loopback(),
        },
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted_anywhere() {
        assert!(checked("base URL", "https://api.hubapi.com").is_ok());
        assert!(checked("base URL", "https://example.com:8443/prefix").is_ok());
    }

    #[test]
    fn http_is_accepted_for_loopback_hosts_only() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.8.9.10",
            "http://[::1]:3000",
            "http://localhost:1234",
            "http://LOCALHOST",
            "http://[::ffff:127.0.0.1]",
        ] {
            assert!(checked("base URL", ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://128.0.0.1",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
            "http://api.hubapi.com",
        ] {
            match checked("base URL", bad) {
                Err(Error::InsecureUrl { what, url }) => {
                    assert_eq!(what, "base URL");
                    assert!(bad.starts_with(url.trim_end_matches('/')), "{url}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn other_schemes_credentials_and_garbage_are_refused() {
        assert!(matches!(
            checked("base URL", "ftp://127.0.0.1"),
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            checked("base URL", "not a url"),
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            checked("base URL", "https://a.com/?x=1"),
            Err(Error::Config { .. })
        ));
        let err = checked("base URL", "https://user:hunter2@api.hubapi.com").unwrap_err();
        assert!(!format!("{err}{err:?}").contains("hunter2"));
    }
}
