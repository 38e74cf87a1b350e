//! Codecs for HubSpot `enumeration`: open option enums (single select) and `;`-joined
//! multi-selects (`fieldType` `checkbox`).

use crate::object::OptionEnum;

use super::{PropertyValue, ValueError};

/// Any value reads: one HubSpot added after generation becomes the enum's `Unknown`
/// variant, so decoding an option never fails. Writes the exact option value.
impl<T: OptionEnum> PropertyValue for T {
    const KIND: &'static str = "enumeration";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        Ok(T::from_value(raw))
    }

    fn encode(&self) -> String {
        self.as_str().to_owned()
    }

    fn encode_in<'a>(&'a self, _buffer: &'a mut String) -> &'a str {
        self.as_str()
    }
}

/// A multi-select reads `"sunroof;heated_seats"` in HubSpot's order, skipping empty
/// segments (`"a;;b;"` is `[a, b]`); it never fails. Writes the values `;`-joined in the
/// `Vec`'s order. An option value that itself contains `;` cannot travel in this
/// encoding (HubSpot's limitation, not ours).
impl<T: OptionEnum> PropertyValue for Vec<T> {
    const KIND: &'static str = "multi-select enumeration";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        Ok(raw
            .split(';')
            .filter(|segment| !segment.is_empty())
            .map(T::from_value)
            .collect())
    }

    fn encode(&self) -> String {
        let mut joined = String::new();
        self.encode_in(&mut joined);
        joined
    }

    fn encode_in<'a>(&'a self, buffer: &'a mut String) -> &'a str {
        buffer.clear();
        for (i, option) in self.iter().enumerate() {
            if i > 0 {
                buffer.push(';');
            }
            buffer.push_str(option.as_str());
        }
        buffer
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::object::OptionEnum;

    use super::super::{decode, encode};

    /// A hand-written option enum in the shape generated code has.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub(crate) enum Feature {
        Sunroof,
        HeatedSeats,
        Unknown(String),
    }

    impl OptionEnum for Feature {
        const ALL: &'static [Self] = &[Feature::Sunroof, Feature::HeatedSeats];

        fn from_value(value: &str) -> Self {
            match value {
                "sunroof" => Feature::Sunroof,
                "heated_seats" => Feature::HeatedSeats,
                other => Feature::Unknown(other.to_owned()),
            }
        }

        fn as_str(&self) -> &str {
            match self {
                Feature::Sunroof => "sunroof",
                Feature::HeatedSeats => "heated_seats",
                Feature::Unknown(value) => value,
            }
        }

        fn label(&self) -> Option<&'static str> {
            match self {
                Feature::Sunroof => Some("Sunroof"),
                Feature::HeatedSeats => Some("Heated seats"),
                Feature::Unknown(_) => None,
            }
        }
    }

    #[test]
    fn single_option_reads_known_and_unknown_values() {
        assert_eq!(decode("sunroof"), Ok(Some(Feature::Sunroof)));
        assert_eq!(
            decode("tow_package"),
            Ok(Some(Feature::Unknown("tow_package".to_owned())))
        );
        assert_eq!(decode::<Feature>(""), Ok(None));
        assert_eq!(encode(&Feature::HeatedSeats), "heated_seats");
        assert_eq!(
            encode(&Feature::Unknown("Tow Package".to_owned())),
            "Tow Package"
        );
    }

    #[test]
    fn multi_select_reads_in_order_skipping_empty_segments() {
        assert_eq!(
            decode("heated_seats;sunroof"),
            Ok(Some(vec![Feature::HeatedSeats, Feature::Sunroof]))
        );
        assert_eq!(
            decode(";sunroof;;roof rack;"),
            Ok(Some(vec![
                Feature::Sunroof,
                Feature::Unknown("roof rack".to_owned())
            ]))
        );
        assert_eq!(decode::<Vec<Feature>>(";"), Ok(Some(vec![])));
        assert_eq!(decode::<Vec<Feature>>(""), Ok(None));
    }

    #[test]
    fn multi_select_writes_in_vec_order() {
        assert_eq!(
            encode(&vec![
                Feature::HeatedSeats,
                Feature::Unknown("x".to_owned()),
                Feature::Sunroof
            ]),
            "heated_seats;x;sunroof"
        );
        assert_eq!(encode(&vec![Feature::Sunroof]), "sunroof");
        assert_eq!(encode::<Vec<Feature>>(&vec![]), "");
    }
}
