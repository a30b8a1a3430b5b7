//! The import graph between the crate's top-level modules has no cycle
//! (docs/architecture.md: a module uses only those below it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its files name as `crate::X`.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for part in line.split("crate::").skip(1) {
                let used: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !used.is_empty() && used != module {
                    out.entry(module.clone()).or_default().insert(used);
                }
            }
        }
    }
    out
}

fn cycle_from(
    node: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|n| n == node) {
        return Some(
            path[i..]
                .iter()
                .cloned()
                .chain([node.to_string()])
                .collect(),
        );
    }
    if !done.insert(node.to_string()) {
        return None;
    }
    path.push(node.to_string());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(c) = cycle_from(next, graph, path, done) {
            return Some(c);
        }
    }
    path.pop();
    None
}

#[test]
fn the_modules_import_each_other_without_a_cycle() {
    let graph = edges();
    assert!(graph.contains_key("render"), "the scan found the modules");
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let cycle = cycle_from(node, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap().join(" → ")
        );
    }
}

#[test]
fn the_base_layer_uses_nothing_above_it() {
    let graph = edges();
    let base = ["lang", "text", "diag", "files", "output"];
    for m in base {
        let above: Vec<_> = graph
            .get(m)
            .into_iter()
            .flatten()
            .filter(|d| !base.contains(&d.as_str()))
            .collect();
        assert!(
            above.is_empty(),
            "`{m}` uses {above:?}, which are above the base layer"
        );
    }
}
