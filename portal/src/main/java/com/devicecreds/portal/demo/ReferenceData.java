package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.devicecreds.portal.demo.WorldPlan.Fleet;

/**
 * The small tables of the demo world, inserted row by row (some hundred rows): operators, models,
 * credential types, authorizations, batches and list parts. Keeps the database ids the bulk
 * tables refer to.
 */
final class ReferenceData {

    final short[] operatorIds;
    final int[] modelIds;
    final int[] typeIds;
    /** Per type, the database id of each batch, in the order of {@link History#batches}. */
    final long[][] batchIds;
    /** Per fleet, the database id of each list part (empty when the type needs no list). */
    final long[][] partIds;
    int typeAuthorizations;
    int modelAuthorizations;

    private ReferenceData(WorldPlan plan) {
        operatorIds = new short[plan.operators.size()];
        modelIds = new int[plan.models.size()];
        typeIds = new int[plan.types.size()];
        batchIds = new long[plan.types.size()][];
        partIds = new long[plan.fleets.size()][];
    }

    static ReferenceData insert(Connection c, WorldPlan plan, History history) throws SQLException {
        var ids = new ReferenceData(plan);
        Instant founded = plan.start.minus(Duration.ofDays(400));
        for (int o = 0; o < plan.operators.size(); o++) {
            var op = plan.operators.get(o);
            ids.operatorIds[o] = (short) insert(c, "insert into operator (code, name, created_at) values (?, ?, ?)",
                    op.code(), op.name(), ts(founded.plus(Duration.ofDays(o * 9L))));
        }
        for (int o = 0; o < plan.operators.size(); o++) {
            // One or two people per operator who receive its go-ahead notifications and scheduled reports.
            var op = plan.operators.get(o);
            insert(c, "insert into operator_contact (operator_id, name, email, created_by, created_at) values (?, ?, ?, ?, ?)",
                    ids.operatorIds[o], "Provisioning desk", "provisioning@" + op.code() + ".demo.invalid", "demo",
                    ts(founded.plus(Duration.ofDays(o * 9L))));
            if (o % 2 == 0) {
                insert(c, "insert into operator_contact (operator_id, name, email, created_by, created_at) values (?, ?, ?, ?, ?)",
                        ids.operatorIds[o], "Head of operations", "operations@" + op.code() + ".demo.invalid", "demo",
                        ts(founded.plus(Duration.ofDays(o * 9L))));
            }
        }
        for (int m = 0; m < plan.models.size(); m++) {
            var model = plan.models.get(m);
            ids.modelIds[m] = (int) insert(c, "insert into device_model (manufacturer, name, created_at) values (?, ?, ?)",
                    model.manufacturer(), model.name(), ts(founded));
        }
        for (int t = 0; t < plan.types.size(); t++) {
            var type = plan.types.get(t);
            Short owner = type.owner() == null ? null : ids.operatorIds[plan.operatorIndex(type.owner())];
            ids.typeIds[t] = (int) insert(c, """
                            insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind,
                                binding_mode, redelivery_allowed, id_list_required, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    type.code(), type.name(), type.kind(), owner, type.idKind(), type.bindingMode(), type.redelivery(),
                    type.listRequired(), ts(plan.start.minus(Duration.ofDays(120 - t))));
        }
        ids.insertAuthorizations(c, plan);
        ids.insertBatches(c, plan, history);
        ids.insertListParts(c, plan);
        return ids;
    }

    private void insertAuthorizations(Connection c, WorldPlan plan) throws SQLException {
        Set<List<Integer>> authorized = new HashSet<>();
        Timestamp at = ts(plan.start.minus(Duration.ofDays(45)));
        for (Fleet f : plan.fleets) {
            if (authorized.add(List.of(f.operator(), f.type()))) {
                execute(c, "insert into type_authorization (credential_type_id, operator_id, authorized_at) values (?, ?, ?)",
                        typeIds[f.type()], operatorIds[f.operator()], at);
                typeAuthorizations++;
            }
            int[] models = plan.operatorModels(f.operator());
            for (int slot = f.legacyAuthorized() ? 0 : 1; slot < models.length; slot++) {
                execute(c, """
                                insert into model_authorization (credential_type_id, operator_id, device_model_id, authorized_at)
                                values (?, ?, ?, ?)""",
                        typeIds[f.type()], operatorIds[f.operator()], modelIds[models[slot]], at);
                modelAuthorizations++;
            }
        }
    }

    private void insertBatches(Connection c, WorldPlan plan, History history) throws SQLException {
        for (int t = 0; t < plan.types.size(); t++) {
            var type = plan.types.get(t);
            var batches = history.batches.get(t);
            batchIds[t] = new long[batches.size()];
            for (int b = 0; b < batches.size(); b++) {
                var batch = batches.get(b);
                int year = batch.activatedAt().atOffset(ZoneOffset.UTC).getYear();
                String ref = type.issuedOnline() ? "ONLINE-" + type.payloadPrefix()
                        : "%s-%d-%03d".formatted(type.payloadPrefix(), year, b + 1);
                byte[] manifest = new byte[32];
                new java.util.SplittableRandom(plan.seed + t * 1000L + b).nextBytes(manifest);
                batchIds[t][b] = insert(c, """
                                insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256,
                                    producing_facility, state, submitted_by, submitted_at, activated_at)
                                values (?, ?, ?, ?, ?, 'active', ?, ?, ?)""",
                        ref, typeIds[t], batch.size(), type.issuedOnline() ? null : manifest, type.facility(),
                        type.issuedOnline() ? "system" : (b % 2 == 0 ? "pki.anna" : "pki.ben"),
                        ts(batch.activatedAt().minus(Duration.ofHours(26))), ts(batch.activatedAt()));
            }
        }
    }

    private void insertListParts(Connection c, WorldPlan plan) throws SQLException {
        for (Fleet f : plan.fleets) {
            int[] bounds = plan.partBoundaries(f);
            partIds[f.index()] = new long[f.listParts()];
            String operator = plan.operators.get(f.operator()).code();
            for (int p = 0; p < f.listParts(); p++) {
                Instant received = plan.start.minus(Duration.ofDays(2 + 8L * (f.listParts() - p)));
                partIds[f.index()][p] = insert(c, """
                                insert into authorized_list_part (operator_id, credential_type_id, part_number,
                                    received_at, source_name, entry_count)
                                values (?, ?, ?, ?, ?, ?)""",
                        operatorIds[f.operator()], typeIds[f.type()], p + 1, ts(received),
                        "%s_%s_ids_part%02d.csv".formatted(operator, plan.types.get(f.type()).kind(), p + 1),
                        bounds[p + 1] - bounds[p]);
            }
        }
    }

    private static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (var statement = c.prepareStatement(sql + " returning id")) {
            bind(statement, params);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            bind(statement, params);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else {
                statement.setObject(i + 1, params[i]);
            }
        }
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
