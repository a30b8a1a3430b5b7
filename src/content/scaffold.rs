//! `ccu new guide SLUG`: the three language files of a new guide, to fill in.

use crate::lang::Lang;
use crate::text::is_slug;
use std::path::{Path, PathBuf};

/// Today's date as YYYY-MM-DD (UTC), from the system clock.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Writes `content/{az,en,ru}/SLUG.md`; refuses a bad slug or an existing guide.
pub fn new_guide(root: &Path, slug: &str) -> Result<Vec<PathBuf>, String> {
    if !is_slug(slug) {
        return Err(format!(
            "`{slug}` cannot be used in an address; use lowercase letters a-z, digits 0-9 and `-`"
        ));
    }
    let files: Vec<PathBuf> = Lang::ALL
        .iter()
        .map(|l| {
            root.join(super::DIR)
                .join(l.code())
                .join(format!("{slug}.md"))
        })
        .collect();
    // A dangling link counts as existing: writing through it would create its target.
    if let Some(existing) = files.iter().find(|f| std::fs::symlink_metadata(f).is_ok()) {
        return Err(format!(
            "{} already exists; choose another slug or edit that guide",
            existing.display()
        ));
    }
    for lang in Lang::ALL {
        let rel = Path::new(super::DIR).join(lang.code());
        if let Some(link) = super::linked_component(root, &rel) {
            return Err(format!(
                "{} is a symbolic link, which is not followed; replace it with the folder itself",
                root.join(link).display()
            ));
        }
    }
    let date = today();
    for f in &files {
        if let Some(dir) = f.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let text = format!(
            "---\n# Fill in the title and a one-sentence description, then write the guide below.\ntitle: \"\"\ndescription: \"\"\nweight: 10\nupdated: {date}\n---\n\n## \n"
        );
        write_new(f, &text).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
    }
    Ok(files)
}

/// Creates `path` and writes `text`; fails if anything, even a dangling link, is there.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_date() {
        let d = super::today();
        assert!(crate::text::is_date(&d), "{d}");
        assert!(d.as_str() >= "2024-01-01");
    }
}
