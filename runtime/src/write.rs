//! Typed, safe record writes: the tri-state [`Write<V>`] of one property, the
//! [`ObjectWrite`] trait a generated write type (`CarsWrite`) implements, the untyped
//! [`Changes<T>`] path, and [`PropertyWrites`], the checked `properties` map a create or
//! update sends.
//!
//! A write says, per property, *leave it* ([`Write::Unchanged`], the default and never
//! sent), *clear it* ([`Write::Clear`], sent as `""`, HubSpot's "no value") or *set it*
//! ([`Write::Set`], sent in HubSpot's string format by the value codecs). Generated write
//! types have one `Write<…>` field per writable property only, so read-only properties
//! (calculated, `readOnlyValue`, HubSpot's own `hs_object_id`, `hs_createdate`, …) cannot
//! be written at all. Every write, whatever type produced it, is checked again here
//! against [`CrmObject::READ_ONLY_PROPERTIES`] before any request, and a create against
//! [`CrmObject::REQUIRED_PROPERTIES`].
//!
//! ```
//! use hubspot_runtime::write::Write;
//! use hubspot_runtime::rust_decimal::Decimal;
//!
//! assert_eq!(Write::<Decimal>::Unchanged.encode(), None);
//! assert_eq!(Write::<Decimal>::Clear.encode().as_deref(), Some(""));
//! assert_eq!(Write::Set(Decimal::new(45005, 1)).encode().as_deref(), Some("4500.5"));
//! assert_eq!(Write::from(Some(true)).encode().as_deref(), Some("true"));
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crate::object::{CrmObject, PropertyName};
use crate::value::PropertyValue;

/// What a write does to one property.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Write<V> {
    /// Leave the property as it is: nothing is sent for it.
    #[default]
    Unchanged,
    /// Remove the property's value: sent as `""`.
    Clear,
    /// Set the property to this value, sent in HubSpot's string format.
    Set(V),
}

impl<V> Write<V> {
    /// True for [`Write::Unchanged`].
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Write::Unchanged)
    }
}

impl<V: PropertyValue> Write<V> {
    /// The string to send: `None` for `Unchanged`, `""` for `Clear`, the encoded value
    /// for `Set`. Generated `encode_writes` impls call this for each field.
    pub fn encode(&self) -> Option<String> {
        match self {
            Write::Unchanged => None,
            Write::Clear => Some(String::new()),
            Write::Set(value) => Some(value.encode()),
        }
    }
}

/// `Some(v)` sets, `None` clears: the natural reading of an `Option` a user assigns.
impl<V> From<Option<V>> for Write<V> {
    fn from(value: Option<V>) -> Self {
        match value {
            Some(value) => Write::Set(value),
            None => Write::Clear,
        }
    }
}

/// A write to records of one object type: implemented by generated write types
/// (`CarsWrite`) and by [`Changes<T>`].
pub trait ObjectWrite: Send + Sync {
    /// The object type written.
    type Object: CrmObject;

    /// Hand every property this write changes to `sink`, with the string to send (`""`
    /// clears). Unchanged properties are left out.
    fn encode_writes(&self, sink: &mut dyn FnMut(<Self::Object as CrmObject>::Property, String));
}

/// A write built from a plain object struct: every `Some` field is set, and the
/// properties named with [`clear`](Changes::clear) are cleared.
///
/// The struct can hold read-only properties, so this path is checked at run time: a
/// write that sets or clears one is refused before any request (see
/// [`PropertyWrites::for_update`]). Prefer the generated write type, where they cannot be
/// expressed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes<T: CrmObject> {
    /// The values to set (`Some` fields).
    pub set: T,
    /// The properties to clear.
    pub clear: Vec<T::Property>,
}

impl<T: CrmObject> Changes<T> {
    /// Set every `Some` field of `values`.
    pub fn set(values: T) -> Self {
        Changes {
            set: values,
            clear: Vec::new(),
        }
    }

    /// Also clear `property`.
    pub fn clear(mut self, property: T::Property) -> Self {
        self.clear.push(property);
        self
    }
}

impl<T: CrmObject> ObjectWrite for Changes<T> {
    type Object = T;

    fn encode_writes(&self, sink: &mut dyn FnMut(T::Property, String)) {
        self.set.encode_properties(sink);
        for property in &self.clear {
            sink(*property, String::new());
        }
    }
}

/// The checked `properties` map of one create or update: property name → string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PropertyWrites {
    map: BTreeMap<&'static str, String>,
}

impl PropertyWrites {
    /// The properties `write` changes, for an update: refused when it writes a read-only
    /// property.
    pub fn for_update<W: ObjectWrite>(write: &W) -> Result<PropertyWrites, WriteError> {
        let object = <W::Object as CrmObject>::NAME;
        let read_only = <W::Object as CrmObject>::READ_ONLY_PROPERTIES;
        let mut map = BTreeMap::new();
        let mut refused = Vec::new();
        write.encode_writes(&mut |property, value| {
            if read_only.contains(&property) {
                refused.push(property.as_str());
            }
            map.insert(property.as_str(), value);
        });
        if !refused.is_empty() {
            refused.sort_unstable();
            refused.dedup();
            return Err(WriteError::ReadOnly {
                object,
                properties: refused,
            });
        }
        Ok(PropertyWrites { map })
    }

    /// The properties `write` sets, for a create: also refused when a required property
    /// is not set to a value (left unchanged or cleared).
    pub fn for_create<W: ObjectWrite>(write: &W) -> Result<PropertyWrites, WriteError> {
        let writes = PropertyWrites::for_update(write)?;
        let mut missing: Vec<&'static str> = <W::Object as CrmObject>::REQUIRED_PROPERTIES
            .iter()
            .map(|p| p.as_str())
            .filter(|name| writes.map.get(name).is_none_or(String::is_empty))
            .collect();
        if !missing.is_empty() {
            missing.sort_unstable();
            return Err(WriteError::MissingRequired {
                object: <W::Object as CrmObject>::NAME,
                properties: missing,
            });
        }
        Ok(writes)
    }

    /// The map to send as the request's `properties`.
    pub fn as_map(&self) -> &BTreeMap<&'static str, String> {
        &self.map
    }

    /// True when the write changes nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A write refused before any request was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The write sets or clears properties HubSpot does not let anyone write.
    ReadOnly {
        /// The object type (`"cars"`).
        object: &'static str,
        /// The read-only properties written, sorted.
        properties: Vec<&'static str>,
    },
    /// A create leaves out properties the object type requires.
    MissingRequired {
        /// The object type (`"cars"`).
        object: &'static str,
        /// The required properties not set, sorted.
        properties: Vec<&'static str>,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |properties: &[&str]| {
            properties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            WriteError::ReadOnly { object, properties } => write!(
                f,
                "Refusing to write {object} record(s): {} {} read-only (calculated or set by HubSpot) and HubSpot would reject the write (READ_ONLY_VALUE). Leave {} out of the write; nothing was sent.",
                list(properties),
                if properties.len() == 1 { "is" } else { "are" },
                if properties.len() == 1 { "it" } else { "them" },
            ),
            WriteError::MissingRequired { object, properties } => write!(
                f,
                "Refusing to create a {object} record: the required {} {} {} not set. Set {} to a value; nothing was sent.",
                if properties.len() == 1 {
                    "property"
                } else {
                    "properties"
                },
                list(properties),
                if properties.len() == 1 { "is" } else { "are" },
                if properties.len() == 1 { "it" } else { "each" },
            ),
        }
    }
}

impl std::error::Error for WriteError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::AssociationDef;
    use crate::value::{ValueError, decode, encode};
    use rust_decimal::Decimal;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    enum GadgetProperty {
        Name,
        Price,
        RecordId,
    }

    impl PropertyName for GadgetProperty {
        const ALL: &'static [Self] = &[Self::Name, Self::Price, Self::RecordId];
        fn as_str(self) -> &'static str {
            match self {
                Self::Name => "name",
                Self::Price => "price",
                Self::RecordId => "hs_object_id",
            }
        }
        fn label(self) -> &'static str {
            self.as_str()
        }
        fn from_name(name: &str) -> Option<Self> {
            Self::ALL.iter().copied().find(|p| p.as_str() == name)
        }
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Gadget {
        name: Option<String>,
        price: Option<Decimal>,
        record_id: Option<Decimal>,
    }

    impl CrmObject for Gadget {
        const NAME: &'static str = "gadgets";
        const OBJECT_TYPE_ID: &'static str = "2-1";
        const FULLY_QUALIFIED_NAME: &'static str = "p1_gadgets";
        const SINGULAR_LABEL: &'static str = "Gadget";
        const PLURAL_LABEL: &'static str = "Gadgets";
        type Property = GadgetProperty;
        const REQUIRED_PROPERTIES: &'static [GadgetProperty] = &[GadgetProperty::Name];
        const READ_ONLY_PROPERTIES: &'static [GadgetProperty] = &[GadgetProperty::RecordId];
        const ASSOCIATIONS: &'static [AssociationDef] = &[];
        fn decode_property(
            &mut self,
            property: GadgetProperty,
            raw: &str,
        ) -> Result<(), ValueError> {
            match property {
                GadgetProperty::Name => self.name = decode(raw)?,
                GadgetProperty::Price => self.price = decode(raw)?,
                GadgetProperty::RecordId => self.record_id = decode(raw)?,
            }
            Ok(())
        }
        fn write_properties(&self, sink: &mut dyn FnMut(GadgetProperty, &str)) {
            if let Some(v) = &self.name {
                sink(GadgetProperty::Name, &encode(v));
            }
            if let Some(v) = &self.price {
                sink(GadgetProperty::Price, &encode(v));
            }
            if let Some(v) = &self.record_id {
                sink(GadgetProperty::RecordId, &encode(v));
            }
        }
    }

    /// The shape codegen emits: writable properties only.
    #[derive(Debug, Default)]
    struct GadgetWrite {
        name: Write<String>,
        price: Write<Decimal>,
    }

    impl ObjectWrite for GadgetWrite {
        type Object = Gadget;
        fn encode_writes(&self, sink: &mut dyn FnMut(GadgetProperty, String)) {
            if let Some(v) = self.name.encode() {
                sink(GadgetProperty::Name, v);
            }
            if let Some(v) = self.price.encode() {
                sink(GadgetProperty::Price, v);
            }
        }
    }

    fn map(writes: &PropertyWrites) -> Vec<(&str, &str)> {
        writes
            .as_map()
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect()
    }

    #[test]
    fn tri_state_sends_nothing_empty_or_the_value() {
        let write = GadgetWrite {
            name: Write::Set("Sprocket".into()),
            price: Write::Clear,
        };
        let writes = PropertyWrites::for_update(&write).unwrap();
        assert_eq!(map(&writes), [("name", "Sprocket"), ("price", "")]);
        let unchanged = PropertyWrites::for_update(&GadgetWrite::default()).unwrap();
        assert!(unchanged.is_empty());
    }

    #[test]
    fn create_requires_required_properties_set() {
        let err = PropertyWrites::for_create(&GadgetWrite::default()).unwrap_err();
        assert_eq!(
            err,
            WriteError::MissingRequired {
                object: "gadgets",
                properties: vec!["name"]
            }
        );
        assert_eq!(
            err.to_string(),
            "Refusing to create a gadgets record: the required property `name` is not set. Set it to a value; nothing was sent."
        );
        // clearing a required property is not setting it
        let cleared = GadgetWrite {
            name: Write::Clear,
            ..GadgetWrite::default()
        };
        assert!(PropertyWrites::for_create(&cleared).is_err());
        let ok = GadgetWrite {
            name: Write::Set("A".into()),
            ..GadgetWrite::default()
        };
        assert_eq!(
            map(&PropertyWrites::for_create(&ok).unwrap()),
            [("name", "A")]
        );
    }

    #[test]
    fn untyped_changes_refuse_read_only_properties() {
        let changes = Changes::set(Gadget {
            name: Some("A".into()),
            record_id: Some(Decimal::from(7)),
            ..Gadget::default()
        });
        let err = PropertyWrites::for_update(&changes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Refusing to write gadgets record(s): `hs_object_id` is read-only (calculated or set by HubSpot) and HubSpot would reject the write (READ_ONLY_VALUE). Leave it out of the write; nothing was sent."
        );
        // clearing one is refused too
        let clear = Changes::set(Gadget::default()).clear(GadgetProperty::RecordId);
        assert!(matches!(
            PropertyWrites::for_update(&clear),
            Err(WriteError::ReadOnly { .. })
        ));
        let fine = Changes::set(Gadget {
            price: Some(Decimal::new(15, 1)),
            ..Gadget::default()
        })
        .clear(GadgetProperty::Name);
        assert_eq!(
            map(&PropertyWrites::for_update(&fine).unwrap()),
            [("name", ""), ("price", "1.5")]
        );
    }

    #[test]
    fn option_converts_to_set_or_clear() {
        assert_eq!(Write::from(Some(3)), Write::Set(3));
        assert_eq!(Write::<i32>::from(None), Write::Clear);
        assert!(Write::<i32>::default().is_unchanged());
    }
}
