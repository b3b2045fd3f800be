//! A synthetic docs tree of our own text, as large as a test needs: `count` resource pages
//! (`thingN`, 20 properties and a link to the previous one) and an API page for each.

use std::path::Path;

/// Writes the tree under `root/v1.0` and returns that folder.
pub fn synthetic_docs(root: &Path, count: usize) -> std::path::PathBuf {
    let docs = root.join("v1.0");
    std::fs::create_dir_all(docs.join("api")).expect("create api/");
    std::fs::create_dir_all(docs.join("resources")).expect("create resources/");
    for i in 0..count {
        std::fs::write(docs.join(format!("resources/thing{i}.md")), resource(i))
            .expect("write resource page");
        std::fs::write(docs.join(format!("api/thing{i}-get.md")), api(i)).expect("write api page");
    }
    docs
}

const TYPES: [&str; 4] = ["String", "Int32", "Boolean", "DateTimeOffset"];

fn resource(i: usize) -> String {
    let mut rows = String::from("|id|String|The key.|\n");
    for j in 0..20 {
        rows.push_str(&format!(
            "|field{j}|{}|Field {j} of thing {i}.|\n",
            TYPES[j % 4]
        ));
    }
    if i > 0 {
        rows.push_str(&format!(
            "|previous|[thing{p}](thing{p}.md)|The thing before this one.|\n",
            p = i - 1
        ));
    }
    format!(
        "---\ntitle: \"thing{i} resource type\"\ndescription: \"Thing number {i}.\"\nms.prod: \"work{w}\"\n\
         doc_type: resourcePageType\n---\n\n# thing{i} resource type\n\nNamespace: microsoft.graph\n\n\
         Thing number {i}, made up by the robustness suites.\n\n## Properties\n\
         | Property | Type | Description |\n|:---|:---|:---|\n{rows}\n## JSON representation\n\
         <!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.thing{i}\"\n}}-->\n\
         ```json\n{{ \"id\": \"String\" }}\n```\n",
        w = i % 7
    )
}

fn api(i: usize) -> String {
    format!(
        "---\ntitle: \"Get thing{i}\"\ndescription: \"Reads thing {i}.\"\nms.prod: \"work{w}\"\ndoc_type: apiPageType\n---\n\n\
         # Get thing{i}\n\nNamespace: microsoft.graph\n\nReads one [thing{i}](../resources/thing{i}.md).\n\n\
         ## Permissions\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)|Thing.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n\
         |Application|Thing.Read.All|\n\n## HTTP request\n```http\nGET /things{i}/{{thing-id}}\nPATCH /things{i}/{{thing-id}}\n```\n\n\
         ## Response\nIf successful, this method returns a `200 OK` response code and a \
         [thing{i}](../resources/thing{i}.md) object in the response body.\n",
        w = i % 7
    )
}
