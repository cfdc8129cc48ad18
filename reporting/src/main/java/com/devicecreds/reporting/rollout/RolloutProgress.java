package com.devicecreds.reporting.rollout;

import java.util.List;

import com.devicecreds.reporting.usage.ReasonCount;

/**
 * How far a rollout has come, from the usage rollups and the missing-ID lists of its operator and
 * type over its window.
 *
 * @param days            every day of the window up to today, including days without requests
 * @param rejections      rejected requests by reason, most frequent first
 * @param missingNew      devices rejected as missing (not on the list, no pre-bound credential), not yet sent to the operator
 * @param missingSent     missing devices sent to the operator in an export
 * @param missingResolved missing devices a later list part listed
 * @param listParts       the authorized list parts the rollout involves
 */
public record RolloutProgress(List<RolloutDay> days, List<ReasonCount> rejections, long missingNew, long missingSent,
        long missingResolved, List<RolloutListPart> listParts) {

    public long delivered() {
        return days.stream().mapToLong(RolloutDay::delivered).sum();
    }

    public long rejected() {
        return days.stream().mapToLong(RolloutDay::rejected).sum();
    }
}
