package io.scimbridge.ops.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the status page writes times and ages: UTC to the second, ages in the two largest units. */
final class Display {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Display() {}

    static String time(Instant at) {
        return at == null ? null : UTC.format(at);
    }

    static String time(OffsetDateTime at) {
        return at == null ? null : time(at.toInstant());
    }

    /** "42s", "3m 04s", "2h 05m", "3d 07h"; never negative (clocks of two replicas may disagree). */
    static String age(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
