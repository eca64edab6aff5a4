//! Which language a resume is written in, when it does not say.
//!
//! `meta.language` wins. Otherwise the script of the resume's own text tells
//! Korean, Japanese, Chinese, Russian, Arabic and Hebrew apart, and common
//! short words tell the Latin-script languages apart. When nothing is clear,
//! the answer is "don't know" (the caller uses English).

use crate::resume::Resume;

/// Frequent short words, per Latin-script language.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "for", "with", "on", "as", "at", "by", "from", "an",
        ],
    ),
    (
        "de",
        &[
            "und", "der", "die", "das", "mit", "für", "von", "zu", "den", "im", "bei", "eine",
            "ist", "auf",
        ],
    ),
    (
        "fr",
        &[
            "et", "le", "la", "les", "des", "pour", "avec", "du", "une", "au", "sur", "dans", "est",
        ],
    ),
    (
        "es",
        &[
            "y", "el", "los", "las", "para", "con", "del", "una", "por", "que", "en",
        ],
    ),
    (
        "pt",
        &[
            "e", "o", "os", "para", "com", "em", "do", "da", "uma", "no", "na", "dos", "das",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "per", "con", "del", "della", "che", "nel", "alla", "dei", "gli",
        ],
    ),
    (
        "nl",
        &[
            "en", "het", "van", "voor", "met", "een", "op", "te", "bij", "naar",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "z", "na", "do", "oraz", "dla", "się", "jest", "od", "przy",
        ],
    ),
];

/// The resume's language tag: `meta.language`, or a guess from its text.
pub fn detect_language(resume: &Resume) -> Option<String> {
    if let Some(l) = resume.meta.language.as_deref().filter(|l| is_tag(l)) {
        return Some(l.replace('_', "-"));
    }
    guess(&sample(resume))
}

fn is_tag(s: &str) -> bool {
    let s = s.trim();
    (2..=35).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Up to a few thousand characters of the resume's own prose.
fn sample(resume: &Resume) -> String {
    let mut text = String::new();
    let mut add = |s: &str| {
        if text.len() < 4000 {
            text.push_str(s);
            text.push('\n');
        }
    };
    let b = &resume.basics;
    b.label.iter().for_each(|s| add(s));
    b.summary.iter().for_each(|s| add(s));
    for w in resume.work.iter().chain(resume.volunteer.iter()) {
        w.position.iter().for_each(|s| add(s));
        w.summary.iter().for_each(|s| add(s));
        w.highlights.iter().for_each(|h| add(&h.text));
    }
    for p in &resume.projects {
        p.description.iter().for_each(|s| add(s));
    }
    for e in &resume.education {
        e.area.iter().for_each(|s| add(s));
    }
    text
}

/// A language from text alone.
pub fn guess(text: &str) -> Option<String> {
    let (mut hangul, mut kana, mut han, mut cyrillic, mut arabic, mut hebrew, mut latin) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c as u32 {
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            0x0400..=0x04FF => cyrillic += 1,
            0x0600..=0x06FF | 0x0750..=0x077F => arabic += 1,
            0x0590..=0x05FF => hebrew += 1,
            _ if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    // A script counts when it carries a real share of the letters.
    let letters = hangul + kana + han + cyrillic + arabic + hebrew + latin;
    let share = |n: usize| letters > 0 && n * 5 >= letters;
    if share(hangul) {
        return Some("ko".into());
    }
    if kana > 0 && share(kana + han) {
        return Some("ja".into());
    }
    if share(han) {
        return Some("zh".into());
    }
    for (n, code) in [(cyrillic, "ru"), (arabic, "ar"), (hebrew, "he")] {
        if share(n) {
            return Some(code.into());
        }
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut scores: Vec<(usize, &str)> = STOPWORDS
        .iter()
        .map(|(code, list)| {
            (
                words.iter().filter(|w| list.contains(&w.as_str())).count(),
                *code,
            )
        })
        .collect();
    scores.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    match scores.as_slice() {
        [(best, code), (second, _), ..] if *best >= 6 && *best * 10 >= *second * 13 => {
            Some((*code).to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_stopwords() {
        assert_eq!(
            guess("高级前端工程师。拥有7年以上React经验").as_deref(),
            Some("zh")
        );
        assert_eq!(
            guess("バックエンドエンジニアとして設計を担当").as_deref(),
            Some("ja")
        );
        assert_eq!(guess("백엔드 개발자로 일했습니다").as_deref(), Some("ko"));
        assert_eq!(
            guess("Разработка и поддержка сервисов").as_deref(),
            Some("ru")
        );
        assert_eq!(guess("مهندس برمجيات في شركة").as_deref(), Some("ar"));
        assert_eq!(
            guess("Entwicklung und Betrieb der Plattform mit Kafka für die Daten von Kunden und den Aufbau der Teams im Unternehmen").as_deref(),
            Some("de")
        );
        assert_eq!(
            guess("Développement et maintenance des services pour les clients avec une équipe de la direction dans le cadre du projet").as_deref(),
            Some("fr")
        );
        assert_eq!(
            guess("Built and ran the platform for the data of customers and the teams of the company with Kafka at scale").as_deref(),
            Some("en")
        );
        assert_eq!(guess("Kafka, Rust"), None);
    }
}
