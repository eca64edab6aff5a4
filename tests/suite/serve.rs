//! `serve`: a real server process on an ephemeral port, driven by a real HTTP client (and raw sockets where a client would be too polite).

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const EPOCH: &str = "1700000000";

/// A server process, killed when dropped; its log lines are kept.
struct Server {
    child: Child,
    address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_resume-export"));
        command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env_remove("RESUME_EXPORT_INJECT")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("server starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut address = None;
        for line in lines.by_ref() {
            let line = line.expect("a log line");
            let v: serde_json::Value = serde_json::from_str(&line)
                .unwrap_or_else(|_| panic!("a JSON log line, not {line}"));
            if v["event"] == "listening" {
                let a = v["address"].as_str().expect("address");
                address = Some(a.trim_start_matches("http://").parse().expect("an address"));
                break;
            }
        }
        let log = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            address: address.expect("the server says where it listens"),
            log,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn stop(&mut self, signal: &str) -> std::process::ExitStatus {
        Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Status, headers and body of an answer.
struct Answer {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("JSON, not {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

fn post(url: &str, content_type: Option<&str>, body: &[u8]) -> Answer {
    post_with(url, content_type, body, None)
}

fn post_with(url: &str, content_type: Option<&str>, body: &[u8], token: Option<&str>) -> Answer {
    let mut request = agent().post(url);
    if let Some(t) = content_type {
        request = request.header("Content-Type", t);
    }
    if let Some(t) = token {
        request = request.header("Authorization", format!("Bearer {t}"));
    }
    let mut response = request.send(body).expect("an answer");
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response
            .body_mut()
            .with_config()
            .limit(50 << 20)
            .read_to_vec()
            .expect("a body"),
    }
}

fn get(url: &str) -> Answer {
    let mut response = agent().get(url).call().expect("an answer");
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.body_mut().read_to_vec().expect("a body"),
    }
}

fn sample() -> Vec<u8> {
    std::fs::read(common::root().join("samples/jsonresume-sample.json")).unwrap()
}

/// What the command line writes for the sample in `format`.
fn cli_bytes(format: &str, extra: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_resume-export"))
        .args(["-f", format, "-o", "-", "-q"])
        .args(extra)
        .arg(common::root().join("samples/jsonresume-sample.json"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn concurrent_renders_give_the_command_lines_bytes() {
    let server = Server::start(&["--workers", "2"]);
    for (format, query, extra) in [
        ("pdf", "format=pdf", vec![]),
        ("docx", "format=docx&layout=modern", vec!["-l", "modern"]),
        (
            "md",
            "format=md&redact=contact",
            vec!["--redact", "contact"],
        ),
        ("txt", "format=txt&width=60", vec!["--width", "60"]),
        ("html", "format=html&lang=de", vec!["--lang", "de"]),
    ] {
        let expected = cli_bytes(format, &extra);
        let url = server.url(&format!("/v1/render?{query}"));
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let url = url.clone();
                std::thread::spawn(move || post(&url, Some("application/json"), &sample()))
            })
            .collect();
        for t in threads {
            let a = t.join().unwrap();
            assert_eq!(
                a.status,
                200,
                "{format}: {}",
                String::from_utf8_lossy(&a.body)
            );
            assert!(
                a.body == expected,
                "{format}: the server's bytes differ from the CLI's"
            );
            assert!(
                a.header("content-disposition")
                    .contains(&format!("richard-hendriks.{format}")),
                "{}",
                a.header("content-disposition")
            );
        }
    }
    let pdf = post(
        &server.url("/v1/render"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
}

#[test]
fn several_formats_come_as_a_zip_and_other_syntaxes_are_read() {
    let server = Server::start(&[]);
    let a = post(
        &server.url("/v1/render?format=md,txt&format=pdf"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), "application/zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.body)).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        [
            "richard-hendriks.md",
            "richard-hendriks.pdf",
            "richard-hendriks.txt"
        ]
    );
    let mut md = String::new();
    zip.by_name("richard-hendriks.md")
        .unwrap()
        .read_to_string(&mut md)
        .unwrap();
    assert_eq!(md.as_bytes(), cli_bytes("md", &[]));

    let yaml =
        std::fs::read(common::root().join("tests/fixtures/readers/syntax/resume.yaml")).unwrap();
    let a = post(
        &server.url("/v1/render?format=md"),
        Some("application/yaml"),
        &yaml,
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.body, cli_bytes("md", &[]));
    // No Content-Type: recognised from the content.
    let a = post(&server.url("/v1/render?format=md"), None, &yaml);
    assert_eq!(a.status, 200);
}

#[test]
fn bad_requests_get_the_right_status_and_say_why() {
    let server = Server::start(&["--max-body", "64K"]);
    let render = server.url("/v1/render");

    let a = post(
        &render,
        Some("application/json"),
        b"{\n  \"basics\": {\n    \"name\": \"A\",,\n  }\n}",
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert_eq!(
        (v["line"].as_u64(), v["column"].is_u64()),
        (Some(3), true),
        "{v}"
    );
    assert!(v["error"].as_str().unwrap().contains("invalid JSON"), "{v}");

    let a = post(&render, Some("text/plain"), &sample());
    assert_eq!(a.status, 415);
    assert!(
        a.json()["valid"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "application/json")
    );

    let a = post(&render, Some("application/json"), b"");
    assert_eq!(a.status, 400);
    assert!(a.json()["error"].as_str().unwrap().contains("empty"));

    let a = post(
        &server.url("/v1/render?format=rtf"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("unknown format `rtf`"),
        "{v}"
    );
    assert!(
        v["valid"].as_array().unwrap().iter().any(|f| f == "docx"),
        "{v}"
    );

    let a = post(
        &server.url("/v1/render?layout=../../etc"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 400);
    let v = a.json();
    assert_eq!(
        v["valid"],
        serde_json::json!([
            "banner",
            "classic",
            "compact",
            "engineering",
            "harvard",
            "modern",
            "sidebar",
            "timeline"
        ]),
        "{v}"
    );

    let a = post(
        &server.url("/v1/render?font_dir=/tmp"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 400);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("unknown query parameter `font_dir`")
    );

    for bad in [
        "redact=everything",
        "paper=b5",
        "max_pages=0",
        "width=5",
        "pdf_standard=a-3",
        "from=word",
        "lang=xx",
    ] {
        let a = post(
            &server.url(&format!("/v1/render?{bad}")),
            Some("application/json"),
            &sample(),
        );
        assert_eq!(a.status, 400, "{bad}: {}", String::from_utf8_lossy(&a.body));
    }

    // A resume nested past the depth limit: 422, naming the limit.
    let deep = format!(
        "{{\"basics\":{{\"name\":\"D\"}},\"x\":{}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    let a = post(&render, Some("application/json"), deep.as_bytes());
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    assert!(
        a.json()["error"].as_str().unwrap().contains("64"),
        "{}",
        a.json()
    );

    let a = post(&render, Some("application/json"), b"[1, 2]");
    assert_eq!(a.status, 422);

    let a = get(&server.url("/v2/render"));
    assert_eq!(a.status, 404);
    let a = get(&render);
    assert_eq!(a.status, 405);

    // The server is fine after all of that.
    let a = post(&render, Some("application/json"), &sample());
    assert_eq!(a.status, 200);
}

/// Sends `head` and reads until the server closes the connection or `wait` passes.
fn raw(address: SocketAddr, head: &[u8], wait: Duration) -> String {
    let mut s = TcpStream::connect(address).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    s.write_all(head).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.len() > 40 {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let server = Server::start(&["--max-body", "1K"]);
    // Only the head is sent: the answer comes without the 50 MB body.
    let head = "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n";
    let answer = raw(server.address, head.as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Chunked, with no length announced: cut off once past the limit.
    let big = format!("{{\"basics\":{{\"name\":\"{}\"}}}}", "x".repeat(4000));
    let a = post(
        &server.url("/v1/render"),
        Some("application/json"),
        big.as_bytes(),
    );
    assert_eq!(a.status, 413);
}

#[test]
fn a_client_sending_its_head_byte_by_byte_is_timed_out() {
    let server = Server::start(&["--header-timeout", "1s"]);
    let address = server.address;
    let slow = std::thread::spawn(move || {
        let mut s = TcpStream::connect(address).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let started = Instant::now();
        for b in b"POST /v1/render HTTP/1.1\r\nHost: x\r\nX-Slow: 1234567890\r\n" {
            if s.write_all(&[*b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            if started.elapsed() > Duration::from_secs(4) {
                break;
            }
        }
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
        started.elapsed()
    });
    // Meanwhile others are served as usual.
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    let a = post(
        &server.url("/v1/render?format=txt"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 200);
    assert!(t.elapsed() < Duration::from_secs(3));
    let took = slow.join().unwrap();
    assert!(
        took < Duration::from_secs(4),
        "the slow client was let go after {took:?}"
    );
}

#[test]
fn a_full_queue_answers_503_and_a_panic_500_and_the_server_goes_on() {
    let server = Server::start_with(
        &["--workers", "1", "--queue", "1"],
        &[("RESUME_EXPORT_INJECT", "sleep:Slow")],
    );
    let slow = br#"{"basics":{"name":"Slow Person"}}"#;
    let url = server.url("/v1/render?format=txt");
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || post(&url, Some("application/json"), slow))
        })
        .collect();
    let answers: Vec<Answer> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let ok = answers.iter().filter(|a| a.status == 200).count();
    let busy: Vec<&Answer> = answers.iter().filter(|a| a.status == 503).collect();
    assert_eq!(ok + busy.len(), 6);
    assert!((1..=2).contains(&ok), "{ok} served");
    assert!(busy.iter().all(|a| a.header("retry-after") == "1"));
    let metrics = String::from_utf8(get(&server.url("/metrics")).body).unwrap();
    assert!(
        metrics.contains(&format!(
            "resume_export_http_requests_rejected_total{{reason=\"queue_full\"}} {}",
            busy.len()
        )),
        "{metrics}"
    );
    drop(server);

    let server = Server::start_with(&[], &[("RESUME_EXPORT_INJECT", "panic:Panic Person")]);
    let a = post(
        &server.url("/v1/render"),
        Some("application/json"),
        br#"{"basics":{"name":"Panic Person"}}"#,
    );
    assert_eq!(a.status, 500);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("internal error")
    );
    let a = post(
        &server.url("/v1/render"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.status, 200);
    let metrics = String::from_utf8(get(&server.url("/metrics")).body).unwrap();
    assert!(
        metrics.contains("resume_export_render_failures_total{reason=\"panic\"} 1"),
        "{metrics}"
    );
}

#[test]
fn a_request_past_its_deadline_gets_503() {
    let server = Server::start_with(
        &["--timeout", "300ms"],
        &[("RESUME_EXPORT_INJECT", "sleep:Slow")],
    );
    let a = post(
        &server.url("/v1/render?format=md"),
        Some("application/json"),
        br#"{"basics":{"name":"Slow"}}"#,
    );
    assert_eq!(a.status, 503);
    assert!(a.json()["error"].as_str().unwrap().contains("deadline"));
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_refuses_new_ones() {
    let mut server = Server::start_with(
        &["--workers", "2"],
        &[("RESUME_EXPORT_INJECT", "sleep:Slow")],
    );
    let url = server.url("/v1/render?format=txt");
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                post(
                    &url,
                    Some("application/json"),
                    br#"{"basics":{"name":"Slow"}}"#,
                )
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(400));
    let address = server.address;
    let status = server.stop("TERM");
    for t in threads {
        let a = t.join().unwrap();
        assert_eq!(
            a.status,
            200,
            "an in-flight request was cut: {}",
            String::from_utf8_lossy(&a.body)
        );
        assert!(String::from_utf8_lossy(&a.body).contains("Slow"));
    }
    assert!(status.success(), "{status:?}");
    assert!(
        TcpStream::connect(address).is_err(),
        "still accepting after SIGTERM"
    );
    let log = server.log.lock().unwrap().join("\n");
    assert!(log.contains("\"signal\":\"SIGTERM\""), "{log}");
}

#[test]
fn the_token_guards_the_api_but_not_the_probes() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "s3cret\n").unwrap();
    let server = Server::start(&["--token-file", token.to_str().unwrap()]);
    let render = server.url("/v1/render?format=txt");
    let a = post(&render, Some("application/json"), &sample());
    assert_eq!(a.status, 401);
    assert!(a.header("www-authenticate").starts_with("Bearer"));
    assert_eq!(
        post_with(&render, Some("application/json"), &sample(), Some("wrong")).status,
        401
    );
    assert_eq!(
        post_with(&render, Some("application/json"), &sample(), Some("s3cret")).status,
        200
    );
    assert_eq!(get(&server.url("/healthz")).status, 200);
    assert_eq!(get(&server.url("/readyz")).status, 200);
    assert_eq!(get(&server.url("/metrics")).status, 401);
}

#[test]
fn validate_reports_problems_with_positions() {
    let server = Server::start(&[]);
    let body = b"{\n  \"basics\": {\n    \"name\": 42,\n    \"email\": \"\"\n  }\n}";
    let a = post(&server.url("/v1/validate"), Some("application/json"), body);
    assert_eq!(a.status, 200);
    let v = a.json();
    assert_eq!(v["valid"], false, "{v}");
    let name = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["pointer"] == "/basics/name")
        .expect("the name");
    assert_eq!(
        (name["line"].as_u64(), name["severity"].as_str()),
        (Some(3), Some("error"))
    );
    let a = post(
        &server.url("/v1/validate"),
        Some("application/json"),
        &sample(),
    );
    assert_eq!(a.json()["valid"], true, "{}", a.json());
    let a = post(
        &server.url("/v1/validate?strict=true"),
        Some("application/json"),
        br#"{"basics":{"email":""}}"#,
    );
    assert_eq!(a.json()["valid"], false);
}

/// Checks `value` against a schema of the served description.
fn conforms(spec: &serde_json::Value, schema: &str, value: &serde_json::Value) {
    let mut root = spec.clone();
    root["$ref"] = serde_json::json!(format!("#/components/schemas/{schema}"));
    let validator = jsonschema::options().build(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:?} in {value}");
}

#[test]
fn the_openapi_description_matches_what_the_server_does() {
    let server = Server::start(&[]);
    let spec = get(&server.url("/v1/openapi.json")).json();
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().unwrap();
    for path in [
        "/v1/render",
        "/v1/validate",
        "/v1/formats",
        "/v1/layouts",
        "/healthz",
        "/readyz",
        "/metrics",
        "/v1/openapi.json",
    ] {
        assert!(paths.contains_key(path), "{path} is not described");
    }
    // Every described operation exists (neither 404 nor 405), and every
    // described parameter is taken.
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let url = server.url(path);
            let a = if method == "post" {
                post(&url, Some("application/json"), &sample())
            } else {
                get(&url)
            };
            assert!(
                ![404, 405].contains(&a.status),
                "{method} {path}: {}",
                a.status
            );
            let described: Vec<u16> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.parse().unwrap())
                .collect();
            assert!(
                described.contains(&a.status),
                "{method} {path} answered {}, not described",
                a.status
            );
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let schema = if p["schema"]["type"] == "array" {
                    &p["schema"]["items"]
                } else {
                    &p["schema"]
                };
                let value = schema["enum"]
                    .get(0)
                    .and_then(|v| v.as_str())
                    .map(String::from)
                    .unwrap_or_else(|| match schema["type"].as_str() {
                        Some("integer") => schema["minimum"].as_u64().unwrap().max(1).to_string(),
                        Some("boolean") => "true".into(),
                        _ => match name {
                            "sections" => "work".into(),
                            "lang" => "en".into(),
                            _ => "x".into(),
                        },
                    });
                let a = post(
                    &format!("{url}?{name}={value}"),
                    Some("application/json"),
                    &sample(),
                );
                assert_eq!(
                    a.status,
                    200,
                    "{path}?{name}={value}: {}",
                    String::from_utf8_lossy(&a.body)
                );
            }
        }
    }
    // Bodies conform to the described schemas.
    let formats = get(&server.url("/v1/formats")).json();
    for f in formats.as_array().unwrap() {
        conforms(&spec, "Format", f);
    }
    for l in get(&server.url("/v1/layouts")).json().as_array().unwrap() {
        conforms(&spec, "Layout", l);
    }
    conforms(
        &spec,
        "Validation",
        &post(
            &server.url("/v1/validate"),
            Some("application/json"),
            b"{\"basics\":{\"name\":1}}",
        )
        .json(),
    );
    conforms(
        &spec,
        "Problem",
        &post(&server.url("/v1/render"), Some("application/json"), b"{").json(),
    );
    conforms(
        &spec,
        "Problem",
        &post(
            &server.url("/v1/render?format=x"),
            Some("application/json"),
            b"{}",
        )
        .json(),
    );
}

/// Issue 30: what schemathesis found where the description and the server disagreed,
/// and the rules that now hold both to the same values.
#[test]
fn the_description_and_the_server_agree_on_edge_values() {
    let server = Server::start(&[]);
    let spec = get(&server.url("/v1/openapi.json")).json();
    let render = &spec["paths"]["/v1/render"]["post"];
    let lang = render["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "lang")
        .unwrap();
    let lang_schema = jsonschema::options().build(&lang["schema"]).unwrap();
    for (value, ok) in [
        ("de", true),
        ("pt-BR", true),
        ("zh_Hant", true),
        ("xx", false),
        ("DE", false),
        ("", false),
        (" de", false),
    ] {
        assert_eq!(
            lang_schema.is_valid(&serde_json::json!(value)),
            ok,
            "{value}"
        );
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("format", "md")
            .append_pair("lang", value)
            .finish();
        let a = post(
            &server.url(&format!("/v1/render?{query}")),
            Some("application/json"),
            &sample(),
        );
        assert_eq!(a.status, if ok { 200 } else { 400 }, "lang={value:?}");
    }
    for (query, status) in [
        ("strict=true", 200),
        ("strict=false", 200),
        ("strict=null&strict=null", 400),
        ("strict=1", 400),
    ] {
        let a = post(
            &server.url(&format!("/v1/validate?{query}")),
            Some("application/json"),
            &sample(),
        );
        assert_eq!(a.status, status, "{query}");
    }
    for (query, status) in [
        ("format=md&pdf_standard=a-2b,a-2b,ua-1", 200),
        ("format=md&pdf_standard=a-2b,a-2u", 400),
        ("format=PDF", 400),
        ("format=", 400),
        ("format=md,", 400),
        ("max_pages=%2B5", 400),
        ("width=%2060", 400),
    ] {
        let a = post(
            &server.url(&format!("/v1/render?{query}")),
            Some("application/json"),
            &sample(),
        );
        assert_eq!(
            a.status,
            status,
            "{query}: {}",
            String::from_utf8_lossy(&a.body)
        );
    }
    // A long integer reads as in JSON, whatever the syntax; a list is not one resume.
    for (media, body, status) in [
        (
            "application/yaml",
            &b"a: 123456789012345678901234567890\n"[..],
            200,
        ),
        (
            "application/json",
            b"{\"a\": 123456789012345678901234567890}",
            200,
        ),
        ("application/json", b"[{}]", 422),
        ("application/json", b"[]", 422),
    ] {
        for path in ["/v1/validate", "/v1/render?format=md"] {
            let a = post(&server.url(path), Some(media), body);
            assert_eq!(
                a.status,
                status,
                "{path} {media} {}",
                String::from_utf8_lossy(body)
            );
        }
    }
}

#[test]
fn metrics_and_the_log_count_what_happened() {
    let server = Server::start(&[]);
    for _ in 0..3 {
        assert_eq!(
            post(
                &server.url("/v1/render?format=md"),
                Some("application/json"),
                &sample()
            )
            .status,
            200
        );
    }
    assert_eq!(
        post(&server.url("/v1/render"), Some("application/json"), b"{").status,
        400
    );
    let a = post(
        &server.url("/v1/render?format=txt"),
        Some("application/json"),
        br#"{"basics":{"name":"W"},"work":[{"name":"X","startDate":"whenever"}]}"#,
    );
    assert_eq!(a.status, 200);
    let warnings: Vec<String> = serde_json::from_str(a.header("x-warnings")).unwrap();
    assert!(
        !warnings.is_empty() && a.header("x-warnings-count") == warnings.len().to_string(),
        "{warnings:?}"
    );
    let m = String::from_utf8(get(&server.url("/metrics")).body).unwrap();
    assert!(
        m.contains(
            "resume_export_http_requests_total{route=\"/v1/render\",format=\"md\",status=\"200\"} 3"
        ),
        "{m}"
    );
    assert!(
        m.contains(
            "resume_export_http_requests_total{route=\"/v1/render\",format=\"\",status=\"400\"} 1"
        ),
        "{m}"
    );
    assert!(
        m.contains("resume_export_render_failures_total{reason=\"syntax\"} 1"),
        "{m}"
    );
    assert!(
        m.contains("resume_export_http_request_duration_seconds_bucket"),
        "{m}"
    );
    assert!(m.contains("resume_export_http_requests_in_flight"), "{m}");
    assert!(m.contains("resume_export_render_queue_depth"), "{m}");
    std::thread::sleep(Duration::from_millis(100));
    let log = server.log.lock().unwrap().clone();
    let lines: Vec<serde_json::Value> = log
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let renders: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["route"] == "/v1/render")
        .collect();
    assert_eq!(renders.len(), 5, "{log:?}");
    for l in &renders {
        for key in ["id", "route", "status", "bytes", "ms"] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
    }
    assert!(
        renders
            .iter()
            .any(|l| l["format"] == "md" && l["status"] == 200 && l["bytes"].as_u64() > Some(100))
    );
}

#[test]
fn photos_come_only_as_data_uris_and_no_path_is_read() {
    let server = Server::start(&[]);
    let png = std::fs::read(common::root().join("tests/fixtures/photo/portrait.png")).unwrap();
    let uri = format!(
        "data:image/png;base64,{}",
        resume_export::photo::encode_base64(&png)
    );
    let resume = |image: &str| {
        serde_json::to_vec(&serde_json::json!({
            "basics": {"name": "Lena Vogel", "image": image},
            "meta": {"language": "de"}
        }))
        .unwrap()
    };
    let a = post(
        &server.url("/v1/render?format=pdf"),
        Some("application/json"),
        &resume(&uri),
    );
    assert_eq!(a.status, 200);
    assert!(
        a.body.windows(10).any(|w| w == b"/DCTDecode"),
        "the photo is in"
    );
    // A path (even one that exists on the server) is never read: an
    // absolute one is refused as for the command line, a relative one
    // because the server reads none.
    let absolute = common::root().join("tests/fixtures/photo/portrait.png");
    for (path, why) in [
        (absolute.to_str().unwrap(), "absolute path"),
        ("tests/fixtures/photo/portrait.png", "data: URI"),
    ] {
        let a = post(
            &server.url("/v1/render?format=pdf&photo=always"),
            Some("application/json"),
            &resume(path),
        );
        assert_eq!(a.status, 200);
        assert!(!a.body.windows(10).any(|w| w == b"/DCTDecode"));
        let warnings: Vec<String> = serde_json::from_str(a.header("x-warnings")).unwrap();
        assert!(warnings.iter().any(|w| w.contains(why)), "{warnings:?}");
    }
    let a = post(
        &server.url("/v1/render?format=pdf&photo=sometimes"),
        Some("application/json"),
        &resume(&uri),
    );
    assert_eq!(a.status, 400);
}
