//! Generator settings: which objects and properties to generate, renames, and extra
//! derives and attributes — one model, read from a committed `hubspot-codegen.toml`
//! ([`parse`]) or built by [`crate::Builder`]'s methods, then applied to the snapshot
//! before the model is built ([`apply`]).
//!
//! Credentials never go in this file (they live in the `--config` file or the
//! environment, see [`crate::config`]); a credential-looking key is an error.

pub mod apply;
pub mod glob;
pub mod parse;

use std::collections::BTreeMap;
use std::fmt;

/// The settings file's conventional name, auto-discovered beside the snapshot.
pub const SETTINGS_FILE: &str = "hubspot-codegen.toml";

/// Where a setting was written: `file:line:column` (1-based), for errors and warnings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The settings file, as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A value and where it was written (`None` when built in code).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located {
    /// The value.
    pub value: String,
    /// Where it came from.
    pub at: Option<Location>,
}

impl Located {
    /// A value set in code (no file position).
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            at: None,
        }
    }

    /// `file:line:column: ` when known, else nothing: the prefix of a message about it.
    pub fn prefix(&self) -> String {
        self.at
            .as_ref()
            .map(|at| format!("{at}: "))
            .unwrap_or_default()
    }
}

/// All settings of one run. The default selects everything and changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Settings {
    /// Objects to generate: include patterns (empty: all) and exclude patterns.
    pub objects: Filter,
    /// Extra derives for every object's items.
    pub derives: Extras,
    /// Extra attributes for every object's items.
    pub attributes: Extras,
    /// Per-object settings, by HubSpot object name (or fully qualified name or id).
    pub object: BTreeMap<String, ObjectSettings>,
    /// What `codegen fetch` (and the other live commands) read from the account.
    pub fetch: FetchSettings,
}

/// `[fetch]`: the live commands' defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct FetchSettings {
    /// The objects to read, as `--objects` takes them (`custom`, `standard`, names);
    /// empty: `--objects`'s default. `--objects` on the command line wins.
    pub objects: Vec<Located>,
}

impl Settings {
    /// Whether these settings change nothing (the output is as without settings).
    pub fn is_empty(&self) -> bool {
        self == &Settings::default()
    }

    /// The settings of object `name`, if any (mutable, created on demand).
    pub fn object_mut(&mut self, name: &str) -> &mut ObjectSettings {
        self.object.entry(name.to_owned()).or_default()
    }
}

/// Include and exclude patterns (exact names or globs with `*` and `?`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Filter {
    /// Keep only what matches one of these (empty: keep all).
    pub include: Vec<Located>,
    /// Drop what matches one of these.
    pub exclude: Vec<Located>,
}

/// Extra derives (paths such as `Eq` or `serde::Serialize`) or attributes (the inside
/// of `#[…]`, such as `serde(rename_all = "camelCase")`) per kind of generated item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Extras {
    /// The read struct (`Deals`).
    pub structs: Vec<Located>,
    /// The write struct (`DealsWrite`).
    pub write_structs: Vec<Located>,
    /// The property-name enum (`DealsProperty`).
    pub property_enums: Vec<Located>,
    /// The option enums (`DealsDealtype`).
    pub option_enums: Vec<Located>,
}

impl Extras {
    /// These extras followed by `more`'s.
    pub fn merged(&self, more: &Extras) -> Extras {
        let join = |a: &[Located], b: &[Located]| a.iter().chain(b).cloned().collect();
        Extras {
            structs: join(&self.structs, &more.structs),
            write_structs: join(&self.write_structs, &more.write_structs),
            property_enums: join(&self.property_enums, &more.property_enums),
            option_enums: join(&self.option_enums, &more.option_enums),
        }
    }

    /// Every value with its key name, for validation.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &Located)> {
        [
            ("structs", &self.structs),
            ("write_structs", &self.write_structs),
            ("property_enums", &self.property_enums),
            ("option_enums", &self.option_enums),
        ]
        .into_iter()
        .flat_map(|(key, values)| values.iter().map(move |v| (key, v)))
    }
}

/// The settings of one object.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct ObjectSettings {
    /// The struct's Rust name (`Deal` for `deals`); the property enum, write struct and
    /// option enums follow it (`DealProperty`, `DealWrite`, …).
    pub rename: Option<Located>,
    /// Which properties to generate.
    pub properties: PropertyFilter,
    /// Property → field name (`snake_case`; the property-enum variant follows it).
    pub rename_properties: BTreeMap<String, Located>,
    /// Property → option value → variant name (`UpperCamelCase`).
    pub rename_options: BTreeMap<String, BTreeMap<String, Located>>,
    /// Extra derives of this object's items (after the global ones).
    pub derives: Extras,
    /// Extra attributes of this object's items (after the global ones).
    pub attributes: Extras,
}

/// Which properties of an object to generate. Required properties and the primary
/// display property are always kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct PropertyFilter {
    /// By name or glob (`hs_date_entered_*`).
    pub names: Filter,
    /// By property group (`dealinformation`).
    pub groups: Filter,
    /// `Some(true)`: only HubSpot's own properties; `Some(false)`: only the account's.
    pub hubspot_defined: Option<bool>,
    /// `Some(false)`: drop hidden properties; `Some(true)`: only hidden ones.
    pub hidden: Option<bool>,
}

/// A kind of generated item that can take extra derives and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// The read struct (`Deals`).
    Struct,
    /// The write struct (`DealsWrite`).
    WriteStruct,
    /// The property-name enum (`DealsProperty`).
    PropertyEnum,
    /// The option enums (`DealsDealtype`).
    OptionEnum,
}

impl Extras {
    /// The list of `kind`.
    pub fn of_mut(&mut self, kind: ItemKind) -> &mut Vec<Located> {
        match kind {
            ItemKind::Struct => &mut self.structs,
            ItemKind::WriteStruct => &mut self.write_structs,
            ItemKind::PropertyEnum => &mut self.property_enums,
            ItemKind::OptionEnum => &mut self.option_enums,
        }
    }

    fn extend(&mut self, more: Extras) {
        self.structs.extend(more.structs);
        self.write_structs.extend(more.write_structs);
        self.property_enums.extend(more.property_enums);
        self.option_enums.extend(more.option_enums);
    }
}

impl Filter {
    fn extend(&mut self, more: Filter) {
        self.include.extend(more.include);
        self.exclude.extend(more.exclude);
    }
}

impl Settings {
    /// These settings with `more` layered on top: lists are extended, single values
    /// and renames replaced. [`crate::Builder`]'s methods layer on the settings file.
    pub fn merge(&mut self, more: Settings) {
        self.objects.extend(more.objects);
        self.derives.extend(more.derives);
        self.attributes.extend(more.attributes);
        self.fetch.objects.extend(more.fetch.objects);
        for (name, more) in more.object {
            let object = self.object_mut(&name);
            if more.rename.is_some() {
                object.rename = more.rename;
            }
            object.properties.names.extend(more.properties.names);
            object.properties.groups.extend(more.properties.groups);
            if more.properties.hubspot_defined.is_some() {
                object.properties.hubspot_defined = more.properties.hubspot_defined;
            }
            if more.properties.hidden.is_some() {
                object.properties.hidden = more.properties.hidden;
            }
            object.rename_properties.extend(more.rename_properties);
            for (property, options) in more.rename_options {
                object
                    .rename_options
                    .entry(property)
                    .or_default()
                    .extend(options);
            }
            object.derives.extend(more.derives);
            object.attributes.extend(more.attributes);
        }
    }
}
