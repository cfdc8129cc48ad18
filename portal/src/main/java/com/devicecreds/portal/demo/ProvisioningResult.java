package com.devicecreds.portal.demo;

import java.util.Optional;

/** What one request came to: the outcome, the credential delivered (if any) and the event recorded. */
record ProvisioningResult(ProvisioningOutcome outcome, Optional<Long> credentialId, long eventId) {
}
