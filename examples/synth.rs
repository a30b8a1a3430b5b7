//! Writes a valid site root with N services, for benchmarks:
//! `cargo run --release --example synth -- --services N --out DIR`
//!
//! Services are spread over the real agencies, topics and audiences; units and
//! districts are the real ones; texts have the real catalog's lengths in three
//! languages; one guide per 20 services (at least three).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const AZ: &[&str] = &[
    "müraciət",
    "xidmət",
    "arayış",
    "pensiya",
    "müavinət",
    "mənzil",
    "sığorta",
    "ödəniş",
    "şəhid",
    "ailə",
    "əlillik",
    "reabilitasiya",
    "məşğulluq",
    "veteran",
    "təltif",
    "qeydiyyat",
    "tibbi",
    "yardım",
    "sənəd",
    "vəsiqə",
    "hərbi",
    "qulluqçu",
    "nazirlik",
    "mərkəz",
    "təminat",
    "sosial",
    "kompensasiya",
    "müalicə",
];
const EN: &[&str] = &[
    "application",
    "service",
    "certificate",
    "pension",
    "benefit",
    "housing",
    "insurance",
    "payment",
    "martyr",
    "family",
    "disability",
    "rehabilitation",
    "employment",
    "veteran",
    "award",
    "registration",
    "medical",
    "assistance",
    "document",
    "card",
    "military",
    "serviceman",
    "ministry",
    "unit",
    "support",
    "social",
    "compensation",
    "treatment",
];
const RU: &[&str] = &[
    "обращение",
    "услуга",
    "справка",
    "пенсия",
    "пособие",
    "жильё",
    "страхование",
    "выплата",
    "шехид",
    "семья",
    "инвалидность",
    "реабилитация",
    "занятость",
    "ветеран",
    "награда",
    "учёт",
    "медицинский",
    "помощь",
    "документ",
    "удостоверение",
    "военный",
    "военнослужащий",
    "министерство",
    "центр",
    "обеспечение",
    "социальный",
    "компенсация",
    "лечение",
];

/// Deterministic words: the same N always gives the same site.
fn words(list: &[&str], seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| list[(seed.wrapping_mul(2_654_435_761).wrapping_add(i * 40_503)) % list.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn main() {
    let mut services = 100usize;
    let mut out = PathBuf::from("synth-site");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--services" => {
                services = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--services N")
            }
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            other => panic!("unknown argument {other}; use --services N --out DIR"),
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = std::fs::read_to_string(repo.join("catalog.yaml")).expect("the real catalog");
    // Keep everything of the real catalog but its services.
    let start = real.find("\nservices:\n").expect("a services section") + 1;
    let end = real
        .find("\n# Units and")
        .or_else(|| real.find("\nunits:\n"))
        .expect("a units section")
        + 1;
    let agencies = [
        "labour",
        "defence",
        "health",
        "mobilisation",
        "local-executive",
        "tabib",
    ];
    let topics = [
        "pensions-benefits",
        "health-rehabilitation",
        "employment",
        "certificates",
        "housing",
        "awards-remembrance",
        "insurance",
    ];
    let audiences = [
        "martyr-families",
        "wounded-servicemen",
        "persons-with-disabilities",
    ];
    let mut yaml = String::from("services:\n");
    for i in 0..services {
        let a = i % agencies.len();
        let id = format!("{}.{}", a + 1, i / agencies.len() + 1);
        let _ = write!(
            yaml,
            "  - id: \"{id}\"\n    agency: {}\n    topic: {}\n    audiences: [{}]\n    name:\n      az: {}\n      en: {}\n      ru: {}\n    description:\n      az: {}\n      en: {}\n      ru: {}\n    keywords:\n      az: [{}]\n      en: [{}]\n      ru: [{}]\n    updated: \"2026-{:02}-{:02}\"\n",
            agencies[a],
            topics[i % topics.len()],
            audiences[..1 + i % 3].join(", "),
            q(&format!("{} {id}", words(AZ, i, 14))),
            q(&format!("{} {id}", words(EN, i, 14))),
            q(&format!("{} {id}", words(RU, i, 14))),
            q(&words(AZ, i + 7, 22)),
            q(&words(EN, i + 7, 22)),
            q(&words(RU, i + 7, 22)),
            (0..6)
                .map(|k| q(&words(AZ, i * 6 + k, 2)))
                .collect::<Vec<_>>()
                .join(", "),
            (0..6)
                .map(|k| q(&words(EN, i * 6 + k, 2)))
                .collect::<Vec<_>>()
                .join(", "),
            (0..6)
                .map(|k| q(&words(RU, i * 6 + k, 2)))
                .collect::<Vec<_>>()
                .join(", "),
            1 + i % 12,
            1 + i % 28,
        );
    }
    let catalog = format!("{}{}{}", &real[..start], yaml, &real[end..]);
    std::fs::create_dir_all(&out).expect("create the output folder");
    std::fs::write(out.join("catalog.yaml"), catalog).expect("write catalog.yaml");
    copy_dir(&repo.join("themes"), &out.join("themes"));
    let guides = (services / 20).max(3);
    for (lang, list) in [("az", AZ), ("en", EN), ("ru", RU)] {
        let dir = out.join("content").join(lang);
        std::fs::create_dir_all(&dir).expect("create content folder");
        for g in 0..guides {
            let mut body = format!(
                "---\ntitle: {}\ndescription: {}\nweight: {g}\nupdated: 2026-11-{:02}\n---\n",
                q(&words(list, g, 5)),
                q(&words(list, g + 3, 12)),
                1 + g % 28
            );
            for s in 0..4 {
                let _ = write!(
                    body,
                    "\n## {}\n\n{}\n\n{}\n",
                    words(list, g * 4 + s, 3),
                    words(list, g + s, 60),
                    words(list, g + s + 1, 45)
                );
            }
            std::fs::write(dir.join(format!("guide-{g}.md")), body).expect("write a guide");
        }
    }
    println!(
        "wrote {} with {services} services and {guides} guides per language",
        out.display()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
