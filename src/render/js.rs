//! The theme's JavaScript modules as sent: without whole-line comments and indentation.
//! Comments say why for the people reading the theme; the browser fetches every byte of
//! them before the first search, so they stay in the sources and out of the site.

/// `src` without lines that are only a comment (`// …`, or a `/* … */` block begun at the
/// start of a line) and without leading whitespace. Lines inside a multi-line template
/// literal are kept as they are, since there the characters are the string's own.
pub fn slim(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut in_template = false;
    let mut in_block = false;
    for line in src.lines() {
        if in_template {
            out.push_str(line);
            out.push('\n');
            // The template ends at its first unescaped backtick; code follows it.
            in_template = match closing_backtick(line) {
                Some(end) => backticks(&line[end + 1..]) % 2 == 1,
                None => true,
            };
            continue;
        }
        let t = line.trim_start();
        if in_block {
            in_block = !t.contains("*/");
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        if t.starts_with("/*") {
            // A block ends on its own line or later; text after `*/` on that line is kept.
            if let Some(end) = t.find("*/") {
                let rest = t[end + 2..].trim();
                if rest.is_empty() {
                    continue;
                }
                out.push_str(rest);
                out.push('\n');
            } else {
                in_block = true;
            }
            continue;
        }
        if t.is_empty() {
            continue;
        }
        out.push_str(t);
        out.push('\n');
        in_template = backticks(t) % 2 == 1;
    }
    out
}

/// Where the first unescaped backtick of a line inside a template literal is.
fn closing_backtick(line: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '`' if !escaped => return Some(i),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

/// Backticks that open or close a template literal: not escaped, not in a '…' or "…"
/// string, not in a trailing `//` comment.
fn backticks(line: &str) -> usize {
    let mut n = 0;
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '`') => n += 1,
            (None, '/') if chars.peek() == Some(&'/') => break,
            (None, _) => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::slim;

    #[test]
    fn comments_and_indentation_go_code_stays() {
        let src = "// why\nexport function f(a) {\n  // because\n  return a + 1; // kept: not a whole line\n}\n/** doc\n * more\n */\nconst s = 'x';\n/* short */ const t = 2;\n";
        assert_eq!(
            slim(src),
            "export function f(a) {\nreturn a + 1; // kept: not a whole line\n}\nconst s = 'x';\nconst t = 2;\n"
        );
    }

    #[test]
    fn a_backtick_in_a_quoted_string_opens_no_template() {
        let src = "const m = { '`': \"'\" };\n  // gone\n  y();\n";
        assert_eq!(slim(src), "const m = { '`': \"'\" };\ny();\n");
    }

    #[test]
    fn a_multi_line_template_literal_is_left_whole() {
        let src = "const h = `\n  // it's not a comment\n    indented\n`;\n  x();\n  // gone\n";
        assert_eq!(
            slim(src),
            "const h = `\n  // it's not a comment\n    indented\n`;\nx();\n"
        );
    }
}
