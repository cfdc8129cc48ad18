package com.devicecreds.portal.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes up the next device request: mostly devices on their operator's list asking for the first
 * time, some asking again, and a realistic share that the service must refuse (devices missing
 * from the list, unauthorized or unknown models, revoked certificates, broken signatures,
 * operators asking for types they have no contract for). Not thread-safe; one simulator thread uses it.
 */
final class SimulatedTraffic {

    private final List<SimulatedFleet> fleets;
    private final SplittableRandom random;
    private final RevocationList revocations = RevocationList.demo();

    SimulatedTraffic(List<SimulatedFleet> fleets, SplittableRandom random) {
        this.fleets = fleets;
        this.random = random;
    }

    /** The request, and the sampled device it came from (null for a made-up device). */
    record Planned(DeviceRequest request, SimulatedFleet fleet, SimulatedFleet.Device device) {
    }

    Planned next() {
        var fleet = fleets.get(random.nextInt(fleets.size()));
        String node = DemoCatalog.SERVER_NODES.get(random.nextInt(DemoCatalog.SERVER_NODES.size()));
        double r = random.nextDouble();
        if (r < 0.62 && !fleet.unserved.isEmpty()) {
            var device = fleet.unserved.get(random.nextInt(fleet.unserved.size()));
            return planned(fleet, device, device.model(), true, node);
        }
        if (r < 0.62 && !fleet.listRequired) {
            return planned(fleet, null, authorizedModel(fleet), true, node);
        }
        if (r < 0.74 && !fleet.served.isEmpty()) {
            var device = fleet.served.get(random.nextInt(fleet.served.size()));
            return planned(fleet, device, device.model(), true, node);
        }
        if (r < 0.90) {
            return planned(fleet, null, authorizedModel(fleet), true, node);
        }
        if (r < 0.93 && fleet.otherModels.length > 0) {
            return planned(fleet, null, fleet.otherModels[random.nextInt(fleet.otherModels.length)], true, node);
        }
        if (r < 0.95) {
            String id = newDeviceId(fleet.idKind);
            while (!revocations.isRevoked(id)) {
                id = newDeviceId(fleet.idKind);
            }
            return new Planned(new DeviceRequest(fleet.operatorId, fleet.typeId, id, authorizedModel(fleet), true, node),
                    fleet, null);
        }
        if (r < 0.97) {
            return planned(fleet, null, authorizedModel(fleet), false, node);
        }
        if (r < 0.99) {
            return planned(fleet, null, -1, true, node);
        }
        // A device of another operator whose software asks for this type: that operator has no authorization.
        short stranger = fleets.stream().map(f -> f.operatorId)
                .filter(o -> fleets.stream().noneMatch(f -> f.operatorId == o && f.typeId == fleet.typeId))
                .findAny().orElse(fleet.operatorId);
        return new Planned(new DeviceRequest(stranger, fleet.typeId, newDeviceId(fleet.idKind), authorizedModel(fleet),
                true, node), fleet, null);
    }

    private Planned planned(SimulatedFleet fleet, SimulatedFleet.Device device, int model, boolean signed, String node) {
        String id = device != null ? device.id() : newDeviceId(fleet.idKind);
        if ("mac".equals(fleet.idKind) && random.nextInt(5) == 0) {
            // Some firmware reports 00:1a:2b:... ; the service normalizes it.
            id = DeviceIds.colonSeparated(id);
        }
        return new Planned(new DeviceRequest(fleet.operatorId, fleet.typeId, id, model, signed, node), fleet, device);
    }

    private int authorizedModel(SimulatedFleet fleet) {
        return fleet.authorizedModels.length == 0 ? -1
                : fleet.authorizedModels[random.nextInt(fleet.authorizedModels.length)];
    }

    /** A device nobody has seen: not on any list, so most types refuse it (and the operator hears of it). */
    String newDeviceId(String kind) {
        return switch (kind) {
            case "mac" -> DemoCatalog.MODELS.get(random.nextInt(DemoCatalog.MODELS.size())).oui()
                    + DeviceIds.hex(random.nextInt(1 << 24), 6);
            case "soc-id" -> DeviceIds.hex(random.nextLong(), 16);
            case "serial" -> DemoCatalog.MODELS.get(random.nextInt(DemoCatalog.MODELS.size())).serialPrefix() + "-"
                    + DeviceIds.hex(random.nextLong(), 12);
            case "cert-fingerprint" -> DeviceIds.hex(random.nextLong(), 16) + DeviceIds.hex(random.nextLong(), 16)
                    + DeviceIds.hex(random.nextLong(), 16) + DeviceIds.hex(random.nextLong(), 16);
            default -> throw new IllegalArgumentException("Unknown device ID kind " + kind);
        };
    }
}
