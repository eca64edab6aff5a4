//! A YAML document read into JSON values as serde_json reads JSON text: an integer past 64 bits becomes the nearest double, a non-finite number null.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Reads one value (and everything in it) as [`Value`] does, but takes the 128-bit
/// integers a YAML reader gives for long numbers, which [`Value`] refuses ("number out
/// of range"): JSON text with the same number reads as a double, and so does YAML now.
pub(super) struct AsJson;

impl<'de> DeserializeSeed<'de> for AsJson {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for AsJson {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value JSON can hold")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), |i| Value::Number(i.into())))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), |u| Value::Number(u.into())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(AsJson)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(AsJson)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(AsJson)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Value {
        AsJson
            .deserialize(serde_yaml_ng::Deserializer::from_str(yaml))
            .unwrap()
    }

    #[test]
    fn reads_as_serde_json_would() {
        for yaml in [
            "a: [1, -2, 2.5, true, null, x, {b: ~}]\n",
            "basics:\n  name: Ana\n  startDate: 2020-01-01\n",
            "n: 18446744073709551615\nm: -9223372036854775808\n",
        ] {
            assert_eq!(
                read(yaml),
                serde_yaml_ng::from_str::<Value>(yaml).unwrap(),
                "{yaml}"
            );
        }
    }

    #[test]
    fn long_integers_become_doubles_as_in_json() {
        let yaml = "a: 123456789012345678901234567890\nb: -123456789012345678901234567890\n";
        let json = r#"{"a": 123456789012345678901234567890, "b": -123456789012345678901234567890}"#;
        assert!(serde_yaml_ng::from_str::<Value>(yaml).is_err());
        assert_eq!(read(yaml), serde_json::from_str::<Value>(json).unwrap());
    }
}
