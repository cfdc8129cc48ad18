package com.devicecreds.portal.api.rollouts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.devicecreds.portal.api.ApiProblemException;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutDay;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.usage.ReasonCount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rollouts with their stage and progress, as the rollout pages show them (read only). */
@RestController
@RequestMapping("/api/v1/rollouts")
@Tag(name = "Rollouts", description = "Rollouts of credential types into operators' devices")
class RolloutsApi {

    private final RolloutService rollouts;

    RolloutsApi(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    @GetMapping
    @Operation(summary = "The rollouts you may see, with stage and delivered share")
    List<RolloutSummary> list() {
        return rollouts.list().stream().map(RolloutSummary::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One rollout with its daily progress, rejections and missing devices")
    RolloutDetail rollout(@PathVariable long id) {
        var rollout = rollouts.find(id).orElseThrow(() -> ApiProblemException.notFound("Rollout " + id));
        var progress = rollouts.progress(id).orElseThrow(() -> ApiProblemException.notFound("Rollout " + id));
        return new RolloutDetail(RolloutSummary.of(rollout), progress.days(), progress.rejections(), progress.missingNew(),
                progress.missingSent(), progress.missingResolved());
    }

    record RolloutSummary(long id, String name, String operator, String credentialType, int targetDevices, LocalDate windowStart,
            LocalDate windowEnd, String stage, double progress, String createdBy, Instant createdAt, String approvedBy,
            String acknowledgedBy, String cancelledBy) {
        static RolloutSummary of(Rollout r) {
            return new RolloutSummary(r.id(), r.name(), r.operator().code(), r.typeName(), r.targetDevices(), r.windowStart(),
                    r.windowEnd(), r.stage().name(), r.progress(), r.createdBy(), r.createdAt(),
                    r.approvedBy().orElse(null), r.acknowledgedBy().orElse(null), r.cancelledBy().orElse(null));
        }
    }

    record RolloutDetail(RolloutSummary rollout, List<RolloutDay> days, List<ReasonCount> rejections, long missingNew, long missingSent,
            long missingResolved) {
    }
}
