package com.devicecreds.portal.walk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Debian's Chromium driven by Playwright (never a downloaded browser), one context per signed-in
 * person. Opens a page, waits until Vaadin's client is idle, and reads what a person would see: the
 * text of the page through every shadow root, the browser console, the HTTP status.
 */
final class Walker implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String IDLE = "() => window.Vaadin !== undefined && window.Vaadin.Flow !== undefined"
            + " && Object.values(window.Vaadin.Flow.clients || {}).length > 0"
            + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())";
    private static final String DEEP_TEXT = """
            () => {
              const out = [];
              const walk = n => {
                if (n.nodeType === 3) { out.push(n.nodeValue); return; }
                if (n.nodeType !== 1 && n.nodeType !== 11) return;
                if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE') return;
                if (n.tagName === 'INPUT' || n.tagName === 'TEXTAREA') out.push(n.value);
                if (n.getAttribute && n.getAttribute('title')) out.push(n.getAttribute('title'));
                if (n.tagName === 'IMG' && n.alt) out.push(n.alt);
                if (n.shadowRoot) walk(n.shadowRoot);
                for (const c of n.childNodes) walk(c);
              };
              walk(document.body);
              return out.join('\\n');
            }""";

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;

    Walker(int port) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
        baseUrl = "http://localhost:" + port;
    }

    /** A fresh context signed in through the development login. */
    Session signIn(String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000)
                .setAcceptDownloads(true));
        context.setDefaultTimeout(60_000);
        Page page = context.newPage();
        var session = new Session(context, page);
        page.navigate(baseUrl + "/login");
        page.locator("#vaadinLoginUsername input").fill(username);
        page.locator("#vaadinLoginPassword input").fill(password);
        page.locator("#vaadinLoginPassword input").press("Enter");
        page.waitForURL(url -> !url.contains("/login"));
        session.idle();
        session.consoleErrors.clear();
        return session;
    }

    final class Session implements AutoCloseable {

        final BrowserContext context;
        final Page page;
        final List<String> consoleErrors = new ArrayList<>();

        Session(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    consoleErrors.add(m.text());
                }
            });
            page.onPageError(e -> consoleErrors.add("page error: " + e));
        }

        /** Opens the address; returns the main document's HTTP status. */
        int open(String path) {
            var response = page.navigate(baseUrl + path);
            page.waitForLoadState(LoadState.LOAD);
            idle();
            return response == null ? 0 : response.status();
        }

        void idle() {
            page.waitForFunction(IDLE);
        }

        String text() {
            return (String) page.evaluate(DEEP_TEXT);
        }

        void screenshot(Path file) {
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(false));
        }

        /** Serious and critical accessibility violations of the page as it is now, as "rule: n nodes". */
        List<String> seriousAccessibilityViolations() {
            var results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
            var found = new ArrayList<String>();
            for (Rule rule : results.getViolations()) {
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    found.add(rule.getId() + " (" + rule.getImpact() + ", " + rule.getNodes().size() + " nodes: "
                            + rule.getNodes().stream().limit(2).map(n -> String.valueOf(n.getTarget())).toList() + ")");
                }
            }
            return found;
        }

        /** Clicks each radio button and tab of the page once (the main filters), waiting for the server each time. */
        int exerciseFilters(java.util.function.Consumer<String> afterEach) {
            int clicked = 0;
            for (String selector : List.of("vaadin-radio-button", "vaadin-tab")) {
                var controls = page.locator(selector);
                int count = Math.min(controls.count(), 6);
                for (int i = 0; i < count; i++) {
                    var control = controls.nth(i);
                    if (control.isVisible() && control.isEnabled()) {
                        control.click();
                        idle();
                        afterEach.accept(selector + " " + i);
                        clicked++;
                    }
                }
            }
            return clicked;
        }

        /** Runs each export of the page and returns the text of every file downloaded. */
        List<Export> exports() throws IOException {
            var files = new ArrayList<Export>();
            var buttons = page.locator(".export-button");
            for (int i = 0; i < buttons.count(); i++) {
                if (!buttons.nth(i).isVisible() || !buttons.nth(i).isEnabled()) {
                    continue;
                }
                buttons.nth(i).click();
                var link = page.locator(".export-download, .export-close").first();
                link.waitFor();
                if (page.locator(".export-download").count() > 0) {
                    Download download = page.waitForDownload(() -> page.locator(".export-download").click());
                    files.add(new Export(download.suggestedFilename(), textOf(download)));
                } else {
                    files.add(new Export("failed", (String) page.evaluate("() => document.querySelector('.export-status')?.textContent")));
                }
                page.locator(".export-close").click();
                idle();
            }
            return files;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    record Export(String fileName, String text) {
    }

    private static String textOf(Download download) throws IOException {
        Path file = download.path();
        if (!download.suggestedFilename().endsWith(".xlsx")) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        var text = new StringBuilder();
        try (InputStream in = Files.newInputStream(file); var book = new XSSFWorkbook(in)) {
            book.forEach(sheet -> sheet.forEach(row -> {
                for (Cell cell : row) {
                    text.append(cell.toString()).append('\t');
                }
                text.append('\n');
            }));
            var properties = book.getProperties().getCoreProperties();
            text.append(properties.getTitle()).append('\n').append(properties.getSubject()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
