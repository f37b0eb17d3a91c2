//! Reading a need's money keys: its `funding` shares (v1), and (format v1.1) `cost`,
//! `delivery`, `top_up`, and a recorded `charge` or `contribution` (kept so rule 20 can call
//! it unlawful).

use serde_yaml::{Mapping, Value};

use super::{Reader, kind};
use crate::plan::finding::{Check, Issue, YamlPath};
use crate::plan::model::Funding;
use crate::plan::money::{CHARGE_KEYS, COST_KEYS, Cost, NeedMoney, Pence, TOP_UP_KEYS, TopUp};

const FUNDING_KEYS: &[&str] = &["icb", "la"];

impl Reader {
    pub(super) fn funding(&mut self, need: &Mapping, need_path: &YamlPath) -> Option<Funding> {
        let value = self.field(need, need_path, "funding", false)?;
        let path = need_path.key("funding");
        let map = self.mapping(value, &path, FUNDING_KEYS)?;
        let share = |reader: &mut Reader, key: &str| -> Option<i64> {
            let value = reader.field(map, &path, key, false)?;
            match value.as_i64() {
                Some(number) => Some(number),
                None => {
                    let at = path.key(key);
                    reader.issues.push(Issue::error(
                        Check::Rule(5),
                        at.clone(),
                        format!(
                            "{at} is {}; a funding share is a whole number of percent, 0 to 100",
                            match value {
                                Value::Number(number) => format!("`{number}`"),
                                other => kind(other).to_owned(),
                            }
                        ),
                    ));
                    None
                }
            }
        };
        Some(Funding {
            icb: share(self, "icb"),
            la: share(self, "la"),
        })
    }

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
