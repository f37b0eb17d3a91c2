//! What `aftercare init` writes: the attribute lines, the driver's config, the pre-commit hook
//! and the folder's README, each marked so a later `init` knows it wrote them.

use std::path::Path;

/// The first words of every file aftercare init writes (how it knows a file is its own).
const MARK: &str = "Written by aftercare init";

/// The merge driver's name in `.gitattributes` and in the config.
pub const ATTRIBUTE_LINES: &[&str] = &["*.yaml merge=aftercare-plan", "*.yml merge=aftercare-plan"];
pub const DRIVER_KEY: &str = "merge.aftercare-plan.driver";
pub const DRIVER_NAME_KEY: &str = "merge.aftercare-plan.name";
pub const DRIVER_NAME: &str = "aftercare plan merge by need and field";

/// Files marked as written by aftercare init.
pub struct Marked;

impl Marked {
    /// Whether `text` is a file aftercare init wrote (its mark in the first lines).
    pub fn is_ours(text: &str) -> bool {
        text.lines().take(3).any(|line| line.contains(MARK))
    }

    /// `.gitattributes` with `lines`.
    pub fn attributes(lines: &[&str]) -> String {
        let mut text =
            format!("# {MARK}: plans merge by need and field (aftercare merge-driver).\n");
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

/// `text` in single quotes for `sh`: nothing in it is expanded.
fn sh_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The driver command git runs (through `sh`): this aftercare by its absolute path, or
/// `aftercare` on PATH when that file is gone (a moved or updated install).
pub fn driver_command(program: &Path) -> String {
    let program = sh_quoted(&program.display().to_string());
    format!(
        "if [ -x {program} ]; then {program} merge-driver %O %A %B %P; else aftercare merge-driver %O %A %B %P; fi"
    )
}

/// The pre-commit hook: `aftercare check` on the plans as staged (a copy of the index's
/// versions), refusing errors (check's exit 1) and letting warnings pass; a check that could
/// not run (no aftercare, no plan among the staged files) says so and lets the commit go.
pub fn pre_commit_hook(program: &Path) -> String {
    let program = sh_quoted(&program.display().to_string());
    format!(
        r#"#!/bin/sh
# {MARK}: refuses a commit whose staged plans have errors (warnings pass).
# aftercare init rewrites this file while this mark is in it; remove the mark to keep your own.
AFTERCARE={program}
[ -x "$AFTERCARE" ] || AFTERCARE=aftercare
staged=$(mktemp -d "${{TMPDIR:-/tmp}}/aftercare-staged.XXXXXX") || exit 1
trap 'rm -rf "$staged"' EXIT
git diff --cached --name-only --diff-filter=ACMR -z -- '*.yaml' '*.yml' |
  git checkout-index -z --stdin --prefix="$staged/" || exit 1
[ -n "$(ls -A "$staged")" ] || exit 0
(cd "$staged" && "$AFTERCARE" check .)
case $? in
  0) exit 0 ;;
  1) echo "aftercare: commit refused: the staged plans above have errors (warnings do not stop a commit)" >&2
     exit 1 ;;
  *) echo "aftercare: the staged plans could not be checked (see above); the commit goes ahead" >&2
     exit 0 ;;
esac
"#
    )
}

/// The folder's README.
pub fn readme() -> String {
    format!(
        "<!-- {MARK}; edit freely: init never overwrites it. -->
# Section 117 aftercare plans

One YAML file per plan, read and edited with [aftercare](https://example.invalid/aftercare).
This folder is a git repository the team shares through its git server.

- **Set up a clone** once: `git clone <server-url> plans && aftercare init plans`. This
  registers the plan merge driver and a pre-commit hook in *your* clone (git does not copy
  them from the server).
- **Share your changes and get the team's**: `aftercare sync plans`.
- **Two people changed the same field**: the plan keeps your value and lists the other one
  under `conflicts:`; `aftercare check` and the app show it as a conflict to resolve.
- A commit whose plans have errors is refused by the pre-commit hook; warnings pass.
"
    )
}
