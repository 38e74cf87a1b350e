//! Codecs for HubSpot `string` (and every type without a better Rust type) and `bool`.

use super::{PropertyValue, ValueError};

/// Text is kept exactly as HubSpot sent it: no trimming, no normalization.
impl PropertyValue for String {
    const KIND: &'static str = "string";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        Ok(raw.to_owned())
    }

    fn encode(&self) -> String {
        self.clone()
    }

    fn encode_in<'a>(&'a self, _buffer: &'a mut String) -> &'a str {
        self
    }
}

/// HubSpot writes bools as lowercase `"true"`/`"false"` (the values of a
/// `booleancheckbox` property's two options). Only those two strings are accepted:
/// anything else (`"True"`, `"1"`, `"yes"`) means the property is not what the
/// snapshot says it is, so it is reported rather than guessed at.
impl PropertyValue for bool {
    const KIND: &'static str = "bool";

    fn decode(raw: &str) -> Result<Self, ValueError> {
        match raw {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(ValueError::new::<bool>(
                raw,
                r#"expected "true" or "false""#,
            )),
        }
    }

    fn encode(&self) -> String {
        self.encode_in(&mut String::new()).to_owned()
    }

    fn encode_in<'a>(&'a self, _buffer: &'a mut String) -> &'a str {
        if *self { "true" } else { "false" }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};

    #[test]
    fn string_is_kept_verbatim() {
        assert_eq!(
            decode::<String>(" Line one\nLine two "),
            Ok(Some(" Line one\nLine two ".to_owned()))
        );
        assert_eq!(encode(&"a;b".to_owned()), "a;b");
    }

    #[test]
    fn bool_reads_hubspot_lowercase_only() {
        assert_eq!(decode::<bool>("true"), Ok(Some(true)));
        assert_eq!(decode::<bool>("false"), Ok(Some(false)));
        for bad in ["True", "FALSE", "1", "0", "yes", " true"] {
            let error = decode::<bool>(bad).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!(r#"invalid bool value {bad:?}: expected "true" or "false""#)
            );
            assert_eq!(error.kind, "bool");
            assert_eq!(error.value, bad);
        }
    }

    #[test]
    fn bool_writes_lowercase() {
        assert_eq!(encode(&true), "true");
        assert_eq!(encode(&false), "false");
    }
}
