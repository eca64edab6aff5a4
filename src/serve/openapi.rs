//! `GET /v1/openapi.json`: OpenAPI 3.1, made from the route table and parameter tables the server itself runs on.

use serde_json::{Map, Value, json};

use super::App;
use super::input::{Kind, MEDIA_TYPES, Route, language_pattern};
use crate::resume::Syntax;

/// The description of this server's API (its layouts included).
pub fn spec(app: &App, table: &[Route]) -> Value {
    let mut paths = Map::new();
    for route in table {
        let mut op = Map::new();
        op.insert("summary".into(), route.summary.into());
        op.insert(
            "operationId".into(),
            route
                .path
                .trim_start_matches('/')
                .replace(['/', '.'], "_")
                .into(),
        );
        let params: Vec<Value> = route
            .params
            .iter()
            .map(|p| {
                let values = (p.values)(app);
                let one = |values: &[String]| {
                    if values.is_empty() {
                        json!({ "type": "string" })
                    } else {
                        json!({ "type": "string", "enum": values })
                    }
                };
                let schema = match p.kind {
                    Kind::Text => one(&values),
                    Kind::List if p.name == "pdf_standard" => {
                        // One PDF/A level at most (each level may repeat).
                        let both = |a: &str, b: &str| {
                            json!({ "allOf": [{ "contains": { "const": a } }, { "contains": { "const": b } }] })
                        };
                        json!({
                            "type": "array",
                            "items": one(&values),
                            "minItems": 1,
                            "not": { "anyOf": [both("a-2b", "a-2u"), both("a-2b", "a-2a"), both("a-2u", "a-2a")] },
                        })
                    }
                    Kind::List => json!({ "type": "array", "items": one(&values), "minItems": 1 }),
                    Kind::Integer { min, max } => {
                        json!({ "type": "integer", "minimum": min, "maximum": max })
                    }
                    Kind::Flag => json!({ "type": "boolean" }),
                    Kind::Language => json!({
                        "type": "string",
                        "anyOf": [{ "enum": values }, { "pattern": language_pattern(&values) }],
                    }),
                };
                let mut param = json!({
                    "name": p.name,
                    "in": "query",
                    "required": false,
                    "description": p.description,
                    "schema": schema,
                });
                if matches!(p.kind, Kind::List)
                    && let Some(m) = param.as_object_mut()
                {
                    // Comma-separated (`format=pdf,md`); repeating the parameter works too.
                    m.insert("style".into(), "form".into());
                    m.insert("explode".into(), false.into());
                }
                param
            })
            .collect();
        if !params.is_empty() {
            op.insert("parameters".into(), params.into());
        }
        if route.path == "/v1/check" {
            op.insert(
                "requestBody".into(),
                json!({
                    "required": true,
                    "description": "The posting and the resume, as one object (JSON, YAML or TOML).",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CheckRequest" } } },
                }),
            );
        } else if route.method == axum::http::Method::POST {
            let mut content = Map::new();
            for (media, syntax) in MEDIA_TYPES {
                let schema = if *syntax == Syntax::Zip {
                    json!({ "type": "string", "format": "binary" })
                } else {
                    super::letter::body_schema(route.path)
                };
                content.insert((*media).into(), json!({ "schema": schema }));
            }
            let description = if route.path == "/v1/render" {
                super::letter::BODY
            } else {
                "The resume: JSON Resume (or FRESH, Reactive Resume, RenderCV) as JSON, YAML or TOML; or LinkedIn's data export, the ZIP itself, as application/zip. Without a Content-Type the syntax is recognised."
            };
            op.insert(
                "requestBody".into(),
                json!({
                    "required": true,
                    "description": description,
                    "content": content,
                }),
            );
        }
        let mut responses = Map::new();
        for (status, description) in route.answers {
            let mut answer = Map::new();
            answer.insert("description".into(), (*description).into());
            let content = if *status == 200 {
                ok_content(route.path, route.produces)
            } else {
                json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Problem" } } })
            };
            answer.insert("content".into(), content);
            if *status == 200 && route.path == "/v1/render" {
                answer.insert(
                    "headers".into(),
                    json!({
                        "X-Warnings": { "description": "The warnings, as a JSON array of strings in ASCII (\\u escapes); absent when there are none", "schema": { "type": "string" } },
                        "X-Warnings-Count": { "description": "How many warnings there were (X-Warnings may hold fewer, when long)", "schema": { "type": "integer" } },
                        "Content-Disposition": { "description": "attachment, with the file name from the resume's name", "schema": { "type": "string" } },
                    }),
                );
            }
            if *status == 503 {
                answer.insert(
                    "headers".into(),
                    json!({ "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } } }),
                );
            }
            responses.insert(status.to_string(), answer.into());
        }
        op.insert("responses".into(), responses.into());
        if route.guarded {
            op.insert("security".into(), json!([{ "bearer": [] }, {}]));
        } else {
            op.insert("security".into(), json!([]));
        }
        paths
            .entry(route.path)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .map(|m| m.insert(route.method.as_str().to_ascii_lowercase(), op.into()));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "resume-export",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Resumes to PDF, DOCX, Markdown, text and HTML. The query parameters are the command line's options.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "Needed when the server runs with --token-file" } },
            "schemas": super::letter::with_schemas(schemas()),
        },
    })
}

fn ok_content(path: &str, produces: &[&str]) -> Value {
    let schema = match path {
        "/v1/validate" => json!({ "$ref": "#/components/schemas/Validation" }),
        "/v1/check" => json!({ "$ref": "#/components/schemas/Fit" }),
        "/v1/formats" => {
            json!({ "type": "array", "items": { "$ref": "#/components/schemas/Format" } })
        }
        "/v1/layouts" => {
            json!({ "type": "array", "items": { "$ref": "#/components/schemas/Layout" } })
        }
        "/v1/openapi.json" => json!({ "type": "object" }),
        _ => json!({ "type": "string", "format": "binary" }),
    };
    let mut content = Map::new();
    for media in produces {
        content.insert((*media).into(), json!({ "schema": schema }));
    }
    content.into()
}

/// The bodies the server writes (checked against real answers in the tests).
fn schemas() -> Value {
    json!({
        // What a body may be: one object (YAML and TOML are read into JSON values).
        "Resume": {
            "type": "object",
            "description": "A resume: one object (JSON Resume, or another shape `from` names) in JSON, YAML or TOML. A number past a double's range is a 400; in YAML an integer past 64 bits reads as the nearest double, as in JSON.",
        },
        "Problem": {
            "type": "object",
            "required": ["error"],
            "additionalProperties": false,
            "properties": {
                "error": { "type": "string" },
                "line": { "type": "integer", "minimum": 1 },
                "column": { "type": "integer", "minimum": 1 },
                "valid": { "type": "array", "items": { "type": "string" }, "description": "The values that would have been accepted" },
            },
        },
        "Validation": {
            "type": "object",
            "required": ["valid", "read_as", "errors", "warnings", "problems", "notes"],
            "additionalProperties": false,
            "properties": {
                "valid": { "type": "boolean" },
                "read_as": { "type": "string" },
                "errors": { "type": "integer", "minimum": 0 },
                "warnings": { "type": "integer", "minimum": 0 },
                "notes": { "type": "array", "items": { "type": "string" } },
                "problems": { "type": "array", "items": {
                    "type": "object",
                    "required": ["severity", "pointer", "message"],
                    "additionalProperties": false,
                    "properties": {
                        "severity": { "enum": ["error", "warning"] },
                        "pointer": { "type": "string" },
                        "line": { "type": "integer", "minimum": 1 },
                        "column": { "type": "integer", "minimum": 1 },
                        "message": { "type": "string" },
                    },
                } },
            },
        },
        "CheckRequest": super::posting::request_schema(),
        "Fit": super::posting::fit_schema(),
        "Format": {
            "type": "object",
            "required": ["name", "extension", "media_type", "description"],
            "additionalProperties": false,
            "properties": {
                "name": { "type": "string" },
                "extension": { "type": "string" },
                "media_type": { "type": "string" },
                "description": { "type": "string" },
            },
        },
        "Layout": {
            "type": "object",
            "required": ["name", "description"],
            "additionalProperties": false,
            "properties": { "name": { "type": "string" }, "description": { "type": "string" } },
        },
    })
}
