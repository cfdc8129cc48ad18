package com.devicecreds.portal.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the connections of the role that owns the schema: Flyway migrates with them and the
 * demo world is bulk-loaded through them. Owners bypass row-level security, so nothing that serves a
 * user's request may use them; every other caller gets the application's {@code DataSource}
 * (docs/decisions/018-row-level-security.md).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Qualifier
public @interface SchemaOwner {
}
