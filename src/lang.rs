//! The portal's three languages.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Az,
    En,
    Ru,
}

impl Lang {
    /// Azerbaijani first: it is the default and the fallback language.
    pub const ALL: [Lang; 3] = [Lang::Az, Lang::En, Lang::Ru];
    pub const DEFAULT: Lang = Lang::Az;

    pub fn code(self) -> &'static str {
        match self {
            Lang::Az => "az",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "az" => Some(Lang::Az),
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// The CLDR plural category of a whole number in this language: the suffix of the
    /// UI string to use (`agency_count_one`, `_few`, `_many`, `_other`).
    pub fn plural(self, n: u64) -> &'static str {
        match self {
            // Azerbaijani nouns stay singular after a number, but CLDR still tells 1 apart.
            Lang::Az | Lang::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => "one",
                (2..=4, r) if !(12..=14).contains(&r) => "few",
                _ => "many",
            },
        }
    }

    /// Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Az => "az_AZ",
            Lang::En => "en_GB",
            Lang::Ru => "ru_RU",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_follow_cldr() {
        let got: Vec<_> = [1, 2, 5, 11, 21, 12, 22, 111, 0]
            .iter()
            .map(|&n| Lang::Ru.plural(n))
            .collect();
        assert_eq!(
            got,
            [
                "one", "few", "many", "many", "one", "many", "few", "many", "many"
            ]
        );
        assert_eq!(Lang::En.plural(1), "one");
        assert_eq!(Lang::En.plural(21), "other");
        assert_eq!(Lang::Az.plural(0), "other");
    }
}
