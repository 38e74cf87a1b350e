//! The traits generated code implements: the contract between `hubspot-codegen`'s output
//! and this runtime.
//!
//! A generated object struct implements [`CrmObject`]; its property-name enum implements
//! [`PropertyName`]; each enumeration property's open option enum implements
//! [`OptionEnum`]. Generated code stays small because the work (string codecs, serde
//! visitors, error messages) lives here, in `crate::value` and `crate::record`.

use std::fmt::Debug;
use std::hash::Hash;

use crate::compat::ObjectDescription;
use crate::value::ValueError;

/// An association definition of a generated object type (from the schema's
/// `associations`), as a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AssociationDef {
    /// The snapshot account's association type id (`"123"`); another account's is
    /// found by `name` (`Client::resolve_association`).
    pub id: &'static str,
    /// The association's name, when HubSpot gave one (`"car_to_contact"`).
    pub name: Option<&'static str>,
    /// The object type id this association starts from.
    pub from_object_type_id: &'static str,
    /// The object type id at the other end (`"0-1"` for contacts).
    pub to_object_type_id: &'static str,
}

/// The property-name enum of a generated object (`CarsProperty`).
///
/// Generated enums also have inherent `as_str`, `label` and `ALL` and implement
/// `FromStr`, so users rarely need this trait in scope.
pub trait PropertyName: Copy + Eq + Ord + Hash + Debug + Send + Sync + 'static {
    /// Every property, sorted by name.
    const ALL: &'static [Self];
    /// The HubSpot internal name (`"hs_createdate"`).
    fn as_str(self) -> &'static str;
    /// HubSpot's label for the property (`"Object create date/time"`).
    fn label(self) -> &'static str;
    /// The property with this exact internal name, if the snapshot had it.
    fn from_name(name: &str) -> Option<Self>;
}

/// An open enum of an enumeration property's options (`CarsCondition`): one unit
/// variant per option known at generation time, plus `Unknown(String)` for values added
/// in HubSpot afterwards.
pub trait OptionEnum: Clone + Eq + Hash + Debug + Send + Sync + 'static {
    /// Every known option, in HubSpot's option order (hidden options included).
    const ALL: &'static [Self];
    /// The option with this exact value, or the `Unknown` variant holding it. Never fails.
    fn from_value(value: &str) -> Self;
    /// The exact HubSpot value (`"used"`), also for `Unknown`.
    fn as_str(&self) -> &str;
    /// HubSpot's label for a known option; `None` for `Unknown`.
    fn label(&self) -> Option<&'static str>;
    /// The position of a known option in [`ALL`](Self::ALL); `None` for `Unknown`.
    ///
    /// Generated enums answer from one `match`; this default searches `ALL` by value.
    fn position(&self) -> Option<usize> {
        let value = self.as_str();
        Self::ALL.iter().position(|option| option.as_str() == value)
    }
}

/// A generated custom object type: the typed properties of one record.
///
/// `Serialize`/`Deserialize` of generated structs delegate to
/// [`crate::value::serialize_object`] and [`crate::value::deserialize_object`], which
/// use `decode_property` / `encode_properties` below, so values travel in HubSpot's
/// string formats and a bad value is reported with object, property and value.
pub trait CrmObject: Default + Clone + Debug + Send + Sync + 'static {
    /// The immutable internal name (`"cars"`).
    const NAME: &'static str;
    /// The snapshot account's object type id (`"2-2468013"`); the fully qualified name
    /// when the snapshot lacked one. Another account has its own: the client resolves
    /// it by [`NAME`](Self::NAME) at run time and never sends this one for a custom
    /// object.
    const OBJECT_TYPE_ID: &'static str;
    /// The snapshot account's `p<portalId>_<name>`.
    const FULLY_QUALIFIED_NAME: &'static str;
    /// HubSpot's singular label (`"Car"`).
    const SINGULAR_LABEL: &'static str;
    /// HubSpot's plural label (`"Cars"`).
    const PLURAL_LABEL: &'static str;
    /// The property-name enum.
    type Property: PropertyName;
    /// Properties HubSpot requires on create.
    const REQUIRED_PROPERTIES: &'static [Self::Property];
    /// Properties whose values cannot be written (calculated, a `calculation_*` field
    /// type, `modificationMetadata.readOnlyValue`, or set by HubSpot on every record,
    /// such as `hs_object_id` and the create and modification dates).
    const READ_ONLY_PROPERTIES: &'static [Self::Property];
    /// The object's association definitions.
    const ASSOCIATIONS: &'static [AssociationDef];
    /// What the code was generated from, compactly (per property: HubSpot type, Rust
    /// type, options, required, read-only), for `Client::verify`. Generated code
    /// always sets it; the default, [`ObjectDescription::NONE`], makes `verify` refuse
    /// the type.
    const DESCRIPTION: ObjectDescription = ObjectDescription::NONE;

    /// Decode one non-empty HubSpot string value into its field.
    fn decode_property(&mut self, property: Self::Property, raw: &str) -> Result<(), ValueError>;

    /// Hand every set (`Some`) field to `sink` in HubSpot's string format, in property
    /// name order, borrowed: generated code encodes every value into one buffer
    /// ([`crate::value::encode_in`]), so writing a record allocates no `String` per
    /// value. `None` fields are left out. [`crate::value::serialize_object`] writes
    /// records through it.
    fn write_properties(&self, sink: &mut dyn FnMut(Self::Property, &str));

    /// What [`write_properties`](Self::write_properties) hands over, as owned strings:
    /// the same values in the same order.
    fn encode_properties(&self, sink: &mut dyn FnMut(Self::Property, String)) {
        self.write_properties(&mut |property, value| sink(property, value.to_owned()));
    }
}
