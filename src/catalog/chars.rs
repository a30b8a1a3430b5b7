//! Characters no page may carry: a control character in any value of the catalog
//! (YAML's `"\e"` or `"\0"` escapes write one) is refused at its field.

use super::Spans;
use crate::diag::Diagnostic;
use serde_yaml::Value;

/// Reports every string value under `value` (at `path`) holding a forbidden character.
pub(super) fn check(
    value: &Value,
    path: &str,
    spans: &Spans,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match value {
        Value::String(s) => {
            if let Some((c, _)) = crate::text::forbidden_char(s) {
                let (l, col) = spans.find(path).unwrap_or((0, 0));
                diags.push(
                    Diagnostic::error(file, format!("the text holds the control character U+{:04X}", c as u32))
                        .at(l, col)
                        .path(path)
                        .help("remove it: pages and feeds cannot carry it (it is often pasted unseen, or written as an escape like \\e or \\0)"),
                );
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                check(item, &format!("{path}[{i}]"), spans, file, diags);
            }
        }
        Value::Mapping(map) => {
            for (k, v) in map {
                let Some(k) = k.as_str() else { continue };
                let p = if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                };
                check(v, &p, spans, file, diags);
            }
        }
        Value::Tagged(t) => check(&t.value, path, spans, file, diags),
        _ => {}
    }
}
