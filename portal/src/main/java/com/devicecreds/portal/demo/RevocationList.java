package com.devicecreds.portal.demo;

/**
 * The certificate revocation list the provisioning service checks a device's factory certificate
 * against. A real service fetches a CRL from the PKI; the demo's is a fixed rule over the device ID.
 */
@FunctionalInterface
interface RevocationList {

    boolean isRevoked(String deviceId);

    /** About one device in 256 has a revoked factory certificate; the same ones in history and in the simulator. */
    static RevocationList demo() {
        return deviceId -> ((deviceId.hashCode() * 0x9E3779B9) >>> 24) == 0x5A;
    }
}
