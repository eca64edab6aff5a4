//! LinkedIn's data export ("Get a copy of your data": a ZIP of CSV files, or its unpacked folder) onto JSON Resume.
//!
//! Reading is in three phases: [`archive`] picks the export's resume files
//! out of the ZIP (or the folder, packed as its ZIP), [`table`] reads each
//! CSV into rows keyed by header name, and [`basics`] and [`sections`] map
//! the rows onto JSON Resume. The first two run when the input is parsed
//! ([`read_archive`]), so a bad archive is refused before anything is
//! written; the parsed value is an object under [`KEY`], which this
//! reader recognises. What has no place in JSON Resume is warned about by
//! file and column (`Certifications.csv[0].License Number`), once per kind.

mod archive;
mod basics;
mod sections;
mod table;
mod text;

use serde_json::{Map, Value};

pub use archive::{folder_files, pack_folder};

use super::Reader;
use super::map::Notes;
use crate::resume::{Limits, Warning};

/// The key of the parsed export: `{KEY: {"Positions.csv": [rows…], …}}`.
pub const KEY: &str = "$linkedinDataExport";

/// The shape's name in warnings.
const SHAPE: &str = "LinkedIn";

/// An export file that holds resume data, with the headers LinkedIn writes in it.
#[derive(Debug)]
pub struct Known {
    pub name: &'static str,
    pub headers: &'static [&'static str],
}

/// The files read, in the order they are mapped; every other file of the export is ignored.
pub static FILES: &[Known] = &[
    Known {
        name: "Profile.csv",
        headers: &[
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
    },
    Known {
        name: "Email Addresses.csv",
        headers: &["Email Address", "Confirmed", "Primary", "Updated On"],
    },
    Known {
        name: "PhoneNumbers.csv",
        headers: &["Extension", "Number", "Type"],
    },
    Known {
        name: "Positions.csv",
        headers: &[
            "Company Name",
            "Title",
            "Description",
            "Location",
            "Started On",
            "Finished On",
        ],
    },
    Known {
        name: "Volunteering.csv",
        headers: &[
            "Company Name",
            "Role",
            "Cause",
            "Started On",
            "Finished On",
            "Description",
        ],
    },
    Known {
        name: "Education.csv",
        headers: &[
            "School Name",
            "Start Date",
            "End Date",
            "Notes",
            "Degree Name",
            "Activities",
        ],
    },
    Known {
        name: "Honors.csv",
        headers: &["Title", "Description", "Issued On"],
    },
    Known {
        name: "Certifications.csv",
        headers: &[
            "Name",
            "Url",
            "Authority",
            "Started On",
            "Finished On",
            "License Number",
        ],
    },
    Known {
        name: "Publications.csv",
        headers: &["Name", "Published On", "Description", "Publisher", "Url"],
    },
    Known {
        name: "Skills.csv",
        headers: &["Name"],
    },
    Known {
        name: "Languages.csv",
        headers: &["Name", "Proficiency"],
    },
    Known {
        name: "Projects.csv",
        headers: &["Title", "Description", "Url", "Started On", "Finished On"],
    },
];

/// Whether `bytes` open like a ZIP archive (a local file header, or the end
/// record of an empty one). No text resume starts with these control bytes.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A ZIP's export files as the value this reader maps, within `limits`.
pub fn read_archive(bytes: &[u8], limits: &Limits) -> Result<Value, String> {
    let mut files = Map::new();
    for entry in archive::unzip(bytes, limits)? {
        let rows = table::rows(entry.known, &entry.path, &entry.bytes, limits)?;
        files.insert(entry.known.name.to_string(), Value::Array(rows));
    }
    let mut root = Map::new();
    root.insert(KEY.to_string(), Value::Object(files));
    Ok(Value::Object(root))
}

#[derive(Debug)]
pub struct LinkedIn;

impl Reader for LinkedIn {
    fn name(&self) -> &'static str {
        "linkedin"
    }
    fn description(&self) -> &'static str {
        "LinkedIn's data export (the ZIP of CSV files, or its unpacked folder)"
    }
    fn recognises(&self, value: &Value) -> bool {
        value.get(KEY).is_some_and(Value::is_object)
    }
    fn map(&self, value: Value, warnings: &mut Vec<Warning>) -> Value {
        let mut notes = Notes::new(warnings);
        let files = match value {
            Value::Object(mut m) => m.remove(KEY),
            _ => None,
        };
        let Some(Value::Object(mut files)) = files else {
            notes.warn(
                "",
                "not a LinkedIn data export (read from its ZIP or its unpacked folder); nothing read",
            );
            return Value::Object(Map::new());
        };
        let mut take = |name: &str| match files.remove(name) {
            Some(Value::Array(rows)) => rows,
            _ => Vec::new(),
        };
        let mut out = Map::new();
        let basics = basics::map(
            take("Profile.csv"),
            take("Email Addresses.csv"),
            take("PhoneNumbers.csv"),
            &mut notes,
        );
        if let Some(b) = basics {
            out.insert("basics".into(), b);
        }
        for known in FILES.iter().skip(3) {
            let rows = take(known.name);
            if let Some((key, items)) = sections::map(known.name, rows, &mut notes)
                && !items.is_empty()
            {
                out.insert(key.into(), Value::Array(items));
            }
        }
        Value::Object(out)
    }
}
