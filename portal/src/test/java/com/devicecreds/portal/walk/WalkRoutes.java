package com.devicecreds.portal.walk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import com.vaadin.flow.server.VaadinServletContext;
import jakarta.servlet.ServletContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The addresses the walk opens: every route of the application's own route registry, so a new page is
 * walked without editing the test, and for routes with a parameter (or a detail chosen by a query
 * parameter) every instance the world holds: each pool, rollout, credential type, batch, device
 * timeline and lineage entry. A parameterized route without a provider here fails the walk.
 */
final class WalkRoutes {

    /** One address to open and the route template it belongs to (axe and exports run once per template). */
    record Address(String template, String path) {
    }

    private static final Map<String, Function<JdbcClient, List<String>>> INSTANCES = new LinkedHashMap<>();

    static {
        INSTANCES.put("PoolDetailView", jdbc -> strings(jdbc, "select id from credential_type order by id"));
        INSTANCES.put("CredentialTypeView", jdbc -> strings(jdbc, "select id from credential_type order by id"));
        INSTANCES.put("RolloutView", jdbc -> strings(jdbc, "select id from rollout order by id"));
        // One batch of every state (and of every type's latest activation), not all of them: they render alike.
        INSTANCES.put("ApprovalInboxView", jdbc -> strings(jdbc, """
                select distinct on (state) id from credential_batch order by state, id desc"""));
    }

    /** Pages whose detail is chosen by a query parameter: the page without it is walked too. */
    private static final Map<String, Function<JdbcClient, List<String>>> QUERIES = Map.of(
            "reports/devices", jdbc -> strings(jdbc, """
                    select 'id=' || device_id from (
                        select distinct on (operator_id, rejection_reason) device_id from provisioning_event
                        where occurred_at > now() - interval '2 days'
                        order by operator_id, rejection_reason, occurred_at desc) d"""),
            "lineage", jdbc -> strings(jdbc, """
                    (select 'credential=' || credential_ref from credential where state = 'bound' order by bound_at desc limit 3)
                    union all
                    (select 'device=' || bound_device_id from credential where state = 'bound' order by bound_at desc limit 3)"""),
            "reports/missing-ids", jdbc -> strings(jdbc, """
                    select distinct 'operator=' || o.code || '&type=' || m.credential_type_id
                    from missing_device_id m join operator o on o.id = m.operator_id"""));

    private WalkRoutes() {
    }

    static List<RouteData> registered(ServletContext servletContext) {
        return ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext)).getRegisteredRoutes();
    }

    /** Every address of every registered route, details included; the sign-in page is not walked. */
    static List<Address> addresses(List<RouteData> routes, JdbcClient system) {
        var addresses = new ArrayList<Address>();
        for (RouteData route : routes) {
            String template = route.getTemplate();
            if (template.equals("login")) {
                continue;
            }
            if (!template.contains(":")) {
                addresses.add(new Address(template, "/" + template));
                var queries = QUERIES.get(template);
                if (queries != null) {
                    queries.apply(system).forEach(q -> addresses.add(new Address(template, "/" + template + "?" + q)));
                }
                continue;
            }
            var instances = INSTANCES.get(route.getNavigationTarget().getSimpleName());
            if (instances == null) {
                throw new AssertionError("Route " + template + " (" + route.getNavigationTarget().getName()
                        + ") takes a parameter, but the walk has no provider of its instances: add one to WalkRoutes");
            }
            String base = template.substring(0, template.indexOf("/:"));
            instances.apply(system).forEach(id -> addresses.add(new Address(template, "/" + base + "/" + id)));
        }
        return addresses;
    }

    private static List<String> strings(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query((rs, n) -> rs.getString(1)).list();
    }
}
