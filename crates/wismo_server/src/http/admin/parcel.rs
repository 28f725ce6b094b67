//! An order's parcels by hand, from its page: a scan entered for a courier without an API
//! (through the ingest seam, as the API's `POST /api/v1/shipments/{id}/events`, so the
//! stage, estimate and messages follow as for a carrier's scan), and a corrected tracking
//! number or carrier (as the API's `PATCH /api/v1/shipments/{id}`: the same checks, and
//! polling starts again for the corrected number). A parcel of another order, or of
//! another store, is 404.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{NaiveDateTime, TimeZone as _};
use serde::Deserialize;
use wismo_domain::{
    EventSource, EventWindow, ManualEventInput, NewEvent, OrderId, Shipment, ShipmentId,
    ShipmentPatch, ShipmentPatchInput, Stage, StoreId, TrackingUpdate,
};
use wismo_store::StoreError;

use super::{AdminState, SignedIn, Tr, csrf_refused, see_other};

/// A scan as the order page's form sends it; the time is in the store's time zone.
#[derive(Debug, Deserialize)]
pub struct ScanForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    stage: String,
    /// `YYYY-MM-DDTHH:MM` (a `datetime-local` field); empty is now.
    #[serde(default)]
    occurred_at: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    note: String,
}

/// A correction as the order page's form sends it: an empty field is left as it is.
#[derive(Debug, Deserialize)]
pub struct CorrectForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tracking_number: String,
    #[serde(default)]
    carrier: String,
}

/// The shipment when it is one of order `order`'s in `store`.
async fn parcel_of(
    state: &AdminState,
    store: StoreId,
    order: i64,
    shipment: i64,
) -> Result<Option<Shipment>, StoreError> {
    match state.store.get_shipment(store, ShipmentId(shipment)).await {
        Ok(s) if s.order_id == OrderId(order) => Ok(Some(s)),
        Ok(_) | Err(StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A `datetime-local` value read in the store's time zone, as an instant at that zone's
/// offset then; `None` for an empty one, `Err` for one that is not a time or does not exist
/// there (the hour skipped when clocks go forward). Of an hour that happens twice (clocks
/// going back), the first.
fn local_time(
    value: &str,
    zone: chrono_tz::Tz,
) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>, ()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| ())?;
    let at = zone.from_local_datetime(&local).earliest().ok_or(())?;
    Ok(Some(at.fixed_offset()))
}

/// `POST /admin/orders/{id}/shipments/{shipment}/scans`: records a scan by hand.
pub async fn add_scan(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path((id, shipment)): Path<(i64, i64)>,
    form: Result<Form<ScanForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    let store = signed_in.user.store_id;
    let parcel = match parcel_of(&state, store, id, shipment).await {
        Ok(Some(parcel)) => parcel,
        Ok(None) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let order = match state.store.get_order(store, parcel.order_id).await {
        Ok(order) => order,
        Err(StoreError::NotFound(_)) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let refused = || see_other(&format!("/admin/orders/{id}?done=scan-refused"));
    let Ok(stage) = form.stage.parse::<Stage>() else {
        return refused();
    };
    let zone = match state.store.get_store(store).await {
        Ok(tenant) => tenant.timezone.tz(),
        Err(e) => return super::failed(&tr, &e),
    };
    let Ok(occurred_at) = local_time(&form.occurred_at, zone) else {
        return refused();
    };
    let location = form.location.trim();
    let now = state.clock.now();
    let input = ManualEventInput {
        occurred_at,
        stage,
        substatus: None,
        description: form.note.trim().to_owned(),
        location: (!location.is_empty()).then(|| location.to_owned()),
    };
    let Ok(event) = NewEvent::parse_manual(input, EventWindow::new(order.created_at, now), now)
    else {
        return refused();
    };
    match state
        .ingest
        .update(
            store,
            parcel.id,
            &TrackingUpdate::events(vec![event]),
            EventSource::Manual,
        )
        .await
    {
        Ok(_) => see_other(&format!("/admin/orders/{id}?done=scanned")),
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}

/// `POST /admin/orders/{id}/shipments/{shipment}/correct`: corrects a parcel's tracking
/// number or carrier.
pub async fn correct(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path((id, shipment)): Path<(i64, i64)>,
    form: Result<Form<CorrectForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    let store = signed_in.user.store_id;
    let parcel = match parcel_of(&state, store, id, shipment).await {
        Ok(Some(parcel)) => parcel,
        Ok(None) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let given = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    let input = ShipmentPatchInput {
        tracking_number: given(&form.tracking_number),
        carrier: given(&form.carrier).map(Some),
        service: None,
    };
    if input.tracking_number.is_none() && input.carrier.is_none() {
        return see_other(&format!("/admin/orders/{id}?done=correct-refused"));
    }
    let Ok(patch) = ShipmentPatch::parse(input) else {
        return see_other(&format!("/admin/orders/{id}?done=correct-refused"));
    };
    match state.store.update_shipment(store, parcel.id, &patch).await {
        Ok(_) => see_other(&format!("/admin/orders/{id}?done=corrected")),
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datetime_local_value_is_read_in_the_stores_zone_and_nonsense_is_refused() {
        let berlin = chrono_tz::Europe::Berlin;
        let at = local_time("2026-03-03T11:50", berlin).ok().flatten();
        assert_eq!(
            at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-03-03T11:50:00+01:00")
        );
        let summer = local_time("2026-07-03T11:50:00", berlin).ok().flatten();
        assert_eq!(
            summer.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-07-03T11:50:00+02:00")
        );
        // 02:30 on the morning clocks go forward does not exist in Berlin; on the morning
        // they go back it happens twice, and the first is taken.
        assert_eq!(local_time("2026-03-29T02:30", berlin), Err(()));
        let twice = local_time("2026-10-25T02:30", berlin).ok().flatten();
        assert_eq!(
            twice.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-10-25T02:30:00+02:00")
        );
        assert_eq!(local_time("  ", berlin), Ok(None));
        assert_eq!(local_time("tomorrow", berlin), Err(()));
    }
}
