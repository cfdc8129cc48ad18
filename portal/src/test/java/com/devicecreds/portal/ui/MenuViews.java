package com.devicecreds.portal.ui;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** The views with a menu entry, read from their annotations: the expectation of the navigation tests. */
public final class MenuViews {

    static final List<Class<? extends Component>> ALL = scan();

    private MenuViews() {
    }

    static List<Class<? extends Component>> openTo(String role) {
        return ALL.stream().filter(view -> admits(view, role)).toList();
    }

    static List<Class<? extends Component>> closedTo(String role) {
        return ALL.stream().filter(view -> !admits(view, role)).toList();
    }

    /** What the access annotation says; the layout's own annotation is checked by AccessRulesTest. */
    public static boolean admits(Class<?> view, String role) {
        if (view.isAnnotationPresent(DenyAll.class)) {
            return false;
        }
        if (view.isAnnotationPresent(PermitAll.class) || view.isAnnotationPresent(AnonymousAllowed.class)) {
            return true;
        }
        var rolesAllowed = view.getAnnotation(RolesAllowed.class);
        return rolesAllowed != null && List.of(rolesAllowed.value()).contains(role);
    }

    /** The entry's title as Vaadin derives it: the menu title, else the page title, else the class name. */
    static String title(Class<?> view) {
        String title = view.getAnnotation(Menu.class).title();
        if (!title.isBlank()) {
            return title;
        }
        var pageTitle = view.getAnnotation(PageTitle.class);
        return pageTitle != null ? pageTitle.value() : view.getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Component>> scan() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Menu.class));
        return scanner.findCandidateComponents("com.devicecreds").stream()
                .<Class<? extends Component>>map(bean ->
                        (Class<? extends Component>) ClassUtils.resolveClassName(bean.getBeanClassName(), null))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }
}
