package com.devicecreds.inventory.threshold;

import java.util.List;

/** Thresholds were refused; the message lists every problem in words the UI can show as they are. */
public class InvalidThresholdsException extends RuntimeException {

    private final List<String> problems;

    InvalidThresholdsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
