package com.devicecreds.reporting.rollout;

import java.time.LocalDate;
import java.util.List;

import com.devicecreds.access.OperatorRef;

/**
 * A rollout to plan, as entered in the form.
 *
 * @param listPartIds the operator's authorized list parts of the type that the rollout involves
 */
public record NewRollout(OperatorRef operator, int credentialTypeId, String name, int targetDevices, LocalDate windowStart,
        LocalDate windowEnd, String projectManagerEmail, List<Long> listPartIds) {

    public NewRollout {
        name = name == null ? "" : name.strip();
        projectManagerEmail = projectManagerEmail == null ? "" : projectManagerEmail.strip();
        listPartIds = List.copyOf(new java.util.LinkedHashSet<>(listPartIds));
    }
}
