//! The time zone of a place, when the place alone decides it, for carriers' local times
//! without an offset.
//!
//! Countries are listed only when their whole territory keeps one civil time; US states,
//! Canadian provinces and Australian states only when (nearly) all their people do, so
//! Texas (El Paso), Florida (the panhandle), Indiana, Kentucky, Tennessee, Idaho, Nebraska
//! and the Dakotas stay unknown rather than guessed.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{Africa, America, Asia, Atlantic, Australia, Europe, Pacific, Tz};

/// The zone of a place from its ISO country code and, for countries with several zones,
/// its state or province code.
pub(crate) fn zone(country: Option<&str>, region: Option<&str>) -> Option<Tz> {
    let country = country?.trim().to_ascii_uppercase();
    let region = region.map(|r| r.trim().to_ascii_uppercase());
    match country.as_str() {
        "US" => us_state(region.as_deref()?),
        "CA" => ca_province(region.as_deref()?),
        "AU" => au_state(region.as_deref()?),
        "PR" => Some(America::Puerto_Rico),
        other => single_zone_country(other),
    }
}

/// The offset a zone had at a local wall-clock time: the earlier one when the clocks went
/// back, the one before the jump when they went forward.
pub(crate) fn localize(local: NaiveDateTime, tz: Tz) -> DateTime<FixedOffset> {
    let offset = match tz.offset_from_local_datetime(&local).earliest() {
        Some(offset) => offset.fix(),
        None => tz.offset_from_utc_datetime(&local).fix(),
    };
    offset
        .from_local_datetime(&local)
        .earliest()
        .unwrap_or_else(|| local.and_utc().fixed_offset())
}

fn single_zone_country(code: &str) -> Option<Tz> {
    Some(match code {
        "AD" => Europe::Andorra,
        "AE" => Asia::Dubai,
        "AL" => Europe::Tirane,
        "AR" => America::Argentina::Buenos_Aires,
        "AT" => Europe::Vienna,
        "BA" => Europe::Sarajevo,
        "BD" => Asia::Dhaka,
        "BE" => Europe::Brussels,
        "BG" => Europe::Sofia,
        "BH" => Asia::Bahrain,
        "BY" => Europe::Minsk,
        "CH" => Europe::Zurich,
        "CN" => Asia::Shanghai,
        "CO" => America::Bogota,
        "CR" => America::Costa_Rica,
        "CY" => Asia::Nicosia,
        "CZ" => Europe::Prague,
        "DE" => Europe::Berlin,
        "DK" => Europe::Copenhagen,
        "DO" => America::Santo_Domingo,
        "EE" => Europe::Tallinn,
        "EG" => Africa::Cairo,
        "FI" => Europe::Helsinki,
        "FR" => Europe::Paris,
        "GB" | "UK" => Europe::London,
        "GR" => Europe::Athens,
        "GT" => America::Guatemala,
        "GU" => Pacific::Guam,
        "HK" => Asia::Hong_Kong,
        "HN" => America::Tegucigalpa,
        "HR" => Europe::Zagreb,
        "HU" => Europe::Budapest,
        "IE" => Europe::Dublin,
        "IL" => Asia::Jerusalem,
        "IN" => Asia::Kolkata,
        "IS" => Atlantic::Reykjavik,
        "IT" => Europe::Rome,
        "JM" => America::Jamaica,
        "JO" => Asia::Amman,
        "JP" => Asia::Tokyo,
        "KE" => Africa::Nairobi,
        "KR" => Asia::Seoul,
        "KW" => Asia::Kuwait,
        "LB" => Asia::Beirut,
        "LI" => Europe::Vaduz,
        "LK" => Asia::Colombo,
        "LT" => Europe::Vilnius,
        "LU" => Europe::Luxembourg,
        "LV" => Europe::Riga,
        "MA" => Africa::Casablanca,
        "MC" => Europe::Monaco,
        "MD" => Europe::Chisinau,
        "ME" => Europe::Podgorica,
        "MK" => Europe::Skopje,
        "MO" => Asia::Macau,
        "MT" => Europe::Malta,
        "NG" => Africa::Lagos,
        "NI" => America::Managua,
        "NL" => Europe::Amsterdam,
        "NO" => Europe::Oslo,
        "NP" => Asia::Kathmandu,
        "OM" => Asia::Muscat,
        "PA" => America::Panama,
        "PE" => America::Lima,
        "PH" => Asia::Manila,
        "PK" => Asia::Karachi,
        "PL" => Europe::Warsaw,
        "QA" => Asia::Qatar,
        "RO" => Europe::Bucharest,
        "RS" => Europe::Belgrade,
        "SA" => Asia::Riyadh,
        "SE" => Europe::Stockholm,
        "SG" => Asia::Singapore,
        "SI" => Europe::Ljubljana,
        "SK" => Europe::Bratislava,
        "SM" => Europe::San_Marino,
        "SV" => America::El_Salvador,
        "TH" => Asia::Bangkok,
        "TR" => Europe::Istanbul,
        "TW" => Asia::Taipei,
        "UY" => America::Montevideo,
        "VA" => Europe::Vatican,
        "VE" => America::Caracas,
        "VN" => Asia::Ho_Chi_Minh,
        "ZA" => Africa::Johannesburg,
        _ => return None,
    })
}

fn us_state(state: &str) -> Option<Tz> {
    Some(match state {
        "CT" | "DC" | "DE" | "GA" | "MA" | "MD" | "ME" | "NC" | "NH" | "NJ" | "NY" | "OH"
        | "PA" | "RI" | "SC" | "VA" | "VT" | "WV" => America::New_York,
        "MI" => America::Detroit,
        "AL" | "AR" | "IA" | "IL" | "KS" | "LA" | "MN" | "MO" | "MS" | "OK" | "WI" => {
            America::Chicago
        }
        "CO" | "MT" | "NM" | "UT" | "WY" => America::Denver,
        "AZ" => America::Phoenix,
        "CA" | "NV" | "OR" | "WA" => America::Los_Angeles,
        "AK" => America::Anchorage,
        "HI" => Pacific::Honolulu,
        "PR" => America::Puerto_Rico,
        "GU" => Pacific::Guam,
        _ => return None,
    })
}

fn ca_province(province: &str) -> Option<Tz> {
    Some(match province {
        "AB" => America::Edmonton,
        "MB" => America::Winnipeg,
        "NB" => America::Moncton,
        "NS" | "PE" => America::Halifax,
        "YT" => America::Whitehorse,
        _ => return None,
    })
}

fn au_state(state: &str) -> Option<Tz> {
    Some(match state {
        "ACT" => Australia::Sydney,
        "NT" => Australia::Darwin,
        "QLD" => Australia::Brisbane,
        "SA" => Australia::Adelaide,
        "TAS" => Australia::Hobart,
        "VIC" => Australia::Melbourne,
        "WA" => Australia::Perth,
        _ => return None,
    })
}
