use super::*;
use std::os::unix::fs::MetadataExt;

fn file(path: &str, contents: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: contents.to_string(),
    }
}

fn ownership() -> Ownership {
    Ownership::new(vec![
        "Cargo.toml".into(),
        "src/lib.rs".into(),
        "src/api/".into(),
    ])
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn writes_only_changed_files_and_keeps_unowned_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    fs::create_dir_all(out.join("src/runtime")).unwrap();
    fs::write(out.join("src/runtime/mod.rs"), "// hand-written").unwrap();
    fs::create_dir_all(out.join("src/api/old")).unwrap();
    fs::write(out.join("src/api/old/stale.rs"), "// stale").unwrap();
    let runtime_inode = fs::metadata(out.join("src/runtime/mod.rs")).unwrap().ino();

    let first = vec![
        file("Cargo.toml", "[package]"),
        file("src/api/mod.rs", "// a"),
    ];
    let report = write_output(&out, &first, &ownership(), false).unwrap();
    assert_eq!(report.written, vec!["Cargo.toml", "src/api/mod.rs"]);
    assert_eq!(report.removed, vec!["src/api/old/stale.rs"]);
    assert_eq!(report.carried, 1);
    assert!(!out.join("src/api/old/stale.rs").exists());
    assert_eq!(read(&out.join("src/runtime/mod.rs")), "// hand-written");
    assert_eq!(
        fs::metadata(out.join("src/runtime/mod.rs")).unwrap().ino(),
        runtime_inode
    );

    let cargo_inode = fs::metadata(out.join("Cargo.toml")).unwrap().ino();
    let second = vec![
        file("Cargo.toml", "[package]"),
        file("src/api/mod.rs", "// b"),
    ];
    let report = write_output(&out, &second, &ownership(), false).unwrap();
    assert_eq!(report.written, vec!["src/api/mod.rs"]);
    assert_eq!(report.unchanged, vec!["Cargo.toml"]);
    assert_eq!(
        fs::metadata(out.join("Cargo.toml")).unwrap().ino(),
        cargo_inode
    );
    assert_eq!(read(&out.join("src/api/mod.rs")), "// b");

    let report = write_output(&out, &second, &ownership(), false).unwrap();
    assert!(report.is_clean());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("crate")]);
}

#[test]
fn check_reports_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    write_output(&out, &[file("src/lib.rs", "// v1")], &ownership(), false).unwrap();
    let report = write_output(&out, &[file("src/lib.rs", "// v2")], &ownership(), true).unwrap();
    assert_eq!(report.written, vec!["src/lib.rs"]);
    assert_eq!(read(&out.join("src/lib.rs")), "// v1");
}

#[test]
fn unsafe_paths_leave_the_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    write_output(&out, &[file("src/lib.rs", "// v1")], &ownership(), false).unwrap();
    for bad in ["../escape.rs", "/etc/x", "src/../../x", "", "a\\b"] {
        let files = [file("src/lib.rs", "// v2"), file(bad, "x")];
        let err = write_output(&out, &files, &ownership(), false).unwrap_err();
        assert!(matches!(err, WriteError::UnsafePath(_)), "{bad}: {err}");
    }
    assert_eq!(read(&out.join("src/lib.rs")), "// v1");
    assert!(!dir.path().join("escape.rs").exists());
}

#[test]
fn recovers_from_an_interrupted_swap() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    write_output(&out, &[file("src/lib.rs", "// v1")], &ownership(), false).unwrap();
    // Interrupted after `out → backup`: only the backup is left.
    let backup = dir.path().join(".crate.gen-backup");
    fs::rename(&out, &backup).unwrap();
    fs::create_dir_all(dir.path().join(".crate.gen-stage123/out")).unwrap();
    let report = write_output(&out, &[file("src/lib.rs", "// v1")], &ownership(), false).unwrap();
    assert!(report.is_clean());
    assert_eq!(read(&out.join("src/lib.rs")), "// v1");
    assert!(!backup.exists());
    assert!(!dir.path().join(".crate.gen-stage123").exists());
}
