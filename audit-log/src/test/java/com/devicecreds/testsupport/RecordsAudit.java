package com.devicecreds.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.devicecreds.audit.AuditAction;

/**
 * Marks a test that checks an action is recorded exactly once, with the right actor and outcome.
 * The catalogue test requires one for every {@link AuditAction}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RecordsAudit {

    AuditAction[] value();
}
