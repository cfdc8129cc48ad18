package com.devicecreds.inventory.loading.upload.internal;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.devicecreds.inventory.loading.upload.Problem;
import com.devicecreds.inventory.loading.upload.ProblemKind;

/**
 * Collects every problem of a package. Record-level kinds can occur a million times: the first
 * {@link #SHOWN_PER_KIND} of a kind are listed one by one, the rest counted in one closing line.
 */
public final class Problems {

    static final int SHOWN_PER_KIND = 20;

    private final List<Problem> listed = new ArrayList<>();
    private final Map<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);

    public void add(ProblemKind kind, String message) {
        long seen = counts.merge(kind, 1L, Long::sum);
        if (seen <= SHOWN_PER_KIND) {
            listed.add(new Problem(kind, message));
        }
    }

    /** Counts problems found in bulk (by SQL) of which only the first few were listed with {@link #add}. */
    void addUnlisted(ProblemKind kind, long more) {
        counts.merge(kind, more, Long::sum);
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    public boolean has(ProblemKind kind) {
        return counts.containsKey(kind);
    }

    public List<Problem> all() {
        var result = new ArrayList<>(listed);
        var numbers = NumberFormat.getIntegerInstance(Locale.US);
        counts.forEach((kind, count) -> {
            if (count > SHOWN_PER_KIND) {
                result.add(new Problem(kind, "… and " + numbers.format(count - SHOWN_PER_KIND) + " more problems of this kind ("
                        + numbers.format(count) + " in all)."));
            }
        });
        return result;
    }
}
