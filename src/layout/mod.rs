//! Layouts: the look (`layout.toml`), the text templates and the words (`i18n/`).
//!
//! Built-in layouts are compiled into the binary from `layouts/<name>/`, so
//! nothing is read from disk at run time. A layout names its parent with
//! `extends` and carries only the files (and `layout.toml` keys) it changes;
//! everything else comes from the parent, down to `classic`, which has all of
//! them. A user folder works the same way: the CLI reads its files and hands
//! them here. A layout is loaded once per process and shared by every render.

mod definition;
pub mod helpers;
pub mod icons;
mod plan;
mod structure;
mod templates;

use handlebars::Handlebars;
use rayon::prelude::*;

pub use definition::{
    Color, Colors, DarkColors, Definition, DefinitionError, Docx, Fit, Fonts, Html, Page, Paper,
    Pdf, PhotoShape, PhotoShow, PhotoStyle, Sections, Sizes, Spacing, Style,
};
pub use plan::{Part, Plan, Region, SidebarPlan};
pub use structure::{
    Align, ContactStyle, DatePlace, Entries, Header, HeaderAlign, HeadingStyle, Headings, Lead,
    PhotoPlace, Side, Sidebar, leads_with_organisation,
};

use templates::Template;
pub use templates::TemplateFormat;

use crate::document::Labels;

/// A built-in layout's files.
struct Builtin {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
}

static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "classic",
        files: &[
            (
                "layout.toml",
                include_str!("../../layouts/classic/layout.toml"),
            ),
            (
                "markdown.hbs",
                include_str!("../../layouts/classic/markdown.hbs"),
            ),
            ("text.hbs", include_str!("../../layouts/classic/text.hbs")),
            ("html.css", include_str!("../../layouts/classic/html.css")),
        ],
    },
    Builtin {
        name: "modern",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/modern/layout.toml"),
        )],
    },
    Builtin {
        name: "compact",
        files: &[
            (
                "layout.toml",
                include_str!("../../layouts/compact/layout.toml"),
            ),
            ("text.hbs", include_str!("../../layouts/compact/text.hbs")),
        ],
    },
    Builtin {
        name: "engineering",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/engineering/layout.toml"),
        )],
    },
    Builtin {
        name: "harvard",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/harvard/layout.toml"),
        )],
    },
    Builtin {
        name: "sidebar",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/sidebar/layout.toml"),
        )],
    },
    Builtin {
        name: "timeline",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/timeline/layout.toml"),
        )],
    },
    Builtin {
        name: "banner",
        files: &[(
            "layout.toml",
            include_str!("../../layouts/banner/layout.toml"),
        )],
    },
];

/// The files of a layout folder, as read by the caller.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// How the folder is named in messages (its path).
    pub name: String,
    /// File name (`layout.toml`, `markdown.hbs`, `i18n/de.toml`) and content.
    pub files: Vec<(String, String)>,
}

/// Why a layout could not be loaded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LayoutError {
    /// No built-in layout has this name.
    #[error("unknown layout `{name}` (built-in layouts: {known}; or give a folder)")]
    Unknown { name: String, known: String },
    /// A file of the layout is not valid.
    #[error("{file}:{line}:{column}: {message}")]
    File {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// `extends` goes round in a circle or too deep.
    #[error("layout {name}: `extends` chain is too long or circular")]
    Chain { name: String },
}

/// One level of a layout chain: a built-in or a user folder.
struct Level {
    /// Prefix for file names in messages (`layouts/classic` or the folder path).
    origin: String,
    files: Vec<(String, String)>,
}

impl Level {
    fn file(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, s)| s.as_str())
    }

    fn path(&self, name: &str) -> String {
        format!("{}/{name}", self.origin)
    }
}

fn builtin_level(name: &str) -> Option<Level> {
    let b = BUILTINS.iter().find(|b| b.name == name)?;
    Some(Level {
        origin: format!("layouts/{}", b.name),
        files: b
            .files
            .iter()
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .collect(),
    })
}

/// A loaded layout: its definition, compiled templates and word overrides.
pub struct Layout {
    name: String,
    definition: Definition,
    /// Each text format's template, compiled on first use: compiling is most
    /// of a layout's load time, and a PDF-only run needs none of them.
    templates: Vec<Template>,
    /// `i18n/<code>.toml` files of the chain, parent first: (code, path, source).
    i18n: Vec<(String, String, String)>,
    /// Other files backends read (a stylesheet), from the nearest level that
    /// has them: (file name, source).
    assets: Vec<(String, String)>,
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layout").field("name", &self.name).finish()
    }
}

impl Layout {
    /// The name templates are registered under.
    pub const MAIN_TEMPLATE: &'static str = "main";

    /// The same layout with another accent colour (an agency's brand): the
    /// rule and link colours follow where they were the accent.
    pub fn with_accent(&self, accent: Color) -> Layout {
        let mut definition = self.definition.clone();
        let c = &mut definition.colors;
        for slot in [&mut c.rule, &mut c.link] {
            if *slot == c.accent {
                *slot = accent;
            }
        }
        c.accent = accent;
        Layout {
            name: self.name.clone(),
            definition,
            templates: self.templates.iter().map(Template::uncompiled).collect(),
            i18n: self.i18n.clone(),
            assets: self.assets.clone(),
        }
    }

    /// The names and descriptions of the built-in layouts.
    pub fn builtins() -> Vec<(&'static str, String)> {
        BUILTINS
            .iter()
            .map(|b| {
                let description = Layout::builtin(b.name)
                    .map(|l| l.definition.description)
                    .unwrap_or_else(|e| format!("(broken: {e})"));
                (b.name, description)
            })
            .collect()
    }

    /// The files of a built-in layout as they stand (its own files, not inherited ones).
    pub fn builtin_files(name: &str) -> Option<Vec<(String, String)>> {
        builtin_level(name).map(|l| l.files)
    }

    /// Loads a built-in layout by name.
    pub fn builtin(name: &str) -> Result<Layout, LayoutError> {
        let level = builtin_level(name).ok_or_else(|| unknown(name))?;
        Layout::from_chain(name, level)
    }

    /// Loads a user layout folder, inheriting from its `extends` (default `classic`).
    pub fn from_source(source: Source) -> Result<Layout, LayoutError> {
        let name = source.name.clone();
        Layout::from_chain(
            &name,
            Level {
                origin: source.name,
                files: source.files,
            },
        )
    }

    fn from_chain(name: &str, first: Level) -> Result<Layout, LayoutError> {
        // Walk up the chain: child first.
        let mut chain = vec![first];
        loop {
            let parent = match chain.last().and_then(|l| l.file("layout.toml")) {
                Some(src) => {
                    let table = parse_level(chain.last(), src)?;
                    table
                        .get("extends")
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                }
                None => None,
            };
            let is_root = chain.last().is_some_and(|l| l.origin == "layouts/classic");
            let parent = match parent {
                Some(p) => p,
                None if is_root => break,
                None => "classic".to_string(),
            };
            if chain.len() > 8 {
                return Err(LayoutError::Chain {
                    name: name.to_string(),
                });
            }
            chain.push(builtin_level(&parent).ok_or_else(|| unknown(&parent))?);
        }
        chain.reverse();

        // layout.toml: merged parent first.
        let mut table = toml::Table::new();
        for level in &chain {
            if let Some(src) = level.file("layout.toml") {
                definition::merge(&mut table, parse_level(Some(level), src)?);
            }
        }
        let root = chain
            .first()
            .map(|l| l.path("layout.toml"))
            .unwrap_or_default();
        let definition = definition::from_table(table).map_err(|e| LayoutError::File {
            file: root.clone(),
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        if let Some((keys, message)) = structure::contradictions(&definition) {
            // Point at the nearest file that sets one of the keys.
            let (file, (line, column)) = chain
                .iter()
                .rev()
                .find_map(|l| {
                    let src = l.file("layout.toml")?;
                    let at = keys.iter().rev().find_map(|k| structure::locate(src, k))?;
                    Some((l.path("layout.toml"), at))
                })
                .unwrap_or((root, (1, 1)));
            return Err(LayoutError::File {
                file,
                line,
                column,
                message,
            });
        }

        // Templates (`*.hbs`) and other files formats read (a stylesheet): the nearest
        // level that has the file. Which format reads which is the format's to say
        // ([`TemplateFormat`]); a template is compiled when a format first asks for it.
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for level in chain.iter().rev() {
            for (file, source) in &level.files {
                if file == "layout.toml" || file.starts_with("i18n/") || !seen.insert(file) {
                    continue;
                }
                if file.ends_with(".hbs") {
                    templates.push(Template::new(file, level.path(file), source));
                } else {
                    assets.push((file.clone(), source.clone()));
                }
            }
        }

        // Word overrides, parent first; checked now so a typo fails before any render.
        let mut i18n = Vec::new();
        for level in &chain {
            for (file, source) in &level.files {
                if let Some(code) = file
                    .strip_prefix("i18n/")
                    .and_then(|f| f.strip_suffix(".toml"))
                {
                    Labels::english()
                        .with_file(source)
                        .map_err(|e| LayoutError::File {
                            file: level.path(file),
                            line: e.line,
                            column: e.column,
                            message: e.message,
                        })?;
                    i18n.push((code.to_ascii_lowercase(), level.path(file), source.clone()));
                }
            }
        }
        Ok(Layout {
            name: name.to_string(),
            definition,
            templates,
            i18n,
            assets,
        })
    }

    /// The layout's name (a built-in name or a folder path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The layout's page, fonts, sizes, colours, spacing and style.
    pub fn definition(&self) -> &Definition {
        &self.definition
    }

    /// A file a backend reads beside its template (`html.css`), from the
    /// nearest level of the chain that has it.
    pub fn asset(&self, file: &str) -> Option<&str> {
        self.assets
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, s)| s.as_str())
    }

    /// Build options from this layout: section order, hidden sections, titles, date style.
    pub fn build_options(&self) -> crate::document::BuildOptions {
        let d = &self.definition;
        crate::document::BuildOptions {
            date_style: d.style.date_style,
            order: d.sections.order.clone(),
            hidden: d.sections.hidden.clone(),
            titles: d
                .sections
                .titles
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            ..Default::default()
        }
    }

    /// The compiled template registry for a format (compiled now if it was
    /// not yet); `None` when the format has no template or the layout none for it.
    pub fn templates<F: TemplateFormat + ?Sized>(
        &self,
        format: &F,
    ) -> Option<Result<&Handlebars<'static>, &LayoutError>> {
        let file = format.template_file()?;
        self.templates
            .iter()
            .find(|t| t.file == file)
            .map(|t| t.get(format))
    }

    /// Compiles the templates these formats use, side by side, so that a
    /// broken template is reported before any render; the first error in
    /// format order is returned.
    pub fn compile_templates<F: TemplateFormat + ?Sized>(
        &self,
        formats: &[&F],
    ) -> Result<(), LayoutError> {
        let wanted: Vec<(&Template, &F)> = formats
            .iter()
            .filter_map(|f| {
                let file = f.template_file()?;
                let t = self.templates.iter().find(|t| t.file == file)?;
                Some((t, *f))
            })
            .collect();
        let results: Vec<Result<(), LayoutError>> = wanted
            .par_iter()
            .map(|(t, f)| t.get(*f).map(|_| ()).map_err(Clone::clone))
            .collect();
        results.into_iter().collect()
    }

    /// Languages this layout adds beyond the built-in ones.
    pub fn extra_languages(&self) -> Vec<String> {
        let builtin = Labels::builtin_codes();
        let mut v: Vec<String> = self
            .i18n
            .iter()
            .map(|(c, _, _)| c.clone())
            .filter(|c| !builtin.contains(&c.as_str()))
            .collect();
        v.dedup();
        v
    }

    /// The words for a language tag: built-in (or English), then this layout's overrides.
    /// `None` when neither the built-in languages nor the layout know the language.
    pub fn labels(&self, tag: &str) -> Option<Labels> {
        let code = Labels::primary(tag);
        let overrides: Vec<&(String, String, String)> =
            self.i18n.iter().filter(|(c, _, _)| *c == code).collect();
        let mut labels = match Labels::builtin(tag) {
            Some(l) => l,
            None if !overrides.is_empty() => Labels::english(),
            None => return None,
        };
        for (_, _, source) in overrides {
            // Checked when the layout was loaded.
            if let Ok(l) = labels.with_file(source) {
                labels = l;
            }
        }
        labels.language = tag.replace('_', "-");
        Some(labels)
    }
}

fn unknown(name: &str) -> LayoutError {
    LayoutError::Unknown {
        name: name.to_string(),
        known: BUILTINS
            .iter()
            .map(|b| b.name)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn parse_level(level: Option<&Level>, source: &str) -> Result<toml::Table, LayoutError> {
    definition::parse_partial(source).map_err(|e| LayoutError::File {
        file: level.map(|l| l.path("layout.toml")).unwrap_or_default(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads() {
        for b in BUILTINS {
            let l = Layout::builtin(b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            assert!(!l.definition().description.is_empty());
        }
    }

    /// A format with a Markdown template and no helpers of its own: enough to see a
    /// template's syntax errors (the backends' tests compile the real ones).
    struct Markdownish;

    impl TemplateFormat for Markdownish {
        fn template_file(&self) -> Option<&'static str> {
            Some("markdown.hbs")
        }
        fn setup_templates(&self, _registry: &mut Handlebars<'static>) {}
    }

    #[test]
    fn a_folder_overrides_the_stylesheet() {
        let modern = Layout::builtin("modern").unwrap();
        assert!(
            modern
                .asset("html.css")
                .is_some_and(|s| s.contains("--accent"))
        );
        let l = Layout::from_source(Source {
            name: "mine".into(),
            files: vec![("html.css".into(), "h1 { color: red }".into())],
        })
        .unwrap();
        assert_eq!(l.asset("html.css"), Some("h1 { color: red }"));
        assert_eq!(l.asset("nothing.css"), None);
    }

    #[test]
    fn a_folder_overrides_one_file_and_inherits_the_rest() {
        let source = Source {
            name: "mine".into(),
            files: vec![
                (
                    "layout.toml".into(),
                    "extends = \"modern\"\n[colors]\naccent = \"#aa0000\"\n".into(),
                ),
                ("i18n/de.toml".into(), "work = \"Berufsweg\"\n".into()),
                ("i18n/eo.toml".into(), "work = \"Sperto\"\n".into()),
            ],
        };
        let l = Layout::from_source(source).unwrap();
        let modern = Layout::builtin("modern").unwrap();
        assert_eq!(l.definition().colors.accent.hex(), "aa0000");
        assert_eq!(l.definition().fonts, modern.definition().fonts);
        assert_eq!(l.labels("de").unwrap().work, "Berufsweg");
        assert_eq!(l.labels("de").unwrap().education, "Ausbildung");
        assert_eq!(l.labels("eo").unwrap().work, "Sperto");
        assert_eq!(l.extra_languages(), ["eo"]);
        assert!(l.labels("xx").is_none());
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let bad = |files: Vec<(&str, &str)>| {
            Layout::from_source(Source {
                name: "dir".into(),
                files: files
                    .into_iter()
                    .map(|(a, b)| (a.into(), b.into()))
                    .collect(),
            })
            .and_then(|l| l.compile_templates(&[&Markdownish]))
            .unwrap_err()
            .to_string()
        };
        let e = bad(vec![("layout.toml", "\n[page]\nmargin = 1.0\n")]);
        assert!(
            e.starts_with("dir/layout.toml:3:1: unknown field `margin`"),
            "{e}"
        );
        let e = bad(vec![("markdown.hbs", "# {{header.name}\n")]);
        assert!(e.starts_with("dir/markdown.hbs:1:"), "{e}");
        let e = bad(vec![("i18n/de.toml", "wrok = 1\n")]);
        assert!(e.starts_with("dir/i18n/de.toml:1:1"), "{e}");
        let e = bad(vec![("layout.toml", "extends = \"nope\"\n")]);
        assert!(e.contains("unknown layout `nope`"), "{e}");
    }
}
