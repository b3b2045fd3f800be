//! Enums no page defines, built from "Possible values are: `a`, `b`" prose in property
//! descriptions.

use super::codes;
use super::type_refs::{primitive, NameKind, TypeIndex};
use super::types::{split_qualified, Drafts, TypeDraft};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::PropertyRow;
use crate::model::{qualified_key, EnumMember, EnumType, Source};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A property whose type no page defines but whose description lists its members.
struct Candidate {
    key: String,
    namespace: String,
    simple: String,
    workload: Option<String>,
    source: Source,
    members: Vec<String>,
}

/// Builds enums from "Possible values are: `a`, `b`" prose for property types no page defines.
/// Properties are looked at in parallel (the index does not change meanwhile), then merged in
/// type and row order.
pub(crate) fn enums_from_prose(
    drafts: &mut Drafts<'_>,
    index: &mut TypeIndex,
    diags: &mut Diagnostics,
) {
    let types: Vec<&TypeDraft<'_>> = drafts.types.values().collect();
    let shared: &TypeIndex = index;
    let candidates: Vec<Vec<Candidate>> = types
        .par_iter()
        .map(|draft| {
            let rows = draft.rows.iter();
            rows.filter_map(|row| candidate(draft, row, shared))
                .collect()
        })
        .collect();
    let mut found: BTreeMap<String, EnumType> = BTreeMap::new();
    for c in candidates.into_iter().flatten() {
        let en = found.entry(c.key).or_insert_with(|| EnumType {
            namespace: c.namespace,
            name: c.simple,
            flags: false,
            members: Vec::new(),
            description: String::new(),
            workload: c.workload,
            sources: Vec::new(),
        });
        en.sources.push(c.source);
        for m in c.members {
            if !en.members.iter().any(|e| e.name == m) {
                en.members.push(EnumMember {
                    name: m,
                    value: None,
                    description: String::new(),
                });
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

/// The enum a property's type names, when no page defines it and the description lists members.
fn candidate(draft: &TypeDraft<'_>, row: &PropertyRow, index: &TypeIndex) -> Option<Candidate> {
    let raw = row.ty.as_ref()?;
    let (name, _) = super::type_refs::clean_type_name(&raw.name);
    let bare = !name.contains(['/', ' ']) && !name.is_empty();
    if !bare || primitive(&name).is_some() || index.lookup(&name, &draft.ty.namespace).is_some() {
        return None;
    }
    let members = match row.possible_values.is_empty() {
        true => possible_values(&row.description),
        false => row.possible_values.clone(),
    };
    if members.is_empty() {
        return None;
    }
    let (namespace, simple) = split_qualified(&name, Some(&draft.ty.namespace));
    Some(Candidate {
        key: qualified_key(&format!("{namespace}.{simple}")),
        namespace,
        simple,
        workload: draft.ty.workload.clone(),
        source: row.source.clone(),
        members,
    })
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
