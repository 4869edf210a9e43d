//! The building blocks of parameter values: how sure a fact is, what missing it means, and the
//! two readings (`mild`, `streng`) of an unsettled value.

use serde::Deserialize;

/// How sure a fact is (regels.md §2.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Zekerheid {
    // Ordered from weakest to strongest, so `min` gives the weaker of two.
    Onbekend,
    Afgeleid,
    Bevestigd,
}

impl Zekerheid {
    pub fn as_str(self) -> &'static str {
        match self {
            Zekerheid::Bevestigd => "bevestigd",
            Zekerheid::Afgeleid => "afgeleid",
            Zekerheid::Onbekend => "onbekend",
        }
    }
}

/// What missing a requirement means (regels.md §2.0): `fout` can fail, `waarschuwing` at most
/// warns, `info` is context only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ernst {
    #[default]
    Fout,
    Waarschuwing,
    Info,
}

/// The two readings of a parameter. For a settled value both are the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Band<T> {
    pub mild: T,
    pub streng: T,
}

impl<T: PartialEq> Band<T> {
    pub fn is_settled(&self) -> bool {
        self.mild == self.streng
    }
}

impl<T> Band<T> {
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Band<U> {
        Band {
            mild: f(&self.mild),
            streng: f(&self.streng),
        }
    }
}

/// A value that is either settled (`x`) or a band (`{ mild: x, streng: y }`), used inside
/// parameter values (a step's date, say).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum BandOr<T> {
    Band { mild: T, streng: T },
    Single(T),
}

impl<T: Clone> BandOr<T> {
    pub fn band(&self) -> Band<T> {
        match self {
            BandOr::Band { mild, streng } => Band {
                mild: mild.clone(),
                streng: streng.clone(),
            },
            BandOr::Single(v) => Band {
                mild: v.clone(),
                streng: v.clone(),
            },
        }
    }
}

