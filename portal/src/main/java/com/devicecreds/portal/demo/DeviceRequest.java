package com.devicecreds.portal.demo;

/**
 * One device's request for a credential, as the provisioning service sees it after unwrapping it.
 *
 * @param deviceId       the device ID as the device reports it, not yet normalized
 * @param reportedModel  the device model id the device claims; an id the catalog does not know is an unknown model
 * @param signatureValid whether the request's signature and factory certificate chain verified
 * @param serverNode     the service node that received the request
 */
record DeviceRequest(short operatorId, int credentialTypeId, String deviceId, int reportedModel,
        boolean signatureValid, String serverNode) {
}
