//! A need's money as one change (format v1.1): its cost, delivery and top-up as the need edit
//! leaves them, written field by field so the diff holds only what changed (a cost's amount
//! alone is one value in its line; a cost the need did not have is added whole).

use serde_yaml::{Mapping, Value};

use super::FieldEdit;
use crate::plan::model::Need;
use crate::plan::money::{Cost, Delivery, Pence, Period, TopUp};

/// What of a need's money the need edit sets: cost, delivery and top-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MoneyFields {
    pub cost: Option<Cost>,
    pub delivery: Option<Delivery>,
    pub top_up: Option<TopUp>,
}

impl MoneyFields {
    /// The need's money as read.
    pub fn of(need: &Need) -> MoneyFields {
        MoneyFields {
            cost: need.money.cost,
            delivery: need.money.delivery,
            top_up: need.money.top_up,
        }
    }

    /// Put these fields on the need (the model as it will be).
    pub fn apply(&self, need: &mut Need) {
        need.money.cost = self.cost;
        need.money.delivery = self.delivery;
        need.money.top_up = self.top_up;
    }
}

/// An amount as the plan keeps it, as `set` writes it: whole pounds as an integer (`1450`),
/// else pounds and pence (`38.5`).
pub fn amount_value(amount: Pence) -> Value {
    if amount.0 % 100 == 0 {
        Value::from(amount.0 / 100)
    } else {
        // The shortest decimal of this `f64` is the amount (at most ten digits).
        Value::from(amount.0 as f64 / 100.0)
    }
}

fn date_value(date: chrono::NaiveDate) -> Value {
    Value::String(date.format("%Y-%m-%d").to_string())
}

/// `(key, value)` of a cost's fields that are set, in the format's order.
fn cost_pairs(cost: &Cost) -> Vec<(&'static str, Option<Value>)> {
    vec![
        ("amount", cost.amount.map(amount_value)),
        ("per", cost.per.map(|per| per.as_str().into())),
        ("from", cost.from.map(date_value)),
    ]
}

fn top_up_pairs(top_up: &TopUp) -> Vec<(&'static str, Option<Value>)> {
    vec![
        ("amount", top_up.amount.map(amount_value)),
        ("per", top_up.per.map(|per| per.as_str().into())),
        ("paid_by", top_up.paid_by.map(|payer| payer.as_str().into())),
        ("agreed", top_up.agreed.map(date_value)),
    ]
}

/// The edits from one map to another at `path`: added whole, removed whole, or only the
/// fields that differ.
fn map_edits(
    path: &str,
    from: Option<Vec<(&'static str, Option<Value>)>>,
    to: Option<Vec<(&'static str, Option<Value>)>>,
) -> Vec<FieldEdit> {
    match (from, to) {
        (None, None) => Vec::new(),
        (Some(_), None) => vec![FieldEdit::Remove { path: path.into() }],
        (None, Some(to)) => {
            let mut map = Mapping::new();
            for (key, value) in to {
                if let Some(value) = value {
                    map.insert(key.into(), value);
                }
            }
            vec![FieldEdit::Set {
                path: path.into(),
                value: Value::Mapping(map),
            }]
        }
        (Some(from), Some(to)) => from
            .into_iter()
            .zip(to)
            .filter(|((_, old), (_, new))| old != new)
            .map(|(_, (key, new))| match new {
                Some(value) => FieldEdit::Set {
                    path: format!("{path}.{key}"),
                    value,
                },
                None => FieldEdit::Remove {
                    path: format!("{path}.{key}"),
                },
            })
            .collect(),
    }
}

/// The file edits that take need `id`'s money from `from` to `to`.
pub fn field_edits(id: &str, from: &MoneyFields, to: &MoneyFields) -> Vec<FieldEdit> {
    let mut edits = map_edits(
        &format!("needs.{id}.cost"),
        from.cost.as_ref().map(cost_pairs),
        to.cost.as_ref().map(cost_pairs),
    );
    if from.delivery != to.delivery {
        let path = format!("needs.{id}.delivery");
        edits.push(match to.delivery {
            Some(delivery) => FieldEdit::Set {
                path,
                value: delivery.as_str().into(),
            },
            None => FieldEdit::Remove { path },
        });
    }
    edits.extend(map_edits(
        &format!("needs.{id}.top_up"),
        from.top_up.as_ref().map(top_up_pairs),
        to.top_up.as_ref().map(top_up_pairs),
    ));
    edits
}

fn per_word(per: Option<Period>) -> &'static str {
    match per {
        Some(Period::Week) => "/wk",
        Some(Period::Month) => "/mo",
        Some(Period::Year) => "/yr",
        None => "",
    }
}

fn cost_words(cost: Option<&Cost>) -> String {
    match cost.and_then(|cost| cost.amount.map(|amount| (amount, cost.per))) {
        Some((amount, per)) => format!("{amount}{}", per_word(per)),
        None => "none".into(),
    }
}

/// `N2 cost £1,925.00/wk -> £1,950.00/wk; N2 delivery -> direct_payment`: what changed, in
/// words (money and need ids, never a person's identifiers).
pub fn describe(id: &str, from: &MoneyFields, to: &MoneyFields) -> String {
    let mut parts = Vec::new();
    if from.cost != to.cost {
        parts.push(format!(
            "{id} cost {} -> {}",
            cost_words(from.cost.as_ref()),
            cost_words(to.cost.as_ref())
        ));
    }
    if from.delivery != to.delivery {
        let word = to.delivery.map_or("none", Delivery::as_str);
        parts.push(format!("{id} delivery -> {word}"));
    }
    if from.top_up != to.top_up {
        let words = match to.top_up {
            Some(top_up) => match top_up.amount {
                Some(amount) => format!("{amount}{}", per_word(top_up.per)),
                None => "changed".into(),
            },
            None => "removed".into(),
        };
        parts.push(format!("{id} top-up -> {words}"));
    }
    if parts.is_empty() {
        format!("{id} money unchanged")
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(amount: i64, per: Period) -> Cost {
        Cost {
            amount: Some(Pence(amount)),
            per: Some(per),
            from: None,
        }
    }

    #[test]
    fn only_the_fields_that_differ_are_edited() {
        let from = MoneyFields {
            cost: Some(cost(192_500, Period::Week)),
            ..MoneyFields::default()
        };
        let to = MoneyFields {
            cost: Some(cost(195_050, Period::Week)),
            ..MoneyFields::default()
        };
        assert_eq!(
            field_edits("N2", &from, &to),
            vec![FieldEdit::Set {
                path: "needs.N2.cost.amount".into(),
                value: Value::from(1950.5),
            }]
        );
        assert_eq!(
            describe("N2", &from, &to),
            "N2 cost £1,925.00/wk -> £1,950.50/wk"
        );
        // Taken away whole; added whole; an unchanged need edits nothing.
        assert_eq!(
            field_edits("N2", &from, &MoneyFields::default()),
            vec![FieldEdit::Remove {
                path: "needs.N2.cost".into()
            }]
        );
        assert!(matches!(
            &field_edits("N2", &MoneyFields::default(), &from)[..],
            [FieldEdit::Set { path, value: Value::Mapping(_) }] if path == "needs.N2.cost"
        ));
        assert!(field_edits("N2", &from, &from).is_empty());
    }
}
