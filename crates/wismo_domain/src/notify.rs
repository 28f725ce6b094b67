//! Notifications: which message a recorded moment causes, on which channel, and when.
//!
//! The pipeline asks [`decide`] in the same transaction that records a milestone, with the
//! facts it has read (the store's policy, the customer's consent, the messages still open
//! in their burst window, what was sent today); the store writes the answer. Nothing here
//! does IO or reads a clock.

use chrono::{DateTime, Duration, NaiveTime, TimeZone as _, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::{CountryCode, Milestone, ParseError};

/// How a message reaches someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Whatsapp,
    Voice,
    /// The merchant's own endpoints (Standard Webhooks).
    Webhook,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Email,
        Channel::Sms,
        Channel::Whatsapp,
        Channel::Voice,
        Channel::Webhook,
    ];
    /// The channels that reach a customer.
    pub const CUSTOMER: [Channel; 4] = [
        Channel::Email,
        Channel::Sms,
        Channel::Whatsapp,
        Channel::Voice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
            Channel::Voice => "voice",
            Channel::Webhook => "webhook",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown channel `{s}`")))
    }

    /// Whether it interrupts (a phone buzzing, ringing): those wait for the end of quiet
    /// hours.
    pub fn interrupts(self) -> bool {
        matches!(self, Channel::Sms | Channel::Whatsapp | Channel::Voice)
    }
}

/// What a message is about: a milestone the pipeline recorded, or one of the moments that
/// are not milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Moment {
    Milestone(Milestone),
    /// The delivery date moved by a day or more.
    DeliveryDateChanged,
    /// The order was placed (sent when orders come in from the store's platform).
    OrderConfirmed,
    /// The order has not shipped when it should have.
    FulfillmentStalled,
    /// The order's private link, sent because the merchant asked (never by the policy: it
    /// is in no list of moments a store subscribes to).
    TrackingLink,
    /// The merchant's answer to a customer's request (the note written when handling it),
    /// sent because the merchant asked, like [`Moment::TrackingLink`].
    RequestAnswered,
}

impl Moment {
    pub const OTHERS: [Moment; 3] = [
        Moment::DeliveryDateChanged,
        Moment::OrderConfirmed,
        Moment::FulfillmentStalled,
    ];

    /// The moments of messages the merchant sends by hand, which no policy lists.
    pub const BY_HAND: [Moment; 2] = [Moment::TrackingLink, Moment::RequestAnswered];

    /// Every moment, milestones first.
    pub fn all() -> impl Iterator<Item = Moment> {
        Milestone::ALL
            .into_iter()
            .map(Moment::Milestone)
            .chain(Self::OTHERS)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Moment::Milestone(m) => m.as_str(),
            Moment::DeliveryDateChanged => "delivery_date_changed",
            Moment::OrderConfirmed => "order_confirmed",
            Moment::FulfillmentStalled => "fulfillment_stalled",
            Moment::TrackingLink => "tracking_link",
            Moment::RequestAnswered => "request_answered",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::all()
            .chain(Self::BY_HAND)
            .find(|m| m.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown moment `{s}`")))
    }

    /// Moments the customer must act on or must know at once: never capped.
    pub fn is_critical(self) -> bool {
        matches!(
            self,
            Moment::Milestone(Milestone::ActionRequired | Milestone::Exception)
        )
    }
}

impl Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Moment::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Where a notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationStatus {
    /// Waiting for its time (the burst window, quiet hours) or for a dispatcher.
    Queued,
    /// The provider accepted it.
    Sent,
    /// The provider reported it delivered.
    Delivered,
    /// Failed for good.
    Failed,
    /// Decided against, with the reason recorded.
    Skipped,
}

impl NotificationStatus {
    pub const ALL: [NotificationStatus; 5] = [
        NotificationStatus::Queued,
        NotificationStatus::Sent,
        NotificationStatus::Delivered,
        NotificationStatus::Failed,
        NotificationStatus::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationStatus::Queued => "queued",
            NotificationStatus::Sent => "sent",
            NotificationStatus::Delivered => "delivered",
            NotificationStatus::Failed => "failed",
            NotificationStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown notification status `{s}`")))
    }
}

/// Why a notification was recorded as skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The order and recipient had their day's messages already.
    DailyCap,
    /// An out-for-delivery message that quiet hours would hold until the day is over.
    DayOver,
    /// The customer opted out after it was queued.
    OptedOut,
    /// The state it was about had passed when its time came.
    Superseded,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::DailyCap => "daily_cap",
            SkipReason::DayOver => "day_over",
            SkipReason::OptedOut => "opted_out",
            SkipReason::Superseded => "superseded",
        }
    }
}

/// What the customer agreed to be told by, per channel. Transactional email is on unless
/// the customer or store says otherwise; the others need the customer's yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    pub email: bool,
    pub sms: bool,
    pub whatsapp: bool,
    pub voice: bool,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            email: true,
            sms: false,
            whatsapp: false,
            voice: false,
        }
    }
}

impl Consent {
    /// Whether `channel` may reach the customer. Webhooks go to the merchant: always.
    pub fn allows(&self, channel: Channel) -> bool {
        match channel {
            Channel::Email => self.email,
            Channel::Sms => self.sms,
            Channel::Whatsapp => self.whatsapp,
            Channel::Voice => self.voice,
            Channel::Webhook => true,
        }
    }

    /// The consent with `channels` switched off (an opt-out).
    pub fn without(mut self, channels: &[Channel]) -> Self {
        for c in channels {
            match c {
                Channel::Email => self.email = false,
                Channel::Sms => self.sms = false,
                Channel::Whatsapp => self.whatsapp = false,
                Channel::Voice => self.voice = false,
                Channel::Webhook => {}
            }
        }
        self
    }
}

/// Local hours in which interruptive channels stay silent: from `start` to `end`, across
/// midnight when `start` is later than `end`. Messages due in them wait for `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
}

impl Default for QuietHours {
    /// 21:00 to 08:00, the window peers and regulators use for texts.
    fn default() -> Self {
        QuietHours {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl QuietHours {
    fn contains(&self, t: NaiveTime) -> bool {
        if self.start == self.end {
            false
        } else if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// When a message due `at` may go out in `tz`: `at` itself outside quiet hours, else
    /// the next local `end`.
    pub fn release(&self, at: DateTime<Utc>, tz: chrono_tz::Tz) -> DateTime<Utc> {
        let local = at.with_timezone(&tz);
        if !self.contains(local.time()) {
            return at;
        }
        let mut day = local.date_naive();
        if local.time() >= self.end {
            day = day.succ_opt().unwrap_or(day);
        }
        // The first instant at or after `end` that day exists (a gap moves it later).
        let mut candidate = day.and_time(self.end);
        for _ in 0..4 {
            if let Some(t) = tz.from_local_datetime(&candidate).earliest() {
                return t.with_timezone(&Utc).max(at);
            }
            candidate += Duration::minutes(30);
        }
        at
    }
}

mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        NaiveTime::parse_from_str(&s, "%H:%M")
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a time as HH:MM")))
    }
}

/// The most messages one order sends one recipient in 24 hours, critical moments aside.
pub const DEFAULT_DAILY_CAP: u32 = 4;
/// The most a store may set.
pub const MAX_DAILY_CAP: u32 = 50;
/// The longest burst window a store may set: an hour.
pub const MAX_BURST_SECS: u32 = 3600;

/// A store's notification policy. Its defaults are what a merchant never has to touch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotifyPolicy {
    /// Which moments each channel tells.
    pub channels: BTreeMap<Channel, BTreeSet<Moment>>,
    /// Channels the store switched off, whatever the customer agreed to.
    pub off: BTreeSet<Channel>,
    pub quiet_hours: QuietHours,
    /// Whether email waits for quiet hours too (off: email does not interrupt).
    pub quiet_email: bool,
    pub daily_cap: u32,
    /// The store's own burst window; `None` takes the server's.
    pub burst_secs: Option<u32>,
    /// A daily email to the store listing shipments that need attention.
    pub digest: bool,
    /// The store's own words, per moment and built-in language (`en`, `de`, …).
    pub words: BTreeMap<Moment, BTreeMap<String, Words>>,
    /// Whether orders from Shopify and WooCommerce are confirmed too (off: those platforms
    /// send their own confirmation).
    pub confirm_platform_orders: bool,
    /// Business days an order may wait for its first parcel before it is raised as
    /// stalled (`fulfillment_stalled`).
    pub stall_days: u32,
}

/// A store's own subject and opening sentence for one moment in one language, with
/// placeholders such as `{first_name}`; either replaces wismo's own. Plain text, never HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Words {
    pub subject: Option<String>,
    pub opening: Option<String>,
}

impl Default for NotifyPolicy {
    fn default() -> Self {
        use Milestone::*;
        let m = |ms: &[Milestone]| -> BTreeSet<Moment> {
            ms.iter().copied().map(Moment::Milestone).collect()
        };
        let mut email = m(&[
            Shipped,
            OutForDelivery,
            Delivered,
            Delayed,
            ActionRequired,
            Exception,
            AvailableForPickup,
            Returned,
        ]);
        email.insert(Moment::DeliveryDateChanged);
        email.insert(Moment::OrderConfirmed);
        let texts = m(&[
            OutForDelivery,
            Delivered,
            ActionRequired,
            AvailableForPickup,
        ]);
        let mut channels = BTreeMap::new();
        channels.insert(Channel::Email, email);
        channels.insert(Channel::Sms, texts.clone());
        channels.insert(Channel::Whatsapp, texts);
        channels.insert(Channel::Voice, m(&[ActionRequired]));
        channels.insert(Channel::Webhook, Moment::all().collect());
        NotifyPolicy {
            channels,
            off: BTreeSet::new(),
            quiet_hours: QuietHours::default(),
            quiet_email: false,
            daily_cap: DEFAULT_DAILY_CAP,
            burst_secs: None,
            digest: false,
            words: BTreeMap::new(),
            confirm_platform_orders: false,
            stall_days: crate::fulfilment::DEFAULT_STALL_DAYS,
        }
    }
}

impl NotifyPolicy {
    /// Whether the store tells `moment` on `channel`.
    pub fn tells(&self, channel: Channel, moment: Moment) -> bool {
        !self.off.contains(&channel)
            && self
                .channels
                .get(&channel)
                .is_some_and(|moments| moments.contains(&moment))
    }

    /// The store's own words for `moment` in the built-in language `lang`, if it wrote any.
    pub fn words(&self, moment: Moment, lang: &str) -> Option<&Words> {
        self.words
            .get(&moment)
            .and_then(|by_lang| by_lang.get(lang))
    }

    /// The burst window in force: the store's, else the server's.
    pub fn burst(&self, server_default: u32) -> Duration {
        Duration::seconds(i64::from(self.burst_secs.unwrap_or(server_default)))
    }

    /// Whether quiet hours hold `channel`.
    pub fn quiet_for(&self, channel: Channel) -> bool {
        channel.interrupts() || (channel == Channel::Email && self.quiet_email)
    }

    /// Checks a policy a merchant sent: a cap of 1 to [`MAX_DAILY_CAP`], a burst window of
    /// at most [`MAX_BURST_SECS`].
    pub fn check(&self) -> Result<(), crate::FieldErrors> {
        let mut checks = crate::fields::Checks::default();
        if !(1..=MAX_DAILY_CAP).contains(&self.daily_cap) {
            checks.fail("daily_cap", format!("must be 1 to {MAX_DAILY_CAP}"));
        }
        if self.burst_secs.is_some_and(|s| s > MAX_BURST_SECS) {
            checks.fail("burst_secs", format!("must be 0 to {MAX_BURST_SECS}"));
        }
        let most = crate::fulfilment::MAX_STALL_DAYS;
        if !(1..=most).contains(&self.stall_days) {
            checks.fail("stall_days", format!("must be 1 to {most}"));
        }
        checks.finish()
    }
}

/// The zone a customer lives by: theirs if given, else the destination country's when it
/// has one zone, else the store's.
pub fn recipient_zone(
    customer: Option<chrono_tz::Tz>,
    country: Option<&CountryCode>,
    store: chrono_tz::Tz,
) -> chrono_tz::Tz {
    customer
        .or_else(|| country.and_then(|c| single_zone(c.as_str())))
        .unwrap_or(store)
}

/// The zone of a country that has just one (mainland) zone, for the countries wismo's
/// customers most often ship to.
fn single_zone(country: &str) -> Option<chrono_tz::Tz> {
    use chrono_tz::Tz;
    Some(match country {
        "GB" => Tz::Europe__London,
        "IE" => Tz::Europe__Dublin,
        "FR" => Tz::Europe__Paris,
        "DE" => Tz::Europe__Berlin,
        "ES" => Tz::Europe__Madrid,
        "IT" => Tz::Europe__Rome,
        "NL" => Tz::Europe__Amsterdam,
        "BE" => Tz::Europe__Brussels,
        "LU" => Tz::Europe__Luxembourg,
        "AT" => Tz::Europe__Vienna,
        "CH" => Tz::Europe__Zurich,
        "DK" => Tz::Europe__Copenhagen,
        "SE" => Tz::Europe__Stockholm,
        "NO" => Tz::Europe__Oslo,
        "FI" => Tz::Europe__Helsinki,
        "PL" => Tz::Europe__Warsaw,
        "CZ" => Tz::Europe__Prague,
        "GR" => Tz::Europe__Athens,
        "HU" => Tz::Europe__Budapest,
        "RO" => Tz::Europe__Bucharest,
        "JP" => Tz::Asia__Tokyo,
        "KR" => Tz::Asia__Seoul,
        "CN" => Tz::Asia__Shanghai,
        "HK" => Tz::Asia__Hong_Kong,
        "SG" => Tz::Asia__Singapore,
        "IN" => Tz::Asia__Kolkata,
        "IL" => Tz::Asia__Jerusalem,
        "AE" => Tz::Asia__Dubai,
        "ZA" => Tz::Africa__Johannesburg,
        "NZ" => Tz::Pacific__Auckland,
        _ => return None,
    })
}

/// A message still waiting out its burst window, which a newer moment joins.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenMessage {
    pub id: i64,
    pub channel: Channel,
    pub moment: Moment,
    /// The end of its burst window, fixed when it was queued.
    pub burst_until: DateTime<Utc>,
}

/// What [`decide`] reads.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub policy: &'a NotifyPolicy,
    /// The server's burst window, for a store without its own.
    pub server_burst_secs: u32,
    /// The customer's consent as it stands after any opt-out.
    pub consent: Consent,
    /// The channels the customer can be reached on (an email address, a phone number).
    pub reachable: &'a [Channel],
    pub tz: chrono_tz::Tz,
    pub now: DateTime<Utc>,
    /// When wismo learnt of the shipment.
    pub registered_at: DateTime<Utc>,
    /// The moments this transaction recorded, in the order they were reached.
    pub moments: &'a [(Moment, DateTime<Utc>)],
    /// The order's messages still in their burst window.
    pub open: &'a [OpenMessage],
    /// Per channel, the order's messages to this recipient in the last 24 hours that were
    /// not skipped and not critical.
    pub sent_today: &'a BTreeMap<Channel, u32>,
}

/// What to write for one channel.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// A new message, queued to go at `send_at` (the end of its burst window, or of quiet
    /// hours), or recorded as skipped.
    New {
        channel: Channel,
        moment: Moment,
        send_at: DateTime<Utc>,
        /// Later moments up to here join it.
        burst_until: DateTime<Utc>,
        skipped: Option<SkipReason>,
    },
    /// An open message now about `moment`, the latest state.
    Join {
        id: i64,
        channel: Channel,
        moment: Moment,
    },
}

/// An order placed longer ago than this when it reached wismo is not confirmed.
pub const STALE_ORDER: Duration = Duration::hours(24);

/// Whether a new order is confirmed to its customer: never an imported one or one placed
/// more than [`STALE_ORDER`] before it arrived; one from Shopify or WooCommerce only if the
/// store asks (their platforms confirm orders themselves).
pub fn confirms(
    policy: &NotifyPolicy,
    source: crate::OrderSource,
    placed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let wanted = match source {
        crate::OrderSource::Import => false,
        s if s.platform_confirms() => policy.confirm_platform_orders,
        _ => true,
    };
    wanted && placed_at.is_none_or(|at| at >= now - STALE_ORDER)
}

/// A delivery older than this when wismo learnt of the parcel is not announced.
pub const STALE_DELIVERY: Duration = Duration::hours(24);

/// The messages the recorded moments cause: per channel at most one, about the latest
/// moment it tells, so several moments recorded together (a parcel registered in transit
/// has also shipped) or within a burst window become one message about where things stand.
pub fn decide(facts: &Facts<'_>) -> Vec<Decision> {
    let mut decisions = Vec::new();
    let moments: Vec<(Moment, DateTime<Utc>)> = facts
        .moments
        .iter()
        .copied()
        .filter(|(moment, at)| {
            // Never "delivered" for a parcel delivered long before wismo knew of it.
            !(*moment == Moment::Milestone(Milestone::Delivered)
                && *at < facts.registered_at - STALE_DELIVERY)
        })
        .collect();
    for channel in Channel::ALL {
        if !facts.consent.allows(channel)
            || (channel != Channel::Webhook && !facts.reachable.contains(&channel))
        {
            continue;
        }
        let Some(&(moment, _)) = moments
            .iter()
            .rev()
            .find(|(m, _)| facts.policy.tells(channel, *m))
        else {
            continue;
        };
        if channel == Channel::Webhook {
            // The merchant's systems hear every moment as it happens, unbatched.
            decisions.push(Decision::New {
                channel,
                moment,
                send_at: facts.now,
                burst_until: facts.now,
                skipped: None,
            });
            continue;
        }
        if let Some(open) = facts
            .open
            .iter()
            .find(|o| o.channel == channel && o.burst_until > facts.now)
        {
            decisions.push(Decision::Join {
                id: open.id,
                channel,
                moment: later(open.moment, moment),
            });
            continue;
        }
        let burst_until = facts.now + facts.policy.burst(facts.server_burst_secs);
        let capped = !moment.is_critical()
            && facts.sent_today.get(&channel).copied().unwrap_or(0) >= facts.policy.daily_cap;
        let mut send_at = burst_until;
        let mut skipped = capped.then_some(SkipReason::DailyCap);
        if facts.policy.quiet_for(channel) {
            send_at = facts.policy.quiet_hours.release(burst_until, facts.tz);
            let day = |t: DateTime<Utc>| t.with_timezone(&facts.tz).date_naive();
            if skipped.is_none()
                && moment == Moment::Milestone(Milestone::OutForDelivery)
                && day(send_at) != day(facts.now)
            {
                skipped = Some(SkipReason::DayOver);
            }
        }
        decisions.push(Decision::New {
            channel,
            moment,
            send_at,
            burst_until,
            skipped,
        });
    }
    decisions
}

/// Of an open message's moment and a newer one, what the message should be about: the
/// newer, unless the open one is critical and the newer is not (a problem the customer
/// must act on is not hidden by a later routine scan).
fn later(open: Moment, newer: Moment) -> Moment {
    if open.is_critical() && !newer.is_critical() {
        open
    } else {
        newer
    }
}

/// The moments one run of the pipeline records, in the order they happened: the
/// milestones it recorded, after a delivery date that moved by a day or more when no such
/// message went today and the parcel is still on its way.
pub fn moments(
    ctx: &crate::engine::Context,
    plan: &crate::engine::Plan,
    recorded: &[Milestone],
    date_told_today: bool,
    now: DateTime<Utc>,
) -> Vec<(Moment, DateTime<Utc>)> {
    let mut moments = Vec::with_capacity(recorded.len() + 1);
    let before = ctx.shipment.estimate.as_ref().map(|e| e.until);
    let after = plan.estimate.as_ref().map(|e| e.until);
    if !date_told_today && !plan.stage.is_terminal() && date_moved(before, after) {
        moments.push((Moment::DeliveryDateChanged, now));
    }
    for (milestone, at) in &plan.milestones {
        if recorded.contains(milestone) {
            moments.push((Moment::Milestone(*milestone), *at));
        }
    }
    moments
}

/// Whether a delivery estimate moved enough to tell the customer: by a day or more.
pub fn date_moved(before: Option<chrono::NaiveDate>, after: Option<chrono::NaiveDate>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => (a - b).num_days().abs() >= 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
