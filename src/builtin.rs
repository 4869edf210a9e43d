//! The data compiled into the binary: the built-in rule sets and the `init` templates, listed
//! from their folders by `build.rs` (so adding a regulation's files needs no Rust edit).

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
