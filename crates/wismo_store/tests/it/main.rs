//! The store conformance suite: every test is written once against `Arc<dyn Store>` and
//! run on SQLite (a fresh temporary file each) and on PostgreSQL (a fresh schema each,
//! when `WISMO_TEST_POSTGRES_URL` is set; with `CI` set, a missing URL fails them).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin_attention;
mod admin_search;
mod attention;
mod endpoints;
mod events;
mod fixtures;
mod habits;
mod harness;
mod job_admin;
mod jobs;
mod leases;
mod migrations;
mod notifications;
mod order_links;
mod orders;
mod pipeline;
mod polling;
mod requests;
mod snapshots;
mod tenants;
mod tracking;
mod transactions;
mod webhooks;

/// Instantiates each listed test as `sqlite::NAME` and `postgres::NAME`, with the
macro_rules! conformance {
    ($($(#[$attr:meta])* $module:ident :: $test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                $(#[$attr])*
                async fn $test() {
                    crate::harness::on_sqlite(crate::$module::$test).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                $(#[$attr])*
                async fn $test() {
                    crate::harness::on_postgres(crate::$module::$test).await;
                }
            )*
        }
    };
}

conformance! {
    admin_attention::attention_pages_follow_each_other_through_ties_within_their_store,
    admin_search::search_finds_names_by_the_start_of_their_words_newest_first_within_the_store,
    attention::parcels_needing_attention_are_listed_exceptions_first_within_their_store,
    endpoints::endpoints_are_created_listed_rotated_and_deleted_within_their_store,
    endpoints::a_milestone_queues_one_webhook_per_subscribed_active_endpoint,
    endpoints::requests_and_failed_notifications_queue_webhooks_for_their_subscribers,
    endpoints::deliveries_are_logged_newest_first_and_a_failing_endpoint_is_disabled,
    endpoints::attempts_recorded_together_keep_each_outcome_and_tell_failures_once,
    notifications::a_milestone_queues_one_email_and_its_job_in_the_same_transaction,
    notifications::moments_within_the_burst_window_become_one_message_about_the_latest,
    notifications::nothing_is_announced_for_a_delivery_long_before_registration,
    notifications::the_daily_cap_skips_routine_moments_but_not_critical_ones,
    notifications::an_opt_out_is_honoured_at_once_and_beats_a_later_orders_consent,
    notifications::an_opt_out_of_an_address_sql_cannot_lower_case_is_honoured,
    notifications::every_attempt_is_logged_and_the_outcome_is_kept,
    notifications::sending_reads_the_message_its_order_its_store_and_the_email_before_it,
    notifications::a_moved_delivery_date_is_told_once_with_the_day_it_was_due_before,
    tenants::a_store_is_created_found_by_id_and_slug_and_listed_oldest_first,
    tenants::a_taken_slug_is_a_conflict_that_names_the_slug,
    tenants::branding_round_trips_through_the_database,
    tenants::a_branding_change_queues_its_jobs_in_its_own_transaction,
    tenants::an_uploaded_logo_is_kept_and_survives_branding_updates,
    tenants::custom_domains_belong_to_one_store_and_origins_are_per_store,
    tenants::an_api_key_authenticates_by_its_hash_and_is_marked_used,
    tenants::a_key_revoked_by_id_no_longer_authenticates,
    tenants::a_key_revoked_by_prefix_no_longer_authenticates_and_revoking_twice_is_fine,
    tenants::a_taken_api_key_prefix_is_a_conflict,
    orders::an_order_with_two_shipments_reads_back_field_for_field,
    orders::a_duplicate_order_number_is_a_conflict_but_another_store_may_use_it,
    orders::an_order_number_is_one_order_whatever_its_case_hash_dashes_or_spaces,
    orders::another_stores_order_and_shipment_are_not_found,
    orders::orders_are_paged_newest_first_without_overlap,
    orders::a_shipment_is_added_and_its_carrier_cleared_by_a_patch,
    order_links::an_order_keeps_the_token_it_was_created_with_and_opens_every_parcel,
    order_links::an_unknown_or_shipments_token_opens_no_order,
    order_links::an_order_token_is_unique_across_stores,
    order_links::a_reissued_order_token_retires_the_old_link_and_only_the_owner_may_reissue,
    events::events_move_the_shipment_through_its_stages,
    events::the_same_events_twice_insert_nothing_the_second_time_and_change_nothing,
    events::duplicate_events_within_one_batch_are_stored_once,
    events::an_older_event_arriving_late_is_folded_in_by_the_rules,
    events::a_late_in_transit_scan_after_delivery_leaves_the_parcel_delivered,
    events::concurrent_recorders_of_one_shipment_lose_no_event,
    events::an_events_original_utc_offset_survives_the_round_trip,
    events::another_stores_shipment_events_are_not_found,
    tracking::the_tracking_view_has_the_order_every_shipment_and_their_events,
    tracking::an_unknown_token_has_no_tracking_view,
    snapshots::a_page_key_says_which_parcel_and_store_and_what_choosing_needs,
    snapshots::a_stored_page_is_served_until_anything_it_shows_changes,
    snapshots::a_reissued_token_retires_the_old_page_and_old_snapshots_do_not_replace_new_ones,
    snapshots::stored_pages_of_parcels_long_finished_are_pruned,
    requests::customer_requests_are_created_and_listed_newest_first,
    requests::a_request_about_another_stores_shipment_is_not_found,
    requests::a_keyed_change_keeps_its_response_in_its_transaction_and_the_first_key_wins,
    requests::every_keyed_change_keeps_the_response_rendered_from_what_it_wrote,
    jobs::a_dedupe_key_queues_one_job_until_it_is_done,
    jobs::jobs_are_claimed_in_due_order_and_only_from_their_queue,
    jobs::two_claimers_never_get_the_same_job,
    jobs::jobs_finished_together_are_each_fenced_by_their_lease,
    job_admin::a_key_queued_once_is_not_queued_again_while_its_finished_job_is_kept,
    job_admin::jobs_are_listed_dead_first_then_by_due_time_and_filtered_by_state,
    job_admin::a_dead_job_is_retried_due_now_with_its_attempts_reset,
    job_admin::a_job_not_running_is_removed_and_a_running_one_is_not,
    job_admin::done_jobs_are_removed_after_their_retention_and_dead_ones_are_kept,
    leases::an_expired_lease_is_reclaimed_and_the_old_lease_can_no_longer_finish,
    leases::a_failed_job_retries_at_its_retry_time_and_dies_after_its_last_attempt,
    leases::a_failed_job_without_a_retry_time_is_dead_at_once,
    leases::extending_a_lease_is_fenced_and_keeps_the_job_from_being_reclaimed,
    leases::a_lease_that_expires_on_the_last_attempt_buries_the_job_and_frees_its_key,
    webhooks::a_webhook_secret_is_kept_per_store_and_provider_and_replaced,
    webhooks::shipments_are_found_by_tracking_number_within_their_store,
    pipeline::each_milestone_is_recorded_once_in_the_order_reached,
    pipeline::a_second_out_for_delivery_after_a_failed_attempt_records_nothing_new,
    pipeline::a_carrier_estimate_becomes_the_estimate_and_outlives_updates_without_one,
    pipeline::without_history_a_shipped_parcel_gets_the_default_estimate,
    pipeline::eight_deliveries_on_a_lane_predict_the_next_parcel_on_it,
    pipeline::a_parcel_past_its_estimate_is_delayed_once_and_a_new_estimate_ends_the_delay,
    pipeline::without_a_customer_time_zone_the_estimates_last_day_ends_in_the_stores,
    pipeline::four_days_in_transit_without_a_scan_are_a_delay,
    pipeline::thirty_silent_days_expire_a_shipment_and_end_its_polling,
    pipeline::the_same_payload_twice_changes_nothing,
    polling::a_new_shipment_is_due_at_once_and_claimed_by_one_worker,
    polling::a_finished_poll_stores_its_events_schedules_the_next_and_releases_the_lease,
    polling::a_late_worker_cannot_finish_a_reclaimed_lease_but_its_events_are_kept,
    polling::failed_polls_back_off_and_a_tracked_poll_resets_the_failures,
    polling::a_delivered_parcel_is_never_polled_again,
    polling::claims_come_soonest_due_first_and_respect_the_limit,
    polling::two_pollers_never_claim_the_same_shipment,
    polling::a_pushed_event_moves_an_unleased_shipments_next_poll_a_day_out,
    polling::a_pushed_event_leaves_a_leased_shipments_schedule_to_its_worker,
    polling::an_update_after_an_expired_lease_reschedules_and_frees_the_shipment,
    habits::carrier_habits_are_learned_from_five_out_for_delivery_leads,
    habits::delivery_times_are_learned_per_lane_and_apart_for_collections,
    polling::a_new_tracking_number_makes_the_shipment_due_now_with_failures_reset,
    polling::a_poll_in_flight_for_the_old_number_cannot_reschedule_a_renumbered_shipment,
}
