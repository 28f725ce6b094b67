//! The promise at checkout, for the server: what a store's history says about a lane,
//! kept in this process per store, lane and day so that repeated questions (a product
//! page's every view, an import's every row) do not read the database again, and the
//! promise every new order is given when it arrives ([`Promises::stamp`]). The rules are
//! the domain's (`wismo_domain::promise`).

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo_domain::promise::{Lane, LaneHistory};
use wismo_domain::{NewOrder, Promise, StoreId, Tenant};
use wismo_store::Store;
use wismo_store::StoreError;

/// How long a lane's history is kept before it is read again: a new delivery changes a
/// percentile slowly, and a changed cut-off or zone shows within this time.
pub const HISTORY_TTL: Duration = Duration::from_secs(600);

/// Entries kept at most; past this the cache starts again empty rather than growing.
const MAX_ENTRIES: usize = 10_000;

/// How long a store and its widget origins are kept for the public endpoint: a changed
/// setting shows within this time.
pub const STOREFRONT_TTL: Duration = Duration::from_secs(60);

type Key = (StoreId, String, NaiveDate);

/// Values kept with when they were read.
type Kept<K, V> = Arc<Mutex<HashMap<K, (Instant, Arc<V>)>>>;

/// Lanes' histories, shared by the endpoint and the order paths of one process.
#[derive(Clone)]
pub struct Promises {
    store: Arc<dyn Store>,
    cache: Kept<Key, LaneHistory>,
    storefronts: Kept<String, Storefront>,
}

/// A store as its public promise endpoint needs it.
#[derive(Debug)]
pub struct Storefront {
    pub tenant: Tenant,
    /// The sites whose pages may read the promise (the widget's origins).
    pub widget_origins: Vec<String>,
}

impl Storefront {
    /// Whether a page of `origin` may read the answer.
    pub fn allows(&self, origin: &str) -> bool {
        self.widget_origins
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(origin))
    }
}

impl std::fmt::Debug for Promises {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Promises").finish_non_exhaustive()
    }
}

impl Promises {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            cache: Arc::default(),
            storefronts: Arc::default(),
        }
    }

    /// The store at `slug` with its widget origins, from the cache when this process read
    /// it within [`STOREFRONT_TTL`]. An unknown slug is [`StoreError::NotFound`] (and not
    /// kept).
    pub async fn storefront(&self, slug: &str) -> Result<Arc<Storefront>, StoreError> {
        let kept = self.storefronts.lock().ok().and_then(|cache| {
            let (read_at, found) = cache.get(slug)?;
            (read_at.elapsed() < STOREFRONT_TTL).then(|| found.clone())
        });
        if let Some(found) = kept {
            return Ok(found);
        }
        let tenant = self.store.get_store_by_slug(slug).await?;
        let hosts = self.store.store_hosts(tenant.id).await?;
        let found = Arc::new(Storefront {
            tenant,
            widget_origins: hosts.widget_origins,
        });
        if let Ok(mut cache) = self.storefronts.lock() {
            if cache.len() >= MAX_ENTRIES {
                cache.clear();
            }
            cache.insert(slug.to_owned(), (Instant::now(), found.clone()));
        }
        Ok(found)
    }

    /// What the store's history says about `lane`, from the cache when this process read
    /// it within [`HISTORY_TTL`] on the same (UTC) day.
    pub async fn history(
        &self,
        tenant: &Tenant,
        lane: &Lane,
        now: DateTime<Utc>,
    ) -> Result<Arc<LaneHistory>, StoreError> {
        let key = (tenant.id, lane.key(), now.date_naive());
        if let Some(found) = self.cached(&key) {
            return Ok(found);
        }
        let samples = self.store.promise_samples(tenant.id, lane).await?;
        let history = Arc::new(LaneHistory::learn(
            &samples,
            tenant.timezone.tz(),
            tenant.order_cutoff,
        ));
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= MAX_ENTRIES {
                cache.clear();
            }
            cache.insert(key, (Instant::now(), history.clone()));
        }
        Ok(history)
    }

    fn cached(&self, key: &Key) -> Option<Arc<LaneHistory>> {
        let cache = self.cache.lock().ok()?;
        let (read_at, history) = cache.get(key)?;
        (read_at.elapsed() < HISTORY_TTL).then(|| history.clone())
    }

    /// The promise for an order to `lane` placed at `placed_at`.
    pub async fn promise(
        &self,
        tenant: &Tenant,
        lane: &Lane,
        placed_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Promise, StoreError> {
        let history = self.history(tenant, lane, now).await?;
        Ok(history.promise(placed_at, tenant.timezone.tz(), tenant.order_cutoff))
    }

    /// Gives each new order the promise for its placing time (`placed_at`, else `now`)
    /// and destination; an order without a country gets none. Every way an order arrives
    /// (the API, store platforms, CSV imports, the demo) calls this before creating it.
    pub async fn stamp(
        &self,
        store: StoreId,
        orders: &mut [NewOrder],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if orders.is_empty() {
            return Ok(());
        }
        let tenant = self.store.get_store(store).await?;
        for order in orders {
            if let Some(lane) = Lane::of_destination(&order.destination) {
                let placed_at = order.placed_at.unwrap_or(now);
                order.promise = Some(self.promise(&tenant, &lane, placed_at, now).await?);
            }
        }
        Ok(())
    }
}

/// [`Promises::stamp`] for a batch (an import's orders) with a cache of its own, for
/// callers that hold no [`Promises`]: each lane's history is read once.
pub async fn stamp_batch(
    store: &dyn Store,
    tenant: &Tenant,
    orders: &mut [NewOrder],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut lanes: HashMap<String, LaneHistory> = HashMap::new();
    let (tz, cutoff) = (tenant.timezone.tz(), tenant.order_cutoff);
    for order in orders {
        let Some(lane) = Lane::of_destination(&order.destination) else {
            continue;
        };
        let history = match lanes.entry(lane.key()) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let samples = store.promise_samples(tenant.id, &lane).await?;
                slot.insert(LaneHistory::learn(&samples, tz, cutoff))
            }
        };
        order.promise = Some(history.promise(order.placed_at.unwrap_or(now), tz, cutoff));
    }
    Ok(())
}
