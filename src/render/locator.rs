//! The locator page: a form that works without JavaScript (the A–Z list of
//! districts), the map, and the words its script needs to phrase answers.

use super::items::{DistrictItem, LegendEntry};
use super::places::PlaceGroup;
use super::shell::{Crumbs, Kind, Renderer, script_json};
use crate::lang::Lang;
use serde::Serialize;

const LOCATOR: Kind = Kind {
    template: "locator.html",
    section: "locator",
    crumbs: Crumbs::Home,
};

#[derive(Serialize)]
struct LocatorPage<'a> {
    districts: Vec<DistrictItem>,
    map: Option<&'a String>,
    legend: Vec<LegendEntry>,
    /// Every place by division, so that the browser's find works without JavaScript.
    places: Vec<PlaceGroup>,
    /// `LocatorWords` as JSON, for the page's script.
    words_json: String,
}

/// The strings the page's script needs to word its answers.
#[derive(Serialize)]
struct LocatorWords {
    /// "{place} ərazisinə {unit} xidmət göstərir.", and its form for a unit with a plural name.
    served: String,
    served_plural: String,
    not_served: String,
    nearest: String,
    /// "düz xətlə {km} km".
    distance: String,
    caveat: String,
    /// Why the straight line misleads from Nakhchivan: it crosses Armenia.
    caveat_armenia: String,
    /// Said before the other ways to apply where the nearest unit is far across a border.
    far_ways: String,
    /// Said before the ways to apply without going to a unit, where none is far.
    remote_ways: String,
    /// What DOST's list has where a division's unit is inferred ("{name} şəhəri yox, …").
    inferred_city: String,
    inferred_district: String,
    other_ways: String,
    none: String,
    suggest: String,
    in_baku_district: String,
    in_division: String,
    centre_serves: String,
    baku_unknown: String,
    choose: String,
    also: String,
    /// The same, where no unit serves them: the same nearest unit and distance.
    also_uncovered: String,
    /// The ways to reach a unit other than going there: "name — description".
    channels: Vec<String>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    let maps = r.input.maps;
    let keys = ("locator_title", "locator_lead");
    r.index_page("locator", &LOCATOR, keys, |r, lang| LocatorPage {
        districts: r.districts_sorted(lang),
        map: maps.get(&lang),
        legend: r.legend(lang),
        places: r.places_by_division(lang),
        words_json: script_json(&words(r, lang)),
    })
}

fn words(r: &Renderer, lang: Lang) -> LocatorWords {
    LocatorWords {
        served: r.t(lang, "district_served"),
        served_plural: r.t(lang, "district_served_plural"),
        not_served: r.t(lang, "district_not_served"),
        nearest: r.t(lang, "district_nearest"),
        distance: r.t(lang, "district_distance"),
        caveat: r.t(lang, "district_caveat"),
        caveat_armenia: r.t(lang, "district_caveat_armenia"),
        far_ways: r.t(lang, "district_far_ways"),
        remote_ways: r.t(lang, "district_remote_ways"),
        inferred_city: r.t(lang, "district_inferred_city"),
        inferred_district: r.t(lang, "district_inferred_district"),
        other_ways: r.t(lang, "district_other_ways"),
        none: r.t(lang, "locator_none"),
        suggest: r.t(lang, "locator_suggest"),
        in_baku_district: r.t(lang, "locate_in_baku_district"),
        in_division: r.t(lang, "locate_in_division"),
        centre_serves: r.t(lang, "locate_centre_serves"),
        baku_unknown: r.t(lang, "locate_baku_unknown"),
        choose: r.t(lang, "locate_choose"),
        also: r.t(lang, "locate_also"),
        also_uncovered: r.t(lang, "locate_also_uncovered"),
        channels: r.other_ways(lang),
    }
}
