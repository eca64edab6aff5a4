//! The words the builder adds to a resume: section titles, month names, "Present".

use serde::Serialize;

/// Localisable words used by the builder.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// Language tag these labels are for.
    pub language: String,
    pub summary: String,
    pub work: String,
    pub volunteer: String,
    pub education: String,
    pub projects: String,
    pub awards: String,
    pub certificates: String,
    pub publications: String,
    pub skills: String,
    pub languages: String,
    pub interests: String,
    pub references: String,
    pub present: String,
    /// Abbreviated month names, January first.
    pub months: [String; 12],
    /// Between the two ends of a date range.
    pub range_separator: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub location: String,
    pub profile: String,
    pub score: String,
    pub courses: String,
    pub roles: String,
    /// Joins a degree and its field ("Bachelor in Physics").
    pub degree_in: String,
    /// The document subject when there is no label.
    pub resume: String,
}

impl Labels {
    /// English.
    pub fn english() -> Labels {
        let s = |x: &str| x.to_string();
        Labels {
            language: s("en"),
            summary: s("Summary"),
            work: s("Experience"),
            volunteer: s("Volunteering"),
            education: s("Education"),
            projects: s("Projects"),
            awards: s("Awards"),
            certificates: s("Certificates"),
            publications: s("Publications"),
            skills: s("Skills"),
            languages: s("Languages"),
            interests: s("Interests"),
            references: s("References"),
            present: s("Present"),
            months: [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
            .map(String::from),
            range_separator: s(" – "),
            email: s("Email"),
            phone: s("Phone"),
            website: s("Website"),
            location: s("Location"),
            profile: s("Profile"),
            score: s("Score"),
            courses: s("Courses"),
            roles: s("Roles"),
            degree_in: s(" in "),
            resume: s("Résumé"),
        }
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::english()
    }
}
