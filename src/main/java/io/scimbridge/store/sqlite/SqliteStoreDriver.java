package io.scimbridge.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConnection;

/**
 * xerial's SQLite driver, opening the store the way the bridge relies on.
 *
 * <ul>
 *   <li>The store holds every user and the audit log: its directory is created 0700 and its file
 *       0600 before SQLite first opens it. SQLite gives its -wal and -shm files the permissions of
 *       the database file, so they are owner-only too.</li>
 *   <li>The pragmas are set here, not in the JDBC URL, so that the PostgreSQL build (same
 *       configuration, other driver) never sees them: WAL (readers never wait for the writer),
 *       {@code synchronous=NORMAL} (a commit is in the WAL when it returns, which a kill -9 cannot
 *       lose; {@link DurableCommits} fsyncs the WAL before the IdP is answered, once for all the
 *       commits that finished meanwhile), foreign keys (memberships and index rows cascade),
 *       incremental auto-vacuum on a new file (freed pages can be given back, see {@link SqliteHousekeeping}),
 *       case-sensitive LIKE (filters lower-case what compares case-insensitively themselves), and a
 *       busy timeout that is only a backstop behind {@link SingleWriter}, a WAL that is cut back
 *       to 16 MiB after a checkpoint (it would otherwise keep the size of its largest burst), and
 *       checkpoints left to {@link WalCheckpointer} (a commit checkpoints only past its backstop).</li>
 * </ul>
 */
public final class SqliteStoreDriver extends JDBC {

    static final Map<String, String> PRAGMAS = Map.of(
            "journal_mode", "WAL",
            "synchronous", "NORMAL",
            "foreign_keys", "true",
            "case_sensitive_like", "true",
            "busy_timeout", "5000",
            "journal_size_limit", String.valueOf(16L << 20),
            "wal_autocheckpoint", String.valueOf(WalCheckpointer.BACKSTOP_PAGES));

    /**
     * The writer connection's own: its transactions are savepoints of a batch ({@link WriterConnection}),
     * and SQLite keeps the page images a savepoint may have to restore in a sub-journal, a
     * temporary file once it passes 64 KiB (a few POSTs), unless temporary storage is memory.
     * Measured with the file: 15 more write system calls and 38 KB more written per POST. Only the
     * writer: a read's large sort still spills to a file rather than growing the heap outside Java's.
     */
    static final Map<String, String> WRITER_PRAGMAS = Map.of("temp_store", "MEMORY");

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            DriverManager.registerDriver(new SqliteStoreDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!isValidURL(url)) {
            return null;
        }
        Path file = databaseFile(url);
        if (file != null) {
            synchronized (SqliteStoreDriver.class) {
                createOwnerOnlyDirectory(file.getParent());
                StoreProcessLock.hold(file);
                if (createOwnerOnlyFile(file)) {
                    initialise(url);
                }
            }
        }
        Properties withPragmas = new Properties();
        PRAGMAS.forEach(withPragmas::setProperty);
        if (info != null) {
            withPragmas.putAll(info);
        }
        Connection connection = super.connect(url, withPragmas);
        if (!(connection instanceof SQLiteConnection sqlite)) {
            return connection;
        }
        Connection kept = ReusedStatements.wrap(sqlite);
        if (file == null) {
            return kept;
        }
        Properties writer = new Properties();
        writer.putAll(withPragmas);
        writer.putAll(WRITER_PRAGMAS);
        return WriterConnection.route(file, kept, () -> ReusedStatements.wrap((SQLiteConnection) super.connect(url, writer)));
    }

    /**
     * Settings that only a new, empty database takes: incremental auto-vacuum must be chosen before
     * the file leaves rollback-journal mode (switching to WAL first would fix it at "none").
     */
    private void initialise(String url) throws SQLException {
        try (Connection connection = super.connect(url, new Properties());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("pragma auto_vacuum = incremental");
            statement.execute("pragma journal_mode = WAL");
        }
    }

    /** The file a {@code jdbc:sqlite:} URL names; null for in-memory databases. */
    static Path databaseFile(String url) {
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith("file:")) {
            return null;
        }
        return Path.of(name).toAbsolutePath();
    }

    /** An existing file to 0600; nothing to do where the file system is not POSIX. */
    static void makeOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            // the platform's defaults apply
        }
    }

    /**
     * The store's directory, created owner-only, or made owner-only if an earlier release left it
     * readable by others (H2's store was 0755).
     */
    static void createOwnerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the platform's defaults apply
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store's directory " + dir, e);
        }
    }

    /**
     * Creates an empty database file owner-only, or makes an existing one owner-only (H2's was
     * 0644); true when the file is new or still empty, so that {@link #initialise} runs on it.
     */
    static boolean createOwnerOnlyFile(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            return true;
        } catch (FileAlreadyExistsException existing) {
            try {
                makeOwnerOnly(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make the store owner-only: " + file, e);
            }
            return isEmpty(file);
        } catch (UnsupportedOperationException notPosix) {
            return createWithDefaults(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store at " + file, e);
        }
    }

    /** Where the file system is not POSIX, the platform's default permissions apply. */
    private static boolean createWithDefaults(Path file) {
        try {
            Files.createFile(file);
            return true;
        } catch (FileAlreadyExistsException existing) {
            return isEmpty(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store at " + file, e);
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store at " + file, e);
        }
    }
}
