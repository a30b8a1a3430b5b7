//! Where each field of a YAML file starts, so that a problem found after
//! deserialising can still name the line an editor must open.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Field path (`services[3].name.ru`) → (line, column), both 1-based.
/// Worked out on first use: a catalog without problems never needs it.
#[derive(Debug)]
pub struct Spans<'a> {
    source: &'a str,
    map: std::cell::OnceCell<HashMap<String, (usize, usize)>>,
}

enum Frame {
    /// `started` turns true at the first key: libyaml marks a block mapping's start
    /// after its first key, so the first key's own position is used for the mapping.
    Map {
        key: Option<String>,
        started: bool,
    },
    Seq {
        index: usize,
    },
}

struct Walker {
    stack: Vec<(String, Frame)>,
    map: HashMap<String, (usize, usize)>,
}

impl Walker {
    /// The path of the node that starts now, or None when the event is a mapping key.
    fn next_path(&mut self) -> Option<String> {
        let Some((base, frame)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match frame {
            Frame::Map { key, .. } => key.take().map(|k| join(base, &k)),
            Frame::Seq { index } => {
                let p = format!("{base}[{index}]");
                *index += 1;
                Some(p)
            }
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.map
            .entry(path.to_string())
            .or_insert((mark.line(), mark.col() + 1));
    }
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                let is_key = matches!(self.stack.last(), Some((_, Frame::Map { key: None, .. })));
                if is_key {
                    let base = self
                        .stack
                        .last()
                        .map(|(b, _)| b.clone())
                        .unwrap_or_default();
                    // A key's own line is where an editor looks for the field.
                    self.record(&join(&base, &value), mark);
                    if let Some((_, Frame::Map { key, started })) = self.stack.last_mut() {
                        *key = Some(value);
                        if !*started {
                            *started = true;
                            self.map.insert(base, (mark.line(), mark.col() + 1));
                        }
                    }
                } else if let Some(path) = self.next_path() {
                    self.record(&path, mark);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.next_path() {
                    self.record(&path, mark);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.next_path().unwrap_or_default();
                self.record(&path, mark);
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        key: None,
                        started: false,
                    }
                } else {
                    Frame::Seq { index: 0 }
                };
                self.stack.push((path, frame));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl<'a> Spans<'a> {
    pub fn of(source: &'a str) -> Spans<'a> {
        Spans {
            source,
            map: std::cell::OnceCell::new(),
        }
    }

    /// Positions of every field; an unparsable document yields what was read before the fault.
    fn map(&self) -> &HashMap<String, (usize, usize)> {
        self.map.get_or_init(|| {
            let mut walker = Walker {
                stack: Vec::new(),
                map: HashMap::new(),
            };
            let mut parser = Parser::new_from_str(self.source);
            let _ = parser.load(&mut walker, false);
            walker.map
        })
    }

    /// The position of `path`, or of its nearest enclosing field that exists
    /// (a missing field is reported where its parent starts).
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.map().get(&p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_fields_and_falls_back_to_parents() {
        let src =
            "site:\n  title: x\nservices:\n  - id: '1.1'\n    name:\n      az: Ad\n  - id: '1.2'\n";
        let s = Spans::of(src);
        assert_eq!(s.find("site.title"), Some((2, 3)));
        assert_eq!(s.find("services[0].name.az"), Some((6, 7)));
        assert_eq!(s.find("services[1].id"), Some((7, 5)));
        // A missing field points at its parent.
        assert_eq!(s.find("services[1].name.ru"), Some((7, 5)));
    }
}
