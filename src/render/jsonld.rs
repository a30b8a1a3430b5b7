//! schema.org data for `<script type="application/ld+json">`: the service and agency pages.
//! Written out through `shell::script_json`, which sorts the keys.

use serde::Serialize;

pub(super) const CONTEXT: &str = "https://schema.org";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct GovernmentService {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub identifier: String,
    pub name: String,
    pub description: String,
    pub url: String,
    pub in_language: &'static str,
    pub service_type: Option<String>,
    pub audience: Vec<Audience>,
    pub service_operator: Option<Organization>,
    pub available_channel: Vec<ServiceChannel>,
    pub area_served: Country,
}

/// An agency: the page's subject (with `@context` and a description) or a service's operator.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Organization {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    pub context: Option<&'static str>,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub identifier: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_language: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_served: Option<Country>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Audience {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub audience_type: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ServiceChannel {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_phone: Option<ContactPoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ContactPoint {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub telephone: String,
    pub contact_type: String,
}

#[derive(Serialize)]
pub(super) struct Country {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
}

impl Country {
    pub fn new(name: String) -> Self {
        Country {
            kind: "Country",
            name,
        }
    }
}
