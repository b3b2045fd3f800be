//! Bad input gets a clear message, and the exit code is non-zero only when nothing usable could be
//! produced. Runs the real `xtask gen` binary for exit codes and messages, and the library for
//! what was generated. Large inputs (a 50 MB page, a 10,000-property page) are made at test time.

mod robustness;

use generator::diag::Diagnostic;
use robustness::generated::{files_under, rust_file_problems};
use robustness::pipeline::{generate, snapshot, xtask_binary, xtask_gen};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A resource page of our own with `properties` rows (`name|Type|description`).
fn resource_page(name: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A test type.\"\nms.prod: \"tests\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA type made by the bad-input tests.\n\n\
         ## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}\n\
         ## JSON representation\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\
         ```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
    )
}

/// A docs version folder holding one good page (`resources/gizmo.md`) plus `extra` files.
fn docs_with(extra: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let docs = tempfile::tempdir().expect("temp dir");
    write(
        docs.path(),
        "resources/gizmo.md",
        resource_page("gizmo", "|id|String|The key.|\n|label|String|A label.|").as_bytes(),
    );
    for (path, bytes) in extra {
        write(docs.path(), path, bytes);
    }
    docs
}

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn gen(docs: &Path, out: &Path) -> Output {
    xtask_gen(&[
        OsStr::new("--docs"),
        docs.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

fn stderr(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    )
}

/// Whether the report names `needle`, even where the renderer wrapped it across lines.
fn names(output: &Output, needle: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !"│×╭╰─┬┴".contains(*c))
            .collect()
    };
    squeeze(&stderr(output)).contains(&squeeze(needle))
}

fn diagnostics_for<'a>(report: &'a generator::Report, file_part: &str) -> Vec<&'a Diagnostic> {
    report
        .diagnostics
        .items
        .iter()
        .filter(|d| d.file.contains(file_part))
        .collect()
}

/// The generated models mention the type (some file names it).
fn generated_mentions(out: &Path, needle: &str) -> bool {
    files_under(out)
        .iter()
        .any(|f| std::fs::read_to_string(out.join(f)).is_ok_and(|t| t.contains(needle)))
}

#[test]
fn a_missing_docs_folder_fails_with_a_message_and_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let missing = parent.path().join("no-such-docs");
    let out = parent.path().join("out");
    let output = gen(&missing, &out);
    assert!(!output.status.success(), "exit code must be non-zero");
    let text = stderr(&output);
    assert!(
        names(&output, &missing.display().to_string()),
        "the message names the folder: {text}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn an_empty_docs_folder_fails_with_a_message_and_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let docs = parent.path().join("empty-docs");
    std::fs::create_dir(&docs).unwrap();
    let out = parent.path().join("out");
    let output = gen(&docs, &out);
    assert!(!output.status.success(), "exit code must be non-zero");
    let text = stderr(&output);
    assert!(
        names(&output, &docs.display().to_string()),
        "the message names the folder: {text}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn docs_that_is_a_file_fails_with_a_message() {
    let parent = tempfile::tempdir().unwrap();
    let docs = parent.path().join("docs.md");
    std::fs::write(&docs, resource_page("gizmo", "|id|String|The key.|")).unwrap();
    let output = gen(&docs, &parent.path().join("out"));
    assert!(!output.status.success());
    assert!(
        names(&output, &docs.display().to_string()),
        "{}",
        stderr(&output)
    );
}

#[test]
fn docs_with_api_and_resources_but_no_pages_fails() {
    let parent = tempfile::tempdir().unwrap();
    let docs = parent.path().join("v1.0");
    std::fs::create_dir_all(docs.join("api")).unwrap();
    std::fs::create_dir_all(docs.join("resources")).unwrap();
    let out = parent.path().join("out");
    let output = gen(&docs, &out);
    let text = stderr(&output);
    assert!(
        !output.status.success(),
        "no page at all: nothing usable, so non-zero: {text}"
    );
    assert!(!text.trim().is_empty(), "says why");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_the_rest_generated() {
    let mut latin1 = resource_page("accent", "|id|String|The key.|").into_bytes();
    latin1.extend_from_slice(b"\nCaf\xe9 cr\xe8me \xff\xfe\n");
    let docs = docs_with(&[("resources/accent.md", latin1)]);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = gen(docs.path(), &out);
    let text = stderr(&output);
    assert!(
        output.status.success(),
        "usable output was produced: {text}"
    );
    assert!(
        names(&output, "accent.md"),
        "the message names the file: {text}"
    );
    let report = generate(docs.path(), &parent.path().join("lib-out")).unwrap();
    let about: Vec<_> = diagnostics_for(&report, "accent.md");
    assert!(
        about.iter().any(|d| d.code == "RES005"),
        "RES005 for the file: {about:?}"
    );
    assert!(
        generated_mentions(&out, "Gizmo"),
        "the good page is generated"
    );
}

#[test]
fn binary_garbage_named_md_is_reported_not_fatal() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let docs = docs_with(&[
        ("resources/garbage.md", garbage),
        ("api/empty.md", Vec::new()),
    ]);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = gen(docs.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(generated_mentions(&out, "Gizmo"));
    let report = generate(docs.path(), &parent.path().join("lib-out")).unwrap();
    assert!(
        !diagnostics_for(&report, "garbage.md").is_empty(),
        "garbage.md is reported"
    );
    assert!(
        !diagnostics_for(&report, "empty.md").is_empty(),
        "empty.md is reported"
    );
}

/// BOM and CRLF are spelling, not content: the generated crate is byte-identical.
#[test]
fn bom_and_crlf_pages_generate_the_same_crate_as_plain_ones() {
    let page = resource_page("spelled", "|id|String|The key.|\n|note|String|A note.|");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("plain", page.clone().into_bytes()),
        ("bom", format!("\u{feff}{page}").into_bytes()),
        ("crlf", page.replace('\n', "\r\n").into_bytes()),
        (
            "bom+crlf",
            format!("\u{feff}{}", page.replace('\n', "\r\n")).into_bytes(),
        ),
    ];
    let mut outputs = Vec::new();
    for (name, bytes) in &variants {
        let docs = docs_with(&[("resources/spelled.md", bytes.clone())]);
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        let report = generate(docs.path(), &out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            generated_mentions(&out, "Spelled"),
            "{name}: the type is generated"
        );
        let errors: Vec<_> = diagnostics_for(&report, "spelled.md");
        assert!(
            errors.is_empty(),
            "{name}: no complaint about a BOM or CRLF: {errors:?}"
        );
        outputs.push((name, snapshot(&out)));
    }
    for (name, files) in &outputs[1..] {
        assert!(
            files == &outputs[0].1,
            "{name} generates a different crate than the plain page"
        );
    }
}

#[test]
fn terminal_escapes_in_a_page_are_printed_escaped() {
    let evil = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}[31mEvil\u{1b}[0m";
    let page = resource_page("evil", &format!("|id|String|The key.|\n|name|{evil}|x|"));
    let docs = docs_with(&[("resources/evil.md", page.into_bytes())]);
    let parent = tempfile::tempdir().unwrap();
    let json = parent.path().join("model.json");
    let ir = Command::new(xtask_binary())
        .args([
            OsStr::new("ir"),
            OsStr::new("--docs"),
            docs.path().as_os_str(),
        ])
        .args([OsStr::new("--out"), json.as_os_str(), OsStr::new("--show")])
        .arg("50")
        .output()
        .expect("xtask runs");
    let gen = gen(docs.path(), &parent.path().join("out"));
    for (command, output) in [("ir", &ir), ("gen", &gen)] {
        let text = stderr(output);
        assert!(output.status.success(), "{command}: {text}");
        let controls: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(
            controls.is_empty(),
            "{command} printed {controls:?}: {text}"
        );
        assert!(
            names(output, "\\u{1b}[2J"),
            "{command} shows the escape: {text}"
        );
    }
}

#[test]
fn a_50_mb_page_is_read_or_reported_and_the_rest_generated() {
    let mut page = resource_page("huge", "|id|String|The key.|\n|body|String|A big one.|");
    let paragraph =
        "A long paragraph of filler text that goes on and on, with `code` and [links](x.md). ";
    page.reserve(50 << 20);
    while page.len() < 50 << 20 {
        page.push_str(paragraph);
        if page.len() % 4096 < paragraph.len() {
            page.push_str("\n\n");
        }
    }
    let docs = docs_with(&[("resources/huge.md", page.into_bytes())]);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = gen(docs.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        generated_mentions(&out, "Gizmo"),
        "the other page is generated"
    );
    // Either the type is there, or the page was skipped with a message naming it.
    assert!(
        generated_mentions(&out, "Huge") || names(&output, "huge.md"),
        "the 50 MB page neither generated nor reported: {}",
        stderr(&output)
    );
}

#[test]
fn a_page_with_10000_properties_generates_them_all() {
    let rows: String = (0..10_000)
        .map(|i| format!("|property{i:05}|Int32|Property number {i}.|\n"))
        .collect();
    let docs = docs_with(&[(
        "resources/wide.md",
        resource_page("wide", &format!("|id|String|The key.|\n{rows}")).into_bytes(),
    )]);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = gen(docs.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let model =
        find_file_containing(&out, "property09999").expect("the last property is generated");
    let text = std::fs::read_to_string(&model).unwrap();
    assert!(
        rust_file_problems(&text).is_empty(),
        "{:?}",
        rust_file_problems(&text)
    );
    let fields = text.matches("pub property").count();
    assert!(
        fields >= 10_000,
        "only {fields} of 10,000 properties became fields"
    );
}

fn find_file_containing(dir: &Path, needle: &str) -> Option<PathBuf> {
    files_under(dir)
        .into_iter()
        .map(|f| dir.join(f))
        .find(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains(needle)))
}

#[test]
fn odd_tree_entries_do_not_stop_generation() {
    let docs = docs_with(&[
        ("api/notes.txt", b"not markdown".to_vec()),
        ("resources/.hidden.md", b"# hidden".to_vec()),
        (
            "resources/sub/deeper/nested.md",
            resource_page("nested", "|id|String|The key.|").into_bytes(),
        ),
        (
            "README.md",
            b"# A readme outside api/ and resources/".to_vec(),
        ),
    ]);
    std::fs::create_dir_all(docs.path().join("resources/folder.md")).unwrap();
    #[cfg(unix)]
    {
        // A symlink loop and a dangling link must not hang or stop the reader.
        std::os::unix::fs::symlink(
            docs.path().join("resources"),
            docs.path().join("resources/loop"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            docs.path().join("nowhere.md"),
            docs.path().join("api/dangling.md"),
        )
        .unwrap();
        // A file name that is not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        std::fs::write(
            docs.path()
                .join("api")
                .join(OsStr::from_bytes(b"bad-\xff-name.md")),
            b"# bad name",
        )
        .unwrap();
    }
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = gen(docs.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        generated_mentions(&out, "Gizmo"),
        "the good page is generated"
    );
}

#[test]
fn an_out_path_that_is_a_file_fails_and_keeps_the_file() {
    let docs = docs_with(&[]);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    std::fs::write(&out, b"a user's file").unwrap();
    let output = gen(docs.path(), &out);
    assert!(!output.status.success(), "cannot write a crate over a file");
    assert!(
        names(&output, &out.display().to_string()),
        "{}",
        stderr(&output)
    );
    assert!(
        out.is_file(),
        "the user's file was replaced (now a directory: {})",
        out.is_dir()
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"a user's file",
        "the file is untouched"
    );
    assert_eq!(
        robustness::pipeline::entries(parent.path()),
        ["out"],
        "nothing left beside it"
    );
}

/// A FIFO, a link to `/dev/zero` and a file larger than any page are skipped with a warning each
/// (RES007, RES008), without being opened or read: the run ends, and the good page is generated.
#[cfg(unix)]
#[test]
fn special_and_oversized_files_are_skipped_without_being_read() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let huge = vec![b'a'; generator::read::MAX_PAGE_BYTES as usize + 1];
    let docs = docs_with(&[("api/huge.md", huge)]);
    let made = Command::new("mkfifo")
        .arg(docs.path().join("api/pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo made the FIFO");
    std::os::unix::fs::symlink("/dev/zero", docs.path().join("resources/zero.md")).unwrap();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let mut child = Command::new(xtask_binary())
        .args(["gen", "--show", "20", "--docs"])
        .arg(docs.path())
        .arg("--out")
        .arg(&out)
        .current_dir(robustness::pipeline::workspace_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xtask starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("xtask gen did not finish: it waits on the FIFO or reads /dev/zero");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let text = stderr(&output);
    assert!(output.status.success(), "the good page is usable: {text}");
    for (file, code) in [
        ("pipe.md", "RES007"),
        ("zero.md", "RES007"),
        ("huge.md", "RES008"),
    ] {
        assert!(
            text.lines().any(|l| l.contains(file) && l.contains(code)),
            "{code} names {file}: {text}"
        );
    }
    assert!(
        generated_mentions(&out, "Gizmo"),
        "the good page is generated"
    );
}
