package com.devicecreds.portal.security;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import org.springframework.aop.Advisor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.Jsr250AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * What every security profile shares: method security on services ({@code @RolesAllowed},
 * {@code @PermitAll}), web security, and Vaadin's security context strategy. The login itself is
 * configured by exactly one profile: {@code dev} (local accounts) or {@code keycloak} (OIDC).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// JSR-250 annotations through jsr250OnServices below, not jsr250Enabled: see there.
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /** Method security publishes each refusal, so that it is audited once (AuthenticationAuditListener). */
    @Bean
    static AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    /**
     * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} enforced on every bean but Vaadin
     * components. A view carries the same annotations for Vaadin's navigation access control, which
     * decides who may open it; with the standard JSR-250 advisor Spring also wrapped every view it
     * created in a class proxy, and searched the view's whole class hierarchy for annotated methods on
     * each navigation (two fifths of a page view's CPU, decision 038), to check again, on every call
     * of the view's methods, what the navigation had already decided.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor jsr250OnServices(AuthorizationEventPublisher events,
            ObjectProvider<SecurityContextHolderStrategy> contextStrategy) {
        var standard = AuthorizationManagerBeforeMethodInterceptor.jsr250().getPointcut();
        ClassFilter notComponents = type -> !Component.class.isAssignableFrom(type);
        var interceptor = new AuthorizationManagerBeforeMethodInterceptor(
                new ComposablePointcut(standard).intersection(notComponents), new Jsr250AuthorizationManager());
        interceptor.setOrder(AuthorizationInterceptorsOrder.JSR250.getOrder());
        interceptor.setAuthorizationEventPublisher(events);
        contextStrategy.ifAvailable(interceptor::setSecurityContextHolderStrategy);
        return interceptor;
    }
}
