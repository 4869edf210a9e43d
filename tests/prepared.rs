//! The built-in data prepared ahead (`src/prepared/`): fresh, and equal to what reading the YAML
//! gives. `STOCHECK_PREPARE=1 cargo test --test prepared` writes them again.

use std::path::Path;

use stocheck::messages::Lang;
use stocheck::regeling::Registry;

#[test]
fn prepared_files_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/prepared");
    let files = stocheck::prepared::generate::files().expect("the built-in data loads");
    let update = std::env::var_os("STOCHECK_PREPARE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if update {
                std::fs::write(&path, text).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(stale.is_empty(), "stale in src/prepared: {stale:?}; run `STOCHECK_PREPARE=1 cargo test --test prepared`");
}

#[test]
fn built_in_rule_sets_equal_the_ones_read_from_yaml() {
    let prepared = Registry::builtin_prepared().expect("the prepared rule sets are fresh");
    let read = Registry::load_yaml(&[]).expect("the rule files load");
    assert_eq!(prepared.sets().count(), 3);
    assert_eq!(prepared, read);
    // What a run without --rules uses is the prepared form.
    assert_eq!(Registry::builtin().unwrap(), read);
    // A rule folder still goes through the YAML, and may derive from a built-in set.
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("kind.yaml"),
        "id: test-kind\nnaam: Test\nversie: '1'\nbase: sto-2025-2028\nverwijder:\n  parameters: [min_po]\n",
    )
    .unwrap();
    let with = Registry::load(&[d.path().to_path_buf()]).unwrap();
    assert_eq!(with.get("sto-2025-2028"), read.get("sto-2025-2028"));
    assert!(!with.get("test-kind").unwrap().parameters.contains_key("min_po"));
}

#[test]
fn prepared_catalogues_equal_the_yaml() {
    for (lang, source) in [(Lang::Nl, stocheck::messages::NL_SOURCE), (Lang::En, stocheck::messages::EN_SOURCE)] {
        let table = stocheck::prepared::catalogue(lang.code()).expect("the prepared catalogue is fresh");
        let read: std::collections::BTreeMap<String, String> = stocheck::yaml::from_str(source).unwrap();
        let prepared: Vec<(String, String)> = (0..table.len()).map(|i| table.entry(i)).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(prepared, read.into_iter().collect::<Vec<_>>());
        for i in 0..table.len() {
            let (id, text) = table.entry(i);
            assert_eq!(table.get(id), Some(text));
            assert_eq!(stocheck::messages::template(id, lang), Some(text));
        }
        assert_eq!(table.get("geen.bestaande-id"), None);
    }
}
