//! Text normalisation shared by the search analyzers, the locator and heading anchors,
//! and the small text helpers every layer uses (slugs, dates, HTML escaping).
//! The JavaScript clients (`themes/default/static/*.mjs`) mirror these functions;
//! tests check that both agree.

/// FNV-1a, 64 bits, of `bytes`: stable across builds and machines (for names
/// that are published, like the stylesheet's).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A 64-bit hash of `bytes` (SipHash-1-3, a few times faster than [`fnv1a`] on
/// pages), the same for every run of one `ccu` binary but not across builds of
/// it: for the build caches, which a new binary does not read.
pub fn digest(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// [`digest`] of a value, fed its parts (as `Hash` does) rather than a text of it.
pub fn digest_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Lowercase with Azerbaijani (and Turkish) rules: `I` → `ı`, `İ` → `i`.
/// Unicode's default maps `İ` to `i` + U+0307, which then matches nothing.
pub fn az_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            '\u{307}' => {} // a stray combining dot above from another lowercaser
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folds one lowercase letter to the form people type without special letters:
/// `ə` → `e` (as citizens type it: "menzil", "sehid"), `ı` → `i`, `ş` → `s`, `ё` → `е`.
pub fn fold_char(c: char) -> char {
    match c {
        'ə' | 'é' | 'è' | 'ê' | 'ë' => 'e',
        'ı' | 'í' | 'ì' | 'î' | 'ï' => 'i',
        'ğ' => 'g',
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'ş' | 'ș' => 's',
        'ç' => 'c',
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ñ' => 'n',
        'ё' => 'е',
        // The Latin schwa's look-alikes that keyboards and older texts produce.
        'ǝ' | 'ә' => 'e',
        'ʼ' | '’' | '‘' | '`' => '\'',
        _ => c,
    }
}

/// Lowercase and fold: the form under which text is indexed and matched.
pub fn normalize(s: &str) -> String {
    az_lowercase(s).chars().map(fold_char).collect()
}

/// Splits normalised text into words: letters and digits; everything else separates.
pub fn words(s: &str) -> Vec<String> {
    normalize(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Latin transliteration of Russian Cyrillic, for anchors and cross-script matching.
pub fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// An ASCII anchor or file-name slug: `Necə müraciət etmək?` → `nece-muraciet-etmek`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in normalize(s).chars() {
        let piece: String = match cyrillic_to_latin(c) {
            Some(t) => t.to_string(),
            None if c.is_ascii_alphanumeric() => c.to_string(),
            None => String::new(),
        };
        if piece.is_empty() {
            if !c.is_alphanumeric() {
                dash = true;
            }
            continue;
        }
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.push_str(&piece);
    }
    out
}

/// Edit distance (optimal string alignment: insert, delete, substitute, swap two
/// neighbours), over chars: exact up to `max`, else `max + 1` (callers ask only "within
/// `max`?").
///
/// The locator calls this for every known name on every lookup (about 12,000 times), so
/// names of up to `SHORT` chars are compared on the stack: allocating here was most of a
/// lookup's time.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    const SHORT: usize = 48;
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.abs_diff(nb) > max {
        return max + 1;
    }
    if na <= SHORT && nb <= SHORT {
        let (mut ca, mut cb) = (['\0'; SHORT], ['\0'; SHORT]);
        ca.iter_mut().zip(a.chars()).for_each(|(slot, c)| *slot = c);
        cb.iter_mut().zip(b.chars()).for_each(|(slot, c)| *slot = c);
        let mut rows = [0usize; 3 * (SHORT + 1)];
        osa(&ca[..na], &cb[..nb], max, &mut rows[..3 * (nb + 1)])
    } else {
        let ca: Vec<char> = a.chars().collect();
        let cb: Vec<char> = b.chars().collect();
        osa(&ca, &cb, max, &mut vec![0; 3 * (nb + 1)])
    }
}

/// The distance of `edit_distance`, in three rows of `b.len() + 1` cells given by the caller.
///
/// Only cells within `max` of the diagonal are worked out: an alignment that leaves that band
/// costs more than `max` already. Cells just outside it hold `max + 1`, so whatever passes
/// through them is known to be too far. The answer is exact up to `max`, else `max + 1`.
fn osa(a: &[char], b: &[char], max: usize, rows: &mut [usize]) -> usize {
    let (far, m) = (max + 1, b.len());
    let (prev2, rest) = rows.split_at_mut(m + 1);
    let (prev, cur) = rest.split_at_mut(m + 1);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, cur);
    prev.iter_mut().enumerate().for_each(|(j, cell)| *cell = j);
    for i in 1..=a.len() {
        let (lo, hi) = (i.saturating_sub(max).max(1), (i + max).min(m));
        cur[0] = i;
        if lo > 1 {
            cur[lo - 1] = far;
        }
        let mut row_min = i;
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if hi < m {
            cur[hi + 1] = far;
        }
        if row_min > max {
            return far;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m].min(far)
}

/// How many typos a word of this length may carry and still match.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// `[a-z0-9-]+`, not starting or ending with `-`: safe as one path segment.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `YYYY-MM-DD`, with a month 1–12 and a day 1–31.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// A character no page or feed may carry: a control character but tab, line feed
/// and carriage return (C0, DEL, C1), or U+FFFE/U+FFFF. XML 1.0 forbids most of
/// them (a feed holding one is not a feed) and HTML all of them.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The first forbidden character in `s` (see [`is_forbidden_char`]), with its line (from 1).
pub fn forbidden_char(s: &str) -> Option<(char, usize)> {
    let at = s.find(is_forbidden_char)?;
    let c = s[at..].chars().next()?;
    Some((c, s[..at].matches('\n').count() + 1))
}

/// Escapes text for HTML and XML, in element content and in quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A date as people in Azerbaijan write it, `gün.ay.il` (`03.12.2026`, also `3.12.2026`
/// or with `/`), as `YYYY-MM-DD`; None when it is not one, or not a day of the calendar.
/// Never read month first: `03.12.2026` is the 3rd of December.
pub fn day_month_year(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.trim().split(['.', '/']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    is_calendar_date(&iso).then_some(iso)
}

/// Whether `s` is `YYYY-MM-DD` and that day is in the calendar (no 31 April, no 29
/// February but in a leap year).
pub fn is_calendar_date(s: &str) -> bool {
    if !is_date(s) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        s[..4].parse().unwrap_or(0),
        s[5..7].parse().unwrap_or(0),
        s[8..10].parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// Whether a text under this key is one line on the page (a name, a title): a line
/// break in it is a paste gone wrong, never meant.
pub fn is_one_line_key(key: &str) -> bool {
    matches!(key, "name" | "title" | "short_name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azerbaijani_casing_keeps_dotted_and_dotless_i_apart() {
        assert_eq!(az_lowercase("İSMAYILLI"), "ismayıllı");
        assert_eq!(az_lowercase("İmişli"), "imişli");
        assert_eq!(az_lowercase("QUBADLI"), "qubadlı");
    }

    #[test]
    fn folding_matches_what_people_type_without_special_letters() {
        assert_eq!(normalize("Şəhid ailəsi"), "sehid ailesi");
        assert_eq!(normalize("Mənzil növbəsi"), "menzil novbesi");
        assert_eq!(normalize("Göygöl"), "goygol");
        assert_eq!(normalize("Ağdaş"), "agdas");
        assert_eq!(normalize("Ёлка"), "елка");
        assert_eq!(normalize("İmişli"), normalize("imisli"));
    }

    #[test]
    fn dates_are_read_day_first() {
        assert_eq!(day_month_year("03.12.2026").as_deref(), Some("2026-12-03"));
        assert_eq!(day_month_year("3.2.2026").as_deref(), Some("2026-02-03"));
        assert_eq!(day_month_year("31/12/2026").as_deref(), Some("2026-12-31"));
        assert_eq!(day_month_year("31.04.2026"), None);
        assert_eq!(day_month_year("29.02.2026"), None);
        assert_eq!(day_month_year("29.02.2028").as_deref(), Some("2028-02-29"));
        assert_eq!(day_month_year("12.2026"), None);
        assert_eq!(day_month_year("2026-12-03"), None);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Necə müraciət etmək?"), "nece-muraciet-etmek");
        assert_eq!(slugify("Как подать заявление"), "kak-podat-zayavlenie");
        assert_eq!(slugify("  Call Center 142 "), "call-center-142");
    }

    #[test]
    fn edit_distance_counts_typos_and_transpositions() {
        assert_eq!(edit_distance("lerik", "lerik", 2), 0);
        assert_eq!(edit_distance("lerik", "lerk", 2), 1);
        assert_eq!(edit_distance("lerik", "lreik", 2), 1);
        assert_eq!(edit_distance("masalli", "paris", 2), 3);
        assert_eq!(edit_distance("şəki", "şkəi", 2), 1);
        // Names longer than the stack's room are compared the same way.
        let long = "yuxarı ağcakənd ".repeat(4);
        assert_eq!(edit_distance(&long, &long.replacen('ğ', "g", 1), 2), 1);
        assert_eq!(edit_distance(&long, &long[..long.len() - 3], 2), 3);
    }

    /// Every distance up to `max` agrees with the whole table worked out plainly.
    #[test]
    fn the_banded_distance_agrees_with_the_whole_table() {
        fn plain(a: &[char], b: &[char]) -> usize {
            let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
            for (i, row) in t.iter_mut().enumerate() {
                row[0] = i;
            }
            for (j, cell) in t[0].iter_mut().enumerate() {
                *cell = j;
            }
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    t[i][j] = (t[i - 1][j] + 1)
                        .min(t[i][j - 1] + 1)
                        .min(t[i - 1][j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        t[i][j] = t[i][j].min(t[i - 2][j - 2] + 1);
                    }
                }
            }
            t[a.len()][b.len()]
        }
        // Every word of up to four letters over a, ə and b (121 words).
        let (mut words, mut last) = (vec![String::new()], vec![String::new()]);
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|w| ['a', 'ə', 'b'].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        assert_eq!(words.len(), 121);
        for a in &words {
            for b in &words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let want = plain(&ca, &cb);
                for max in 0..4 {
                    assert_eq!(edit_distance(a, b, max), want.min(max + 1), "{a} {b} {max}");
                }
            }
        }
    }
}
