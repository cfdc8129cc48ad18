package com.devicecreds.portal.change;

/** A configuration change (or a request, decision or upload of one) was refused; the message says why, for the user. */
public class ChangeRefusedException extends RuntimeException {

    public ChangeRefusedException(String message) {
        super(message);
    }
}
