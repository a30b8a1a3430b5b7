//! The editor's words in its three languages. Every label, hint, message, button and
//! choice an editor reads comes from a table made with [`words!`]: each word is a
//! constant of a table, written once in Azerbaijani, Russian and English, so a word
//! missing in a language does not compile. A module with words of its own makes its
//! own table (`words! { pub struct MyW in my_w_index { … } }`) and reads it the same way.
//!
//! The editor's language is the first part of its address: `/_edit/az/…` (the default),
//! `/_edit/ru/…`, `/_edit/en/…`.

use crate::lang::Lang;
use std::collections::BTreeMap;
use std::path::Path;

/// Makes a table of words: `words! { pub struct W in w_index { save: "az", "ru", "en"; … } }`.
/// `W::save.t(lang)` is the word; `W::save.fill(lang, &[("n", "3")])` puts values in its
/// `{n}` places. Each word is an associated constant (never in the way of a variable
/// named like it); `w_index` names a private module the macro needs for the numbering.
#[macro_export]
macro_rules! words {
    ($vis:vis struct $name:ident in $index:ident { $($key:ident: $az:expr, $ru:expr, $en:expr;)* }) => {
        #[allow(non_camel_case_types, dead_code, clippy::enum_variant_names)]
        mod $index {
            pub enum I { $($key,)* }
        }

        /// Words of the editor (see `edit::words`).
        #[derive(Clone, Copy, PartialEq, Eq)]
        $vis struct $name(usize);

        #[allow(non_upper_case_globals, dead_code)]
        impl $name {
            $(pub const $key: $name = $name($index::I::$key as usize);)*
            const TABLE: &'static [[&'static str; 3]] = &[$([$az, $ru, $en],)*];
            const NAMES: &'static [&'static str] = &[$(stringify!($key),)*];

            /// Every word of the table, for tests.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// The word in `lang`.
            pub fn t(self, lang: $crate::lang::Lang) -> &'static str {
                let row = &Self::TABLE[self.0];
                match lang {
                    $crate::lang::Lang::Az => row[0],
                    $crate::lang::Lang::Ru => row[1],
                    $crate::lang::Lang::En => row[2],
                }
            }

            /// The word in `lang` with each `{name}` replaced by its value.
            pub fn fill(self, lang: $crate::lang::Lang, values: &[(&str, &str)]) -> String {
                $crate::edit::words::fill(self.t(lang), values)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(Self::NAMES[self.0])
            }
        }
    };
}

/// `text` with each `{name}` of `values` replaced (values are put in as they are: a
/// value holding `{x}` is not filled again).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after.find('}').and_then(|j| {
            let key = &after[..j];
            values.iter().find(|(k, _)| *k == key).map(|(_, v)| (*v, j))
        });
        match value {
            Some((v, j)) => {
                out.push_str(v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The editor's language and the rest of an editor's address: `/az/services/1-4/` →
/// (az, `/services/1-4/`); None when the address names no language.
pub fn split(path: &str) -> Option<(Lang, &str)> {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let first = rest.split('/').next().unwrap_or("");
    let lang = Lang::parse(first).filter(|l| l.code() == first)?;
    // An address that is the language alone (`/az`) is the editor's front page (`/`).
    match &rest[first.len()..] {
        "" => Some((lang, "/")),
        tail => Some((lang, tail)),
    }
}

/// The site's own words (`themes/default/i18n/{lang}.yaml`): the public headings a form
/// uses (`Nə lazımdır`), so that the editor calls a part what the page calls it. Empty
/// where the file cannot be read: the editor's own words are used instead.
pub fn site_strings(root: &Path, lang: Lang) -> BTreeMap<String, String> {
    let file = root.join(format!("themes/default/i18n/{lang}.yaml"));
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| serde_yaml::from_str(&s).ok())
        .unwrap_or_default()
}

/// The site's word `key` in `strings`, or `fallback` where it has none.
pub fn site_word<'a>(
    strings: &'a BTreeMap<String, String>,
    key: &str,
    fallback: &'a str,
) -> &'a str {
    strings
        .get(key)
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(fallback)
}

words! {
    pub struct W in w_index {
        // The frame of every editor page.
        editor: "Portalın redaktoru", "Редактор портала", "Portal editor";
        editor_note: "Yadda saxladığınız dəyişikliklər bu kompüterdəki sayt fayllarına yazılır.",
            "Сохранённые изменения записываются в файлы сайта на этом компьютере.",
            "What you save is written to the site's files on this computer.";
        nav_home: "Redaktorun əsas səhifəsi", "Главная страница редактора", "Editor home";
        nav_translations: "Tərcümələrin vəziyyəti", "Состояние переводов", "Translation status";
        nav_synonyms: "Axtarış sinonimləri", "Синонимы для поиска", "Search synonyms";
        editor_lang: "Redaktorun dili", "Язык редактора", "Editor language";
        skip: "Əsas məzmuna keçin", "Перейти к основному содержанию", "Skip to the main content";
        details: "Texniki məlumat (proqramçı üçün)", "Техническая информация (для программиста)",
            "Technical details (for the technical person)";
        details_files: "Yazılan fayllar", "Файлы, в которые идёт запись", "Files written";
        details_message: "Yoxlamanın mesajı", "Сообщение проверки", "The check's message";
        edit_this_page: "Bu səhifəni redaktə et", "Редактировать эту страницу", "Edit this page";
        edit: "Redaktə et", "Изменить", "Edit";
        edit_part: "Redaktə et: {part}", "Изменить: {part}", "Edit: {part}";
        name_plain: "Ad", "Название", "Name";
        back_to_page: "Səhifəyə qayıt", "Вернуться на страницу", "Back to the page";

        // Form headings and buttons.
        heading_edit: "Redaktə: {title}", "Редактирование: {title}", "Edit: {title}";
        add_service: "Yeni xidmət əlavə et", "Добавить услугу", "Add a service";
        add_guide: "Yeni bələdçi əlavə et", "Добавить руководство", "Add a guide";
        add_service_button: "Xidməti əlavə et", "Добавить услугу", "Add the service";
        add_guide_button: "Bələdçini əlavə et", "Добавить руководство", "Add the guide";
        save: "Yadda saxla", "Сохранить", "Save";
        save_bar: "Dəyişikliklər yalnız «Yadda saxla» düyməsini basdıqdan sonra yazılır.",
            "Изменения записываются только после нажатия «Сохранить».",
            "Changes are written only when you press Save.";
        delete_service_q: "{id} nömrəli xidmət silinsin?", "Удалить услугу {id}?", "Delete service {id}?";
        delete_guide_q: "«{title}» bələdçisi silinsin?", "Удалить руководство «{title}»?", "Delete the guide “{title}”?";
        delete_service_button: "{id} nömrəli xidməti sil", "Удалить услугу {id}", "Delete service {id}";
        delete_guide_button: "«{title}» bələdçisini sil", "Удалить руководство «{title}»", "Delete the guide “{title}”";
        delete_service_explain: "{id} nömrəli xidmət («{name}») bütün mətnləri və faktları ilə birlikdə silinəcək, onun səhifələri saytdan çıxarılacaq. Başqa heç nə dəyişməyəcək.",
            "Услуга {id} («{name}») будет удалена со всеми текстами и фактами, её страницы исчезнут с сайта. Больше ничего не изменится.",
            "Service {id} (“{name}”) is removed with all its texts and facts, and its pages leave the site. Nothing else changes.";
        delete_guide_explain: "«{title}» bələdçisi hər üç dildə saytdan silinəcək.",
            "Руководство «{title}» будет удалено с сайта на всех трёх языках.",
            "The guide “{title}” leaves the site in all three languages.";
        cancel_keep: "Ləğv et və saxla", "Отмена, оставить", "Cancel: keep it";

        // Messages.
        not_saved: "Yadda saxlanmadı", "Не сохранено", "Not saved";
        summary_title: "Heç nə yadda saxlanmadı: aşağıdakı xətaları düzəldin",
            "Ничего не сохранено: исправьте ошибки ниже",
            "Nothing was saved: fix the problems below";
        error_prefix: "Xəta: ", "Ошибка: ", "Error: ";
        conflict: "Bu forma açılandan sonra eyni məlumat başqa yerdə (başqa pəncərədə və ya mətn redaktorunda) dəyişdirilib, ona görə heç nə yadda saxlanmadı. Forma indi son vəziyyəti göstərir; sizin yazdığınız mətn fərqli olan hər sahənin altında göstərilib. Dəyişikliyi yenidən edin və yadda saxlayın.",
            "После открытия этой формы те же данные были изменены в другом месте (в другой вкладке или в текстовом редакторе), поэтому ничего не сохранено. Теперь форма показывает текущие данные, а то, что вы ввели, показано под каждым полем, где оно отличается. Внесите изменение ещё раз и сохраните.",
            "The same data changed elsewhere (in another tab or a text editor) after this form was opened, so nothing was saved. The form now shows what is there; what you had typed is shown under each field it differs from. Make your change again and save.";
        you_had_typed: "Yadda saxlanmadı — siz bunu yazmışdınız: {text}", "Не сохранено — вы ввели: {text}", "Not saved — you had typed: {text}";
        too_slow: "Yadda saxlamaq çox uzun çəkdi və dayandırıldı; heç nə yazılmadı. Yenidən cəhd edin.",
            "Сохранение заняло слишком много времени и было остановлено; ничего не записано. Попробуйте ещё раз.",
            "The save took too long and was stopped; nothing was written. Try again.";
        refused: "Rədd edildi: yalnız bu önizləmənin öz ünvanında açılmış formalar yadda saxlaya bilər; heç nə yazılmadı. Formanı səhifədəki «Bu səhifəni redaktə et» keçidindən yenidən açın.",
            "Отказано: сохранять могут только формы, открытые по адресу этого предпросмотра; ничего не записано. Откройте форму заново по ссылке «Редактировать эту страницу».",
            "Refused: only the forms of this preview, opened at its own address, can save; nothing was written. Open the form again from the page's “Edit this page” link.";
        no_form: "Burada forma yoxdur", "Здесь нет формы", "No form here";
        no_form_text: "Bu ünvanda redaktə ediləcək bir şey yoxdur.", "По этому адресу нечего редактировать.", "There is nothing to edit at this address.";
        cannot_work: "Redaktor bu fayllarla işləyə bilmir", "Редактор не может работать с этими файлами", "The editor cannot work on these files";
        cannot_work_text: "Saytın faylları oxuna və ya yazıla bilmir, ya da onlarda əvvəlcə düzəldilməli xətalar var. Bunu proqramçıya bildirin.",
            "Файлы сайта не удаётся прочитать или записать, либо в них есть ошибки, которые сначала нужно исправить. Сообщите об этом программисту.",
            "The site's files cannot be read or written, or they have problems to fix first. Tell the technical person.";
        failed: "Redaktorda xəta baş verdi", "В редакторе произошла ошибка", "The editor failed";
        saved: "Yadda saxlanıldı: {what}.", "Сохранено: {what}.", "Saved: {what}.";
        saved_nothing: "Heç nə dəyişmədi: bütün dəyərlər əvvəlki kimidir.", "Ничего не изменилось: все значения прежние.", "Nothing changed: every value is as it was.";
        added: "Əlavə edildi: {what}.", "Добавлено: {what}.", "Added: {what}.";
        deleted: "Silindi: {what}.", "Удалено: {what}.", "Deleted: {what}.";
        one_line: "Bunu bir sətirdə yazın: mətndə sətir keçidi var.", "Напишите это в одну строку: в тексте есть перенос строки.", "Write this on one line: it holds a line break.";
        invisible: "Mətndə səhifənin göstərə bilmədiyi görünməz simvol ({code}) var: onu silin.", "В тексте есть невидимый символ ({code}), который страница не может показать: удалите его.", "This holds an invisible character ({code}) that a page cannot show: delete it.";
        invisible_break: "Mətndə görünməz simvol ({code}) var: onu silin, yeni sətir üçün isə Enter düyməsini basın.", "В тексте есть невидимый символ ({code}): удалите его, а для новой строки нажмите Enter.", "This holds an invisible character ({code}): delete it, or press Enter for a new line.";
        slug_bad: "Bu ünvan yararsızdır: yalnız kiçik latın hərfləri (a-z), rəqəmlər və defis (-) yazın.", "Такой адрес не подходит: используйте только строчные латинские буквы (a-z), цифры и дефис (-).", "This cannot be used in an address: use lowercase letters a-z, digits and hyphens.";
        slug_taken: "Bu ünvanda artıq bələdçi var: başqa ünvan seçin və ya həmin bələdçini redaktə edin.", "По этому адресу уже есть руководство: выберите другой адрес или измените то руководство.", "A guide has this address already: choose another, or edit that guide.";
        az_title_missing: "Azərbaycanca başlıq yazılmayıb. Əvvəlcə azərbaycanca mətni yazın: başqa dildə mətn olmayanda saytda o göstərilir.", "Нет заголовка на азербайджанском. Сначала напишите азербайджанский текст: он показывается там, где нет перевода.", "The Azerbaijani title is missing. Write the Azerbaijani guide first: the site shows it where a translation is missing.";
        not_read_back: "Bu mətn yazıldığı kimi saxlanıla bilmir: proqramçıya müraciət edin.", "Этот текст не удаётся сохранить в таком виде: обратитесь к программисту.", "This would not read back as written: ask the technical person.";
        changed_here: "Bu yaxınlarda dəyişdirilib", "Недавно изменено", "Just changed";

        // What an entry is called.
        service_n: "Xidmət {id}", "Услуга {id}", "Service {id}";
        agency_n: "Dövlət orqanı: {name}", "Ведомство: {name}", "Agency: {name}";
        unit_n: "Mərkəz: {name}", "Центр: {name}", "Unit: {name}";
        topic_n: "Mövzu: {name}", "Тема: {name}", "Topic: {name}";
        district_n: "{name}", "{name}", "{name}";
        guide_n: "Bələdçi: {title}", "Руководство: {title}", "Guide: {title}";

        // The three languages: the label of a language's box, and said after a field.
        lang_az: "Azərbaycan dilində", "На азербайджанском", "Azerbaijani";
        lang_ru: "Rus dilində", "На русском", "Russian";
        lang_en: "İngilis dilində", "На английском", "English";
        in_az: "azərbaycanca", "на азербайджанском", "Azerbaijani";
        in_ru: "rusca", "на русском", "Russian";
        in_en: "ingiliscə", "на английском", "English";

        // Labels of the values.
        general: "Ümumi", "Общее", "General";
        name: "Fərmandakı adı", "Название в указе", "Name in the decree";
        title: "Sadə başlıq", "Понятное название", "Plain title";
        description: "Təsvir", "Описание", "Description";
        short_name: "Qısa adı", "Краткое название", "Short name";
        keywords: "Açar sözlər (hər sətirdə biri)", "Ключевые слова (по одному в строке)", "Keywords (one a line)";
        facts: "Faktlar", "Факты", "Facts";
        text: "Mətn", "Текст", "Text";
        source: "Mənbə (veb ünvanı)", "Источник (веб-адрес)", "Source (web address)";
        checked: "Yoxlanılma tarixi", "Дата проверки", "Checked on";
        checked_hint: "Məsələn, 2026-12-03; yalnız ay məlumdursa, 2026-12.", "Например, 2026-12-03; если известен только месяц — 2026-12.", "For example 2026-12-03; where only the month is known, 2026-12.";
        match_: "Mənbə nə dərəcədə uyğundur", "Насколько источник соответствует", "How closely the source matches";
        quote: "Mənbədən sitat (səhifədə göstərilmir)", "Цитата из источника (на странице не показывается)", "Quote from the source (not shown on the page)";
        agency: "Xidməti göstərən dövlət orqanı", "Ведомство, оказывающее услугу", "Agency";
        topic: "Mövzu", "Тема", "Topic";
        audiences: "Kimlər üçündür", "Для кого", "Audiences";
        updated: "Son yenilənmə tarixi", "Дата последнего обновления", "Last updated";
        note: "Qeyd", "Примечание", "Note";
        caution: "Getməzdən əvvəl nəyi bilmək lazımdır (mərkəzin adı çəkilən hər yerdə göstərilir)", "Что нужно знать перед визитом (показывается везде, где упоминается центр)", "What to know before going (said wherever the unit is named)";
        plural: "Ad cəm haldadır (bir neçə mərkəz)", "Название во множественном числе (несколько центров)", "The name is plural (several centres)";
        addresses: "Ünvan", "Адрес", "Address";
        districts: "Xidmət göstərdiyi şəhər və rayonlar", "Обслуживаемые города и районы", "Cities and districts served";
        baku_districts: "Xidmət göstərdiyi Bakı rayonları (hər sətirdə biri)", "Обслуживаемые районы Баку (по одному в строке)", "Baku districts served (one a line)";
        seat: "Yerləşdiyi şəhər və ya rayon (xəritədə yeri)", "Где находится (город или район на карте)", "Seat (the city or district that places it on the map)";
        kind: "Növü", "Тип", "Kind";
        same_name_as: "Fərmanda eyni adla verilmiş xidmət", "Услуга с тем же названием в указе", "Same name in the decree as service";
        id: "Kod", "Код", "Code";
        id_service: "Fərmandakı nömrəsi", "Номер в указе", "Number in the decree";
        id_fixed: "Bu nömrə dəyişdirilmir: digər məlumatlar ona istinad edir.", "Этот номер не меняется: на него ссылаются другие данные.", "This number cannot be changed: other entries refer to it.";
        id_new_hint: "Səhifənin ünvanı ondan yaranır: 7.1 → /services/7-1/.", "Из него складывается адрес страницы: 7.1 → /services/7-1/.", "The page's address is made from it: 7.1 → /services/7-1/.";
        code_fixed: "Bu kod dəyişdirilmir: digər məlumatlar ona istinad edir.", "Этот код не меняется: на него ссылаются другие данные.", "This code cannot be changed: other entries refer to it.";
        source_kind: "Mənbənin növü", "Тип источника", "Kind of source";
        part: "Xidmətin hansı hissəsinə aiddir", "К какой части услуги относится", "Part of the service it is about";
        next: "Növbəti addım", "Следующий шаг", "Next step";
        service: "Xidmət", "Услуга", "Service";
        why: "Nə üçün", "Зачем", "Why";
        spellings: "Başqa yazılışlar (hər sətirdə biri)", "Другие написания (по одному в строке)", "Other spellings (one a line)";
        parent: "Hansı ərazinin tərkibindədir", "Входит в состав", "Part of";
        lat: "En dairəsi", "Широта", "Latitude";
        lon: "Uzunluq dairəsi", "Долгота", "Longitude";
        inferred: "Mərkəz ehtimalla müəyyən edilib (fərmanın əlavəsində yoxdur)", "Центр определён предположительно (в приложении к указу его нет)", "Unit inferred (not listed in the decree's annex)";
        straight_line_misleads: "Yol düz xətdən xeyli uzundur", "Дорога намного длиннее прямой линии", "The road is much longer than the straight line";
        not_yet: "{label} (hələ yazılmayıb)", "{label} (ещё не заполнено)", "{label} (not written yet)";
        shared_note: "Bu dəyər bir neçə xidmətdə eynidir: burada dəyişsəniz, onlarda da dəyişəcək.", "Это значение общее для нескольких услуг: изменение здесь изменит его и там.", "Shared: other services show the same value, so a change here changes them too.";
        shared_fixed: "Bu dəyər başqa yazıdan götürülür: onu orada dəyişin.", "Это значение берётся из другой записи: измените его там.", "This value is taken from another entry: change it there.";
        fact_n: "Fakt {n}", "Факт {n}", "Fact {n}";
        address_n: "Ünvan {n}", "Адрес {n}", "Address {n}";

        // Choices.
        yes: "Bəli", "Да", "Yes";
        no: "Xeyr", "Нет", "No";
        match_exact: "dəqiq: məhz mərkəzlərdəki bu xidmət haqqında", "точное: именно об этой услуге в центрах", "exact: about this service at the units";
        match_close: "yaxın: eyni orqanın başqa yerdəki xidməti haqqında", "близкое: об услуге того же ведомства в другом месте", "close: the same agency's service elsewhere";

        // A new fact.
        new_fact: "Yeni fakt əlavə et (boş qalsa, heç nə əlavə olunmur)", "Добавить факт (если оставить пустым, ничего не добавится)", "Add a fact (left empty, none is added)";
        new_fact_card: "Yeni fakt", "Новый факт", "New fact";
        sec_main: "Əsas məlumat", "Основные сведения", "Main details";
        new_fact_under: "Hansı başlığın altında", "Под каким заголовком", "Under the heading";

        // Guides.
        guide_title: "Başlıq", "Заголовок", "Title";
        guide_description: "Qısa təsvir (axtarış nəticələrində və keçidin önizləməsində görünür)", "Краткое описание (видно в результатах поиска и в превью ссылки)", "Short description (shown in search results and link previews)";
        guide_body: "Mətn", "Текст", "Text";
        guide_body_hint: "Boş sətir yeni abzas başladır.", "Пустая строка начинает новый абзац.", "An empty line starts a new paragraph.";
        slug: "Saytdakı ünvanı", "Адрес на сайте", "Address on the site";
        slug_hint: "Kiçik latın hərfləri (a-z), rəqəmlər və defis (-), məsələn: harada-muraciet.", "Строчные латинские буквы (a-z), цифры и дефис (-), например: kuda-obratitsya.", "Lowercase letters a-z, digits and hyphens, such as where-to-apply.";
        guide_order: "Siyahıdakı yeri", "Место в списке", "Place in the list";
        guide_order_hint: "Kiçik rəqəm siyahıda daha yuxarıda göstərilir.", "Чем меньше число, тем выше в списке.", "A smaller number comes higher in the list.";

        // The entry page.
        index_title: "Portalı redaktə edin", "Редактирование портала", "Edit the portal";
        index_lead: "Xidmətin, dövlət orqanının, mərkəzin və bələdçinin hər səhifəsində də «Bu səhifəni redaktə et» keçidi var.",
            "На каждой странице услуги, ведомства, центра и руководства тоже есть ссылка «Редактировать эту страницу».",
            "Each page of a service, agency, unit or guide also has an “Edit this page” link.";
        search_label: "Tapın: xidmət, orqan, mərkəz, bələdçi", "Найти: услугу, ведомство, центр, руководство", "Find: a service, agency, unit or guide";
        search_button: "Axtar", "Найти", "Search";
        search_results: "Axtarışın nəticələri: «{q}»", "Результаты поиска: «{q}»", "Search results: “{q}”";
        search_none: "Heç nə tapılmadı.", "Ничего не найдено.", "Nothing found.";
        recent: "Son dəyişikliklər", "Последние изменения", "Recent changes";
        recent_none: "Bu seansda hələ heç nə dəyişdirilməyib.", "В этом сеансе ещё ничего не изменено.", "Nothing has been changed in this session yet.";
        sec_services: "Xidmətlər", "Услуги", "Services";
        sec_agencies: "Dövlət orqanları", "Ведомства", "Agencies";
        sec_units: "Mərkəzlər", "Центры", "Units";
        sec_topics: "Mövzular", "Темы", "Topics";
        sec_districts: "Şəhər və rayonlar", "Города и районы", "Cities and districts";
        sec_guides: "Bələdçilər", "Руководства", "Guides";

        // Translation status.
        tr_lang: "Dil", "Язык", "Language";
        tr_missing: "Tərcümə yoxdur", "Нет перевода", "Missing";
        tr_stale: "Yoxlanmalıdır", "Нужно проверить", "To check";
        tr_counts: "Dillər üzrə mətnlər", "Тексты по языкам", "Texts per language";
        tr_missing_h: "Tərcümə yoxdur: səhifədə azərbaycanca mətn göstərilir", "Нет перевода: на странице показан текст на азербайджанском", "Missing: the page shows the Azerbaijani text";
        tr_stale_h: "Yoxlanmalıdır: azərbaycanca mətn tərcümədən sonra dəyişib", "Нужно проверить: текст на азербайджанском изменился после перевода", "To check: the Azerbaijani text changed after the translation";
        tr_none: "Yoxdur.", "Нет.", "None.";
        tr_unknown: "məlum deyil (dəyişikliklərin tarixçəsi yoxdur)", "неизвестно (нет истории изменений)", "unknown (no history of changes)";
        tr_before: "Azərbaycanca mətn əvvəl", "Текст на азербайджанском раньше", "The Azerbaijani text before";
        tr_after: "Azərbaycanca mətn indi", "Текст на азербайджанском сейчас", "The Azerbaijani text now";
        tr_translation: "Tərcümə", "Перевод", "The translation";
        tr_still_correct: "Tərcümə hələ də düzgündür", "Перевод по-прежнему верен", "Still correct";
        tr_cleared: "Qeyd edildi: {what} tərcüməsi düzgündür.", "Отмечено: перевод «{what}» верен.", "Noted: the translation {what} is still correct.";
        guide_whole: "bütün mətn", "весь текст", "whole text";

        // Search synonyms.
        syn_lead: "Hər sətir bir-birini əvəz edən sözlərdir: birini axtaran digərlərini də tapır.",
            "Каждая строка — слова, которые заменяют друг друга: кто ищет одно из них, найдёт и остальные.",
            "Each line is words that stand for each other: searching for one finds the others too.";
        syn_finds: "İndi tapılır: {list}", "Теперь находится: {list}", "This now finds: {list}";
        syn_finds_nothing: "Heç bir xidmət tapılmır.", "Не находится ни одной услуги.", "This finds no service.";
        syn_add: "Sinonim əlavə et", "Добавить синоним", "Add a synonym";
        syn_add_button: "Sinonimi əlavə et", "Добавить синоним", "Add the synonym";
        syn_check: "Nə tapdığını yoxla", "Проверить, что находится", "Check what it finds";
        syn_lang: "Axtarışın dili", "Язык поиска", "Language of the search";
        syn_phrase: "İnsanların yazdığı söz", "Слово, которое пишут люди", "The word people type";
        syn_phrase_hint: "Məsələn: spravka", "Например: справка с работы", "For example: jab";
        syn_means: "Saytın istifadə etdiyi sözlər", "Слова, которые использует сайт", "The words the portal uses";
        syn_means_hint: "Bir neçədirsə, vergüllə ayırın. Məsələn: arayış", "Если их несколько, разделите запятыми. Например: справка", "Several: separate them with commas. For example: vaccination";
        syn_empty: "Həm insanların yazdığı sözü, həm də saytın istifadə etdiyi sözləri yazın.", "Напишите и слово, которое пишут люди, и слова, которые использует сайт.", "Write both the word people type and the words the portal uses.";
        syn_bad: "Bu sinonim saxlanıla bilmir: sözləri dırnaq işarəsi və xüsusi simvollar olmadan yazın.", "Этот синоним не удаётся сохранить: напишите слова без кавычек и особых знаков.", "This synonym cannot be saved: write the words without quotes or special signs.";
        syn_added: "Axtarış sinonimi əlavə edildi: {phrase} → {means}.", "Добавлен синоним для поиска: {phrase} → {means}.", "Search synonym added: {phrase} → {means}.";
        syn_try: "Yoxlamaq üçün söz", "Слово для проверки", "A word to try";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_written_in_every_language_and_fills_its_places() {
        for w in W::ALL {
            for lang in Lang::ALL {
                assert!(!w.t(lang).trim().is_empty(), "{w:?} in {lang}");
                // The same places in every language.
                let places = |s: &str| {
                    let mut p: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|x| x.split_once('}').map(|(k, _)| k.to_string()))
                        .collect();
                    p.sort();
                    p
                };
                assert_eq!(places(w.t(lang)), places(w.t(Lang::Az)), "{w:?} in {lang}");
            }
        }
        assert_eq!(
            W::saved.fill(Lang::Az, &[("what", "Təsvir")]),
            "Yadda saxlanıldı: Təsvir."
        );
        assert_eq!(
            fill("{a} {b} {c}", &[("a", "{b}"), ("b", "x")]),
            "{b} x {c}"
        );
    }

    #[test]
    fn an_address_gives_the_editors_language() {
        assert_eq!(
            split("/ru/services/1-4/"),
            Some((Lang::Ru, "/services/1-4/"))
        );
        assert_eq!(split("/az"), Some((Lang::Az, "/")));
        assert_eq!(split("/az/"), Some((Lang::Az, "/")));
        assert_eq!(split("/new/service/"), None);
        assert_eq!(split("/AZ/x"), None);
    }
}
