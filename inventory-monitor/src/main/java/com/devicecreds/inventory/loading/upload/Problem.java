package com.devicecreds.inventory.loading.upload;

/** One reason a package is refused, with a message written for the PKI operator. */
public record Problem(ProblemKind kind, String message) {
}
