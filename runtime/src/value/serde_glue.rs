//! The serde impls generated code delegates to: a [`CrmObject`] as a map of HubSpot
//! property names to strings, and an [`OptionEnum`] as its value string.
//!
//! Deserializing is a hand-written visitor because it runs once per record of every
//! page: property names are looked up straight from the input (no key allocation),
//! values are borrowed when the input allows, and unknown properties are skipped
//! without being built.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use super::RawValue;
use crate::object::{CrmObject, OptionEnum, PropertyName};

/// Serialize a generated object as HubSpot's `properties` map: property name → value
/// string, `None` fields left out, in property name order (the order
/// [`CrmObject::write_properties`] hands them over in). Generated structs' `Serialize`
/// impls call this.
///
/// Entries are written as they come, without collecting them first, so the map's length
/// is not given up front: fine for JSON and every self-describing format (`Record`'s
/// optional fields already rule out the others).
pub fn serialize_object<T: CrmObject, S: Serializer>(
    object: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    // The sink cannot return the serializer's error: the first one is kept and the
    // remaining entries skipped.
    let mut result = Ok(());
    object.write_properties(&mut |property, value| {
        if result.is_ok() {
            result = map.serialize_entry(property.as_str(), value);
        }
    });
    result?;
    map.end()
}

/// Deserialize a generated object from HubSpot's `properties` map. Generated structs'
/// `Deserialize` impls call this.
///
/// - `null`, `""` and a missing property all leave the field `None`.
/// - Property names the object does not know are ignored: HubSpot returns properties
///   added after the snapshot was taken, and its own `hs_*` ones.
/// - Numbers and bools are read as their JSON text (`2003` like `"2003"`).
/// - A value that does not parse as its property's type is an error naming object,
///   property and value, e.g. ``cars.year: invalid number value "abc": expected a
///   decimal number such as "4500.5", "-3" or "1e3"; the snapshot may be stale: run
///   `codegen fetch` and `codegen generate` to regenerate``.
pub fn deserialize_object<'de, T: CrmObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut object = T::default();
    deserializer.deserialize_map(ObjectVisitor(&mut object))?;
    Ok(object)
}

/// [`deserialize_object`] into an existing value, which is first reset to
/// `T::default()`: the result is the same, without moving the (often large) struct.
/// Generated structs' `Deserialize::deserialize_in_place` calls this, and
/// [`RecordPage`](crate::RecordPage) decodes each record's properties in place in its
/// page, so a 1,000-property struct is never copied while a page is decoded.
///
/// On error `place` holds the properties decoded before the bad one.
pub fn deserialize_object_in_place<'de, T: CrmObject, D: Deserializer<'de>>(
    deserializer: D,
    place: &mut T,
) -> Result<(), D::Error> {
    *place = T::default();
    deserializer.deserialize_map(ObjectVisitor(place))
}

/// Decodes a properties map into the object it holds, which starts out default.
struct ObjectVisitor<'a, T>(&'a mut T);

impl<'de, T: CrmObject> Visitor<'de> for ObjectVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map of {} property names to values", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let object = self.0;
        while let Some(PropertyKey(property)) = map.next_key::<PropertyKey<T::Property>>()? {
            let Some(property) = property else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let text = map
                .next_value::<RawValue<'de>>()?
                .into_text()
                .map_err(|found| property_error::<T, A::Error>(property, &found))?;
            if let Some(text) = text {
                object
                    .decode_property(property, &text)
                    .map_err(|error| property_error::<T, A::Error>(property, &error))?;
            }
        }
        Ok(())
    }
}

fn property_error<T: CrmObject, E: de::Error>(property: T::Property, what: &dyn fmt::Display) -> E {
    E::custom(format_args!(
        "{}.{}: {what}; the snapshot may be stale: run `codegen fetch` and `codegen generate` to regenerate",
        T::NAME,
        property.as_str(),
    ))
}

/// A property name, looked up without allocating; `None` when the object has no such
/// property.
struct PropertyKey<P>(Option<P>);

impl<'de, P: PropertyName> Deserialize<'de> for PropertyKey<P> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(PropertyKeyVisitor(PhantomData))
    }
}

struct PropertyKeyVisitor<P>(PhantomData<P>);

impl<P: PropertyName> Visitor<'_> for PropertyKeyVisitor<P> {
    type Value = PropertyKey<P>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PropertyKey(P::from_name(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(PropertyKey(
            std::str::from_utf8(v).ok().and_then(P::from_name),
        ))
    }
}

/// Serialize an option enum as its exact HubSpot value string.
pub fn serialize_option<T: OptionEnum, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserialize an option enum from its value string; a value unknown to the enum
/// becomes its `Unknown` variant, so this fails only on a non-string.
pub fn deserialize_option<'de, T: OptionEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(OptionVisitor(PhantomData))
}

struct OptionVisitor<T>(PhantomData<T>);

impl<T: OptionEnum> Visitor<'_> for OptionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an option value string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_value(v))
    }
}
