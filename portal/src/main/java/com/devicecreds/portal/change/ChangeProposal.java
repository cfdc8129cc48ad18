package com.devicecreds.portal.change;

import java.util.Map;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * What a feature asks to change: its kind (a {@link ChangeHandler} applies it), the operator whose
 * configuration it is, the target and summary shown to approvers, and the proposal as flat text fields.
 */
public record ChangeProposal(String kind, Optional<OperatorRef> operator, String target, String summary,
        Map<String, String> proposed) {

    public ChangeProposal {
        proposed = Map.copyOf(proposed);
    }
}
