//! Writing the site: all files at once, or none.
//!
//! The site is built in memory, written to a temporary folder beside the
//! destination, and swapped in only when every file was written, so a failed
//! build leaves the previous output as it was.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Output files by path relative to the output folder (`en/services/1-4/index.html`).
#[derive(Default, Debug)]
pub struct Site {
    files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Adds a file; refuses a path that would land outside the output folder.
    pub fn add(&mut self, rel: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<(), String> {
        let rel = rel.into();
        let p = Path::new(&rel);
        let safe = !rel.is_empty()
            && !rel.contains('\\')
            && p.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(format!(
                "the output path `{rel}` would be written outside the output folder"
            ));
        }
        self.files.insert(rel, bytes.into());
        Ok(())
    }

    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    pub fn files(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Adds `NAME.gz` and `NAME.br` beside every text file, for servers that send
    /// precompressed files (nginx `gzip_static`, `brotli_static`). Runs on every core.
    pub fn precompress(&mut self) {
        let text: Vec<(&String, &Vec<u8>)> = self
            .files
            .iter()
            .filter(|(p, _)| {
                let ext = p.rsplit('.').next().unwrap_or("");
                ["html", "css", "mjs", "js", "json", "xml", "txt", "svg"].contains(&ext)
            })
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = text.len().div_ceil(threads).max(1);
        let compressed: Vec<(String, Vec<u8>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = text
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut out = Vec::with_capacity(part.len() * 2);
                        for (path, bytes) in part {
                            out.push((format!("{path}.gz"), gzip(bytes)));
                            out.push((format!("{path}.br"), brotli(bytes)));
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("compressing does not panic"))
                .collect()
        });
        self.files.extend(compressed);
    }

    /// Writes every file under a fresh sibling of `out`, then swaps it in.
    pub fn write_atomically(&self, out: &Path) -> std::io::Result<()> {
        let out = absolute(out)?;
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "dist".into());
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(parent)?;
        // Folders first, then the files on several threads: a large site is tens of
        // thousands of small files, and the time goes into system calls, not bytes.
        let dirs: std::collections::BTreeSet<&Path> = self
            .files
            .keys()
            .filter_map(|rel| Path::new(rel).parent())
            .collect();
        for dir in dirs {
            std::fs::create_dir_all(staging.path().join(dir))?;
        }
        let files: Vec<(&String, &Vec<u8>)> = self.files.iter().collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .max(2)
            * 2;
        let chunk = files.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    let base = staging.path();
                    scope.spawn(move || {
                        part.iter()
                            .try_for_each(|(rel, bytes)| std::fs::write(base.join(rel), bytes))
                    })
                })
                .collect();
            handles
                .into_iter()
                .try_for_each(|h| h.join().expect("writing does not panic"))
        })?;
        let staged = staging.keep();
        if out.exists() {
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(parent)?
                .keep();
            // rename() needs the target free: move the old output aside first.
            std::fs::remove_dir(&old)?;
            std::fs::rename(&out, &old)?;
            if let Err(e) = std::fs::rename(&staged, &out) {
                let _ = std::fs::rename(&old, &out);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e);
            }
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&staged, &out)?;
        }
        Ok(())
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    {
        // Quality 9 of 11: nearly the smallest output at a fraction of the time.
        let mut w = ::brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    out
}

fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output() {
        let mut s = Site::default();
        assert!(s.add("../evil.html", "x").is_err());
        assert!(s.add("/etc/passwd", "x").is_err());
        assert!(s.add("en/../../x", "x").is_err());
        assert!(s.add("en/index.html", "x").is_ok());
    }

    #[test]
    fn precompressed_files_decompress_to_the_original() {
        use std::io::Read;
        let mut s = Site::default();
        let page = "<p>Əmək pensiyası</p>".repeat(50);
        s.add("en/index.html", page.clone()).unwrap();
        s.add("a.bin", vec![0u8, 1, 2]).unwrap();
        s.precompress();
        let mut gz = String::new();
        flate2::read::GzDecoder::new(s.get("en/index.html.gz").unwrap())
            .read_to_string(&mut gz)
            .unwrap();
        assert_eq!(gz, page);
        let mut br = String::new();
        ::brotli::Decompressor::new(s.get("en/index.html.br").unwrap(), 4096)
            .read_to_string(&mut br)
            .unwrap();
        assert_eq!(br, page);
        assert!(s.get("a.bin.gz").is_none(), "only text is precompressed");
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let mut a = Site::default();
        a.add("old.html", "old").unwrap();
        a.write_atomically(&out).unwrap();
        let mut b = Site::default();
        b.add("en/new.html", "new").unwrap();
        b.write_atomically(&out).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("en/new.html")).unwrap(),
            "new"
        );
        // No staging folders are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
