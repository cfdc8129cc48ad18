package com.devicecreds.portal.change;

import java.util.Map;
import java.util.Set;

import com.devicecreds.access.Actor;

/**
 * Applies approved changes of some kinds. Called in the approver's transaction with the request
 * locked: it checks again that the change still applies (the world may have moved since the request)
 * and throws {@link ChangeRefusedException} if not, which rolls the approval back.
 */
public interface ChangeHandler {

    Set<String> kinds();

    void apply(ChangeRequest request, Map<String, String> proposed, Actor approver);
}
