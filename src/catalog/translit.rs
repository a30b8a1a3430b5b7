//! The English and Russian forms of an Azerbaijani place name, by the rules `data/README.md`
//! documents ("Names in English and Russian"); `themes/default/static/locator/names.mjs` is the
//! same rules for the browser. A settlement that a source names only in Azerbaijani has these
//! forms in `data/places.csv`, and the locator's data leaves out the forms the rules give.

/// Azerbaijani lowercase of one letter: `I` → `ı`, `İ` → `i`.
fn lower(c: char) -> char {
    match c {
        'İ' => 'i',
        'I' => 'ı',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'ə' | 'ı' | 'i' | 'o' | 'ö' | 'u' | 'ü')
}

/// The replacement, capitalised where the letter it replaces was: "Ş" → "Sh".
fn cased(c: char, out: &str) -> String {
    if c == lower(c) {
        return out.to_string();
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The English form: the romanisation the catalog's division names use
/// (Xaçmaz → Khachmaz, Qəbələ → Gabala).
pub fn to_english(az: &str) -> String {
    az.chars()
        .map(|c| {
            let l = lower(c);
            let r = match l {
                'ə' => "a",
                'ı' => "i",
                'ş' => "sh",
                'ç' => "ch",
                'ğ' => "gh",
                'x' => "kh",
                'c' => "j",
                'q' => "g",
                'ö' => "o",
                'ü' => "u",
                'j' => "zh",
                _ => return cased(c, &l.to_string()),
            };
            cased(c, r)
        })
        .collect()
}

fn ru_letter(l: char) -> Option<&'static str> {
    Some(match l {
        'a' => "а",
        'b' => "б",
        'c' => "дж",
        'ç' => "ч",
        'd' => "д",
        'e' | 'ə' => "е",
        'f' => "ф",
        'g' | 'ğ' | 'q' => "г",
        'h' | 'x' => "х",
        'ı' => "ы",
        'i' => "и",
        'j' => "ж",
        'k' => "к",
        'l' => "л",
        'm' => "м",
        'n' => "н",
        'o' => "о",
        'ö' => "ё",
        'p' => "п",
        'r' => "р",
        's' => "с",
        'ş' => "ш",
        't' => "т",
        'u' => "у",
        'ü' => "ю",
        'v' | 'w' => "в",
        'y' => "й",
        'z' => "з",
        _ => return None,
    })
}

/// y before a vowel is one iotated letter (Yevlax → Евлах, Yuxarı → Юхары).
fn iotated(next: char) -> Option<&'static str> {
    Some(match next {
        'a' => "я",
        'u' | 'ü' => "ю",
        'e' | 'ə' => "е",
        'o' => "ё",
        _ => return None,
    })
}

/// The Russian form: letter by letter, with the adjustments of Russian usage
/// (Xınalıq → Хыналыг, Hacıqabul → Гаджигабул, Salyan → Сальян, Zəyəm → Зейем).
pub fn to_russian(az: &str) -> String {
    // A Roman numeral stays as written (I Nügədi → I Нюгеди).
    if az.contains(' ') {
        let words: Vec<String> = az.split(' ').map(to_russian).collect();
        return words.join(" ");
    }
    if !az.is_empty() && az.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return az.to_string();
    }
    let chars: Vec<char> = az.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let l = lower(c);
        let next = chars.get(i + 1).map(|&n| lower(n)).unwrap_or(' ');
        let prev_char = if i > 0 { Some(chars[i - 1]) } else { None };
        let start = !prev_char.is_some_and(char::is_alphabetic);
        let prev = prev_char.map(lower).unwrap_or(' ');
        let next_is_consonant = chars
            .get(i + 1)
            .is_some_and(|&n| n.is_alphabetic() && !is_vowel(lower(n)));
        // The plural ending -lər keeps е (Mirlər → Мирлер).
        let plural = next == 'r' && !chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
        let l_inside = prev == 'l' && i >= 2 && chars[i - 2].is_alphabetic();
        let r: String = if l == 'ə' && !start && matches!(prev, 's' | 'z' | 'ş' | 'c' | 'h' | 'x')
        {
            // ə is а after s, z, ş, c, h, x (Şəmkir → Шамкир, Həsənabad → Гасанабад),
            // я after an l inside a word before a consonant (Ələt → Алят; not -lər), е elsewhere
            // (Ağdərə → Агдере).
            "а".into()
        } else if l == 'ə' && l_inside && next_is_consonant && !plural {
            "я".into()
        } else if l == 'ı' && matches!(prev, 'c' | 'ç' | 'ş' | 'j') {
            // Russian spelling writes и after ж, ш, ч (Laçın → Лачин).
            "и".into()
        } else if l == 'y' && next == 'ı' && is_vowel(prev) {
            i += 1; // Sumqayıt → Сумгаит
            "и".into()
        } else if l == 'y' && matches!(next, 'e' | 'ə') && is_vowel(prev) {
            "й".into() // Zəyəm → Зейем
        } else if let (true, Some(io)) = (l == 'y', iotated(next)) {
            i += 1;
            // After a consonant the soft sign keeps the y (Salyan → Сальян).
            let soft = if !start && !is_vowel(prev) { "ь" } else { "" };
            format!("{soft}{io}")
        } else if l == 'l' && matches!(prev, 'ö' | 'ü') && next != 'l' && !is_vowel(next) {
            // After ö, ü an l is soft before a consonant or at the end (Göygöl → Гёйгёль,
            // Kültəpə → Кюльтепе; not ll: Könüllü → Кёнюллю).
            "ль".into()
        } else {
            let first = match l {
                'ə' if start => Some("а"),
                'e' if start => Some("э"),
                'h' if start => Some("г"),
                _ => None,
            };
            match first.or_else(|| ru_letter(l)) {
                Some(r) => r.into(),
                None => l.to_string(),
            }
        };
        out.push_str(&cased(c, &r));
        i += 1;
    }
    out
}

/// The id of a settlement that only `data/settlements.csv` lists: its division's code and its
/// English name (`qab-vendam`), as `tools/merge-places.mjs` makes it.
pub fn settlement_id(division: &str, name_az: &str) -> String {
    let mut slug = String::new();
    for c in to_english(name_az).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let code = division
        .strip_prefix("AZ-")
        .unwrap_or(division)
        .to_lowercase();
    format!("{code}-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_by_the_rules() {
        assert_eq!(to_english("Xınalıq"), "Khinalig");
        assert_eq!(to_russian("Xınalıq"), "Хыналыг");
        assert_eq!(to_english("Şəmkir"), "Shamkir");
        assert_eq!(to_russian("Şuşa"), "Шуша");
        assert_eq!(to_russian("Salyan"), "Сальян");
        assert_eq!(to_russian("Hacıqabul"), "Гаджигабул");
        assert_eq!(to_russian("Sumqayıt"), "Сумгаит");
        assert_eq!(to_russian("Zəyəm"), "Зайем");
        assert_eq!(to_russian("Yevlax"), "Евлах");
        assert_eq!(to_russian("Göygöl"), "Гёйгёль");
        assert_eq!(to_russian("Kültəpə"), "Кюльтепе");
        assert_eq!(to_russian("Könüllü"), "Кёнюллю");
        assert_eq!(to_russian("Əhmədli"), "Ахмедли");
        assert_eq!(settlement_id("AZ-QAB", "Vəndam"), "qab-vandam");
        assert_eq!(settlement_id("AZ-BA", "Baş Ələt"), "ba-bash-alat");
    }
}
