//! Which language a resume is written in, when it does not say.
//!
//! `meta.language` wins. Otherwise the script of the resume's own text tells
//! Korean, Japanese, Chinese, Greek, Thai, Hindi (Devanagari), Bengali, Tamil,
//! Hebrew and Vietnamese apart, a few letters tell Russian, Ukrainian,
//! Bulgarian and Serbian, or Arabic, Persian and Urdu, apart, and common short
//! words tell the other Latin-script languages apart. When nothing is clear,
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

/// Letters counted per script, and the letters inside a script that tell its
/// languages apart.
#[derive(Default)]
struct Counts {
    hangul: usize,
    kana: usize,
    han: usize,
    cyrillic: usize,
    arabic: usize,
    hebrew: usize,
    greek: usize,
    thai: usize,
    devanagari: usize,
    bengali: usize,
    tamil: usize,
    latin: usize,
    /// Vietnamese letters: ơ ư đ and the stacked tone marks of U+1EA0–U+1EF9.
    vietnamese: usize,
    /// і ї є ґ: Ukrainian, not Russian or Bulgarian.
    ukrainian: usize,
    /// ђ ј љ њ ћ џ: Serbian.
    serbian: usize,
    /// ы э ё: Russian, never Bulgarian.
    russian: usize,
    /// ъ, the Bulgarian vowel (Russian's hard sign is rare).
    hard_sign: usize,
    /// ٹ ڈ ڑ ں ے: Urdu letters that Persian and Arabic do not have.
    urdu: usize,
    /// پ چ ژ گ and the Persian forms of kaf and yeh (ک ی).
    persian: usize,
    /// ي ك ة: the Arabic forms of yeh and kaf, and teh marbuta.
    arabic_only: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        let mut n = Counts::default();
        for c in text.chars() {
            match c as u32 {
                0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => n.hangul += 1,
                0x3040..=0x30FF => n.kana += 1,
                0x4E00..=0x9FFF | 0x3400..=0x4DBF => n.han += 1,
                0x0400..=0x04FF => {
                    n.cyrillic += 1;
                    match c {
                        'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => n.ukrainian += 1,
                        'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'Ђ' | 'Ј' | 'Љ' | 'Њ' | 'Ћ' | 'Џ' =>
                        {
                            n.serbian += 1;
                        }
                        'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё' => n.russian += 1,
                        'ъ' => n.hard_sign += 1,
                        _ => {}
                    }
                }
                0x0600..=0x06FF | 0x0750..=0x077F => {
                    n.arabic += 1;
                    match c {
                        'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' => n.urdu += 1,
                        'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => n.persian += 1,
                        'ي' | 'ك' | 'ة' => n.arabic_only += 1,
                        _ => {}
                    }
                }
                0x0590..=0x05FF => n.hebrew += 1,
                0x0370..=0x03FF | 0x1F00..=0x1FFF => n.greek += 1,
                0x0E00..=0x0E7F => n.thai += 1,
                0x0900..=0x097F => n.devanagari += 1,
                0x0980..=0x09FF => n.bengali += 1,
                0x0B80..=0x0BFF => n.tamil += 1,
                0x1EA0..=0x1EF9 => {
                    n.latin += 1;
                    n.vietnamese += 1;
                }
                _ if matches!(c, 'ơ' | 'ư' | 'đ' | 'Ơ' | 'Ư' | 'Đ') => {
                    n.latin += 1;
                    n.vietnamese += 1;
                }
                _ if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) => n.latin += 1,
                _ => {}
            }
        }
        n
    }

    fn letters(&self) -> usize {
        self.hangul
            + self.kana
            + self.han
            + self.cyrillic
            + self.arabic
            + self.hebrew
            + self.greek
            + self.thai
            + self.devanagari
            + self.bengali
            + self.tamil
            + self.latin
    }

    /// Which of the languages written in Cyrillic: a Ukrainian or Serbian
    /// letter decides; Bulgarian has ъ and never ы, э or ё; else Russian.
    fn cyrillic_language(&self) -> &'static str {
        if self.ukrainian > self.serbian {
            "uk"
        } else if self.serbian > 0 {
            "sr"
        } else if self.russian == 0 && self.hard_sign > 0 {
            "bg"
        } else {
            "ru"
        }
    }

    /// Which of the languages written in Arabic script: Urdu's own letters
    /// decide; Persian's forms of kaf and yeh outnumbering Arabic's make it
    /// Persian; else Arabic.
    fn arabic_language(&self) -> &'static str {
        if self.urdu > 0 && self.urdu * 50 >= self.arabic {
            "ur"
        } else if self.persian > self.arabic_only {
            "fa"
        } else {
            "ar"
        }
    }
}

/// A language from text alone.
///
/// Scripts that one built-in language writes decide at once (Thai, Greek,
/// Bengali, Tamil; Devanagari is read as Hindi); a few letters tell the
/// Cyrillic and Arabic-script languages apart; Vietnamese is the Latin script
/// with its own tone letters; the other Latin-script languages are told by
/// frequent short words.
pub fn guess(text: &str) -> Option<String> {
    let n = Counts::of(text);
    // A script counts when it carries a real share of the letters.
    let letters = n.letters();
    let share = |count: usize| letters > 0 && count * 5 >= letters;
    if share(n.hangul) {
        return Some("ko".into());
    }
    if n.kana > 0 && share(n.kana + n.han) {
        return Some("ja".into());
    }
    if share(n.han) {
        return Some("zh".into());
    }
    let scripts = [
        (n.cyrillic, n.cyrillic_language()),
        (n.arabic, n.arabic_language()),
        (n.hebrew, "he"),
        (n.greek, "el"),
        (n.thai, "th"),
        (n.devanagari, "hi"),
        (n.bengali, "bn"),
        (n.tamil, "ta"),
    ];
    for (count, code) in scripts {
        if share(count) {
            return Some(code.into());
        }
    }
    if n.latin > 0 && n.vietnamese * 20 >= n.latin {
        return Some("vi".into());
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

/// Upper case as the language writes it, for headings in capitals: Turkish and
/// Azerbaijani dotted i becomes İ (not I), and Greek capitals drop the tonos
/// (Εκπαίδευση → ΕΚΠΑΙΔΕΥΣΗ, not ΕΚΠΑΊΔΕΥΣΗ). Other languages get Unicode's
/// default mapping.
pub fn to_upper(text: &str, language: &str) -> String {
    let primary = super::Labels::primary(language);
    match primary.as_str() {
        "tr" | "az" => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                if c == 'i' {
                    out.push('İ');
                } else {
                    out.extend(c.to_uppercase());
                }
            }
            out
        }
        "el" => text
            .to_uppercase()
            .chars()
            .filter(|c| *c != '\u{301}')
            .map(|c| match c {
                'Ά' => 'Α',
                'Έ' => 'Ε',
                'Ή' => 'Η',
                'Ί' => 'Ι',
                'Ό' => 'Ο',
                'Ύ' => 'Υ',
                'Ώ' => 'Ω',
                other => other,
            })
            .collect(),
        _ => text.to_uppercase(),
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

    #[test]
    fn capitals_follow_the_language() {
        assert_eq!(to_upper("İş Deneyimi", "tr"), "İŞ DENEYİMİ");
        assert_eq!(to_upper("İş Deneyimi", "en"), "İŞ DENEYIMI");
        assert_eq!(to_upper("Εκπαίδευση", "el"), "ΕΚΠΑΙΔΕΥΣΗ");
        assert_eq!(to_upper("Δεξιότητες", "el-GR"), "ΔΕΞΙΟΤΗΤΕΣ");
        assert_eq!(to_upper("Straße", "de"), "STRASSE");
    }

    #[test]
    fn the_added_scripts_and_their_languages() {
        let cases = [
            ("วิศวกรซอฟต์แวร์อาวุโส ดูแลระบบชำระเงิน", "th"),
            ("वरिष्ठ सॉफ़्टवेयर इंजीनियर, भुगतान प्रणाली", "hi"),
            ("সিনিয়র সফটওয়্যার প্রকৌশলী, পেমেন্ট সিস্টেম", "bn"),
            ("மூத்த மென்பொருள் பொறியாளர், கட்டண அமைப்புகள்", "ta"),
            ("Ανώτερος μηχανικός λογισμικού, συστήματα πληρωμών", "el"),
            (
                "Kỹ sư phần mềm cấp cao, phát triển hệ thống thanh toán",
                "vi",
            ),
            (
                "Розробка та підтримка платіжних сервісів для клієнтів",
                "uk",
            ),
            ("Развој и одржавање платних сервиса за клијенте", "sr"),
            (
                "Разработване и поддръжка на платежни услуги за клиенти",
                "bg",
            ),
            (
                "Разработка и поддержка платёжных сервисов для клиентов",
                "ru",
            ),
            ("مهندس ارشد نرم‌افزار، طراحی سیستم پرداخت برای مشتریان", "fa"),
            ("سینئر سافٹ ویئر انجینئر، ادائیگی کے نظام کی تیاری", "ur"),
            (
                "مهندس برمجيات أول، تطوير أنظمة الدفع للعملاء في الشركة",
                "ar",
            ),
        ];
        for (text, code) in cases {
            assert_eq!(guess(text).as_deref(), Some(code), "{text}");
        }
        // French and German keep their words; an accent is not Vietnamese.
        assert_eq!(
            guess("Développement et maintenance des services pour les clients avec une équipe de la direction dans le cadre du projet").as_deref(),
            Some("fr")
        );
    }
}
