//! The words of the editor's operations (conflicts, input rules, history, undo,
//! publishing) in Azerbaijani, Russian and English: a table of the editor's words
//! (`edit::words`, the `words!` macro), read through the functions below.

use crate::lang::Lang;

crate::words! {
    pub struct OW in ow_index {
        conflict: "{entry} bu forma açılandan sonra dəyişdirilib (başqa vərəqdə və ya mətn redaktorunda), ona görə heç nə saxlanmadı. Forma indi faylda olanı göstərir; yazdığınız mətn fərqləndiyi hər sahənin altında göstərilir. Dəyişikliyi yenidən edib saxlayın. Başqa qeydlərin dəyişməsi bu formaya mane olmur.",
            "{entry}: запись изменили после того, как эта форма была открыта (в другой вкладке или в текстовом редакторе), поэтому ничего не сохранено. Теперь форма показывает то, что записано в файле; то, что вы ввели, показано под каждым полем, где оно отличается. Внесите изменение ещё раз и сохраните. Изменения других записей этой форме не мешают.",
            "{entry} changed elsewhere (in another tab or a text editor) after this form was opened, so nothing was saved. The form now shows what the file holds; what you had typed is shown under each field it differs from. Make your change again and save. Changes to other entries never stop this form.";
        one_line: "Bu sahə bir sətirdir: sətir keçidlərini silin (yapışdırılan mətn çox vaxt onları da gətirir).",
            "Это поле в одну строку: уберите переносы строк (вставленный текст часто приносит их с собой).",
            "This is one line: remove the line breaks (a pasted text often brings them along).";
        web_address: "Mənbə bir veb ünvandır: https:// və ya http:// ilə başlayır, boşluqsuz yazılır (ünvandakı boşluq %20 kimi yazılır).",
            "Источник — один веб-адрес: он начинается с https:// или http:// и пишется без пробелов (пробел в адресе пишется как %20).",
            "A source is one web address: it begins https:// or http:// and has no spaces (a space in an address is written %20).";
        date_day: "Tarixi gün.ay.il kimi yazın, məsələn 03.12.2026 (və ya 2026-12-03); belə bir gün təqvimdə olmalıdır.",
            "Напишите дату как день.месяц.год, например 03.12.2026 (или 2026-12-03); такой день должен быть в календаре.",
            "Write the date as day.month.year, such as 03.12.2026 (or 2026-12-03); the day must be in the calendar.";
        date_month: "Tarixi gün.ay.il kimi yazın, məsələn 03.12.2026; yalnız ay məlumdursa, ay.il: 12.2026.",
            "Напишите дату как день.месяц.год, например 03.12.2026; если известен только месяц — месяц.год: 12.2026.",
            "Write the date as day.month.year, such as 03.12.2026; where only the month is known, month.year: 12.2026.";
        date_note: "Tarix: ", "Дата: ", "Date: ";
        date_how: "Gün.ay.il kimi yazın, məsələn 03.12.2026.", "Пишите день.месяц.год, например 03.12.2026.", "Type day.month.year, such as 03.12.2026.";
        history_title: "Son dəyişikliklər", "Последние изменения", "Recent changes";
        history_none: "Bu qeyddə hələ dəyişiklik yoxdur.", "Эту запись ещё не меняли.", "No changes to this entry yet.";
        history_when: "Nə vaxt", "Когда", "When";
        history_field: "Sahə", "Поле", "Field";
        history_old: "Əvvəl", "Было", "Before";
        history_new: "Sonra", "Стало", "After";
        history_undo: "Geri qaytar", "Отменить", "Undo";
        history_empty: "(boş)", "(пусто)", "(empty)";
        history_changed: "Dəyişiklik geri qaytarılmadı: sahə o vaxtdan yenidən dəyişdirilib. Forma indi faylda olanı göstərir.",
            "Изменение не отменено: поле с тех пор снова изменили. Теперь форма показывает то, что записано в файле.",
            "Not undone: the field has changed again since. The form now shows what the file holds.";
        history_missing: "Bu dəyişiklik qeydin son dəyişiklikləri arasında yoxdur; heç nə dəyişdirilmədi.",
            "Этого изменения нет среди последних изменений записи; ничего не изменено.",
            "This change is not among the entry's recent changes; nothing was changed.";
        publish_title: "Dərc et", "Опубликовать", "Publish";
        publish_where: "Sayt `ccu build` kimi yığılır və bu qovluğa yazılır:", "Сайт собирается так же, как `ccu build`, и записывается в папку:", "The site is built as `ccu build` builds it, into the folder:";
        publish_before: "Dərc etsəniz, bu səhifələr dəyişəcək", "Если опубликовать, изменятся эти страницы", "Publishing will change these pages";
        publish_button: "İndi dərc et", "Опубликовать сейчас", "Publish now";
        publish_done: "Dərc edildi: sayt yenidən yığıldı.", "Опубликовано: сайт собран заново.", "Published: the site was built again.";
        publish_refused: "Dərc edilmədi: yoxlama xəta tapdı, heç nə yazılmadı. Əvvəlcə bunları düzəldin",
            "Не опубликовано: проверка нашла ошибки, ничего не записано. Сначала исправьте их",
            "Not published: the checks found errors, and nothing was written. Fix these first";
        publish_added: "Yeni səhifələr", "Новые страницы", "Pages added";
        publish_changed: "Dəyişən səhifələr", "Изменённые страницы", "Pages changed";
        publish_removed: "Silinən səhifələr", "Удалённые страницы", "Pages removed";
    }
}

/// The notice of a save refused because its own entry changed meanwhile.
pub fn conflict(lang: Lang, entry: &str) -> String {
    OW::conflict.fill(lang, &[("entry", entry)])
}

/// A line break in a one-line text.
pub fn one_line(lang: Lang) -> &'static str {
    OW::one_line.t(lang)
}

/// A source that is not one web address.
pub fn web_address(lang: Lang) -> &'static str {
    OW::web_address.t(lang)
}

/// A date that is not one.
pub fn date(lang: Lang, month_alone: bool) -> &'static str {
    match month_alone {
        false => OW::date_day.t(lang),
        true => OW::date_month.t(lang),
    }
}

/// The words of an entry's history, by what they name.
pub fn history(lang: Lang, what: &str) -> &'static str {
    match what {
        "title" => OW::history_title,
        "none" => OW::history_none,
        "when" => OW::history_when,
        "field" => OW::history_field,
        "old" => OW::history_old,
        "new" => OW::history_new,
        "undo" => OW::history_undo,
        "empty" => OW::history_empty,
        "changed" => OW::history_changed,
        _ => OW::history_missing,
    }
    .t(lang)
}

/// The words of publishing, by what they name.
pub fn publish(lang: Lang, what: &str) -> &'static str {
    match what {
        "title" => OW::publish_title,
        "where" => OW::publish_where,
        "before" => OW::publish_before,
        "button" => OW::publish_button,
        "done" => OW::publish_done,
        "refused" => OW::publish_refused,
        "added" => OW::publish_added,
        "changed" => OW::publish_changed,
        _ => OW::publish_removed,
    }
    .t(lang)
}

const MONTHS_AZ: [&str; 12] = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
    "noyabr", "dekabr",
];
const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Russian puts a month after a day in the genitive: «3 декабря».
const MONTHS_OF_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-12-03` in words: «3 dekabr 2026», «3 декабря 2026 г.», "3 December 2026";
/// `2026-12` as the month alone.
pub fn date_in_words(lang: Lang, iso: &str) -> Option<String> {
    let y: u32 = iso.get(..4)?.parse().ok()?;
    let m: usize = iso.get(5..7)?.parse().ok()?;
    let day: Option<u32> = iso.get(8..10).and_then(|d| d.parse().ok());
    let i = m.checked_sub(1).filter(|&i| i < 12)?;
    let year = match lang {
        Lang::Ru => format!("{y} г."),
        _ => y.to_string(),
    };
    Some(match (lang, day) {
        (Lang::Az, Some(d)) => format!("{d} {} {year}", MONTHS_AZ[i]),
        (Lang::Ru, Some(d)) => format!("{d} {} {year}", MONTHS_OF_RU[i]),
        (Lang::En, Some(d)) => format!("{d} {} {year}", MONTHS_EN[i]),
        (Lang::Az, None) => format!("{} {year}", MONTHS_AZ[i]),
        (Lang::Ru, None) => format!("{} {year}", MONTHS_RU[i]),
        (Lang::En, None) => format!("{} {year}", MONTHS_EN[i]),
    })
}

/// The note under a date field: the date in words, and how to type one.
pub fn date_note(lang: Lang, iso: Option<&str>) -> String {
    let how = OW::date_how.t(lang);
    match iso.and_then(|d| date_in_words(lang, d)) {
        Some(words) => format!("{}{words}. {how}", OW::date_note.t(lang)),
        None => how.to_string(),
    }
}

/// Whether a note is one [`date_note`] wrote (so it may be written again).
pub fn is_date_note(note: &str) -> bool {
    Lang::ALL
        .iter()
        .any(|&l| note.starts_with(OW::date_note.t(l)) || note.starts_with(OW::date_how.t(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_said_in_each_language() {
        let d = "2026-12-03";
        assert_eq!(date_in_words(Lang::Az, d).unwrap(), "3 dekabr 2026");
        assert_eq!(date_in_words(Lang::Ru, d).unwrap(), "3 декабря 2026 г.");
        assert_eq!(date_in_words(Lang::En, d).unwrap(), "3 December 2026");
        assert_eq!(
            date_in_words(Lang::Ru, "2026-11").unwrap(),
            "ноябрь 2026 г."
        );
    }
}
