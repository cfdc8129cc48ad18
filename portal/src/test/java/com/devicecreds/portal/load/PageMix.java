package com.devicecreds.portal.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.devicecreds.portal.load.RolePages.Page;

/**
 * How often each page has been clicked by all users together, so that each user starts their walk at
 * the page of their role opened least so far: every page is visited early, even in a short run.
 */
final class PageMix {

    private final Map<String, Integer> clicks = new HashMap<>();

    /**
     * The index of the page to click after {@code current} in {@code pages}, counted as opened: the next
     * in the walk, or to begin with ({@code current} below 0) the page opened least so far, the first
     * of equals.
     */
    synchronized int next(List<Page> pages, int current) {
        int next = current >= 0 ? (current + 1) % pages.size() : 0;
        if (current < 0) {
            for (int i = 1; i < pages.size(); i++) {
                if (count(pages.get(i)) < count(pages.get(next))) {
                    next = i;
                }
            }
        }
        clicks.merge(pages.get(next).name(), 1, Integer::sum);
        return next;
    }

    private int count(Page page) {
        return clicks.getOrDefault(page.name(), 0);
    }
}
