//! Enums no page defines, built from "Possible values are: `a`, `b`" prose in property
//! descriptions.

use super::codes;
use super::type_refs::{primitive, NameKind, TypeIndex};
use super::types::{split_qualified, Drafts};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{qualified_key, EnumMember, EnumType};
use std::collections::BTreeMap;

/// Builds enums from "Possible values are: `a`, `b`" prose for property types no page defines.
pub(crate) fn enums_from_prose(
    drafts: &mut Drafts<'_>,
    index: &mut TypeIndex,
    diags: &mut Diagnostics,
) {
    let mut found: BTreeMap<String, EnumType> = BTreeMap::new();
    for draft in drafts.types.values() {
        for row in &draft.rows {
            let Some(raw) = &row.ty else { continue };
            let (name, _) = super::type_refs::clean_type_name(&raw.name);
            let bare = !name.contains(['/', ' ']) && !name.is_empty();
            if !bare
                || primitive(&name).is_some()
                || index.lookup(&name, &draft.ty.namespace).is_some()
            {
                continue;
            }
            let members = match row.possible_values.is_empty() {
                true => possible_values(&row.description),
                false => row.possible_values.clone(),
            };
            if members.is_empty() {
                continue;
            }
            let (namespace, simple) = split_qualified(&name, Some(&draft.ty.namespace));
            let key = qualified_key(&format!("{namespace}.{simple}"));
            let en = found.entry(key).or_insert_with(|| EnumType {
                namespace,
                name: simple,
                flags: false,
                members: Vec::new(),
                description: String::new(),
                workload: draft.ty.workload.clone(),
                sources: Vec::new(),
            });
            en.sources.push(row.source.clone());
            for m in members {
                if !en.members.iter().any(|e| e.name == m) {
                    en.members.push(EnumMember {
                        name: m,
                        value: None,
                        description: String::new(),
                    });
                }
            }
        }
    }
    for (key, en) in found {
        let first = en.sources[0].clone();
        diags.push(Diagnostic::new(
            codes::ENUM_FROM_PROSE,
            Severity::Note,
            &first.file,
            first.line,
            format!("no page defines enum `{}`; built it from the 'Possible values are' prose ({} members)", en.name, en.members.len()),
        ));
        index.insert(&key, NameKind::Enum, None);
        drafts.enums.insert(key, en);
    }
}

/// The member names listed after "Possible values are" in a description.
pub(crate) fn possible_values(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let Some(at) = lower.find("possible values are") else {
        return Vec::new();
    };
    let rest = description[at + "possible values are".len()..].trim_start_matches([':', ' ']);
    let end = rest
        .find(". ")
        .or_else(|| rest.find('\n'))
        .unwrap_or(rest.len());
    let mut members = Vec::new();
    let list = rest[..end].replace(" or ", ",").replace(" and ", ",");
    for part in list.split([',', ';']) {
        let part = part.trim().trim_end_matches('.');
        let part = part
            .strip_prefix("and ")
            .or_else(|| part.strip_prefix("or "))
            .unwrap_or(part);
        let word = part.trim().trim_matches(['`', '\'', '"', '*']);
        let identifier =
            !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if identifier && !members.iter().any(|m| m == word) {
            members.push(word.to_string());
        }
    }
    members
}
