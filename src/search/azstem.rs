//! An Azerbaijani suffix stripper, small enough to run the same in the browser
//! (`azStem` in `search.mjs`; the Node tests hold the two to each other).
//!
//! It works on normalised words (`text::normalize`: `ə` → `e`, `ı` → `i`, `ö` → `o`,
//! `ü` → `u`, `ğ` → `g`, `ş` → `s`, `ç` → `c`), so vowel harmony is not checked: each
//! ending is listed in its folded forms (`-lar/-lər` → `lar`, `ler`). What it removes:
//! - case endings: locative `-da/-də`, `-dakı/-dəki`, ablative `-dan/-dən`, dative
//!   `-a/-ə`, genitive `-ın/-in/-un/-ün`, accusative `-ı/-i/-u/-ü`, instrumental
//!   `-la/-lə` (`evlə`, `mənzillə`), each with its buffer letter after a vowel (`-nın`,
//!   `-nı`, `-ya`, `-nda`, `-ndan`, `-na`, `-yla`);
//! - possessives: `-ım/-im`, `-ımız`, `-ınız`, `-sı/-si`, `-ları/-ləri`;
//! - the plural `-lar/-lər`;
//!
//! And stacks of them (`ailələrimizə` → `aile` + `ler` + `imiz` + `e`).
//!
//! Endings are stripped greedily, longest first, in any order, until none is left:
//! a stem that happens to end like an ending (`meydan`) loses it both bare and
//! inflected (`meydanda`), so the two still meet. Last, a final vowel, and a final
//! `k`/`q` that turns into `y`/`ğ` before a vowel (`əlillik` → `əlilliyi`), are
//! trimmed, so `pensiya`, `pensiyaya` and `pensiyası` share one term.

/// `(ending, what the letter before it must be)`, longest first.
const ENDINGS: &[(&str, Before)] = &[
    ("ndaki", Before::Vowel),
    ("ndeki", Before::Vowel),
    ("daki", Before::Any),
    ("deki", Before::Any),
    ("ndan", Before::Vowel),
    ("nden", Before::Vowel),
    ("lari", Before::Any),
    ("leri", Before::Any),
    ("imiz", Before::Consonant),
    ("umuz", Before::Consonant),
    ("iniz", Before::Consonant),
    ("unuz", Before::Consonant),
    ("dan", Before::Any),
    ("den", Before::Any),
    ("nda", Before::Vowel),
    ("nde", Before::Vowel),
    ("nin", Before::Vowel),
    ("nun", Before::Vowel),
    ("yin", Before::Vowel),
    ("yun", Before::Vowel),
    ("miz", Before::Vowel),
    ("muz", Before::Vowel),
    ("niz", Before::Vowel),
    ("nuz", Before::Vowel),
    ("lar", Before::Any),
    ("ler", Before::Any),
    // Instrumental: `-yla/-ylə` after a vowel (`ailəylə`), `-la/-lə` after a
    // consonant only, so that `ailə` and `Qəbələ` keep their last syllable.
    ("yla", Before::Vowel),
    ("yle", Before::Vowel),
    ("da", Before::Any),
    ("de", Before::Any),
    ("ni", Before::Vowel),
    ("nu", Before::Vowel),
    ("na", Before::Vowel),
    ("ne", Before::Vowel),
    ("ya", Before::Vowel),
    ("ye", Before::Vowel),
    ("yi", Before::Vowel),
    ("yu", Before::Vowel),
    ("si", Before::Vowel),
    ("su", Before::Vowel),
    ("la", Before::Consonant),
    ("le", Before::Consonant),
    ("in", Before::Consonant),
    ("un", Before::Consonant),
    ("im", Before::Consonant),
    ("um", Before::Consonant),
    ("a", Before::Consonant),
    ("e", Before::Consonant),
    ("i", Before::Consonant),
    ("u", Before::Consonant),
    // `-m` (my) only after a longer stem: `ailəm`, `pensiyam`, but not `adam`.
    ("m", Before::LongVowel),
];

#[derive(Clone, Copy)]
enum Before {
    Any,
    Vowel,
    Consonant,
    /// A vowel, and at least four letters before the ending.
    LongVowel,
}

/// What is left of a word must be at least this long (`iş`, `ev`, `ad`).
const MIN_REST: usize = 2;
/// The final trim stops at this length (`usaq` → `usa`, not `us`).
const MIN_TRIMMED: usize = 3;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The stem of one normalised Azerbaijani word.
pub fn az_stem(word: &str) -> String {
    strip(word, true)
}

/// The stem read without buffer letters: a stem ending in `n`, `s` or `y` keeps it
/// (`veteranın` → `veteran`, not `vetera` + `nın`; `arayışı` → `arayış`, not
/// `arayı` + `sı`). The index prefers this reading when another word has it as its
/// stem; a query tries it when the first reading is not in the index.
pub fn az_stem_alt(word: &str) -> String {
    strip(word, false)
}

fn strip(word: &str, buffered: bool) -> String {
    let mut w: Vec<char> = word.chars().collect();
    // Numbers, abbreviations with digits and anything not Latin are left alone.
    if !w.iter().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    while let Some(len) = ending_at_end(&w, buffered) {
        w.truncate(w.len() - len);
    }
    loop {
        let n = w.len();
        if n <= MIN_TRIMMED {
            break;
        }
        let last = w[n - 1];
        if is_vowel(last) || (matches!(last, 'k' | 'q' | 'g' | 'y') && is_vowel(w[n - 2])) {
            w.pop();
        } else {
            break;
        }
    }
    w.into_iter().collect()
}

/// The length of the longest ending `w` may lose, if any.
fn ending_at_end(w: &[char], buffered: bool) -> Option<usize> {
    for (ending, before) in ENDINGS {
        let len = ending.len();
        let buffer = matches!(before, Before::Vowel) && ending.starts_with(['n', 's', 'y']);
        if buffer && !buffered {
            continue;
        }
        if w.len() < len + MIN_REST || !w[w.len() - len..].iter().copied().eq(ending.chars()) {
            continue;
        }
        let rest = &w[..w.len() - len];
        if !rest.iter().any(|&c| is_vowel(c)) {
            continue;
        }
        let prev_vowel = is_vowel(rest[rest.len() - 1]);
        let ok = match before {
            Before::Any => true,
            Before::Vowel => prev_vowel,
            Before::Consonant => !prev_vowel,
            Before::LongVowel => prev_vowel && rest.len() >= 4,
        };
        if ok {
            return Some(len);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{az_stem, az_stem_alt};
    use crate::text::normalize;

    fn stem(w: &str) -> String {
        az_stem(&normalize(w))
    }

    fn same(lemma: &str, forms: &[&str]) {
        let want = stem(lemma);
        for f in forms {
            let n = normalize(f);
            assert!(
                az_stem(&n) == want || az_stem_alt(&n) == want,
                "{f} → {} / {} should reach {want}, the stem of {lemma}",
                az_stem(&n),
                az_stem_alt(&n)
            );
        }
    }

    #[test]
    fn plurals() {
        same("veteran", &["veteranlar"]);
        same("pensiya", &["pensiyalar"]);
        same("xəstəxana", &["xəstəxanalar"]);
        same("peyvənd", &["peyvəndlər"]);
        same("ev", &["evlər"]);
    }

    #[test]
    fn locative_and_relative_ki() {
        same("Şəmkir", &["Şəmkirdə", "Şəmkirdəki"]);
        same("Bakı", &["Bakıda", "Bakıdakı"]);
        same("mərkəz", &["mərkəzdə", "mərkəzdəki"]);
    }

    #[test]
    fn dative_with_and_without_buffer_y() {
        same("müalicə", &["müalicəyə"]);
        same("pensiya", &["pensiyaya"]);
        same("iş", &["işə"]);
        same("sanatoriya", &["sanatoriyaya"]);
    }

    #[test]
    fn genitive_with_and_without_buffer_n() {
        same("müavinət", &["müavinətin"]);
        same("ailə", &["ailənin"]);
        same("uşaq", &["uşağın"]);
        same("ordu", &["ordunun"]);
    }

    #[test]
    fn ablative_and_accusative() {
        same("nazirlik", &["nazirlikdən", "nazirliyi", "nazirliyin"]);
        same("xəstəxana", &["xəstəxanadan", "xəstəxananı"]);
        same("təyin", &["təyini"]);
    }

    #[test]
    fn instrumental_after_a_consonant_and_with_buffer_y() {
        same("ev", &["evlə", "evimlə"]);
        same("mənzil", &["mənzillə"]);
        same("sənəd", &["sənədlərlə"]);
        same("ailə", &["ailəylə", "ailəmlə"]);
        // A word that ends in a vowel and `-lə` keeps it.
        assert_eq!(stem("Qəbələ"), stem("Qəbələdə"));
        assert_ne!(stem("ailə"), "ai");
    }

    #[test]
    fn possessives_with_buffer_s_and_n() {
        same("pensiya", &["pensiyası", "pensiyam", "pensiyamız"]);
        same("ailə", &["ailəsi", "ailəm", "ailəmiz"]);
        same("ev", &["evim", "evimiz", "eviniz", "evi"]);
        same("əlillik", &["əlilliyi", "əlilliyin", "əlilliyə"]);
    }

    #[test]
    fn stacks_of_endings() {
        same(
            "ailə",
            &["ailələrimizə", "ailələrinə", "ailəsinin", "ailələrindən"],
        );
        same("şəhid", &["şəhidlərin", "şəhidlərimizin"]);
        same("ev", &["evində", "evindən", "evlərimizdə"]);
        same("veteran", &["veteranlarına", "veteranlarımızdan"]);
        same("arayış", &["arayışları", "arayışlarını"]);
    }

    /// The word list: every kind of ending must reach its word's term.
    #[test]
    fn word_list_accuracy() {
        let list = include_str!("../../tests/fixtures/az-endings.tsv");
        let mut per_kind: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        let mut misses = Vec::new();
        for line in list
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let (form, word, kind) = (cols[0], cols[1], cols[2]);
            let slot = per_kind.entry(kind).or_default();
            slot.1 += 1;
            // The word is indexed under its stem; the form reaches it by either reading.
            let f = normalize(form);
            if az_stem(&f) == stem(word) || az_stem_alt(&f) == stem(word) {
                slot.0 += 1;
            } else {
                misses.push(format!("{form} → {} (want {})", stem(form), stem(word)));
            }
        }
        let (ok, all) = per_kind
            .values()
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        eprintln!("az endings: {ok}/{all} reach their word; {per_kind:?}; misses: {misses:?}");
        assert!(per_kind.len() >= 9, "every kind of ending is listed");
        assert!(ok as f64 / all as f64 >= 0.95, "{misses:?}");
        for (kind, (k, n)) in &per_kind {
            assert!(*k as f64 / *n as f64 >= 0.85, "{kind}: {k}/{n}; {misses:?}");
        }
    }

    #[test]
    fn numbers_and_short_words_stay() {
        assert_eq!(stem("142"), "142");
        assert_eq!(stem("iş"), "is");
        assert_eq!(stem("ev"), "ev");
    }
}
