package com.devicecreds.reporting.rollout;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorScope;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The go-ahead's side of the rollouts, for the job that tells project managers and operators to go
 * ahead: which rollouts are due (approved, live, not told, not cancelled), and claiming one, which
 * records the go-ahead in the caller's transaction so that it is told once however many nodes run
 * the job.
 */
@Component
public class RolloutGoAhead {

    private final Rollouts rollouts;
    private final Clock clock;

    RolloutGoAhead(Rollouts rollouts, Clock clock) {
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** A rollout told to go ahead, and who to tell: its project manager and the operator's go-ahead contacts. */
    public record GoAhead(Rollout rollout, List<String> recipients) {
    }

    /** The ids of the rollouts whose go-ahead is due now. */
    public List<Long> due() {
        return rollouts.goAheadDue();
    }

    /**
     * Records the go-ahead of one rollout if it is still due, holding its row lock until the caller's
     * transaction ends; empty when another node told it first or it is no longer due.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<GoAhead> claim(long id) {
        // A revoked operator's devices are refused (decision 022): there is nothing to go ahead with.
        var rollout = rollouts.lock(id, today()).filter(r -> r.facts().goAheadDue())
                .filter(r -> rollouts.authorization(r.operator().id(), r.credentialTypeId()).filter(Optional::isEmpty).isPresent());
        if (rollout.isEmpty()) {
            return Optional.empty();
        }
        rollouts.markGoAhead(id, clock.instant());
        var told = rollouts.find(OperatorScope.all(), id, today()).orElseThrow();
        var recipients = new java.util.ArrayList<String>();
        recipients.add(told.projectManagerEmail());
        recipients.addAll(rollouts.goAheadContacts(told.operator().id()));
        return Optional.of(new GoAhead(told, recipients.stream().distinct().toList()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
