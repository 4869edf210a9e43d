//! Reports: placeholder.
