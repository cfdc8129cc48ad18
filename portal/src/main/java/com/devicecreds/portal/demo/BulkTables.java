package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;

import com.devicecreds.portal.demo.WorldPlan.Fleet;

/**
 * The three big tables of the demo world, each streamed with COPY on a connection of its own:
 * credentials (with their bindings), authorized device lists, and provisioning events.
 * Credential and event ids are given, not drawn from the sequences, because events refer to
 * credentials; the seeder moves the sequences past them afterwards.
 */
final class BulkTables {

    private final WorldPlan plan;
    private final History history;
    private final ReferenceData ids;
    /** Database id of the first credential of each type; a type's credentials are consecutive. */
    private final long[] credentialBase;

    BulkTables(WorldPlan plan, History history, ReferenceData ids, long firstCredentialId) {
        this.plan = plan;
        this.history = history;
        this.ids = ids;
        this.credentialBase = new long[plan.types.size()];
        long next = firstCredentialId;
        for (int t = 0; t < plan.types.size(); t++) {
            credentialBase[t] = next;
            next += history.credentialCount(t);
        }
    }

    long credentialCount() {
        long n = 0;
        for (int t = 0; t < plan.types.size(); t++) {
            n += history.credentialCount(t);
        }
        return n;
    }

    long copyCredentials(Connection c) throws SQLException {
        try (var out = new CopyStream(c, "credential", "id, credential_ref, credential_type_id, batch_id, payload, "
                + "prebound_device_id, state, bound_device_id, bound_at")) {
            byte[] payload = new byte[48];
            for (int t = 0; t < plan.types.size(); t++) {
                var type = plan.types.get(t);
                var bindings = history.bindings[t];
                var batches = history.batches.get(t);
                int owner = type.preBound() ? ownerFleet(t).operator() : -1;
                int batch = 0;
                int batchEnd = batches.isEmpty() ? 0 : batches.getFirst().size();
                int count = history.credentialCount(t);
                for (int k = 0; k < count; k++) {
                    while (k >= batchEnd) {
                        batchEnd += batches.get(++batch).size();
                    }
                    long id = credentialBase[t] + k;
                    fill(payload, id);
                    out.number(id).text(type.payloadPrefix() + "-" + DeviceIds.hex(k, 8)).number(ids.typeIds[t])
                            .number(ids.batchIds[t][batch]).bytes(payload);
                    if (type.preBound()) {
                        out.text(plan.deviceId(t, owner, k));
                    } else {
                        out.nothing();
                    }
                    if (bindings.bound(k)) {
                        out.text("bound").text(plan.deviceId(t, bindings.operator[k], bindings.device[k]))
                                .timestamp(bindings.at[k]);
                    } else {
                        out.text("available").nothing().nothing();
                    }
                    out.endRow();
                }
            }
            return out.finish();
        }
    }

    long copyAuthorizedDevices(Connection c) throws SQLException {
        try (var out = new CopyStream(c, "authorized_device", "operator_id, credential_type_id, device_id, part_id")) {
            for (Fleet f : plan.fleets) {
                int[] bounds = plan.partBoundaries(f);
                for (int p = 0; p < f.listParts(); p++) {
                    for (int d = bounds[p]; d < bounds[p + 1]; d++) {
                        out.number(ids.operatorIds[f.operator()]).number(ids.typeIds[f.type()])
                                .text(plan.deviceId(f.type(), f.operator(), d)).number(ids.partIds[f.index()][p]).endRow();
                    }
                }
            }
            return out.finish();
        }
    }

    long copyEvents(Connection c, long firstEventId) throws SQLException {
        try (var out = new CopyStream(c, "provisioning_event", "id, occurred_at, operator_id, credential_type_id, "
                + "device_id, device_id_kind, device_model_id, server_node, outcome, rejection_reason, credential_id")) {
            var outcomes = ProvisioningOutcome.values();
            for (int e = 0; e < history.size; e++) {
                int t = history.type[e];
                var outcome = outcomes[history.outcome[e]];
                out.number(firstEventId + e).timestamp(history.at[e]).number(ids.operatorIds[history.operator[e]])
                        .number(ids.typeIds[t]).text(plan.deviceId(t, history.operator[e], history.device[e]))
                        .text(plan.types.get(t).idKind());
                if (history.model[e] == 0) {
                    out.nothing();
                } else {
                    out.number(ids.modelIds[history.model[e] - 1]);
                }
                out.text(DemoCatalog.SERVER_NODES.get(history.node[e])).text(outcome.outcome());
                if (outcome.rejected()) {
                    out.text(outcome.reason().orElseThrow()).nothing();
                } else {
                    out.nothing().number(credentialBase[t] + history.credential[e]);
                }
                out.endRow();
            }
            return out.finish();
        }
    }

    private Fleet ownerFleet(int type) {
        return plan.fleets.stream().filter(f -> f.type() == type).findFirst().orElseThrow();
    }

    /** An opaque blob standing in for the encrypted credential: random-looking, and the same for the same id. */
    private void fill(byte[] payload, long id) {
        long h = DeviceIds.mix64(plan.seed ^ (id * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < payload.length; i += 8) {
            h = DeviceIds.mix64(h + i);
            for (int j = 0; j < 8; j++) {
                payload[i + j] = (byte) (h >>> (8 * j));
            }
        }
    }
}
