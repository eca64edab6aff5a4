//! Handlebars helpers every text template may use (`join`, `join_some`, `upper`), and the
//! parameter readers the formats' own helpers share.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, JsonRender, RenderContext, RenderError as HbError,
    RenderErrorReason, ScopedJson,
};
use serde_json::Value;

/// Registers the helpers every text format shares: `join`, `join_some`, `upper`.
pub fn register_common(registry: &mut Handlebars<'static>) {
    registry.register_helper("join", Box::new(Join));
    registry.register_helper("join_some", Box::new(JoinSome));
    registry.register_helper("upper", Box::new(Upper));
}

/// A helper parameter as text (`null` and missing are empty).
pub fn param_text(h: &Helper<'_>, idx: usize) -> String {
    match h.param(idx).map(|p| p.value()) {
        None | Some(Value::Null) => String::new(),
        Some(v) => v.render(),
    }
}

/// A helper parameter as model inlines: null is none, a string is one text run.
pub fn param_inlines(h: &Helper<'_>, idx: usize) -> Result<Vec<crate::document::Inline>, HbError> {
    match h.param(idx).map(|p| p.value()) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![crate::document::Inline::text(s.clone())]),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| helper_error(format!("expected inline text: {e}"))),
    }
}

/// A helper's hash parameter as text.
pub fn hash_text(h: &Helper<'_>, key: &str) -> Option<String> {
    match h.hash_get(key).map(|p| p.value()) {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.render()),
    }
}

/// A helper's hash parameter as a number.
pub fn hash_usize(h: &Helper<'_>, key: &str) -> Option<usize> {
    h.hash_get(key)
        .and_then(|p| p.value().as_u64())
        .and_then(|n| usize::try_from(n).ok())
}

/// `{{join list ", "}}`: non-empty items joined (separator defaults to ", ").
struct Join;

impl HelperDef for Join {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let sep = h
            .param(1)
            .map(|p| p.value().render())
            .unwrap_or_else(|| ", ".to_string());
        let items: Vec<String> = match h.param(0).map(|p| p.value()) {
            Some(Value::Array(a)) => a
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| v.render())
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::Null) | None => Vec::new(),
            Some(v) => vec![v.render()],
        };
        Ok(ScopedJson::Derived(Value::String(items.join(&sep))))
    }
}

/// `{{join_some a b c sep=" · "}}`: the non-empty arguments joined.
struct JoinSome;

impl HelperDef for JoinSome {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let sep = hash_text(h, "sep").unwrap_or_else(|| ", ".to_string());
        let parts: Vec<String> = (0..h.params().len())
            .map(|i| param_text(h, i))
            .filter(|s| !s.is_empty())
            .collect();
        Ok(ScopedJson::Derived(Value::String(parts.join(&sep))))
    }
}

/// `{{upper s}}`, in capitals as the document's language writes them.
struct Upper;

impl HelperDef for Upper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let language = ctx
            .data()
            .pointer("/meta/language")
            .or_else(|| ctx.data().pointer("/document/meta/language"))
            .and_then(Value::as_str)
            .unwrap_or("");
        Ok(ScopedJson::Derived(Value::String(
            crate::document::to_upper(&param_text(h, 0), language),
        )))
    }
}

/// The `options.width` of the render, unless a `width=` hash parameter overrides it.
pub fn width(h: &Helper<'_>, ctx: &Context) -> usize {
    hash_usize(h, "width")
        .or_else(|| {
            ctx.data()
                .pointer("/options/width")
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        })
        .unwrap_or(80)
        .clamp(20, 1000)
}

/// An error from a helper, reported with the template position by handlebars.
pub fn helper_error(message: impl Into<String>) -> HbError {
    RenderErrorReason::Other(message.into()).into()
}
