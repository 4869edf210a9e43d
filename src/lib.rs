//! stocheck: checks a Sterk Techniekonderwijs (STO) subsidy application against the rule set of
//! its regulation, before it goes to DUS-I.
//!
//! Data flows one way: file → [`aanvraag`] (loaded, with line and column on every value) →
//! [`checks`] (pure functions of application, rule set and moment) → [`engine::Finding`]s →
//! a writer in [`report`]. Rule sets are data ([`regeling`]); texts are in [`messages`].

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod aanvraag;
pub mod builtin;
pub mod checks;
pub mod config;
pub mod engine;
pub mod init;
pub mod messages;
pub mod money;
pub mod module;
pub mod outputs;
pub mod regeling;
pub mod report;
pub mod run;
pub mod safe_read;
pub mod scenario;
pub mod schema;
pub mod text_filter;
pub mod uitleg;
pub mod values;
pub mod walk;
pub mod yaml;
#[doc(hidden)]
pub mod harness;
#[doc(hidden)]
pub mod testdata;
