//! The intermediate document model and the builder that makes it from a resume.

mod builder;
mod icon;
mod labels;
mod letter;
pub mod links;
mod locale;
pub mod markup;
mod model;
mod redact;

pub use builder::{BuildOptions, DateStyle, Redact, SECTION_IDS, build};
pub use icon::Icon;
pub use labels::{Direction, Labels, LabelsError, fill_date};
pub use letter::{all_letter_words, build_letter, letter_words};
pub use locale::{detect_language, guess as guess_language, to_upper};
pub use model::{
    Block, Contact, ContactKind, DateRange, Document, Entry, Header, Inline, Inlines, KeywordGroup,
    Letter, LetterBlock, Letterhead, Link, Logo, Metadata, Photo, Section, plain_text,
};
