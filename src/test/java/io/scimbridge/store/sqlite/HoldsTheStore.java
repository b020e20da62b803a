package io.scimbridge.store.sqlite;

import java.sql.Connection;
import java.util.Properties;

/** Another bridge process for {@link StoreProcessLockTest}: opens the store, says so, and waits to be killed. */
public final class HoldsTheStore {

    private HoldsTheStore() {}

    public static void main(String[] args) throws Exception {
        try (Connection store = new SqliteStoreDriver().connect(args[0], new Properties())) {
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
