//! A letter's default words in each built-in language: a neutral greeting, a neutral closing, and what a cover letter is called.
//!
//! Translated by hand (no CLDR or other source has them), for all 38
//! languages of `layouts/i18n/`, English included; a letter's own
//! `greeting` and `closing` always win. The greetings address no one by
//! name or sex ("Dear Hiring Manager,", "Sehr geehrte Damen und Herren,").

/// (language, greeting, closing, "cover letter").
static WORDS: &[(&str, &str, &str, &str)] = &[
    ("en", "Dear Hiring Manager,", "Sincerely,", "Cover letter"),
    (
        "de",
        "Sehr geehrte Damen und Herren,",
        "Mit freundlichen Grüßen",
        "Anschreiben",
    ),
    (
        "fr",
        "Madame, Monsieur,",
        "Veuillez agréer mes salutations distinguées.",
        "Lettre de motivation",
    ),
    (
        "es",
        "Estimados señores:",
        "Atentamente,",
        "Carta de presentación",
    ),
    (
        "pt",
        "Prezados senhores,",
        "Atenciosamente,",
        "Carta de apresentação",
    ),
    (
        "it",
        "Gentili Signore e Signori,",
        "Cordiali saluti",
        "Lettera di presentazione",
    ),
    (
        "nl",
        "Geachte heer, mevrouw,",
        "Met vriendelijke groet,",
        "Motivatiebrief",
    ),
    (
        "pl",
        "Szanowni Państwo,",
        "Z poważaniem",
        "List motywacyjny",
    ),
    (
        "ru",
        "Здравствуйте!",
        "С уважением,",
        "Сопроводительное письмо",
    ),
    ("ja", "拝啓", "敬具", "カバーレター"),
    ("zh", "尊敬的招聘负责人：", "此致敬礼", "求职信"),
    ("ko", "채용 담당자님께", "감사합니다.", "커버레터"),
    ("ar", "السادة المحترمون،", "مع خالص التحية،", "خطاب تقديم"),
    ("he", "שלום רב,", "בברכה,", "מכתב מקדים"),
    (
        "bg",
        "Уважаеми дами и господа,",
        "С уважение,",
        "Мотивационно писмо",
    ),
    ("bn", "প্রিয় নিয়োগকর্তা,", "বিনীত,", "আবেদনপত্র"),
    (
        "ca",
        "Benvolguts senyors,",
        "Atentament,",
        "Carta de presentació",
    ),
    (
        "cs",
        "Vážené dámy, vážení pánové,",
        "S pozdravem",
        "Motivační dopis",
    ),
    ("da", "Kære modtager", "Med venlig hilsen", "Ansøgning"),
    (
        "el",
        "Αξιότιμες κυρίες και κύριοι,",
        "Με εκτίμηση,",
        "Συνοδευτική επιστολή",
    ),
    ("fa", "با سلام و احترام،", "با احترام،", "نامهٔ همراه"),
    (
        "fi",
        "Hyvä vastaanottaja",
        "Ystävällisin terveisin",
        "Työhakemus",
    ),
    ("hi", "आदरणीय महोदय/महोदया,", "सादर,", "आवेदन पत्र"),
    ("hr", "Poštovani,", "S poštovanjem,", "Motivacijsko pismo"),
    (
        "hu",
        "Tisztelt Hölgyem/Uram!",
        "Tisztelettel:",
        "Motivációs levél",
    ),
    ("id", "Dengan hormat,", "Hormat saya,", "Surat lamaran"),
    ("ms", "Tuan/Puan,", "Yang benar,", "Surat iringan"),
    ("nb", "Hei,", "Med vennlig hilsen", "Søknadsbrev"),
    (
        "ro",
        "Stimată doamnă/Stimate domn,",
        "Cu stimă,",
        "Scrisoare de intenție",
    ),
    (
        "sk",
        "Vážené dámy, vážení páni,",
        "S pozdravom",
        "Motivačný list",
    ),
    ("sr", "Поштовани,", "С поштовањем,", "Мотивационо писмо"),
    ("sv", "Hej,", "Med vänliga hälsningar", "Personligt brev"),
    ("ta", "மதிப்பிற்குரிய ஐயா/அம்மா,", "இப்படிக்கு,", "விண்ணப்பக் கடிதம்"),
    (
        "th",
        "เรียน ผู้จัดการฝ่ายบุคคล",
        "ขอแสดงความนับถือ",
        "จดหมายสมัครงาน",
    ),
    ("tr", "Sayın Yetkili,", "Saygılarımla,", "Ön yazı"),
    (
        "uk",
        "Шановні пані та панове!",
        "З повагою,",
        "Супровідний лист",
    ),
    ("ur", "محترم جناب/محترمہ،", "مخلص،", "درخواست کا خط"),
    (
        "vi",
        "Kính gửi Bộ phận Tuyển dụng,",
        "Trân trọng,",
        "Thư xin việc",
    ),
];

/// The words of a language, by its primary subtag; English for any other.
pub fn words(primary: &str) -> (&'static str, &'static str, &'static str) {
    let row = WORDS
        .iter()
        .find(|w| w.0 == primary)
        .or_else(|| WORDS.first());
    row.map_or(
        ("Dear Hiring Manager,", "Sincerely,", "Cover letter"),
        |w| (w.1, w.2, w.3),
    )
}

/// Every language's (greeting, closing, "cover letter"), for `check` to
/// recognise a letter it reads.
pub fn all_words() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    WORDS.iter().map(|w| (w.1, w.2, w.3))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_language_has_words_and_a_date() {
        for code in crate::document::Labels::builtin_codes() {
            assert!(super::WORDS.iter().any(|w| w.0 == code), "words: {code}");
            assert!(
                super::super::dates::DATES.iter().any(|d| d.0 == code),
                "date: {code}"
            );
        }
        assert_eq!(super::WORDS.len(), 38);
    }
}
