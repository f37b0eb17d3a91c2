//! Reading a need's money keys (format v1.1): `cost`, `delivery`, `top_up`, and a recorded
//! `charge` or `contribution` (kept so rule 20 can call it unlawful).

use serde_yaml::{Mapping, Value};

use super::{Reader, kind};
use crate::plan::finding::{Check, Issue, YamlPath};
use crate::plan::money::{CHARGE_KEYS, COST_KEYS, Cost, NeedMoney, Pence, TOP_UP_KEYS, TopUp};

impl Reader {
    /// The money fields of the need mapping `need` at `path`; each bad value is one finding.
    pub(super) fn need_money(&mut self, need: &Mapping, path: &YamlPath) -> NeedMoney {
        let mut money = NeedMoney {
            delivery: self.word(need, path, "delivery", false),
            ..NeedMoney::default()
        };
        if let Some(value) = self.field(need, path, "cost", false) {
            let at = path.key("cost");
            if let Some(map) = self.mapping(value, &at, COST_KEYS) {
                money.cost = Some(Cost {
                    amount: self.amount(map, &at, true),
                    per: self.word(map, &at, "per", true),
                    from: self.date(map, &at, "from", false),
                });
            }
        }
        if let Some(value) = self.field(need, path, "top_up", false) {
            let at = path.key("top_up");
            if let Some(map) = self.mapping(value, &at, TOP_UP_KEYS) {
                money.top_up = Some(TopUp {
                    amount: self.amount(map, &at, true),
                    per: self.word(map, &at, "per", true),
                    paid_by: self.word(map, &at, "paid_by", true),
                    agreed: self.date(map, &at, "agreed", false),
                });
            }
        }
        money.charge_key = CHARGE_KEYS
            .iter()
            .find(|key| matches!(need.get(**key), Some(value) if !value.is_null()))
            .map(|key| (*key).to_owned());
        money
    }

    /// `amount` under `map`: pounds to the penny, written as a number (`1450.00`) or as text.
    fn amount(&mut self, map: &Mapping, path: &YamlPath, required: bool) -> Option<Pence> {
        let value = self.field(map, path, "amount", required)?;
        let at = path.key("amount");
        let text = match value {
            // A YAML number is read by libyaml as a float; its shortest form (`1450.5`) is the
            // decimal that was written for any amount of up to 15 digits.
            Value::Number(number) => number.to_string(),
            Value::String(text) => text.clone(),
            other => {
                self.error(
                    at.clone(),
                    format!("{at} is {}; expected pounds such as 1450.00", kind(other)),
                );
                return None;
            }
        };
        match Pence::parse_pounds(&text) {
            Ok(amount) => Some(amount),
            Err(reason) => {
                self.issues.push(Issue::error(
                    Check::Format,
                    at.clone(),
                    format!("{at}: {reason}"),
                ));
                None
            }
        }
    }
}
