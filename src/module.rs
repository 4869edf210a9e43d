//! The rule modules (formaat.md §2) as a type: the registry files each rule under one, a kind of
//! submission in the rule data names the ones that apply to it, and the writers group findings by
//! them. Their serde names are the ones rule files, reports and ids use. `uitzonderingen` is the
//! module of the waivers (formaat.md §5.2): its rules judge the waivers a file records, after the
//! other modules, so it applies to every kind of submission.

use serde::{Deserialize, Serialize};

/// A rule module. The order of the variants is the report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Module {
    Termijnen,
    Partners,
    Cofinanciering,
    Uurtarieven,
    Sectoren,
    Begroting,
    Documenten,
    Uitzonderingen,
}

impl Module {
    /// Every module, in report order.
    pub const ALL: [Module; 8] = [
        Module::Termijnen,
        Module::Partners,
        Module::Cofinanciering,
        Module::Uurtarieven,
        Module::Sectoren,
        Module::Begroting,
        Module::Documenten,
        Module::Uitzonderingen,
    ];

    /// The name used in rule files, rule ids and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Module::Termijnen => "termijnen",
            Module::Partners => "partners",
            Module::Cofinanciering => "cofinanciering",
            Module::Uurtarieven => "uurtarieven",
            Module::Sectoren => "sectoren",
            Module::Begroting => "begroting",
            Module::Documenten => "documenten",
            Module::Uitzonderingen => "uitzonderingen",
        }
    }
}

impl std::str::FromStr for Module {
    type Err = ();

    fn from_str(s: &str) -> Result<Module, ()> {
        Module::ALL.into_iter().find(|m| m.as_str() == s).ok_or(())
    }
}

impl std::fmt::Display for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names_and_all_is_complete_and_ordered() {
        for (i, m) in Module::ALL.iter().enumerate() {
            assert_eq!(serde_json::to_value(m).unwrap(), serde_json::Value::String(m.as_str().to_string()));
            let back: Module = serde_json::from_value(serde_json::json!(m.as_str())).unwrap();
            assert_eq!(back, *m);
            assert!(i == 0 || Module::ALL[i - 1] < *m, "ALL is in variant order");
        }
        assert!(serde_json::from_value::<Module>(serde_json::json!("begrooting")).is_err());
        assert_eq!("sectoren".parse::<Module>(), Ok(Module::Sectoren));
        assert!("Sectoren".parse::<Module>().is_err());
    }
}
