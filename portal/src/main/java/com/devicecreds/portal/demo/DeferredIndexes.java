package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a table's indexes and checks its constraints once after a bulk load instead of once per
 * row, as pg_restore does: in the loading transaction, the indexes, primary and unique keys (that
 * no foreign key refers to) and foreign keys are dropped, and made again from their own catalog
 * definitions after the COPY. DDL is transactional in PostgreSQL, so a failed load leaves the
 * schema exactly as the migrations made it. Other sessions wait for the table meanwhile.
 */
final class DeferredIndexes {

    private final String table;
    private final List<String[]> keys = new ArrayList<>();
    private final List<String> indexes = new ArrayList<>();
    private final List<String[]> foreignKeys = new ArrayList<>();

    private DeferredIndexes(String table) {
        this.table = table;
    }

    static DeferredIndexes drop(Connection c, String table) throws SQLException {
        var deferred = new DeferredIndexes(table);
        try (var s = c.prepareStatement("""
                select conname, pg_get_constraintdef(oid), contype from pg_constraint k
                where conrelid = ?::regclass and contype in ('p', 'u', 'f')
                  and (contype = 'f' or not exists (select 1 from pg_constraint r
                                                    where r.contype = 'f' and r.confrelid = k.conrelid
                                                      and r.conindid = k.conindid))
                order by contype desc""")) {
            s.setString(1, table);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    var key = new String[] {rs.getString(1), rs.getString(2)};
                    ("f".equals(rs.getString(3)) ? deferred.foreignKeys : deferred.keys).add(key);
                }
            }
        }
        try (var s = c.prepareStatement("""
                select pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text from pg_index i
                where i.indrelid = ?::regclass
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)""")) {
            s.setString(1, table);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    // A partitioned table's index is defined ON ONLY the parent; made again, it must cover the partitions.
                    deferred.indexes.add(rs.getString(1).replace(" ON ONLY ", " ON "));
                    Sql.run(c, "drop index " + rs.getString(2));
                }
            }
        }
        for (String[] fk : deferred.foreignKeys) {
            Sql.run(c, "alter table " + table + " drop constraint " + quote(fk[0]));
        }
        for (String[] key : deferred.keys) {
            Sql.run(c, "alter table " + table + " drop constraint " + quote(key[0]));
        }
        return deferred;
    }

    void restore(Connection c) throws SQLException {
        Sql.run(c, "set local maintenance_work_mem = '256MB'");
        for (String[] key : keys) {
            Sql.run(c, "alter table " + table + " add constraint " + quote(key[0]) + " " + key[1]);
        }
        for (String index : indexes) {
            Sql.run(c, index);
        }
        for (String[] fk : foreignKeys) {
            Sql.run(c, "alter table " + table + " add constraint " + quote(fk[0]) + " " + fk[1]);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
