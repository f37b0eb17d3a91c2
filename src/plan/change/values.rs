//! A change's values as YAML (a need, a review, a dispute, an ending) and its words in
//! messages: what `Change` writes and says.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::super::dates::format_uk;
use super::super::model::*;

pub(super) fn date_value(date: NaiveDate) -> Value {
    Value::String(date.format("%Y-%m-%d").to_string())
}

pub(super) fn funding_value(funding: &Funding) -> Value {
    let mut map = Mapping::new();
    if let Some(icb) = funding.icb {
        map.insert("icb".into(), icb.into());
    }
    if let Some(la) = funding.la {
        map.insert("la".into(), la.into());
    }
    Value::Mapping(map)
}

pub(super) fn split(funding: Option<&Funding>) -> String {
    match funding {
        Some(funding) => format!("ICB {}/LA {}", funding.icb_share(), funding.la_share()),
        None => "no split".into(),
    }
}

pub(super) fn word_or_none(word: Option<impl std::fmt::Display>) -> String {
    word.map_or_else(|| "none".into(), |word| word.to_string())
}

pub(super) fn date_or_none(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "none".into(), format_uk)
}

/// The default funding for a category: who pays it all, or an even split for joint.
pub fn funding_for(category: Category, icb_share: Option<i64>) -> Funding {
    match category {
        Category::Health => Funding {
            icb: Some(100),
            la: None,
        },
        Category::Social => Funding {
            icb: None,
            la: Some(100),
        },
        Category::Joint => {
            let icb = icb_share.unwrap_or(50).clamp(0, 100);
            Funding {
                icb: Some(icb),
                la: Some(100 - icb),
            }
        }
    }
}

pub fn need_value(need: &Need) -> Value {
    let mut map = Mapping::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            map.insert(key.into(), value);
        }
    };
    put("id", need.id.clone().map(Value::String));
    put("need", need.need.clone().map(Value::String));
    put("category", need.category.map(|c| c.as_str().into()));
    put("provider", need.provider.clone().map(Value::String));
    put("funding", need.funding.as_ref().map(funding_value));
    put("status", need.status.map(|s| s.as_str().into()));
    put("since", need.since.map(date_value));
    put("review_by", need.review_by.map(date_value));
    put("notes", need.notes.clone().map(Value::String));
    Value::Mapping(map)
}

pub(super) fn review_value(review: &Review) -> Value {
    let list =
        |items: &[String]| Value::Sequence(items.iter().cloned().map(Value::String).collect());
    let mut map = Mapping::new();
    if let Some(date) = review.date {
        map.insert("date".into(), date_value(date));
    }
    map.insert("attendees".into(), list(&review.attendees));
    if let Some(involved) = review.person_involved {
        map.insert("person_involved".into(), involved.into());
    }
    if let Some(outcome) = review.outcome {
        map.insert("outcome".into(), outcome.as_str().into());
    }
    map.insert("changes".into(), list(&review.changes));
    Value::Mapping(map)
}

pub(super) fn dispute_value(dispute: &Dispute) -> Value {
    let mut map = Mapping::new();
    if let Some(since) = dispute.since {
        map.insert("since".into(), date_value(since));
    }
    map.insert(
        "about".into(),
        Value::Sequence(dispute.about.iter().cloned().map(Value::String).collect()),
    );
    if let Some(funder) = dispute.interim_funder {
        map.insert("interim_funder".into(), funder.as_str().into());
    }
    if let Some(note) = &dispute.note {
        map.insert("note".into(), note.clone().into());
    }
    Value::Mapping(map)
}

/// Notes with the ending's date and reason added on a line of its own (`Ended 2026-11-30:
/// moved to own tenancy`, as the samples write it). Notes written as a block that ends in a
/// line break keep it, so the file's `|` stays `|` and the diff is one added line.
pub fn notes_with_reason(previous: Option<&str>, on: NaiveDate, reason: &str) -> String {
    let reason = reason.trim();
    let ended = format!("Ended {}: {reason}", on.format("%Y-%m-%d"));
    match previous {
        Some(notes) if !notes.trim().is_empty() => {
            let end = if notes.ends_with('\n') { "\n" } else { "" };
            format!("{}\n{ended}{end}", notes.trim_end())
        }
        _ => ended,
    }
}

/// What to write when a text field is edited to `typed`: `None` when nothing changed (line
/// breaks and runs of spaces aside, as the one-line input shows them). A value that ended in a
/// line break (a `|` block) keeps one, so the file's block style stays as it was.
pub fn edited_text(from: Option<&str>, typed: &str) -> Option<String> {
    let typed = typed.trim();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    if from.is_some_and(|from| words(from) == words(typed)) {
        return None;
    }
    let end = if from.is_some_and(|from| from.ends_with('\n')) {
        "\n"
    } else {
        ""
    };
    Some(format!("{typed}{end}"))
}

pub(super) fn ending_value(ending: &Ending) -> Value {
    let mut map = Mapping::new();
    if let Some(date) = ending.date {
        map.insert("date".into(), date_value(date));
    }
    for (key, text) in [
        ("icb_decision_by", &ending.icb_decision_by),
        ("la_decision_by", &ending.la_decision_by),
    ] {
        if let Some(text) = text {
            map.insert(key.into(), text.clone().into());
        }
    }
    if let Some(involved) = ending.person_involved {
        map.insert("person_involved".into(), involved.into());
    }
    if let Some(reasons) = &ending.reasons {
        map.insert("reasons".into(), reasons.clone().into());
    }
    Value::Mapping(map)
}
