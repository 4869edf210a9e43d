//! The application document (`aanvraag.yaml`, formaat.md §1): its types, read through
//! [`crate::yaml`], and the checks that belong to reading it (ids defined once and referenced
//! only when defined, enumerated values known to some rule set). What the document *means* under
//! a regulation is for the checks in [`crate::checks`], not for this module.

mod load;
mod model;
pub mod schema_hooks;
mod woorden;

pub use model::*;
pub use load::{Herkomst, LoadError, Vocabulary, load, load_bytes, load_text, read, read_error, suggest};
pub use woorden::{KOSTEN_SOORTEN, PARTNER_SOORTEN, VORMEN};
