//! The one-pass reader against libyaml: whatever it reads, libyaml reads as the same value;
//! what it leaves to libyaml, it leaves whole.

use super::*;

/// `text` is read in one pass, to the value libyaml reads, with a place for every node.
fn read_alike(text: &str) -> ReadTree {
    let tree = read_tree(text).unwrap_or_else(|| panic!("left to libyaml: {text:?}"));
    let libyaml: Value = serde_yaml::from_str(text).expect("libyaml reads it");
    assert_eq!(tree.value, libyaml, "{text:?}");
    tree
}

/// Whatever the one pass reads, libyaml reads as the same value; says whether it read it.
fn agree(text: &str) -> bool {
    let Some(tree) = read_tree(text) else {
        return false;
    };
    let libyaml: Result<Value, _> = serde_yaml::from_str(text);
    assert_eq!(libyaml.ok().as_ref(), Some(&tree.value), "{text:?}");
    true
}

#[test]
fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
    let scalars = [
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "0",
        "-0",
        "+0",
        "00",
        "007",
        "-007",
        "+007",
        "12",
        "-12",
        "+12",
        "1_000",
        "0x1F",
        "0X1F",
        "-0x1F",
        "+0x1F",
        "0x-1",
        "0o17",
        "-0o17",
        "0b101",
        "-0b101",
        "0b2",
        "1.5",
        "-1.5",
        "+1.5",
        ".5",
        "5.",
        "1e3",
        "1E3",
        "-1e-3",
        "1e400",
        ".inf",
        ".Inf",
        "-.INF",
        "+.inf",
        ".nan",
        ".NaN",
        "nan",
        "inf",
        "infinity",
        "2026-11-30",
        "2026-11-30T10:00:00Z",
        "12:30",
        "1,000",
        "£1,200.50",
        "1200.50",
        "99999999999",
        "18446744073709551615",
        "-9223372036854775808",
        "- 1",
        "+-1",
        "--1",
        "+",
        "-",
        ".",
        "0.",
        "0.0",
        "01.5",
        "1__0",
        "S117-0042",
        "N1",
        "999 000 0018",
    ];
    let mut read = 0;
    for scalar in scalars {
        // As a value, in a list, and quoted (always text).
        for text in [
            format!("key: {scalar}\n"),
            format!("- {scalar}\n"),
            format!("key: '{scalar}'\n"),
            format!("key: \"{scalar}\"\n"),
        ] {
            read += usize::from(agree(&text));
        }
    }
    assert!(read > scalars.len() * 7 / 2, "only {read} read in one pass");
}

#[test]
fn integers_serde_yaml_cannot_hold_are_left_to_libyaml() {
    for scalar in [
        "18446744073709551616",
        "-9223372036854775809",
        "0x1FFFFFFFFFFFFFFFF",
    ] {
        assert!(read_tree(&format!("key: {scalar}\n")).is_none(), "{scalar}");
    }
}

#[test]
fn the_structures_a_plan_uses_read_alike() {
    let texts = [
        "schema: aftercare/v1\nid: S117-0001\nneeds:\n  - id: N1\n    funding: {icb: 40, la: 60}\n",
        "a:\n  - b\n  -\n  - [c, {d: e}]\n  - - nested\n    - list\n",
        "notes: |\n  line one\n\n  line two\nfolded: >\n  one\n  two\n\n  three\nkeep: |+\n  x\n\nstrip: >-\n  y\n",
        "multi: a plain scalar\n  that goes on\n  over lines\nquoted: 'it''s'\n",
        "# only a comment before\nid: x\n",
        "'quoted key': 1\n\"double key\": 2\n? explicit\n: value\n",
        "id: x\r\nneeds:\r\n  - id: N1\r\n",
        "text: café, naïve, 日本語, emoji 🙂\n",
        "[1, 2, 3]\n",
        "just text\n",
        "{a: 1, b: [x, y], c: {d: e}}\n",
        "a: 'single\n  folded'\nb: \"double\n\n  folded\"\n",
    ];
    for text in texts {
        let tree = read_alike(text);
        assert!(!tree.places.is_empty(), "{text:?}");
    }
}

#[test]
fn what_the_parsers_may_read_differently_is_left_to_libyaml() {
    let texts = [
        "a:\tb\n",
        "a: \"escaped \\n\"\n",
        "a: b\rc: d\n",
        "a: b\u{85}c: d\n",
        "a: b\u{2028}\n",
        "a: \u{feff}b\n",
        "a: \u{7f}\n",
        "%YAML 1.1\n---\na: b\n",
        "---\nid: x\n...\n",
        "a: &anchor b\n",
        "a: [b: c]\n",
        "a: [b:c]\n",
        "a: !tag b\n",
        "a: !!str 1\n",
        "a: &x b\nc: *x\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\na: 2\n",
        "1: one\n",
        "null: x\n",
        ": x\n",
        "[a]: b\n",
        "a: [unclosed\n",
        "",
        "# only a comment\n",
        "a: |\n  x",
        "a: b",
    ];
    for text in texts {
        assert!(read_tree(text).is_none(), "{text:?}");
    }
    let long_key = format!("{}: value\n", "k".repeat(1001));
    assert!(read_tree(&long_key).is_none());
}
