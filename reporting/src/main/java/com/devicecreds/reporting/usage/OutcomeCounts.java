package com.devicecreds.reporting.usage;

/** Provisioning requests in a period by outcome. */
public record OutcomeCounts(long delivered, long redelivered, long rejected) {

    public long total() {
        return delivered + redelivered + rejected;
    }

    /** Share of requests rejected, 0 when there were none. */
    public double rejectionRate() {
        return total() == 0 ? 0 : (double) rejected / total();
    }
}
