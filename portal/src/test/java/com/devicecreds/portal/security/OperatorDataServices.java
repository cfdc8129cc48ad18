package com.devicecreds.portal.security;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolHistoryService;
import com.devicecreds.inventory.loading.approval.ApprovalInbox;
import com.devicecreds.inventory.loading.batch.BatchService;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.change.ChangeProposal;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.credentialtype.CertificateTemplate;
import com.devicecreds.portal.credentialtype.CredentialTypeService;
import com.devicecreds.portal.credentialtype.TypeSettings;
import com.devicecreds.portal.deviceca.DeviceCaService;
import com.devicecreds.portal.schedules.ScheduledReportDelivery;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import com.devicecreds.portal.webhook.EndpointDraft;
import com.devicecreds.portal.webhook.WebhookEventType;
import com.devicecreds.portal.webhook.WebhookFormat;
import com.devicecreds.portal.webhook.WebhookService;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.rollout.NewRollout;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.devices.SearchMode;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageService;
import org.springframework.context.ApplicationContext;

/**
 * The services that return operator data, and their public methods found by reflection, so that
 * security tests cover a method as soon as it is written.
 */
final class OperatorDataServices {

    static final List<Class<?>> SERVICES = List.of(InventoryService.class, PoolHistoryService.class, UsageService.class,
            AlertService.class, BatchService.class, DeviceSearchService.class, MissingIdService.class,
            ListPartImportService.class, ReportExportService.class, ApprovalInbox.class, OperatorContactService.class,
            ReportScheduleService.class, ScheduledReportDelivery.class, RolloutService.class, DeviceCaService.class,
            ConfigChangeService.class, CredentialTypeService.class,
            TypeAuthorizationService.class, WebhookService.class);

    private OperatorDataServices() {
    }

    static List<Method> publicMethods() {
        return SERVICES.stream()
                .flatMap(service -> Arrays.stream(service.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .sorted(Comparator.comparing(OperatorDataServices::signature))
                .toList();
    }

    /** {@code UsageService.outcomesSince(Instant)} */
    static String signature(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The roles the method's own access annotation (or its class's) admits. */
    static Set<String> allowedRoles(Method method) {
        for (AnnotatedElement element : List.of(method, method.getDeclaringClass())) {
            if (element.isAnnotationPresent(RolesAllowed.class)) {
                return Set.of(element.getAnnotation(RolesAllowed.class).value());
            }
            if (element.isAnnotationPresent(PermitAll.class)) {
                return Set.copyOf(Roles.all());
            }
            if (element.isAnnotationPresent(DenyAll.class)) {
                return Set.of();
            }
        }
        throw new AssertionError(signature(method) + " has no access annotation");
    }

    /** Calls the method on the Spring bean (through its security proxy) with plausible arguments. */
    static Object invoke(ApplicationContext context, Method method) throws Throwable {
        Object bean = context.getBean(method.getDeclaringClass());
        Object[] args = Arrays.stream(method.getParameterTypes()).map(OperatorDataServices::argument).toArray();
        try {
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static Object argument(Class<?> type) {
        if (type == Instant.class) {
            return Instant.now().minus(Duration.ofDays(1));
        }
        if (type == int.class) {
            // A credential type id and a number of days alike: valid for both, so only access decides.
            return 1;
        }
        if (type == long.class) {
            return -1L; // an alert id that matches no alert
        }
        if (type == UsageQuery.class) {
            var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            return new UsageQuery(java.util.Optional.empty(), today.minusDays(7), today, Granularity.DAY);
        }
        if (type == String.class) {
            return "0c:4f:5a:0a:bb:cc"; // a device ID
        }
        if (type == SearchMode.class) {
            return SearchMode.EXACT;
        }
        if (type == MissingIdQuery.class) {
            return MissingIdQuery.all();
        }
        if (type == OperatorRef.class) {
            return new OperatorRef((short) -1, "no-such-operator"); // an operator without rows: only access decides
        }
        if (type == Set.class) {
            return Set.of(); // no device models: refused with a message when admitted
        }
        if (type == java.util.Optional.class) {
            return java.util.Optional.empty();
        }
        if (type == java.io.OutputStream.class) {
            return java.io.OutputStream.nullOutputStream();
        }
        if (type == java.io.InputStream.class) {
            return java.io.InputStream.nullInputStream();
        }
        if (type == ExportFormat.class) {
            return ExportFormat.XLSX;
        }
        if (type == ExportProgress.class) {
            return ExportProgress.NONE;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == ScheduleDraft.class) {
            // An operator without rows and a contact it does not have: refused with a message, never thrown.
            return new ScheduleDraft(new OperatorRef((short) -1, "no-such-operator"), ReportKind.USAGE,
                    Timing.weekly(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(6, 0), java.time.ZoneOffset.UTC), true,
                    Set.of(-1L));
        }
        if (type == Duration.class) {
            return Duration.ofHours(1);
        }
        if (type == NewRollout.class) {
            var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            // an operator without rows: refused as a plan (only access decides whether it is looked at)
            return new NewRollout(new OperatorRef((short) -1, "no-such-operator"), 1, "Rollout", 10, today, today.plusDays(7),
                    "pm@demo.invalid", List.of());
        }
        if (type == byte[].class) {
            return new byte[0]; // no certificate, no CRL: refused with a message when admitted
        }
        if (type == ChangeProposal.class) {
            // a kind no feature applies: refused with a message, nothing stored
            return new ChangeProposal("no-such-kind", java.util.Optional.empty(), "nothing", "nothing", java.util.Map.of());
        }
        if (type == TypeSettings.class) {
            // blank settings: refused with every problem, nothing stored
            return new TypeSettings("", "", "", java.util.Optional.empty(), "", "", false, false, "", "", 0);
        }
        if (type == CertificateTemplate.class) {
            return new CertificateTemplate(0, "", "", "", "", ""); // refused: no validity
        }
        if (type == EndpointDraft.class) {
            // a local port nobody listens on: registered when admitted, and its deliveries fail on this machine
            return new EndpointDraft("Access check", "https://localhost:9/hook", WebhookFormat.JSON,
                    Set.of(WebhookEventType.POOL_ALERT_RAISED));
        }
        throw new IllegalArgumentException("No test argument for a parameter of type " + type.getName()
                + ": add one to " + OperatorDataServices.class.getSimpleName());
    }
}
