package com.devicecreds.portal.api;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorRef;
import org.springframework.stereotype.Component;

/**
 * The operator an API path or parameter names, within the caller's scope. An operator that does not
 * exist and one the caller may not see are refused alike (404), so the API never tells operator
 * staff which other operators exist.
 */
@Component
public class ApiOperators {

    private final OperatorDirectory operators;
    private final CurrentActor currentActor;

    ApiOperators(OperatorDirectory operators, CurrentActor currentActor) {
        this.operators = operators;
        this.currentActor = currentActor;
    }

    public OperatorRef visible(String code) {
        return operators.byCode(code).filter(ref -> currentActor.scope().permits(ref.id()))
                .orElseThrow(() -> ApiProblemException.notFound("The operator '" + code + "'"));
    }
}
