//! placeholder
use crate::messages::Lang; use crate::regeling::{Registry, RuleSet}; use crate::report::style::Style; use crate::checks::Rule;
pub fn sets(_r:&Registry,_l:Lang,_j:bool,_s:Style)->String{String::new()}
pub fn rules(_r:&RuleSet,_l:Lang,_j:bool,_s:Style,_w:usize)->String{String::new()}
pub fn explain(_r:&Rule,_g:&Registry,_l:Lang,_j:bool,_s:Style,_w:usize)->String{String::new()}
