package com.devicecreds.reporting.usage;

/** How many requests were rejected for one reason. */
public record ReasonCount(String reason, long count) {
}
