//! A quick look at how deeply YAML text nests, before the YAML parser sees it.
//!
//! libyaml (under serde_yaml) takes time quadratic in the nesting depth: 40,000
//! open brackets take 11 s, which would stall `ccu serve`. No real catalog, guide
//! or UI-strings file nests more than a dozen levels, so text that nests past
//! [`MAX_DEPTH`] is refused in one linear pass instead.

/// Deeper than any sensible catalog (the real one nests 6 levels), far below the
/// depth at which parsing gets slow.
pub const MAX_DEPTH: usize = 64;

/// Where the text first nests deeper than `MAX_DEPTH`: (line, column), 1-based.
///
/// Counts block levels (by indentation, and `- ` or `? ` indicators, several of
/// which may stand on one line) plus flow levels (`[` and `{` that start a
/// value). Quoted strings, comments and block scalars (`|`, `>`) are skipped, so
/// brackets in text do not count. Over-counting is possible only for text that
/// looks nested, which is what the limit is for.
pub fn too_deep(src: &str) -> Option<(usize, usize)> {
    let mut s = Scanner::default();
    for (n, line) in src.lines().enumerate() {
        if let Some(col) = s.line(line) {
            return Some((n + 1, col + 1));
        }
    }
    None
}

/// For each line of `src` (split after `\n`), whether it starts outside any quoted
/// string, flow collection or block scalar that runs on from an earlier line: whether
/// its first characters are structure (a key, a list's `- `) rather than text. None
/// when the text nests deeper than `MAX_DEPTH`.
pub fn structural_lines(src: &str) -> Option<Vec<bool>> {
    let mut s = Scanner::default();
    let mut out = Vec::new();
    for line in src.split_inclusive('\n') {
        let line = line.trim_end_matches(['\n', '\r']);
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        let blank = line.trim().is_empty() || line[indent..].starts_with('#');
        let in_scalar = s.scalar_parent.is_some_and(|p| blank || indent > p);
        out.push(s.quote.is_none() && s.flow == 0 && !in_scalar);
        if s.line(line).is_some() {
            return None;
        }
    }
    Some(out)
}

#[derive(Default)]
struct Scanner {
    /// Indentations of the open block levels.
    blocks: Vec<usize>,
    flow: usize,
    /// Inside a quoted string that goes on past the line end: its quote.
    quote: Option<char>,
    /// Inside a block scalar: lines indented more than this are its text.
    scalar_parent: Option<usize>,
}

impl Scanner {
    /// Scans one line; returns the column where the depth went past the limit.
    fn line(&mut self, line: &str) -> Option<usize> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = line.trim().is_empty() || line[indent..].starts_with('#');
        if let Some(parent) = self.scalar_parent {
            if blank || indent > parent {
                return None;
            }
            self.scalar_parent = None;
        }
        let mut i = 0;
        let mut at_value = false;
        if self.quote.is_none() && self.flow == 0 {
            if blank {
                return None;
            }
            while self.blocks.last().is_some_and(|&b| b > indent) {
                self.blocks.pop();
            }
            if self.blocks.last() != Some(&indent) {
                self.blocks.push(indent);
            }
            i = indent;
            // `- - - x` nests a sequence per dash.
            while i < bytes.len()
                && matches!(bytes[i], b'-' | b'?')
                && bytes.get(i + 1).is_none_or(|&b| b == b' ')
            {
                self.blocks.push(i + 2);
                if self.depth() > MAX_DEPTH {
                    return Some(i);
                }
                i += 2;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            at_value = true;
        }
        if self.depth() > MAX_DEPTH {
            return Some(i);
        }
        self.rest(bytes, i, at_value, indent)
    }

    fn depth(&self) -> usize {
        self.blocks.len() + self.flow
    }

    /// The rest of a line from byte `i`; `at_value` when a value may start there.
    fn rest(
        &mut self,
        bytes: &[u8],
        mut i: usize,
        mut at_value: bool,
        indent: usize,
    ) -> Option<usize> {
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = self.quote {
                if q == '"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q as u8 {
                    if q == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    self.quote = None;
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => return None,
                b'"' | b'\'' if at_value => {
                    self.quote = Some(b as char);
                    at_value = false;
                }
                b'[' | b'{' if at_value || self.flow > 0 => {
                    self.flow += 1;
                    if self.depth() > MAX_DEPTH {
                        return Some(i);
                    }
                    at_value = true;
                }
                b']' | b'}' if self.flow > 0 => self.flow -= 1,
                b',' if self.flow > 0 => at_value = true,
                b':' if bytes.get(i + 1).is_none_or(|&n| n == b' ') => at_value = true,
                b'|' | b'>' if at_value && self.flow == 0 => {
                    self.scalar_parent = Some(indent);
                    return None;
                }
                _ => at_value = false,
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_catalog_and_ordinary_yaml_pass() {
        let catalog = include_str!("../../catalog.yaml");
        assert_eq!(too_deep(catalog), None);
        assert_eq!(too_deep("a: [1, [2, {b: [3]}]]\nc:\n  - - x\n"), None);
        // Brackets in text, quotes and block scalars are not nesting.
        let text = format!(
            "a: \"{0}\"\nb: '{0}'\nc: |\n  {0}\n  {0}\nd: x {0}\n# {0}\n",
            "[".repeat(100)
        );
        assert_eq!(too_deep(&text), None, "{text}");
    }

    #[test]
    fn lines_inside_quoted_text_flow_or_block_scalars_are_not_structure() {
        let text = "a: 'one\nb: two'\nc: [1,\n  2]\nd: |\n  e: x\n\n  f\ng: 3\n";
        let lines = structural_lines(text).unwrap();
        assert_eq!(
            lines,
            [true, false, true, false, true, false, false, false, true]
        );
        assert_eq!(structural_lines(&"[".repeat(100)), None);
    }

    #[test]
    fn deep_flow_and_block_nesting_is_found_with_its_line() {
        let flow = format!("site:\n  x: {}", "[".repeat(40_000));
        assert_eq!(too_deep(&flow), Some((2, 6 + MAX_DEPTH - 2)));
        let dashes = format!("a: 1\n\n{}x\n", "- ".repeat(40_000));
        assert_eq!(too_deep(&dashes).map(|p| p.0), Some(3));
        let braces = format!("a: {}", "{b: ".repeat(1000));
        assert!(too_deep(&braces).is_some());
        let indented: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(too_deep(&indented).map(|p| p.0), Some(MAX_DEPTH + 1));
    }
}
