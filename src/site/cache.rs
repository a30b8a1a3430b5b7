//! `ccu build`'s page cache. An output holds, in `.ccu-pages`, a key of everything
//! every page reads (the `ccu` binary, the catalog but its services, the theme) and,
//! for each page whose other inputs are all its own (a service's, a guide's: see
//! [`crate::render::page_keys`]), a hash of those inputs and one of the page's bytes.
//! The next build over that output does not render such a page when both keys are
//! unchanged and the previous file still holds those bytes: it links the file.
//!
//! The file names no path the build uses as it is: only pages the build would render
//! itself are looked up in it.

use super::Loaded;
use crate::text::fnv1a;
use std::collections::BTreeMap;
use std::path::Path;

/// The cache's file in the output folder.
pub const FILE: &str = ".ccu-pages";
const HEADER: &str = "ccu page cache 1";

/// A cached page: the hash of its own inputs and of its bytes, by output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub input: u64,
    pub output: u64,
}

/// The key of everything the cached pages share; None when it cannot be known
/// (then nothing is cached).
pub fn shared_key(loaded: &Loaded) -> Option<u64> {
    // A rebuilt `ccu` may render otherwise: its size and time of writing are part of the key.
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let written = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut all = format!(
        "{} {} {}\n",
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        written.as_nanos()
    )
    .into_bytes();
    all.extend(loaded.catalog.all_but_services()?.bytes());
    let theme = &loaded.theme;
    all.extend(
        format!(
            "{:?}{:?}{:?}",
            theme.strings, theme.templates, theme.outline
        )
        .bytes(),
    );
    for (name, bytes) in &theme.files {
        all.extend(format!("\n{name} {}\n", bytes.len()).bytes());
        all.extend(bytes);
    }
    Some(fnv1a(&all))
}

/// The cached pages of the previous output at `out`, if it was built with `shared`.
pub fn read(out: &Path, shared: u64) -> BTreeMap<String, Entry> {
    let Ok(text) = std::fs::read_to_string(out.join(FILE)) else {
        return BTreeMap::new();
    };
    let mut lines = text.lines();
    let ours =
        lines.next() == Some(HEADER) && lines.next() == Some(format!("{shared:016x}").as_str());
    if !ours {
        return BTreeMap::new();
    }
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    lines
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let (input, output, rel) = (parts.next()?, parts.next()?, parts.next()?);
            Some((
                rel.to_string(),
                Entry {
                    input: hex(input)?,
                    output: hex(output)?,
                },
            ))
        })
        .collect()
}

/// Of `wanted` (output file → the hash of its inputs now), the pages the previous
/// output at `out` holds unchanged: same inputs, and a file with the bytes it was
/// written with (read and checked on a few threads). Returns them with their sizes.
pub fn reusable(
    out: &Path,
    previous: &BTreeMap<String, Entry>,
    wanted: &BTreeMap<String, u64>,
) -> BTreeMap<String, (Entry, usize)> {
    let candidates: Vec<(&String, Entry)> = wanted
        .iter()
        .filter_map(|(rel, input)| {
            let e = previous.get(rel)?;
            (e.input == *input).then_some((rel, *e))
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    let checked = crate::par::map_in_order(&candidates, threads, |(rel, e)| {
        let path = out.join(rel);
        let plain = std::fs::symlink_metadata(&path).ok()?.is_file();
        let bytes = std::fs::read(&path).ok().filter(|_| plain)?;
        (fnv1a(&bytes) == e.output).then(|| ((*rel).clone(), (*e, bytes.len())))
    });
    checked.into_iter().flatten().collect()
}

/// The text of `.ccu-pages` for pages written or kept with these keys.
pub fn manifest(shared: u64, pages: &BTreeMap<String, Entry>) -> String {
    let mut out = format!("{HEADER}\n{shared:016x}\n");
    for (rel, e) in pages {
        out.push_str(&format!("{:016x} {:016x} {rel}\n", e.input, e.output));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unchanged_inputs_with_unchanged_files_are_reused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("en/a")).unwrap();
        std::fs::create_dir_all(out.join("en/b")).unwrap();
        std::fs::create_dir_all(out.join("en/c")).unwrap();
        std::fs::write(out.join("en/a/index.html"), "page a").unwrap();
        std::fs::write(out.join("en/b/index.html"), "page b").unwrap();
        // Changed by hand after the build: not reused.
        std::fs::write(out.join("en/c/index.html"), "page c, edited").unwrap();
        let entry = |input, page: &str| Entry {
            input,
            output: fnv1a(page.as_bytes()),
        };
        let pages: BTreeMap<String, Entry> = [
            ("en/a/index.html".to_string(), entry(1, "page a")),
            ("en/b/index.html".to_string(), entry(2, "page b")),
            ("en/c/index.html".to_string(), entry(3, "page c")),
        ]
        .into();
        std::fs::write(out.join(FILE), manifest(7, &pages)).unwrap();
        assert!(read(out, 8).is_empty(), "another shared key: nothing");
        let previous = read(out, 7);
        assert_eq!(previous, pages);
        let wanted: BTreeMap<String, u64> = [
            ("en/a/index.html".to_string(), 1),
            ("en/b/index.html".to_string(), 20), // its inputs changed
            ("en/c/index.html".to_string(), 3),
            ("en/d/index.html".to_string(), 4), // new
        ]
        .into();
        let kept = reusable(out, &previous, &wanted);
        assert_eq!(kept.keys().collect::<Vec<_>>(), ["en/a/index.html"]);
        assert_eq!(kept["en/a/index.html"].1, 6);
    }
}
