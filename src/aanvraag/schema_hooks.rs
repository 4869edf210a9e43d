//! The schema functions of the application's types (`#[schemars(schema_with = …)]`): the fixed
//! lists of the format as enums, and markers where [`crate::schema`] fills in what the rule sets
//! know, so the types need nothing from the rule sets.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use super::woorden::{KOSTEN_SOORTEN, PARTNER_SOORTEN, VORMEN};

/// The key of the marker a schema function leaves where [`crate::schema`] fills in the words the
/// rule sets know (`regelingen`, `doelgroepen`, …).
pub const VOCABULARY: &str = "x-stocheck-vocabulary";

fn strings(items: &[&str]) -> Value {
    let mut v: Vec<&str> = items.to_vec();
    v.sort_unstable();
    v.dedup();
    json!(v)
}

fn one_of(items: &[&str]) -> Schema {
    json_schema!({ "type": "string", "enum": strings(items) })
}

/// A string whose known values are listed as `examples`.
fn example_strings(kind: &str) -> Schema {
    json_schema!({ "type": "string", VOCABULARY: kind })
}

pub fn regeling(_: &mut SchemaGenerator) -> Schema {
    example_strings("regelingen")
}

pub fn indiening_soort(_: &mut SchemaGenerator) -> Schema {
    example_strings("indiening_soorten")
}

pub fn regio_soort(_: &mut SchemaGenerator) -> Schema {
    example_strings("regio_soorten")
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
    json_schema!({ "type": "array", "items": example_strings("doelgroepen") })
}

pub fn profielen(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["array", "null"],
        "items": example_strings("profielen")
    })
}

/// A mapping of names the rule sets know to text: each known name is a property (so an editor
/// offers it); others are allowed here and judged by the reader.
fn named_texts(kind: &str) -> Schema {
    json_schema!({
        "type": ["object", "null"],
        "properties": {},
        "additionalProperties": { "type": "string" },
        VOCABULARY: kind
    })
}

pub fn onderdelen(_: &mut SchemaGenerator) -> Schema {
    named_texts("onderdelen")
}

pub fn themas(_: &mut SchemaGenerator) -> Schema {
    named_texts("themas")
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

/// A waiver's `regel`: a rule id (`module/name`, the known ones as `examples`), or a finding's
/// key `rule#subject`.
pub fn uitzondering_regel(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": r"^\s*[a-z]+/[a-z0-9-]+(#.+)?\s*$", VOCABULARY: "regels" })
}
