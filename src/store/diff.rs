//! Unified diffs of a pending change, git style (`a/` `b/` headers, 3 lines of context), made
//! by `similar`.

use similar::{ChangeTag, TextDiff};

/// Lines of context around each change, as git shows.
pub const CONTEXT: usize = 3;

/// The unified diff of `old` to `new` for the file at `path` (shown as given, less a leading
/// `./` or `/`, as git shows it), or an empty string when they are equal. A missing final
/// newline is marked as git marks it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let diff = TextDiff::from_lines(old, new);
    let body = diff
        .unified_diff()
        .context_radius(CONTEXT)
        .missing_newline_hint(true)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    format!("diff --git a/{path} b/{path}\n{body}")
}

/// The diff of a new file, as git shows one (`new file mode`, `--- /dev/null`).
pub fn new_file_diff(path: &str, text: &str) -> String {
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let diff = TextDiff::from_lines("", text);
    let body = diff
        .unified_diff()
        .context_radius(CONTEXT)
        .missing_newline_hint(true)
        .header("/dev/null", &format!("b/{path}"))
        .to_string();
    format!("diff --git a/{path} b/{path}\nnew file mode 100644\n{body}")
}

/// How many lines a change adds and removes (as `git diff --numstat` counts them).
pub fn line_counts(old: &str, new: &str) -> (usize, usize) {
    let diff = TextDiff::from_lines(old, new);
    diff.iter_all_changes()
        .fold((0, 0), |(added, removed), change| match change.tag() {
            ChangeTag::Insert => (added + 1, removed),
            ChangeTag::Delete => (added, removed + 1),
            ChangeTag::Equal => (added, removed),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_style_headers_and_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let diff = unified_diff("plans/p.yaml", old, new);
        assert_eq!(
            diff,
            "diff --git a/plans/p.yaml b/plans/p.yaml\n--- a/plans/p.yaml\n+++ b/plans/p.yaml\n\
             @@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(line_counts(old, new), (1, 1));
        assert_eq!(unified_diff("p.yaml", old, old), "");
        assert!(
            unified_diff("/tmp/p.yaml", old, new)
                .starts_with("diff --git a/tmp/p.yaml b/tmp/p.yaml\n")
        );
    }

    #[test]
    fn a_new_file_is_all_additions() {
        assert_eq!(
            new_file_diff("plans/n.yaml", "a\nb\n"),
            "diff --git a/plans/n.yaml b/plans/n.yaml\nnew file mode 100644\n\
             --- /dev/null\n+++ b/plans/n.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n"
        );
    }

    #[test]
    fn marks_a_missing_final_newline() {
        let diff = unified_diff("p.yaml", "a\nb", "a\nc");
        assert!(
            diff.ends_with("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
        );
    }
}
