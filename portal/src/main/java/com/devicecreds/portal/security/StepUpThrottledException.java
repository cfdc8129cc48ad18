package com.devicecreds.portal.security;

import java.time.Duration;

/** Too many wrong step-up passwords: no password is checked until the lock ends; the message says when. */
public class StepUpThrottledException extends RuntimeException {

    public StepUpThrottledException(Duration remaining) {
        super("Too many wrong passwords: confirming who you are is locked for "
                + Math.max(1, (remaining.toSeconds() + 59) / 60) + " min. Try again later, or ask another approver.");
    }
}
