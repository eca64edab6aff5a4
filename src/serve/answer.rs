//! Answers: the JSON error body every failure shares, and the headers that carry warnings.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A failed request, as the client sees it: a status and a JSON body.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub status: StatusCode,
    /// What went wrong, in words.
    pub error: String,
    /// Where in the body, for syntax errors (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The values that would have been accepted, for an unknown one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub valid: Vec<String>,
    /// Seconds to wait before trying again (503).
    #[serde(skip)]
    pub retry_after: Option<u64>,
    /// The metrics' name for the failure.
    #[serde(skip)]
    pub reason: &'static str,
}

impl Problem {
    pub fn new(status: StatusCode, reason: &'static str, error: impl Into<String>) -> Problem {
        Problem {
            status,
            error: error.into(),
            line: None,
            column: None,
            valid: Vec::new(),
            retry_after: None,
            reason,
        }
    }

    pub fn valid(mut self, valid: Vec<String>) -> Problem {
        self.valid = valid;
        self
    }
}

/// Which failure a response was, for the metrics (set by handlers, read by the observer).
#[derive(Clone, Copy)]
pub struct Reason(pub &'static str);

/// The output format a response was for (`pdf`, `zip`), for the log and metrics.
#[derive(Clone)]
pub struct Format(pub String);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(s) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"resume-export\""),
            );
        }
        response.extensions_mut().insert(Reason(self.reason));
        response
    }
}

/// A JSON answer with status 200.
pub fn json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(body) => {
            let mut r = Response::new(Body::from(body));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(e) => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            .into_response(),
    }
}

/// The largest `X-Warnings` header written; longer lists are cut, and the count says so.
const WARNINGS_HEADER_BYTES: usize = 6 * 1024;

/// `X-Warnings`: the warnings as a JSON array of strings, in ASCII
/// (anything else as `\uXXXX` escapes), so any HTTP client can read it.
pub fn warnings_header(warnings: &[String]) -> Option<HeaderValue> {
    if warnings.is_empty() {
        return None;
    }
    let mut out = String::from("[");
    for (i, w) in warnings.iter().enumerate() {
        let item = ascii_json(w);
        if out.len() + item.len() + 2 > WARNINGS_HEADER_BYTES {
            break;
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    HeaderValue::from_str(&out).ok()
}

/// A JSON string literal with every character outside printable ASCII escaped.
fn ascii_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_read_back_as_json() {
        let w = vec![
            "pdf: no font has ก (U+0E01)".to_string(),
            "a \"b\" \\ 🚀".into(),
        ];
        let h = warnings_header(&w).unwrap();
        let back: Vec<String> = serde_json::from_str(h.to_str().unwrap()).unwrap();
        assert_eq!(back, w);
    }

    #[test]
    fn long_warning_lists_are_cut_whole() {
        let w: Vec<String> = (0..2000).map(|i| format!("warning number {i}")).collect();
        let h = warnings_header(&w).unwrap();
        assert!(h.len() <= WARNINGS_HEADER_BYTES);
        let back: Vec<String> = serde_json::from_str(h.to_str().unwrap()).unwrap();
        assert!(back.len() > 10 && back.len() < w.len());
    }
}
