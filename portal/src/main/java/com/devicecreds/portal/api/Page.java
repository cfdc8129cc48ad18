package com.devicecreds.portal.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items and the cursor of the next page, null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * A page from a query that fetched one row more than {@code limit}: the extra row only says that
     * another page exists.
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, String query, long position, Function<R, T> map) {
        boolean more = fetched.size() > limit;
        var items = fetched.subList(0, Math.min(limit, fetched.size())).stream().map(map).toList();
        return new Page<>(items, more ? Cursor.encode(query, position + limit) : null);
    }
}
