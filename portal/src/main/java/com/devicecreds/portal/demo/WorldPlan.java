package com.devicecreds.portal.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.devicecreds.portal.demo.DemoCatalog.FleetDef;
import com.devicecreds.portal.demo.DemoCatalog.ModelDef;
import com.devicecreds.portal.demo.DemoCatalog.OperatorDef;
import com.devicecreds.portal.demo.DemoCatalog.TypeDef;

/**
 * The demo catalog sized for a number of events: how many devices each fleet has, how many of them
 * are on the operator's authorized list, how many pre-bound credentials were made, and how pools
 * are loaded. Devices are numbered per operator; device {@code i} is the same box in every fleet of
 * its operator, with one model and one ID of each kind.
 */
final class WorldPlan {

    static final double REJECTED_SHARE = 0.12;
    static final double REDELIVERED_SHARE = 0.07;

    /**
     * @param listSize      devices [0, listSize) are on the authorized list (0 when the type needs none)
     * @param preboundCount devices [0, preboundCount) have a pre-bound credential (pre-bound types only)
     * @param size          devices [0, size) ask; those beyond the list are the operator's missing IDs
     * @param legacyAuthorized whether the operator authorized its legacy model (model 0) for the type
     */
    record Fleet(int index, int operator, int type, double weight, double rolloutAt, int listSize,
            int preboundCount, int size, int listParts, boolean legacyAuthorized) {
    }

    /** How a next-available pool is reloaded: a batch of {@code batchSize} when fewer than {@code reloadBelow} remain. */
    record PoolPlan(int batchSize, int reloadBelow, Duration loadLag) {
    }

    final List<OperatorDef> operators = DemoCatalog.OPERATORS;
    final List<TypeDef> types = DemoCatalog.TYPES;
    final List<ModelDef> models = DemoCatalog.MODELS;
    final List<Fleet> fleets;
    final List<int[]> strays;
    final PoolPlan[] pools;
    final Instant start;
    final Instant end;
    final int hours;
    final long seed;

    private final DeviceIds ids;
    private final double[][] modelCumulative;
    private final int[][] operatorModels;

    WorldPlan(int events, int historyDays, long seed, Instant now) {
        this.seed = seed;
        this.ids = new DeviceIds(seed);
        this.end = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        this.hours = historyDays * 24;
        this.start = end.minus(Duration.ofHours(hours));
        this.modelCumulative = new double[operators.size()][];
        this.operatorModels = new int[operators.size()][];
        for (int o = 0; o < operators.size(); o++) {
            var shares = operators.get(o).models();
            double sum = shares.stream().mapToDouble(DemoCatalog.ModelShare::weight).sum();
            modelCumulative[o] = new double[shares.size()];
            operatorModels[o] = new int[shares.size()];
            double c = 0;
            for (int m = 0; m < shares.size(); m++) {
                c += shares.get(m).weight() / sum;
                modelCumulative[o][m] = c;
                operatorModels[o][m] = modelIndex(shares.get(m).model());
            }
        }
        var random = new SplittableRandom(seed);
        this.fleets = sizeFleets(events, random);
        this.strays = DemoCatalog.STRAYS.stream()
                .map(s -> new int[] {operatorIndex(s.operator()), typeIndex(s.type())}).toList();
        this.pools = planPools();
    }

    private List<Fleet> sizeFleets(int events, SplittableRandom random) {
        double totalWeight = DemoCatalog.FLEETS.stream().mapToDouble(f -> f.weight() * (1 - f.rolloutAt())).sum();
        var result = new ArrayList<Fleet>();
        for (FleetDef def : DemoCatalog.FLEETS) {
            int t = typeIndex(def.type());
            TypeDef type = types.get(t);
            double expected = events * def.weight() * (1 - def.rolloutAt()) / totalWeight;
            double delivered = expected * (1 - REJECTED_SHARE - (type.redelivery() ? REDELIVERED_SHARE : 0));
            int list = type.listRequired() ? (int) Math.ceil(delivered * 1.3) + 20 : 0;
            int prebound = type.preBound() ? (int) (list * 0.93) : 0;
            int size = type.listRequired() ? (int) Math.ceil(list * 1.12) + 10 : (int) Math.ceil(delivered * 1.3) + 20;
            if (size >= DeviceIds.MAX_DEVICES_PER_OPERATOR) {
                throw new IllegalArgumentException("Too many events for the demo world: fleet " + def + " needs " + size);
            }
            int parts = type.listRequired() ? 5 + random.nextInt(6) : 0;
            result.add(new Fleet(result.size(), operatorIndex(def.operator()), t, def.weight(), def.rolloutAt(), list,
                    prebound, size, parts, !type.listRequired()));
        }
        return List.copyOf(result);
    }

    private PoolPlan[] planPools() {
        var plans = new PoolPlan[types.size()];
        for (int t = 0; t < types.size(); t++) {
            int type = t;
            double demand = fleets.stream().filter(f -> f.type() == type)
                    .mapToDouble(f -> f.size() / 1.3).sum();
            if (types.get(t).draining()) {
                // Reloaded only once it ran dry, after a long lead time: the demo's pool-empty episodes.
                plans[t] = new PoolPlan((int) Math.ceil(demand * 0.3) + 10, 0, Duration.ofHours(30));
            } else {
                int batch = (int) Math.ceil(demand * 0.8) + 10;
                plans[t] = new PoolPlan(batch, (int) (batch * 0.3), Duration.ofHours(18));
            }
        }
        return plans;
    }

    /** The operator model index (into the operator's model list) of one device. */
    int deviceModelSlot(int operator, int device) {
        double u = (DeviceIds.mix64(seed * 31 + ((long) operator << 32 | device)) >>> 11) * 0x1.0p-53;
        double[] cumulative = modelCumulative[operator];
        for (int m = 0; m < cumulative.length - 1; m++) {
            if (u < cumulative[m]) {
                return m;
            }
        }
        return cumulative.length - 1;
    }

    /** Index into {@link #models} of a device's model. */
    int deviceModel(int operator, int device) {
        return operatorModels[operator][deviceModelSlot(operator, device)];
    }

    int[] operatorModels(int operator) {
        return operatorModels[operator];
    }

    /** Whether the operator authorized this device's model for the fleet's type. */
    boolean modelAuthorized(Fleet fleet, int device) {
        return fleet.legacyAuthorized() || deviceModelSlot(fleet.operator(), device) != 0;
    }

    String deviceId(int type, int operator, int device) {
        return ids.id(types.get(type).idKind(), operator, device, models.get(deviceModel(operator, device)));
    }

    /** The first device number of each list part, and the list size at the end. */
    int[] partBoundaries(Fleet fleet) {
        var random = new SplittableRandom(seed + fleet.index());
        double[] w = IntStream.range(0, fleet.listParts()).mapToDouble(p -> 0.7 + 0.6 * random.nextDouble()).toArray();
        double sum = java.util.Arrays.stream(w).sum();
        int[] bounds = new int[fleet.listParts() + 1];
        double c = 0;
        for (int p = 0; p < fleet.listParts(); p++) {
            bounds[p] = (int) Math.round(c / sum * fleet.listSize());
            c += w[p];
        }
        bounds[fleet.listParts()] = fleet.listSize();
        return bounds;
    }

    int operatorIndex(String code) {
        return IntStream.range(0, operators.size()).filter(i -> operators.get(i).code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No operator " + code));
    }

    int typeIndex(String code) {
        return IntStream.range(0, types.size()).filter(i -> types.get(i).code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No type " + code));
    }

    private int modelIndex(String key) {
        return IntStream.range(0, models.size()).filter(i -> models.get(i).key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No model " + key));
    }
}
