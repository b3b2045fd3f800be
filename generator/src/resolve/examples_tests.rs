use super::*;
use crate::model::HttpMethod::{Get, Post};
use crate::resolve::fixtures::{api, example};
use crate::resolve::operations::tests::blank_operation;
use crate::resolve::paths::parse_template;

fn ops(templates: &[(&str, HttpMethod, &[&str])]) -> Vec<Operation> {
    templates
        .iter()
        .map(|(file, method, paths)| Operation {
            method: *method,
            paths: paths
                .iter()
                .map(|p| parse_template(p, &|_| false))
                .collect(),
            source: crate::model::Source::new(*file, 1),
            ..blank_operation()
        })
        .collect()
}

fn find(operations: &[Operation], method: HttpMethod, url: &str, page: &str) -> Option<Tie> {
    TemplateIndex::new(operations).find(&example(page, 5, method, url), page)
}

#[test]
fn example_paths_split_keys_calls_and_colon_paths() {
    use ExampleSegment::*;
    let segs = parse_example_path("/me/messages('AAMk=')/attachments");
    assert_eq!(
        segs,
        [
            Plain("me".into()),
            Plain("messages".into()),
            Plain("AAMk=".into()),
            Plain("attachments".into())
        ]
    );
    let segs = parse_example_path("https://graph.microsoft.com/beta/r/getX(period='D7')?$top=2");
    assert_eq!(
        segs[1],
        Call {
            name: "getX".into(),
            args: vec![("period".into(), "D7".into())]
        }
    );
    let segs = parse_example_path("/me/drive/root:/a/b.txt:/content");
    assert_eq!(segs[3], Colon("a/b.txt".into()));
}

#[test]
fn keys_match_any_segment_and_values_are_recorded() {
    let operations = ops(&[("a.md", Get, &["/groups/{id}/conversations/{id}"])]);
    let tie = find(
        &operations,
        Get,
        "/groups/G1/Conversations/{conv-id}",
        "x.md",
    )
    .unwrap();
    assert_eq!(tie.values["group-id"], "G1");
    assert_eq!(tie.values["conversation-id"], "{conv-id}");
    assert!(find(&operations, Post, "/groups/G1/conversations/C", "x.md").is_none());
}

#[test]
fn literals_beat_keys_and_same_page_beats_literals() {
    let operations = ops(&[
        ("a.md", Get, &["/me/folders/{id}/items"]),
        ("b.md", Get, &["/me/folders/inbox/items"]),
    ]);
    let tie = find(&operations, Get, "/me/folders/inbox/items", "c.md").unwrap();
    assert_eq!(tie.operation, 1);
    let tie = find(&operations, Get, "/me/folders/inbox/items", "a.md").unwrap();
    assert_eq!(tie.operation, 0);
}

#[test]
fn me_and_users_are_aliases() {
    let operations = ops(&[
        ("a.md", Get, &["/users/{id}/events"]),
        ("b.md", Get, &["/me/calendar"]),
    ]);
    let tie = find(&operations, Get, "/me/events", "a.md").unwrap();
    assert_eq!(tie.values["user-id"], "me");
    let tie = find(&operations, Get, "/users/u1/calendar", "b.md").unwrap();
    assert_eq!(tie.operation, 1);
}

#[test]
fn function_arguments_and_colon_paths_fill_parameters() {
    let operations = ops(&[
        ("a.md", Get, &["/reports/getX(period='{period_value}')"]),
        ("b.md", Get, &["/me/drive/root:/{item-path}:/content"]),
    ]);
    let tie = find(&operations, Get, "/reports/getx(period='D7')", "a.md").unwrap();
    assert_eq!(tie.values["period"], "D7");
    let tie = find(
        &operations,
        Get,
        "/me/drive/root:/docs/a.txt:/content",
        "b.md",
    )
    .unwrap();
    assert_eq!(tie.values["item-path"], "docs/a.txt");
}

#[test]
fn unmatched_and_external_examples_are_reported_with_their_line() {
    let examples = [
        (Get, "/a/1"),
        (Get, "/b/1"),
        (Post, "https://bot.contoso.com/api/calls"),
    ];
    let page = api("p", &[(Get, "/a/{id}")], &examples);
    let mut operations = ops(&[("v1.0/api/p.md", Get, &["/a/{id}"])]);
    let mut diags = Diagnostics::default();
    let pages = [page];
    let placement = tie(&mut operations, &pages, &mut diags);
    let untied = place(&mut operations, placement, copied_examples(&pages));
    assert_eq!(operations[0].examples.len(), 1);
    assert_eq!(operations[0].examples[0].path_index, Some(0));
    assert_eq!((untied.unmatched.len(), untied.external.len()), (1, 1));
    let mut found: Vec<_> = diags.items.iter().map(|d| (d.code, d.line)).collect();
    found.sort_by_key(|&(_, line)| line);
    assert_eq!(
        found,
        [
            (codes::UNMATCHED_EXAMPLE, 60),
            (codes::EXTERNAL_EXAMPLE, 80)
        ]
    );
    assert_eq!(external_host("https://graph.microsoft.com/v1.0/me"), None);
    assert_eq!(external_host("/me"), None);
}

#[test]
fn drive_root_ref_and_cast_aliases() {
    let operations = ops(&[
        ("a.md", Get, &["/me/drive/items/{id}/children"]),
        (
            "b.md",
            HttpMethod::Delete,
            &["/groups/{id}/members/{id}/$ref"],
        ),
        ("c.md", Get, &["/groups/{id}/members"]),
    ]);
    let tie = find(&operations, Get, "/drive/root/children", "a.md").unwrap();
    assert_eq!(tie.values["item-id"], "root");
    let tie = find(
        &operations,
        HttpMethod::Delete,
        "/groups/g/members/m",
        "b.md",
    )
    .unwrap();
    assert_eq!(tie.operation, 1);
    let tie = find(
        &operations,
        Get,
        "/groups/g/members/microsoft.graph.user",
        "c.md",
    )
    .unwrap();
    assert_eq!(tie.operation, 2);
}

#[test]
fn a_count_segment_is_no_key_value() {
    let operations = ops(&[
        ("get.md", Get, &["/applications/{id}"]),
        ("list.md", Get, &["/applications"]),
    ]);
    let tie = find(&operations, Get, "/applications/$count", "list.md").unwrap();
    assert_eq!(tie.operation, 1);
    let tie = find(&operations, Get, "/applications/$count", "get.md").unwrap();
    assert_eq!(
        tie.operation, 1,
        "not `{{id}}` = `$count`, even on the get page"
    );
    let me = ops(&[("me.md", Get, &["/me"]), ("list.md", Get, &["/users"])]);
    let tie = find(&me, Get, "/users/$count", "list.md").unwrap();
    assert_eq!(tie.operation, 1, "`/users/$count` is no `/me`");
    let tie = find(&operations, Get, "/applications/a1", "get.md").unwrap();
    assert_eq!(tie.values["application-id"], "a1");
}

#[test]
fn a_template_naming_the_example_arguments_wins() {
    let operations = ops(&[(
        "tz.md",
        Get,
        &[
            "/me/outlook/supportedTimeZones",
            "/me/outlook/supportedTimeZones(TimeZoneStandard={format})",
        ],
    )]);
    let tie = find(
        &operations,
        Get,
        "/me/outlook/supportedTimeZones(TimeZoneStandard='Iana')",
        "tz.md",
    )
    .unwrap();
    assert_eq!(tie.path_index, 1);
    assert_eq!(tie.values["time-zone-standard"], "Iana");
    let tie = find(&operations, Get, "/me/outlook/supportedTimeZones", "tz.md").unwrap();
    assert_eq!(tie.path_index, 0);
}
