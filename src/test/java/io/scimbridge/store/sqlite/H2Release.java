package io.scimbridge.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A store as the last H2 release of the bridge wrote it, for the upgrade scenarios. */
final class H2Release {

    private H2Release() {}

    /** Opens (creating if new) the H2 store at {@code file} with the schema the last H2 release left. */
    static Connection store(Path file) throws SQLException, IOException {
        Connection c = open(file);
        for (int v = 1; v <= 7; v++) {
            runScript(c, v);
        }
        return c;
    }

    private static Connection open(Path file) throws SQLException {
        String base = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        Properties p = new Properties();
        p.setProperty("user", "bridge");
        p.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + base, p);
    }

    /** The release before SQLite ran the same migrations on H2 (they were portable then). */
    private static void runScript(Connection c, int version) throws IOException, SQLException {
        String dir = "db/migration/postgresql/";
        String name = switch (version) {
            case 1 -> "V1__init.sql";
            case 2 -> "V2__identity_center.sql";
            case 3 -> "V3__assignments.sql";
            case 4 -> "V4__forwarding.sql";
            case 5 -> "V5__audit.sql";
            case 6 -> "V6__outbox_claim_index.sql";
            default -> "V7__outbox_priority.sql";
        };
        try (InputStream in = H2Release.class.getClassLoader().getResourceAsStream(dir + name)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    exec(c, statement);
                }
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
