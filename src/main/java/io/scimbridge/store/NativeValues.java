package io.scimbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Values of native queries and raw JDBC, whichever store: PostgreSQL gives timestamps and booleans,
 * SQLite the epoch milliseconds and the 0/1 it stores. Raw JDBC binds a time with
 * {@link #setTimestamp} so that both stores hold what Hibernate would have written.
 */
public final class NativeValues {

    private NativeValues() {}

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            case Number epochMillis -> Instant.ofEpochMilli(epochMillis.longValue());
            default -> OffsetDateTime.parse(value.toString().replace(' ', 'T')).toInstant();
        };
    }

    public static OffsetDateTime offsetDateTime(Object value) {
        Instant instant = instant(value);
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static boolean bool(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.intValue() != 0;
            default -> Boolean.parseBoolean(value.toString());
        };
    }

    /** A UTC instant: timestamptz on PostgreSQL, epoch milliseconds on SQLite (as BridgeSqliteDialect stores them). */
    public static void setTimestamp(PreparedStatement statement, int index, Instant at) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(at), Calendar.getInstance(UTC));
    }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
}
