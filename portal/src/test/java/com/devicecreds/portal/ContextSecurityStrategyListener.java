package com.devicecreds.portal;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Each portal context installs its own Vaadin-aware security context strategy (with a thread-local
 * of its own) into the static {@link SecurityContextHolder}. When the test JVM holds several cached
 * contexts (dev and keycloak), the holder points at whichever started last, and a test signing in
 * through the holder would be invisible to its own context's method security. Before every test,
 * the holder is pointed back at the strategy of the context the test runs in. (Not before the
 * class: that would load the context before extensions such as the Keycloak server have started.)
 */
class ContextSecurityStrategyListener extends AbstractTestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        install(testContext);
    }

    private static void install(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }
}
