package com.devicecreds.portal.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One operator's devices of one credential type, as the simulator knows them from the database:
 * a sample of devices that have not been served yet (on the authorized list, or holding a
 * pre-bound credential), a sample of devices that hold a credential, and the models the operator
 * authorized.
 */
final class SimulatedFleet {

    /** A device the simulator may let ask: its ID and the model it reports. */
    record Device(String id, int model) {
    }

    final short operatorId;
    final int typeId;
    final String idKind;
    final boolean listRequired;
    final int[] authorizedModels;
    final int[] otherModels;
    final List<Device> unserved;
    final List<Device> served;

    SimulatedFleet(short operatorId, int typeId, String idKind, boolean listRequired, int[] authorizedModels,
            int[] otherModels, List<Device> unserved, List<Device> served) {
        this.operatorId = operatorId;
        this.typeId = typeId;
        this.idKind = idKind;
        this.listRequired = listRequired;
        this.authorizedModels = authorizedModels;
        this.otherModels = otherModels;
        this.unserved = new ArrayList<>(unserved);
        this.served = new ArrayList<>(served);
    }

    /** Moves a device from the unserved sample to the served one after a delivery. */
    synchronized void delivered(Device device) {
        unserved.remove(device);
        if (served.size() < 500) {
            served.add(device);
        }
    }
}
