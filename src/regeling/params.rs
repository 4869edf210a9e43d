//! The kinds of parameter a rule set may hold, each declared once as a typed key ([`Key`]): its
//! name, the module whose checks read it, the type its value must have and what it adds to the
//! vocabulary of the application reader. The loader validates rule files against these keys
//! ([`PARAMETERS`]), checks look values up with them (`ctx.need(&PLAFONDS, …)`), and `rules` /
//! `explain` print them. A rule file with an unknown name or a value of the wrong shape (an
//! unknown `per`, `van` or field path among them) is refused when it loads, with its place, so
//! the checks can rely on the types.

use rust_decimal::Decimal;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::waarde::{BandOr, Ernst, Zekerheid};
use crate::aanvraag::{PARTNER_SOORTEN, Vocabulary};
use crate::module::Module;
use crate::values::{Datum, Moment, parse_decimal};

/// An exact decimal in rule data: a quoted string (`"7.5"`) or a whole number (`10`). A bare
/// fraction (`7.5`) is refused, because YAML would hand it over as a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        let dec = match &v {
            // More than 13 integer digits is above the bound anyway; refusing them on the text
            // means no digit is ever rounded away by the parser.
            serde_json::Value::String(s) if s.trim().trim_start_matches('-').split('.').next().is_some_and(|i| i.trim_start_matches('0').len() > 13) => None,
            serde_json::Value::String(s) => Some(parse_decimal(s).ok_or_else(|| D::Error::custom(format!("`{s}` is not a plain decimal")))?),
            serde_json::Value::Number(n) if n.is_i64() => Some(Decimal::from(n.as_i64().unwrap_or(0))),
            serde_json::Value::Number(n) if n.is_u64() => None,
            other => {
                return Err(D::Error::custom(format!(
                    "expected an exact decimal as a quoted string (\"7.5\"), found {other}"
                )));
            }
        };
        // Bounded like the application's amounts, so that no product or sum with them can
        // overflow (crate::money).
        match dec {
            Some(x) if x.abs() <= crate::money::MAX_BEDRAG => Ok(Dec(x)),
            _ => Err(D::Error::custom(format!("{v} is larger than the bound of 1000000000000"))),
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
    pub tel: Option<Tel>,
}

/// What a minimum counts besides partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tel {
    /// Distinct `vestiging` codes, plus the partners without one.
    Vestigingen,
}

/// One organisation in a school role and the bedrijf role (regels.md §2.1 `dubbele_rol`): a
/// partner of a `bedrijfsrol` kind that shares its naam, bevoegd gezag or KvK number with a
/// partner of a `scholen` kind. `telt`: whether such a partner still counts as a bedrijf (for the
/// minima and the cofinancing) in this reading.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DubbeleRol {
    pub scholen: Vec<String>,
    pub bedrijfsrol: Vec<String>,
    pub telt: bool,
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

/// Text that a template asked the user to replace (formaat.md §5.7): each a word or phrase, found
/// in any value of the application, case-insensitively, as a whole word.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plaatshouders {
    /// Left behind, the plan is not finished: `fail` (the template's own markers).
    pub fout: Vec<String>,
    /// Probably not finished: `warn` (`TODO`, `lorem ipsum`).
    pub waarschuwing: Vec<String>,
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

/// A percentage: one value, or dated steps, each in force from its `vanaf` on the moment judged
/// (the 2020–2023 cofinancing: 10% before 2022-07-07, 7.5% from then; regels.md §2.2).
#[derive(Debug, Clone, PartialEq)]
pub enum Percentage {
    Vast(Dec),
    Gedateerd(Vec<PctStap>),
}

/// A list is a dated percentage, anything else a fixed one; so a fixed value out of bounds keeps
/// its own error instead of an untagged enum's "no variant matched".
impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        if v.is_array() {
            serde_json::from_value(v).map(Percentage::Gedateerd).map_err(D::Error::custom)
        } else {
            serde_json::from_value(v).map(Percentage::Vast).map_err(D::Error::custom)
        }
    }
}

/// One step of a dated percentage.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PctStap {
    /// Absent: from the start of the regulation.
    #[serde(default)]
    pub vanaf: Option<Datum>,
    pub pct: Dec,
    #[serde(default)]
    pub bron: Option<String>,
    #[serde(default)]
    pub zekerheid: Option<Zekerheid>,
}

impl Percentage {
    /// The step in force on `date` (the latest `vanaf` not after it); for a fixed value a step
    /// without date or source.
    pub fn at(&self, date: chrono::NaiveDate) -> Option<PctStap> {
        match self {
            Percentage::Vast(d) => Some(PctStap { vanaf: None, pct: *d, bron: None, zekerheid: None }),
            Percentage::Gedateerd(steps) => steps.iter().filter(|s| s.vanaf.is_none_or(|v| v.0 <= date)).max_by_key(|s| s.vanaf.map(|v| v.0)).cloned(),
        }
    }

    /// The last step that takes effect after `date`, if any: a later change the report mentions.
    pub fn later(&self, date: chrono::NaiveDate) -> Option<PctStap> {
        match self {
            Percentage::Vast(_) => None,
            Percentage::Gedateerd(steps) => steps.iter().filter(|s| s.vanaf.is_some_and(|v| v.0 > date)).max_by_key(|s| s.vanaf.map(|v| v.0)).cloned(),
        }
    }
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

/// A public holiday that ends no term (Algemene termijnenwet art. 3), with its name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feestdag {
    pub datum: Datum,
    pub naam: String,
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
    pub per: Per,
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

/// What a ceiling limits: the subsidy over the whole period, or in each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Totaal,
    Jaar,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aandeel {
    pub van: AandeelVan,
    pub pct: Dec,
}

/// The amounts of the application a ceiling may be a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum AandeelVan {
    /// `financiering.beschikt_2020_2023`: the subsidy granted for 2020–2023.
    #[serde(rename = "beschikt_2020_2023")]
    Beschikt20202023,
}

/// A field of the application that one regulation uses and others do not (`velden_ongebruikt`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Veld {
    /// `partners.leerlingen`
    PartnersLeerlingen,
    /// `activiteiten.planvorming`
    ActiviteitenPlanvorming,
    /// `financiering.beschikt_2020_2023`
    FinancieringBeschikt,
    /// `onderdelen.<name>`: a part of the plan.
    Onderdeel(String),
}

impl Veld {
    const VAST: [(&'static str, Veld); 3] = [
        ("partners.leerlingen", Veld::PartnersLeerlingen),
        ("activiteiten.planvorming", Veld::ActiviteitenPlanvorming),
        ("financiering.beschikt_2020_2023", Veld::FinancieringBeschikt),
    ];

    /// The path as written in rule files and shown in messages.
    pub fn path(&self) -> String {
        match self {
            Veld::Onderdeel(name) => format!("onderdelen.{name}"),
            other => Veld::VAST.iter().find(|(_, v)| v == other).map_or_else(String::new, |(p, _)| p.to_string()),
        }
    }

    pub fn parse(path: &str) -> Option<Veld> {
        if let Some((_, v)) = Veld::VAST.iter().find(|(p, _)| *p == path) {
            return Some(v.clone());
        }
        path.strip_prefix("onderdelen.").filter(|n| !n.is_empty()).map(|n| Veld::Onderdeel(n.to_string()))
    }
}

impl<'de> Deserialize<'de> for Veld {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let path = String::deserialize(d)?;
        Veld::parse(&path).ok_or_else(|| {
            let known: Vec<&str> = Veld::VAST.iter().map(|(p, _)| *p).chain(["onderdelen.<naam>"]).collect();
            D::Error::custom(format!("unknown field `{path}`; known: {}", known.join(", ")))
        })
    }
}

/// A vmbo profile of the vocabulary (regels.md §3).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiel {
    pub id: String,
    pub afkorting: String,
    pub naam: String,
}

/// A kind of parameter, as the loader and the texts see it: its name, its module, how to check a
/// value and what a value adds to the vocabulary. Made from a [`Key`] or a [`Family`], never by
/// hand.
pub struct ParamSpec {
    /// The name, or for a family its prefix followed by `*` (`min_*`).
    pub name: &'static str,
    /// The module whose checks read it.
    pub module: Module,
    /// For a family: the names after the prefix that are allowed (`min_vso`).
    pub members: Option<&'static [&'static str]>,
    pub validate: fn(&serde_json::Value) -> Result<(), String>,
    pub vocabulary: fn(&serde_json::Value, &mut Vocabulary),
}

impl ParamSpec {
    /// Whether a parameter name in a rule file is of this kind.
    pub fn matches(&self, name: &str) -> bool {
        match (self.members, self.name.strip_suffix('*')) {
            (Some(members), Some(prefix)) => name.strip_prefix(prefix).is_some_and(|rest| members.contains(&rest)),
            _ => self.name == name,
        }
    }

    /// Every name of this kind, for "did you mean".
    pub fn names(&self) -> Vec<String> {
        match (self.members, self.name.strip_suffix('*')) {
            (Some(members), Some(prefix)) => members.iter().map(|m| format!("{prefix}{m}")).collect(),
            _ => vec![self.name.to_string()],
        }
    }
}

/// The kind of a parameter name, if a rule file may use it.
pub fn spec_of(name: &str) -> Option<&'static ParamSpec> {
    PARAMETERS.iter().find(|s| s.matches(name))
}

/// A parameter declared once: its name, its module, the type `T` of its value.
pub struct Key<T> {
    pub name: &'static str,
    pub module: Module,
    vocabulary: fn(&serde_json::Value, &mut Vocabulary),
    _type: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Key<T> {
    pub const fn spec(&self) -> ParamSpec {
        ParamSpec {
            name: self.name,
            module: self.module,
            members: None,
            validate: check::<T>,
            vocabulary: self.vocabulary,
        }
    }
}

/// A family of parameters of one type, named by a prefix and a member (`min_` + a partner kind):
/// a rule set holds any number of them, each with its own source and certainty.
pub struct Family<T> {
    /// The name of the family as `rules` shows it (`min_*`).
    pub name: &'static str,
    pub prefix: &'static str,
    pub module: Module,
    /// The allowed members.
    pub members: &'static [&'static str],
    /// The members `rules` and `explain` always name, present or not, in this order.
    pub usual: &'static [&'static str],
    _type: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Family<T> {
    pub const fn spec(&self) -> ParamSpec {
        ParamSpec {
            name: self.name,
            module: self.module,
            members: Some(self.members),
            validate: check::<T>,
            vocabulary: none,
        }
    }

}

impl<T> Family<T> {
    /// Whether a parameter name belongs to this family.
    pub fn contains(&self, name: &str) -> bool {
        name.strip_prefix(self.prefix).is_some_and(|rest| self.members.contains(&rest))
    }

    /// The names `rules` and `explain` always show.
    pub fn usual_names(&self) -> Vec<String> {
        self.usual.iter().map(|m| format!("{}{m}", self.prefix)).collect()
    }
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

macro_rules! keys {
    ($($(#[$doc:meta])* $key:ident : $ty:ty = $name:literal in $module:ident, $vocab:expr;)*) => {
        $(
            $(#[$doc])*
            pub const $key: Key<$ty> = Key {
                name: $name,
                module: Module::$module,
                vocabulary: $vocab,
                _type: PhantomData,
            };
        )*
        /// Every kind of parameter a rule file may use.
        pub const PARAMETERS: &[ParamSpec] = &[$($key.spec(),)* MINIMA.spec()];
    };
}

/// The partner minima: `min_<kind>` for any partner kind, each saying how many partners of which
/// kinds count. A minimum the built-in sets do not have (`min_vso`) is a data change.
pub const MINIMA: Family<Minimum> = Family {
    name: "min_*",
    prefix: "min_",
    module: Module::Partners,
    members: PARTNER_SOORTEN,
    usual: &["vmbo", "mbo", "po", "bedrijf"],
    _type: PhantomData,
};

keys! {
    REGIO_SOORTEN: Vec<String> = "regio_soorten" in Partners, vocab_regio;
    PENVOERDER: Penvoerder = "penvoerder" in Partners, none;
    ALLEEN_ONDERTEKEND: bool = "alleen_ondertekend" in Partners, none;
    DUBBELE_ROL: DubbeleRol = "dubbele_rol" in Partners, none;
    VESTIGING_FORMAAT: String = "vestiging_formaat" in Partners, none;
    COFINANCIERING_PCT: Percentage = "cofinanciering_pct" in Cofinanciering, none;
    COFINANCIERING_BASIS: String = "cofinanciering_basis" in Cofinanciering, none;
    COFINANCIERING_BIJDRAGERS: Vec<String> = "cofinanciering_bijdragers" in Cofinanciering, none;
    COFINANCIERING_VORMEN: Vec<String> = "cofinanciering_vormen" in Cofinanciering, none;
    UURTARIEF_INTERN: Vec<Stap> = "uurtarief_intern" in Uurtarieven, none;
    UURTARIEF_EXTERN: Vec<Stap> = "uurtarief_extern" in Uurtarieven, none;
    DOELGROEPEN_TOEGESTAAN: Vec<String> = "doelgroepen_toegestaan" in Sectoren, vocab_doelgroep;
    DOELGROEPEN_BEPERKT: Vec<String> = "doelgroepen_beperkt" in Sectoren, vocab_doelgroep;
    DOELGROEPEN_ONZEKER: Vec<String> = "doelgroepen_onzeker" in Sectoren, vocab_doelgroep;
    HAVO_VWO_EXCLUSIEF: Vec<String> = "havo_vwo_exclusief" in Sectoren, vocab_doelgroep;
    HAVO_VWO_DOORSTROOM: Vec<String> = "havo_vwo_doorstroom" in Sectoren, vocab_doelgroep;
    TECHNISCHE_PROFIELEN: Vec<String> = "technische_profielen" in Sectoren, none;
    PROFIELEN: Vec<Profiel> = "profielen" in Sectoren, vocab_profiel;
    VENSTER: Venster = "venster" in Termijnen, none;
    FEESTDAGEN: Vec<Feestdag> = "feestdagen" in Termijnen, none;
    BEGROTINGSJAREN: Vec<i32> = "begrotingsjaren" in Begroting, none;
    BEDRAG_UREN_TARIEF: bool = "bedrag_uren_tarief" in Begroting, none;
    DEKKING: bool = "dekking" in Begroting, none;
    DUBBELE_FINANCIERING: bool = "dubbele_financiering" in Begroting, none;
    PLAFONDS: Vec<Plafond> = "plafonds" in Begroting, none;
    VELDEN_ONGEBRUIKT: Vec<Veld> = "velden_ongebruikt" in Begroting, vocab_velden;
    ONDERDELEN_VERPLICHT: Vec<String> = "onderdelen_verplicht" in Documenten, vocab_onderdeel;
    ONDERDELEN_AANVULLEND: Vec<String> = "onderdelen_aanvullend" in Documenten, vocab_onderdeel;
    THEMAS_VERPLICHT: Vec<String> = "themas_verplicht" in Documenten, vocab_thema;
    PO_SAMENWERKING: String = "po_samenwerking" in Documenten, none;
    PLANVORMING: bool = "planvorming" in Documenten, none;
    PLAATSHOUDERS: Plaatshouders = "plaatshouders" in Documenten, none;
}
