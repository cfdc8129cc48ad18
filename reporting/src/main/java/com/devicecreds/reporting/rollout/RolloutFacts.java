package com.devicecreds.reporting.rollout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rollout's stage is derived from: its own decisions and what the pool, the batches and the
 * usage rollups say now. The pipeline's steps are reached in order, except that the acknowledgement
 * does not hold devices back: a rollout whose devices are provisioning is in progress whether or not
 * someone acknowledged the go-ahead. Once the go-ahead was sent, loaded and live stay reached even
 * if the pool runs dry later.
 *
 * @param createdAt      when the rollout was planned
 * @param loadedAt       submission of the first batch of the type since then (staged, approved or active), up to
 *                       the go-ahead; empty when the pool was loaded before the rollout was planned
 * @param approvedAt     the project manager's approval
 * @param liveAt         activation of the first batch of the type since the rollout was planned, up to the go-ahead
 * @param available      credentials of the type available now
 * @param goAheadAt      when the go-ahead was published
 * @param acknowledgedAt when it was acknowledged
 * @param delivered      first deliveries to the operator's devices in the window so far
 * @param firstDelivery  the first day of the window with a delivery on or after the go-ahead's day
 * @param completedOn    the day the deliveries reached the target
 * @param cancelledAt    when the rollout was cancelled
 */
public record RolloutFacts(Instant createdAt, Optional<Instant> loadedAt, Optional<Instant> approvedAt,
        Optional<Instant> liveAt, long available, Optional<Instant> goAheadAt, Optional<Instant> acknowledgedAt,
        long delivered, long target, Optional<LocalDate> firstDelivery, Optional<LocalDate> completedOn,
        Optional<Instant> cancelledAt) {

    /** One step of the pipeline: reached or not, and when, when known. */
    public record Step(RolloutStage stage, boolean reached, Optional<Instant> at, Optional<LocalDate> on) {
    }

    public boolean loaded() {
        return loadedAt.isPresent() || available > 0 || goAheadAt.isPresent();
    }

    public boolean live() {
        return available > 0 || goAheadAt.isPresent();
    }

    /** Approved, live, not told yet and not cancelled: the go-ahead is due. */
    public boolean goAheadDue() {
        return approvedAt.isPresent() && live() && goAheadAt.isEmpty() && cancelledAt.isEmpty();
    }

    public List<Step> steps() {
        var steps = new ArrayList<Step>();
        steps.add(new Step(RolloutStage.WAITING_FOR_CREDENTIALS, true, Optional.of(createdAt), Optional.empty()));
        steps.add(new Step(RolloutStage.LOADED, loaded(), loadedAt, Optional.empty()));
        steps.add(new Step(RolloutStage.APPROVED, approvedAt.isPresent(), approvedAt, Optional.empty()));
        steps.add(new Step(RolloutStage.LIVE, live(), liveAt, Optional.empty()));
        steps.add(new Step(RolloutStage.GO_AHEAD_SENT, goAheadAt.isPresent(), goAheadAt, Optional.empty()));
        steps.add(new Step(RolloutStage.ACKNOWLEDGED, acknowledgedAt.isPresent(), acknowledgedAt, Optional.empty()));
        boolean told = goAheadAt.isPresent();
        steps.add(new Step(RolloutStage.IN_PROGRESS, told && delivered > 0, Optional.empty(), firstDelivery));
        steps.add(new Step(RolloutStage.COMPLETE, told && delivered >= target, Optional.empty(), completedOn));
        return List.copyOf(steps);
    }

    /** The stage the rollout is in: the last step reached without a gap before it (the acknowledgement may be skipped). */
    public RolloutStage stage() {
        if (cancelledAt.isPresent()) {
            return RolloutStage.CANCELLED;
        }
        RolloutStage current = RolloutStage.WAITING_FOR_CREDENTIALS;
        for (Step step : steps()) {
            if (step.reached()) {
                current = step.stage();
            } else if (step.stage() != RolloutStage.ACKNOWLEDGED) {
                break;
            }
        }
        return current;
    }
}
