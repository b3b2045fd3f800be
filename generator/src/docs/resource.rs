//! Resource pages: properties, relationships, the JSON representation's annotation and the base
//! type named in prose.

use super::annotation::BlockType;
use super::codes::{self, Reporter};
use super::scan::BlockKind;
use super::sections::{Doc, Section};
use super::text::find_ci;
use super::{tables, type_cell, Page, ResourceAnnotation, ResourcePage};
use crate::model::Source;

/// Reads what a resource page says about its type.
pub fn read(doc: &Doc, r: &mut Reporter) -> ResourcePage {
    let mut page = ResourcePage::default();
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(a) = &doc.annotations[i] {
            if a.block_type == BlockType::Resource && page.annotation.is_none() {
                page.annotation = Some(ResourceAnnotation {
                    odata_type: a.odata_type.clone(),
                    key_property: a.key_property.clone(),
                    base_type: a.base_type.clone(),
                    is_abstract: a.is_abstract,
                    open_type: a.open_type,
                    optional_properties: a.optional_properties.clone(),
                    source: Source::new(r.file, a.line),
                });
            }
            continue;
        }
        match (&block.kind, doc.sections[i]) {
            (BlockKind::Table { rows }, Section::Properties) if tables::is_property_table(rows) => {
                page.properties.extend(tables::property_rows(rows, r))
            }
            (BlockKind::Table { rows }, Section::Relationships)
                if tables::is_property_table(rows) =>
            {
                page.relationships.extend(tables::property_rows(rows, r))
            }
            (BlockKind::Paragraph { text, links, .. }, _) if page.inherits_from.is_none() => {
                page.inherits_from = inherits_from(text, links);
            }
            _ => {}
        }
    }
    page
}

/// "Inherits from [entity](entity.md)." → `entity`. The type must follow the phrase directly
/// ("... derives from. It holds" names no type).
fn inherits_from(text: &str, links: &[super::scan::Link]) -> Option<String> {
    let (at, needle) = ["inherits from", "derived from", "derives from"]
        .iter()
        .find_map(|needle| find_ci(text, needle).map(|at| (at, *needle)))?;
    let after = at + needle.len();
    let rest = text.get(after..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '*', '_']).len();
    if let Some(link) = links.iter().find(|l| l.start >= at) {
        if link.start <= after + gap + 1 {
            if let Some(ty) = type_cell::parse(&link.text) {
                return Some(ty.name);
            }
        }
    }
    let word = rest.split_whitespace().next()?;
    // A plain name ends the clause ("Inherits from entity." / "..., derived from entity, ...").
    let name = word.trim_end_matches(['.', ',']);
    let ends_clause = name.len() < word.len() || rest.trim_end().ends_with(word);
    if !ends_clause || name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let ty = type_cell::parse_plain(name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))?;
    Some(ty.name)
}

/// Reports resource pages that describe nothing.
pub fn check_not_empty(page: &Page, r: &mut Reporter) {
    let resource = page.resource.as_ref();
    let has_content = resource.is_some_and(|res| {
        !res.properties.is_empty() || !res.relationships.is_empty() || res.annotation.is_some()
    }) || !page.enums.is_empty();
    if !has_content {
        r.note(
            codes::EMPTY_RESOURCE,
            0,
            "resource page has no properties table, resource annotation or enum members",
            "add a `## Properties` table or a `blockType: resource` annotation",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::docs::read_page;

    const PAGE: &str = r#"---
doc_type: resourcePageType
---
# gadget resource type

Namespace: microsoft.graph

A thing that spins. Inherits from [entity](entity.md).

## Properties
| Property | Type | Description |
|:--|:--|:--|
| id | String | Read-only. |
| size | [gadgetSize](gadgetsize.md) | How big. Possible values are: `small`, `large`. |
| tags | String collection | Labels. |

## Relationships
| Relationship | Type | Description |
|:--|:--|:--|
| parts | [part](part.md) collection | Read-only. |

### gadgetSize values

|Member|
|:---|
|small|
|large|

## JSON representation
<!--{
  "blockType": "resource",
  "keyProperty": "id",
  "baseType": "microsoft.graph.entity",
  "openType": true,
  "@odata.type": "microsoft.graph.gadget"
}-->
```json
{ "id": "string" }
```
"#;

    #[test]
    fn reads_resource_page() {
        let (page, diags) = read_page("v1.0/resources/gadget.md", PAGE);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            page.description,
            "A thing that spins. Inherits from entity."
        );
        let res = page.resource.unwrap();
        assert_eq!(res.properties.len(), 3);
        assert_eq!(res.properties[1].possible_values, ["small", "large"]);
        assert!(res.properties[2].ty.as_ref().unwrap().collection);
        assert_eq!(res.relationships[0].name, "parts");
        assert_eq!(res.inherits_from.as_deref(), Some("entity"));
        let a = res.annotation.unwrap();
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.gadget"));
        assert_eq!(a.key_property.as_deref(), Some("id"));
        assert!(a.open_type);
        assert_eq!(page.enums.len(), 1);
        assert_eq!(page.enums[0].name, "gadgetSize");
        assert_eq!(page.enums[0].members.len(), 2);
    }

    #[test]
    fn empty_resource_is_noted() {
        let (_, diags) = read_page("v1.0/resources/x.md", "# x\n\nNothing here.\n");
        assert!(diags.iter().any(|d| d.code == "DOC020"));
    }

    #[test]
    fn inherits_from_needs_a_type_right_after_the_phrase() {
        let page = |prose: &str| {
            let text = format!("---\ndoc_type: resourcePageType\n---\n# t\n\n{prose}\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n");
            read_page("v1.0/resources/t.md", &text)
                .0
                .resource
                .unwrap()
                .inherits_from
        };
        assert_eq!(page("Every object derives from. It holds a key."), None);
        assert_eq!(
            page("Derived from [entity](entity.md)."),
            Some("entity".into())
        );
        assert_eq!(
            page("Inherits from **directoryObject**."),
            Some("directoryObject".into())
        );
        assert_eq!(
            page("Inherits from nothing; see [entity](entity.md)."),
            None
        );
    }
}
