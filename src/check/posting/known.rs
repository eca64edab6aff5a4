//! Bundled word lists: known skills, tools, certifications and titles (`known.txt`), stop words per language, and the headings that mark a posting's requirements or its offer.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::words::{Lang, Token, fold, tokens};

/// A term of the bundled list.
#[derive(Debug, Clone)]
pub struct Known {
    /// `tool`, `skill`, `certification` or `title`.
    pub kind: &'static str,
    /// The usual spelling first, then other spellings and abbreviations.
    pub names: Vec<String>,
    /// Only as written (`Go`, `R`).
    pub exact: bool,
}

static KNOWN: LazyLock<Vec<Known>> = LazyLock::new(|| {
    let mut out = Vec::new();
    let mut kind = "skill";
    for line in include_str!("known.txt").lines() {
        let line = line.trim();
        if let Some(k) = line.strip_prefix("## ") {
            kind = match k.trim() {
                "tool" => "tool",
                "certification" => "certification",
                "title" => "title",
                _ => "skill",
            };
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (exact, line) = match line.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        out.push(Known {
            kind,
            names: line.split(" | ").map(|s| s.trim().to_string()).collect(),
            exact,
        });
    }
    out
});

/// The bundled list.
pub fn known() -> &'static [Known] {
    &KNOWN
}

/// A name's compact form: its folded letters, digits, `+` and `#` (`Node.js` → `nodejs`,
/// `front-end` → `frontend`, `C++` → `c++`).
pub fn compact(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#')
        .collect()
}

/// Words that carry no term in a posting, beyond function words: its padding
/// ("experience with", "strong", "ability"), by language. Written by hand.
const PADDING: &[(&str, &str)] = &[
    (
        "en",
        "experience experienced knowledge skill skills ability able abilities strong solid proven good great excellent \
         deep hands-on familiarity familiar understanding working work year years plus bonus preferred required \
         requirement requirements must nice have having including include includes etc e.g i.e role team teams \
         candidate candidates you your we our us company position job opportunity opportunities responsibilities \
         responsibility qualifications qualification looking join help helps using use used build building \
         environment environments areas area related relevant similar degree equivalent minimum least ideally \
         ideal desirable desired advantage advantageous comfortable passion passionate self-starter fast-paced \
         new day days plus level levels field fields tools technologies technology modern best practices practice \
         closely within across other others various variety wide range etc. well world-class highly",
    ),
    (
        "de",
        "erfahrung erfahrungen kenntnisse kenntnis fähigkeit fähigkeiten gute gut sehr fundierte fundiert \
         sichere sicher ausgeprägte ausgeprägt mehrjährige mehrjährig jahre jahren idealerweise wünschenswert \
         vorteil von vorteil plus bereich bereichen umgang mit aufgaben aufgabe profil ihr ihre ihren ihrem \
         wir unser unsere uns sie bieten suchen team teams stelle position bewerbung verstärkung arbeit arbeiten \
         abgeschlossenes abgeschlossene studium vergleichbare vergleichbar ausbildung qualifikation \
         qualifikationen m/w/d w/m/d m w d sowie bzw z.b. usw etc hohe hoher hohes freude spaß",
    ),
    (
        "fr",
        "expérience expériences connaissance connaissances compétence compétences maîtrise bonne bonnes bon bons \
         solide solides excellente excellent capacité capacités an ans année années minimum idéalement souhaité \
         souhaitée souhaitable apprécié appréciée atout plus profil recherché recherchons vous votre vos nous notre \
         nos équipe équipes poste mission missions candidat candidate rejoindre sein domaine niveau diplôme \
         formation type h/f f/h etc forte fort",
    ),
    (
        "es",
        "experiencia conocimiento conocimientos habilidad habilidades capacidad buena buen sólida sólidos años año \
         mínimo valorable deseable requisito requisitos perfil buscamos ofrecemos tu tus nuestro nuestra equipo \
         puesto candidato candidata etc",
    ),
    (
        "it",
        "esperienza conoscenza conoscenze competenze capacità buona buone ottima ottime anni anno requisiti \
         requisito profilo cerchiamo offriamo tuo tua nostro nostra team ruolo candidato candidata",
    ),
    (
        "pt",
        "experiência conhecimento conhecimentos habilidades capacidade boa bom sólida anos ano requisitos perfil \
         procuramos oferecemos nosso nossa equipe equipa vaga candidato",
    ),
    (
        "nl",
        "ervaring kennis vaardigheden goede goed sterke jaar jaren minimaal pre vereist profiel wij bieden jouw \
         je jij ons onze team functie kandidaat",
    ),
    (
        "ru",
        "опыт опыта знание знания навыки навык умение хорошее хорошие отличное уверенное уверенные лет год года \
         требования обязанности условия мы предлагаем наша наш наши команда команде вакансия кандидат плюсом \
         будет плюс работы работа",
    ),
    (
        "ja",
        "経験 知識 スキル 能力 年以上 以上 年 歓迎 必須 尚可 尚 可 求める 募集 応募 資格 業務 内容 弊社 当社 \
         チーム 方 もの こと ため など 等 いずれか ある いる する できる 利用 使用 担当 可",
    ),
];

/// The stop words of a language: NLTK's list where it has one (function words
/// only), else stopwords-iso's, and the posting padding above. For Norwegian the
/// `no` lists serve; Serbian takes Croatian's.
pub fn stop_words(code: &str) -> FxHashSet<String> {
    let list = match code {
        "nb" | "nn" => "no",
        "sr" => "hr",
        c => c,
    };
    // With both features on, the crate gives NLTK's list where there is one.
    let words = stop_words::lookup(list).unwrap_or(&[]);
    let mut out: FxHashSet<String> = words.iter().map(|w| fold(w)).collect();
    for (c, padding) in PADDING {
        if *c == code || *c == "en" {
            out.extend(padding.split_whitespace().map(fold));
        }
    }
    // A known name is never a stop word (`it` stays a stop word: IT is rarely a skill alone).
    for k in known() {
        for n in &k.names {
            if !n.contains(' ') && n.chars().count() > 1 {
                out.remove(&fold(n));
            }
        }
    }
    out
}

/// A language's function words alone (no padding), to tell languages apart.
pub fn function_words(code: &str) -> FxHashSet<String> {
    let list = match code {
        "nb" | "nn" => "no",
        c => c,
    };
    stop_words::lookup(list)
        .unwrap_or(&[])
        .iter()
        .map(|w| fold(w))
        .collect()
}

/// What a heading says of the lines under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// What the candidate should bring: counts most.
    Requirements,
    /// The tasks of the job.
    Tasks,
    /// What the employer offers, about the company, how to apply: no terms from here.
    Offer,
    /// Anything else.
    Other,
}

const REQUIREMENTS: &[&str] = &[
    "requirement",
    "qualification",
    "you bring",
    "what you bring",
    "what we are looking for",
    "what we're looking for",
    "who you are",
    "about you",
    "your profile",
    "skills",
    "must have",
    "nice to have",
    "experience",
    "profil",
    "anforderung",
    "was du mitbringst",
    "was sie mitbringen",
    "das bringst du mit",
    "das bringen sie mit",
    "ihr profil",
    "dein profil",
    "qualifikation",
    "kenntnisse",
    "compétences",
    "profil recherché",
    "votre profil",
    "requis",
    "prérequis",
    "requisitos",
    "perfil",
    "requisiti",
    "требования",
    "мы ждем",
    "мы ожидаем",
    "応募資格",
    "必須",
    "歓迎",
    "求める",
    "スキル",
    "要件",
    "資格",
];
const TASKS: &[&str] = &[
    "responsibilit",
    "what you will do",
    "what you'll do",
    "your role",
    "the role",
    "tasks",
    "duties",
    "aufgaben",
    "deine aufgaben",
    "ihre aufgaben",
    "missions",
    "vos missions",
    "tâches",
    "responsabilités",
    "funciones",
    "responsabilidades",
    "mansioni",
    "обязанности",
    "задачи",
    "業務内容",
    "仕事内容",
    "職務",
];
const OFFER: &[&str] = &[
    "we offer",
    "what we offer",
    "benefit",
    "perks",
    "why join",
    "why us",
    "about us",
    "about the company",
    "who we are",
    "how to apply",
    "compensation",
    "salary",
    "wir bieten",
    "was wir bieten",
    "unser angebot",
    "über uns",
    "benefits",
    "nous offrons",
    "ce que nous offrons",
    "avantages",
    "qui sommes-nous",
    "ofrecemos",
    "offriamo",
    "мы предлагаем",
    "условия",
    "о компании",
    "待遇",
    "福利厚生",
    "給与",
    "勤務地",
    "会社概要",
    "休日",
];

/// What a heading's text marks, by its folded words.
pub fn part_of(heading: &str) -> Part {
    let h = fold(heading);
    let has = |list: &[&str]| list.iter().any(|w| h.contains(&fold(w)));
    if has(OFFER) {
        Part::Offer
    } else if has(REQUIREMENTS) {
        Part::Requirements
    } else if has(TASKS) {
        Part::Tasks
    } else {
        Part::Other
    }
}

/// The known terms' names as token sequences in a language, longest first, for finding them whole.
pub fn known_tokens(lang: &Lang) -> Vec<(usize, usize, Vec<Token>)> {
    let mut out = Vec::new();
    for (i, k) in known().iter().enumerate() {
        for (j, n) in k.names.iter().enumerate() {
            let words = tokens(n, lang);
            if !words.is_empty() {
                out.push((i, j, words));
            }
        }
    }
    out.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(&b.0)));
    out
}
