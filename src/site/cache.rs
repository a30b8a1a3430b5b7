//! `ccu build`'s page cache. An output holds, in `.ccu-pages`, a key of what every
//! page reads besides its context (the `ccu` binary, the theme), one of what every
//! service page reads besides its service (that and the catalog but its services),
//! and for each page a hash of its inputs and one of its bytes. A page's inputs are
//! its own for a service's or guide's page (see [`crate::render::page_keys`]), known
//! before anything is prepared; for any other page, its context (the key
//! `render` reports). The next build over that output does not render a page whose
//! keys are unchanged and whose previous file still holds those bytes: it links the
//! file.
//!
//! The file names no path the build uses as it is: only pages the build would render
//! itself are looked up in it.

use super::Loaded;
use crate::text::digest;
use std::collections::BTreeMap;
use std::path::Path;

/// The cache's file in the output folder.
pub const FILE: &str = ".ccu-pages";
const HEADER: &str = "ccu page cache 2";

/// A cached page: the hash of its own inputs and of its bytes, by output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub input: u64,
    pub output: u64,
}

/// What the cached pages share, as two keys; None when it cannot be known (then
/// nothing is cached).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The `ccu` binary and the theme: what every page reads besides its context.
    pub theme: u64,
    /// The catalog but its services: what the service pages read besides their service.
    pub catalog: u64,
}

pub fn shared_key(loaded: &Loaded) -> Option<Shared> {
    // A rebuilt `ccu` may render otherwise: its size and time of writing are part of the key.
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let written = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut all = format!(
        "{} {} {} {}\n",
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        written.as_nanos(),
        loaded.theme.key
    )
    .into_bytes();
    let theme = digest(&all);
    all.extend(loaded.catalog.all_but_services()?.bytes());
    Some(Shared {
        theme,
        catalog: digest(&all),
    })
}

/// The cached pages of the previous output at `out`, if it was built with the same
/// binary and theme; and whether the catalog but its services was the same too.
pub fn read(out: &Path, shared: Shared) -> (BTreeMap<String, Entry>, bool) {
    let Ok(text) = std::fs::read_to_string(out.join(FILE)) else {
        return (BTreeMap::new(), false);
    };
    let mut lines = text.lines();
    let header = lines.next() == Some(HEADER);
    let keys = lines.next().unwrap_or_default();
    let (theme, catalog) = keys.split_once(' ').unwrap_or_default();
    if !header || theme != format!("{:016x}", shared.theme) {
        return (BTreeMap::new(), false);
    }
    let same_catalog = catalog == format!("{:016x}", shared.catalog);
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    let pages = lines
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
        .collect();
    (pages, same_catalog)
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
        (digest(&bytes) == e.output).then(|| ((*rel).clone(), (*e, bytes.len())))
    });
    checked.into_iter().flatten().collect()
}

/// The text of `.ccu-pages` for pages written or kept with these keys.
pub fn manifest(shared: Shared, pages: &BTreeMap<String, Entry>) -> String {
    let mut out = format!("{HEADER}\n{:016x} {:016x}\n", shared.theme, shared.catalog);
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
            output: digest(page.as_bytes()),
        };
        let pages: BTreeMap<String, Entry> = [
            ("en/a/index.html".to_string(), entry(1, "page a")),
            ("en/b/index.html".to_string(), entry(2, "page b")),
            ("en/c/index.html".to_string(), entry(3, "page c")),
        ]
        .into();
        let shared = |theme, catalog| Shared { theme, catalog };
        std::fs::write(out.join(FILE), manifest(shared(7, 1), &pages)).unwrap();
        assert!(
            read(out, shared(8, 1)).0.is_empty(),
            "another theme: nothing"
        );
        assert_eq!(read(out, shared(7, 2)), (pages.clone(), false));
        let (previous, same_catalog) = read(out, shared(7, 1));
        assert!(same_catalog);
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
