package com.devicecreds.inventory.pool;

import java.time.LocalDate;

/**
 * One day of a pool's life (UTC days).
 *
 * @param delivered          credentials delivered (and so consumed) that day
 * @param activated          credentials made available that day by activated batches
 * @param availableAtEndOfDay credentials available when the day ended (for today: now)
 */
public record DailyPoolPoint(LocalDate day, long delivered, long activated, long availableAtEndOfDay) {
}
