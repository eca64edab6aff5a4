//! The intermediate document model and the builder that makes it from a resume.

mod build;
mod labels;
pub mod links;
pub mod markup;
mod model;

pub use build::{BuildOptions, build};
pub use labels::Labels;
pub use model::{
    Block, Contact, ContactKind, DateRange, Document, Entry, Header, Inline, Inlines, KeywordGroup,
    Link, Metadata, Section, plain_text,
};
