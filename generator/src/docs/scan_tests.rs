use super::*;

fn blocks(text: &str) -> Vec<Block<'_>> {
    let lines = Box::leak(Box::new(LineIndex::new(text)));
    scan(text, 0, lines)
}

#[test]
fn headings_tabs_and_paragraphs() {
    let b = blocks("# Title\n\nSome text [link](x.md).\n\n# [HTTP](#tab/http)\n");
    assert!(
        matches!(&b[0].kind, BlockKind::Heading { level: 1, text, tab: false, .. } if text == "Title")
    );
    match &b[1].kind {
        BlockKind::Paragraph { text, links, .. } => {
            assert_eq!(text, "Some text link.");
            assert_eq!(links[0].dest, "x.md");
            assert_eq!(links[0].text, "link");
            assert_eq!(b[1].line, 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&b[2].kind, BlockKind::Heading { tab: true, .. }));
}

#[test]
fn comments_block_and_inline() {
    let b = blocks("<!-- { \"a\": 1 } -->\n```http\nGET /x\n```\ntext <!-- inline\nmore --> end\n");
    assert!(matches!(&b[0].kind, BlockKind::Comment { body, .. } if body.contains("\"a\"")));
    assert!(matches!(
        &b[1].kind,
        BlockKind::Code {
            body_line: 3,
            closed: true,
            ..
        }
    ));
    assert!(b.iter().any(
        |x| matches!(&x.kind, BlockKind::Comment { body, .. } if body.contains("inline\nmore"))
    ));
}

#[test]
fn unclosed_fence_is_reported_as_open() {
    let b = blocks("```http\nGET /x\n");
    assert!(matches!(&b[0].kind, BlockKind::Code { closed: false, .. }));
}

#[test]
fn tables_keep_raw_cells() {
    let b = blocks("|A|B|\n|-|-|\n|x|[t](t.md) collection|\n");
    match &b[0].kind {
        BlockKind::Table { rows } => {
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[1].cells[1].raw, "[t](t.md) collection");
            assert_eq!(rows[1].cells[1].text, "t collection");
            assert_eq!(rows[1].line, 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn tables_with_tabs_in_the_delimiter_row() {
    let b = blocks("| Name\t\t| Type |\n| --- \t\t|---|\n| a | [t](t.md) \\| x |\n");
    match &b[0].kind {
        BlockKind::Table { rows } => {
            assert_eq!(rows[0].cells[0].text, "Name");
            assert_eq!(rows[1].cells[1].raw, "[t](t.md) \\| x");
            assert_eq!(rows[1].line, 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn list_items_become_paragraphs() {
    let b = blocks("- one\n- two\n");
    assert_eq!(b.len(), 2);
}
