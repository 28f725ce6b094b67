//! The admin's search: by order number, email or tracking number exactly, and by the words
//! of the customer's name through the names' index (migration 0031: every word typed but
//! the last whole, the last the start of one), newest first with a cursor, within the
//! store, and never finding an erased name.

use std::sync::Arc;
use wismo_domain::privacy::ErasureRequest;
use wismo_domain::{Email, ManualClock, OrderId};
use wismo_store::Store;

use crate::fixtures::{a_store, new_order};

async fn found(store: &dyn Store, tenant: wismo_domain::StoreId, q: &str) -> Vec<OrderId> {
    store
        .search_orders(tenant, q, None, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect()
}

pub async fn search_finds_names_by_the_start_of_their_words_newest_first_within_the_store(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let mut ids = Vec::new();
    for (i, name) in [
        "Ana Garcia",
        "Anabel Smith",
        "Peter O'Brien",
        "Jane Doe-Smith",
    ]
    .into_iter()
    .enumerate()
    {
        let mut order = new_order(&format!("#{}", 2001 + i), 1);
        order.customer.name = Some(name.into());
        order.customer.email = Some(Email::parse(&format!("c{i}@example.com")).unwrap());
        ids.push(store.create_order(acme.id, &order).await.unwrap().id);
    }
    let mut theirs = new_order("#2001", 1);
    theirs.customer.name = Some("Ana Garcia".into());
    store.create_order(other.id, &theirs).await.unwrap();

    // The start of any word, any case; newest first; each order once.
    assert_eq!(found(&*store, acme.id, "ana").await, vec![ids[1], ids[0]]);
    assert_eq!(found(&*store, acme.id, "GAR").await, vec![ids[0]]);
    assert_eq!(found(&*store, acme.id, "smi").await, vec![ids[3], ids[1]]);
    assert_eq!(found(&*store, acme.id, "brien").await, vec![ids[2]]);
    // Typed words: every one but the last whole, the last the start of one.
    assert_eq!(found(&*store, acme.id, "ana gar").await, vec![ids[0]]);
    assert_eq!(found(&*store, acme.id, "garcia an").await, vec![ids[0]]);
    assert!(found(&*store, acme.id, "an garcia").await.is_empty());
    assert_eq!(found(&*store, acme.id, "jane doe smi").await, vec![ids[3]]);
    // Not the middle of a word, and one letter alone is not looked for in names.
    assert!(found(&*store, acme.id, "arcia").await.is_empty());
    assert!(found(&*store, acme.id, "a").await.is_empty());
    // Characters a full-text query would read as syntax are only separators.
    assert_eq!(
        found(&*store, acme.id, "\"ana\" * -gar:").await,
        vec![ids[0]]
    );
    // The order number and the name together: each order once, newest first.
    assert_eq!(found(&*store, acme.id, "#2004").await, vec![ids[3]]);
    // A page before an order.
    let older = store
        .search_orders(acme.id, "ana", Some(ids[1]), 50)
        .await
        .unwrap();
    assert_eq!(older.iter().map(|o| o.id).collect::<Vec<_>>(), vec![ids[0]]);
    let one = store.search_orders(acme.id, "smi", None, 1).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, ids[3]);

    // Erasing a customer takes their name out of the index at once.
    store
        .erase_customer(
            acme.id,
            &ErasureRequest {
                email: Some(Email::parse("c0@example.com").unwrap()),
                phone: None,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(found(&*store, acme.id, "ana").await, vec![ids[1]]);
    assert!(found(&*store, acme.id, "garcia").await.is_empty());
    // The other store's Ana Garcia is still theirs.
    assert_eq!(found(&*store, other.id, "garcia").await.len(), 1);
}
