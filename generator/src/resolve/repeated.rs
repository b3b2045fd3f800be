//! Parameters named twice. Two request-body rows `x` would make a body struct that serialises
//! `{"x":…,"x":…}` (JSON with a duplicate key, which servers read either way), and a call
//! `fn(x={x},x={x})` would send `x` twice. Names are compared ASCII case-insensitively, as
//! resource properties are: the first is kept, later ones are dropped with a RES024 warning
//! that points at the repeated row or request line.

use super::codes;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::PropertyRow;
use crate::model::{PathTemplate, Segment, Source};

/// `rows` without those whose name an earlier row already has (one warning each).
pub(crate) fn unique_rows<'a>(
    rows: Vec<&'a PropertyRow>,
    diags: &mut Diagnostics,
) -> Vec<&'a PropertyRow> {
    let mut kept: Vec<&PropertyRow> = Vec::with_capacity(rows.len());
    for row in rows {
        match kept.iter().find(|k| k.name.eq_ignore_ascii_case(&row.name)) {
            None => kept.push(row),
            Some(first) => diags.push(repeated_row(first, row)),
        }
    }
    kept
}

fn repeated_row(first: &PropertyRow, row: &PropertyRow) -> Diagnostic {
    let mut at = match first.source.file == row.source.file {
        true => format!("at line {}", first.source.line),
        false => format!("at {}:{}", first.source.file, first.source.line),
    };
    if first.name != row.name {
        at = format!("as `{}` {at}", first.name);
    }
    Diagnostic::new(
        codes::REPEATED_PARAMETER,
        Severity::Warning,
        &row.source.file,
        row.source.line,
        format!(
            "parameter `{}` is listed again (first {at}); this row is dropped",
            row.name
        ),
    )
    .with_help("give each parameter one row: rename this one, or remove it")
}

/// Drops, from every call segment of `template`, the arguments whose name an earlier argument
/// of that call already has (one warning each; `written` is the template as the page has it).
pub(crate) fn drop_repeated_arguments(
    template: &mut PathTemplate,
    written: &str,
    source: &Source,
    diags: &mut Diagnostics,
) {
    for segment in &mut template.segments {
        let Segment::Call { name, args, .. } = segment else {
            continue;
        };
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i].name;
            if !args[..i].iter().any(|a| a.name.eq_ignore_ascii_case(arg)) {
                i += 1;
                continue;
            }
            let message = format!(
                "path `{written}` passes `{arg}` to `{name}` twice; the later argument is dropped"
            );
            diags.push(
                Diagnostic::new(
                    codes::REPEATED_PARAMETER,
                    Severity::Warning,
                    &source.file,
                    source.line,
                    message,
                )
                .with_help("pass each argument once, e.g. `f(a={a},b={b})`"),
            );
            args.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::paths::parse_template;

    fn row(name: &str, line: u32) -> PropertyRow {
        PropertyRow {
            name: name.to_string(),
            type_text: "String".to_string(),
            ty: None,
            description: String::new(),
            required: None,
            possible_values: Vec::new(),
            source: Source::new("api/widget-act.md", line),
        }
    }

    #[test]
    fn later_rows_of_one_name_are_dropped_with_a_warning() {
        let rows = [row("x", 20), row("y", 21), row("X", 22), row("x", 23)];
        let mut diags = Diagnostics::default();
        let kept = unique_rows(rows.iter().collect(), &mut diags);
        let names: Vec<_> = kept
            .iter()
            .map(|r| (r.name.as_str(), r.source.line))
            .collect();
        assert_eq!(names, [("x", 20), ("y", 21)]);
        let found: Vec<_> = diags.items.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, [("RES024", 22), ("RES024", 23)]);
        let d = &diags.items[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message
                .contains("`X` is listed again (first as `x` at line 20)"),
            "{d:?}"
        );
        assert!(d.help.is_some());
    }

    #[test]
    fn a_call_passing_an_argument_twice_keeps_the_first() {
        let written = "/widgets/{widget-id}/fn(x={x},y={y},X={x})";
        let mut template = parse_template(written, &|_| false);
        let mut diags = Diagnostics::default();
        let source = Source::new("api/widget-fn.md", 9);
        drop_repeated_arguments(&mut template, written, &source, &mut diags);
        assert_eq!(
            template.normalized(),
            "/widgets/{widget-id}/fn(x={x},y={y})"
        );
        assert_eq!(template.raw, written, "the template as written stays");
        assert_eq!(diags.items.len(), 1);
        assert_eq!((diags.items[0].code, diags.items[0].line), ("RES024", 9));
    }
}
