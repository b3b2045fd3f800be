//! Word forms of names in paths: kebab-case for parameter names (`userId` → `user-id`) and the
//! English singular of a collection (`policies` → `policy`) for naming its key.

use super::paths::ends_with_ignore_case;
use heck::ToKebabCase;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// kebab-case, skipping the conversion for names that already are (`user-id`).
pub(crate) fn kebab(name: &str) -> String {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if plain
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.as_bytes().windows(2).any(|w| w == b"--")
    {
        name.to_string()
    } else {
        remembered_kebab(name)
    }
}

/// kebab-case through heck, remembered per thread: a few hundred collection and parameter names
/// recur in thousands of templates, and heck spends thousands of instructions on each.
fn remembered_kebab(name: &str) -> String {
    thread_local! {
        static KEBAB: RefCell<HashMap<String, String>> = RefCell::default();
    }
    KEBAB.with_borrow_mut(|memo| {
        if let Some(kebab) = memo.get(name) {
            return kebab.clone();
        }
        let kebab = name.to_kebab_case();
        memo.insert(name.to_string(), kebab.clone());
        kebab
    })
}

pub(crate) fn kebab_or(name: &str, fallback: &str) -> String {
    let kebab = kebab(name);
    if kebab.is_empty() {
        fallback.to_string()
    } else {
        kebab
    }
}

/// English singular of a collection name, by a small rule set: `policies` → `policy`,
/// `addresses` → `address`, `statuses` → `status`, `boxes` → `box`, `users` → `user`.
pub(crate) fn singular(word: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[("people", "person"), ("children", "child")];
    for (plural, single) in IRREGULAR {
        if ends_with_ignore_case(word, plural) {
            let stem = &word[..word.len() - plural.len()];
            let head = &word[word.len() - plural.len()..][..1];
            let single = if head.chars().all(|c| c.is_ascii_uppercase()) {
                let mut s = single.to_string();
                s[..1].make_ascii_uppercase();
                s
            } else {
                single.to_string()
            };
            return format!("{stem}{single}");
        }
    }
    const RULES: &[(&str, &str)] = &[
        ("ies", "y"),
        ("sses", "ss"),
        ("uses", "us"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("ss", "ss"),
        ("us", "us"),
        ("is", "is"),
        ("s", ""),
    ];
    for (suffix, replacement) in RULES {
        if word.len() > suffix.len() + 1 && ends_with_ignore_case(word, suffix) {
            let mut single = word[..word.len() - suffix.len()].to_string();
            single.push_str(replacement);
            return single;
        }
    }
    word.to_string()
}
