//! Tiny hand-written pages for the resolver's unit tests.

use crate::docs::{
    ApiPage, EnumDef, HttpLine, Page, PageKind, PropertyRow, RawType, ResourceAnnotation,
    ResourcePage,
};
use crate::model::{Example, ExampleRequest, ExampleResponse, HttpMethod, Source};
use std::collections::BTreeMap;

/// A table row `name | type`; `collection` for "x collection".
pub fn row(name: &str, ty: &str, collection: bool) -> PropertyRow {
    PropertyRow {
        name: name.into(),
        type_text: ty.into(),
        ty: Some(RawType {
            name: ty.into(),
            collection,
            link: None,
        }),
        description: String::new(),
        required: None,
        possible_values: Vec::new(),
        source: Source::new("resources/x.md", 10),
    }
}

/// A resource page for `microsoft.graph.<name>` with properties and relationships.
pub fn resource(
    name: &str,
    base: Option<&str>,
    props: Vec<PropertyRow>,
    rels: Vec<PropertyRow>,
) -> Page {
    let file = format!("v1.0/resources/{}.md", name.to_ascii_lowercase());
    Page {
        file: file.clone(),
        kind: Some(PageKind::Resource),
        title: format!("{name} resource type"),
        namespace: Some("microsoft.graph".into()),
        resource: Some(ResourcePage {
            properties: props,
            relationships: rels,
            annotation: Some(ResourceAnnotation {
                odata_type: Some(format!("microsoft.graph.{name}")),
                base_type: base.map(|b| format!("microsoft.graph.{b}")),
                source: Source::new(file, 20),
                ..ResourceAnnotation::default()
            }),
            inherits_from: None,
        }),
        ..Page::default()
    }
}

/// An enum page defining one enum.
pub fn enum_page(name: &str, members: &[&str], flags: bool) -> Page {
    let file = format!("v1.0/resources/{}.md", name.to_ascii_lowercase());
    Page {
        file: file.clone(),
        kind: Some(PageKind::Enum),
        title: format!("{name} enum type"),
        enums: vec![EnumDef {
            name: name.into(),
            flags,
            members: members
                .iter()
                .map(|m| (m.to_string(), None, String::new()))
                .collect(),
            description: String::new(),
            source: Source::new(file, 5),
        }],
        ..Page::default()
    }
}

/// An API page `v1.0/api/<stem>.md` with `METHOD template` lines and example request URLs.
pub fn api(stem: &str, lines: &[(HttpMethod, &str)], examples: &[(HttpMethod, &str)]) -> Page {
    let file = format!("v1.0/api/{stem}.md");
    let http = lines
        .iter()
        .enumerate()
        .map(|(i, (method, template))| HttpLine {
            method: *method,
            template: template.to_string(),
            query: None,
            source: Source::new(file.clone(), 10 + i as u32),
        })
        .collect();
    let examples = examples
        .iter()
        .enumerate()
        .map(|(i, (method, url))| example(&file, 40 + 20 * i as u32, *method, url))
        .collect();
    Page {
        file,
        kind: Some(PageKind::Api),
        title: stem.into(),
        api: Some(ApiPage {
            http,
            examples,
            ..ApiPage::default()
        }),
        ..Page::default()
    }
}

/// An example request at `file:line`.
pub fn example(file: &str, line: u32, method: HttpMethod, url: &str) -> Example {
    let path = url.split('?').next().unwrap_or(url).to_string();
    Example {
        name: format!("example_{line}"),
        source: Source::new(file, line),
        request: ExampleRequest {
            method,
            url: url.into(),
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            source: Source::new(file, line),
        },
        response: None,
        path_values: BTreeMap::new(),
        path_index: None,
    }
}

/// A response half with an `@odata.type`.
pub fn response(odata_type: &str, is_collection: bool) -> ExampleResponse {
    ExampleResponse {
        status: 200,
        headers: Vec::new(),
        body: None,
        odata_type: Some(odata_type.into()),
        is_collection,
        truncated: false,
        source: Source::default(),
    }
}
