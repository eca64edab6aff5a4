//! `Profile.csv`, `Email Addresses.csv` and `PhoneNumbers.csv` onto JSON Resume's `basics`.

use serde_json::Value;

use super::super::map::{Fields, Notes, Out};
use super::SHAPE;
use super::text::{handles, websites};

/// The rows of a file as objects with their paths (`Profile.csv[0]`).
pub(super) fn rows(file: &str, rows: Vec<Value>, notes: &mut Notes<'_>) -> Vec<Fields> {
    rows.into_iter()
        .enumerate()
        .filter_map(|(i, row)| Fields::of(row, format!("{file}[{i}]"), notes))
        .collect()
}

/// `basics`, or `None` when the three files say nothing.
pub(super) fn map(
    profile: Vec<Value>,
    emails: Vec<Value>,
    phones: Vec<Value>,
    notes: &mut Notes<'_>,
) -> Option<Value> {
    let mut out = Out::default();
    let mut profiles: Vec<Value> = Vec::new();
    let rows_of_profile: Vec<Fields> = rows("Profile.csv", profile, notes);
    for (i, mut p) in rows_of_profile.into_iter().enumerate() {
        if i > 0 {
            notes.warn(
                &p.path,
                "a second profile row; JSON Resume holds one person; left out",
            );
            continue;
        }
        let name: Vec<String> = [p.text("First Name"), p.text("Last Name")]
            .into_iter()
            .flatten()
            .collect();
        out.put("name", (!name.is_empty()).then(|| name.join(" ")));
        out.put("label", p.text("Headline"));
        out.put("summary", p.text("Summary"));
        let mut location = Out::default();
        location.put("address", p.text("Address"));
        location.put("postalCode", p.text("Zip Code"));
        location.put("city", p.text("Geo Location"));
        if !location.0.is_empty() {
            out.put("location", Some(location.value()));
        }
        if let Some(list) = p.text("Websites") {
            let mut sites = websites(&list);
            let home = sites
                .iter()
                .position(|(k, _)| k.as_deref() == Some("PERSONAL"))
                .unwrap_or(0);
            if home < sites.len() {
                let (_, url) = sites.remove(home);
                out.put("url", Some(url));
            }
            for (kind, url) in sites {
                let mut site = Out::default();
                site.put("network", Some(network(kind.as_deref())));
                site.put("url", Some(url));
                profiles.push(site.value());
            }
        }
        for handle in p
            .text("Twitter Handles")
            .map_or_else(Vec::new, |l| handles(&l))
        {
            let mut site = Out::default();
            site.put("network", Some("Twitter"));
            site.put("username", Some(handle));
            profiles.push(site.value());
        }
        p.finish(notes, SHAPE);
    }
    let emails = rows("Email Addresses.csv", emails, notes);
    let other = "an address other than the primary one; JSON Resume holds one; left out";
    out.put("email", one_of(emails, notes, email, other));
    let phones = rows("PhoneNumbers.csv", phones, notes);
    let other = "a number other than the one shown (the mobile, else the first); JSON Resume holds one; left out";
    out.put("phone", one_of(phones, notes, phone, other));
    if !profiles.is_empty() {
        out.put("profiles", Some(Value::Array(profiles)));
    }
    (!out.0.is_empty()).then(|| out.value())
}

/// A website's kind as a profile's network.
fn network(kind: Option<&str>) -> String {
    match kind {
        None | Some("PERSONAL" | "OTHER") => "Website".into(),
        Some("RSS") => "RSS".into(),
        Some(k) => {
            let lower = k.replace('_', " ").to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// JSON Resume holds one email and one phone: the chosen row's (by `pick`,
/// which says how well a row fits: the highest wins, the first among equals).
/// The others are warned about.
fn one_of(
    rows: Vec<Fields>,
    notes: &mut Notes<'_>,
    pick: fn(&mut Fields) -> Option<(u8, String)>,
    other: &str,
) -> Option<String> {
    let mut read: Vec<(Fields, Option<(u8, String)>)> = rows
        .into_iter()
        .map(|mut f| {
            let v = pick(&mut f);
            (f, v)
        })
        .collect();
    let best = read
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| v.as_ref().map(|(rank, _)| (i, *rank)))
        .max_by_key(|(i, rank)| (*rank, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut chosen = None;
    for (i, (mut f, v)) in read.drain(..).enumerate() {
        if Some(i) == best {
            chosen = v.map(|(_, text)| text);
            f.finish(notes, SHAPE);
        } else {
            if v.is_some() {
                notes.warn(&f.path, other);
            }
            let _ = f.drain();
        }
    }
    chosen
}

/// An address; the primary one ranks first.
fn email(f: &mut Fields) -> Option<(u8, String)> {
    let primary = f
        .text("Primary")
        .is_some_and(|p| p.eq_ignore_ascii_case("yes") || p.eq_ignore_ascii_case("true"));
    f.text("Email Address").map(|a| (u8::from(primary), a))
}

/// A number with its extension; a mobile number ranks first.
fn phone(f: &mut Fields) -> Option<(u8, String)> {
    // The kind is looked at, not taken: it is shown nowhere, so it is warned about.
    let mobile = f.map_is(|m| {
        m.get("Type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("mobile"))
    });
    let number = f.text("Number")?;
    let text = match f.text("Extension") {
        Some(ext) => format!("{number} ext. {ext}"),
        None => number,
    };
    Some((u8::from(mobile), text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn basics_from_the_three_files() {
        let mut w = Vec::new();
        let b =
            {
                let mut notes = Notes::new(&mut w);
                map(
                vec![json!({"First Name": "Ada", "Last Name": "Byron", "Headline": "Engineer",
                    "Websites": "[COMPANY:https://acme.test,PERSONAL:https://ada.dev]",
                    "Birth Date": "Dec 10, 1815"})],
                vec![
                    json!({"Email Address": "old@x.test", "Primary": "No", "Confirmed": "Yes"}),
                    json!({"Email Address": "ada@x.test", "Primary": "Yes", "Confirmed": "Yes"}),
                ],
                vec![json!({"Number": "+44 20 1234", "Extension": "7", "Type": "Work"})],
                &mut notes,
            )
            .unwrap()
            };
        assert_eq!(b["name"], "Ada Byron");
        assert_eq!(b["url"], "https://ada.dev");
        assert_eq!(b["email"], "ada@x.test");
        assert_eq!(b["phone"], "+44 20 1234 ext. 7");
        assert_eq!(b["profiles"][0]["network"], "Company");
        let paths: Vec<&str> = w.iter().map(|w| w.path.as_str()).collect();
        assert!(paths.contains(&"Profile.csv[0].Birth Date"), "{w:?}");
        assert!(paths.contains(&"Email Addresses.csv[0]"), "{w:?}");
        assert!(paths.contains(&"Email Addresses.csv[1].Confirmed"), "{w:?}");
        assert!(paths.contains(&"PhoneNumbers.csv[0].Type"), "{w:?}");
    }
}
