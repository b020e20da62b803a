package io.scimbridge.store.sqlite;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import io.scimbridge.store.NativeValues;
import java.sql.Timestamp;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JdbcType;

/**
 * Hibernate's community SQLite dialect, with one rule for time: every timestamp is stored as epoch
 * milliseconds (an INTEGER). SQLite has no time type; left to the driver, entity timestamps became
 * ISO text with nanoseconds and query parameters text without a zone, which do not compare as time
 * does ({@code next_attempt_at <= :now} decides what is due). As integers they compare, sort and
 * index as time, and raw JDBC ({@code setTimestamp}) writes the same.
 */
public class BridgeSqliteDialect extends SQLiteDialect {

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        for (int code : new int[] {SqlTypes.TIMESTAMP, SqlTypes.TIMESTAMP_UTC, SqlTypes.TIMESTAMP_WITH_TIMEZONE}) {
            typeContributions.contributeJdbcType(new EpochMillis(code));
        }
    }

    /** A timestamp as the milliseconds since the epoch, in UTC. */
    record EpochMillis(int code) implements JdbcType {

        @Override
        public int getJdbcTypeCode() {
            return code;
        }

        @Override
        public int getDefaultSqlTypeCode() {
            return code;
        }

        @Override
        public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
            return new BasicBinder<>(javaType, this) {
                @Override
                protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options) throws SQLException {
                    st.setLong(index, javaType.unwrap(value, Timestamp.class, options).getTime());
                }

                @Override
                protected void doBind(CallableStatement st, X value, String name, WrapperOptions options) throws SQLException {
                    st.setLong(name, javaType.unwrap(value, Timestamp.class, options).getTime());
                }

                @Override
                protected void doBindNull(PreparedStatement st, int index, WrapperOptions options) throws SQLException {
                    st.setNull(index, Types.BIGINT);
                }
            };
        }

        @Override
        public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
            return new BasicExtractor<>(javaType, this) {
                @Override
                protected X doExtract(ResultSet rs, int index, WrapperOptions options) throws SQLException {
                    return wrap(rs.getObject(index), options);
                }

                @Override
                protected X doExtract(CallableStatement st, int index, WrapperOptions options) throws SQLException {
                    return wrap(st.getObject(index), options);
                }

                @Override
                protected X doExtract(CallableStatement st, String name, WrapperOptions options) throws SQLException {
                    return wrap(st.getObject(name), options);
                }

                private X wrap(Object stored, WrapperOptions options) {
                    // every temporal Java type wraps a java.sql.Timestamp (not all of them an Instant)
                    return stored == null ? null : javaType.wrap(Timestamp.from(NativeValues.instant(stored)), options);
                }
            };
        }
    }
}
