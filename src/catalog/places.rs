//! `data/places.csv`: the towns, villages and settlements people name, and Baku's districts.
//! Written by `tools/extract-places.mjs`; checked here like the catalog.

use super::model::{Catalog, Text};
use crate::diag::Diagnostic;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

pub const FILE: &str = "data/places.csv";
const COLUMNS: [&str; 11] = [
    "id",
    "kind",
    "division",
    "baku_district",
    "name_az",
    "name_en",
    "name_ru",
    "alt_names",
    "lat",
    "lon",
    "source",
];
pub const KINDS: [&str; 5] = ["baku-district", "city", "town", "settlement", "village"];
pub const BAKU: &str = "AZ-BA";

/// One place of `data/places.csv`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Place {
    /// The GeoNames id, or `baku-…` for Baku's districts and the settlements GeoNames lacks.
    pub id: String,
    pub kind: String,
    /// ISO 3166-2:AZ code of the division it lies in.
    pub division: String,
    /// The Baku district (a place id) it lies in, where a source says.
    pub baku_district: Option<String>,
    pub name: Text,
    /// Other names: spellings, transliterations, older and Soviet-era names.
    pub alt_names: Vec<String>,
}

impl Place {
    pub fn is_baku_district(&self) -> bool {
        self.kind == "baku-district"
    }
    /// The URL segment of a Baku district's page.
    pub fn slug(&self) -> String {
        self.id.trim_start_matches("baku-").to_string()
    }
}

/// Splits CSV text into rows of fields (RFC 4180 quoting), each with its 1-based line.
pub(super) fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted) = (1, 1, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => row.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut row)));
                line += 1;
                start = line;
            }
            '\r' if !quoted => {}
            _ => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push((start, row));
    }
    out
}

/// Reads and checks `data/places.csv` against the catalog. A site without the file has no places.
pub fn load(root: &Path, c: &Catalog, diags: &mut Vec<Diagnostic>) -> Vec<Place> {
    if !root.join(FILE).exists() {
        return Vec::new();
    }
    let Some(text) = crate::files::read_text(root, Path::new(FILE), 8 << 20, diags) else {
        return Vec::new();
    };
    let before = diags.iter().filter(|d| d.is_error()).count();
    let places = parse(&text, c, diags);
    if diags.iter().filter(|d| d.is_error()).count() > before {
        return Vec::new();
    }
    places
}

/// `data/foreign-names.txt`, one name a line (the locator transliterates them).
pub fn foreign(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join("data/foreign-names.txt")).unwrap_or_default();
    let names = text.lines().map(str::trim).filter(|l| !l.is_empty());
    names.map(str::to_string).collect()
}

fn err(line: usize, path: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(FILE, message)
        .at(line, 1)
        .path(path.to_string())
        .help(help.to_string())
}

/// Parses the rows and reports every problem with its line.
pub fn parse(text: &str, c: &Catalog, diags: &mut Vec<Diagnostic>) -> Vec<Place> {
    let mut rows = rows(text).into_iter();
    match rows.next() {
        Some((_, head)) if head == COLUMNS => {}
        _ => {
            diags.push(err(
                1,
                "header",
                format!("the first line must name the columns {}", COLUMNS.join(",")),
                "regenerate the file with tools/extract-places.mjs (see data/README.md)",
            ));
            return Vec::new();
        }
    }
    let mut places = Vec::new();
    let mut seen: HashMap<String, usize> = c.districts.iter().map(|d| (d.id.clone(), 0)).collect();
    let mut lines = Vec::new();
    for (line, f) in rows {
        if f.iter().all(|x| x.trim().is_empty()) {
            continue;
        }
        if f.len() != COLUMNS.len() {
            diags.push(err(
                line,
                "row",
                format!("the row has {} fields; it needs {}", f.len(), COLUMNS.len()),
                "quote a field that holds a comma, and give every column (empty ones too)",
            ));
            continue;
        }
        let id = f[0].trim().to_string();
        if id.is_empty() {
            diags.push(err(
                line,
                "id",
                "the place has no id".into(),
                "give the GeoNames id, or baku-… for a place GeoNames lacks",
            ));
        } else if let Some(first) = seen.insert(id.clone(), line) {
            let other = if first == 0 {
                "a division in catalog.yaml".to_string()
            } else {
                format!("line {first}")
            };
            diags.push(err(
                line,
                "id",
                format!("the id `{id}` is already used by {other}"),
                "each place needs its own id: remove the duplicate row or change its id",
            ));
        }
        let kind = f[1].trim().to_string();
        if !KINDS.contains(&kind.as_str()) {
            diags.push(err(
                line,
                "kind",
                format!("`{kind}` is not a kind of place"),
                &format!("use one of: {}", KINDS.join(", ")),
            ));
        }
        let division = f[2].trim().to_string();
        if c.district(&division).is_none() {
            diags.push(err(line, "division", format!("there is no division `{division}`"), "use the ISO 3166-2:AZ code of a division listed under `districts` in catalog.yaml, such as AZ-LAN"));
        }
        let mut name = Text::default();
        for (i, lang) in ["az", "en", "ru"].into_iter().enumerate() {
            let v = f[4 + i].trim();
            if v.is_empty() {
                diags.push(err(line, &format!("name_{lang}"), format!("the place `{id}` has no name in `name_{lang}`"), "write the name people use in that language (a transliteration where no source gives one)"));
            }
            let v = Some(v.to_string()).filter(|s| !s.is_empty());
            match lang {
                "az" => name.az = v,
                "en" => name.en = v,
                _ => name.ru = v,
            }
        }
        let baku_district = Some(f[3].trim().to_string()).filter(|s| !s.is_empty());
        lines.push(line);
        places.push(Place {
            id,
            kind,
            division,
            baku_district,
            name,
            alt_names: f[7]
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    check_baku(&places, &lines, c, diags);
    places
}

/// Baku districts belong to Baku, and the units name real ones.
fn check_baku(places: &[Place], lines: &[usize], c: &Catalog, diags: &mut Vec<Diagnostic>) {
    let raions: Vec<&str> = places
        .iter()
        .filter(|p| p.is_baku_district())
        .map(|p| p.id.as_str())
        .collect();
    for (p, &line) in places.iter().zip(lines) {
        if let Some(b) = &p.baku_district
            && !raions.contains(&b.as_str())
        {
            diags.push(err(
                line,
                "baku_district",
                format!("there is no Baku district `{b}`"),
                &format!("use one of: {}", raions.join(", ")),
            ));
        }
        if (p.is_baku_district() || p.baku_district.is_some()) && p.division != BAKU {
            diags.push(err(
                line,
                "division",
                format!(
                    "`{}` is in a Baku district, so its division must be {BAKU}, not `{}`",
                    p.id, p.division
                ),
                "set the division to AZ-BA or empty baku_district",
            ));
        }
    }
    let mut served: HashMap<&str, &str> = HashMap::new();
    for (i, u) in c.units.iter().enumerate() {
        for (j, b) in u.baku_districts.iter().enumerate() {
            let path = format!("units[{i}].baku_districts[{j}]");
            if !raions.contains(&b.as_str()) {
                diags.push(
                    Diagnostic::error(
                        super::FILE,
                        format!("there is no Baku district `{b}` in {FILE}"),
                    )
                    .path(path)
                    .help(format!("use one of: {}", raions.join(", "))),
                );
            } else if let Some(other) = served.insert(b, &u.id) {
                diags.push(Diagnostic::error(super::FILE, format!("the Baku district `{b}` is already served by the unit `{other}`")).path(path).help("a Baku district is served by one DOST centre: remove it from one of the two"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_lines() {
        let r = rows("a,b\n\"x,1\",\"say \"\"hi\"\"\"\nc,d\n");
        assert_eq!(r[1], (2, vec!["x,1".to_string(), "say \"hi\"".to_string()]));
        assert_eq!(r[2].0, 3);
    }
}
