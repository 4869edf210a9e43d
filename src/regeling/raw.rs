//! A rule file as written, before inheritance and validation.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::bronnen::RawBron;
use super::model::Origin;
use super::waarde::{Ernst, Zekerheid};
use crate::aanvraag::Keyed;
use crate::yaml::Spanned;

/// A parameter as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParam {
    #[serde(default)]
    pub(super) waarde: Option<serde_json::Value>,
    #[serde(default)]
    pub(super) mild: Option<serde_json::Value>,
    #[serde(default)]
    pub(super) streng: Option<serde_json::Value>,
    pub(super) bron: Spanned<String>,
    pub(super) zekerheid: Zekerheid,
    #[serde(default)]
    pub(super) ernst: Ernst,
    /// Why the band is there, or what the value means; shown as a note.
    #[serde(default)]
    pub(super) toelichting: Option<String>,
}

/// A kind of submission as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSoort {
    #[serde(default)]
    pub(super) omschrijving: Option<String>,
    /// The description in English, for `--lang en`.
    #[serde(default)]
    pub(super) omschrijving_en: Option<String>,
    /// The modules that apply to this kind; absent means all.
    #[serde(default)]
    pub(super) modules: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) parameters: Keyed<RawParam>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Verwijder {
    #[serde(default)]
    pub(super) parameters: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) soorten: Vec<Spanned<String>>,
}

/// A rule file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRuleSet {
    pub(super) id: Spanned<String>,
    pub(super) naam: String,
    /// The name in English, for `--lang en`.
    #[serde(default)]
    pub(super) naam_en: Option<String>,
    pub(super) versie: String,
    #[serde(default)]
    pub(super) aliassen: Vec<String>,
    #[serde(default)]
    pub(super) base: Option<Spanned<String>>,
    /// When the regulation is in force and when it lapses, with the source.
    #[serde(default)]
    pub(super) geldig: Option<Spanned<RawGeldig>>,
    /// When the facts of this file were last checked against their sources.
    #[serde(default)]
    pub(super) gecontroleerd: Option<Spanned<RawGecontroleerd>>,
    /// Sources of this file's own, besides the shared registry; inherited through `base:`.
    #[serde(default)]
    pub(super) bronnen: BTreeMap<String, Spanned<RawBron>>,
    #[serde(default)]
    pub(super) verwijder: Verwijder,
    #[serde(default)]
    pub(super) soorten: BTreeMap<String, Spanned<RawSoort>>,
    /// Parameters that differ for one kind of region.
    #[serde(default)]
    pub(super) regios: BTreeMap<String, Spanned<RawRegio>>,
    #[serde(default)]
    pub(super) parameters: Keyed<RawParam>,
}

/// When a regulation is in force, as written (dates `YYYY-MM-DD`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGeldig {
    #[serde(default)]
    pub(super) vanaf: Option<Spanned<String>>,
    /// The day it lapses (no longer in force).
    #[serde(default)]
    pub(super) vervalt: Option<Spanned<String>>,
    pub(super) bron: Spanned<String>,
    #[serde(default)]
    pub(super) toelichting: Option<String>,
}

/// When the facts were last checked, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGecontroleerd {
    pub(super) datum: Spanned<String>,
    pub(super) bron: Spanned<String>,
}

/// Parameters of one kind of region, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegio {
    #[serde(default)]
    pub(super) parameters: Keyed<RawParam>,
}


/// A rule file read, before it is resolved.
pub(super) struct Source {
    pub(super) file: String,
    pub(super) origin: Origin,
    pub(super) raw: RawRuleSet,
}
