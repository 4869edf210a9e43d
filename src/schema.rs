//! `stocheck schema`: the JSON Schema (draft 7) of the application document, derived with
//! schemars from the very types the loader reads ([`crate::aanvraag::Aanvraag`] and its parts),
//! so it cannot drift from what stocheck accepts. The value types (money, hours, dates, moments)
//! describe themselves beside their readers in [`crate::values`]. The format's fixed lists
//! (partner kinds, kinds of cost line, forms of cofinancing) are enums; the values that come
//! from rule sets (regelingen, kinds of submission, target groups, parts, themes) are listed as
//! `examples` from the built-in rule sets, for completion in an editor, because `--rules` may
//! add others. The schema is stricter than nothing and looser than the reader: what it accepts,
//! stocheck may still refuse (a reference to an undefined partner, a typo in a regeling), never
//! the other way round. The types' own schema functions are in
//! [`crate::aanvraag::schema_hooks`]; what the rule sets know is filled in here.

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::aanvraag::schema_hooks::VOCABULARY;
use crate::aanvraag::{Aanvraag, Vocabulary};
use crate::regeling::Registry;

/// The schema as pretty JSON, ending in a newline.
pub fn json() -> String {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Aanvraag>();
    schema.insert("title".into(), json!("stocheck: aanvraag (Sterk Techniekonderwijs)"));
    let mut value = schema.to_value();
    fill_vocabulary(&mut value, &vocabulary());
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

/// Fills in what the rule sets know where the types left a [`VOCABULARY`] marker: `examples` for
/// a value, `properties` for a mapping of names to text.
fn fill_vocabulary(v: &mut Value, voc: &Vocabulary) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(kind)) = m.remove(VOCABULARY) {
                let words: Vec<&str> = match kind.as_str() {
                    "regelingen" => voc.regelingen.iter().map(String::as_str).collect(),
                    "indiening_soorten" => voc.indiening_soorten.iter().map(String::as_str).collect(),
                    "regio_soorten" => voc.regio_soorten.iter().map(String::as_str).collect(),
                    "doelgroepen" => voc.doelgroepen.iter().map(String::as_str).collect(),
                    "profielen" => voc.profielen.values().map(String::as_str).collect(),
                    "onderdelen" => voc.onderdelen.iter().map(String::as_str).collect(),
                    "themas" => voc.themas.iter().map(String::as_str).collect(),
                    // The rules a waiver may name: the registry's, which no rule set changes.
                    "regels" => crate::checks::RULES.iter().map(|r| r.id).collect(),
                    _ => Vec::new(),
                };
                if let Some(Value::Object(props)) = m.get_mut("properties") {
                    for w in words {
                        props.insert(w.to_string(), json!({ "type": "string" }));
                    }
                } else {
                    m.insert("examples".into(), strings(words));
                }
            }
            m.values_mut().for_each(|x| fill_vocabulary(x, voc));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| fill_vocabulary(x, voc)),
        _ => {}
    }
}
