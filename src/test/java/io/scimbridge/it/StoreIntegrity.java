package io.scimbridge.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQLite's own verdict on a bridge's store file: {@code PRAGMA integrity_check} ("ok", or what is wrong). */
final class StoreIntegrity {

    private StoreIntegrity() {}

    /** "ok" when every page, index and constraint checks out; "no store" for a data dir without one. */
    static String check(Path dataDir) throws SQLException {
        Path file = dataDir.resolve("store/bridge.db");
        if (!Files.exists(file)) {
            return "no store";
        }
        List<String> findings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("pragma integrity_check")) {
            while (rs.next()) {
                findings.add(rs.getString(1));
            }
        }
        return String.join("; ", findings);
    }
}
