//! The words of the editor's operations (conflicts, input rules, history, undo,
//! publishing) in Azerbaijani, Russian and English, kept in one place.

use crate::lang::Lang;

/// Picks the text in `lang` from the three.
fn pick(lang: Lang, az: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Az => az,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The notice of a save refused because its own entry changed meanwhile.
pub fn conflict(lang: Lang, entry: &str) -> String {
    pick(
        lang,
        "{entry} bu forma açılandan sonra dəyişdirilib (başqa vərəqdə və ya mətn redaktorunda), ona görə heç nə saxlanmadı. Forma indi faylda olanı göstərir; yazdığınız mətn fərqləndiyi hər sahənin altında göstərilir. Dəyişikliyi yenidən edib saxlayın.",
        "{entry}: запись изменили после того, как эта форма была открыта (в другой вкладке или в текстовом редакторе), поэтому ничего не сохранено. Теперь форма показывает то, что записано в файле; то, что вы ввели, показано под каждым полем, где оно отличается. Внесите изменение ещё раз и сохраните.",
        "{entry} changed on disk after this form was opened (in a text editor or another tab), so nothing was saved. The form now shows what the file holds; what you had typed is shown under each field it differs from. Make your change again and save.",
    )
    .replace("{entry}", entry)
}
