//! Rule sets (`rules/*.yaml`): every number, date and list of a regulation as data, each with its
//! source (`bron`), certainty (`zekerheid`), severity (`ernst`) and, where the facts are
//! unsettled, a lenient (`mild`) and a strict (`streng`) value. The built-in sets are compiled
//! into the binary; `--rules DIR` adds or replaces sets. A set may say `base: other-id` and then
//! replace or remove parameters and kinds of submission.
//!
//! Checks ask for a parameter by name ([`RuleSet::param`]) and get a [`Band`] of typed values;
//! what the kind of submission overrides is looked up first. No check names a regulation.

pub mod bronnen;
mod inherit;
mod load;
mod model;
pub mod params;
mod raw;
mod waarde;

pub use load::BUILTIN;
pub use bronnen::Bron;
pub use model::{Gecontroleerd, Geldig, Missing, Origin, Param, Registry, RuleError, RuleSet, Soort, Typ, known_ids};
pub use params::{PARAMETERS, ParamSpec, Plafond, Stap, Venster};
pub use waarde::{Band, BandOr, Ernst, Zekerheid};
