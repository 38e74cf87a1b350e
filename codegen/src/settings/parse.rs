//! Reading `hubspot-codegen.toml` into [`Settings`]: unknown keys, credential-looking
//! keys, renames that are not the right kind of identifier and derives or attributes
//! that do not parse are errors naming the file, line, column and key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Extras, FetchSettings, Filter, Located, Location, ObjectSettings, PropertyFilter, Settings,
};
use crate::Error;
use crate::ident::{self, Case};
use crate::object_selection::ObjectSelection;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    objects: RawFilter,
    #[serde(default)]
    derives: RawExtras,
    #[serde(default)]
    attributes: RawExtras,
    #[serde(default)]
    object: BTreeMap<String, RawObject>,
    #[serde(default)]
    fetch: RawFetch,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFetch {
    #[serde(default)]
    objects: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFilter {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExtras {
    #[serde(default)]
    structs: Vec<Spanned<String>>,
    #[serde(default)]
    write_structs: Vec<Spanned<String>>,
    #[serde(default)]
    property_enums: Vec<Spanned<String>>,
    #[serde(default)]
    option_enums: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawObject {
    rename: Option<Spanned<String>>,
    #[serde(default)]
    properties: RawProperties,
    #[serde(default)]
    rename_properties: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    rename_options: BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    #[serde(default)]
    derives: RawExtras,
    #[serde(default)]
    attributes: RawExtras,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProperties {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    include_groups: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_groups: Vec<Spanned<String>>,
    hubspot_defined: Option<bool>,
    hidden: Option<bool>,
}

/// Key names that look like credentials. Settings are committed: credentials never
/// belong in them.
const CREDENTIAL_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "api_key",
    "apikey",
    "client_id",
];

/// Read and parse the settings file at `path`.
pub fn read(path: &Path) -> Result<Settings, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read settings", path, e))?;
    parse(&text, &path.display().to_string())
}

/// Parse settings text; `file` names it in errors and warnings.
pub fn parse(text: &str, file: &str) -> Result<Settings, Error> {
    reject_credentials(text, file)?;
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| location(text, file, s.start));
        let message = e.message().trim_end().to_owned();
        Error::Settings(match at {
            Some(at) => format!("{at}: {message}"),
            None => format!("{file}: {message}"),
        })
    })?;
    let cx = Cx { text, file };
    let settings = Settings {
        objects: cx.filter(raw.objects),
        derives: cx.extras(raw.derives),
        attributes: cx.extras(raw.attributes),
        object: raw
            .object
            .into_iter()
            .map(|(name, object)| (name, cx.object(object)))
            .collect(),
        fetch: FetchSettings {
            objects: cx.list(raw.fetch.objects),
        },
    };
    validate(&settings)?;
    Ok(settings)
}

/// Checks that need no snapshot: every rename is an identifier of the right case and
/// not a keyword, every derive is a path, every attribute parses. Run on settings from
/// a file and from [`crate::Builder`] alike.
pub fn validate(settings: &Settings) -> Result<(), Error> {
    // Each entry alone, so the error points at the one that is wrong.
    for entry in settings
        .fetch
        .objects
        .iter()
        .filter(|o| !o.value.trim().is_empty())
    {
        ObjectSelection::from_entries([&entry.value])
            .map_err(|e| Error::Settings(format!("{}fetch.objects: {e}", entry.prefix())))?;
    }
    check_extras("derives", &settings.derives, true)?;
    check_extras("attributes", &settings.attributes, false)?;
    for (name, object) in &settings.object {
        let key = format!("object.{name}");
        if let Some(rename) = &object.rename {
            check_rename(&format!("{key}.rename"), rename, Case::UpperCamel)?;
        }
        for (property, rename) in &object.rename_properties {
            check_rename(
                &format!("{key}.rename_properties.{property}"),
                rename,
                Case::Snake,
            )?;
        }
        for (property, options) in &object.rename_options {
            for (value, rename) in options {
                check_rename(
                    &format!("{key}.rename_options.{property}.{value}"),
                    rename,
                    Case::UpperCamel,
                )?;
            }
        }
        check_extras(&format!("{key}.derives"), &object.derives, true)?;
        check_extras(&format!("{key}.attributes"), &object.attributes, false)?;
    }
    Ok(())
}

fn check_rename(key: &str, rename: &Located, case: Case) -> Result<(), Error> {
    let name = rename.value.as_str();
    let style = match case {
        Case::Snake => "a snake_case identifier such as `deal_name`",
        _ => "an UpperCamelCase identifier such as `Deal`",
    };
    let is_identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let problem = if !is_identifier {
        Some("is not a Rust identifier")
    } else if ident::is_keyword(name) {
        Some("is a Rust keyword")
    } else if ident::candidate(name, case) != name {
        Some("is not in the generated code's case")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(Error::Settings(format!(
            "{}{key}: the rename {name:?} {problem}; use {style}",
            rename.prefix()
        ))),
        None => Ok(()),
    }
}

fn check_extras(key: &str, extras: &Extras, derives: bool) -> Result<(), Error> {
    for (kind, value) in extras.entries() {
        let ok = if derives {
            syn::parse_str::<syn::Path>(&value.value).is_ok()
        } else {
            syn::parse_str::<syn::Meta>(&value.value).is_ok()
        };
        if !ok {
            let what = if derives {
                "is not a path; write a derive as `Eq` or `serde::Serialize`"
            } else {
                "is not an attribute; write what goes inside `#[…]`, such as \
                 `serde(rename_all = \"camelCase\")`"
            };
            return Err(Error::Settings(format!(
                "{}{key}.{kind}: {:?} {what}",
                value.prefix(),
                value.value
            )));
        }
    }
    Ok(())
}

/// A key whose last segment looks like a credential is refused before anything else
/// is read, with its line and column (the value is never echoed).
fn reject_credentials(text: &str, file: &str) -> Result<(), Error> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some((key, _)) = trimmed.split_once('=')
            && !trimmed.starts_with('#')
            && !trimmed.starts_with('[')
        {
            let last = key.trim().rsplit('.').next().unwrap_or_default();
            let last = last
                .trim_matches(|c| c == '"' || c == '\'')
                .to_ascii_lowercase();
            if CREDENTIAL_WORDS.iter().any(|word| last.contains(word)) {
                let at = location(text, file, offset + (line.len() - trimmed.len()));
                return Err(Error::Settings(format!(
                    "{at}: `{}` looks like a credential; credentials never go in the \
                     committed settings file: use HUBSPOT_ACCESS_TOKEN (or the OAuth \
                     variables) or the --config file",
                    key.trim()
                )));
            }
        }
        offset += line.len();
    }
    Ok(())
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn location(text: &str, file: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        file: file.to_owned(),
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

struct Cx<'a> {
    text: &'a str,
    file: &'a str,
}

impl Cx<'_> {
    fn located(&self, value: Spanned<String>) -> Located {
        let at = location(self.text, self.file, value.span().start);
        Located {
            value: value.into_inner(),
            at: Some(at),
        }
    }

    fn list(&self, values: Vec<Spanned<String>>) -> Vec<Located> {
        values.into_iter().map(|v| self.located(v)).collect()
    }

    fn filter(&self, raw: RawFilter) -> Filter {
        Filter {
            include: self.list(raw.include),
            exclude: self.list(raw.exclude),
        }
    }

    fn extras(&self, raw: RawExtras) -> Extras {
        Extras {
            structs: self.list(raw.structs),
            write_structs: self.list(raw.write_structs),
            property_enums: self.list(raw.property_enums),
            option_enums: self.list(raw.option_enums),
        }
    }

    fn object(&self, raw: RawObject) -> ObjectSettings {
        let p = raw.properties;
        ObjectSettings {
            rename: raw.rename.map(|r| self.located(r)),
            properties: PropertyFilter {
                names: Filter {
                    include: self.list(p.include),
                    exclude: self.list(p.exclude),
                },
                groups: Filter {
                    include: self.list(p.include_groups),
                    exclude: self.list(p.exclude_groups),
                },
                hubspot_defined: p.hubspot_defined,
                hidden: p.hidden,
            },
            rename_properties: raw
                .rename_properties
                .into_iter()
                .map(|(k, v)| (k, self.located(v)))
                .collect(),
            rename_options: raw
                .rename_options
                .into_iter()
                .map(|(k, options)| {
                    let options = options
                        .into_iter()
                        .map(|(value, v)| (value, self.located(v)))
                        .collect();
                    (k, options)
                })
                .collect(),
            derives: self.extras(raw.derives),
            attributes: self.extras(raw.attributes),
        }
    }
}
