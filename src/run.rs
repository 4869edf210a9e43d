//! Running a check: placeholder.
