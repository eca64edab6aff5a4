//! `POST /v1/check` through a real server: the same fit as `check --job --json`, for a
//! resume object and for a PDF in base64; bad requests; the OpenAPI description.

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};

use base64::Engine;
use serde_json::Value;

use crate::posting::{covered, fit, fixture, render, sample};

/// A server on a free port, killed when dropped.
struct Server(std::process::Child, String);

impl Server {
    fn start() -> Server {
        let mut child = Process::new(env!("CARGO_BIN_EXE_resume-export"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let mut address = String::new();
        for line in lines.by_ref() {
            let v: Value = serde_json::from_str(&line.unwrap()).unwrap();
            if v["event"] == "listening" {
                address = v["address"].as_str().unwrap().to_string();
                break;
            }
        }
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        Server(child, address)
    }

    fn post(&self, body: &Value) -> (u16, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut r = agent
            .post(format!("{}/v1/check", self.1.trim_end_matches('/')))
            .header("Content-Type", "application/json")
            .send(serde_json::to_vec(body).unwrap())
            .unwrap();
        let status = r.status().as_u16();
        let bytes = r.body_mut().read_to_vec().unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_server_answers_as_the_command_line_does() {
    let server = Server::start();
    let posting_path = fixture("data-engineer-de.md");
    let posting = std::fs::read_to_string(&posting_path).unwrap();
    let resume_path = sample("lebenslauf-de.json");
    let resume: Value = serde_json::from_slice(&std::fs::read(&resume_path).unwrap()).unwrap();
    let cli = fit(&posting_path, &resume_path);
    let (status, answer) =
        server.post(&serde_json::json!({ "posting": posting, "resume": resume }));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["covered"], cli["covered"]);
    assert_eq!(answer["missed"], cli["missed"]);
    assert_eq!(answer["read_as"], "resume");
    // A PDF in base64, read as `check` reads it.
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(&resume_path, "pdf", dir.path());
    let data = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&pdf).unwrap());
    let (status, answer) =
        server.post(&serde_json::json!({ "posting": posting, "document": data }));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["read_as"], "pdf");
    assert_eq!(answer["covered"], fit(&posting_path, &pdf)["covered"]);
    // The posting's form and language may be given.
    let html = std::fs::read_to_string(fixture("fullstack-fr.html")).unwrap();
    let cv: Value = serde_json::from_slice(&std::fs::read(fixture("cv-fr.json")).unwrap()).unwrap();
    let (status, answer) = server.post(&serde_json::json!({ "posting": html, "posting_format": "html", "language": "fr", "resume": cv }));
    assert_eq!(status, 200, "{answer}");
    assert!(
        covered(&answer).contains(&"Node.js".to_string()),
        "{answer}"
    );
    // Bad requests say why.
    for (body, want, says) in [
        (serde_json::json!({ "resume": resume }), 422, "posting"),
        (
            serde_json::json!({ "posting": "  ", "resume": resume }),
            422,
            "empty",
        ),
        (serde_json::json!({ "posting": posting }), 422, "resume"),
        (
            serde_json::json!({ "posting": posting, "document": "bm90IGEgcGRm" }),
            422,
            "document",
        ),
        (
            serde_json::json!({ "posting": posting, "document": "***" }),
            422,
            "base64",
        ),
        (
            serde_json::json!({ "posting": posting, "resume": resume, "x": 1 }),
            400,
            "unknown field",
        ),
        (
            serde_json::json!({ "posting": posting, "posting_format": "pdf", "resume": resume }),
            400,
            "posting_format",
        ),
    ] {
        let (status, answer) = server.post(&body);
        assert_eq!(status, want, "{answer}");
        assert!(
            answer["error"].as_str().unwrap_or("").contains(says),
            "{says}: {answer}"
        );
    }
}

#[test]
fn the_openapi_description_has_the_route() {
    let server = Server::start();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut r = agent
        .get(format!(
            "{}/v1/openapi.json",
            server.1.trim_end_matches('/')
        ))
        .call()
        .unwrap();
    let spec: Value = serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
    let op = &spec["paths"]["/v1/check"]["post"];
    assert!(
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap()
            .ends_with("CheckRequest")
    );
    // The answer conforms to the described schema.
    let posting = std::fs::read_to_string(fixture("backend-en.txt")).unwrap();
    let resume: Value =
        serde_json::from_slice(&std::fs::read(sample("jsonresume-sample.json")).unwrap()).unwrap();
    let (status, answer) =
        server.post(&serde_json::json!({ "posting": posting, "resume": resume }));
    assert_eq!(status, 200);
    let mut root = spec.clone();
    root["$ref"] = serde_json::json!("#/components/schemas/Fit");
    let validator = jsonschema::options().build(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&answer)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut root = spec.clone();
    root["$ref"] = serde_json::json!("#/components/schemas/CheckRequest");
    let validator = jsonschema::options().build(&root).unwrap();
    assert!(validator.is_valid(&serde_json::json!({ "posting": "x", "resume": {} })));
    assert!(!validator.is_valid(&serde_json::json!({ "posting": "x" })));
}
