package com.devicecreds.portal.load;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import com.devicecreds.portal.load.RolePages.Page;
import com.devicecreds.portal.security.dev.DemoPeople;
import com.devicecreds.portal.security.dev.DemoPeople.Person;

/**
 * One signed-in person: signs in, opens the dashboard, then until {@code endNanos} thinks for about
 * {@code thinkMillis} (half to one and a half times it) and clicks the next page of their role (first
 * the one all users have opened least), polling while the page asks for it. Then stays signed in, idle, until {@code signOut} opens, as
 * open tabs do while the heap is measured.
 */
final class LoadUser implements Runnable {

    private static final long HEARTBEAT_NANOS = 300_000_000_000L;

    private final BrowserSession browser;
    private final Person person;
    private final List<Page> pages;
    private final long thinkMillis;
    private final long endNanos;
    private final Samples samples;
    private final CountDownLatch walked;
    private final CountDownLatch signOut;
    private final PageMix mix;
    private int pollInterval = -1;
    private long nextPoll = Long.MAX_VALUE;

    LoadUser(BrowserSession browser, Person person, List<Page> pages, long thinkMillis, long endNanos, Samples samples,
            CountDownLatch walked, CountDownLatch signOut, PageMix mix) {
        this.browser = browser;
        this.person = person;
        this.pages = pages;
        this.thinkMillis = thinkMillis;
        this.endNanos = endNanos;
        this.samples = samples;
        this.walked = walked;
        this.signOut = signOut;
        this.mix = mix;
    }

    @Override
    public void run() {
        boolean signedIn = false;
        try {
            signedIn = step("Sign-in", () -> browser.signIn(person.username(), DemoPeople.PASSWORD))
                    && step("Page load", () -> browser.load(RolePages.DASHBOARD.route(), RolePages.DASHBOARD.expected()));
            var random = ThreadLocalRandom.current();
            int next = -1;
            long lastHeartbeat = System.nanoTime();
            while (signedIn && System.nanoTime() < endNanos) {
                long clickAt = System.nanoTime() + (long) (thinkMillis * (0.5 + random.nextDouble()) * 1_000_000);
                if (!thinkUntil(Math.min(clickAt, endNanos)) || System.nanoTime() >= endNanos) {
                    break;
                }
                if (System.nanoTime() - lastHeartbeat > HEARTBEAT_NANOS) {
                    step("Heartbeat", browser::heartbeat);
                    lastHeartbeat = System.nanoTime();
                }
                next = mix.next(pages, next);
                var page = pages.get(next);
                long started = System.nanoTime();
                Optional<String> problem;
                try {
                    problem = browser.navigate(page.route(), page.expected(), "link");
                } catch (java.io.IOException e) {
                    problem = Optional.of("/" + page.route() + ": " + e);
                }
                samples.navigation(page.name(), started, problem.map(p -> person.username() + " " + p));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            samples.images(browser.imagesFetched(), browser.imagesReused());
            walked.countDown();
        }
        try {
            signOut.await();
            if (signedIn) {
                step("Sign-out", browser::signOut);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@code untilNanos}, sending the polls the current page asks for. Like the browser's poll
     * timer, the schedule runs on across navigations and starts again only when the interval changes.
     * False if a poll failed.
     */
    private boolean thinkUntil(long untilNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            if (browser.pollInterval() != pollInterval) {
                pollInterval = browser.pollInterval();
                nextPoll = pollInterval > 0 ? now + pollInterval * 1_000_000L : Long.MAX_VALUE;
            }
            if (nextPoll <= now && nextPoll < untilNanos) {
                if (!step("Poll", browser::poll)) {
                    return false;
                }
                nextPoll = pollInterval > 0 ? System.nanoTime() + pollInterval * 1_000_000L : Long.MAX_VALUE;
                continue;
            }
            long wake = Math.min(untilNanos, nextPoll);
            if (wake <= now) {
                return true;
            }
            Thread.sleep(Math.max(1, (wake - now) / 1_000_000));
        }
    }

    private interface Request {
        Optional<String> send() throws Exception;
    }

    private boolean step(String what, Request request) throws InterruptedException {
        long started = System.nanoTime();
        Optional<String> problem;
        try {
            problem = request.send();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            problem = Optional.of(what + ": " + e);
        }
        samples.other(what, started, problem.map(p -> person.username() + " " + what + ": " + p));
        return problem.isEmpty();
    }
}
