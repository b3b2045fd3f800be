use super::*;

fn no_types(_: &str) -> bool {
    false
}

fn normalized(raw: &str) -> String {
    parse_template(raw, &no_types).normalized()
}

#[test]
fn strips_host_version_and_query() {
    assert_eq!(
        strip_url("https://graph.microsoft.com/v1.0/me/events?$top=1"),
        "me/events"
    );
    assert_eq!(strip_url("/beta/groups/"), "groups");
    assert_eq!(strip_url("GROUPS/{id}"), "GROUPS/{id}");
    assert_eq!(strip_url("/a/f(x='?')?q"), "a/f(x='?')");
    assert_eq!(strip_url("~/a/b/"), "a/b");
    assert_eq!(strip_url("/microsoft.com/beta/groups"), "groups");
}

#[test]
fn bare_ids_are_named_after_their_collection() {
    assert_eq!(
        normalized("/groups/{id}/conversations/{id}"),
        "/groups/{group-id}/conversations/{conversation-id}"
    );
    assert_eq!(
        normalized("/users/{id | userPrincipalName}/events"),
        "/users/{user-id}/events"
    );
    assert_eq!(normalized("/a/policies/<id>"), "/a/policies/{policy-id}");
}

#[test]
fn explicit_names_are_kebab_cased_and_duplicates_numbered() {
    assert_eq!(
        normalized("/teams/(teamId)/x/{channel_id}"),
        "/teams/{team-id}/x/{channel-id}"
    );
    assert_eq!(
        normalized("/sites/{site-id}/sites/{site-id}"),
        "/sites/{site-id}/sites/{site-id-2}"
    );
    assert!(has_renumbered_parameter(&parse_template(
        "/a/{b}/c/{b}",
        &no_types
    )));
}

#[test]
fn quoted_keys_become_key_segments() {
    assert_eq!(
        normalized("/me/messages('{id}')/attachments"),
        "/me/messages/{message-id}/attachments"
    );
}

#[test]
fn functions_with_parameters_and_literals() {
    let t = parse_template(
        "/reports/getX(period='{period_value}',kind='daily')",
        &no_types,
    );
    let Segment::Call {
        name,
        args,
        parenthesized,
    } = &t.segments[1]
    else {
        panic!("{t:?}")
    };
    assert_eq!((name.as_str(), *parenthesized), ("getX", true));
    assert_eq!(args[0].param.as_deref(), Some("period"));
    assert_eq!(args[1].literal.as_deref(), Some("'daily'"));
    let t = parse_template(
        "/requests/filterByCurrentUser(on='parameterValue')",
        &no_types,
    );
    let Segment::Call { args, .. } = &t.segments[1] else {
        panic!("{t:?}")
    };
    assert_eq!(args[0].param.as_deref(), Some("on"));
    assert_eq!(
        normalized("/me/drive/root/delta()"),
        "/me/drive/root/delta()"
    );
}

#[test]
fn dotted_segments_are_casts_or_calls() {
    let is_type = |s: &str| s.eq_ignore_ascii_case("microsoft.graph.user");
    let t = parse_template("/groups/{id}/members/microsoft.graph.user", &is_type);
    assert_eq!(t.segments[3], Segment::Cast("microsoft.graph.user".into()));
    let t = parse_template("/users/microsoft.graph.getByIds", &is_type);
    assert!(matches!(
        &t.segments[1],
        Segment::Call {
            parenthesized: false,
            ..
        }
    ));
}

#[test]
fn sample_values_in_templates_are_keys() {
    let t = parse_template(
        "/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/items/22002/x/contoso.com",
        &no_types,
    );
    assert_eq!(
        t.normalized(),
        "/classes/{class-id}/items/{item-id}/x/{x-id}"
    );
    assert!(!looks_like_value("getOffice365ActiveUserDetail"));
    assert!(looks_like_value("a@b"));
}

#[test]
fn colon_paths_are_one_segment() {
    let t = parse_template("/me/drive/root:/{item-path}:/content", &no_types);
    assert_eq!(t.segments.len(), 5);
    assert_eq!(
        t.segments[3],
        Segment::ColonPath {
            param: "item-path".into()
        }
    );
    let pieces = split_path("me/drive/root:/a/b c.txt:/content");
    assert_eq!(
        pieces[3],
        Piece {
            text: "a/b c.txt",
            colon: true
        }
    );
    assert_eq!(pieces[4].text, "content");
    assert_eq!(split_path("sites/host:/x").len(), 3);
}

#[test]
fn colons_inside_arguments_do_not_split() {
    let pieces = split_path("w/range(address='A1:B2')/format");
    assert_eq!(pieces.len(), 3);
}

#[test]
fn singular_rules() {
    let cases = [
        ("policies", "policy"),
        ("addresses", "address"),
        ("statuses", "status"),
        ("boxes", "box"),
        ("users", "user"),
        ("mailFolders", "mailFolder"),
        ("people", "person"),
        ("access", "access"),
        ("me", "me"),
    ];
    for (plural, single) in cases {
        assert_eq!(singular(plural), single, "{plural}");
    }
}
