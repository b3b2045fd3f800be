//! The real corpus through the example emitter: every example is accounted for (code, or a
//! cause), examples we cannot write stay below 1%, and emission is deterministic. Running the
//! cases is `cargo xtask conformance --docs …/v1.0` (part of `.ci/run`).

use generator::diag::Diagnostics;
use generator::emit::examples::{self, record::Blame};
use generator::{read, resolve};

#[test]
fn corpus_examples_are_all_accounted_for() {
    let Some(root) = graph_docgen_e2e::corpus_root("corpus_conformance") else {
        return;
    };
    let read = read::read_docs(&root.join("v1.0"));
    let mut diags = read.diagnostics;
    let api = resolve::build(&read.pages, &mut diags);
    let tied: usize = api.operations.iter().map(|op| op.examples.len()).sum();
    let total = tied + api.unmatched_examples.len();
    assert!(
        total > 2000,
        "the v1.0 corpus has thousands of examples ({total})"
    );

    let census = examples::census(&api);
    let skipped: usize = census.skipped.values().sum();
    assert_eq!(
        census.cases + skipped,
        total,
        "every example has code or a cause"
    );
    let ours: usize = census
        .skipped
        .iter()
        .filter(|(cause, _)| cause.blame() == Blame::Ours)
        .map(|(_, n)| n)
        .sum();
    assert!(
        ours * 100 < total,
        "examples we cannot write: {ours} of {total}: {census:?}"
    );
    println!("v1.0 examples: {total}; {census:?}");

    let first = examples::emit_for_api(&api, &mut Diagnostics::default()).expect("emits");
    let second = examples::emit_for_api(&api, &mut Diagnostics::default()).expect("emits");
    assert!(first == second, "emission is deterministic");
}
