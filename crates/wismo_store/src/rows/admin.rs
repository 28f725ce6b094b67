//! The admin's rows into values, shared by both backends.

use wismo_domain::admin::{LinkPurpose, Role, User, UserId};
use wismo_domain::{Email, OrderId, OrderNumber, RequestId, StoreId};

use super::{Columns, Reader};
use crate::Result;
use crate::admin::{AttentionKind, AttentionRow, FoundOrder, HandledNote, Link, Session};

/// The columns [`user`] reads, of `admin_users`.
macro_rules! user_columns {
    () => {
        "id, store_id, email, role, created_at, password_hash"
    };
}
/// [`user_columns`] of `admin_users` joined as `u`.
macro_rules! joined_user_columns {
    () => {
        "u.id, u.store_id, u.email, u.role, u.created_at, u.password_hash"
    };
}
pub(crate) use {joined_user_columns, user_columns};

pub(crate) fn user(row: &impl Columns) -> Result<User> {
    let r = Reader::new(row, "admin_users");
    Ok(User {
        id: UserId(r.int("id")?),
        store_id: StoreId(r.int("store_id")?),
        email: r.parse("email", Email::parse)?,
        role: r.parse("role", Role::parse)?,
        created_at: r.time("created_at")?,
        has_password: r.opt_text("password_hash")?.is_some(),
    })
}

pub(crate) fn password_hash(row: &impl Columns) -> Result<Option<String>> {
    Reader::new(row, "admin_users").opt_text("password_hash")
}

pub(crate) fn session(row: &impl Columns) -> Result<Session> {
    let r = Reader::new(row, "admin_sessions");
    Ok(Session {
        user: user(row)?,
        csrf: r.text("csrf")?,
        created_at: r.time("session_created_at")?,
        last_seen_at: r.time("last_seen_at")?,
    })
}

/// A link's row, with its user's columns when it names one (`user_id` NULL otherwise).
pub(crate) fn link(row: &impl Columns) -> Result<Link> {
    let r = Reader::new(row, "admin_links");
    let user = match r.opt_int("user_id")? {
        Some(_) => Some(user(row)?),
        None => None,
    };
    Ok(Link {
        purpose: r.parse("purpose", LinkPurpose::parse)?,
        user,
        store: r.opt_int("link_store_id")?.map(StoreId),
        expires_at: r.time("expires_at")?,
    })
}

pub(crate) fn attention_row(row: &impl Columns) -> Result<AttentionRow> {
    let r = Reader::new(row, "attention");
    Ok(AttentionRow {
        kind: r.parse("kind", |s| {
            AttentionKind::parse(s).ok_or_else(|| format!("unknown kind `{s}`"))
        })?,
        order_id: OrderId(r.int("order_id")?),
        order_number: r.parse("order_number", OrderNumber::parse)?,
        since: r.time("since")?,
        detail: r.opt_text("detail")?,
        subject: r.int("subject")?,
    })
}

pub(crate) fn attention_count(row: &impl Columns) -> Result<(AttentionKind, u64)> {
    let r = Reader::new(row, "attention");
    Ok((
        r.parse("kind", |s| {
            AttentionKind::parse(s).ok_or_else(|| format!("unknown kind `{s}`"))
        })?,
        r.narrow("n")?,
    ))
}

pub(crate) fn found_order(row: &impl Columns) -> Result<FoundOrder> {
    let r = Reader::new(row, "orders");
    Ok(FoundOrder {
        id: OrderId(r.int("id")?),
        order_number: r.parse("order_number", OrderNumber::parse)?,
        customer_name: r.opt_text("customer_name")?,
        customer_email: r.opt_text("customer_email")?,
        created_at: r.time("created_at")?,
    })
}

pub(crate) fn handled_note(row: &impl Columns) -> Result<HandledNote> {
    let r = Reader::new(row, "customer_requests");
    Ok(HandledNote {
        request: RequestId(r.int("id")?),
        note: r.opt_text("handled_note")?,
        handled_at: r.opt_time("handled_at")?,
    })
}
