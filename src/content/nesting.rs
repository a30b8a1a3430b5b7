//! How deeply a guide's HTML nests, measured in one linear pass before anything
//! parses it as a tree.
//!
//! Parsing HTML as a browser does costs time in proportion to the depth for every
//! tag (the sanitizer took 8 s on 40,000 nested `<div>`), and minifying recurses
//! once per level (3,000 nested `<div>` overflowed a page thread's stack). So a
//! guide is refused when this scan finds it deeper than [`MAX_DEPTH`], before the
//! sanitizer sees it; the sanitized HTML (well-formed, so measured exactly by the
//! same scan) is checked again.
//!
//! The scan follows the HTML tokenizer where that decides what is a tag (quoted
//! attribute values, comments, text-only elements such as `<style>`) and errs
//! deeper where the tree builder would close or reopen elements by itself: it never
//! says a text is shallower than the parser will build it, for what a guide holds.

/// How many elements a guide's body may nest inside each other (quotes, lists,
/// HTML). Real guides nest under 10; the page around the body adds about 15.
pub const MAX_DEPTH: usize = 100;

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text, not tags, in HTML (with scripting on, as the sanitizer parses).
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

/// Elements the parser reopens when a misnested end tag closed them (the "active
/// formatting elements").
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements whose start tag closes an open one of the same name (`<li>a<li>b`).
const PEERS: &[&str] = &["dd", "dt", "li", "option", "p", "td", "th", "tr"];

/// Where an end tag of another name stops looking for its element: past one of these
/// the parser ignores the end tag.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// Elements whose end tag closes everything open inside them (up to a [`SCOPE`]
/// element); an end tag of any other name is ignored where one of these is open
/// inside its element (`<span><div></span>` leaves both open).
const SPECIAL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "applet",
    "caption",
    "html",
    "marquee",
    "object",
    "table",
    "td",
    "template",
    "th",
];

/// The byte offset of the first tag in `html` that nests deeper than `max`, if any.
pub fn too_deep_at(html: &str, max: usize) -> Option<usize> {
    let b = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Formatting elements closed by another element's end tag: the parser may open them again.
    let mut reopened: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        i = at + 1;
        match b.get(i) {
            Some(b'!') => i = declaration_end(b, i + 1),
            Some(b'?') => i = after(b, i, b'>'),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, j) = tag_name(b, i + 1);
                i = tag_end(b, j).0;
                close(&mut open, &mut reopened, &name);
            }
            Some(b'/') => i = after(b, i, b'>'),
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, j) = tag_name(b, i);
                let (end, self_closing) = tag_end(b, j);
                i = end;
                let foreign = open.iter().any(|n| n == "svg" || n == "math");
                if VOID.contains(&name.as_str()) || (self_closing && foreign) {
                    continue;
                }
                if PEERS.contains(&name.as_str()) && open.last() == Some(&name) {
                    open.pop();
                }
                if name == "plaintext" {
                    return (open.len() + 1 + reopened.len() > max).then_some(at);
                }
                if !foreign && RAW_TEXT.contains(&name.as_str()) {
                    // Its text runs to its own end tag, which the next round reads.
                    i = raw_text_end(b, i, &name);
                }
                open.push(name);
                if open.len() + reopened.len() > max {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// An end tag: pops its element and what is open inside it, as the parser does.
fn close(open: &mut Vec<String>, reopened: &mut Vec<String>, name: &str) {
    let special = SPECIAL.contains(&name);
    let mut found = None;
    for (k, n) in open.iter().enumerate().rev() {
        if n == name {
            found = Some(k);
            break;
        }
        if (special && SCOPE.contains(&n.as_str()))
            || (!special && !FORMATTING.contains(&name) && SPECIAL.contains(&n.as_str()))
        {
            break;
        }
    }
    match found {
        Some(k) => {
            for inner in open.drain(k..).skip(1) {
                if FORMATTING.contains(&inner.as_str()) {
                    reopened.push(inner);
                }
            }
        }
        None => {
            if let Some(k) = reopened.iter().rposition(|n| n == name) {
                reopened.remove(k);
            }
        }
    }
}

/// A tag's name (lowercase) and where it ends.
fn tag_name(b: &[u8], from: usize) -> (String, usize) {
    let mut j = from;
    while b
        .get(j)
        .is_some_and(|&c| !is_space(c) && c != b'/' && c != b'>')
    {
        j += 1;
    }
    (String::from_utf8_lossy(&b[from..j]).to_ascii_lowercase(), j)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Past a tag's attributes: where the tag ends and whether it ended with `/>`.
/// A quote starts a value only after `=`, as the tokenizer reads it.
fn tag_end(b: &[u8], mut k: usize) -> (usize, bool) {
    loop {
        match b.get(k) {
            None => return (b.len(), false),
            Some(b'>') => return (k + 1, false),
            Some(b'/') if b.get(k + 1) == Some(&b'>') => return (k + 2, true),
            Some(&c) if is_space(c) || c == b'/' => k += 1,
            Some(_) => {
                // The attribute's name; a first `=` belongs to it.
                k += 1;
                while b
                    .get(k)
                    .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
                {
                    k += 1;
                }
                while b.get(k).is_some_and(|&c| is_space(c)) {
                    k += 1;
                }
                if b.get(k) != Some(&b'=') {
                    continue;
                }
                k += 1;
                while b.get(k).is_some_and(|&c| is_space(c)) {
                    k += 1;
                }
                match b.get(k) {
                    Some(&q) if q == b'"' || q == b'\'' => k = after(b, k + 1, q),
                    Some(b'>') => return (k + 1, false),
                    _ => {
                        while b.get(k).is_some_and(|&c| !is_space(c) && c != b'>') {
                            k += 1;
                        }
                    }
                }
            }
        }
    }
}

/// Just past the next `c` at or after `from`, or the end.
fn after(b: &[u8], from: usize, c: u8) -> usize {
    b.get(from..)
        .and_then(|rest| rest.iter().position(|&x| x == c))
        .map_or(b.len(), |p| from + p + 1)
}

/// Past `<!…`: a comment (which `-->` or `--!>` ends, or `>` / `->` right after
/// its start), or a declaration up to `>`.
fn declaration_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from.min(b.len())..];
    let Some(body) = rest.strip_prefix(b"--") else {
        return after(b, from, b'>');
    };
    let start = from + 2;
    if body.starts_with(b">") {
        return start + 1;
    }
    if body.starts_with(b"->") {
        return start + 2;
    }
    let end = body
        .windows(3)
        .position(|w| w == b"-->")
        .map(|p| p + 3)
        .into_iter()
        .chain(body.windows(4).position(|w| w == b"--!>").map(|p| p + 4))
        .min();
    end.map_or(b.len(), |e| start + e)
}

/// Where the text of a text-only element ends: at `</name` followed by a space, `/` or `>`.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let n = name.len();
    let mut k = from;
    while let Some(off) = b[k.min(b.len())..].windows(2).position(|w| w == b"</") {
        let at = k + off;
        let ends = b
            .get(at + 2..at + 2 + n)
            .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()));
        let next = b.get(at + 2 + n);
        if ends && next.is_none_or(|&c| is_space(c) || c == b'/' || c == b'>') {
            return at;
        }
        k = at + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        (1..200).find(|&m| too_deep_at(html, m).is_none()).unwrap()
    }

    #[test]
    fn counts_what_nests() {
        assert_eq!(depth("<p>a</p><p>b</p>"), 1);
        assert_eq!(depth("<div><ul><li><p>x</p></li></ul></div>"), 4);
        assert_eq!(depth("<br><img src=x><hr/>"), 1);
        assert_eq!(depth(&"<div>".repeat(50)), 50);
        assert_eq!(too_deep_at(&"<div>".repeat(50), 49), Some(49 * 5));
    }

    #[test]
    fn reads_tags_as_the_tokenizer_does() {
        // A `>` or `</div>` inside a quoted value is no tag.
        assert_eq!(depth(&"<div title=\"></div>\">".repeat(30)), 30);
        assert_eq!(depth(&"<div title='></div>'>".repeat(30)), 30);
        // A quote that follows no `=` is part of a name, not a value.
        assert_eq!(depth(&"<div a\"b></div><div>".repeat(30)), 30);
        // Tags inside a comment or a style element are text (the style element is one level).
        assert_eq!(depth(&"<div><!-- </div> -->".repeat(30)), 30);
        assert_eq!(depth(&"<div><style></div></style>".repeat(30)), 31);
        assert_eq!(depth(&"<div><!--></div>".repeat(30)), 1);
    }

    #[test]
    fn errs_deeper_where_the_parser_keeps_elements_open() {
        // `</span>` is ignored where a `<div>` is open inside the span.
        assert_eq!(depth(&"<span><div></span>".repeat(30)), 60);
        // Formatting elements closed by a paragraph come back in the next one.
        assert!(depth(&"<p><b class=x></p>".repeat(30)) >= 30);
        // Closed lists and items do not add up.
        assert_eq!(depth(&"<ul><li>a<li>b</ul>".repeat(30)), 2);
    }
}
