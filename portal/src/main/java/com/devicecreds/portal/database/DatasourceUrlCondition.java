package com.devicecreds.portal.database;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when spring.datasource.url is given: an external server, nothing embedded. */
class DatasourceUrlCondition extends NoDatasourceUrlCondition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !super.matches(context, metadata);
    }
}
