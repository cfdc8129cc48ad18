package com.devicecreds.portal.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;

/**
 * Debian's Chromium (never a downloaded browser) talking to the portal through the balancer, one
 * context per person, as the world walk drives it. A person can be sent to a given node by the
 * balancer's own cookie, as if an earlier request had landed there.
 */
final class ClusterBrowser implements AutoCloseable {

    static final String NODE_COOKIE = "SERVERID";
    private static final String IDLE = "() => window.Vaadin !== undefined && window.Vaadin.Flow !== undefined"
            + " && Object.values(window.Vaadin.Flow.clients || {}).length > 0"
            + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())";

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;

    ClusterBrowser(String baseUrl) {
        this.baseUrl = baseUrl;
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A person whose first request the balancer sends to {@code node}. */
    Person person(String username, String node) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000));
        context.setDefaultTimeout(60_000);
        context.addCookies(List.of(new Cookie(NODE_COOKIE, node).setUrl(baseUrl)));
        return new Person(username, context, context.newPage());
    }

    final class Person implements AutoCloseable {

        final String username;
        private final BrowserContext context;
        final Page page;

        Person(String username, BrowserContext context, Page page) {
            this.username = username;
            this.context = context;
            this.page = page;
        }

        /** Opens the address and waits until the page has settled; returns the main document's HTTP status. */
        int open(String path) {
            var response = page.navigate(baseUrl + path);
            page.waitForLoadState(LoadState.LOAD);
            page.waitForFunction(IDLE);
            return response == null ? 0 : response.status();
        }

        /** Signs in on the login page the browser is on, with the demo password. */
        void signIn() {
            page.locator("#vaadinLoginUsername input").fill(username);
            page.locator("#vaadinLoginPassword input").fill("demo");
            page.locator("#vaadinLoginPassword input").press("Enter");
            page.waitForURL(url -> !url.contains("/login"));
            page.waitForFunction(IDLE);
        }

        /**
         * Clicks another entry of the side navigation in the page that is open, a round trip of the open UI
         * without a page load, unless the page has left already (its polling made the round trip first).
         * Returns whether it clicked.
         */
        boolean clickMenuIfStillOpen() {
            var item = page.locator("vaadin-side-nav-item:not([current])").first();
            if (page.url().contains("/login") || item.count() == 0) {
                return false;
            }
            try {
                item.click(new Locator.ClickOptions().setTimeout(5_000));
                return true;
            } catch (PlaywrightException pageLeftMeanwhile) {
                return false;
            }
        }

        /** Waits until the browser shows the sign-in page, however it got there. */
        void awaitLoginPage() {
            page.waitForURL(url -> url.contains("/login"));
            page.waitForLoadState(LoadState.LOAD);
            page.waitForFunction(IDLE);
        }

        boolean onLoginPage() {
            return page.url().contains("/login") && page.locator("#vaadinLoginUsername").count() > 0;
        }

        /** The node the balancer's cookie names. */
        String node() {
            return context.cookies(baseUrl).stream().filter(c -> c.name.equals(NODE_COOKIE))
                    .map(c -> c.value).findFirst().orElse("none");
        }

        String text() {
            return page.locator("body").innerText();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
