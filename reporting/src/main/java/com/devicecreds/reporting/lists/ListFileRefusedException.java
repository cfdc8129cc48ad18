package com.devicecreds.reporting.lists;

/** A list part file refused as a whole (too large, too many rows, not a safe workbook), with a message for the user. */
public class ListFileRefusedException extends RuntimeException {

    public ListFileRefusedException(String message) {
        super(message);
    }

    public ListFileRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
