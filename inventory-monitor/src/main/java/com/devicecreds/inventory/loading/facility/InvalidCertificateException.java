package com.devicecreds.inventory.loading.facility;

/** A certificate an administrator tried to trust was refused; the message says why, for the user. */
public class InvalidCertificateException extends RuntimeException {

    InvalidCertificateException(String message) {
        super(message);
    }
}
