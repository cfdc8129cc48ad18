package com.devicecreds.portal.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque position of the next page of a list (docs/decisions/032-api-conventions.md): where the
 * previous page ended, bound to the list and filter it was made for, so a cursor of one query is
 * refused by another instead of silently skipping rows. Clients pass it back unchanged.
 */
public final class Cursor {

    private Cursor() {
    }

    /** The cursor of the page that starts after {@code position} in the list named by {@code query}. */
    public static String encode(String query, long position) {
        String plain = "v1|" + position + "|" + Integer.toHexString(query.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor carries (0 without a cursor); refuses a malformed cursor or one of another query. */
    public static long decode(Optional<String> cursor, String query) {
        if (cursor.isEmpty() || cursor.get().isBlank()) {
            return 0;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 3 && parts[0].equals("v1") && parts[2].equals(Integer.toHexString(query.hashCode()))) {
                long position = Long.parseLong(parts[1]);
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw ApiProblemException.badRequest("bad-cursor",
                "The cursor is not one this list gave out for these filters; start again without a cursor.");
    }

    /** The page size asked for, within 1 and {@code max}. */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiProblemException.badRequest("bad-limit", "limit must be between 1 and " + max + ", not " + limit + ".");
        }
        return limit;
    }
}
