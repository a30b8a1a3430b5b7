//! A byte-preserving editor of YAML text: finds the exact bytes of a value at a
//! path like `services[3].description.ru` and replaces only those, so that every
//! comment, blank line, quote and the order of the rest stay as they were.
//!
//! yaml-rust2 marks where each value starts (in characters); where it ends is read
//! here from the text by the value's style, and checked against the parsed value.
//! Every edit is checked by parsing the result again: the value at the path must read
//! back as the one asked for, or the edit is refused.

use crate::catalog::{self, Tree};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// How a value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
    FlowSeq,
    FlowMap,
    BlockSeq,
    BlockMap,
    Alias,
}

/// One value of the document: where its bytes are, and what it reads as.
#[derive(Clone, Debug)]
pub struct Node {
    /// Byte range in the text; for a block collection, from its first key or item to
    /// the end of its last value.
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// Inside `[…]` or `{…}`, where `,` and brackets end a plain value.
    pub in_flow: bool,
    /// The text of a scalar.
    pub scalar: Option<String>,
    /// The keys of a mapping, in order.
    pub keys: Vec<String>,
    /// For a sequence, how many items.
    pub len: usize,
    /// The byte where this value's key starts (values of a mapping).
    pub key_start: Option<usize>,
    /// The line (1-based) the value starts on.
    pub line: usize,
    /// Marked with `&name`: aliases elsewhere share it.
    pub anchored: bool,
}

/// What a value reads as, for comparing before and after an edit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Scalar(String),
    List(Vec<String>),
}

/// A value of a new entry: one value, or a mapping of them (a text's languages).
#[derive(Clone, Debug)]
pub enum Entry {
    Value(Value),
    Map(Vec<(String, Value)>),
}

/// A change to make: the value at `path` becomes `value` (added when the path's
/// parent is a mapping without that key).
#[derive(Clone, Debug)]
pub struct Change {
    pub path: String,
    pub value: Value,
}

/// A parsed document that knows where each of its values is.
#[derive(Debug)]
pub struct Doc {
    pub src: String,
    nodes: HashMap<String, Node>,
    /// Paths whose value is an alias (`*name`), with the path where the anchor is.
    aliases: HashMap<String, Option<String>>,
}

struct Collect(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Collect {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.0.push((ev, mark));
    }
}

enum Frame {
    Map { key: Option<(String, usize)> },
    Seq { index: usize },
}

struct Open {
    path: String,
    frame: Frame,
    flow: bool,
    start: Option<usize>,
    last_end: usize,
    line: usize,
    anchored: bool,
    keys: Vec<String>,
    key_start: Option<usize>,
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// The parent path and the last key of `path` (`a.b[2].c` → `a.b[2]`, `c`); None for an index.
pub fn split_key(path: &str) -> Option<(&str, &str)> {
    let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
    (!key.contains('[') && !key.contains(']')).then_some((parent, key))
}

impl Doc {
    /// Parses `src`; a YAML error is returned in words.
    pub fn parse(src: &str) -> Result<Doc, String> {
        let mut events = Collect(Vec::new());
        let mut parser = Parser::new_from_str(src);
        parser
            .load(&mut events, false)
            .map_err(|e| format!("this is not valid YAML: {e}"))?;
        let events = events.0;
        let starts = byte_positions(src, events.iter().map(|(_, m)| m));
        let mut doc = Doc {
            src: src.to_string(),
            nodes: HashMap::new(),
            aliases: HashMap::new(),
        };
        let mut anchors: HashMap<usize, String> = HashMap::new();
        let mut alias_ids: Vec<(String, usize)> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        for (i, (ev, mark)) in events.iter().enumerate() {
            let start = starts[i];
            let next = starts.get(i + 1).copied().unwrap_or(src.len());
            let is_key = matches!(
                stack.last(),
                Some(Open {
                    frame: Frame::Map { key: None },
                    ..
                })
            );
            let in_flow = stack.last().is_some_and(|o| o.flow);
            match ev {
                Event::Scalar(value, ..) if is_key => {
                    if let Some(open) = stack.last_mut() {
                        open.frame = Frame::Map {
                            key: Some((value.clone(), start)),
                        };
                        open.keys.push(value.clone());
                        open.start.get_or_insert(start);
                    }
                }
                Event::Scalar(value, style, anchor, _) => {
                    let (path, key_start) = next_path(&mut stack);
                    let Some((s, e, shape)) =
                        scalar_range(src, start, next, *style, value, in_flow)
                    else {
                        continue;
                    };
                    if *anchor > 0 {
                        anchors.insert(*anchor, path.clone());
                    }
                    let node = Node {
                        start: s,
                        end: e,
                        shape,
                        in_flow,
                        scalar: Some(value.clone()),
                        keys: Vec::new(),
                        len: 0,
                        key_start,
                        line: mark.line(),
                        anchored: *anchor > 0,
                    };
                    doc.add(&mut stack, path, node);
                }
                Event::Alias(id) => {
                    let (path, key_start) = next_path(&mut stack);
                    let len = src[start..]
                        .find(|c: char| c.is_whitespace() || ",]}".contains(c))
                        .unwrap_or(src.len() - start);
                    alias_ids.push((path.clone(), *id));
                    let node = Node {
                        start,
                        end: start + len,
                        shape: Shape::Alias,
                        in_flow,
                        scalar: None,
                        keys: Vec::new(),
                        len: 0,
                        key_start,
                        line: mark.line(),
                        anchored: false,
                    };
                    doc.add(&mut stack, path, node);
                }
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    let (path, key_start) = next_path(&mut stack);
                    let is_map = matches!(ev, Event::MappingStart(..));
                    let opener = if is_map { '{' } else { '[' };
                    let flow = src[start..].starts_with(opener);
                    if *anchor > 0 {
                        anchors.insert(*anchor, path.clone());
                    }
                    stack.push(Open {
                        path,
                        frame: if is_map {
                            Frame::Map { key: None }
                        } else {
                            Frame::Seq { index: 0 }
                        },
                        flow,
                        start: flow.then_some(start),
                        last_end: start,
                        line: mark.line(),
                        anchored: *anchor > 0,
                        keys: Vec::new(),
                        key_start,
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    let Some(open) = stack.pop() else { continue };
                    let is_map = matches!(ev, Event::MappingEnd);
                    let end = if open.flow { start + 1 } else { open.last_end };
                    let shape = match (is_map, open.flow) {
                        (true, true) => Shape::FlowMap,
                        (true, false) => Shape::BlockMap,
                        (false, true) => Shape::FlowSeq,
                        (false, false) => Shape::BlockSeq,
                    };
                    let len = match open.frame {
                        Frame::Seq { index } => index,
                        Frame::Map { .. } => 0,
                    };
                    let node = Node {
                        start: open.start.unwrap_or(open.last_end),
                        end,
                        shape,
                        in_flow: stack.last().is_some_and(|o| o.flow),
                        scalar: None,
                        keys: open.keys,
                        len,
                        key_start: open.key_start,
                        line: open.line,
                        anchored: open.anchored,
                    };
                    doc.add(&mut stack, open.path, node);
                }
                _ => {}
            }
        }
        for (path, id) in alias_ids {
            doc.aliases.insert(path, anchors.get(&id).cloned());
        }
        Ok(doc)
    }

    fn add(&mut self, stack: &mut [Open], path: String, node: Node) {
        if let Some(parent) = stack.last_mut() {
            parent.last_end = parent.last_end.max(node.end);
            parent
                .start
                .get_or_insert(node.key_start.unwrap_or(node.start));
        }
        self.nodes.insert(path, node);
    }

    pub fn node(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// What the value at `path` reads as: a scalar, or a list of scalars.
    pub fn value(&self, path: &str) -> Option<Value> {
        let node = self.nodes.get(path)?;
        match node.shape {
            Shape::FlowSeq | Shape::BlockSeq => (0..node.len)
                .map(|i| {
                    self.nodes
                        .get(&format!("{path}[{i}]"))
                        .and_then(|n| n.scalar.clone())
                })
                .collect::<Option<Vec<_>>>()
                .map(Value::List),
            _ => node.scalar.clone().map(Value::Scalar),
        }
    }

    /// The scalar text at `path`, if it is one.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.nodes.get(path).and_then(|n| n.scalar.as_deref())
    }

    /// Every path of the document.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.nodes.keys()
    }

    /// Every path whose value is a scalar, with its node.
    pub fn scalars(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.nodes.iter().filter(|(_, n)| n.scalar.is_some())
    }

    /// Where `path` passes through an alias: the alias's path and the anchor's.
    pub fn shared(&self, path: &str) -> Option<(String, Option<String>)> {
        self.aliases
            .iter()
            .find(|(a, _)| {
                path == a.as_str()
                    || path.starts_with(&format!("{a}."))
                    || path.starts_with(&format!("{a}["))
            })
            .map(|(a, anchor)| (a.clone(), anchor.clone()))
    }

    /// The paths under an anchored value (its aliases elsewhere change with it).
    pub fn anchored_above(&self, path: &str) -> Option<&str> {
        self.nodes
            .iter()
            .filter(|(_, n)| n.anchored)
            .map(|(p, _)| p.as_str())
            .find(|a| {
                path == *a
                    || path.starts_with(&format!("{a}."))
                    || path.starts_with(&format!("{a}["))
            })
    }

    /// The 1-based line a byte offset is on.
    pub fn line_of(&self, byte: usize) -> usize {
        self.src[..byte.min(self.src.len())].matches('\n').count() + 1
    }

    /// The text with `changes` made, each touching only its own value's bytes
    /// (a new key: one new line after the mapping's last value, or `, key: value`
    /// before a flow mapping's `}`).
    pub fn apply(&self, changes: &[Change]) -> Result<String, String> {
        let mut splices: Vec<(usize, usize, usize, String)> = Vec::new();
        // Values whose mapping is not there yet (a service's first `title`): one new
        // mapping per parent, holding them all.
        let mut nested: Vec<(&str, Vec<&Change>)> = Vec::new();
        for (n, change) in changes.iter().enumerate() {
            let parent = split_key(&change.path).map(|(p, _)| p);
            match parent {
                Some(p)
                    if !self.nodes.contains_key(&change.path)
                        && !self.nodes.contains_key(p)
                        && self.shared(p).is_none() =>
                {
                    match nested.iter_mut().find(|(q, _)| *q == p) {
                        Some((_, list)) => list.push(change),
                        None => nested.push((p, vec![change])),
                    }
                }
                _ => {
                    let (start, end, text) = self.splice(change)?;
                    splices.push((start, end, n, text));
                }
            }
        }
        for (i, (parent, list)) in nested.into_iter().enumerate() {
            let (start, end, text) = self.new_mapping(parent, &list)?;
            splices.push((start, end, changes.len() + i, text));
        }
        splices.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)));
        for pair in splices.windows(2) {
            if pair[1].1 > pair[0].0 {
                return Err("two changes touch the same value".into());
            }
        }
        let mut out = self.src.clone();
        for (start, end, _, text) in &splices {
            out.replace_range(*start..*end, text);
        }
        let again =
            Doc::parse(&out).map_err(|e| format!("the change would break the file: {e}"))?;
        let tree = judged(&out, &again)?;
        for change in changes {
            let removed = self.removal(change).is_some();
            let read = again.value(&change.path);
            let typed = self
                .text(&change.path)
                .is_some_and(|old| match &change.value {
                    Value::Scalar(new) => same_type(old, new),
                    Value::List(_) => false,
                });
            if (removed && read.is_some())
                || (!removed
                    && (read.as_ref() != Some(&change.value)
                        || !(typed || loader_reads(&tree, &change.path, &change.value))))
            {
                return Err(format!(
                    "{}: the new value could not be written so that it reads back the same",
                    change.path
                ));
            }
        }
        Ok(out)
    }

    fn splice(&self, change: &Change) -> Result<(usize, usize, String), String> {
        let path = change.path.as_str();
        if let Some((alias, anchor)) = self.shared(path) {
            let line = self.nodes.get(&alias).map_or(0, |n| n.line);
            let at = anchor
                .and_then(|a| self.nodes.get(&a))
                .map(|n| format!(", where it is written out at line {}", n.line))
                .unwrap_or_default();
            return Err(format!(
                "{path} is shared with another entry through a YAML alias (line {line}); edit it at the anchor{at}"
            ));
        }
        if let Some(range) = self.removal(change) {
            return Ok((range.0, range.1, String::new()));
        }
        match self.nodes.get(path) {
            Some(node) => {
                let indent = self.content_indent(node);
                let text = match (&change.value, node.shape) {
                    (Value::Scalar(v), Shape::Plain)
                        if node.scalar.as_deref().is_some_and(|old| same_type(old, v)) =>
                    {
                        v.clone()
                    }
                    (Value::Scalar(v), shape) if node.scalar.is_some() => {
                        render_scalar(v, shape, node.in_flow, indent)
                    }
                    (Value::List(items), Shape::FlowSeq) => self.render_list(path, node, items),
                    _ => {
                        return Err(format!(
                            "{path} is written in a form this editor does not change; edit it in catalog.yaml"
                        ));
                    }
                };
                Ok((node.start, node.end, text))
            }
            None => self.insertion(path, &change.value),
        }
    }

    /// An emptied text in one language leaves the file (its page then falls back to
    /// Azerbaijani, as for a text never written): the bytes of its `key: value`, where
    /// they can go without touching anything else.
    fn removal(&self, change: &Change) -> Option<(usize, usize)> {
        if change.value != Value::Scalar(String::new()) {
            return None;
        }
        let (parent, key) = split_key(&change.path)?;
        crate::lang::Lang::parse(key).filter(|l| l.code() == key)?;
        let node = self.nodes.get(&change.path)?;
        let map = self.nodes.get(parent)?;
        let key_start = node.key_start?;
        match map.shape {
            Shape::BlockMap => {
                let start = self.line_start(key_start);
                let end = self.src[node.end..]
                    .find('\n')
                    .map_or(self.src.len(), |i| node.end + i + 1);
                let before = &self.src[start..key_start];
                let after = self.src[node.end..end].trim();
                let alone =
                    before.trim().is_empty() && (after.is_empty() || after.starts_with('#'));
                (alone && map.keys.len() > 1).then_some((start, end))
            }
            Shape::FlowMap => {
                let i = map.keys.iter().position(|k| k == key)?;
                if i > 0 {
                    let prev = self.nodes.get(&join(parent, &map.keys[i - 1]))?;
                    Some((prev.end, node.end))
                } else {
                    let next = self.nodes.get(&join(parent, map.keys.get(1)?))?;
                    Some((key_start, next.key_start?))
                }
            }
            _ => None,
        }
    }

    /// A new `key: value` in the mapping at the path's parent.
    fn insertion(&self, path: &str, value: &Value) -> Result<(usize, usize, String), String> {
        let Some((parent, key)) = split_key(path) else {
            return Err(format!("there is no {path} to change"));
        };
        let Some(map) = self.nodes.get(parent) else {
            return Err(format!("there is no {parent} to add {key} to"));
        };
        match map.shape {
            Shape::FlowMap => {
                let close = map.end - 1;
                let sep = if map.keys.is_empty() { "" } else { ", " };
                let v = match value {
                    Value::Scalar(s) => render_scalar(s, Shape::Plain, true, 0),
                    Value::List(items) => flow_list(items, |_| None),
                };
                Ok((close, close, format!("{sep}{key}: {v}")))
            }
            Shape::BlockMap => {
                let (at, indent) = self.block_end(parent, map);
                let v = match value {
                    Value::Scalar(s) => render_scalar(s, Shape::Plain, false, indent + 2),
                    Value::List(items) => flow_list(items, |_| None),
                };
                Ok((at, at, format!("\n{}{key}: {v}", " ".repeat(indent))))
            }
            _ => Err(format!(
                "{parent} is not a mapping, so {key} cannot be added to it"
            )),
        }
    }

    /// The text with a new item at the end of the block list at `seq`: each key with its
    /// value, a text as a mapping of its languages. Checked by reading it back.
    pub fn append(&self, seq: &str, item: &[(String, Entry)]) -> Result<String, String> {
        let Some(list) = self.nodes.get(seq).filter(|n| n.shape == Shape::BlockSeq) else {
            return Err(format!("{seq} is not a list this editor can add to"));
        };
        // The first entry's first key: its column is where the new entry's keys go.
        let first = self
            .nodes
            .get(&format!("{seq}[0]"))
            .map(|n| n.start)
            .ok_or_else(|| format!("{seq} is empty"))?;
        let indent = first - self.line_start(first);
        let text = render_item(item, indent);
        let at = self.src[list.end..]
            .find('\n')
            .map_or(self.src.len(), |i| list.end + i);
        let mut out = self.src.clone();
        out.insert_str(at, &text);
        reads_back(out, &format!("{seq}[{}]", list.len), item)
    }

    /// The text with a new entry at the end of the list at `seq` (`services[3].facts.how`),
    /// which is made, with the mapping above it, where it is not there yet.
    pub fn add_item(&self, seq: &str, item: &[(String, Entry)]) -> Result<String, String> {
        if self.nodes.contains_key(seq) {
            return self.append(seq, item);
        }
        if let Some((alias, _)) = self.shared(seq) {
            return Err(format!(
                "{seq} is shared with another entry through a YAML alias ({alias}); add it where it is written out"
            ));
        }
        let (parent, key) = split_key(seq).ok_or_else(|| format!("cannot add to {seq}"))?;
        let (above, mut text, map) = match self.nodes.get(parent) {
            Some(map) => (parent, String::new(), map),
            None => {
                let (grand, pkey) =
                    split_key(parent).ok_or_else(|| format!("cannot add to {seq}"))?;
                let map = self
                    .nodes
                    .get(grand)
                    .ok_or_else(|| format!("there is no {grand} to add {pkey} to"))?;
                (grand, format!("\n{{pad}}{pkey}:"), map)
            }
        };
        if map.shape != Shape::BlockMap {
            return Err(format!("{above} is not a mapping this editor can add to"));
        }
        let (at, indent) = self.block_end(above, map);
        let nested = !text.is_empty();
        let pad = " ".repeat(indent);
        text = text.replace("{pad}", &pad);
        let key_indent = if nested { indent + 2 } else { indent };
        text.push_str(&format!("\n{}{key}:", " ".repeat(key_indent)));
        text.push_str(&render_item(item, key_indent + 4));
        let mut out = self.src.clone();
        out.insert_str(at, &text);
        reads_back(out, &format!("{seq}[0]"), item)
    }

    /// The text without the item at `path` (an entry of a block list): its lines go,
    /// the lines around it stay.
    pub fn remove(&self, path: &str) -> Result<String, String> {
        let node = self
            .nodes
            .get(path)
            .filter(|n| !n.in_flow && matches!(n.shape, Shape::BlockMap))
            .ok_or_else(|| format!("{path} is not an entry this editor can remove"))?;
        let start = self.line_start(node.start);
        let end = self.src[node.end..]
            .find('\n')
            .map_or(self.src.len(), |i| node.end + i + 1);
        if !self.src[start..node.start].trim_start().starts_with('-') {
            return Err(format!("{path} is not an entry of a block list"));
        }
        let mut out = self.src.clone();
        out.replace_range(start..end, "");
        let again =
            Doc::parse(&out).map_err(|e| format!("removing it would break the file: {e}"))?;
        judged(&out, &again)?;
        Ok(out)
    }

    /// Adds `key:` holding a block mapping of `changes` (their last keys) to the mapping
    /// above `path`.
    fn new_mapping(
        &self,
        path: &str,
        changes: &[&Change],
    ) -> Result<(usize, usize, String), String> {
        let Some((parent, key)) = split_key(path) else {
            return Err(format!("there is no {path} to add to"));
        };
        let (at, indent) = match self.nodes.get(parent) {
            Some(map) if map.shape == Shape::BlockMap => self.block_end(parent, map),
            _ => return Err(format!("there is no {parent} to add {key} to")),
        };
        let pad = " ".repeat(indent);
        let mut text = format!("\n{pad}{key}:");
        for change in changes {
            let Some((_, k)) = split_key(&change.path) else {
                continue;
            };
            let v = match &change.value {
                Value::Scalar(s) => render_scalar(s, Shape::Plain, false, indent + 4),
                Value::List(items) => flow_list(items, |_| None),
            };
            text.push_str(&format!("\n{pad}  {k}: {v}"));
        }
        Ok((at, at, text))
    }

    /// Where a new line goes at the end of a block mapping, and its keys' indentation.
    fn block_end(&self, path: &str, map: &Node) -> (usize, usize) {
        let first = map
            .keys
            .first()
            .and_then(|k| self.nodes.get(&join(path, k)))
            .and_then(|n| n.key_start)
            .unwrap_or(map.start);
        let indent = first - self.line_start(first);
        let at = self.src[map.end..]
            .find('\n')
            .map_or(self.src.len(), |i| map.end + i);
        (at, indent)
    }

    fn line_start(&self, byte: usize) -> usize {
        self.src[..byte].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The indentation a block scalar's lines take: the one it has, or its key's plus 2.
    fn content_indent(&self, node: &Node) -> usize {
        match node.shape {
            Shape::Literal | Shape::Folded => {
                let content = self.src[node.start..]
                    .find('\n')
                    .map_or(node.start, |i| node.start + i + 1);
                self.src[content..].len() - self.src[content..].trim_start_matches(' ').len()
            }
            _ => {
                let k = node.key_start.unwrap_or(node.start);
                k - self.line_start(k) + 2
            }
        }
    }

    /// A flow list with the new items; an item already there keeps its own spelling.
    fn render_list(&self, path: &str, node: &Node, items: &[String]) -> String {
        let mut old: HashMap<&str, &str> = HashMap::new();
        for i in 0..node.len {
            if let Some(n) = self.nodes.get(&format!("{path}[{i}]"))
                && let Some(v) = n.scalar.as_deref()
            {
                old.entry(v).or_insert(&self.src[n.start..n.end]);
            }
        }
        flow_list(items, |item| old.get(item).map(|raw| raw.to_string()))
    }
}

/// A new entry of a block list, its keys at column `indent`, on lines of its own
/// (each starting with a line break).
fn render_item(item: &[(String, Entry)], indent: usize) -> String {
    let dash = " ".repeat(indent.saturating_sub(2));
    let pad = " ".repeat(indent);
    let mut text = String::new();
    for (n, (key, entry)) in item.iter().enumerate() {
        let lead = if n == 0 {
            format!("\n{dash}- ")
        } else {
            format!("\n{pad}")
        };
        match entry {
            Entry::Value(Value::Scalar(v)) => text.push_str(&format!(
                "{lead}{key}: {}",
                render_scalar(v, Shape::Plain, false, indent + 2)
            )),
            Entry::Value(Value::List(items)) => {
                text.push_str(&format!("{lead}{key}: {}", flow_list(items, |_| None)))
            }
            Entry::Map(values) => {
                text.push_str(&format!("{lead}{key}:"));
                for (k, v) in values {
                    let v = match v {
                        Value::Scalar(s) => render_scalar(s, Shape::Plain, false, indent + 4),
                        Value::List(items) => flow_list(items, |_| None),
                    };
                    text.push_str(&format!("\n{pad}  {k}: {v}"));
                }
            }
        }
    }
    text
}

fn flow_list(items: &[String], reuse: impl Fn(&str) -> Option<String>) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|i| reuse(i).unwrap_or_else(|| render_scalar(i, Shape::Plain, true, 0)))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// The byte where each mark is. A mark's index counts characters, except after a block
/// scalar (bytes there); its line and column are reliable: the byte is found from them,
/// walking on from the mark before where it is on the same line (marks come in the
/// text's order), so that a long line is walked once, not once for each value on it.
fn byte_positions<'a>(src: &str, marks: impl Iterator<Item = &'a Marker>) -> Vec<usize> {
    let mut line_starts = vec![0];
    line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
    // The last mark found: its line, column and byte.
    let mut last = (usize::MAX, 0, 0);
    marks
        .map(|m| {
            let line = m.line().saturating_sub(1).min(line_starts.len() - 1);
            let (from_col, from) = if last.0 == line && last.1 <= m.col() {
                (last.1, last.2)
            } else {
                (0, line_starts[line])
            };
            let byte = from
                + src[from..]
                    .char_indices()
                    .take_while(|(_, c)| *c != '\n')
                    .nth(m.col() - from_col)
                    .map_or_else(|| line_len(src, from), |(i, _)| i);
            last = (line, m.col(), byte);
            byte
        })
        .collect()
}

/// The bytes from `from` to the end of its line.
fn line_len(src: &str, from: usize) -> usize {
    src[from..].find('\n').unwrap_or(src.len() - from)
}

/// The path of the value that starts now, and where its key starts.
fn next_path(stack: &mut [Open]) -> (String, Option<usize>) {
    let Some(open) = stack.last_mut() else {
        return (String::new(), None);
    };
    match &mut open.frame {
        Frame::Map { key } => match key.take() {
            Some((k, at)) => (join(&open.path, &k), Some(at)),
            None => (open.path.clone(), None),
        },
        Frame::Seq { index } => {
            let p = format!("{}[{index}]", open.path);
            *index += 1;
            (p, None)
        }
    }
}

/// Where a scalar that starts at `start` ends, read by its style and checked against
/// its value; for a block scalar the range starts at its `|` or `>`.
fn scalar_range(
    src: &str,
    start: usize,
    next: usize,
    style: TScalarStyle,
    value: &str,
    in_flow: bool,
) -> Option<(usize, usize, Shape)> {
    let bytes = src.as_bytes();
    match style {
        TScalarStyle::SingleQuoted => {
            let mut i = start + 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Some((start, i + 1, Shape::Single));
                }
                i += 1;
            }
            None
        }
        TScalarStyle::DoubleQuoted => {
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return Some((start, i + 1, Shape::Double)),
                    _ => i += 1,
                }
            }
            None
        }
        TScalarStyle::Plain => {
            let region = &src[start..next.max(start)];
            // A plain value never holds ` #`: a comment starts there.
            let cut = region
                .char_indices()
                .find(|&(i, c)| c == '#' && i > 0 && region[..i].ends_with(char::is_whitespace))
                .map_or(region.len(), |(i, _)| i);
            let region = &region[..cut];
            let mut offset = 0;
            for line in region.split_inclusive('\n') {
                let mut text = region[..offset + line.len()].trim_end();
                if in_flow {
                    text = text.trim_end_matches(',').trim_end();
                }
                if fold(text) == value {
                    return Some((start, start + text.len(), Shape::Plain));
                }
                offset += line.len();
            }
            None
        }
        TScalarStyle::Literal | TScalarStyle::Folded => {
            let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
            let indent = start - line_start;
            if !src[line_start..start].bytes().all(|b| b == b' ') || line_start == 0 {
                return None;
            }
            // The header is at the end of the last line before the content that is not blank.
            let before = src[..line_start - 1].trim_end();
            let header_line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
            let pos = header_line.rfind(['|', '>'])?;
            let header = &header_line[pos + 1..];
            if !header
                .bytes()
                .all(|b| b == b'-' || b == b'+' || b.is_ascii_digit())
            {
                return None;
            }
            let header_start = before.len() - header_line.len() + pos;
            let mut end = start;
            let mut offset = line_start;
            for line in src[line_start..].split_inclusive('\n') {
                let body = line.trim_end_matches(['\n', '\r']);
                if !body.trim().is_empty() {
                    let own = body.len() - body.trim_start_matches(' ').len();
                    if own < indent {
                        break;
                    }
                    end = offset + body.len();
                }
                offset += line.len();
            }
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            if squeeze(&src[start..end]) != squeeze(value) {
                return None;
            }
            let shape = if style == TScalarStyle::Literal {
                Shape::Literal
            } else {
                Shape::Folded
            };
            Some((header_start, end, shape))
        }
    }
}

/// A plain scalar over several lines reads as its lines joined by spaces.
fn fold(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `v` can be written without quotes and still read back as this text.
fn plain_ok(v: &str, in_flow: bool) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    if v != v.trim()
        || v.chars().any(|c| c.is_control() || disputed(c))
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
        || (in_flow && v.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Anything that might read as a number or a date stays in quotes.
    let numeric = v
        .chars()
        .all(|c| c.is_ascii_hexdigit() || "xXoO._:+-".contains(c));
    // The loader's parser is the judge of what else is not text (`.inf`, `.nan`).
    !(numeric && (first.is_ascii_digit() || ".+".contains(first))) && catalog::plain_is_text(v)
}

/// Characters that YAML 1.1 (the loader's parser) reads as line breaks and YAML 1.2 (the
/// editor's) as text, and the byte-order mark, which only 1.2 allows inside a document:
/// never written raw, where the two could read them differently.
pub fn disputed(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether an unquoted number or `true`/`false` stays one: a new value of the same
/// kind is written unquoted too (a district's `lat`, `inferred`).
fn same_type(old: &str, new: &str) -> bool {
    let number = |s: &str| s.parse::<f64>().is_ok_and(f64::is_finite) && !s.contains(['_', ' ']);
    let boolean = |s: &str| matches!(s, "true" | "false");
    (number(old) && number(new)) || (boolean(old) && boolean(new))
}

/// `v` in double quotes, with what YAML would otherwise read differently escaped.
pub fn double_quoted(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `v` written for a place whose old value had `shape`: the same style where it can
/// hold the text, else double quotes (which hold any text).
pub fn render_scalar(v: &str, shape: Shape, in_flow: bool, indent: usize) -> String {
    match shape {
        Shape::Plain if plain_ok(v, in_flow) => v.to_string(),
        Shape::Single if !v.is_empty() && !v.chars().any(|c| c.is_control() || disputed(c)) => {
            format!("'{}'", v.replace('\'', "''"))
        }
        Shape::Literal | Shape::Folded if block_ok(v) => {
            let pad = " ".repeat(indent.max(1));
            let lines: Vec<&str> = v.trim_end_matches('\n').split('\n').collect();
            let chomp = if v.ends_with('\n') { "" } else { "-" };
            let header = if shape == Shape::Folded && lines.len() == 1 {
                ">"
            } else {
                "|"
            };
            let mut out = format!("{header}{chomp}");
            for line in lines {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
            out
        }
        _ => double_quoted(v),
    }
}

/// A text a literal block holds exactly: it starts with no space, ends with at most one
/// line break, no line ends with a space, no control characters.
fn block_ok(v: &str) -> bool {
    !v.trim().is_empty()
        && !v.starts_with([' ', '\n'])
        && !v.ends_with("\n\n")
        && !v
            .chars()
            .any(|c| (c.is_control() && c != '\n') || disputed(c))
        && v.split('\n').all(|l| l == l.trim_end())
}

/// `out` when the entry just written at `path` reads back from it as given, field by field;
/// else what would break the file or which field comes back otherwise.
fn reads_back(out: String, path: &str, item: &[(String, Entry)]) -> Result<String, String> {
    let again = Doc::parse(&out).map_err(|e| format!("the new entry would break the file: {e}"))?;
    let tree = judged(&out, &again)?;
    let reads =
        |p: &str, v: &Value| again.value(p).as_ref() == Some(v) && loader_reads(&tree, p, v);
    for (key, entry) in item {
        let ok = match entry {
            Entry::Value(v) => reads(&format!("{path}.{key}"), v),
            Entry::Map(values) => values
                .iter()
                .all(|(k, v)| reads(&format!("{path}.{key}.{k}"), v)),
        };
        if !ok {
            return Err(format!(
                "{path}.{key}: the new entry does not read back as given"
            ));
        }
    }
    Ok(out)
}

/// `again` (an edited text, `out`, as this editor reads it) checked with the loader's
/// parser, the one judge of what the file means: it must read every value as this
/// editor does, so that the two cannot disagree (a U+2028 the loader reads as a line
/// break, which would add a key). The loader's reading, or the first place it differs.
fn judged(out: &str, again: &Doc) -> Result<Tree, String> {
    let tree =
        catalog::read_tree(out).map_err(|e| format!("the change would break the file: {e}"))?;
    agree(again, "", &tree).map_err(|path| {
        format!(
            "{}: `ccu check` would read this differently from the editor (a character YAML readers disagree about, such as U+2028?); fix it in a text editor",
            if path.is_empty() { "the file" } else { &path }
        )
    })?;
    Ok(tree)
}

/// Whether the loader reads the value at `path` of `doc` as `tree`; the first path where
/// it does not. A value this editor did not place (past an alias) is the loader's alone.
fn agree(doc: &Doc, path: &str, tree: &Tree) -> Result<(), String> {
    let Some(node) = doc.nodes.get(path) else {
        return Ok(());
    };
    let ok = match (node.shape, tree) {
        (Shape::Alias, _) => true,
        (Shape::BlockMap | Shape::FlowMap, Tree::Map(entries)) => {
            if entries.len() != node.keys.len()
                || entries.iter().zip(&node.keys).any(|((k, _), key)| k != key)
            {
                return Err(path.to_string());
            }
            for (k, v) in entries {
                agree(doc, &join(path, k), v)?;
            }
            true
        }
        (Shape::BlockSeq | Shape::FlowSeq, Tree::List(items)) => {
            if items.len() != node.len {
                return Err(path.to_string());
            }
            for (i, v) in items.iter().enumerate() {
                agree(doc, &format!("{path}[{i}]"), v)?;
            }
            true
        }
        (_, Tree::Text(t)) => node.scalar.as_deref() == Some(t.as_str()),
        // A number, true/false or nothing: only ever written plain.
        (Shape::Plain, Tree::Other(_)) => true,
        _ => false,
    };
    if ok { Ok(()) } else { Err(path.to_string()) }
}

/// Whether the loader reads `value` at `path` as text: each item of a list, or the one scalar.
fn loader_reads(tree: &Tree, path: &str, value: &Value) -> bool {
    match (tree.at(path), value) {
        (Some(Tree::Text(t)), Value::Scalar(s)) => t == s,
        (Some(Tree::List(items)), Value::List(list)) => {
            items.len() == list.len()
                && items
                    .iter()
                    .zip(list)
                    .all(|(i, s)| matches!(i, Tree::Text(t) if t == s))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
