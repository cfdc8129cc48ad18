package com.devicecreds.portal.ui;

import com.vaadin.flow.router.PageTitleContext;
import com.vaadin.flow.router.PageTitleGenerator;
import org.springframework.stereotype.Component;

/**
 * Page titles exactly as Vaadin makes them without a generator: the view's {@code @PageTitle}. It is
 * here because Vaadin asks Spring for a generator every time it needs a title (each navigation, and
 * each menu entry when a menu is built), and without one Spring answers by throwing an exception,
 * about five per page view; a profile of a thousand sessions found them (decision 039).
 */
@Component
public class PageTitles implements PageTitleGenerator {

    @Override
    public String generatePageTitle(PageTitleContext context) {
        return context.value();
    }
}
