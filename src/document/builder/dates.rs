//! Dates as they read: a single date, or a start–end range, in the chosen style.

use super::super::model::DateRange;
use super::options::{Builder, DateStyle};
use crate::resume::{Date, PartialDate};

impl Builder<'_> {
    fn date_text(&self, d: &Date) -> String {
        match d {
            Date::Exact(PartialDate {
                year,
                month: Some(m),
                ..
            }) => {
                let l = self.labels;
                let i = usize::from(*m).saturating_sub(1);
                let pattern = match self.options.date_style {
                    DateStyle::Short => &l.date_short,
                    DateStyle::Long => &l.date_long,
                    DateStyle::Numeric => &l.date_numeric,
                };
                super::super::labels::fill_date(
                    pattern,
                    &year.to_string(),
                    usize::from(*m),
                    l.months.get(i).map_or("", String::as_str),
                    l.months_long.get(i).map_or("", String::as_str),
                )
            }
            Date::Exact(PartialDate { year, .. }) => year.to_string(),
            Date::Present => self.labels.present.clone(),
            Date::Text(t) => t.clone(),
        }
    }

    /// A start–end range; a start without an end is still going on.
    pub(super) fn range(&self, start: Option<&Date>, end: Option<&Date>) -> Option<DateRange> {
        let iso = |d: Option<&Date>| match d {
            Some(Date::Exact(p)) => Some(p.iso()),
            _ => None,
        };
        let ongoing = matches!(end, Some(Date::Present)) || (start.is_some() && end.is_none());
        let start_text = start.map(|d| self.date_text(d));
        let end_text = match end {
            Some(d) => Some(self.date_text(d)),
            None if start.is_some() => Some(self.labels.present.clone()),
            None => None,
        };
        let text = match (start_text, end_text) {
            (Some(s), Some(e)) if s == e => s,
            (Some(s), Some(e)) => format!("{s}{}{e}", self.labels.range_separator),
            (Some(s), None) => s,
            (None, Some(e)) => e,
            (None, None) => return None,
        };
        Some(DateRange {
            text,
            start: iso(start),
            end: iso(end),
            ongoing,
        })
    }

    /// A single date (awards, certificates, publications).
    pub(super) fn single(&self, date: Option<&Date>) -> Option<DateRange> {
        let d = date?;
        let iso = match d {
            Date::Exact(p) => Some(p.iso()),
            _ => None,
        };
        Some(DateRange {
            text: self.date_text(d),
            start: iso.clone(),
            end: iso,
            ongoing: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::BuildOptions;
    use super::*;

    #[test]
    fn ranges() {
        let options = BuildOptions::default();
        let b = Builder {
            labels: &options.labels,
            options: &options,
        };
        let d = |y, m| {
            Date::Exact(PartialDate {
                year: y,
                month: m,
                day: None,
            })
        };
        assert_eq!(
            b.range(Some(&d(2020, Some(1))), None).unwrap().text,
            "Jan 2020 – Present"
        );
        let r = b
            .range(Some(&d(2013, Some(12))), Some(&d(2014, Some(12))))
            .unwrap();
        assert_eq!(r.text, "Dec 2013 – Dec 2014");
        assert!(!r.ongoing);
        assert_eq!(
            b.range(Some(&d(2019, None)), Some(&d(2019, None)))
                .unwrap()
                .text,
            "2019"
        );
        assert_eq!(b.range(None, None), None);
        assert_eq!(
            b.range(
                Some(&Date::Text("2016 ~ 2020".into())),
                Some(&Date::Present)
            )
            .unwrap()
            .text,
            "2016 ~ 2020 – Present"
        );
    }
}
