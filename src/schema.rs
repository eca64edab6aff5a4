//! The JSON Schema of what resume-export accepts: the official JSON Resume schema (v1, draft-07) with our extensions added, for `schema`, `validate` and the editors that complete a resume naming it in `$schema`.

use serde_json::{Map, Value, json};

use crate::document::SECTION_IDS;

/// The official JSON Resume schema, compiled into the binary.
pub const OFFICIAL: &str = include_str!("../schema/resume.schema.json");

/// Where the schema says it lives (its `$id`); `init` writes it into new resumes.
pub const ID: &str = "https://github.com/resume-export/resume-export/schema/v1.json";

/// Other names `meta.sections` and `meta.sectionTitles` accept for sections.
pub const ALIASES: &[&str] = &[
    "experience",
    "jobs",
    "employment",
    "volunteering",
    "about",
    "profile",
    "certifications",
];

/// The extended schema. Every resume valid under the official schema stays
/// valid; the extensions only add properties and widen `highlights`.
pub fn extended() -> Value {
    let mut schema: Value = serde_json::from_str(OFFICIAL).unwrap_or_else(|_| json!({}));
    let Some(root) = schema.as_object_mut() else {
        return schema;
    };
    root.insert("$id".into(), json!(ID));
    root.insert(
        "title".into(),
        json!("JSON Resume, as read by resume-export"),
    );
    root.insert(
        "description".into(),
        json!(
            "JSON Resume v1 with the extensions of resume-export: tags on entries and \
             highlights (for --tags), meta.sections (order and choice of sections), \
             meta.sectionTitles and meta.language."
        ),
    );
    let tags = json!({
        "type": "array",
        "items": { "type": "string" },
        "description": "resume-export: labels that --tags selects by (e.g. \"backend\", \"lead\")"
    });
    let highlight = json!({
        "oneOf": [
            { "type": "string" },
            {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": { "type": "string" },
                    "tags": tags
                },
                "description": "resume-export: a highlight with tags, kept by --tags when one matches"
            }
        ]
    });
    let names: Vec<&str> = SECTION_IDS.iter().chain(ALIASES).copied().collect();
    // A resume may name a schema file beside it (`./resume.schema.json`).
    if let Some(s) = root
        .get_mut("properties")
        .and_then(|p| p.get_mut("$schema"))
        .and_then(Value::as_object_mut)
    {
        s.insert("format".into(), json!("uri-reference"));
    }
    let Some(properties) = root.get_mut("properties").and_then(Value::as_object_mut) else {
        return schema;
    };
    // Every section but the summary is a list of entries.
    for list in SECTION_IDS.iter().filter(|id| **id != "summary") {
        let Some(item) = properties
            .get_mut(*list)
            .and_then(|l| l.get_mut("items"))
            .and_then(|i| i.as_object_mut())
        else {
            continue;
        };
        let props = item
            .entry("properties")
            .or_insert_with(|| json!({}))
            .as_object_mut();
        let Some(props) = props else { continue };
        props.insert("tags".into(), tags.clone());
        if let Some(h) = props.get_mut("highlights").and_then(Value::as_object_mut) {
            h.insert("items".into(), highlight.clone());
        }
    }
    let meta = properties
        .entry("meta")
        .or_insert_with(|| json!({ "type": "object" }));
    if let Some(meta) = meta.as_object_mut() {
        let props = meta
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(props) = props.as_object_mut() {
            props.insert(
                "language".into(),
                json!({
                    "type": "string",
                    "description": "resume-export: the resume's language (BCP 47, e.g. \"de\", \"pt-BR\"): section titles, months, hyphenation"
                }),
            );
            props.insert(
                "sections".into(),
                json!({
                    "type": "array",
                    "items": {
                        "anyOf": [
                            { "type": "string", "enum": names },
                            {
                                "type": "string",
                                "description": "a section of its own: a top-level list of the resume outside JSON Resume (validate checks that it is there)"
                            }
                        ]
                    },
                    "description": "resume-export: which sections to show, in this order (like --sections)"
                }),
            );
            props.insert(
                "sectionTitles".into(),
                json!({
                    "type": "object",
                    "properties": names.iter().map(|n| (n.to_string(), json!({ "type": "string" }))).collect::<Map<String, Value>>(),
                    "additionalProperties": { "type": "string" },
                    "description": "resume-export: your own title for a section, e.g. {\"work\": \"Career\"}"
                }),
            );
        }
    }
    schema
}

/// The extended schema as printed by `schema`: pretty, ending in a newline.
pub fn text() -> String {
    let mut s = serde_json::to_string_pretty(&extended()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_in_and_the_official_parts_stay() {
        let s = extended();
        assert_eq!(s["$id"], ID);
        let work = &s["properties"]["work"]["items"]["properties"];
        assert!(work["tags"].is_object());
        assert!(work["highlights"]["items"]["oneOf"].is_array());
        assert!(work["position"].is_object());
        let meta = &s["properties"]["meta"]["properties"];
        assert!(meta["sections"]["items"]["anyOf"][0]["enum"].is_array());
        assert!(meta["version"].is_object());
        assert!(s["properties"]["basics"]["properties"]["email"].is_object());
    }
}
