//! Each section file's rows onto a JSON Resume section: positions, education, skills, …

use serde_json::Value;

use super::super::map::{Fields, Notes, Out};
use super::SHAPE;
use super::basics::rows;
use super::text::{date, description, fluency};

/// The JSON Resume section of `file` and its entries; `None` for a file this does not map.
pub(super) fn map(
    file: &str,
    rows_of: Vec<Value>,
    notes: &mut Notes<'_>,
) -> Option<(&'static str, Vec<Value>)> {
    let (key, entry): (&'static str, fn(&mut Fields) -> Out) = match file {
        "Positions.csv" => ("work", position),
        "Volunteering.csv" => ("volunteer", volunteering),
        "Education.csv" => ("education", education),
        "Honors.csv" => ("awards", honor),
        "Certifications.csv" => ("certificates", certification),
        "Publications.csv" => ("publications", publication),
        "Skills.csv" => ("skills", skill),
        "Languages.csv" => ("languages", language),
        "Projects.csv" => ("projects", project),
        _ => return None,
    };
    let mut items = Vec::new();
    for mut f in rows(file, rows_of, notes) {
        let out = entry(&mut f);
        f.finish(notes, SHAPE);
        if !out.0.is_empty() {
            items.push(out.value());
        }
    }
    Some((key, items))
}

/// A description's paragraphs under `summary_key`, its bullets as highlights.
fn described(out: &mut Out, f: &mut Fields, summary_key: &str) {
    let (summary, highlights) = description(f.text("Description"));
    out.put(summary_key, summary);
    if !highlights.is_empty() {
        out.put("highlights", Some(Value::Array(highlights)));
    }
}

/// `Started On` and `Finished On`; an empty end is a role still held.
fn period(out: &mut Out, f: &mut Fields) {
    out.put("startDate", date(f.text("Started On")));
    out.put("endDate", date(f.text("Finished On")));
}

fn position(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("name", f.text("Company Name"));
    out.put("position", f.text("Title"));
    out.put("location", f.text("Location"));
    period(&mut out, f);
    described(&mut out, f, "summary");
    out
}

fn volunteering(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("organization", f.text("Company Name"));
    out.put("position", f.text("Role"));
    period(&mut out, f);
    described(&mut out, f, "summary");
    out
}

/// `Degree Name` holds the field of study after the degree (`Master of
/// Science - MS, Computer Science`): split at its last comma.
fn education(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("institution", f.text("School Name"));
    if let Some(degree) = f.text("Degree Name") {
        match degree.rsplit_once(", ") {
            Some((kind, area)) if !kind.trim().is_empty() && !area.trim().is_empty() => {
                out.put("studyType", Some(kind.trim()));
                out.put("area", Some(area.trim()));
            }
            _ => {
                out.put("studyType", Some(degree));
            }
        }
    }
    out.put("startDate", date(f.text("Start Date")));
    out.put("endDate", date(f.text("End Date")));
    let notes = f.text("Notes");
    let activities = f
        .text("Activities")
        .map(|a| format!("Activities and societies: {a}"));
    let summary: Vec<String> = [notes, activities].into_iter().flatten().collect();
    out.put(
        "summary",
        (!summary.is_empty()).then(|| summary.join("\n\n")),
    );
    out
}

fn honor(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("title", f.text("Title"));
    out.put("date", date(f.text("Issued On")));
    out.put("summary", f.text("Description"));
    out
}

/// `Finished On` is the expiry and `License Number` the licence's: JSON
/// Resume has no place for either, so both are warned about.
fn certification(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("name", f.text("Name"));
    out.put("issuer", f.text("Authority"));
    out.put("date", date(f.text("Started On")));
    out.put("url", f.text("Url"));
    out
}

fn publication(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("name", f.text("Name"));
    out.put("publisher", f.text("Publisher"));
    out.put("releaseDate", date(f.text("Published On")));
    out.put("url", f.text("Url"));
    out.put("summary", f.text("Description"));
    out
}

fn skill(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("name", f.text("Name"));
    out
}

fn language(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("language", f.text("Name"));
    out.put("fluency", f.text("Proficiency").map(|p| fluency(&p)));
    out
}

fn project(f: &mut Fields) -> Out {
    let mut out = Out::default();
    out.put("name", f.text("Title"));
    out.put("url", f.text("Url"));
    period(&mut out, f);
    described(&mut out, f, "description");
    out
}
