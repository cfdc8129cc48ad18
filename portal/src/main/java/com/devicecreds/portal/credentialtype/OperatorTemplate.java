package com.devicecreds.portal.credentialtype;

import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/** An operator authorized for an online-issued type, and its certificate template if it has one. */
public record OperatorTemplate(OperatorRef operator, String operatorName, Optional<CertificateTemplate> template,
        Optional<Instant> updatedAt, Optional<String> approvedBy) {
}
