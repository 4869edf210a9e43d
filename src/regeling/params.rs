//! The kinds of parameter a rule set may hold: each name with the type its value must have and
//! what it adds to the vocabulary of the application reader. A rule file with an unknown name or
//! a value of the wrong shape is refused when it loads, so the checks can rely on the types.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use super::waarde::{BandOr, Ernst, Zekerheid};
use crate::aanvraag::Vocabulary;
use crate::values::{Datum, Moment, parse_decimal};

/// An exact decimal in rule data: a quoted string (`"7.5"`) or a whole number (`10`). A bare
/// fraction (`7.5`) is refused, because YAML would hand it over as a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::String(s) => parse_decimal(s)
                .map(Dec)
                .ok_or_else(|| D::Error::custom(format!("`{s}` is not a plain decimal"))),
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => {
                Ok(Dec(Decimal::from(n.as_i64().unwrap_or(0))))
            }
            other => Err(D::Error::custom(format!(
                "expected an exact decimal as a quoted string (\"7.5\"), found {other}"
            ))),
        }
    }
}

/// A minimum number of partners of some kinds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimum {
    pub aantal: u32,
    /// The partner kinds that count.
    pub soorten: Vec<String>,
    /// `vestigingen`: count distinct `vestiging` codes (plus partners without one).
    #[serde(default)]
    pub tel: Option<String>,
}

/// Who may be penvoerder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penvoerder {
    pub soort: String,
    /// The penvoerder must have signed.
    #[serde(default)]
    pub ondertekend: bool,
}

/// One step of a dated guideline: the amount in force from `vanaf`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stap {
    pub vanaf: BandOr<Datum>,
    pub bedrag: Dec,
    #[serde(default)]
    pub bron: Option<String>,
    #[serde(default)]
    pub zekerheid: Option<Zekerheid>,
}

/// A window for a kind of submission. `begin` is inclusive; `eind` is inclusive when
/// `tot_en_met` is true, else exclusive.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venster {
    #[serde(default)]
    pub begin: Option<Moment>,
    pub eind: Moment,
    #[serde(default)]
    pub tot_en_met: bool,
    /// Whether the sources give a time of day; if not, the report says so.
    #[serde(default = "yes")]
    pub tijd_bekend: bool,
}

fn yes() -> bool {
    true
}

/// Pupil amounts of a per-pupil ceiling.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerLeerling {
    pub bb: Dec,
    pub kb: Dec,
    pub gl: Dec,
    /// The partner kinds whose `leerlingen` count; absent: every partner that gives them.
    #[serde(default)]
    pub soorten: Option<Vec<String>>,
}

/// A ceiling on the requested subsidy. Exactly one way of setting the amount: a fixed `bedrag`
/// (a band allowed; `~` for "no ceiling"), the region's own `regio.maximum` (`uit_bestand`), a
/// per-pupil formula, or a share of an earlier grant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plafond {
    /// The region kind it applies to; absent: every region.
    #[serde(default)]
    pub regio_soort: Option<String>,
    /// `totaal` (the whole period) or `jaar` (each year).
    pub per: String,
    #[serde(default)]
    pub bedrag: Option<BandOr<Option<Dec>>>,
    #[serde(default)]
    pub uit_bestand: bool,
    #[serde(default)]
    pub per_leerling: Option<PerLeerling>,
    /// `{ van: beschikt_2020_2023, pct: "25" }`.
    #[serde(default)]
    pub aandeel: Option<Aandeel>,
    /// Why the check is skipped when the amount is not known.
    #[serde(default)]
    pub ontbreekt: Option<String>,
    #[serde(default)]
    pub ernst: Ernst,
    pub bron: String,
    pub zekerheid: Zekerheid,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aandeel {
    pub van: String,
    pub pct: Dec,
}

/// A vmbo profile of the vocabulary (regels.md §3).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiel {
    pub id: String,
    pub afkorting: String,
    pub naam: String,
}

/// A kind of parameter.
pub struct ParamSpec {
    pub name: &'static str,
    /// The module whose checks read it.
    pub module: &'static str,
    pub validate: fn(&serde_json::Value) -> Result<(), String>,
    pub vocabulary: fn(&serde_json::Value, &mut Vocabulary),
}

fn check<T: for<'de> Deserialize<'de>>(v: &serde_json::Value) -> Result<(), String> {
    serde_json::from_value::<T>(v.clone()).map(|_| ()).map_err(|e| e.to_string())
}

fn none(_: &serde_json::Value, _: &mut Vocabulary) {}

fn strings(v: &serde_json::Value) -> Vec<String> {
    serde_json::from_value::<Vec<String>>(v.clone()).unwrap_or_default()
}

fn vocab_regio(v: &serde_json::Value, voc: &mut Vocabulary) {
    voc.regio_soorten.extend(strings(v));
}
fn vocab_doelgroep(v: &serde_json::Value, voc: &mut Vocabulary) {
    voc.doelgroepen.extend(strings(v));
}
fn vocab_onderdeel(v: &serde_json::Value, voc: &mut Vocabulary) {
    voc.onderdelen.extend(strings(v));
}
fn vocab_thema(v: &serde_json::Value, voc: &mut Vocabulary) {
    voc.themas.extend(strings(v));
}
fn vocab_profiel(v: &serde_json::Value, voc: &mut Vocabulary) {
    for p in serde_json::from_value::<Vec<Profiel>>(v.clone()).unwrap_or_default() {
        voc.profielen.insert(p.id.to_lowercase(), p.id.clone());
        voc.profielen.insert(p.afkorting.to_lowercase(), p.id.clone());
    }
}
/// Fields that one regulation uses and others do not (formaat.md §1): they are accepted
/// everywhere, so their names join the vocabulary wherever they appear in this list.
fn vocab_velden(v: &serde_json::Value, voc: &mut Vocabulary) {
    for f in strings(v) {
        if let Some(part) = f.strip_prefix("onderdelen.") {
            voc.onderdelen.insert(part.to_string());
        }
    }
}

macro_rules! specs {
    ($($name:literal : $module:literal => $ty:ty, $vocab:expr;)*) => {
        /// Every parameter name a rule file may use.
        pub const PARAMETERS: &[ParamSpec] = &[
            $(ParamSpec { name: $name, module: $module, validate: check::<$ty>, vocabulary: $vocab },)*
        ];
    };
}

specs! {
    "regio_soorten": "partners" => Vec<String>, vocab_regio;
    "penvoerder": "partners" => Penvoerder, none;
    "min_vmbo": "partners" => Minimum, none;
    "min_mbo": "partners" => Minimum, none;
    "min_po": "partners" => Minimum, none;
    "min_bedrijf": "partners" => Minimum, none;
    "alleen_ondertekend": "partners" => bool, none;
    "vestiging_formaat": "partners" => String, none;
    "cofinanciering_pct": "cofinanciering" => Dec, none;
    "cofinanciering_basis": "cofinanciering" => String, none;
    "cofinanciering_bijdragers": "cofinanciering" => Vec<String>, none;
    "cofinanciering_vormen": "cofinanciering" => Vec<String>, none;
    "uurtarief_intern": "uurtarieven" => Vec<Stap>, none;
    "uurtarief_extern": "uurtarieven" => Vec<Stap>, none;
    "doelgroepen_toegestaan": "sectoren" => Vec<String>, vocab_doelgroep;
    "doelgroepen_beperkt": "sectoren" => Vec<String>, vocab_doelgroep;
    "doelgroepen_onzeker": "sectoren" => Vec<String>, vocab_doelgroep;
    "havo_vwo_exclusief": "sectoren" => Vec<String>, vocab_doelgroep;
    "technische_profielen": "sectoren" => Vec<String>, none;
    "profielen": "sectoren" => Vec<Profiel>, vocab_profiel;
    "venster": "termijnen" => Venster, none;
    "begrotingsjaren": "begroting" => Vec<i32>, none;
    "bedrag_uren_tarief": "begroting" => bool, none;
    "dekking": "begroting" => bool, none;
    "dubbele_financiering": "begroting" => bool, none;
    "plafonds": "begroting" => Vec<Plafond>, none;
    "velden_ongebruikt": "begroting" => Vec<String>, vocab_velden;
    "onderdelen_verplicht": "documenten" => Vec<String>, vocab_onderdeel;
    "onderdelen_aanvullend": "documenten" => Vec<String>, vocab_onderdeel;
    "themas_verplicht": "documenten" => Vec<String>, vocab_thema;
    "po_samenwerking": "documenten" => String, none;
    "planvorming": "documenten" => bool, none;
}
