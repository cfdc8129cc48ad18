package com.devicecreds.reporting.rollout;

/** A rollout action was refused; the message says why, in words for the person who tried. */
public class RolloutRefusedException extends RuntimeException {

    public RolloutRefusedException(String message) {
        super(message);
    }
}
