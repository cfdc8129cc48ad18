package com.devicecreds.portal.demo;

import static com.devicecreds.portal.demo.ProvisioningOutcome.BAD_CHAIN_OR_SIGNATURE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.CERTIFICATE_REVOKED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.DELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.MODEL_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NOT_ON_AUTHORIZED_LIST;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NO_CREDENTIAL_FOR_DEVICE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.OPERATOR_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.POOL_EMPTY;
import static com.devicecreds.portal.demo.ProvisioningOutcome.REDELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.UNKNOWN_MODEL;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import com.devicecreds.portal.demo.WorldPlan.Fleet;

/**
 * Plays the provisioning service over the history, hour by hour, with the same rules as
 * {@link DeviceRequestHandler}: devices are checked (revoked certificate, model, list) and bound
 * to the lowest available credential of their type, or to their pre-bound one. Pools are reloaded
 * by batches when they run low, after a lead time, so a slow reload shows as pool-empty rejections.
 */
final class HistoryGenerator {

    private final WorldPlan plan;
    private final SplittableRandom random;
    private final RevocationList revocations = RevocationList.demo();
    private final FleetState[] fleets;
    private final PoolState[] pools;
    private History history;
    private int next;

    HistoryGenerator(WorldPlan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed ^ 0x6A09E667F3BCC909L);
        this.fleets = plan.fleets.stream().map(FleetState::new).toArray(FleetState[]::new);
        this.pools = new PoolState[plan.types.size()];
    }

    History generate(int events) {
        history = new History(events, plan.types.size());
        for (int t = 0; t < pools.length; t++) {
            pools[t] = new PoolState(t);
            history.bindings[t] = new History.Bindings(plan.types.get(t).preBound() ? 0 : 1024);
        }
        int[] perHour = TrafficRhythm.eventsPerHour(plan.start, plan.hours, events, random);
        long startMillis = plan.start.toEpochMilli();
        double[] weights = new double[fleets.length];
        for (int h = 0; h < plan.hours; h++) {
            double progress = (double) h / plan.hours;
            double total = 0;
            for (int f = 0; f < fleets.length; f++) {
                Fleet fleet = fleets[f].fleet;
                double ramp = fleet.rolloutAt() == 0 ? 1 : Math.clamp((progress - fleet.rolloutAt()) / 0.1, 0, 1);
                total += fleet.weight() * ramp;
                weights[f] = total;
            }
            long[] times = new long[perHour[h]];
            for (int i = 0; i < times.length; i++) {
                times[i] = startMillis + h * 3_600_000L + random.nextLong(3_600_000L);
            }
            Arrays.sort(times);
            for (long at : times) {
                double pick = random.nextDouble() * total;
                int f = 0;
                while (weights[f] <= pick && f < fleets.length - 1) {
                    f++;
                }
                event(fleets[f], at);
            }
        }
        for (PoolState pool : pools) {
            pool.close();
        }
        return history;
    }

    private void event(FleetState fleet, long at) {
        pools[fleet.fleet.type()].activateDue(at);
        double u = random.nextDouble();
        if (u < WorldPlan.REJECTED_SHARE) {
            rejection(fleet, at);
        } else if (u < WorldPlan.REJECTED_SHARE + WorldPlan.REDELIVERED_SHARE && fleet.deliveredCount > 0
                && plan.types.get(fleet.fleet.type()).redelivery()) {
            int device = fleet.delivered[random.nextInt(fleet.deliveredCount)];
            decide(fleet, device, at);
        } else {
            int device = fleet.nextCandidate();
            if (device < 0) {
                device = random.nextInt(fleet.fleet.size());
            } else if (pools[fleet.fleet.type()].empty()) {
                // While a pool is dry, the devices that ask are any of those not yet served.
                device += random.nextInt(fleet.limit() - device);
            }
            decide(fleet, device, at);
        }
    }

    /** Steers a device towards a rejection; the rules still decide what actually happens to it. */
    private void rejection(FleetState state, long at) {
        Fleet fleet = state.fleet;
        double r = random.nextDouble();
        if (r < 0.75) {
            // Devices missing from the list, and devices without a credential of their own, dominate.
            boolean done = r < 0.42 ? notOnList(state, at) || withoutCredential(state, at)
                    : withoutCredential(state, at) || notOnList(state, at);
            if (done) {
                return;
            }
        }
        // The rarer reasons, in proportion, among those that can happen to this fleet.
        double model = fleet.legacyAuthorized() ? 0 : 0.28;
        double revoked = state.revoked().length > 0 ? 0.24 : 0;
        double pick = random.nextDouble() * (model + revoked + 0.20 + 0.16 + 0.12);
        if (pick < model) {
            int device = random.nextInt(fleet.size());
            for (int tries = 0; tries < 500 && plan.modelAuthorized(fleet, device); tries++) {
                device = random.nextInt(fleet.size());
            }
            decide(state, device, at);
        } else if (pick < model + revoked) {
            decide(state, state.revoked[random.nextInt(state.revoked.length)], at);
        } else if (pick < model + revoked + 0.20) {
            record(at, fleet.operator(), fleet.type(), random.nextInt(fleet.size()), BAD_CHAIN_OR_SIGNATURE, -1, true);
        } else if (pick < model + revoked + 0.36) {
            record(at, fleet.operator(), fleet.type(), random.nextInt(fleet.size()), UNKNOWN_MODEL, -1, false);
        } else {
            int[] stray = plan.strays.get(random.nextInt(plan.strays.size()));
            record(at, stray[0], stray[1], random.nextInt(fleet.size()), OPERATOR_NOT_AUTHORIZED, -1, true);
        }
    }

    private boolean notOnList(FleetState state, long at) {
        Fleet fleet = state.fleet;
        if (fleet.listSize() == 0) {
            return false;
        }
        decide(state, fleet.listSize() + random.nextInt(fleet.size() - fleet.listSize()), at);
        return true;
    }

    /** A listed device made after the pre-bound credentials, or one asking again where re-delivery is not allowed. */
    private boolean withoutCredential(FleetState state, long at) {
        Fleet fleet = state.fleet;
        var type = plan.types.get(fleet.type());
        if (type.preBound()) {
            decide(state, fleet.preboundCount() + random.nextInt(fleet.listSize() - fleet.preboundCount()), at);
            return true;
        }
        if (!type.redelivery() && state.deliveredCount > 0) {
            decide(state, state.delivered[random.nextInt(state.deliveredCount)], at);
            return true;
        }
        return false;
    }

    /** The service's decision for an authenticated device of a fleet, in the handler's order of checks. */
    private void decide(FleetState state, int device, long at) {
        Fleet fleet = state.fleet;
        int op = fleet.operator();
        int t = fleet.type();
        var type = plan.types.get(t);
        if (revocations.isRevoked(plan.deviceId(t, op, device))) {
            record(at, op, t, device, CERTIFICATE_REVOKED, -1, true);
        } else if (!plan.modelAuthorized(fleet, device)) {
            record(at, op, t, device, MODEL_NOT_AUTHORIZED, -1, true);
        } else if (fleet.listSize() > 0 && device >= fleet.listSize()) {
            record(at, op, t, device, NOT_ON_AUTHORIZED_LIST, -1, true);
        } else if (state.holding[device] >= 0) {
            boolean again = type.redelivery();
            record(at, op, t, device, again ? REDELIVERED : NO_CREDENTIAL_FOR_DEVICE,
                    again ? state.holding[device] : -1, true);
        } else if (type.preBound()) {
            if (device < fleet.preboundCount()) {
                bind(state, device, device, at);
            } else {
                record(at, op, t, device, NO_CREDENTIAL_FOR_DEVICE, -1, true);
            }
        } else {
            int credential = pools[t].take(at);
            if (credential < 0) {
                record(at, op, t, device, POOL_EMPTY, -1, true);
            } else {
                bind(state, device, credential, at);
            }
        }
    }

    private void bind(FleetState state, int device, int credential, long at) {
        Fleet fleet = state.fleet;
        history.bindings[fleet.type()].set(credential, device, fleet.operator(), at);
        state.holding[device] = credential;
        state.addDelivered(device);
        record(at, fleet.operator(), fleet.type(), device, DELIVERED, credential, true);
    }

    private void record(long at, int operator, int type, int device, ProvisioningOutcome outcome, int credential,
            boolean knownModel) {
        int e = next++;
        history.at[e] = at;
        history.operator[e] = (byte) operator;
        history.type[e] = (byte) type;
        history.device[e] = device;
        history.outcome[e] = (byte) outcome.ordinal();
        history.model[e] = (short) (knownModel ? plan.deviceModel(operator, device) + 1 : 0);
        history.credential[e] = credential;
        history.node[e] = (byte) random.nextInt(DemoCatalog.SERVER_NODES.size());
    }

    /** Which devices of a fleet hold a credential, and where the next never-served device is. */
    private final class FleetState {
        final Fleet fleet;
        final int[] holding;
        int[] delivered = new int[64];
        int deliveredCount;
        int cursor;
        int[] revoked;

        FleetState(Fleet fleet) {
            this.fleet = fleet;
            this.holding = new int[fleet.size()];
            Arrays.fill(holding, -1);
        }

        /** The next device that has never asked and would pass every check, or -1 when all have asked. */
        int nextCandidate() {
            int limit = limit();
            while (cursor < limit) {
                int d = cursor;
                if (holding[d] < 0 && plan.modelAuthorized(fleet, d)
                        && !revocations.isRevoked(plan.deviceId(fleet.type(), fleet.operator(), d))) {
                    return d;
                }
                cursor++;
            }
            return -1;
        }

        /** Devices [0, limit) can be served at all: those with a pre-bound credential, on the list, or all. */
        int limit() {
            return fleet.preboundCount() > 0 ? fleet.preboundCount()
                    : fleet.listSize() > 0 ? fleet.listSize() : fleet.size();
        }

        void addDelivered(int device) {
            if (deliveredCount == delivered.length) {
                delivered = Arrays.copyOf(delivered, deliveredCount * 2);
            }
            delivered[deliveredCount++] = device;
        }

        int[] revoked() {
            if (revoked == null) {
                revoked = java.util.stream.IntStream.range(0, fleet.size())
                        .filter(d -> revocations.isRevoked(plan.deviceId(fleet.type(), fleet.operator(), d)))
                        .limit(64).toArray();
            }
            return revoked;
        }
    }

    /** The credentials of one next-available type: loaded batches, and the lowest one not yet taken. */
    private final class PoolState {
        final int type;
        final WorldPlan.PoolPlan pool;
        int loaded;
        int taken;
        long reloadAt = Long.MAX_VALUE;

        PoolState(int type) {
            this.type = type;
            this.pool = plan.pools[type];
            if (!plan.types.get(type).preBound() && !plan.types.get(type).issuedOnline()) {
                load(plan.start.minus(Duration.ofDays(20)).toEpochMilli());
            }
        }

        void activateDue(long now) {
            if (reloadAt <= now) {
                load(reloadAt);
                reloadAt = Long.MAX_VALUE;
            }
        }

        boolean empty() {
            var def = plan.types.get(type);
            return !def.preBound() && !def.issuedOnline() && taken >= loaded;
        }

        /** The next credential index, or -1 when the pool is empty. Issued-online types never run dry. */
        int take(long now) {
            if (plan.types.get(type).issuedOnline()) {
                return taken++;
            }
            if (taken >= loaded) {
                return -1;
            }
            int credential = taken++;
            if (loaded - taken <= pool.reloadBelow() && reloadAt == Long.MAX_VALUE) {
                reloadAt = now + pool.loadLag().toMillis();
            }
            return credential;
        }

        private void load(long at) {
            loaded += pool.batchSize();
            history.batches.get(type).add(new History.Batch(pool.batchSize(), java.time.Instant.ofEpochMilli(at)));
        }

        /** Sizes the last batch so that the configured share stays available, and lays out pre-bound and online batches. */
        void close() {
            var def = plan.types.get(type);
            var batches = history.batches.get(type);
            if (def.issuedOnline()) {
                batches.add(new History.Batch(taken, plan.start.minus(Duration.ofDays(60))));
            } else if (def.preBound()) {
                int count = plan.fleets.stream().filter(f -> f.type() == type).mapToInt(Fleet::preboundCount).sum();
                batches.add(new History.Batch(count / 2, plan.start.minus(Duration.ofDays(30))));
                batches.add(new History.Batch(count - count / 2, plan.start.minus(Duration.ofDays(6))));
            } else {
                int target = (int) Math.ceil(taken * def.remainingShare()) + (def.draining() ? 15 : 50);
                int before = loaded - batches.getLast().size();
                var last = batches.removeLast();
                // A batch loaded ahead of need may be barely touched: it keeps at least half its planned size.
                batches.add(new History.Batch(Math.max(taken + target - before, pool.batchSize() / 2),
                        last.activatedAt()));
            }
        }
    }
}
