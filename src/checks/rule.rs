//! What a rule is: its stable id `module/name`, its module, the parameters it reads and its check.
//! The list of rules is the registry in [`crate::checks`].

use crate::engine::{Ctx, Finding};
use crate::module::Module;

/// One rule: its id, its module and its check.
pub struct Rule {
    pub id: &'static str,
    pub module: Module,
    /// The names of the rule-set parameters it reads, for `stocheck rules` and the docs.
    pub params: &'static [&'static str],
    pub run: fn(&Ctx, &mut Vec<Finding>),
}
