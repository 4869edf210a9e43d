//! The format's fixed lists of words (formaat.md §1), which no rule set changes.

/// The partner kinds of the format (formaat.md §1).
pub const PARTNER_SOORTEN: &[&str] = &[
    "vmbo",
    "mbo",
    "po",
    "vso",
    "praktijkonderwijs",
    "havo-vwo",
    "bedrijf",
    "overheid",
    "overig",
];
/// The kinds of cost line.
pub const KOSTEN_SOORTEN: &[&str] = &[
    "personeel-intern",
    "personeel-extern",
    "materieel",
    "investering",
    "overig",
];
/// The forms of cofinancing.
pub const VORMEN: &[&str] = &["geld", "natura"];
