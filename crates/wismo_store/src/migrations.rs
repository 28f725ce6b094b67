//! Each backend's migrations, embedded by `build.rs` and run when a store connects. Versions,
//! descriptions and checksums are the ones sqlx's `migrate!` gives the same files, so a
//! database migrated by an earlier build is recognised as is.

use sqlx::SqlSafeStr as _;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;
use std::sync::LazyLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

pub(crate) static SQLITE: LazyLock<Migrator> = LazyLock::new(|| migrator(embedded::SQLITE));
pub(crate) static POSTGRES: LazyLock<Migrator> = LazyLock::new(|| migrator(embedded::POSTGRES));

fn migrator(files: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator {
        migrations: files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    sql.starts_with("-- no-transaction"),
                )
            })
            .collect(),
        ..Migrator::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// What sqlx's `migrate!` recorded for the first migration of each backend (version,
    /// description, SHA-384 of the file, computed apart from sqlx), so databases migrated
    /// by earlier builds keep matching; and every migration in order.
    #[test]
    fn migrations_are_named_and_checksummed_as_sqlx_names_them() {
        for (migrator, sha) in [
            (&*SQLITE, "43cefcec26249e0ccc6b394dae6850f1"),
            (&*POSTGRES, "877e86a73037d3ac2ab036fe20eb21b7"),
        ] {
            assert!(migrator.migrations.len() >= 13);
            let first = &migrator.migrations[0];
            assert_eq!((first.version, &*first.description), (1, "init"));
            assert!(hex(&first.checksum).starts_with(sha));
            assert!(
                migrator
                    .migrations
                    .windows(2)
                    .all(|w| w[0].version < w[1].version)
            );
            assert!(migrator.migrations.iter().all(|m| !m.no_tx));
        }
        let latest = SQLITE.migrations.iter().find(|m| m.version == 14);
        assert_eq!(
            latest.map(|m| &*m.description),
            Some("notification previous date")
        );
    }
}
