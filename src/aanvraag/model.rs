//! The types of the application document, each value with its place in the file.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::values::{Datum, Moment, Money, Uren};
use crate::yaml::{Pos, Spanned, pos};

/// A value with where it stood in the file.
pub type S<T> = Spanned<T>;

/// One submission of one region.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aanvraag {
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::regeling")]
    pub regeling: S<String>,
    #[schemars(with = "Indiening")]
    pub indiening: S<Indiening>,
    #[schemars(with = "Regio")]
    pub regio: S<Regio>,
    #[schemars(with = "String")]
    pub penvoerder: S<String>,
    #[schemars(with = "Vec<Partner>")]
    pub partners: S<Vec<S<Partner>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<Activiteit>>")]
    pub activiteiten: Option<S<Vec<S<Activiteit>>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<Kostenregel>>")]
    pub begroting: Option<S<Vec<S<Kostenregel>>>>,
    #[serde(default)]
    #[schemars(with = "Option<Financiering>")]
    pub financiering: Option<S<Financiering>>,
    #[serde(default)]
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::onderdelen")]
    pub onderdelen: Option<S<Keyed<String>>>,
    #[serde(default)]
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::themas")]
    pub themas: Option<S<Keyed<String>>>,
    /// DUS-I's written agreement to depart from a rule (formaat.md §5.2).
    #[serde(default)]
    #[schemars(with = "Option<Vec<Uitzondering>>")]
    pub uitzonderingen: Option<S<Vec<S<Uitzondering>>>>,
    /// The file's text as read, filled in by the loader: for [`Aanvraag::teksten`], and for a
    /// check that first asks whether a word stands in the file at all.
    #[serde(skip)]
    #[schemars(skip)]
    pub bron: String,
    /// Every value of the file as text, read from [`Aanvraag::bron`] the first time a check asks.
    #[serde(skip)]
    #[schemars(skip)]
    teksten: std::sync::OnceLock<Vec<crate::yaml::Tekst>>,
    /// Partners and activities by id, built on first use: a check that looks a partner up for
    /// each of 80,000 contributions does not scan the partner list each time.
    #[serde(skip)]
    #[schemars(skip)]
    index: std::sync::OnceLock<Index>,
}

/// Positions of partners and activities by id (the first, should an id occur twice).
#[derive(Debug, Clone, Default)]
struct Index {
    partners: std::collections::HashMap<String, usize>,
    activiteiten: std::collections::HashMap<String, usize>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indiening {
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::indiening_soort")]
    pub soort: S<String>,
    #[serde(default)]
    #[schemars(with = "Option<Moment>")]
    pub moment: Option<S<Moment>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Regio {
    #[schemars(with = "String")]
    pub naam: S<String>,
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::regio_soort")]
    pub soort: S<String>,
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub maximum: Option<S<Money>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    #[schemars(with = "String")]
    pub id: S<String>,
    #[schemars(with = "String")]
    pub naam: S<String>,
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::partner_soort")]
    pub soort: S<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub bevoegd_gezag: Option<S<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub vestiging: Option<S<String>>,
    #[serde(default)]
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::kvk")]
    pub kvk: Option<S<String>>,
    #[serde(default, deserialize_with = "strict_bool")]
    #[schemars(with = "Option<bool>")]
    pub ondertekend: Option<S<bool>>,
    #[serde(default)]
    #[schemars(with = "Option<Leerlingen>")]
    pub leerlingen: Option<S<Leerlingen>>,
}

impl Partner {
    pub fn is_ondertekend(&self) -> bool {
        self.ondertekend.as_ref().is_some_and(|o| o.value)
    }
}

/// A boolean written `true` or `false` exactly (formaat.md §1). YAML 1.2 also reads `True` and
/// `TRUE`; the format does not, so they are refused like `yes`.
fn strict_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<S<bool>>, D::Error> {
    let Some(s) = Option::<S<String>>::deserialize(d)? else {
        return Ok(None);
    };
    let value = match s.value.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(crate::yaml::refuse(crate::yaml::Refusal::new("laden.boolean", &s.value))),
    };
    Ok(Some(S { value, at: s.at }))
}

/// Pupils in the technical profiles, leerjaar 3–4, at the teldatum (sto-2020-2023).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leerlingen {
    #[serde(default)]
    pub bb: u32,
    #[serde(default)]
    pub kb: u32,
    #[serde(default)]
    pub gl: u32,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    #[schemars(with = "String")]
    pub id: S<String>,
    #[schemars(with = "String")]
    pub naam: S<String>,
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::doelgroepen")]
    pub doelgroepen: S<Vec<S<String>>>,
    #[serde(default)]
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::profielen")]
    pub profielen: Option<S<Vec<S<String>>>>,
    #[serde(default, deserialize_with = "strict_bool")]
    #[schemars(with = "Option<bool>")]
    pub planvorming: Option<S<bool>>,
}

/// One cost line of the project, subsidised or cofinanced.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kostenregel {
    #[schemars(with = "String")]
    pub activiteit: S<String>,
    #[schemars(with = "i32")]
    pub jaar: S<i32>,
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::kosten_soort")]
    pub soort: S<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub omschrijving: Option<S<String>>,
    #[serde(default)]
    #[schemars(with = "Option<Uren>")]
    pub uren: Option<S<Uren>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub uurtarief: Option<S<Money>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub bedrag: Option<S<Money>>,
    #[serde(default)]
    #[schemars(with = "Option<Datum>")]
    pub uren_vanaf: Option<S<Datum>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub motivatie: Option<S<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub andere_subsidie: Option<S<String>>,
}

impl Kostenregel {
    /// The line's amount: `bedrag`, or `uren × uurtarief` rounded half up to the cent.
    pub fn kosten(&self) -> Money {
        if let Some(b) = &self.bedrag {
            return b.value;
        }
        self.berekend().unwrap_or(Money::ZERO)
    }

    /// `uren × uurtarief`, rounded half up to the cent, when both are given.
    pub fn berekend(&self) -> Option<Money> {
        let (u, t) = (self.uren.as_ref()?, self.uurtarief.as_ref()?);
        Some(Money(crate::money::mul(u.value.0, t.value.0).round_dp_with_strategy(
            2,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )))
    }

    /// Text that is present and not only white space.
    pub fn motivatie(&self) -> Option<&str> {
        non_empty(&self.motivatie)
    }

    pub fn andere_subsidie(&self) -> Option<&str> {
        non_empty(&self.andere_subsidie)
    }
}

/// The text of an optional string field when it holds more than white space.
pub fn non_empty(v: &Option<S<String>>) -> Option<&str> {
    v.as_ref().map(|s| s.value.trim()).filter(|s| !s.is_empty())
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Financiering {
    #[serde(default)]
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::per_jaar::<Money>")]
    pub subsidie: Option<S<Keyed<Money>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<Cofinanciering>>")]
    pub cofinanciering: Option<S<Vec<S<Cofinanciering>>>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub eigen_bijdrage: Option<S<Money>>,
    #[serde(default)]
    #[schemars(with = "Option<Money>")]
    pub beschikt_2020_2023: Option<S<Money>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cofinanciering {
    #[schemars(with = "String")]
    pub partner: S<String>,
    #[schemars(with = "i32")]
    pub jaar: S<i32>,
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::vorm")]
    pub vorm: S<String>,
    #[schemars(with = "Money")]
    pub bedrag: S<Money>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub omschrijving: Option<S<String>>,
}

/// A waiver: DUS-I agreed, by letter or e-mail, that the region may depart from a rule
/// (formaat.md §5.2). A finding it covers keeps its outcome in every report; only the verdict
/// and the exit code leave it out.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Uitzondering {
    /// The rule id (`cofinanciering/minimum`), or the key of one finding (`rule#subject`, as
    /// the JSON report's `key`: `partners/minimum#soort:mbo`).
    #[schemars(schema_with = "crate::aanvraag::schema_hooks::uitzondering_regel")]
    pub regel: S<String>,
    /// Why DUS-I agreed.
    #[schemars(with = "String")]
    pub reden: S<String>,
    /// The reference of DUS-I's letter or e-mail.
    #[schemars(with = "String")]
    pub kenmerk: S<String>,
    /// The date of that letter or e-mail (shown, not compared).
    #[schemars(with = "Datum")]
    pub datum: S<Datum>,
    /// The last day the waiver holds (inclusive); without it, it does not end.
    #[serde(default)]
    #[schemars(with = "Option<Datum>")]
    pub tot: Option<S<Datum>>,
}

/// A mapping whose keys are data (years, part names, theme names), kept in file order with the
/// place of every key and value.
#[derive(Debug, Clone)]
pub struct Keyed<T> {
    pub entries: Vec<(S<String>, S<T>)>,
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed { entries: Vec::new() }
    }
}

impl<T> Keyed<T> {
    pub fn get(&self, key: &str) -> Option<&S<T>> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
}

impl<T: JsonSchema> JsonSchema for Keyed<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Keyed_{}", T::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": g.subschema_for::<T>()
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = Keyed<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Keyed<T>, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = m.next_key::<S<String>>()? {
                    entries.push((k, m.next_value()?));
                }
                Ok(Keyed { entries })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl Aanvraag {
    pub fn partners(&self) -> impl Iterator<Item = &S<Partner>> {
        self.partners.value.iter()
    }

    /// Every value of the file as text, with its place (not its keys, not its comments): for the
    /// placeholders rule, which reads free text wherever it stands. The file is read a second
    /// time for it, as plain values, only when a check asks.
    pub fn teksten(&self) -> &[crate::yaml::Tekst] {
        // The same text has been read already, so this cannot fail.
        self.teksten.get_or_init(|| crate::yaml::texts(&self.bron).unwrap_or_default())
    }

    pub fn partner(&self, id: &str) -> Option<&S<Partner>> {
        self.index().partners.get(id).and_then(|i| self.partners.value.get(*i))
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut ix = Index::default();
            for (i, p) in self.partners.value.iter().enumerate() {
                ix.partners.entry(p.value.id.value.clone()).or_insert(i);
            }
            for (i, a) in self.activiteiten().iter().enumerate() {
                ix.activiteiten.entry(a.value.id.value.clone()).or_insert(i);
            }
            ix
        })
    }

    pub fn activiteiten(&self) -> &[S<Activiteit>] {
        self.activiteiten.as_ref().map_or(&[], |a| &a.value)
    }

    pub fn activiteit(&self, id: &str) -> Option<&S<Activiteit>> {
        self.index().activiteiten.get(id).and_then(|i| self.activiteiten().get(*i))
    }

    /// The waivers the file records, in file order.
    pub fn uitzonderingen(&self) -> &[S<Uitzondering>] {
        self.uitzonderingen.as_ref().map_or(&[], |u| &u.value)
    }

    pub fn begroting(&self) -> &[S<Kostenregel>] {
        self.begroting.as_ref().map_or(&[], |b| &b.value)
    }

    pub fn cofinanciering(&self) -> &[S<Cofinanciering>] {
        self.financiering
            .as_ref()
            .and_then(|f| f.value.cofinanciering.as_ref())
            .map_or(&[], |c| &c.value)
    }

    /// The requested subsidy per year, as (year, amount, place of the amount).
    pub fn subsidie(&self) -> Vec<(i32, Money, Option<Pos>)> {
        let Some(s) = self.financiering.as_ref().and_then(|f| f.value.subsidie.as_ref()) else {
            return Vec::new();
        };
        s.value
            .entries
            .iter()
            .filter_map(|(k, v)| Some((k.value.trim().parse().ok()?, v.value, pos(v))))
            .collect()
    }

    /// The subsidy requested over all years.
    pub fn subsidie_totaal(&self) -> Money {
        Money(crate::money::sum(self.subsidie().iter().map(|(_, m, _)| m.0)))
    }

    /// The sum of all cost lines.
    pub fn kosten_totaal(&self) -> Money {
        Money(crate::money::sum(self.begroting().iter().map(|r| r.value.kosten().0)))
    }

    pub fn eigen_bijdrage(&self) -> Money {
        self.financiering
            .as_ref()
            .and_then(|f| f.value.eigen_bijdrage.as_ref())
            .map_or(Money::ZERO, |e| e.value)
    }

    /// The place of the `financiering` section, or of the file's start.
    pub fn financiering_pos(&self) -> Option<Pos> {
        self.financiering.as_ref().and_then(pos)
    }

    /// Pupil totals (bb, kb, gl) over the partners of the given kinds that carry `leerlingen`
    /// (all kinds when `soorten` is `None`); `None` when no such partner gives pupils.
    pub fn leerlingen_totaal(&self, soorten: Option<&[String]>) -> Option<(u64, u64, u64)> {
        let mut any = false;
        let mut t = (0u64, 0u64, 0u64);
        let counts = |p: &Partner| soorten.is_none_or(|s| s.contains(&p.soort.value));
        for p in self.partners().filter(|p| counts(&p.value)) {
            if let Some(l) = &p.value.leerlingen {
                any = true;
                t.0 += u64::from(l.value.bb);
                t.1 += u64::from(l.value.kb);
                t.2 += u64::from(l.value.gl);
            }
        }
        any.then_some(t)
    }

    /// Every year that the budget, the subsidy or the cofinancing names.
    pub fn jaren(&self) -> BTreeMap<i32, ()> {
        let mut m = BTreeMap::new();
        for r in self.begroting() {
            m.insert(r.value.jaar.value, ());
        }
        for (j, _, _) in self.subsidie() {
            m.insert(j, ());
        }
        for c in self.cofinanciering() {
            m.insert(c.value.jaar.value, ());
        }
        m
    }
}
