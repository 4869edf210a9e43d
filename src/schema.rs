//! `stocheck schema`: the JSON Schema (draft 7) of the application document, derived with
//! schemars from the very types the loader reads ([`crate::aanvraag::Aanvraag`] and its parts),
//! so it cannot drift from what stocheck accepts. The value types (money, hours, dates, moments)
//! describe themselves beside their readers in [`crate::values`]. The format's fixed lists
//! (partner kinds, kinds of cost line, forms of cofinancing) are enums; the values that come
//! from rule sets (regelingen, kinds of submission, target groups, parts, themes) are listed as
//! `examples` from the built-in rule sets, for completion in an editor, because `--rules` may
//! add others. The schema is stricter than nothing and looser than the reader: what it accepts,
//! stocheck may still refuse (a reference to an undefined partner, a typo in a regeling), never
//! the other way round.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Value, json};

use crate::aanvraag::{Aanvraag, KOSTEN_SOORTEN, PARTNER_SOORTEN, VORMEN, Vocabulary};
use crate::regeling::Registry;

/// The schema as pretty JSON, ending in a newline.
pub fn json() -> String {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Aanvraag>();
    schema.insert("title".into(), json!("stocheck: aanvraag (Sterk Techniekonderwijs)"));
    let mut value = schema.to_value();
    drop_null_defaults(&mut value);
    // Serialising a JSON value cannot fail.
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// schemars writes `"default": null` for every optional field; an editor would offer to insert
/// that `null`, which helps nobody.
fn drop_null_defaults(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if m.get("default").is_some_and(Value::is_null) {
                m.remove("default");
            }
            m.values_mut().for_each(drop_null_defaults);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

fn vocabulary() -> Vocabulary {
    // The built-in rule sets are compiled in and tested; without them there is nothing to list.
    Registry::builtin().map(|r| r.vocabulary()).unwrap_or_default()
}

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    let mut v: Vec<&str> = items.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    json!(v)
}

fn one_of(items: &[&str]) -> Schema {
    json_schema!({ "type": "string", "enum": strings(items.iter().copied()) })
}

fn example_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Schema {
    json_schema!({ "type": "string", "examples": strings(items) })
}

pub fn regeling(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    example_strings(v.regelingen.iter().map(String::as_str))
}

pub fn indiening_soort(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    example_strings(v.indiening_soorten.iter().map(String::as_str))
}

pub fn regio_soort(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    example_strings(v.regio_soorten.iter().map(String::as_str))
}

pub fn partner_soort(_: &mut SchemaGenerator) -> Schema {
    one_of(PARTNER_SOORTEN)
}

pub fn kosten_soort(_: &mut SchemaGenerator) -> Schema {
    one_of(KOSTEN_SOORTEN)
}

pub fn vorm(_: &mut SchemaGenerator) -> Schema {
    one_of(VORMEN)
}

pub fn doelgroepen(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    json_schema!({ "type": "array", "items": example_strings(v.doelgroepen.iter().map(String::as_str)) })
}

pub fn profielen(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    json_schema!({
        "type": ["array", "null"],
        "items": example_strings(v.profielen.values().map(String::as_str))
    })
}

/// A mapping of names the rule sets know to text: each known name is a property (so an editor
/// offers it); others are allowed here and judged by the reader.
fn named_texts<'a>(names: impl IntoIterator<Item = &'a str>) -> Schema {
    let mut props = serde_json::Map::new();
    for n in names {
        props.insert(n.to_string(), json!({ "type": "string" }));
    }
    json_schema!({
        "type": ["object", "null"],
        "properties": props,
        "additionalProperties": { "type": "string" }
    })
}

pub fn onderdelen(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    named_texts(v.onderdelen.iter().map(String::as_str))
}

pub fn themas(_: &mut SchemaGenerator) -> Schema {
    let v = vocabulary();
    named_texts(v.themas.iter().map(String::as_str))
}

/// `kvk`: eight digits, written as a quoted string.
pub fn kvk(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "pattern": r"^\s*[0-9]{8}\s*$" })
}

/// A mapping from a year (`2025`) to a value.
pub fn per_jaar<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["object", "null"],
        "propertyNames": { "pattern": r"^\s*[0-9]{4}\s*$" },
        "additionalProperties": g.subschema_for::<T>()
    })
}
